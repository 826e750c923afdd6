// A BGP speaker: the routing table (Loc-RIB; for BIRD the whole `master` table with static,
// kernel and direct routes), the decision process over dirty prefixes, and Adj-RIB-Out
// maintenance for every established session.

import { formatIp, type Ip, type Prefix } from '../core/ip.ts';
import { DEFAULT_ROUTE_ID, prefixId, prefixOfId } from '../core/prefix-id.ts';
import type { LabEvent } from '../api-types.ts';
import type { BestPathFamily, BgpConfig, NeighborConfig } from '../model/bgp.ts';
import type { PrefixList } from '../model/policy.ts';
import type { PathAttrs, ResolvedNextHop, RouteSource } from '../model/route.ts';
import { PrefixLengths } from '../rib/lengths.ts';
import { exportKey, exportPath, splitHorizon, type ExportContext } from './advertise.ts';
import { multipathCount, selectBest, type BestPathOptions } from './bestpath.ts';
import { makePath, type NextHopResolution, type Path, type RouteKind, type Stamp } from './path.ts';
import { evaluateChain } from './policy-eval.ts';
import { Session, type AdjOutEntry } from './session.ts';
import { Outbox } from './outbox.ts';
import { slotCount, slotItems, slotPut, slotTake, type Slot } from './slots.ts';

export interface UpdateItem {
  readonly key: number;
  readonly prefix: Prefix;
  readonly pathId: number;
  /** null = withdraw. */
  readonly attrs: PathAttrs | null;
}

/** What a speaker needs from the device and the engine. */
export interface SpeakerHost {
  readonly device: string;
  now(): number;
  /** Resolves a BGP next hop through the device's routing table (per family rules). */
  resolve(ip: Ip, self: Speaker): NextHopResolution;
  /** The best/ECMP set for a prefix changed: program the RIB/FIB. */
  installed(entry: TableEntry): void;
  send(from: Session, items: UpdateItem[], endOfRib: boolean): void;
  log(kind: LabEvent['kind'], text: string, extra?: Partial<LabEvent>): void;
  readonly prefixLists: Readonly<Record<string, PrefixList>>;
  subnetOf(ip: Ip): { iface: string; len: number; ip: Ip } | undefined;
}

export interface TableEntry {
  readonly prefix: Prefix;
  readonly key: number;
  paths: Path[];
  best: Path | undefined;
  /** The first `mpCount` paths (best first) form the ECMP set used for forwarding. */
  mpCount: number;
  /** True when some path may be sent to iBGP peers of a non-reflector (local/eBGP-learned). */
  ibgpExportable: boolean;
  /**
   * What the installed forwarding was made from (kernelExport reads nothing else that can
   * change without a reinstallAll): the best path, its resolution, the ECMP size and the merged
   * ECMP next hops. fwdCount 0: nothing installed.
   */
  fwdBest: Path | undefined;
  fwdRes: NextHopResolution | undefined;
  fwdCount: number;
  fwdHops: readonly ResolvedNextHop[] | undefined;
  /** Queued for the next decision (Speaker.dirty). */
  dirty: boolean;
  /** Number of sessions whose Adj-RIB-Out holds this prefix. */
  outCount: number;
  /** Adj-RIB-Out for this prefix by Session.index (undefined: nothing sent), made on first use. */
  out: (Slot<AdjOutEntry> | undefined)[] | undefined;
}

export interface NonBgpRoute {
  readonly prefix: Prefix;
  readonly source: RouteSource;
  readonly protocol: string;
  readonly preference: number;
  readonly routeType: 'unicast' | 'blackhole' | 'unreachable' | 'device';
  readonly nexthops: readonly ResolvedNextHop[];
  readonly ifname?: string;
  /** FRR `network` / redistribute: attributes for the locally originated path. */
  readonly attrs?: PathAttrs;
  readonly weight?: number;
}

/** No Adj-RIB-Out paths / no UPDATE items (shared; never stored as a slot or modified). */
const NOTHING_OUT: readonly AdjOutEntry[] = [];
const NO_ITEMS: readonly UpdateItem[] = [];

function newEntry(prefix: Prefix, key: number): TableEntry {
  return {
    prefix,
    key,
    paths: [],
    best: undefined,
    mpCount: 0,
    ibgpExportable: false,
    fwdBest: undefined,
    fwdRes: undefined,
    fwdCount: 0,
    fwdHops: undefined,
    dirty: false,
    outCount: 0,
    out: undefined,
  };
}

