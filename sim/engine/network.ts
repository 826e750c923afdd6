// The simulated network: devices, L2 segments, BGP sessions and the event loop over virtual
// time. It applies configuration, daemon and link changes, settles to quiescence, and
// answers every NetworkQuery (views, ping, traceroute, TCP connect).

import { formatIp, prefixContainsIp, prefixKey, type Ip, type Prefix } from '../core/ip.ts';
import { prefixOfId } from '../core/prefix-id.ts';
import type { LabEvent, SettleResult } from '../api-types.ts';
import { DISTANCES, type DeviceConfig } from '../model/device.ts';
import { DEFAULT_TIMERS, type NeighborConfig } from '../model/bgp.ts';
import type { AdjRibEntry, BgpRouteEntryView, ConnectRequest, ConnectResult, NetworkQuery, PingResult, ProbeRequest, TracerouteResult } from '../model/query.ts';
import type { ResolvedNextHop } from '../model/route.ts';
import type { FibEntryView, InterfaceView, RibRouteView, SessionError, SessionView } from '../model/state.ts';
import { Speaker, coversTracked, multipathNexthops, type SpeakerHost, type TableEntry, type UpdateItem } from '../bgp/speaker.ts';
import { Session } from '../bgp/session.ts';
import { evaluateChain } from '../bgp/policy-eval.ts';
import { slotItems } from '../bgp/slots.ts';
import { DeviceRuntime, type RibCandidate } from './device.ts';
import { macFor, pathView, sessionView } from './views.ts';
import { EventQueue, type Scheduled } from './queue.ts';
import { SessionSet } from './session-set.ts';
import { LpmTable } from '../rib/lpm.ts';
import type { Fabric } from '../dataplane/fabric.ts';
import { walk } from '../dataplane/forward.ts';
import { probeConnect, probePing, probeTraceroute } from '../dataplane/probes.ts';
import { tryConnect, type ConnectOutcome } from './connect.ts';

type Ev =
  | { k: 'decide'; dev: string }
  | { k: 'attempt'; s: Session }
  | { k: 'established'; a: Session; b: Session; conn: number; local: Ip; ephemeral: number }
  | { k: 'deliver'; to: Session; conn: number; items: UpdateItem[]; eor: boolean }
  | { k: 'restart'; s: Session }
  | { k: 'hold'; s: Session; conn: number }
  | { k: 'stale'; s: Session };

/** Events that only fire because time passes (they never run inside `settle`). */
function isDeadline(k: Ev['k']): boolean {
  return k === 'hold' || k === 'stale';
}

export interface NetworkOptions {
  readonly seed?: number;
  /** Wall-clock time of day (seconds since midnight) that virtual time 0 maps to, for `since` columns. */
  readonly clockOrigin?: number;
  /** Record events for replay (off for big benchmarks). */
  readonly log?: boolean;
  readonly maxSteps?: number;
}

const MSG_DELAY: Record<string, number> = { bird: 0.01, frr: 0.2, 'cisco-ios': 0.2, 'huawei-vrp': 0.2 };
const OPEN_DELAY = 0.05;

export class Network implements NetworkQuery, Fabric {
  time = 0;
  readonly devices = new Map<string, DeviceRuntime>();
  private readonly queue = new EventQueue<Ev>();
  private pendingProgress = 0;
  private readonly decideScheduled = new Set<string>();
  private readonly log: LabEvent[] = [];
  private readonly logging: boolean;
  /** Topology epoch: interfaces, links, filters, daemons, configs. */
  private epoch = 0;
  private checkedEpoch = 0;
  /**
   * Bumped by every topology change and every liveness sweep: a session whose path was walked
   * at the current value (its connection was just made) needs only the targeted check.
   */
  private liveGen = 0;
  /** Prefixes whose forwarding changed anywhere since the last sweep, with the latest change number. */
  private routeChanges = new LpmTable<number>();
  private routeChangeCount = 0;
  /** Devices whose config changed (value: the config before, null when new) — applied at flush. */
  private readonly pending = new Map<string, DeviceConfig | null>();
  /** Devices that only need their connected/static routes recomputed. */
  private readonly localDirty = new Set<string>();
  private segmentsDirty = false;
  private segAlive = new Map<string, number>();
  private arpIndex = new Map<string, { byIp: Map<Ip, { device: string; iface: string }>; proxies: { device: string; iface: string }[] }>();
  private addrIndex = new Map<Ip, string>();
  /** Sessions that are not up and may retry; sessions that are up (liveness checks). */
  private readonly waiting = new SessionSet('waitingPos');
  private readonly up = new SessionSet('upPos');
  private connCounter = 0;
  private readonly maxSteps: number;
  readonly clockOrigin: number;
  /** Segment name → member ports. */
  private segments = new Map<string, { device: string; iface: string }[]>();

  constructor(opts: NetworkOptions = {}) {
    this.logging = opts.log !== false;
    this.maxSteps = opts.maxSteps ?? 5_000_000;
    this.clockOrigin = opts.clockOrigin ?? 10 * 3600;
  }

  // =================================================================== configuration

  /**
   * Adds or replaces a device's configuration. Applied lazily (at the next settle), so a bulk
   * load rebuilds each device once instead of once per neighbour added.
   */
  setDevice(cfg: DeviceConfig): void {
    let dev = this.devices.get(cfg.name);
    if (!dev) {
      dev = new DeviceRuntime(cfg, () => this.time, (seg) => (this.segAlive.get(seg) ?? 0) >= 2);
      this.devices.set(cfg.name, dev);
      this.pending.set(cfg.name, null);
      this.record(cfg.name, 'config', `${cfg.name} added`);
    } else if (!this.pending.has(cfg.name)) {
      this.pending.set(cfg.name, dev.cfg);
    }
    const before = this.pending.get(cfg.name);
    for (const i of [...(before?.interfaces ?? []), ...cfg.interfaces]) if (i.segment) this.touchSegment(i.segment);
    dev.cfg = cfg;
    this.segmentsDirty = true;
  }

