// One device at run time: interface state, the main routing table (candidates per prefix
// from connected, static, Felix and BGP sources), the forwarding table, and its BGP speaker.
// Linux-based platforms (BIRD nodes, FRR routers, hosts, pods) model the kernel main table;
// Cisco and Huawei model the vendor RIB with admin distances.

import { formatIp, isIfAddrInSubnet, networkOf, type Ip, type Prefix } from '../core/ip.ts';
import { prefixId, prefixOfId } from '../core/prefix-id.ts';
import { globMatch } from '../bgp/policy-eval.ts';
import { BIRD_PREFERENCE, DISTANCES, type DeviceConfig, type StaticRoute } from '../model/device.ts';
import type { ResolvedNextHop, RouteSource } from '../model/route.ts';
import type { FibEntryView, RibRouteView } from '../model/state.ts';
import { PrefixLengths } from '../rib/lengths.ts';
import type { NonBgpRoute, Speaker, TableEntry } from '../bgp/speaker.ts';
import type { FabricDevice } from '../dataplane/fabric.ts';
import { evaluateChain } from '../bgp/policy-eval.ts';
import { UNRESOLVED, type NextHopResolution } from '../bgp/path.ts';

export interface RibCandidate {
  readonly source: RouteSource;
  readonly protocol: string;
  readonly distance: number;
  readonly metric: number;
  readonly type: 'unicast' | 'blackhole' | 'unreachable' | 'prohibit' | 'device';
  readonly nexthops: readonly ResolvedNextHop[];
  /** Linux `proto` of the kernel route. */
  readonly proto: string;
  readonly scope?: 'link' | 'host';
  readonly prefsrc?: Ip;
  readonly bgpNextHop?: Ip;
  readonly internal?: boolean;
  readonly since: number;
  /** Metric of the kernel route (FRR installs BGP routes with metric 20). */
  readonly kernelMetric?: number;
  /** Set when the candidate exists but cannot be used (static with unreachable gateway). */
  readonly unusable?: string;
}

/** No static candidates (shared: `statics` is replaced, never modified in place). */
const NO_STATICS: RibCandidate[] = [];

/** One prefix of the main table (every field always present: a million of them in a big fabric). */
interface Slot {
  readonly prefix: Prefix;
  connected: RibCandidate | undefined;
  statics: RibCandidate[];
  bgp: RibCandidate | undefined;
  /** What the FIB uses (candidates are immutable: a new object means a new route). */
  selected: RibCandidate | undefined;
  /** FIB view of `selected`, made when something looks it up (most routes never are). */
  view: FibEntryView | undefined;
}

/** An object literal, not a class instance: long-lived literals go straight to the old generation (see makePath). */
function newSlot(prefix: Prefix): Slot {
  return { prefix, connected: undefined, statics: NO_STATICS, bgp: undefined, selected: undefined, view: undefined };
}

export type DaemonState = 'running' | 'stopped' | 'killed';

const LINUX_PLATFORMS = new Set(['bird', 'frr', 'linux']);

export class DeviceRuntime implements FabricDevice {
  cfg: DeviceConfig;
  daemon: DaemonState = 'running';
  readonly linkDown = new Set<string>();
  localAddresses = new Map<Ip, string>();
  /** RIB slots by prefix id (core/prefix-id.ts). */
  private readonly slots = new Map<number, Slot>();
  /** Lengths of the slots with a selected route: the FIB is `slots` seen through them. */
  private readonly fibLengths = new PrefixLengths();
  speaker: Speaker | undefined;
  /** Prefixes whose forwarding changed since the engine last looked (for re-resolution). */
  readonly changedPrefixes: Prefix[] = [];

  constructor(
    cfg: DeviceConfig,
    private readonly now: () => number,
    /** Whether a segment has any other live port (a cable plugged into something). */
    private readonly segmentAlive: (segment: string) => boolean,
  ) {
    this.cfg = cfg;
  }