export class Speaker {
  readonly sessions: Session[] = [];
  readonly sessionsByName = new Map<string, Session>();
  /** First configured session per neighbour address (BIRD bgp_find_proto: config order). */
  readonly byAddress = new Map<Ip, Session>();
  readonly table = new Map<number, TableEntry>();
  /**
   * Entries without paths that some session's Adj-RIB-Out still holds (only a default-originate
   * route can outlive its paths); they rejoin the table when paths come back.
   */
  private readonly detached = new Map<number, TableEntry>();
  /** Sessions ever created here: the next Session.index. */
  private sessionCount = 0;
  /** Prefix lengths in the table, for longest-prefix matches through it (BIRD next hops). */
  private readonly lengths = new PrefixLengths();
  /** Entries waiting for the decision process, in the order they were first marked. */
  private dirty: TableEntry[] = [];
  private nextLocalId = 1;
  /** Sorted distinct BGP next hops, rebuilt lazily (for re-resolution when routes change). */
  private nhCache: Ip[] | undefined;
  /** How many BGP paths use each next hop (the sorted list changes only when a key appears or goes). */
  private readonly nhRefs = new Map<Ip, number>();
  /**
   * Next-hop resolutions, shared by every path with the same next hop and kept across
   * decisions; dropped when a route covering a tracked next hop changes.
   */
  private resCache = new Map<Ip, NextHopResolution>();
  /** Prefixes that hold a path an iBGP peer of a non-reflector may receive (local or eBGP-learned). */
  private readonly exportableKeys = new Set<number>();
  private localRoutes = new Map<string, Map<number, Path>>();
  private hasClients = false;
  routerId: Ip;
  clusterId: Ip;
  cfg: BgpConfig;
  /** The device runtime that owns this speaker (set by the engine; opaque here). */
  owner: unknown;
  private upCache: { all: Session[]; ebgp: Session[]; allGroups: Session[][]; ebgpGroups: Session[][] } | undefined;

  /** A session went up or down: the cached lists of established sessions are stale. */
  invalidateUp(): void {
    this.upCache = undefined;
  }

  /** Established sessions, and the same grouped by export profile (update groups). */
  private upLists(): { all: Session[]; ebgp: Session[]; allGroups: Session[][]; ebgpGroups: Session[][] } {
    if (!this.upCache) {
      const all = this.sessions.filter((s) => s.established);
      const ebgp = all.filter((s) => !s.internal);
      const ctx = this.exportContext();
      const group = (list: Session[]): Session[][] => {
        const m = new Map<string, Session[]>();
        for (const s of list) {
          const k = exportKey(s, ctx);
          const g = m.get(k);
          if (g) g.push(s);
          else m.set(k, [s]);
        }
        return [...m.values()];
      };
      this.upCache = { all, ebgp, allGroups: group(all), ebgpGroups: group(ebgp) };
    }
    return this.upCache;
  }

  constructor(
    readonly host: SpeakerHost,
    cfg: BgpConfig,
    routerId: Ip,
  ) {
    this.cfg = cfg;
    this.routerId = routerId;
    this.clusterId = cfg.clusterId ?? routerId;
    this.setNeighbors(cfg.neighbors);
  }

  get family(): BestPathFamily {
    return this.cfg.family;
  }

  get asn(): number {
    return this.cfg.asn;
  }

  get dirtyCount(): number {
    return this.dirty.length;
  }

  private mark(e: TableEntry): void {
    if (e.dirty) return;
    e.dirty = true;
    this.dirty.push(e);
  }

  /** Replaces the neighbour list; returns sessions added, removed and whose config changed. */
  setNeighbors(neighbors: readonly NeighborConfig[]): { added: Session[]; removed: Session[]; changed: Session[]; softChanged: Session[] } {
    const added: Session[] = [];
    const changed: Session[] = [];
    const softChanged: Session[] = [];
    const keep = new Set<string>();
    const ordered: Session[] = [];
    for (const n of neighbors) {
      keep.add(n.name);
      const existing = this.sessionsByName.get(n.name);
      if (!existing) {
        const s = new Session(this, n);
        this.sessionsByName.set(n.name, s);
        added.push(s);
        ordered.push(s);
        continue;
      }
      const before = existing.cfg;
      existing.cfg = n;
      if (sessionDefiningChanged(before, n)) changed.push(existing);
      else if (before.importPolicy !== n.importPolicy || before.exportPolicy !== n.exportPolicy || before.shutdown !== n.shutdown) {
        if (JSON.stringify([before.importPolicy, before.exportPolicy]) !== JSON.stringify([n.importPolicy, n.exportPolicy])) softChanged.push(existing);
        if (before.shutdown !== n.shutdown) changed.push(existing);
      }
      ordered.push(existing);
    }
    const removed: Session[] = [];
    for (const s of this.sessions) if (!keep.has(s.name) && !s.dynamic) removed.push(s);
    for (const s of removed) {
      this.sessionsByName.delete(s.name);
      s.removed = true;
    }
    for (const s of this.sessions) if (s.dynamic && keep.has(s.name) === false) ordered.push(s);
    this.sessions.length = 0;
    this.sessions.push(...ordered);
    this.reindex();
    this.upCache = undefined;
    this.invalidateExports();
    return { added, removed, changed, softChanged };
  }

