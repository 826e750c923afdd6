// One Calico cluster in a lab: its datastore, its IPAM state, its machines and the last
// compile result — the mutable shell around the pure pieces, shared by the lab (YAML pane,
// devices()) and by every node's shell (calicoctl, kubectl). Every change goes through
// `setStore`, so a rejected command leaves everything as it was.

import type { ApplyResult } from '../../api-types.ts';
import type { Diagnostic } from '../../core/diagnostics.ts';
import type { DeviceConfig, PacketFilterRule, StaticRoute } from '../../model/device.ts';
import { runFileAction } from './calicoctl/verbs.ts';
import { adoptServiceRange, ensureDefaultPool, initialStore } from './cluster-init.ts';
import type { LabPod } from './cluster-init.ts';
import { compileCluster } from './compile/cluster.ts';
import type { CompileResult } from './compile/cluster.ts';
import { EMPTY_IPAM } from './compile/ipam.ts';
import type { IpamState } from './compile/ipam.ts';
import type { CalicoHost } from './compile/view.ts';
import { calicoNodeEnv } from './compile/view.ts';
import type { ClusterOptions, Datastore } from './datastore.ts';
import { kubectlApplyResources } from './kube/apply.ts';
import { reconcile } from './kube/controllers.ts';
import { decodeFile } from './resources/decode-file.ts';
import type { DecodedResource } from './resources/decode-file.ts';

/** Machine-local state a node's shell changes (iptables rules, `ip route add`). */
export interface NodeLocalState {
  filters: PacketFilterRule[];
  routes: StaticRoute[];
}

export class CalicoCluster {
  private store_: Datastore;
  private readonly locals = new Map<string, NodeLocalState>();
  private ipam_: IpamState = EMPTY_IPAM;
  private last: CompileResult | undefined;
  private started = false;

  constructor(
    readonly name: string,
    readonly hosts: readonly CalicoHost[],
    pods: readonly LabPod[] = [],
    options: Partial<ClusterOptions> = {},
    /** Device names the rest of the lab uses (pod devices avoid them). */
    readonly reservedNames: ReadonlySet<string> = new Set(),
  ) {
    this.store_ = reconcile(initialStore(hosts, pods, options));
    // A range the lab states explicitly wins over the one guessed from BGPConfiguration.
    this.rangeAdopted = options.serviceClusterIPRange !== undefined;
  }

  get store(): Datastore {
    return this.store_;
  }

  get ipam(): IpamState {
    return this.ipam_;
  }

  /** The last compile (devices, explanations, pods, services), compiling if needed. */
  get compiled(): CompileResult {
    return this.last ?? this.compile();
  }

  /** Replaces the datastore (after a successful command) and runs the control plane. */
  setStore(s: Datastore): void {
    if (s === this.store_) return;
    this.store_ = reconcile(this.adopt(s));
    this.last = undefined;
  }

  private rangeAdopted = false;

  /** The first time the lab's service range is known, the cluster adopts it (cluster-init.ts). */
  private adopt(s: Datastore): Datastore {
    if (this.rangeAdopted) return s;
    const next = adoptServiceRange(s, calicoNodeEnv(s));
    if (next !== s) this.rangeAdopted = true;
    return next;
  }

  /** Lab time moves: new objects get timestamps from it. */
  setTime(seconds: number): void {
    this.store_ = this.store_.at(seconds);
  }

  /** Recompiles: node and pod devices from the datastore (BIRD's `bird -p` fallback included). */
  compile(): CompileResult {
    if (!this.started) {
      // calico-node's first start creates the default IP pool when the cluster has none.
      this.started = true;
      this.store_ = ensureDefaultPool(this.store_, calicoNodeEnv(this.store_));
    }
    const r = compileCluster({
      store: this.store_,
      hosts: this.hosts,
      ipam: this.ipam_,
      ...(this.prevCompile ? { previous: this.prevCompile } : {}),
      reservedNames: this.reservedNames,
    });
    this.ipam_ = r.ipam;
    this.last = r;
    this.prevCompile = r;
    return r;
  }

  /** The compile before the current datastore change (what BIRD runs until a valid config). */
  private prevCompile: CompileResult | undefined;

  /** The local state of a node (created on first use; the shell mutates it, then commits). */
  local(node: string): NodeLocalState {
    let l = this.locals.get(node);
    if (!l) {
      l = { filters: [], routes: [] };
      this.locals.set(node, l);
    }
    return l;
  }

  devices(): { devices: readonly DeviceConfig[]; diagnostics: readonly Diagnostic[] } {
    const r = this.compiled;
    const devices = r.devices.map((d) => {
      const l = this.locals.get(d.name);
      if (!l || (l.filters.length === 0 && l.routes.length === 0)) return d;
      return { ...d, filters: [...d.filters, ...l.filters], staticRoutes: [...d.staticRoutes, ...l.routes] };
    });
    return { devices, diagnostics: r.diagnostics };
  }

  /**
   * Applies a lab file (Calico and Kubernetes objects may be mixed, in order): Calico objects
   * as `calicoctl apply`, Kubernetes ones as `kubectl apply`. All or nothing: on any error the
   * datastore is left untouched.
   */
  applyFile(file: string, text: string, options: { dryRun?: boolean } = {}): ApplyResult {
    const decoded = decodeFile(text, { tool: 'lab', file });
    if (decoded.fileError !== undefined) {
      return { ok: false, message: `failed to execute command: ${decoded.fileError}`, diagnostics: decoded.diagnostics, changed: false };
    }
    if (decoded.resources.length === 0) {
      return { ok: true, message: 'No resources specified', diagnostics: decoded.diagnostics, changed: false };
    }
    let cur = this.store_;
    const messages: string[] = [];
    const diagnostics: Diagnostic[] = [...decoded.diagnostics];
    let ok = true;
    const runs: { group: 'calico' | 'k8s'; items: DecodedResource[] }[] = [];
    for (const d of decoded.resources) {
      const last = runs[runs.length - 1];
      if (last && last.group === d.def.group) last.items.push(d);
      else runs.push({ group: d.def.group, items: [d] });
    }
    for (const run of runs) {
      cur = this.rangeAdopted ? cur : adoptServiceRange(cur, calicoNodeEnv(cur));
      if (run.group === 'calico') {
        const r = runFileAction(cur, run.items, 'apply');
        cur = r.store;
        diagnostics.push(...r.diagnostics);
        if (r.stdout) messages.push(r.stdout);
        if (r.stderr) messages.push(r.stderr);
        ok &&= r.ok;
      } else {
        const r = kubectlApplyResources(cur, run.items, file);
        cur = r.store;
        diagnostics.push(...r.diagnostics);
        if (r.stdout) messages.push(r.stdout);
        if (r.stderr) messages.push(r.stderr);
        ok &&= r.ok;
      }
    }
    cur = this.rangeAdopted ? cur : adoptServiceRange(cur, calicoNodeEnv(cur));
    const changed = ok && cur !== this.store_;
    if (ok && !options.dryRun) this.setStore(cur);
    if (!ok && cur !== this.store_) messages.push('Nothing was applied: a lab file is applied only when every object in it is valid.');
    return { ok, message: messages.join('\n'), diagnostics, changed: changed && !options.dryRun };
  }

  /** Diagnostics for the editor without applying. */
  validate(file: string, text: string): readonly Diagnostic[] {
    return this.applyFile(file, text, { dryRun: true }).diagnostics;
  }
}
