// One running lab: the engine, the device front ends, the Calico clusters, the editable files,
// the exercise and the journal of everything the learner did.

import type { ApplyResult, CheckResult, CompletionResult, ExecResult, LabEvent, PacketTrace, SettleResult, TopologyDevice, TopologySegment, TopologySession, TopologyView } from '../api-types.ts';
import { error, type Diagnostic } from '../core/diagnostics.ts';
import { formatIfAddr, formatIp, formatPrefix, networkOf, parseIp, type Ip } from '../core/ip.ts';
import { Network } from '../engine/network.ts';
import { runCheck } from '../grader/checks.ts';
import type { ExerciseInfo, JournalEntry, LabDeviceInfo, LabFileInfo, LabHandle } from '../lab-handle.ts';
import type { DeviceConfig } from '../model/device.ts';
import type { DeviceFrontEnd, ExecContext } from '../model/frontend.ts';
import type { ConnectRequest, NetworkQuery, ProbeRequest } from '../model/query.ts';
import type { BgpState } from '../model/state.ts';
import type { ExerciseDef } from './exercise.ts';
import type { LabDef } from './labfile.ts';
import type { ClusterRuntime } from './registry.ts';

export interface LabParts {
  readonly def: LabDef;
  readonly exercise?: ExerciseDef;
  readonly exerciseInfo?: ExerciseInfo;
  readonly net: Network;
  readonly frontEnds: Map<string, DeviceFrontEnd>;
  /** Static configs of devices without a config front end (hosts), keyed by name. */
  readonly bases: Map<string, DeviceConfig>;
  readonly clusters: Map<string, ClusterRuntime>;
  /** Editable files: name → cluster it belongs to and current text. */
  readonly files: Map<string, { cluster: string; text: string; kind: 'calico' | 'kubernetes' }>;
}

const STATE_RANK: Record<BgpState, number> = { Idle: 0, Connect: 1, Active: 2, OpenSent: 3, OpenConfirm: 4, Established: 5 };

export class Lab implements LabHandle {
  readonly id: string;
  readonly title: string;
  private readonly entries: JournalEntry[] = [];
  private trace: PacketTrace | undefined;
  private readonly applied = new Map<string, string>();
  readonly diagnostics: Diagnostic[] = [];
  private readonly query_: NetworkQuery;

  constructor(readonly parts: LabParts) {
    this.id = parts.exercise ? `${parts.def.id}/${parts.exercise.id}` : parts.def.id;
    this.title = parts.exercise?.title ?? parts.def.title;
    this.query_ = this.tracingQuery();
  }

  // ------------------------------------------------------------------ wiring

  /** Recomputes every device's configuration from its source and hands changes to the engine. */
  commit(): SettleResult {
    const { net, frontEnds, bases, clusters } = this.parts;
    const want = new Map<string, DeviceConfig>();
    for (const [name, fe] of frontEnds) {
      if (bases.has(name) || this.clusterOf(name)) continue;
      const r = fe.deviceConfig();
      want.set(name, r.config);
    }
    for (const [name, cfg] of bases) want.set(name, cfg);
    for (const c of clusters.values()) {
      const r = c.devices();
      for (const d of r.devices) want.set(d.name, d);
    }
    for (const [name, cfg] of want) {
      const text = JSON.stringify(cfg);
      if (this.applied.get(name) === text) continue;
      this.applied.set(name, text);
      net.setDevice(cfg);
    }
    for (const name of [...this.applied.keys()]) {
      if (!want.has(name)) {
        this.applied.delete(name);
        net.removeDevice(name);
      }
    }
    return net.settle();
  }

  private clusterOf(device: string): ClusterRuntime | undefined {
    const dev = this.parts.def.devices.find((d) => d.name === device);
    if (dev?.kind !== 'calico-node') return undefined;
    return this.parts.clusters.get(dev.cluster ?? this.parts.def.clusters[0]?.name ?? '');
  }

  private ctx(): ExecContext {
    return {
      net: this.query_,
      commit: () => this.commit(),
      daemon: (device, action) => {
        this.parts.net.daemon(device, action);
        this.parts.net.settle();
      },
      link: (device, iface, up) => {
        this.parts.net.link(device, iface, up);
        this.parts.net.settle();
      },
      wait: (seconds) => this.parts.net.advance(seconds),
    };
  }