  private reindex(): void {
    this.hasClients = this.sessions.some((s) => s.cfg.rrClient);
    this.byAddress.clear();
    for (const s of this.sessions) if (!this.byAddress.has(s.cfg.address)) this.byAddress.set(s.cfg.address, s);
  }

  addDynamic(s: Session): void {
    this.sessions.push(s);
    this.sessionsByName.set(s.name, s);
    this.reindex();
  }

  removeSession(s: Session): void {
    const i = this.sessions.indexOf(s);
    if (i >= 0) this.sessions.splice(i, 1);
    this.sessionsByName.delete(s.name);
    s.removed = true;
    this.reindex();
  }

  bestPathOptions(): BestPathOptions {
    return {
      family: this.cfg.family,
      alwaysCompareMed: this.cfg.alwaysCompareMed,
      compareRouterId: this.cfg.compareRouterId,
      defaultLocalPref: this.cfg.defaultLocalPref,
      localAs: this.cfg.asn,
    };
  }

  // ---------------------------------------------------------------- table mutation

  private entry(prefix: Prefix, key: number): TableEntry {
    let e = this.table.get(key);
    if (!e) {
      e = this.detached.get(key);
      if (e) this.detached.delete(key);
      else e = newEntry(prefix, key);
      this.table.set(key, e);
      this.lengths.add(e.prefix.len);
    }
    return e;
  }

  /**
   * The longest-prefix entry for `ip` that has a best route (as of its last decision) and
   * passes `accept`: how BIRD resolves a next hop through its own table.
   */
  lookupBest(ip: Ip, accept: (e: TableEntry) => boolean): TableEntry | undefined {
    return this.lengths.lookup(ip, this.table, (e) => e.best !== undefined && accept(e));
  }

  takeSessionIndex(): number {
    return this.sessionCount++;
  }

  /** Sets what session `s` holds in its Adj-RIB-Out for `e` (`have`: what it held). */
  private setOut(e: TableEntry, s: Session, have: Slot<AdjOutEntry> | undefined, slot: Slot<AdjOutEntry> | undefined): void {
    if (have === slot) return;
    // Allocated at the current session count, so the array stays dense (no dictionary mode).
    const out = (e.out ??= new Array(this.sessionCount));
    out[s.index] = slot;
    s.outItems += slotCount(slot) - slotCount(have);
    if (have === undefined) e.outCount++;
    else if (slot === undefined) e.outCount--;
  }

  /** Adj-RIB-Out of one session: key and slot per prefix (unordered). */
  adjOutOf(s: Session): { key: number; slot: Slot<AdjOutEntry> }[] {
    const res: { key: number; slot: Slot<AdjOutEntry> }[] = [];
    for (const m of [this.table, this.detached]) {
      for (const e of m.values()) {
        const slot = e.out?.[s.index];
        if (slot !== undefined) res.push({ key: e.key, slot });
      }
    }
    return res;
  }

  /** Distinct next hops of BGP paths, sorted (a FIB change covering one forces re-resolution). */
  trackedNextHops(): readonly Ip[] {
    if (!this.nhCache) this.nhCache = [...this.nhRefs.keys()].sort((a, b) => a - b);
    return this.nhCache;
  }

  private refNextHop(nh: Ip, delta: 1 | -1): void {
    const n = (this.nhRefs.get(nh) ?? 0) + delta;
    if (n <= 0) {
      this.nhRefs.delete(nh);
      this.nhCache = undefined;
    } else {
      if (!this.nhRefs.has(nh)) this.nhCache = undefined;
      this.nhRefs.set(nh, n);
    }
  }

  markDirty(key: number): void {
    const e = this.table.get(key);
    if (e) this.mark(e);
  }

  markAllDirty(): void {
    for (const e of this.table.values()) this.mark(e);
  }

  /** The kernel/RIB programming rules changed: install every best route again. */
  reinstallAll(): void {
    for (const e of this.table.values()) {
      e.fwdBest = undefined;
      e.fwdRes = undefined;
      e.fwdHops = undefined;
      e.fwdCount = 0;
    }
    this.markAllDirty();
  }

  /** Forwarding under a tracked next hop changed: resolve every next hop again. */
  reresolve(): void {
    this.resCache = new Map();
    this.markAllDirty();
  }