  get isLinux(): boolean {
    return LINUX_PLATFORMS.has(this.cfg.platform);
  }

  get runsBird(): boolean {
    return this.cfg.platform === 'bird';
  }

  // ------------------------------------------------------------------ interfaces

  ifaceUp(name: string): boolean {
    const i = this.cfg.interfaces.find((x) => x.name === name);
    if (!i || i.shutdown || this.linkDown.has(name)) return false;
    // Loopbacks, and the IPIP device (tunl0), need no cable.
    if (i.loopback || isTunnel(name)) return true;
    return i.segment !== undefined && this.segmentAlive(i.segment);
  }

  ifacePrimary(name: string): Ip | undefined {
    return this.cfg.interfaces.find((x) => x.name === name)?.addresses[0]?.ip;
  }

  mainAddress(): Ip | undefined {
    for (const i of this.cfg.interfaces) {
      if (i.loopback && i.name === 'lo') continue;
      if (i.addresses.length > 0 && this.ifaceUp(i.name)) return i.addresses[0]!.ip;
    }
    for (const i of this.cfg.interfaces) if (i.addresses.length > 0) return i.addresses[0]!.ip;
    return undefined;
  }

  /** Connected subnet (on an up interface) that contains `ip`. */
  subnetOf(ip: Ip): { iface: string; len: number; ip: Ip } | undefined {
    let best: { iface: string; len: number; ip: Ip } | undefined;
    for (const i of this.cfg.interfaces) {
      if (!this.ifaceUp(i.name)) continue;
      for (const a of i.addresses) {
        if (a.len === 32 && a.ip !== ip) continue;
        if (isIfAddrInSubnet(a, ip) && (!best || a.len > best.len)) best = { iface: i.name, len: a.len, ip: a.ip };
      }
    }
    return best;
  }

  // ------------------------------------------------------------------ routing table

  /** Recomputes connected and static candidates from config and interface state. */
  rebuildLocal(): void {
    const t = this.now();
    this.localAddresses = new Map();
    const wantConnected = new Map<number, RibCandidate>();
    for (const i of this.cfg.interfaces) {
      const up = this.ifaceUp(i.name);
      for (const a of i.addresses) {
        if (up || i.loopback) this.localAddresses.set(a.ip, i.name);
        if (!up) continue;
        // A /32 on a non-loopback interface (a pod's eth0, tunl0) adds no prefix route on
        // Linux; routers show loopback /32s as connected.
        if (a.len === 32 && !i.loopback) continue;
        const p = { addr: networkOf(a.ip, a.len), len: a.len };
        const k = prefixId(p);
        if (wantConnected.has(k)) continue;
        wantConnected.set(k, {
          source: 'connected',
          protocol: 'direct',
          distance: 0,
          metric: 0,
          type: 'unicast',
          nexthops: [{ dev: i.name }],
          proto: 'kernel',
          scope: 'link',
          prefsrc: a.ip,
          since: t,
        });
      }
    }
    // Connected: replace.
    const touched = new Set<number>();
    for (const [k, slot] of this.slots) {
      const want = wantConnected.get(k);
      if (!sameCand(slot.connected, want)) {
        slot.connected = want ? keepSince(slot.connected, want) : undefined;
        touched.add(k);
      }
      wantConnected.delete(k);
    }
    for (const [k, c] of wantConnected) {
      this.slot(prefixOfId(k)).connected = c;
      touched.add(k);
    }
    // Connected routes first: static next hops resolve against the new interface state.
    for (const k of touched) this.reselect(k);
    touched.clear();
    // Statics (resolved against connected routes; routers also recursively via other statics).
    const statics = new Map<number, RibCandidate[]>();
    for (const r of this.cfg.staticRoutes) {
      const c = this.resolveStatic(r, t);
      const k = prefixId(r.prefix);
      const list = statics.get(k) ?? [];
      list.push(c);
      statics.set(k, list);
    }
    for (const [k, slot] of this.slots) {
      const want = mergeStatics(statics.get(k) ?? []);
      if (JSON.stringify(stripSince(slot.statics)) !== JSON.stringify(stripSince(want))) {
        slot.statics = want.map((w) => keepSince(slot.statics.find((s) => s.protocol === w.protocol && s.distance === w.distance), w));
        touched.add(k);
      }
      statics.delete(k);
    }
    for (const [k, list] of statics) {
      this.slot(prefixOfId(k)).statics = mergeStatics(list);
      touched.add(k);
    }
    for (const k of touched) this.reselect(k);
  }