  removeDevice(name: string): void {
    const dev = this.devices.get(name);
    if (!dev) return;
    this.flush();
    if (dev.speaker) this.stopSpeaker(dev, 'stop');
    for (const i of dev.cfg.interfaces) if (i.segment) this.touchSegment(i.segment);
    this.devices.delete(name);
    this.localDirty.delete(name);
    this.segmentsDirty = true;
  }

  /** Every device on `segment` needs its connected routes recomputed. */
  private touchSegment(segment: string): void {
    for (const p of this.segments.get(segment) ?? []) this.localDirty.add(p.device);
    this.touchedSegments.add(segment);
  }

  private readonly touchedSegments = new Set<string>();

  /** Applies pending configuration and interface changes (once per settle, not per call). */
  private flush(): void {
    if (this.pending.size === 0 && this.localDirty.size === 0 && !this.segmentsDirty) return;
    if (this.segmentsDirty) this.rebuildSegments();
    for (const seg of this.touchedSegments) for (const p of this.segments.get(seg) ?? []) this.localDirty.add(p.device);
    this.touchedSegments.clear();
    const affected = new Set<string>([...this.pending.keys(), ...this.localDirty]);
    for (const name of affected) this.devices.get(name)?.rebuildLocal();
    this.rebuildIndexes();
    for (const [name, before] of this.pending) {
      const dev = this.devices.get(name);
      if (dev) this.applyBgp(dev, before ?? undefined);
    }
    for (const name of affected) {
      const dev = this.devices.get(name);
      if (dev) this.afterLocalChange(dev);
    }
    this.pending.clear();
    this.localDirty.clear();
    this.bumpEpoch();
  }

  /** `systemctl stop bird` (clean, NOTIFICATION), `kill -9` (no NOTIFICATION), start, restart. */
  daemon(name: string, action: 'start' | 'stop' | 'kill' | 'restart'): void {
    const dev = this.devices.get(name);
    if (!dev) return;
    this.flush();
    if (action === 'stop' || action === 'kill' || action === 'restart') {
      if (dev.daemon === 'running') {
        this.stopSpeaker(dev, action === 'kill' ? 'kill' : 'stop');
        dev.daemon = action === 'kill' ? 'killed' : 'stopped';
        this.record(name, 'daemon', `${daemonName(dev)} ${action === 'kill' ? 'killed (SIGKILL)' : 'stopped'}`);
      }
      if (action !== 'restart') {
        this.bumpEpoch();
        return;
      }
    }
    if (dev.daemon !== 'running') {
      dev.daemon = 'running';
      dev.forgetPersisted();
      this.record(name, 'daemon', `${daemonName(dev)} started`);
      this.applyBgp(dev, undefined);
      this.afterLocalChange(dev);
      this.bumpEpoch();
    }
  }

  /** Cable pulled / plugged (operational state; `shutdown` is configuration). */
  link(name: string, iface: string, up: boolean): void {
    const dev = this.devices.get(name);
    if (!dev) return;
    if (up) dev.linkDown.delete(iface);
    else dev.linkDown.add(iface);
    this.record(name, 'link', `${name} ${iface} link ${up ? 'up' : 'down'}`);
    const seg = dev.cfg.interfaces.find((i) => i.name === iface)?.segment;
    this.localDirty.add(name);
    if (seg) this.touchSegment(seg);
    this.segmentsDirty = true;
    this.flush();
  }

  private rebuildSegments(): void {
    const segs = new Map<string, { device: string; iface: string }[]>();
    const alive = new Map<string, number>();
    for (const d of this.devices.values()) {
      for (const i of d.cfg.interfaces) {
        if (!i.segment) continue;
        const list = segs.get(i.segment) ?? [];
        list.push({ device: d.cfg.name, iface: i.name });
        segs.set(i.segment, list);
        if (!i.shutdown && !d.linkDown.has(i.name)) alive.set(i.segment, (alive.get(i.segment) ?? 0) + 1);
      }
    }
    this.segments = segs;
    this.segAlive = alive;
    this.segmentsDirty = false;
  }

  /** Address → owner and per-segment ARP tables, from every device's up interfaces. */
  private rebuildIndexes(): void {
    const addr = new Map<Ip, string>();
    const arp = new Map<string, { byIp: Map<Ip, { device: string; iface: string }>; proxies: { device: string; iface: string }[] }>();
    for (const d of this.devices.values()) {
      for (const [ip] of d.localAddresses) if (!addr.has(ip)) addr.set(ip, d.cfg.name);
      for (const i of d.cfg.interfaces) {
        if (!i.segment || !d.ifaceUp(i.name)) continue;
        let t = arp.get(i.segment);
        if (!t) arp.set(i.segment, (t = { byIp: new Map(), proxies: [] }));
        const port = { device: d.cfg.name, iface: i.name };
        for (const a of i.addresses) if (!t.byIp.has(a.ip)) t.byIp.set(a.ip, port);
        if (i.proxyArp) t.proxies.push(port);
      }
    }
    this.addrIndex = addr;
    this.arpIndex = arp;
  }

  // =================================================================== BGP lifecycle

  private hostFor(dev: DeviceRuntime): SpeakerHost {
    const net = this;
    return {
      device: dev.cfg.name,
      now: () => net.time,
      resolve: (ip, sp) => dev.resolveNextHop(ip, sp),
      installed: (e) => dev.bgpInstalled(e, (x) => net.kernelExport(dev, x)),
      send: (from, items, eor) => net.send(from, items, eor),
      log: (kind, text, extra) => net.record(dev.cfg.name, kind, text, extra),
      get prefixLists() {
        return dev.cfg.prefixLists;
      },
      subnetOf: (ip) => dev.subnetOf(ip),
    };
  }