  /**
   * Replaces the set of non-BGP routes of one origin (BIRD static1/kernel1/direct1, or FRR
   * `network`/redistribute originations under 'local').
   */
  setRoutes(origin: string, routes: readonly NonBgpRoute[]): void {
    const old = this.localRoutes.get(origin) ?? new Map<number, Path>();
    const next = new Map<number, Path>();
    let stamp: Stamp | undefined;
    for (const r of routes) {
      const key = prefixId(r.prefix);
      const prev = old.get(key);
      if (prev && sameNonBgp(prev, r)) {
        next.set(key, prev);
        continue;
      }
      const attrs: PathAttrs = r.attrs ?? { origin: 0, asPath: [], nextHop: 0 };
      const kind: RouteKind = {
        source: r.source,
        protocol: r.protocol,
        preference: r.preference,
        routeType: r.routeType,
        fixedNexthops: r.source === 'local' ? undefined : r.nexthops,
        ifname: r.ifname,
      };
      const e = this.entry(r.prefix, key);
      stamp ??= { at: this.host.now() };
      const p = makePath(e, attrs, null, kind, 0, this.nextLocalId++, stamp, r.weight ?? (this.family === 'bird' ? 0 : 32768));
      if (r.source === 'local') p.res = { valid: true, via: 'connected', igp: 0, nexthops: r.nexthops };
      if (prev) removeFrom(e.paths, prev);
      addPath(e, p);
      next.set(key, p);
      this.mark(e);
    }
    for (const [key, p] of old) {
      if (next.get(key) === p) continue;
      if (next.has(key)) continue; // replaced above
      const e = p.home as TableEntry;
      removeFrom(e.paths, p);
      this.mark(e);
    }
    this.localRoutes.set(origin, next);
  }

  /** Receives one UPDATE batch on `s` (after the engine checked the connection is live). */
  receive(s: Session, items: readonly UpdateItem[]): void {
    s.msgsReceived++;
    s.updatesReceived++;
    const stamp: Stamp = { at: this.host.now() };
    for (const it of items) this.receiveOne(s, it, stamp);
  }

  private receiveOne(s: Session, it: UpdateItem, stamp: Stamp): void {
    const keep = s.cfg.softReconfigInbound === true;
    const id = it.pathId;
    if (it.attrs === null) {
      const p = takePath(s.adjIn, it.key, id);
      if (p) this.removePath(p);
      if (keep) slotTake(s.adjInPre, it.key, (x) => x.pathId === id);
      return;
    }
    const verdict = this.importCheck(s, it.prefix, it.attrs);
    if (keep) {
      slotPut(s.adjInPre, it.key, { pathId: id, attrs: it.attrs, accepted: verdict.ok, reason: verdict.ok ? 'accepted' : verdict.reason }, (x) => x.pathId === id);
    }
    const held = s.adjIn.get(it.key);
    const prev = findPath(held, id);
    if (!verdict.ok) {
      if (prev) {
        takePath(s.adjIn, it.key, id);
        this.removePath(prev);
      }
      return;
    }
    const e = this.entry(it.prefix, it.key);
    const p = makePath(
      e,
      verdict.attrs,
      s,
      s.pathKind,
      id,
      prev?.localId ?? this.nextLocalId++,
      prev && !prev.stale && sameAttrs(prev.attrs, verdict.attrs) ? prev.received : stamp,
      verdict.weight,
    );
    // Adj-RIB-In: in place of the previous path with this id, or added.
    if (held === undefined || held === prev) s.adjIn.set(it.key, p);
    else if (!Array.isArray(held)) s.adjIn.set(it.key, [held, p]);
    else if (prev) held[held.indexOf(prev)] = p;
    else held.push(p);
    if (prev) removeFrom(e.paths, prev);
    addPath(e, p);
    this.mark(e);
    if (prev?.attrs.nextHop !== p.attrs.nextHop) {
      if (prev) this.refNextHop(prev.attrs.nextHop, -1);
      this.refNextHop(p.attrs.nextHop, 1);
    }
  }

  private removePath(p: Path): void {
    if (p.isBgp) this.refNextHop(p.attrs.nextHop, -1);
    const e = p.home as TableEntry;
    removeFrom(e.paths, p);
    this.mark(e);
  }

  /** Receive-side protocol checks and the import policy. */
  importCheck(s: Session, prefix: Prefix, attrs: PathAttrs): { ok: true; attrs: PathAttrs; weight: number } | { ok: false; reason: string } {
    // RFC 4271 §9.1.2 / BIRD bgp_as_path_loopy: our AS in the path (beyond allowas-in).
    const own = s.localAs;
    let count = 0;
    for (const a of attrs.asPath) if (a === own || a === this.cfg.asn) count++;
    if (count > s.cfg.allowOwnAs) return { ok: false, reason: `AS path contains our AS ${own} (loop)` };
    if (s.internal) {
      // RFC 4456 §8: ORIGINATOR_ID equal to our router id.
      if (attrs.originatorId === this.routerId) return { ok: false, reason: 'ORIGINATOR_ID is our router ID (reflected back)' };
      const clusterId = this.family === 'bird' ? (s.cfg.rrClient ? (s.cfg.rrClusterId ?? this.routerId) : undefined) : this.clusterId;
      if (clusterId !== undefined && attrs.clusterList?.includes(clusterId)) {
        return { ok: false, reason: `CLUSTER_LIST contains our cluster ID ${formatIp(clusterId)}` };
      }
    }
    let a = attrs;
    if (!s.internal) {
      // LOCAL_PREF is not accepted from eBGP peers; ORIGINATOR_ID/CLUSTER_LIST are iBGP-only.
      if (a.localPref !== undefined || a.originatorId !== undefined || a.clusterList !== undefined) {
        const { localPref: _lp, originatorId: _o, clusterList: _c, ...rest } = a;
        a = rest;
      }
    }
    if (this.family !== 'bird' && !s.internal && this.cfg.ebgpRequiresPolicy && s.cfg.importPolicy.policies.length === 0) {
      return { ok: false, reason: 'eBGP requires an inbound policy (bgp ebgp-requires-policy)' };
    }
    const chain = s.cfg.importPolicy;
    if (chain.policies.length === 0) {
      return chain.fallthrough === 'accept' ? { ok: true, attrs: a, weight: 0 } : { ok: false, reason: `import policy: ${chain.fallthroughLabel}` };
    }
    const outcome = evaluateChain(chain, { prefix, attrs: a, source: 'bgp', peerInternal: s.internal }, { prefixLists: this.host.prefixLists, localAs: s.localAs });
    if (!outcome.accepted) return { ok: false, reason: `import policy: ${outcome.decidedBy}` };
    return { ok: true, attrs: outcome.attrs ?? a, weight: outcome.weight ?? 0 };
  }