  private resolveStatic(r: StaticRoute, t: number): RibCandidate {
    const linux = this.isLinux;
    const felix = r.origin === 'felix';
    const proto = felix ? 'felix' : r.linuxProto ?? (linux ? 'boot' : 'static');
    const base = {
      source: 'static' as const,
      protocol: felix ? 'felix' : 'static',
      distance: r.distance ?? (linux ? 0 : DISTANCES[this.cfg.platform as 'cisco-ios'].static),
      metric: r.metric ?? 0,
      proto,
      since: t,
      ...(r.scopeLink ? { scope: 'link' as const } : {}),
    };
    if (r.type !== 'unicast') return { ...base, type: r.type, nexthops: [] };
    const nexthops: ResolvedNextHop[] = [];
    const problems: string[] = [];
    for (const nh of r.nexthops) {
      if (nh.gateway === undefined) {
        if (nh.dev && this.ifaceUp(nh.dev)) nexthops.push({ dev: nh.dev });
        else problems.push(`interface ${nh.dev ?? '?'} is down`);
        continue;
      }
      const sub = this.subnetOf(nh.gateway);
      if (sub && (!nh.dev || nh.dev === sub.iface)) {
        nexthops.push(nh.weight && nh.weight !== 1 ? { gateway: nh.gateway, dev: sub.iface, weight: nh.weight } : { gateway: nh.gateway, dev: sub.iface });
        continue;
      }
      if (nh.dev && this.ifaceUp(nh.dev)) {
        // `via GW dev X onlink` style: trust the device.
        nexthops.push({ gateway: nh.gateway, dev: nh.dev, onlink: true });
        continue;
      }
      if (!linux) {
        // Cisco/VRP/FRR static routes resolve recursively through the RIB.
        const via = this.lookup(nh.gateway);
        if (via && via.type === 'unicast' && via.nexthops.length > 0 && via.source !== 'static') {
          for (const v of via.nexthops) nexthops.push(v.gateway !== undefined ? { gateway: v.gateway, dev: v.dev } : { gateway: nh.gateway, dev: v.dev });
          continue;
        }
      }
      problems.push(`gateway ${formatIp(nh.gateway)} is not on a connected subnet`);
    }
    if (nexthops.length === 0) return { ...base, type: 'unicast', nexthops: [], unusable: problems.join('; ') || 'no usable next hop' };
    return { ...base, type: 'unicast', nexthops };
  }

  /** BGP best (and ECMP set) for a prefix changed in the speaker. */
  bgpInstalled(e: TableEntry, kernelExport: (e: TableEntry) => RibCandidate | undefined): void {
    const k = e.key;
    const cand = kernelExport(e);
    const slot = this.slot(e.prefix);
    if (sameCand(slot.bgp, cand)) return;
    slot.bgp = cand ? keepSince(slot.bgp, cand) : undefined;
    this.reselect(k);
  }

  /**
   * The routing daemon stopped. BIRD's kernel protocol has `persist`: its routes stay in the
   * kernel as they are (`keep`); other daemons' routes are withdrawn.
   */
  clearBgp(keep: boolean): void {
    if (keep) return;
    for (const [k, slot] of this.slots) {
      if (!slot.bgp) continue;
      slot.bgp = undefined;
      this.reselect(k);
    }
  }

  /**
   * A restarted BIRD prunes the kernel routes its previous run left behind (krt_prune after
   * the first scan) and installs again whatever it learns.
   */
  forgetPersisted(): void {
    this.clearBgp(false);
  }

