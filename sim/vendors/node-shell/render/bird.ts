// birdcl (Calico's BIRD v0.3.3+birdv1.6.8) screens: `show protocols [all]`, `show route [all]`,
// `show status`. Layouts from BIRD nest/proto.c, nest/rt-table.c, proto/bgp/bgp.c and checked
// against real BIRD 1.6.8 output (testdata/real/bird-1.6.8-two-nodes.txt).

import { formatIp, formatPrefix } from '../../../core/ip.ts';
import type { Ip } from '../../../core/ip.ts';
import type { NeighborConfig } from '../../../model/bgp.ts';
import type { BgpPathView, SessionView } from '../../../model/state.ts';
import type { BgpRouteEntryView, NetworkQuery } from '../../../model/query.ts';
import { birdDateTime, birdSince } from './clock.ts';

export const BIRD_VERSION = 'v0.3.3+birdv1.6.8';
export const BIRD_SOCKET = '/var/run/calico/bird.ctl';

export interface BirdCtx {
  readonly net: NetworkQuery;
  readonly device: string;
  /** Unix seconds for a virtual time. */
  wall(t: number): number;
}

/** When BIRD (re)started: the last daemon start event for the device, else the lab start. */
export function birdStart(c: BirdCtx): number {
  const evs = c.net.events().filter((e) => e.device === c.device && e.kind === 'daemon' && /start/.test(e.text));
  return evs.length > 0 ? evs[evs.length - 1]!.time : 0;
}

/** BIRD's BGP state word (bgp.c bgp_get_status): Idle + passive shows as "Passive". */
export function bgpStateWord(s: SessionView): string {
  if (s.protoState === 'down') return 'Down';
  if (s.state === 'Idle' && s.passive && !s.adminDown) return 'Passive';
  return s.state;
}

export function errorText(s: SessionView): string {
  const e = s.lastError;
  if (!e) return '';
  const prefix = e.kind === 'socket' ? 'Socket: ' : e.kind === 'sent' ? 'BGP Error: ' : e.kind === 'received' ? 'Received: ' : 'Error: ';
  return `${prefix}${e.text}`;
}

/** The info column of `show protocols` for a BGP protocol. */
export function bgpInfo(s: SessionView): string {
  if (s.protoState === 'down') return errorText(s);
  return `${bgpStateWord(s).padEnd(14)}${errorText(s)}`;
}

function row(name: string, proto: string, state: string, since: string, info: string): string {
  // nest/proto.c proto_cmd_show, as real BIRD 1.6.8 prints it (testdata/real): name, proto,
  // table padded to 8 + 1 space; state to 5 + 2 spaces; since to 10 + 2 spaces; info.
  return `${name.padEnd(8)} ${proto.padEnd(8)} ${'master'.padEnd(8)} ${state.padEnd(5)}  ${since.padEnd(10)}  ${info}`;
}

interface ProtoRow {
  readonly name: string;
  readonly proto: 'Static' | 'Kernel' | 'Device' | 'Direct' | 'BGP';
  readonly state: string;
  readonly since: number;
  readonly info: string;
  readonly session?: SessionView;
}

export function protocolRows(c: BirdCtx): ProtoRow[] {
  const start = birdStart(c);
  const rows: ProtoRow[] = [
    { name: 'static1', proto: 'Static', state: 'up', since: start, info: '' },
    { name: 'kernel1', proto: 'Kernel', state: 'up', since: start, info: '' },
    { name: 'device1', proto: 'Device', state: 'up', since: start, info: '' },
    { name: 'direct1', proto: 'Direct', state: 'up', since: start, info: '' },
  ];
  for (const s of c.net.sessions(c.device)) {
    rows.push({ name: s.name, proto: 'BGP', state: s.protoState, since: s.since, info: bgpInfo(s), session: s });
  }
  return rows;
}

function neighborOf(c: BirdCtx, name: string): NeighborConfig | undefined {
  return c.net.config(c.device)?.bgp?.neighbors.find((n) => n.name === name);
}