  /** Session went down: drop (or keep as stale, for graceful restart) what it sent. */
  flushSession(s: Session, keepStale: boolean): void {
    for (const [key, m] of s.adjIn) {
      for (const p of slotItems(m)) {
        if (keepStale) {
          p.stale = true;
          s.hasStale = true;
          this.mark(p.home as TableEntry);
        } else this.removePath(p);
      }
    }
    if (!keepStale) s.adjIn.clear();
    s.clearAdjInPre();
    if (s.outItems > 0) {
      for (const m of [this.table, this.detached]) {
        for (const e of m.values()) {
          const have = e.out?.[s.index];
          if (have !== undefined) this.setOut(e, s, have, undefined);
        }
      }
      for (const [key, e] of this.detached) if (e.outCount === 0) this.detached.delete(key);
    }
    this.upCache = undefined;
  }

  /** Graceful restart over: remove the paths still stale from `s`. */
  purgeStale(s: Session): number {
    // (Called at every End-of-RIB; only a session that went down gracefully has stale paths.)
    if (!s.hasStale) return 0;
    s.hasStale = false;
    let n = 0;
    for (const [key, m] of [...s.adjIn]) {
      for (const p of slotItems(m)) {
        if (!p.stale) continue;
        slotTake(s.adjIn, key, (x) => x === p);
        this.removePath(p);
        n++;
      }
    }
    return n;
  }

  // ---------------------------------------------------------------- decision process

  /** Runs best-path selection on dirty prefixes and updates Adj-RIB-Out; returns changed prefixes. */
  decide(): number {
    if (this.dirty.length === 0) return 0;
    const entries = this.dirty;
    this.dirty = [];
    const o = this.bestPathOptions();
    const limits = this.multipathLimits();
    const resCache = this.resCache;
    let reresolve = false;
    const out = new Outbox();
    const ctx = this.exportContext();
    let changed = 0;
    for (const e of entries) {
      e.dirty = false;
      const key = e.key;
      for (const p of e.paths) {
        if (!p.isBgp) continue;
        let r = resCache.get(p.attrs.nextHop);
        if (!r) {
          r = this.host.resolve(p.attrs.nextHop, this);
          resCache.set(p.attrs.nextHop, r);
        }
        p.res = r;
      }
      const before = e.best;
      e.best = selectBest(e.paths, o);
      // BIRD resolves next hops through this very table: a new best route under a tracked
      // next hop changes resolutions.
      if (this.family === 'bird' && before !== e.best && coversTracked(e.prefix, this.trackedNextHops())) reresolve = true;
      e.mpCount = multipathCount(e.paths, e.best, o, limits);
      e.ibgpExportable = e.paths.some((p) => p.session === null || !p.session.internal || p.session.cfg.rrClient);
      if (e.ibgpExportable) this.exportableKeys.add(key);
      else this.exportableKeys.delete(key);
      if (forwardingChanged(e)) {
        changed++;
        this.host.installed(e);
      }
      // A non-reflector never sends iBGP-learned routes to iBGP peers: when nothing was sent
      // for this prefix before, only eBGP sessions need a look.
      const up = this.upLists();
      const groups = !this.hasClients && !e.ibgpExportable && e.outCount === 0 ? up.ebgpGroups : up.allGroups;
      for (const g of groups) this.exportGroup(e, g, ctx, out);
      if (e.paths.length === 0) {
        this.table.delete(key);
        this.lengths.remove(e.prefix.len);
        this.exportableKeys.delete(key);
        if (e.outCount > 0) this.detached.set(key, e);
      }
    }
    for (const s of out.sessions) this.host.send(s, out.get(s)!, false);
    if (reresolve) this.reresolve();
    return changed;
  }