  private slot(p: Prefix): Slot {
    const k = prefixId(p);
    let s = this.slots.get(k);
    if (!s) {
      s = newSlot(p);
      this.slots.set(k, s);
    }
    return s;
  }

  /** Picks what the FIB uses for one prefix. */
  private reselect(k: number): void {
    const slot = this.slots.get(k);
    if (!slot) return;
    let chosen: RibCandidate | undefined;
    const cands: RibCandidate[] = [];
    if (!slot.connected && slot.statics.length === 0) {
      // Only a daemon's route (most prefixes of a big fabric): no list to build.
      if (slot.bgp && slot.bgp.type !== 'device') chosen = slot.bgp;
    } else {
      if (slot.connected) cands.push(slot.connected);
      for (const s of slot.statics) if (!s.unusable) cands.push(s);
      if (slot.bgp && slot.bgp.type !== 'device') cands.push(slot.bgp);
    }
    if (cands.length === 1) {
      chosen = cands[0];
    } else if (cands.length > 0) {
      if (this.isLinux) {
        // The kernel keeps one route per prefix here: an existing connected/static/Felix route
        // wins; a daemon's insert of the same prefix fails with "File exists" (BIRD shows `!`).
        const order = (c: RibCandidate): number => (c.source === 'connected' ? 0 : c.source === 'static' ? 1 : 2);
        chosen = [...cands].sort((a, b) => order(a) - order(b) || a.distance - b.distance)[0]!;
      } else {
        const min = Math.min(...cands.map((c) => c.distance));
        const winners = cands.filter((c) => c.distance === min);
        // Equal-distance statics to the same prefix are ECMP on every vendor.
        chosen = winners[0]!.source === 'static' ? mergeNexthops(winners) : winners[0]!;
      }
    }
    const prev = slot.selected;
    slot.selected = chosen;
    // Candidates are immutable, so the FIB entry changed exactly when the selection did.
    if (prev !== chosen) {
      slot.view = undefined;
      if (!prev) this.fibLengths.add(slot.prefix.len);
      else if (!chosen) this.fibLengths.remove(slot.prefix.len);
      this.changedPrefixes.push(slot.prefix);
    }
    if (!slot.connected && slot.statics.length === 0 && !slot.bgp) this.slots.delete(k);
  }

  lookup(dst: Ip): FibEntryView | undefined {
    const hit = this.fibLookup(dst, inFib);
    return hit ? fibView(hit) : undefined;
  }

  /** Longest-prefix match over the slots with a selected route that pass `accept`. */
  private fibLookup(dst: Ip, accept: (slot: Slot, len: number) => boolean): Slot | undefined {
    return this.fibLengths.lookup(dst, this.slots, accept);
  }

  fibEntries(): FibEntryView[] {
    const out: FibEntryView[] = [];
    for (const slot of this.slots.values()) if (slot.selected) out.push(fibView(slot));
    return out.sort((a, b) => a.prefix.addr - b.prefix.addr || a.prefix.len - b.prefix.len);
  }

  ribEntries(): RibRouteView[] {
    const out: RibRouteView[] = [];
    const keys = [...this.slots.keys()].sort((a, b) => {
      const pa = prefixOfId(a);
      const pb = prefixOfId(b);
      return pa.addr - pb.addr || pa.len - pb.len;
    });
    for (const k of keys) {
      const slot = this.slots.get(k)!;
      const sel = slot.selected;
      const all: RibCandidate[] = [];
      if (slot.connected) all.push(slot.connected);
      all.push(...slot.statics);
      if (slot.bgp) all.push(slot.bgp);
      for (const c of all) {
        const selected = sel === c || (sel !== undefined && c.source === 'static' && sel.source === 'static' && !c.unusable);
        const view: { -readonly [K in keyof RibRouteView]: RibRouteView[K] } = {
          prefix: slot.prefix,
          source: c.source,
          protocol: c.protocol,
          distance: c.distance,
          metric: c.metric,
          selected,
          installed: selected,
          type: c.type,
          nexthops: c.nexthops,
          since: c.since,
        };
        if (c.bgpNextHop !== undefined) view.bgpNextHop = c.bgpNextHop;
        if (c.internal !== undefined) view.internal = c.internal;
        if (c.unusable) view.reason = { rule: 'unusable', text: c.unusable };
        out.push(view);
      }
    }
    return out;
  }