function countRoutes(c: BirdCtx, protocol: string): { imported: number; preferred: number } {
  let imported = 0;
  let preferred = 0;
  for (const e of c.net.bgpRoutes(c.device)) {
    for (const p of e.paths) {
      if ((p.protocol ?? p.session) !== protocol) continue;
      imported++;
      if (p.best) preferred++;
    }
  }
  return { imported, preferred };
}

function statsBlock(imported: number, exported: number, preferred: number): string[] {
  const n = (x: number): string => String(x).padStart(10);
  return [
    `  Routes:         ${imported} imported, ${exported} exported, ${preferred} preferred`,
    '  Route change stats:     received   rejected   filtered    ignored   accepted',
    `    Import updates:     ${n(imported)} ${n(0)} ${n(0)} ${n(0)} ${n(imported)}`,
    `    Import withdraws:   ${n(0)} ${n(0)}        --- ${n(0)} ${n(0)}`,
    `    Export updates:     ${n(exported)} ${n(0)} ${n(0)}        --- ${n(exported)}`,
    `    Export withdraws:   ${n(0)}        ---        ---        --- ${n(0)}`,
  ];
}

function timer(remaining: number, total: number): string {
  return `${Math.max(0, Math.round(remaining))}/${total}`;
}

function detail(c: BirdCtx, r: ProtoRow): string[] {
  const L: string[] = [];
  if (r.proto === 'BGP' && r.session) {
    const s = r.session;
    const nb = neighborOf(c, s.name);
    L.push('  Description:    Connection to BGP peer', '  Preference:     100');
    L.push(`  Input filter:   ${s.calicoKind === 'mesh' ? 'ACCEPT' : '(unnamed)'}`, '  Output filter:  (unnamed)');
    L.push(...statsBlock(s.prefixesAccepted, s.prefixesSent, s.prefixesPreferred));
    L.push(`  BGP state:          ${s.protoState === 'down' ? 'Down' : bgpStateWord(s)}`);
    L.push(`    Neighbor address: ${formatIp(s.peer)}`, `    Neighbor AS:      ${s.remoteAs}`);
    if (s.state === 'Established') {
      const peerIsBird = c.net.deviceNames().some((d) => c.net.config(d)?.platform === 'bird' && c.net.interfaces(d).some((i) => i.addresses.some((a) => a.ip === s.peer)));
      const caps = peerIsBird ? 'refresh enhanced-refresh restart-able llgr-aware AS4' : 'refresh enhanced-refresh restart-aware AS4';
      const ap = `${s.addPathRx ? ' add-path-rx' : ''}${s.addPathTx ? ' add-path-tx' : ''}`;
      if (s.peerRouterId !== undefined) L.push(`    Neighbor ID:      ${formatIp(s.peerRouterId)}`);
      L.push(`    Neighbor caps:    ${caps}${ap}`);
      L.push(`    Session:          ${s.internal ? 'internal' : 'external'}${s.multihop ? ' multihop' : ''}${s.rrClient ? ' route-reflector' : ''} AS4${ap}`);
      if (s.localAddress !== undefined) L.push(`    Source address:   ${formatIp(s.localAddress)}`);
      const age = c.net.time - s.since;
      const ka = s.keepalive || 80;
      L.push(`    Hold timer:       ${timer(s.holdTime - (age % ka), s.holdTime)}`, `    Keepalive timer:  ${timer(ka - (age % ka), ka)}`);
    }
    const err = errorText(s);
    if (err) L.push(`    Last error:       ${err}`);
    void nb;
    return L;
  }
  const pref = r.proto === 'Static' ? 200 : r.proto === 'Kernel' ? 10 : 240;
  L.push(`  Preference:     ${pref}`, '  Input filter:   ACCEPT', `  Output filter:  ${r.proto === 'Kernel' ? 'calico_kernel_programming' : 'REJECT'}`);
  const proto = r.name;
  const counts = countRoutes(c, proto);
  const exported = r.proto === 'Kernel' ? c.net.fib(c.device).filter((f) => f.proto === 'bird').length : 0;
  L.push(...statsBlock(counts.imported, exported, counts.preferred));
  return L;
}