  multipathLimits(): { ebgp: number; ibgp: number; asPathRelax: boolean } {
    if (this.family === 'bird') {
      const limit = this.cfg.bird?.kernel.mergePaths ?? 16;
      return { ebgp: limit, ibgp: limit, asPathRelax: true };
    }
    return { ebgp: this.cfg.maximumPaths.ebgp, ibgp: this.cfg.maximumPaths.ibgp, asPathRelax: this.cfg.asPathMultipathRelax };
  }

  private ctxCache: ExportContext | undefined;
  private exportEpoch = 0;

  /** Configuration or policy tables changed: every memoised export is stale. */
  invalidateExports(): void {
    this.exportEpoch++;
    this.upCache = undefined;
    this.ctxCache = undefined;
    for (const s of this.sessions) s.exportKey = undefined;
  }

  exportContext(): ExportContext {
    if (this.ctxCache) return this.ctxCache;
    return (this.ctxCache = {
      epoch: this.exportEpoch,
      routerId: this.routerId,
      clusterId: this.clusterId,
      policyEnv: { prefixLists: this.host.prefixLists, localAs: this.cfg.asn },
      ebgpRequiresPolicy: this.family === 'frr' && this.cfg.ebgpRequiresPolicy,
      subnetOf: (ip) => this.host.subnetOf(ip),
    });
  }

  /** The paths `s` should currently have for entry `e`, after rules, policy and rewrites. */
  wanted(e: TableEntry, s: Session, ctx: ExportContext): readonly AdjOutEntry[] {
    // FRR `neighbor X default-originate` / VRP `default-route-advertise`: 0.0.0.0/0 with next
    // hop self, whatever the table holds (bgpd bgp_updgrp_adv.c subgroup_default_originate).
    if (e.key === DEFAULT_ROUTE_ID && s.cfg.defaultOriginate) return [this.defaultRoute(s)];
    if (!e.best) return NOTHING_OUT;
    // Non-reflecting speakers never send iBGP-learned routes to iBGP peers: skip fast.
    if (s.internal && !this.hasClients && !e.ibgpExportable) return NOTHING_OUT;
    if (s.addPathTx && this.family === 'bird') {
      const result: AdjOutEntry[] = [];
      for (const p of e.paths) {
        if (!p.valid || (p.stale && p.session === s)) continue;
        const v = exportPath(p, s, ctx);
        if (v.ok) result.push(v.entry);
      }
      return result;
    }
    const v = exportPath(e.best, s, ctx);
    return v.ok ? [v.entry] : NOTHING_OUT;
  }

  /**
   * Adj-RIB-Out for one group of established sessions with the same export profile (FRR's
   * update groups): computed once with the first member, shared by all; members that were in
   * sync share the UPDATE items too. Only split horizon differs per member.
   */
  private exportGroup(e: TableEntry, members: readonly Session[], ctx: ExportContext, out: Outbox): void {
    const rep = members[0]!;
    if (e.key === DEFAULT_ROUTE_ID && rep.cfg.defaultOriginate) {
      for (const s of members) this.exportPrefix(e, s, ctx, out);
      return;
    }
    const want: AdjOutEntry[] = [];
    const sources: (Session | null)[] = [];
    if (e.best && !(rep.internal && !this.hasClients && !e.ibgpExportable)) {
      if (rep.addPathTx && this.family === 'bird') {
        for (const p of e.paths) {
          if (!p.valid) continue;
          const v = exportPath(p, rep, ctx, true);
          if (v.ok) {
            want.push(v.entry);
            sources.push(p.session);
          }
        }
      } else {
        const v = exportPath(e.best, rep, ctx, true);
        if (v.ok) {
          want.push(v.entry);
          sources.push(e.best.session);
        }
      }
    }
    const slot: Slot<AdjOutEntry> | undefined = want.length === 0 ? undefined : want.length === 1 ? want[0] : want;
    let diffs: Map<unknown, readonly UpdateItem[]> | undefined;
    for (const s of members) {
      // Split horizon (BIRD/VRP), and a stale path never goes back to its own session.
      if (sources.includes(s) && (splitHorizon(s) || e.paths.some((p) => p.session === s && p.stale))) {
        this.exportPrefix(e, s, ctx, out);
        continue;
      }
      const have = e.out?.[s.index];
      if (have === slot) continue;
      diffs ??= new Map();
      let items = diffs.get(have);
      if (!items) {
        items = diffAdjOut(e, slotItems(have), want);
        diffs.set(have, items);
      }
      if (items.length > 0) {
        const list = out.list(s);
        for (const it of items) list.push(it);
      }
      this.setOut(e, s, have, slot);
    }
  }

  private defaultRoute(s: Session): AdjOutEntry {
    const attrs: PathAttrs = s.internal
      ? { origin: 0, asPath: [], nextHop: s.localAddress ?? 0, localPref: this.cfg.defaultLocalPref }
      : { origin: 0, asPath: [s.localAs], nextHop: s.localAddress ?? 0 };
    return { pathId: 0, attrs };
  }