  private routerIdFor(dev: DeviceRuntime): Ip {
    const explicit = dev.cfg.bgp?.routerId;
    if (explicit !== undefined) return explicit;
    // FRR/Cisco/VRP: highest loopback address, else highest interface address.
    let loop = 0;
    let any = 0;
    for (const i of dev.cfg.interfaces) {
      for (const a of i.addresses) {
        if (i.loopback && a.ip > loop && a.ip >>> 24 !== 127) loop = a.ip;
        if (a.ip > any) any = a.ip;
      }
    }
    return loop || any;
  }

  private applyBgp(dev: DeviceRuntime, before: DeviceConfig | undefined): void {
    const bgp = dev.cfg.bgp;
    if (!bgp || bgp.shutdown || dev.daemon !== 'running') {
      if (dev.speaker) this.stopSpeaker(dev, 'deconfigure');
      return;
    }
    const routerId = this.routerIdFor(dev);
    const sp = dev.speaker;
    if (!sp || sp.asn !== bgp.asn || sp.routerId !== routerId || sp.family !== bgp.family) {
      if (sp) this.stopSpeaker(dev, 'deconfigure');
      const fresh = new Speaker(this.hostFor(dev), bgp, routerId);
      fresh.owner = dev;
      dev.speaker = fresh;
      for (const s of fresh.sessions) this.startSession(s);
      return;
    }
    const decisionChanged = sp.cfg !== bgp;
    sp.cfg = bgp;
    sp.clusterId = bgp.clusterId ?? routerId;
    sp.invalidateExports();
    // Best-path knobs (multipath-relax, maximum-paths, always-compare-med…) apply at once:
    // FRR recalculates every best path without resetting sessions (bgp_recalculate_all_bestpaths).
    if (decisionChanged) sp.reinstallAll();
    const diff = sp.setNeighbors(bgp.neighbors);
    for (const s of diff.removed) this.closeSession(s, { kind: 'sent', text: 'Peer de-configured', code: [6, 3] }, 'neighbor removed from the configuration', false, true);
    for (const s of diff.changed) {
      this.closeSession(s, { kind: 'sent', text: 'Other configuration change', code: [6, 6] }, 'configuration changed', false, false);
      s.lastFailure = '';
      this.startSession(s);
    }
    for (const s of diff.added) this.startSession(s);
    // A protocol waiting for a neighbour lock starts once the holder is gone.
    for (const s of sp.sessions) if (s.locked && sp.byAddress.get(s.cfg.address) === s) this.startSession(s);
    const policyTablesChanged = before !== undefined && JSON.stringify(before.prefixLists) !== JSON.stringify(dev.cfg.prefixLists);
    const soft = new Set(diff.softChanged);
    if (policyTablesChanged) for (const s of sp.sessions) soft.add(s);
    for (const s of soft) {
      if (!s.established) continue;
      sp.reimport(s);
      this.send(s, sp.dump(s), false);
    }
    if (soft.size > 0) sp.markAllDirty();
    this.scheduleDecide(dev.cfg.name);
  }

  /** Pushes the device's non-BGP routes into its speaker and schedules a decision. */
  private afterLocalChange(dev: DeviceRuntime): void {
    const sp = dev.speaker;
    if (sp) {
      if (sp.family === 'bird') {
        const r = dev.birdRoutes();
        sp.setRoutes('static1', r.static1);
        sp.setRoutes('kernel1', r.kernel1);
        sp.setRoutes('direct1', r.direct1);
      } else {
        sp.setRoutes('local', dev.localOriginations());
      }
      this.checkResolution(dev);
      this.scheduleDecide(dev.cfg.name);
    }
    this.noteFibChanges(dev);
  }

  private stopSpeaker(dev: DeviceRuntime, how: 'stop' | 'kill' | 'deconfigure'): void {
    const sp = dev.speaker;
    if (!sp) return;
    for (const s of sp.sessions) {
      const peer = s.remote;
      if (peer) {
        if (how === 'kill') {
          // The kernel closes the sockets: no NOTIFICATION, so the peer may keep routes (GR).
          this.dropConnection(peer, { kind: 'socket', text: 'Connection closed' }, `${dev.cfg.name}'s BGP daemon died`, true);
        } else {
          const code: [number, number] = how === 'stop' ? [6, 2] : [6, 3];
          const text = how === 'stop' ? 'Administrative shutdown' : 'Peer de-configured';
          this.dropConnection(peer, { kind: 'received', text, code }, `${dev.cfg.name} closed the session (${text})`, false);
        }
      }
      this.cancelTimers(s);
      s.removed = true;
      this.waiting.delete(s);
      this.up.delete(s);
    }
    dev.speaker = undefined;
    // BIRD's kernel protocol has `persist`: its routes stay in the kernel after it exits. A
    // reconfiguration (new router id, BGP removed) resynchronises the kernel instead.
    dev.clearBgp(dev.runsBird && how !== 'deconfigure');
    this.noteFibChanges(dev);
  }

  private startSession(s: Session): void {
    const dev = this.devOf(s);
    s.remote = undefined;
    s.connId = undefined;
    if (!dev || dev.daemon !== 'running') return;
    if (s.cfg.shutdown) {
      this.setState(s, 'Idle', 'down', 'administratively shut down');
      return;
    }
    if (s.cfg.remoteAs === 0 && !s.cfg.remoteAsKind) {
      this.setState(s, 'Idle', 'down', 'remote AS number is not set');
      return;
    }
    // BIRD locks a neighbour (address + port) for the first protocol that starts; a second
    // protocol to the same neighbour (a mesh session plus a BGPPeer to the same node) waits
    // in start/Idle with no error for as long as the first exists (BIRD nest/locks.c;
    // verified with BIRD 1.6.8 — see sim/vendors/calico/README.md).
    const holder = s.speaker.family === 'bird' ? s.speaker.byAddress.get(s.cfg.address) : undefined;
    s.locked = !!holder && holder !== s && holder.cfg.port === s.cfg.port;
    if (s.locked) {
      this.setState(s, 'Idle', 'start', `waiting: ${holder!.name} already uses neighbour ${formatIp(s.cfg.address)} (BIRD runs one protocol per neighbour)`);
      this.waiting.delete(s);
      return;
    }
    if (s.cfg.passive) {
      this.setState(s, 'Active', 'start', 'passive: waiting for the peer to connect');
      return;
    }
    this.setState(s, 'Active', 'start', 'connecting');
    this.scheduleAttempt(s, s.cfg.timers.connectDelay);
  }