/** `show protocols [all] [name|"pattern"]`. */
export function showProtocols(c: BirdCtx, all: boolean, pattern?: string): string {
  const now = c.wall(c.net.time);
  let rows = protocolRows(c);
  if (pattern) {
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    rows = rows.filter((r) => re.test(r.name));
    if (rows.length === 0) return 'syntax error, unexpected CF_SYM_UNDEFINED, expecting CF_SYM_DEFINED or TEXT or ALL\n';
  }
  const out = ['name     proto    table    state  since       info'];
  for (const r of rows) {
    out.push(row(r.name, r.proto, r.state, birdSince(c.wall(r.since), now), r.info));
    if (all) out.push(...detail(c, r), '');
  }
  return `${out.join('\n')}\n`;
}

/** BIRD 1.6 ipv4 fib hash (lib/ipv4.h ipv4_hash): `show route` lists networks in this order. */
export function birdHash(a: Ip): number {
  let x = a >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  x = (x ^ (x << 10)) >>> 0;
  return x & 0xffff;
}

function target(p: BgpPathView): string {
  if (p.routeType === 'blackhole') return 'blackhole';
  if (p.routeType === 'unreachable' || (p.source === 'bgp' && !p.valid)) return 'unreachable';
  const nh = p.nexthops[0];
  if (p.nexthops.length > 1) return 'multipath';
  if (nh?.gateway !== undefined) return `via ${formatIp(nh.gateway)} on ${nh.dev}`;
  if (nh?.dev) return `dev ${nh.dev}`;
  return 'unreachable';
}

function originAs(p: BgpPathView): string {
  const o = ['i', 'e', '?'][p.attrs.origin] ?? '?';
  const last = p.attrs.asPath[p.attrs.asPath.length - 1];
  return last === undefined ? `[${o}]` : `[AS${last}${o}]`;
}

function routeLine(c: BirdCtx, p: BgpPathView, first: boolean, now: number): string {
  const head = first ? formatPrefix(p.prefix).padEnd(18) : ''.padEnd(18);
  const proto = p.protocol ?? p.session ?? '?';
  const gw = p.nexthops[0]?.gateway;
  const from = p.source === 'bgp' && p.from !== 0 && gw !== p.from ? ` from ${formatIp(p.from)}` : '';
  const pref = p.preference ?? (p.source === 'bgp' ? 100 : p.source === 'static' ? 200 : p.source === 'kernel' ? 10 : 240);
  let info: string;
  if (p.source === 'bgp') {
    const igp = !p.valid || p.resolvedVia === 'unresolved' ? '-' : p.resolvedVia === 'routed' ? '?' : String(p.igpMetric ?? 0);
    info = ` (${pref}/${igp}) ${originAs(p)}`;
  } else info = ` (${pref})`;
  let s = `${head} ${target(p)} [${proto} ${birdSince(c.wall(p.receivedAt), now)}${from}]${p.best ? ' *' : ''}${info}`;
  if (p.nexthops.length > 1) for (const nh of p.nexthops) s += `\n\tvia ${nh.gateway !== undefined ? formatIp(nh.gateway) : '?'} on ${nh.dev} weight ${nh.weight ?? 1}`;
  return s;
}