  /** Routes of one source, for BIRD's kernel1/direct1 learning and FRR redistribution. */
  candidates(source: 'connected' | 'static'): { prefix: Prefix; cand: RibCandidate }[] {
    const out: { prefix: Prefix; cand: RibCandidate }[] = [];
    for (const slot of this.slots.values()) {
      if (source === 'connected' && slot.connected) out.push({ prefix: slot.prefix, cand: slot.connected });
      if (source === 'static') for (const s of slot.statics) if (!s.unusable) out.push({ prefix: slot.prefix, cand: s });
    }
    return out;
  }

  hasNonBgpRoute(p: Prefix): boolean {
    const s = this.slots.get(prefixId(p));
    return !!s && (!!s.connected || s.statics.some((x) => !x.unusable));
  }

  // ------------------------------------------------------------------ BGP glue

  /** BIRD's non-BGP protocols as Calico configures them: static1, kernel1 (learned), direct1. */
  birdRoutes(): { static1: NonBgpRoute[]; kernel1: NonBgpRoute[]; direct1: NonBgpRoute[] } {
    const bird = this.cfg.bgp?.bird;
    const static1: NonBgpRoute[] = [];
    for (const r of bird?.staticRoutes ?? []) {
      if (r.type === 'via' && r.via !== undefined) {
        const sub = this.subnetOf(r.via);
        static1.push({
          prefix: r.prefix,
          source: 'static',
          protocol: 'static1',
          preference: BIRD_PREFERENCE.static,
          routeType: 'unicast',
          nexthops: sub ? [{ gateway: r.via, dev: sub.iface }] : [],
          ...(sub ? { ifname: sub.iface } : {}),
        });
      } else {
        static1.push({
          prefix: r.prefix,
          source: 'static',
          protocol: 'static1',
          preference: BIRD_PREFERENCE.static,
          routeType: r.type === 'unreachable' ? 'unreachable' : 'blackhole',
          nexthops: [],
        });
      }
    }
    const kernel1: NonBgpRoute[] = [];
    if (bird?.kernel.learn !== false) {
      // `learn`: alien routes of the kernel table (not proto kernel/bird) enter BIRD at pref 10.
      for (const { prefix, cand } of this.candidates('static')) {
        kernel1.push({
          prefix,
          source: 'kernel',
          protocol: 'kernel1',
          preference: BIRD_PREFERENCE.kernel,
          routeType: cand.type === 'unicast' ? (cand.nexthops.every((n) => n.gateway === undefined) ? 'device' : 'unicast') : 'blackhole',
          nexthops: cand.nexthops,
          ...(cand.nexthops[0] ? { ifname: cand.nexthops[0].dev } : {}),
        });
      }
    }
    const direct1: NonBgpRoute[] = [];
    const patterns = bird?.directInterfaces ?? ['*'];
    for (const { prefix, cand } of this.candidates('connected')) {
      const dev = cand.nexthops[0]!.dev;
      if (!interfaceSelected(patterns, dev)) continue;
      direct1.push({
        prefix,
        source: 'direct',
        protocol: 'direct1',
        preference: BIRD_PREFERENCE.direct,
        routeType: 'device',
        nexthops: [{ dev }],
        ifname: dev,
      });
    }
    return { static1, kernel1, direct1 };
  }

