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
import { formatIp } from '../../core/ip.ts';
import { chooseNodeAddress } from './node-address.ts';
import { CalicoNodeLog } from './node-log.ts';
import type { NodeLogLine } from './node-log.ts';
import type { AddressChoice } from './node-address.ts';
import { ANNOTATION } from './resources/calico-node.ts';
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
  /** The hosts without their packet filters and routes (those are in `locals`). */
  private readonly compileHosts: readonly CalicoHost[];

  constructor(
    readonly name: string,
    readonly hosts: readonly CalicoHost[],
    pods: readonly LabPod[] = [],
    options: Partial<ClusterOptions> = {},
    /** Device names the rest of the lab uses (pod devices avoid them). */
    readonly reservedNames: ReadonlySet<string> = new Set(),
  ) {
    this.store_ = reconcile(initialStore(hosts, pods, options));
    // The lab's packet filters (blockBgp) are the machine's iptables rules: the node's shell
    // lists and deletes them like rules typed there, so they live in the local state.
    // Same for the lab's routes: `ip route del/replace` works on them.
    for (const h of hosts) this.locals.set(h.name, { filters: [...(h.filters ?? [])], routes: [...h.staticRoutes] });
    this.compileHosts = hosts.map(({ filters: _f, ...h }) => ({ ...h, staticRoutes: [] }));
    for (const h of hosts) {
      const addr = this.store_.calicoNode(h.name)?.spec?.bgp?.ipv4Address;
      const iface = h.interfaces.find((i) => i.addresses.some((a) => addr !== undefined && addr.startsWith(`${formatIp(a.ip)}/`)))?.name;
      this.log.startup(h.name, 0, addr ? { kind: 'address', cidr: addr, why: `autodetected on interface ${iface ?? 'eth0'}` } : undefined, addr);
    }
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
    let next = this.adopt(s);
    // A changed calico-node pod template rolls the DaemonSet: every calico-node restarts and
    // re-runs its startup (address autodetection).
    if (podTemplateKey(this.store_) !== podTemplateKey(next)) {
      next = this.startCalicoNodes(next);
      this.rollouts_++;
    }
    this.store_ = reconcile(next);
    this.last = undefined;
  }

  private rollouts_ = 0;
  private readonly log = new CalicoNodeLog();

  /** calico-node's log on `node` (startup, confd installs and check failures). */
  nodeLog(node: string): readonly NodeLogLine[] {
    void this.compiled; // a pending change is rendered (and logged) first
    return this.log.of(node);
  }
  private readonly startup = new Map<string, AddressChoice>();

  /** How many times the calico-node DaemonSet rolled (a shell restarts BIRD on every node when it moves). */
  get rollouts(): number {
    return this.rollouts_;
  }

  /** What calico-node's last startup on `node` decided about its address (for logs). */
  startupNote(node: string): AddressChoice | undefined {
    return this.startup.get(node);
  }

  /**
   * calico-node startup on every node (C331 startup.go configureIPsAndSubnets): with IP unset or
   * "autodetect" the address is detected again and overwrites the Node's BGP address; a
   * failed detection keeps the old one.
   */
  private startCalicoNodes(s: Datastore): Datastore {
    const env = calicoNodeEnv(s);
    for (const h of this.hosts) {
      const node = s.get('v1', 'Node', h.name);
      if (!node) continue;
      const status = node.status as { addresses?: { type?: string; address?: string }[] } | undefined;
      const internal = status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
      // can-reach follows the machine's routes as they are now (lab routes + `ip route` changes).
      const choice = chooseNodeAddress({ ...h, staticRoutes: this.locals.get(h.name)?.routes ?? h.staticRoutes }, env, internal);
      this.startup.set(h.name, choice);
      const before = node.metadata.annotations?.[ANNOTATION.ipv4];
      this.log.startup(h.name, s.now, choice, choice.kind === 'address' ? choice.cidr : choice.kind === 'none' ? undefined : before);
      const annotations = { ...(node.metadata.annotations ?? {}) };
      if (choice.kind === 'address') annotations[ANNOTATION.ipv4] = choice.cidr;
      else if (choice.kind === 'none') delete annotations[ANNOTATION.ipv4];
      else continue;
      if (annotations[ANNOTATION.ipv4] === node.metadata.annotations?.[ANNOTATION.ipv4]) continue;
      s = s.put({ ...node, metadata: { ...node.metadata, annotations } }).store;
    }
    return s;
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
      hosts: this.compileHosts,
      ipam: this.ipam_,
      ...(this.prevCompile ? { previous: this.prevCompile } : {}),
      reservedNames: this.reservedNames,
    });
    this.ipam_ = r.ipam;
    for (const [node, e] of r.explain) {
      const line = r.diagnostics.find((d) => d.code === 'bird.config' && d.span?.file === `${node}:/etc/calico/confd/config/bird.cfg`)?.span?.line ?? 1;
      this.log.configResult(node, this.store_.now, e.configErrors, line, !e.birdDown);
    }
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
    // Calico and Kubernetes objects together: one summary in calicoctl's words for mixed kinds.
    if (ok && runs.length > 1) return { ok, message: `Successfully applied ${decoded.resources.length} resource(s)`, diagnostics, changed: changed && !options.dryRun };
    return { ok, message: messages.join('\n'), diagnostics, changed: changed && !options.dryRun };
  }

  /** Diagnostics for the editor without applying. */
  validate(file: string, text: string): readonly Diagnostic[] {
    return this.applyFile(file, text, { dryRun: true }).diagnostics;
  }
}

/** The calico-node DaemonSet's pod template, as a comparable key (a change means a rollout). */
function podTemplateKey(s: Datastore): string {
  const ds = s.get('apps/v1', 'DaemonSet', 'calico-node', s.options.calicoNamespace);
  const stable = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
    if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      return `{${Object.keys(o)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
        .join(',')}}`;
    }
    return JSON.stringify(v) ?? 'null';
  };
  return stable((ds?.spec as { template?: unknown } | undefined)?.template ?? null);
}