function attrLines(p: BgpPathView): string[] {
  if (p.source === 'static') return ['\tType: static unicast univ'];
  if (p.source === 'direct' || p.source === 'connected') return ['\tType: device unicast univ'];
  if (p.source === 'kernel') return ['\tType: inherit unicast univ', '\tKernel.source: 3', '\tKernel.metric: 0'];
  const L = ['\tType: BGP unicast univ', `\tBGP.origin: ${['IGP', 'EGP', 'Incomplete'][p.attrs.origin]}`, `\tBGP.as_path: ${p.attrs.asPath.join(' ')}`, `\tBGP.next_hop: ${formatIp(p.attrs.nextHop)}`];
  if (p.attrs.med !== undefined) L.push(`\tBGP.med: ${p.attrs.med}`);
  if (p.internal || p.attrs.localPref !== undefined) L.push(`\tBGP.local_pref: ${p.attrs.localPref ?? 100}`);
  if (p.attrs.atomicAggregate) L.push('\tBGP.atomic_aggr: ');
  const std = (p.attrs.communities ?? []).filter((x) => /^\d+:\d+$/.test(x));
  const large = (p.attrs.communities ?? []).filter((x) => /^\d+:\d+:\d+$/.test(x));
  if (std.length) L.push(`\tBGP.community: ${std.map((x) => `(${x.replace(':', ',')})`).join(' ')}`);
  if (p.attrs.originatorId !== undefined) L.push(`\tBGP.originator_id: ${formatIp(p.attrs.originatorId)}`);
  if (p.attrs.clusterList && p.attrs.clusterList.length) L.push(`\tBGP.cluster_list: ${p.attrs.clusterList.map(formatIp).join(' ')}`);
  if (large.length) L.push(`\tBGP.large_community: ${large.map((x) => `(${x.split(':').join(', ')})`).join(' ')}`);
  return L;
}

export interface RouteFilter {
  readonly prefix?: { addr: Ip; len: number };
  readonly forIp?: Ip;
  readonly protocol?: string;
  readonly exportTo?: string;
  readonly primaryOnly?: boolean;
}

function bestMatch(entries: readonly BgpRouteEntryView[], ip: Ip): BgpRouteEntryView | undefined {
  let best: BgpRouteEntryView | undefined;
  for (const e of entries) {
    const mask = e.prefix.len === 0 ? 0 : (0xffffffff << (32 - e.prefix.len)) >>> 0;
    if (((ip & mask) >>> 0) !== e.prefix.addr) continue;
    if (!e.paths.some((p) => p.valid || p.source !== 'bgp')) continue;
    if (!best || e.prefix.len > best.prefix.len) best = e;
  }
  return best;
}

/** `show route [all] [for A|prefix] [protocol P] [export P] [primary]` and `show route count`. */
export function showRoute(c: BirdCtx, all: boolean, f: RouteFilter = {}, count = false): string {
  const now = c.wall(c.net.time);
  let entries = [...c.net.bgpRoutes(c.device)];
  if (f.prefix) entries = entries.filter((e) => e.prefix.addr === f.prefix!.addr && e.prefix.len === f.prefix!.len);
  if (f.forIp !== undefined) {
    const b = bestMatch(entries, f.forIp);
    entries = b ? [b] : [];
  }
  let exported: Set<string> | undefined;
  if (f.exportTo) exported = new Set(c.net.adjRibOut(c.device, f.exportTo).map((a) => formatPrefix(a.prefix)));
  // BIRD walks its FIB hash table: networks in ipv4_hash order (ties: insertion order).
  entries.sort((a, b) => birdHash(a.prefix.addr) - birdHash(b.prefix.addr) || a.prefix.len - b.prefix.len);
  const out: string[] = [];
  let routes = 0;
  let networks = 0;
  for (const e of entries) {
    let paths = [...e.paths];
    if (f.protocol) paths = paths.filter((p) => (p.protocol ?? p.session) === f.protocol);
    if (exported) paths = exported.has(formatPrefix(e.prefix)) ? paths.filter((p) => p.best) : [];
    if (f.primaryOnly) paths = paths.filter((p) => p.best);
    if (paths.length === 0) continue;
    networks++;
    paths.forEach((p, i) => {
      routes++;
      out.push(routeLine(c, p, i === 0, now));
      if (all) out.push(...attrLines(p));
    });
  }
  if (count) return `${routes} of ${routes} routes for ${networks} networks\n`;
  return out.length ? `${out.join('\n')}\n` : '';
}

export function showStatus(c: BirdCtx): string {
  const start = c.wall(birdStart(c));
  return [
    `BIRD ${BIRD_VERSION}`,
    `Router ID is ${formatIp(c.net.routerId(c.device))}`,
    `Current server time is ${birdDateTime(c.wall(c.net.time))}`,
    `Last reboot on ${birdDateTime(start)}`,
    `Last reconfiguration on ${birdDateTime(start)}`,
    'Daemon is up and running',
    '',
  ].join('\n');
}