  /** FRR/Cisco/VRP: `network` statements (with import check) and redistribution. */
  localOriginations(): NonBgpRoute[] {
    const bgp = this.cfg.bgp;
    if (!bgp || bgp.family === 'bird') return [];
    const out: NonBgpRoute[] = [];
    const seen = new Set<number>();
    const add = (prefix: Prefix, origin: 0 | 2, protocol: string, nexthops: readonly ResolvedNextHop[]): void => {
      const k = prefixId(prefix);
      if (seen.has(k)) return;
      seen.add(k);
      out.push({
        prefix,
        source: 'local',
        protocol,
        preference: DISTANCES[bgp.family as 'frr'].local,
        routeType: 'unicast',
        nexthops,
        attrs: { origin, asPath: [], nextHop: 0 },
        weight: 32768,
      });
    };
    for (const n of bgp.networks) {
      // Cisco/FRR `network`: only with a matching route in the RIB (bgp network import-check).
      const present = this.hasNonBgpRoute(n.prefix);
      if (present || n.noImportCheck || !bgp.networkImportCheck) add(n.prefix, 0, 'network', []);
    }
    for (const r of bgp.redistribute) {
      const src = r.source === 'connected' ? 'connected' : 'static';
      for (const { prefix, cand } of this.candidates(src)) {
        if (r.policy) {
          const o = evaluateChain(r.policy, { prefix, source: src === 'connected' ? 'connected' : 'static' }, { prefixLists: this.cfg.prefixLists });
          if (!o.accepted) continue;
        }
        add(prefix, 2, `redistribute ${r.source}`, cand.nexthops);
      }
    }
    return out;
  }

  /**
   * Next-hop resolution for BGP paths. BIRD (`gateway recursive`) looks in its own table;
   * FRR/Cisco/VRP look in the RIB. FRR and VRP do not resolve through a default route
   * (FRR `ip nht resolve-via-default` is off by default).
   */
  resolveNextHop(ip: Ip, speaker: Speaker): NextHopResolution {
    if (ip === 0) return SELF_RESOLVED;
    if (speaker.family === 'bird') {
      const hit = speaker.lookupBest(ip, (e) => !(e.best!.isBgp && e.best!.attrs.nextHop === ip && e.prefix.len === 32));
      if (!hit) return { ...UNRESOLVED, reason: `no route to ${formatIp(ip)}` };
      const best = hit.best!;
      if (best.routeType === 'blackhole' || best.routeType === 'unreachable') {
        return { ...UNRESOLVED, reason: `${formatIp(ip)} resolves to a ${best.routeType} route` };
      }
      if (best.routeType === 'device' || (best.nexthops.length > 0 && best.nexthops.every((n) => n.gateway === undefined))) {
        const dev = best.nexthops[0]?.dev ?? best.ifname ?? '';
        return connectedResolution(ip, dev);
      }
      if (best.isBgp && !best.valid) return { ...UNRESOLVED, reason: `${formatIp(ip)} resolves through an unresolvable route` };
      return { valid: true, via: 'routed', igp: Infinity, nexthops: best.nexthops.map((n) => ({ gateway: n.gateway ?? ip, dev: n.dev })) };
    }
    const skipDefault = speaker.family === 'frr' || speaker.family === 'huawei-vrp';
    const sub = this.subnetOf(ip);
    if (sub) return connectedResolution(ip, sub.iface);
    const hit = this.fibLookup(ip, (slot, len) => slot.selected !== undefined && !(skipDefault && len === 0) && fibView(slot).type === 'unicast');
    if (!hit) {
      const why = skipDefault && this.fibLookup(ip, inFib) ? ' (a default route is not used to resolve BGP next hops)' : '';
      return { ...UNRESOLVED, reason: `no route to ${formatIp(ip)}${why}` };
    }
    const v = fibView(hit);
    return {
      valid: true,
      via: 'routed',
      igp: v.metric ?? 0,
      nexthops: v.nexthops.map((n) => ({ gateway: n.gateway ?? ip, dev: n.dev })),
    };
  }
}

/** Linux IP-in-IP device names (Calico uses tunl0). */
export function isTunnel(name: string): boolean {
  return name === 'tunl0';
}