  private scheduleAttempt(s: Session, delay: number): void {
    if (s.attemptTimer && !s.attemptTimer.cancelled) return;
    s.attemptTimer = this.push(this.time + Math.max(delay, 0.001), { k: 'attempt', s }) as Scheduled<unknown>;
  }

  private attempt(s: Session): void {
    s.attemptTimer = undefined;
    const dev = this.devOf(s);
    if (!dev || dev.daemon !== 'running' || dev.speaker !== s.speaker || s.removed) return;
    if (s.established || s.cfg.shutdown || s.cfg.passive) return;
    if (s.state === 'OpenSent' || s.state === 'OpenConfirm') return;
    s.lastAttemptAt = this.time;
    const out = tryConnect(this, dev, s);
    if (out.ok) {
      // The SYN and SYN-ACK walks are the two liveness walks of the new session (same flows,
      // TTLs and endpoints), so until the next sweep only route changes can break them.
      if (this.ownerOf(s.cfg.address) === out.remote.speaker.host.device && this.ownerOf(out.local) === dev.cfg.name) {
        s.pathCheckedGen = out.remote.pathCheckedGen = this.liveGen;
        s.pathCheckedChange = out.remote.pathCheckedChange = this.routeChangeCount;
      }
      this.openExchange(s, out.remote, out.local, out.ephemeral);
      return;
    }
    this.connectFailed(s, out);
  }

  private connectFailed(s: Session, out: Extract<ConnectOutcome, { ok: false }>): void {
    const sig = `${out.state}|${out.error?.text ?? ''}|${out.reason}`;
    const changed = sig !== s.lastFailure;
    s.lastFailure = sig;
    if (out.error) s.lastError = out.error;
    this.setState(s, out.state, out.protoState ?? 'start', out.reason, changed);
  }

  /** OPEN exchange after a TCP connection from `a` (active) to `b` (passive). */
  private openExchange(a: Session, b: Session, local: Ip, ephemeral: number): void {
    if (b.established || b.state === 'OpenSent' || b.state === 'OpenConfirm') return;
    const errors: { detector: Session; other: Session; text: string; code: [number, number]; reason: string }[] = [];
    const check = (me: Session, peer: Session): void => {
      const peerAs = peer.localAs;
      if (me.cfg.remoteAsKind === 'internal' ? peerAs !== me.localAs : me.cfg.remoteAsKind === 'external' ? peerAs === me.localAs : peerAs !== me.cfg.remoteAs) {
        const expected = me.cfg.remoteAsKind ?? String(me.cfg.remoteAs);
        errors.push({
          detector: me,
          other: peer,
          text: 'Bad peer AS',
          code: [2, 2],
          reason: `${me.speaker.host.device} expects AS ${expected} from ${formatIp(me.cfg.address)} but it announced AS ${peerAs}`,
        });
        return;
      }
      const internal = peerAs === me.localAs;
      if (peer.speaker.routerId === 0 || (internal && peer.speaker.routerId === me.speaker.routerId)) {
        errors.push({
          detector: me,
          other: peer,
          text: 'Bad BGP identifier',
          code: [2, 3],
          reason: `router ID ${formatIp(peer.speaker.routerId)} of ${peer.speaker.host.device} is ${peer.speaker.routerId === 0 ? 'zero' : 'the same as ours'}`,
        });
      }
    };
    check(a, b);
    check(b, a);
    if (errors.length > 0) {
      const e = errors[0]!;
      this.openError(e.detector, { kind: 'sent', text: e.text, code: e.code }, e.reason);
      this.openError(e.other, { kind: 'received', text: e.text, code: e.code }, e.reason);
      return;
    }
    this.setState(a, 'OpenSent', 'start', 'OPEN sent', false);
    this.setState(b, 'OpenSent', 'start', 'OPEN sent', false);
    const conn = ++this.connCounter;
    a.connId = conn;
    b.connId = conn;
    this.push(this.time + OPEN_DELAY, { k: 'established', a, b, conn, local, ephemeral });
  }

  private openError(s: Session, err: SessionError, reason: string): void {
    const sig = `open|${err.kind}|${err.text}`;
    const repeated = s.lastFailure === sig;
    s.lastFailure = sig;
    s.lastError = err;
    if (err.kind === 'sent') {
      // BIRD `error wait time 5,30`: Idle, then start again (doubling the wait).
      s.errorStreak++;
      this.setState(s, 'Idle', 'start', reason, !repeated);
      if (!repeated) {
        const t = s.cfg.timers;
        const wait = s.speaker.family === 'bird' ? Math.min(t.errorWaitMin * 2 ** (s.errorStreak - 1), t.errorWaitMax) : 1;
        this.push(this.time + wait, { k: 'restart', s });
      }
    } else {
      this.setState(s, 'Active', 'start', reason, !repeated);
      if (!repeated && !s.cfg.passive) this.scheduleAttempt(s, s.cfg.timers.connectRetry > 5 ? 5 : s.cfg.timers.connectRetry);
    }
  }

  private established(a: Session, b: Session, conn: number, local: Ip, ephemeral: number): void {
    if (a.connId !== conn || b.connId !== conn) return;
    if (!this.sessionAlive(a) || !this.sessionAlive(b)) return;
    // `a` opened the TCP connection from `local` to the address `a` has configured for `b`.
    this.establishEnd(a, b, local, true, ephemeral);
    this.establishEnd(b, a, a.cfg.address, false, ephemeral);
    this.send(a, a.speaker.dump(a), true);
    this.send(b, b.speaker.dump(b), true);
  }