  private exportPrefix(e: TableEntry, s: Session, ctx: ExportContext, out: Outbox): void {
    const want = this.wanted(e, s, ctx);
    const haveSlot = e.out?.[s.index];
    const have = slotItems(haveSlot);
    if (sameAdjOut(have, want)) return;
    const items = out.list(s);
    for (const it of diffAdjOut(e, have, want)) items.push(it);
    // (Several paths only come from wanted()'s ADD-PATH branch: a fresh array, never shared.)
    this.setOut(e, s, haveSlot, want.length === 0 ? undefined : want.length === 1 ? want[0]! : (want as AdjOutEntry[]));
  }

  /** Full table dump for a session that just came up (and for soft reconfiguration out). */
  dump(s: Session): UpdateItem[] {
    const ctx = this.exportContext();
    const out = new Outbox();
    if (s.internal && !this.hasClients) {
      // A non-reflector sends iBGP peers only local and eBGP-learned routes.
      for (const key of this.exportableKeys) {
        const e = this.table.get(key);
        if (e) this.exportPrefix(e, s, ctx, out);
      }
    } else {
      for (const e of this.table.values()) this.exportPrefix(e, s, ctx, out);
    }
    if (s.cfg.defaultOriginate && !this.table.has(DEFAULT_ROUTE_ID)) {
      const e = this.detached.get(DEFAULT_ROUTE_ID) ?? newEntry(prefixOfId(DEFAULT_ROUTE_ID), DEFAULT_ROUTE_ID);
      this.exportPrefix(e, s, ctx, out);
      if (e.outCount > 0) this.detached.set(DEFAULT_ROUTE_ID, e);
    }
    return out.get(s) ?? [];
  }

  /** Re-runs import policy over pre-policy copies (soft reconfiguration inbound). */
  reimport(s: Session): void {
    const stamp: Stamp = { at: this.host.now() };
    for (const [key, m] of [...s.adjInPre]) {
      for (const pre of slotItems(m)) {
        const prefix = this.table.get(key)?.prefix ?? prefixOfId(key);
        this.receiveOne(s, { key, prefix, pathId: pre.pathId, attrs: pre.attrs }, stamp);
      }
    }
  }
}

/** Whether `p` covers any of the sorted addresses. */
export function coversTracked(p: Prefix, sorted: readonly Ip[]): boolean {
  if (sorted.length === 0) return false;
  const lo = p.addr;
  const hi = p.addr + 2 ** (32 - p.len) - 1;
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (sorted[m]! < lo) a = m + 1;
    else b = m;
  }
  return a < sorted.length && sorted[a]! <= hi;
}

/** UPDATE items that turn Adj-RIB-Out `have` into `want` for one prefix. */
function diffAdjOut(e: TableEntry, have: readonly AdjOutEntry[], want: readonly AdjOutEntry[]): readonly UpdateItem[] {
  // One path before and after (the usual case), without growing an array: same result as below.
  if (have.length <= 1 && want.length <= 1) {
    const h = have[0];
    const w = want[0];
    if (w === undefined) return h === undefined ? NO_ITEMS : [{ key: e.key, prefix: e.prefix, pathId: h.pathId, attrs: null }];
    const announce: UpdateItem = { key: e.key, prefix: e.prefix, pathId: w.pathId, attrs: w.attrs };
    if (h === undefined) return [announce];
    if (h.pathId === w.pathId) return sameAttrs(h.attrs, w.attrs) ? NO_ITEMS : [announce];
    return [{ key: e.key, prefix: e.prefix, pathId: h.pathId, attrs: null }, announce];
  }
  const items: UpdateItem[] = [];
  for (const h of have) {
    if (!want.some((w) => w.pathId === h.pathId)) items.push({ key: e.key, prefix: e.prefix, pathId: h.pathId, attrs: null });
  }
  for (const w of want) {
    const h = have.find((x) => x.pathId === w.pathId);
    if (!h || !sameAttrs(h.attrs, w.attrs)) items.push({ key: e.key, prefix: e.prefix, pathId: w.pathId, attrs: w.attrs });
  }
  return items;
}

/** The path with ADD-PATH id `id` in an Adj-RIB-In slot. */
function findPath(held: Slot<Path> | undefined, id: number): Path | undefined {
  if (held === undefined) return undefined;
  if (!Array.isArray(held)) return held.remotePathId === id ? held : undefined;
  for (const p of held) if (p.remotePathId === id) return p;
  return undefined;
}

/** Removes and returns the path with id `id` from an Adj-RIB-In (slotTake without a closure). */
function takePath(adjIn: Map<number, Slot<Path>>, key: number, id: number): Path | undefined {
  const held = adjIn.get(key);
  const p = findPath(held, id);
  if (p) slotTake(adjIn, key, (x) => x === p);
  return p;
}

/**
 * Appends a path to an entry. Short lists are copied at their exact size: an array grown by
 * `push` reserves 17 slots, and a large fabric has a million entries with one to four paths.
 */