  /** A NetworkQuery that remembers the last probe's path for the topology animation. */
  private tracingQuery(): NetworkQuery {
    const net = this.parts.net;
    const self = this;
    const q = Object.create(net) as NetworkQuery & { ping: Network['ping']; traceroute: Network['traceroute']; connect: Network['connect'] };
    q.ping = (req: ProbeRequest) => {
      const r = net.ping(req);
      self.trace = r.trace;
      return r;
    };
    q.traceroute = (req) => {
      const r = net.traceroute(req);
      self.trace = r.trace;
      return r;
    };
    q.connect = (req: ConnectRequest) => {
      const r = net.connect(req);
      self.trace = r.trace;
      return r;
    };
    Object.defineProperty(q, 'time', { get: () => net.time });
    return q;
  }

  private frontEnd(device: string): DeviceFrontEnd | undefined {
    return this.parts.frontEnds.get(device);
  }

  // ------------------------------------------------------------------ LabHandle

  exercise(): ExerciseInfo | undefined {
    return this.parts.exerciseInfo;
  }

  devices(): readonly LabDeviceInfo[] {
    return this.parts.def.devices.map((d) => ({ name: d.name, kind: d.kind, platform: d.platform, terminal: d.terminal && this.parts.frontEnds.has(d.name) }));
  }

  prompt(device: string): string {
    return this.frontEnd(device)?.prompt() ?? `${device}$ `;
  }

  exec(device: string, line: string): ExecResult {
    const fe = this.frontEnd(device);
    if (!fe) return { output: `no terminal on ${device}`, prompt: `${device}$ `, changed: false };
    this.entries.push({ kind: 'exec', device, line });
    let r: ExecResult;
    try {
      r = fe.exec(line, this.ctx());
    } catch (e) {
      // A front-end bug must not kill the lab: report it like a crashed command.
      r = { output: `internal error: ${(e as Error).message}`, prompt: fe.prompt(), changed: false };
    }
    this.parts.net.settle();
    return r;
  }

  complete(device: string, line: string): CompletionResult {
    const fe = this.frontEnd(device);
    if (!fe) return { line, candidates: [], help: '' };
    try {
      return fe.complete(line, this.ctx());
    } catch {
      return { line, candidates: [], help: '' };
    }
  }

  help(device: string, line: string): string {
    try {
      return this.frontEnd(device)?.help(line, this.ctx()) ?? '';
    } catch {
      return '';
    }
  }

  interrupt(device: string): string {
    const fe = this.frontEnd(device);
    if (!fe) return '';
    this.entries.push({ kind: 'interrupt', device });
    return fe.interrupt();
  }

  files(): readonly LabFileInfo[] {
    return [...this.parts.files].map(([name, f]) => ({ name, text: f.text, kind: f.kind }));
  }

  validate(file: string, text: string): readonly Diagnostic[] {
    const f = this.parts.files.get(file);
    const c = f ? this.parts.clusters.get(f.cluster) : this.parts.clusters.values().next().value;
    if (!c) return [error('lab.no-cluster', 'this lab has no Calico cluster to apply resources to', { file, line: 1, column: 1 })];
    return c.validate(file, text);
  }

  apply(file: string, text: string): ApplyResult {
    const f = this.parts.files.get(file);
    const c = f ? this.parts.clusters.get(f.cluster) : this.parts.clusters.values().next().value;
    if (!c) return { ok: false, message: 'this lab has no Calico cluster', diagnostics: [], changed: false };
    const r = c.apply(file, text);
    // A rejected apply changes nothing (calicoctl leaves the datastore untouched): no journal entry.
    if (r.ok || r.changed) this.entries.push({ kind: 'apply', file, text });
    if (f) f.text = text;
    else this.parts.files.set(file, { cluster: c.name, text, kind: 'calico' });
    if (r.changed) this.commit();
    return r;
  }

  settle(): SettleResult {
    return this.parts.net.settle();
  }

  wait(seconds: number): SettleResult {
    this.entries.push({ kind: 'wait', seconds });
    return this.parts.net.advance(seconds);
  }