  /** One end of a new connection: negotiated parameters, counters, state. */
  private establishEnd(me: Session, peer: Session, addr: Ip, initiator: boolean, ephemeral: number): void {
    me.remote = peer;
    me.localAddress = addr;
    me.initiator = initiator;
    me.ephemeralPort = ephemeral;
    me.exportKey = undefined;
    me.remoteRouterId = peer.speaker.routerId;
    me.remoteAsSeen = peer.localAs;
    me.holdTime = Math.min(me.cfg.timers.hold, peer.cfg.timers.hold);
    me.keepalive = Math.min(me.cfg.timers.keepalive, Math.floor(me.holdTime / 3));
    me.addPathTx = me.cfg.addPaths.tx && peer.cfg.addPaths.rx;
    me.addPathRx = me.cfg.addPaths.rx && peer.cfg.addPaths.tx;
    me.grNegotiated = me.cfg.gracefulRestart && peer.cfg.gracefulRestart;
    me.lastError = undefined;
    me.errorStreak = 0;
    me.lastFailure = '';
    me.establishedCount++;
    me.msgsSent += 2;
    me.msgsReceived += 2;
    this.cancel(me.attemptTimer);
    me.attemptTimer = undefined;
    this.setState(me, 'Established', 'up', `established with ${peer.speaker.host.device}`);
  }

  private sessionAlive(s: Session): boolean {
    const dev = this.devOf(s);
    return !s.removed && !!dev && dev.daemon === 'running' && dev.speaker === s.speaker;
  }

  /** Tears down an established or opening connection at `s` (the peer handles its own side). */
  private dropConnection(s: Session, err: SessionError, reason: string, graceful: boolean): void {
    const wasUp = s.established;
    s.connId = undefined;
    s.remote = undefined;
    this.cancel(s.holdTimer);
    s.holdTimer = undefined;
    s.lastError = err;
    s.lastFailure = '';
    const keepStale = graceful && wasUp && s.grNegotiated;
    s.speaker.flushSession(s, keepStale);
    if (keepStale) {
      const restart = s.cfg.restartTime;
      this.cancel(s.staleTimer);
      s.staleTimer = this.push(this.time + restart, { k: 'stale', s }) as Scheduled<unknown>;
    }
    this.scheduleDecide(s.speaker.host.device);
    if (!this.sessionAlive(s)) return;
    if (s.cfg.passive) this.setState(s, 'Active', 'start', reason);
    else {
      this.setState(s, 'Active', 'start', reason);
      this.scheduleAttempt(s, Math.min(s.cfg.timers.connectRetry, 5));
    }
  }

  /** Closes `s` (and its peer) with a NOTIFICATION we send. */
  private closeSession(s: Session, err: SessionError, reason: string, graceful: boolean, removed: boolean): void {
    const peer = s.remote;
    if (peer) {
      const code = err.code;
      this.dropConnection(peer, { kind: 'received', text: err.text, ...(code ? { code } : {}) }, `${s.speaker.host.device}: ${reason}`, graceful);
    }
    s.connId = undefined;
    s.remote = undefined;
    this.cancelTimers(s);
    if (s.established || removed) s.speaker.flushSession(s, false);
    if (removed) {
      this.scheduleDecide(s.speaker.host.device);
      return;
    }
    s.lastError = peer ? err : s.lastError;
    this.setState(s, 'Idle', 'start', reason);
    this.scheduleDecide(s.speaker.host.device);
  }

  private cancelTimers(s: Session): void {
    this.cancel(s.attemptTimer);
    this.cancel(s.holdTimer);
    this.cancel(s.staleTimer);
    s.attemptTimer = s.holdTimer = s.staleTimer = undefined;
  }

  private setState(s: Session, state: Session['state'], proto: Session['protoState'], reason: string, log = true): void {
    if (state === 'Established') {
      this.up.add(s);
      this.waiting.delete(s);
    } else {
      this.up.delete(s);
      if (!s.removed && proto !== 'down' && !s.cfg.shutdown && !s.locked) this.waiting.add(s);
      else this.waiting.delete(s);
    }
    const changed = s.state !== state || s.protoState !== proto;
    if (changed) {
      s.since = this.time;
      if (state === 'Established' || s.state === 'Established') s.speaker.invalidateUp();
    }
    s.state = state;
    s.protoState = proto;
    s.reason = reason;
    if (this.logging && (changed || log) && state !== 'OpenSent' && state !== 'OpenConfirm') {
      const peerDev = this.ownerOf(s.cfg.address);
      this.record(s.speaker.host.device, 'session', `${s.name}: ${state}${state === 'Established' ? '' : ` (${reason})`}`, {
        ...(peerDev ? { peer: peerDev } : {}),
        state,
      });
    }
  }

  // =================================================================== messages & decisions

  private send(from: Session, items: UpdateItem[], eor: boolean): void {
    const to = from.remote;
    const conn = from.connId;
    if (!to || conn === undefined) return;
    if (items.length === 0 && !eor) return;
    from.msgsSent++;
    if (items.length > 0) from.updatesSent++;
    const delay = MSG_DELAY[from.speaker.family] ?? 0.05;
    this.push(this.time + delay, { k: 'deliver', to, conn, items, eor });
  }

  private deliver(to: Session, conn: number, items: UpdateItem[], eor: boolean): void {
    if (to.connId !== conn || !to.established || !this.sessionAlive(to)) return;
    to.speaker.receive(to, items);
    if (eor) {
      to.speaker.purgeStale(to);
      this.cancel(to.staleTimer);
      to.staleTimer = undefined;
    }
    this.scheduleDecide(to.speaker.host.device);
  }

  private scheduleDecide(dev: string): void {
    if (this.decideScheduled.has(dev)) return;
    this.decideScheduled.add(dev);
    this.push(this.time, { k: 'decide', dev });
  }

  private decide(name: string): void {
    this.decideScheduled.delete(name);
    const dev = this.devices.get(name);
    if (!dev) return;
    const sp = dev.speaker;
    if (sp) {
      for (let round = 0; round < 4 && sp.dirtyCount > 0; round++) {
        sp.decide();
        if (!this.checkResolution(dev)) break;
      }
    }
    this.noteFibChanges(dev);
  }