function addPath(e: TableEntry, p: Path): void {
  const old = e.paths;
  // Array literals, not new Array/concat: V8 sends long-lived literal allocations straight to
  // the old generation (see makePath), and concat looks up Symbol.isConcatSpreadable.
  switch (old.length) {
    case 0:
      e.paths = [p];
      return;
    case 1:
      e.paths = [old[0]!, p];
      return;
    case 2:
      e.paths = [old[0]!, old[1]!, p];
      return;
    case 3:
      e.paths = [old[0]!, old[1]!, old[2]!, p];
      return;
    default:
      old.push(p);
  }
}

function removeFrom<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

function sessionDefiningChanged(a: NeighborConfig, b: NeighborConfig): boolean {
  const strip = (n: NeighborConfig): unknown => {
    const { importPolicy: _i, exportPolicy: _e, description: _d, shutdown: _s, softReconfigInbound: _r, ...rest } = n;
    return rest;
  };
  return JSON.stringify(strip(a)) !== JSON.stringify(strip(b));
}

function sameNonBgp(p: Path, r: NonBgpRoute): boolean {
  return (
    p.source === r.source &&
    p.protocol === r.protocol &&
    p.preference === r.preference &&
    p.routeType === r.routeType &&
    p.ifname === r.ifname &&
    JSON.stringify(p.source === 'local' ? p.res.nexthops : p.fixedNexthops) === JSON.stringify(r.nexthops) &&
    (r.attrs === undefined || sameAttrs(p.attrs, r.attrs)) &&
    (r.weight === undefined || p.weight === r.weight)
  );
}

export function sameAttrs(a: PathAttrs, b: PathAttrs): boolean {
  if (a === b) return true;
  return (
    a.origin === b.origin &&
    a.nextHop === b.nextHop &&
    a.med === b.med &&
    a.localPref === b.localPref &&
    a.originatorId === b.originatorId &&
    a.atomicAggregate === b.atomicAggregate &&
    sameNums(a.asPath, b.asPath) &&
    sameNums(a.clusterList ?? [], b.clusterList ?? []) &&
    sameStrs(a.communities ?? [], b.communities ?? [])
  );
}

function sameNums(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameStrs(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The ECMP set (best first). */
export function multipathOf(e: TableEntry): readonly Path[] {
  return e.mpCount === 0 ? [] : e.paths.slice(0, e.mpCount);
}

/** Compares what forwarding depends on now with the last install, and records it. */
function forwardingChanged(e: TableEntry): boolean {
  const n = e.best ? e.mpCount : 0;
  if (n === 0) {
    if (e.fwdCount === 0) return false;
    e.fwdBest = undefined;
    e.fwdRes = undefined;
    e.fwdHops = undefined;
    e.fwdCount = 0;
    return true;
  }
  // Paths are immutable apart from `res` and `stale` (which kernel programming ignores), so
  // the same best, resolution, ECMP size and merged next hops make the same kernel route.
  const best = e.best!;
  const hops = multipathNexthops(e);
  if (e.fwdCount === n && e.fwdBest === best && e.fwdRes === best.res && e.fwdHops === hops) return false;
  e.fwdBest = best;
  e.fwdRes = best.res;
  e.fwdHops = hops;
  e.fwdCount = n;
  return true;
}

/** Next hops of an entry's ECMP set, merged (duplicates dropped). */
export function multipathNexthops(e: TableEntry): readonly ResolvedNextHop[] {
  const first = e.paths[0]!.nexthops;
  let shared = true;
  for (let i = 1; i < e.mpCount; i++) if (e.paths[i]!.nexthops !== first) shared = false;
  // One path, or paths sharing one resolution: its next hops as they are (no copy), which is
  // what merging gives when they carry no weight/onlink (and, for several, hold no duplicate).
  if (shared && (e.mpCount === 1 || first.length <= 1)) return mergeNexthops([first]);
  const lists: (readonly ResolvedNextHop[])[] = [];
  for (let i = 0; i < e.mpCount; i++) lists.push(e.paths[i]!.nexthops);
  return mergeNexthops(lists);
}

function mergeNexthops(lists: readonly (readonly ResolvedNextHop[])[]): ResolvedNextHop[] {
  // One path: its next hops as they are (shared with the resolution, no copy).
  if (lists.length === 1 && lists[0]!.every((n) => n.onlink === undefined && n.weight === undefined)) return lists[0] as ResolvedNextHop[];
  const out: { gateway?: Ip; dev: string }[] = [];
  for (const l of lists) for (const n of l) if (!out.some((x) => x.gateway === n.gateway && x.dev === n.dev)) out.push(n.gateway !== undefined ? { gateway: n.gateway, dev: n.dev } : { dev: n.dev });
  return out;
}


function sameAdjOut(a: readonly AdjOutEntry[], b: readonly AdjOutEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.pathId !== b[i]!.pathId || !sameAttrs(a[i]!.attrs, b[i]!.attrs)) return false;
  }
  return true;
}