  time(): number {
    return this.parts.net.time;
  }

  topology(): TopologyView {
    const { net, def } = this.parts;
    const devices: TopologyDevice[] = [];
    for (const name of net.deviceNames()) {
      const cfg = net.config(name)!;
      const labDev = def.devices.find((d) => d.name === name);
      const podNode = cfg.kind === 'pod' ? cfg.interfaces.find((i) => i.segment?.startsWith('veth:'))?.segment?.split(':')[1] : undefined;
      devices.push({
        name,
        kind: labDev?.kind ?? cfg.kind,
        platform: cfg.platform,
        ...(cfg.bgp ? { asn: cfg.bgp.asn } : {}),
        routeReflector: !!cfg.bgp?.neighbors.some((n) => n.rrClient),
        running: net.running(name),
        addresses: cfg.interfaces.flatMap((i) => i.addresses.map((a) => formatIfAddr(a))),
        ...(podNode ? { node: podNode } : {}),
        ...(labDev?.position ? { position: labDev.position } : {}),
      });
    }
    const segs = new Map<string, { members: TopologySegment['members'][number][]; subnet?: string }>();
    for (const name of net.deviceNames()) {
      for (const i of net.config(name)!.interfaces) {
        if (!i.segment) continue;
        const s = segs.get(i.segment) ?? { members: [] };
        const a = i.addresses[0];
        s.members.push({ device: name, iface: i.name, ...(a ? { address: formatIp(a.ip) } : {}) });
        if (a && !s.subnet && a.len < 32) s.subnet = formatPrefix({ addr: networkOf(a.ip, a.len), len: a.len });
        segs.set(i.segment, s);
      }
    }
    const segments: TopologySegment[] = [...segs].map(([name, s]) => ({ name, members: s.members, ...(s.subnet ? { subnet: s.subnet } : {}) }));
    const pairs = new Map<string, TopologySession>();
    for (const name of net.deviceNames()) {
      for (const s of net.sessions(name)) {
        const peer = net.ownerOf(s.peer);
        if (!peer) continue;
        const [a, b] = name < peer ? [name, peer] : [peer, name];
        const key = `${a}|${b}`;
        const prev = pairs.get(key);
        if (!prev || STATE_RANK[s.state] > STATE_RANK[prev.state]) {
          pairs.set(key, { a, b, state: s.state, internal: s.internal, reason: s.reason, rrClient: s.rrClient || (prev?.rrClient ?? false) });
        }
      }
    }
    return { devices, segments, sessions: [...pairs.values()] };
  }

  events(): readonly LabEvent[] {
    return this.parts.net.events();
  }

  grade(): readonly CheckResult[] {
    const ex = this.parts.exercise;
    if (!ex) return [];
    // Grading probes do not count as the learner's last trace (the topology shows only theirs).
    return ex.checks.map((c) => runCheck(c, this.parts.net, (ref) => this.resolveAddress(ref)));
  }

  /** "10.0.0.1", a device name ("R1", "web"), or "node/pod". */
  resolveAddress(ref: string): Ip | undefined {
    const ip = parseIp(ref);
    if (ip !== null) return ip;
    const net = this.parts.net;
    const candidates = [ref, ref.replace('/', '-')];
    for (const name of candidates) {
      const cfg = net.config(name);
      if (cfg) {
        const a = cfg.interfaces.find((i) => i.addresses.length > 0 && !i.loopback)?.addresses[0] ?? cfg.interfaces.find((i) => i.addresses.length > 0)?.addresses[0];
        if (a) return a.ip;
      }
    }
    return undefined;
  }

  lastTrace(): PacketTrace | undefined {
    return this.trace;
  }

  journal(): readonly JournalEntry[] {
    return this.entries;
  }

  query(): NetworkQuery {
    return this.query_;
  }

  /** Replays one journal entry (restoring a saved or shared session). */
  replay(e: JournalEntry): void {
    switch (e.kind) {
      case 'exec':
        this.exec(e.device, e.line);
        break;
      case 'apply':
        this.apply(e.file, e.text);
        break;
      case 'interrupt':
        this.interrupt(e.device);
        break;
      case 'wait':
        this.wait(e.seconds);
        break;
    }
  }
}