  /** Forwarding changed under a tracked BGP next hop: re-resolve everything on this device. */
  private checkResolution(dev: DeviceRuntime): boolean {
    const sp = dev.speaker;
    if (!sp || dev.changedPrefixes.length === 0) return false;
    const nhs = sp.trackedNextHops();
    for (const p of dev.changedPrefixes) {
      if (coversTracked(p, nhs)) {
        sp.reresolve();
        return true;
      }
    }
    return false;
  }

  private noteFibChanges(dev: DeviceRuntime): void {
    if (dev.changedPrefixes.length === 0) return;
    for (const p of dev.changedPrefixes) this.routeChanges.set(p, ++this.routeChangeCount);
    dev.changedPrefixes.length = 0;
  }

  /** Kernel / RIB programming of a speaker's best route (per platform). */
  private kernelExport(dev: DeviceRuntime, e: TableEntry): RibCandidate | undefined {
    const best = e.best;
    if (!best) return undefined;
    const sp = dev.speaker!;
    const t = this.time;
    if (sp.family === 'bird') {
      // BIRD krt_import_control: never export kernel1's own routes; device routes (direct1)
      // are not exported either (no `device routes`).
      if (best.protocol === 'kernel1' || best.source === 'direct') return undefined;
      const policy = sp.cfg.bird?.kernel.exportPolicy;
      let tunnel: string | undefined;
      if (policy && policy.policies.length === 0) {
        if (policy.fallthrough === 'reject') return undefined;
      } else if (policy) {
        const o = evaluateChain(
          policy,
          { prefix: e.prefix, ...(best.isBgp ? { attrs: best.attrs } : {}), source: best.source === 'local' ? 'network' : best.source, ...(best.ifname ? { ifname: best.ifname } : {}) },
          { prefixLists: dev.cfg.prefixLists },
        );
        if (!o.accepted) return undefined;
        tunnel = o.krtTunnel;
      }
      const source = best.isBgp ? 'bgp' : 'static';
      if (best.routeType === 'blackhole' || best.routeType === 'unreachable') {
        return kernelRoute(source, best.protocol, 0, 0, best.routeType, [], 'bird', t, undefined, undefined, undefined);
      }
      if (best.isBgp && !best.valid) return undefined;
      let nexthops = multipathNexthops(e);
      if (tunnel && e.mpCount === 1 && best.isBgp) nexthops = [{ gateway: best.attrs.nextHop, dev: tunnel, onlink: true }];
      if (nexthops.length === 0) return undefined;
      return best.isBgp
        ? kernelRoute(source, best.protocol, 0, 0, 'unicast', nexthops, 'bird', t, best.attrs.nextHop, best.internal, undefined)
        : kernelRoute(source, best.protocol, 0, 0, 'unicast', nexthops, 'bird', t, undefined, undefined, undefined);
    }
    if (!best.isBgp || !best.valid) return undefined;
    const dist = DISTANCES[sp.family as 'frr'];
    const internal = best.internal;
    const distance = internal ? dist.ibgp : dist.ebgp;
    const kernelMetric = sp.family === 'frr' ? 20 : undefined;
    return kernelRoute('bgp', 'bgp', distance, best.attrs.med ?? 0, 'unicast', multipathNexthops(e), 'bgp', t, best.attrs.nextHop, internal, kernelMetric);
  }

  // =================================================================== event loop

  private push(time: number, ev: Ev): Scheduled<Ev> {
    if (!isDeadline(ev.k)) this.pendingProgress++;
    return this.queue.push(time, ev);
  }

  private cancel(item: Scheduled<unknown> | undefined): void {
    if (!item || item.cancelled) return;
    if (!isDeadline((item.event as Ev).k)) this.pendingProgress--;
    this.queue.cancel(item as Scheduled<Ev>);
  }

  private step(item: Scheduled<Ev>): void {
    const ev = item.event;
    if (!isDeadline(ev.k)) this.pendingProgress--;
    if (item.time > this.time) this.time = item.time;
    switch (ev.k) {
      case 'decide':
        this.decide(ev.dev);
        break;
      case 'attempt':
        this.attempt(ev.s);
        break;
      case 'established':
        this.established(ev.a, ev.b, ev.conn, ev.local, ev.ephemeral);
        break;
      case 'deliver':
        this.deliver(ev.to, ev.conn, ev.items, ev.eor);
        break;
      case 'restart':
        if (this.sessionAlive(ev.s) && !ev.s.established) {
          const s = ev.s;
          if (s.cfg.passive) this.setState(s, 'Active', 'start', 'passive: waiting for the peer to connect', false);
          else this.scheduleAttempt(s, 0.001);
        }
        break;
      case 'hold':
        if (ev.s.connId === ev.conn && ev.s.established) {
          const s = ev.s;
          s.holdTimer = undefined;
          this.dropConnection(s, { kind: 'sent', text: 'Hold timer expired', code: [4, 0] }, 'no KEEPALIVE from the peer within the hold time', false);
          this.setState(s, 'Idle', 'start', 'hold timer expired: the peer stopped answering');
        }
        break;
      case 'stale': {
        const s = ev.s;
        s.staleTimer = undefined;
        const n = s.speaker.purgeStale(s);
        if (n > 0) this.record(s.speaker.host.device, 'route', `${s.name}: graceful restart time expired, ${n} stale route(s) removed`);
        this.scheduleDecide(s.speaker.host.device);
        break;
      }
    }
  }

  /**
   * Runs until nothing can change any more without time passing (hold timers, graceful
   * restart timers stay pending), or the step cap is hit.
   */
  settle(maxSteps = this.maxSteps): SettleResult {
    let steps = 0;
    this.flush();
    for (;;) {
      while (this.pendingProgress > 0) {
        const item = this.queue.pop();
        if (!item) {
          this.pendingProgress = 0;
          break;
        }
        this.step(item);
        if (++steps >= maxSteps) {
          return { converged: false, steps, time: this.time, reason: `did not converge after ${steps} steps (${this.flappingHint()})` };
        }
      }
      this.flush();
      if (this.pendingProgress > 0) continue;
      const full = this.epoch !== this.checkedEpoch;
      if (!full && this.routeChanges.size === 0) break;
      this.checkedEpoch = this.epoch;
      const changes = this.routeChanges;
      this.routeChanges = new LpmTable<number>();
      this.sweep(full, changes);
    }
    return { converged: true, steps, time: this.time };
  }