const SELF_RESOLVED: NextHopResolution = { valid: true, via: 'connected', igp: 0, nexthops: [] };

/**
 * Resolutions to a directly connected next hop, shared by every device (they are immutable
 * and depend on the address and interface name only): a fabric resolves each node address
 * on every other node.
 */
const connectedResolutions = new Map<string, Map<Ip, NextHopResolution>>();

function connectedResolution(ip: Ip, dev: string): NextHopResolution {
  let byIp = connectedResolutions.get(dev);
  if (!byIp) connectedResolutions.set(dev, (byIp = new Map()));
  let r = byIp.get(ip);
  if (!r) byIp.set(ip, (r = { valid: true, via: 'connected', igp: 0, nexthops: [{ gateway: ip, dev }] }));
  return r;
}

export function interfaceSelected(patterns: readonly string[], dev: string): boolean {
  for (const pat of patterns) {
    const neg = pat.startsWith('-');
    const glob = neg ? pat.slice(1) : pat;
    if (globMatch(glob, dev)) return !neg;
  }
  return false;
}

const inFib = (slot: Slot): boolean => slot.selected !== undefined;

/** The FIB entry of a slot with a selected route. */
function fibView(slot: Slot): FibEntryView {
  slot.view ??= toFib(slot.prefix, slot.selected!);
  return slot.view;
}

function toFib(prefix: Prefix, c: RibCandidate): FibEntryView {
  const v: { -readonly [K in keyof FibEntryView]: FibEntryView[K] } = {
    prefix,
    type: c.type === 'device' ? 'unicast' : c.type,
    nexthops: c.nexthops,
    proto: c.proto,
    source: c.source,
  };
  if (c.scope) v.scope = c.scope;
  if (c.prefsrc !== undefined) v.prefsrc = c.prefsrc;
  if (c.kernelMetric !== undefined) v.metric = c.kernelMetric;
  else if (c.metric) v.metric = c.metric;
  return v;
}

function mergeNexthops(list: RibCandidate[]): RibCandidate {
  if (list.length === 1) return list[0]!;
  const nh: ResolvedNextHop[] = [];
  for (const c of list) for (const n of c.nexthops) if (!nh.some((x) => x.gateway === n.gateway && x.dev === n.dev)) nh.push(n);
  return { ...list[0]!, nexthops: nh };
}

/** Several static routes for one prefix with the same distance are one ECMP route. */
function mergeStatics(list: RibCandidate[]): RibCandidate[] {
  const byDistance = new Map<string, RibCandidate[]>();
  for (const c of list) {
    const k = `${c.distance}/${c.type}/${c.unusable ? 'x' : ''}`;
    byDistance.set(k, [...(byDistance.get(k) ?? []), c]);
  }
  return [...byDistance.values()].map(mergeNexthops).sort((a, b) => a.distance - b.distance);
}

function sameNexthops(a: readonly ResolvedNextHop[], b: readonly ResolvedNextHop[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.gateway !== y.gateway || x.dev !== y.dev || x.weight !== y.weight || x.onlink !== y.onlink) return false;
  }
  return true;
}

function sameCand(a: RibCandidate | undefined, b: RibCandidate | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.source === b.source &&
    a.protocol === b.protocol &&
    a.distance === b.distance &&
    a.metric === b.metric &&
    a.type === b.type &&
    a.proto === b.proto &&
    a.scope === b.scope &&
    a.prefsrc === b.prefsrc &&
    a.bgpNextHop === b.bgpNextHop &&
    a.internal === b.internal &&
    a.kernelMetric === b.kernelMetric &&
    a.unusable === b.unusable &&
    sameNexthops(a.nexthops, b.nexthops)
  );
}

function stripSince(list: readonly RibCandidate[]): unknown[] {
  return list.map(({ since: _s, ...rest }) => rest);
}

function keepSince(prev: RibCandidate | undefined, next: RibCandidate): RibCandidate {
  return prev && sameCand(prev, next) ? prev : next;
}