  /** Lets `seconds` of virtual time pass (timers fire), then settles. */
  advance(seconds: number): SettleResult {
    const until = this.time + seconds;
    let steps = 0;
    for (;;) {
      const r = this.settle();
      steps += r.steps;
      if (!r.converged) return { ...r, steps };
      const next = this.queue.peek();
      if (!next || next.time > until) break;
      this.step(this.queue.pop()!);
      steps++;
    }
    this.time = Math.max(this.time, until);
    return { converged: true, steps, time: this.time };
  }

  /** Advances until the routing state changes (or `max` seconds pass); returns the wait. */
  waitForChange(max: number): number | undefined {
    const start = this.time;
    const mark = this.log.length;
    const epoch = this.epoch;
    const routes = this.routeChangeCount;
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.time > start + max) {
        this.time = start + max;
        return undefined;
      }
      this.step(this.queue.pop()!);
      this.settle();
      if (this.epoch !== epoch || this.routeChangeCount !== routes || this.log.length !== mark) return this.time - start;
    }
  }

  private bumpEpoch(): void {
    this.epoch++;
    this.liveGen++;
  }

  /**
   * After something changed: sessions that are not up try again (BIRD retries every 5 s;
   * FRR/Cisco would wait up to 120 s — we do not make learners wait), and established
   * sessions whose path broke start their hold timer.
   */
  private sweep(full: boolean, changes: LpmTable<number>): void {
    for (const s of this.waiting.snapshot()) {
      if (s.removed) {
        this.waiting.delete(s);
        continue;
      }
      if (s.cfg.shutdown || s.attemptTimer || s.protoState === 'down' || s.locked) continue;
      if (s.state === 'OpenSent' || s.state === 'OpenConfirm') continue;
      if (s.cfg.passive) {
        // A passive session that stopped after an error listens again.
        if (s.state === 'Idle') this.setState(s, 'Active', 'start', 'passive: waiting for the peer to connect', false);
        continue;
      }
      const retry = Math.min(s.cfg.timers.connectRetry, 5);
      this.scheduleAttempt(s, Math.max(0.5, s.lastAttemptAt + retry - this.time));
    }
    for (const s of this.up.snapshot()) {
      if (s.removed || !s.established) {
        this.up.delete(s);
        continue;
      }
      // Only sessions whose path may have changed: everything after a topology change (unless
      // the session's own connect walks came after it), otherwise those with a changed route
      // towards the peer or back to us.
      if (s.pathCheckedGen === this.liveGen) {
        const newer = (n: number): boolean => n > s.pathCheckedChange;
        if (!changes.lookup(s.cfg.address, newer) && (s.localAddress === undefined || !changes.lookup(s.localAddress, newer))) continue;
      } else if (!full && !changes.lookup(s.cfg.address) && (s.localAddress === undefined || !changes.lookup(s.localAddress))) continue;
      const dev = this.devOf(s);
      if (dev) this.checkLiveness(dev, s);
    }
    this.liveGen++;
  }

  private checkLiveness(dev: DeviceRuntime, s: Session): void {
    const peer = s.remote;
    if (!peer) return;
    const ok = this.pathOk(dev, s) && this.pathOk(this.devOf(peer)!, peer);
    if (ok) {
      if (s.holdTimer) {
        this.cancel(s.holdTimer);
        s.holdTimer = undefined;
        s.reason = `established with ${peer.speaker.host.device}`;
      }
      return;
    }
    if (s.direct && !dev.subnetOf(s.cfg.address)) {
      // Directly connected eBGP: the interface went down, the session resets at once
      // (BIRD "Neighbor lost", Cisco/FRR fast-external-fallover).
      const other = s.remote;
      this.dropConnection(s, { kind: 'misc', text: 'Neighbor lost' }, 'the interface to the neighbour went down', false);
      if (other) this.scheduleHold(other);
      return;
    }
    this.scheduleHold(s);
  }

  private scheduleHold(s: Session): void {
    if (s.holdTimer || !s.established) return;
    const conn = s.connId;
    if (conn === undefined) return;
    s.reason = `no KEEPALIVE getting through: the session will drop when the hold timer (${s.holdTime} s) expires`;
    s.holdTimer = this.push(this.time + s.holdTime, { k: 'hold', s, conn }) as Scheduled<unknown>;
  }

  private pathOk(dev: DeviceRuntime, s: Session): boolean {
    const src = s.localAddress;
    if (src === undefined) return true;
    // Our packets: from the ephemeral port if we opened the connection, else from 179.
    const [sport, dport] = s.initiator ? [s.ephemeralPort, s.cfg.port] : [s.cfg.port, s.ephemeralPort];
    const r = walk(this, dev.cfg.name, { src, dst: s.cfg.address, protocol: 'tcp', sport, dport }, { ttl: s.ttl, dnat: false });
    return r.disposition === 'delivered' && r.at === this.ownerOf(s.cfg.address);
  }

  private flappingHint(): string {
    const recent = this.log.slice(-20).map((e) => `${e.device}: ${e.text}`);
    return recent.length > 0 ? `last events: ${recent.slice(-3).join('; ')}` : 'no events recorded';
  }

  // =================================================================== helpers

  private devOf(s: Session): DeviceRuntime | undefined {
    return s.speaker.owner as DeviceRuntime | undefined;
  }

  ownerOf(ip: Ip): string | undefined {
    return this.addrIndex.get(ip);
  }

  record(device: string, kind: LabEvent['kind'], text: string, extra?: Partial<LabEvent>): void {
    if (!this.logging) return;
    this.log.push({ time: this.time, device, kind, text, ...extra });
  }

  // =================================================================== Fabric

  device(name: string): DeviceRuntime | undefined {
    return this.devices.get(name);
  }

  arp(device: string, iface: string, ip: Ip): { device: string; iface: string } | undefined {
    const seg = this.devices.get(device)?.cfg.interfaces.find((i) => i.name === iface)?.segment;
    const t = seg ? this.arpIndex.get(seg) : undefined;
    if (!t) return undefined;
    const hit = t.byIp.get(ip);
    if (hit && !(hit.device === device && hit.iface === iface)) return hit;
    return t.proxies.find((p) => !(p.device === device && p.iface === iface));
  }

  // =================================================================== NetworkQuery

  deviceNames(): readonly string[] {
    return [...this.devices.keys()];
  }

  config(device: string): DeviceConfig | undefined {
    return this.devices.get(device)?.cfg;
  }

  running(device: string): boolean {
    return this.devices.get(device)?.daemon === 'running';
  }

  routerId(device: string): Ip {
    const d = this.devices.get(device);
    if (!d) return 0;
    return d.speaker?.routerId ?? this.routerIdFor(d);
  }

  interfaces(device: string): readonly InterfaceView[] {
    const d = this.devices.get(device);
    if (!d) return [];
    return d.cfg.interfaces.map((i, idx) => {
      const v: { -readonly [K in keyof InterfaceView]: InterfaceView[K] } = {
        name: i.name,
        addresses: i.addresses.map((a) => ({ ip: a.ip, len: a.len })),
        adminUp: !i.shutdown,
        linkUp: d.ifaceUp(i.name),
        mac: macFor(device, i.name, idx, i.proxyArp === true),
      };
      if (i.segment) v.segment = i.segment;
      if (i.description) v.description = i.description;
      return v;
    });
  }

  sessions(device: string): readonly SessionView[] {
    const d = this.devices.get(device);
    const sp = d?.speaker;
    if (!sp) return [];
    const preferred = new Map<Session, number>();
    for (const e of sp.table.values()) if (e.best?.session) preferred.set(e.best.session, (preferred.get(e.best.session) ?? 0) + 1);
    return sp.sessions.map((s) => sessionView(device, s, preferred.get(s) ?? 0));
  }

  bgpRoutes(device: string): readonly BgpRouteEntryView[] {
    const sp = this.devices.get(device)?.speaker;
    if (!sp) return [];
    const out: BgpRouteEntryView[] = [];
    const opts = sp.bestPathOptions();
    const entries = [...sp.table.values()].sort((a, b) => a.prefix.addr - b.prefix.addr || a.prefix.len - b.prefix.len);
    for (const e of entries) {
      if (e.paths.length === 0) continue;
      out.push({ prefix: e.prefix, paths: e.paths.map((p) => pathView(p, e, opts)) });
    }
    return out;
  }

  adjRibIn(device: string, session: string, prePolicy: boolean): readonly AdjRibEntry[] {
    const s = this.devices.get(device)?.speaker?.sessionsByName.get(session);
    if (!s) return [];
    const out: AdjRibEntry[] = [];
    if (prePolicy) {
      for (const [key, m] of s.adjInPre) for (const v of slotItems(m)) out.push({ prefix: prefixOf(key), attrs: v.attrs, accepted: v.accepted, reason: v.reason });
    } else {
      for (const m of s.adjIn.values()) for (const p of slotItems(m)) out.push({ prefix: p.prefix, attrs: p.attrs, accepted: true });
    }
    return out.sort((a, b) => a.prefix.addr - b.prefix.addr || a.prefix.len - b.prefix.len);
  }

  adjRibOut(device: string, session: string): readonly AdjRibEntry[] {
    const s = this.devices.get(device)?.speaker?.sessionsByName.get(session);
    if (!s) return [];
    const out: AdjRibEntry[] = [];
    for (const { key, slot } of s.speaker.adjOutOf(s)) for (const a of slotItems(slot)) out.push({ prefix: prefixOf(key), attrs: a.attrs });
    return out.sort((a, b) => a.prefix.addr - b.prefix.addr || a.prefix.len - b.prefix.len);
  }

  rib(device: string): readonly RibRouteView[] {
    return this.devices.get(device)?.ribEntries() ?? [];
  }

  fib(device: string): readonly FibEntryView[] {
    return this.devices.get(device)?.fibEntries() ?? [];
  }

  lookup(device: string, ip: Ip): FibEntryView | undefined {
    return this.devices.get(device)?.lookup(ip);
  }

  ping(req: ProbeRequest): PingResult {
    return probePing(this, req);
  }

  traceroute(req: ProbeRequest & { readonly maxHops?: number; readonly probes?: number }): TracerouteResult {
    return probeTraceroute(this, req);
  }

  connect(req: ConnectRequest): ConnectResult {
    return probeConnect(this, req);
  }

  events(): readonly LabEvent[] {
    return this.log;
  }
}

function daemonName(d: DeviceRuntime): string {
  return d.cfg.platform === 'bird' ? 'bird' : d.cfg.platform === 'frr' ? 'bgpd' : 'BGP process';
}

/**
 * A BGP route as the kernel/RIB gets it. One object shape for every such route (optional
 * fields present as undefined), so a million of them need no out-of-object property storage.
 */
function kernelRoute(
  source: RibCandidate['source'],
  protocol: string,
  distance: number,
  metric: number,
  type: RibCandidate['type'],
  nexthops: readonly ResolvedNextHop[],
  proto: string,
  since: number,
  bgpNextHop: Ip | undefined,
  internal: boolean | undefined,
  kernelMetric: number | undefined,
): RibCandidate {
  return { source, protocol, distance, metric, type, nexthops, proto, since, bgpNextHop, internal, kernelMetric };
}

/** Prefix of a speaker table / Adj-RIB key. */
function prefixOf(key: number): Prefix {
  return prefixOfId(key);
}

export type { NeighborConfig };
export { DEFAULT_TIMERS, prefixContainsIp, prefixKey };
