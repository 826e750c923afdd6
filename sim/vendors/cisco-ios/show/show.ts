// Cisco IOS screens (classic IOS / IOS-XE 16 layouts). Column layouts from published device
// output (ntc-templates test captures of `show ip bgp summary`, `show ip bgp`,
// `show ip interface brief`, `ping`, `traceroute`):
// - summary neighbours: "%-15s %1d %12u %7u %7u %8u %4u %4u %-8s %s" (state or PfxRcd %8u)
// - table rows: " *>i 10.20.0.0/16     200.200.200.194          0    100  50000 65005 i":
//   status at col 1-3, network at col 5 (17 wide), next hop 15, metric %11, locprf %7,
//   weight %7, then the AS path and origin code.
// - show ip route: codes block, gateway of last resort, classful parents
//   ("      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks") with children indented to
//   column 9, top-level routes to column 6; IOS 15+ lists "L" /32 local routes.

import type { Ip, Prefix } from '../../../core/ip.ts';
import { comparePrefix, formatIp, formatMask, formatPrefix, networkOf, prefixContainsIp } from '../../../core/ip.ts';
import type { BgpRouteEntryView, NetworkQuery } from '../../../model/query.ts';
import type { PathAttrs } from '../../../model/route.ts';
import type { BgpPathView, RibRouteView, SessionView } from '../../../model/state.ts';
import type { IosPort } from '../convert.ts';
import type { IosRepr } from '../repr.ts';
import { effectiveIosNeighbor } from '../repr.ts';

const p2 = (n: number): string => String(Math.floor(n)).padStart(2, '0');

/** IOS uptimes: 00:05:12, then 1d02h, 2w3d, 1y10w. */
export function iosUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 86400) return `${p2(s / 3600)}:${p2((s % 3600) / 60)}:${p2(s % 60)}`;
  if (s < 7 * 86400) return `${Math.floor(s / 86400)}d${p2((s % 86400) / 3600)}h`;
  if (s < 365 * 86400) return `${Math.floor(s / (7 * 86400))}w${Math.floor((s % (7 * 86400)) / 86400)}d`;
  return `${Math.floor(s / (365 * 86400))}y${Math.floor((s % (365 * 86400)) / (7 * 86400))}w`;
}

function sessions(net: NetworkQuery, device: string): SessionView[] {
  return [...net.sessions(device)].sort((a, b) => a.peer - b.peer);
}

function tableVersion(net: NetworkQuery, device: string): number {
  return net.bgpRoutes(device).length + 1;
}

export function showIpBgpSummary(net: NetworkQuery, device: string, repr: IosRepr): string {
  const bgp = repr.bgp;
  if (!bgp) return '% BGP not active';
  const routes = net.bgpRoutes(device);
  const paths = routes.reduce((n, e) => n + e.paths.length, 0);
  const attrs = new Set(routes.flatMap((e) => e.paths.map((p) => JSON.stringify(p.attrs)))).size;
  const best = routes.filter((e) => e.paths.some((p) => p.best)).length;
  const asPaths = new Set(routes.flatMap((e) => e.paths.map((p) => p.attrs.asPath.join(' '))).filter((s) => s !== '')).size;
  const v = tableVersion(net, device);
  const out = [
    `BGP router identifier ${formatIp(net.routerId(device))}, local AS number ${bgp.asn}`,
    `BGP table version is ${v}, main routing table version ${v}`,
  ];
  let total = 0;
  const mem = (n: number, what: string, size: number): void => {
    out.push(`${n} ${what} using ${n * size} bytes of memory`);
    total += n * size;
  };
  mem(routes.length, 'network entries', 248);
  mem(paths, 'path entries', 112);
  out.push(`${attrs}/${best} BGP path/bestpath attribute entries using ${attrs * 224} bytes of memory`);
  total += attrs * 224;
  if (routes.some((e) => e.paths.some((p) => p.attrs.clusterList?.length))) mem(1, 'BGP rrinfo entries', 40);
  if (asPaths) mem(asPaths, 'BGP AS-PATH entries', 24);
  out.push('0 BGP route-map cache entries using 0 bytes of memory', '0 BGP filter-list cache entries using 0 bytes of memory');
  out.push(`BGP using ${total} total bytes of memory`);
  out.push(`BGP activity ${routes.length}/0 prefixes, ${paths}/0 paths, scan interval 60 secs`);
  out.push('');
  out.push('Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd');
  for (const s of sessions(net, device)) {
    const up = s.state === 'Established' || s.establishedCount > 0 ? iosUptime(net.time - s.since) : 'never';
    const state = s.adminDown ? 'Idle (Admin)' : s.state === 'Established' ? String(s.prefixesAccepted).padStart(8) : s.state;
    out.push(
      `${formatIp(s.peer).padEnd(15)} 4 ${String(s.remoteAs).padStart(12)} ${String(s.msgsReceived).padStart(7)} ${String(s.msgsSent).padStart(7)} ${String(s.state === 'Established' ? v : 1).padStart(8)} ${'0'.padStart(4)} ${'0'.padStart(4)} ${up.padEnd(8)} ${state}`,
    );
  }
  return out.join('\n');
}

const BGP_HEADER = [
  'Status codes: s suppressed, d damped, h history, * valid, > best, i - internal, ',
  '              r RIB-failure, S Stale, m multipath, b backup-path, f RT-Filter, ',
  '              x best-external, a additional-path, c RIB-compressed, ',
  '              t secondary path, L long-lived-stale,',
  'Origin codes: i - IGP, e - EGP, ? - incomplete',
  'RPKI validation codes: V valid, I invalid, N Not found',
  '',
  '     Network          Next Hop            Metric LocPrf Weight Path',
];

interface Row {
  readonly status: string;
  readonly prefix?: Prefix;
  readonly nextHop: Ip;
  readonly med?: number;
  readonly localPref?: number;
  readonly weight: number;
  readonly asPath: readonly number[];
  readonly origin: 0 | 1 | 2;
}

/** IOS prints classful networks without their mask in the table ("192.168.1.0"). */
export function iosNetwork(p: Prefix): string {
  const first = p.addr >>> 24;
  const natural = first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
  return p.len === natural ? formatIp(p.addr) : formatPrefix(p);
}

function row(r: Row): string {
  let line = ` ${r.status} `;
  if (r.prefix) {
    const n = iosNetwork(r.prefix);
    line += n.length >= 17 ? `${n}\n${' '.repeat(22)}` : n.padEnd(17);
  } else line += ' '.repeat(17);
  const nh = formatIp(r.nextHop);
  line += nh.length >= 16 ? `${nh}\n${' '.repeat(37)}` : nh.padEnd(15);
  line += (r.med !== undefined ? String(r.med) : '').padStart(11);
  line += (r.localPref !== undefined ? String(r.localPref) : '').padStart(7);
  line += String(r.weight).padStart(7);
  const path = r.asPath.join(' ');
  line += ` ${path ? `${path} ` : ''}${['i', 'e', '?'][r.origin]}`;
  return line;
}

function status(p: BgpPathView, mp: boolean): string {
  return (p.valid ? '*' : ' ') + (p.best ? '>' : mp ? 'm' : ' ') + (p.internal ? 'i' : ' ');
}

function pathRow(p: BgpPathView, first: boolean, installed: readonly BgpPathView[] = []): Row {
  const med = p.attrs.med ?? (p.local ? 0 : undefined);
  return {
    status: status(p, installed.includes(p)),
    ...(first ? { prefix: p.prefix } : {}),
    nextHop: p.local ? 0 : p.attrs.nextHop,
    ...(med !== undefined ? { med } : {}),
    ...(p.internal && p.attrs.localPref !== undefined ? { localPref: p.attrs.localPref } : {}),
    weight: p.weight,
    asPath: p.attrs.asPath,
    origin: p.attrs.origin,
  };
}

function header(net: NetworkQuery, device: string): string {
  return [`BGP table version is ${tableVersion(net, device)}, local router ID is ${formatIp(net.routerId(device))}`, ...BGP_HEADER].join('\n');
}

export function showIpBgp(net: NetworkQuery, device: string, repr: IosRepr, filter?: (p: BgpPathView) => boolean): string {
  if (!repr.bgp) return '% BGP not active';
  const lines: string[] = [];
  for (const e of [...net.bgpRoutes(device)].sort((a, b) => comparePrefix(a.prefix, b.prefix))) {
    const paths = [...e.paths].filter((p) => !filter || filter(p));
    const used = installedBgpPaths(e.paths);
    paths.forEach((p, i) => lines.push(row(pathRow(p, i === 0, used))));
  }
  if (lines.length === 0) return '';
  return `${header(net, device)}\n${lines.join('\n')}`;
}

export function showAdj(net: NetworkQuery, device: string, repr: IosRepr, s: SessionView, dir: 'advertised' | 'received'): string {
  if (!repr.bgp) return '% BGP not active';
  if (dir === 'received') {
    const n = repr.bgp.neighbors.get(formatIp(s.peer));
    const eff = n ? effectiveIosNeighbor(repr.bgp, n) : undefined;
    if (!eff?.af.softReconfig) return `% Inbound soft reconfiguration not enabled on ${formatIp(s.peer)}`;
  }
  const entries = dir === 'advertised' ? net.adjRibOut(device, s.name) : net.adjRibIn(device, s.name, true);
  const sorted = [...entries].sort((a, b) => comparePrefix(a.prefix, b.prefix));
  if (sorted.length === 0) return '\nTotal number of prefixes 0 ';
  const lines = sorted.map((e) => {
    let attrs: PathAttrs = e.attrs;
    let nh = attrs.nextHop;
    if (dir === 'advertised') {
      if (!s.internal && attrs.asPath[0] === s.localAs) attrs = { ...attrs, asPath: attrs.asPath.slice(1) };
      if (s.localAddress !== undefined && nh === s.localAddress) nh = 0;
    }
    return row({
      status: dir === 'advertised' ? '*> ' : `*>${s.internal ? 'i' : ' '}`,
      prefix: e.prefix,
      nextHop: nh,
      ...(attrs.med !== undefined ? { med: attrs.med } : {}),
      ...(s.internal && attrs.localPref !== undefined ? { localPref: attrs.localPref } : {}),
      weight: dir === 'advertised' && nh === 0 ? 32768 : 0,
      asPath: attrs.asPath,
      origin: attrs.origin,
    });
  });
  return `${header(net, device)}\n${lines.join('\n')}\n\nTotal number of prefixes ${sorted.length} `;
}

export function findEntry(net: NetworkQuery, device: string, addr: Ip, len?: number): BgpRouteEntryView | undefined {
  const entries = net.bgpRoutes(device);
  if (len !== undefined) return entries.find((e) => e.prefix.len === len && e.prefix.addr === networkOf(addr, len));
  let best: BgpRouteEntryView | undefined;
  for (const e of entries) if (prefixContainsIp(e.prefix, addr) && (!best || e.prefix.len > best.prefix.len)) best = e;
  return best;
}

export function showIpBgpPrefix(net: NetworkQuery, device: string, repr: IosRepr, e: BgpRouteEntryView): string {
  const paths = [...e.paths];
  const bestIdx = paths.findIndex((p) => p.best);
  const out = [`BGP routing table entry for ${formatPrefix(e.prefix)}, version ${tableVersion(net, device)}`];
  const used = installedBgpPaths(paths);
  out.push(`Paths: (${paths.length} available, ${bestIdx >= 0 ? `best #${bestIdx + 1}, table default` : 'no best path'})`);
  // With maximum-paths configured IOS adds which kinds of multipath are enabled.
  const kinds = [(repr.bgp?.maximumPaths ?? 1) > 1 ? 'eBGP' : '', (repr.bgp?.maximumPathsIbgp ?? 1) > 1 ? 'iBGP' : ''].filter(Boolean);
  if (kinds.length) out.push(`Multipath: ${kinds.join(' ')}`);
  const adv = sessions(net, device).filter(
    (s) => s.state === 'Established' && net.adjRibOut(device, s.name).some((x) => x.prefix.addr === e.prefix.addr && x.prefix.len === e.prefix.len),
  );
  if (adv.length) out.push('  Advertised to update-groups:', `     ${adv.map((_, i) => String(i + 1).padEnd(11)).join('')}`.replace(/\s+$/, ''));
  else out.push('  Not advertised to any peer');
  for (const p of paths) {
    out.push('  Refresh Epoch 1');
    const sess = p.session !== undefined ? net.sessions(device).find((s) => s.name === p.session) : undefined;
    let l1 = `  ${p.attrs.asPath.length ? p.attrs.asPath.join(' ') : 'Local'}`;
    if (sess?.rrClient && p.internal) l1 += ', (Received from a RR-client)';
    out.push(l1);
    const nh = p.local ? '0.0.0.0' : formatIp(p.attrs.nextHop);
    const from = p.local ? '0.0.0.0' : formatIp(p.from);
    const rid = p.local ? formatIp(net.routerId(device)) : formatIp(p.attrs.originatorId ?? p.fromRouterId);
    out.push(`    ${nh}${p.valid ? '' : ' (inaccessible)'} from ${from} (${rid})`);
    const med = p.attrs.med ?? (p.local ? 0 : undefined);
    let l3 = `      Origin ${['IGP', 'EGP', 'incomplete'][p.attrs.origin]}`;
    if (med !== undefined) l3 += `, metric ${med}`;
    l3 += `, localpref ${p.attrs.localPref ?? repr.bgp?.defaultLocalPref ?? 100}`;
    if (p.weight) l3 += `, weight ${p.weight}`;
    l3 += p.valid ? ', valid' : '';
    l3 += p.local ? ', sourced, local' : p.internal ? ', internal' : ', external';
    // IOS only says multipath when more than one path is installed (maximum-paths > 1).
    if (used.length > 1 && used.includes(p)) l3 += p.best ? ', multipath(oldest)' : ', multipath';
    if (p.best) l3 += ', best';
    out.push(l3);
    if (p.attrs.communities?.length) out.push(`      Community: ${p.attrs.communities.join(' ')}`);
    if (p.attrs.originatorId !== undefined) out.push(`      Originator: ${formatIp(p.attrs.originatorId)}, Cluster list: ${(p.attrs.clusterList ?? []).map(formatIp).join(', ')}`);
    out.push('      rx pathid: 0, tx pathid: ' + (p.best ? '0x0' : '0'));
  }
  return out.join('\n');
}

export function showIpBgpNeighbors(net: NetworkQuery, device: string, repr: IosRepr, only?: SessionView): string {
  const bgp = repr.bgp;
  if (!bgp) return '% BGP not active';
  const list = only ? [only] : sessions(net, device);
  return list
    .map((s) => {
      const est = s.state === 'Established';
      const n = bgp.neighbors.get(formatIp(s.peer));
      const eff = n ? effectiveIosNeighbor(bgp, n) : undefined;
      const o: string[] = [];
      o.push(`BGP neighbor is ${formatIp(s.peer)},  remote AS ${s.remoteAs}, ${s.internal ? 'internal' : 'external'} link`);
      if (eff?.description) o.push(` Description: ${eff.description}`);
      if (s.peerGroup) o.push(` Member of peer-group ${s.peerGroup} for session parameters`);
      o.push(`  BGP version 4, remote router ID ${formatIp(est ? (s.peerRouterId ?? 0) : 0)}`);
      o.push(`  BGP state = ${s.adminDown ? 'Idle (Admin)' : s.state}${est ? `, up for ${iosUptime(net.time - s.since)}` : ''}`);
      const idle = est ? (net.time - s.since) % Math.max(1, s.keepalive || 60) : net.time - s.since;
      o.push(`  Last read ${iosUptime(idle)}, last write ${iosUptime(idle)}, hold time is ${s.holdTime || 180}, keepalive interval is ${s.keepalive || 60} seconds`);
      if (est) {
        o.push('  Neighbor sessions:', '    1 active, is not multisession capable (disabled)');
        o.push('  Neighbor capabilities:', '    Route refresh: advertised and received(new)', '    Four-octets ASN Capability: advertised and received', '    Address family IPv4 Unicast: advertised and received', '    Enhanced Refresh Capability: advertised and received', '    Multisession Capability: ', '    Stateful switchover support enabled: NO for session 1');
      }
      const opens = s.establishedCount;
      const ka = (t: number, u: number): number => Math.max(0, t - u - opens);
      const r10 = (x: number): string => String(x).padStart(10);
      o.push('  Message statistics:', '    InQ depth is 0', '    OutQ depth is 0', '    ', '                         Sent       Rcvd');
      const stat = (label: string, sent: number, rcvd: number): string => `    ${label.padEnd(15)}${r10(sent)} ${r10(rcvd)}`;
      o.push(stat('Opens:', opens, opens));
      o.push(stat('Notifications:', s.lastError?.kind === 'sent' ? 1 : 0, s.lastError?.kind === 'received' ? 1 : 0));
      o.push(stat('Updates:', s.updatesSent, s.updatesReceived));
      o.push(stat('Keepalives:', ka(s.msgsSent, s.updatesSent), ka(s.msgsReceived, s.updatesReceived)));
      o.push(stat('Route Refresh:', 0, 0));
      o.push(stat('Total:', s.msgsSent, s.msgsReceived));
      if (bgp.logNeighborChanges) o.push('  Do log neighbor state changes (via global configuration)');
      o.push(`  Default minimum time between advertisement runs is ${s.internal ? 0 : 30} seconds`, '');
      o.push(' For address family: IPv4 Unicast', `  Session: ${formatIp(s.peer)}`);
      o.push(`  BGP table version ${tableVersion(net, device)}, neighbor version ${est ? tableVersion(net, device) : 1}/0`, '  Output queue size : 0', '  Index 1, Advertise bit 0');
      if (est) o.push('  1 update-group member');
      if (s.rrClient) o.push('  Route-Reflector Client');
      if (eff?.af.nextHopSelf) o.push('  NEXT_HOP is always this router for eBGP paths');
      if (eff?.af.softReconfig) o.push('  Inbound soft reconfiguration allowed');
      if (eff?.af.routeMapIn) o.push(`  Inbound path policy configured`, `  Route map for incoming advertisements is ${eff.af.routeMapIn}`);
      if (eff?.af.routeMapOut) o.push(`  Outbound path policy configured`, `  Route map for outgoing advertisements is ${eff.af.routeMapOut}`);
      if (eff?.af.prefixListIn) o.push(`  Incoming update prefix filter list is ${eff.af.prefixListIn}`);
      if (eff?.af.prefixListOut) o.push(`  Outgoing update prefix filter list is ${eff.af.prefixListOut}`);
      o.push('  Slow-peer detection is disabled', '  Slow-peer split-update-group dynamic is disabled');
      o.push('                                 Sent       Rcvd', '  Prefix activity:               ----       ----');
      const cur = est ? s.prefixesAccepted : 0;
      o.push(`    Prefixes Current:          ${String(est ? s.prefixesSent : 0).padStart(6)} ${String(cur).padStart(10)}${cur ? ` (Consumes ${cur * 136} bytes)` : ''}`);
      o.push(`    Prefixes Total:            ${String(est ? s.prefixesSent : 0).padStart(6)} ${String(cur).padStart(10)}`);
      o.push(`    Implicit Withdraw:         ${'0'.padStart(6)} ${'0'.padStart(10)}`, `    Explicit Withdraw:         ${'0'.padStart(6)} ${'0'.padStart(10)}`);
      o.push(`    Used as bestpath:          ${'n/a'.padStart(6)} ${String(est ? s.prefixesPreferred : 0).padStart(10)}`);
      o.push(`    Used as multipath:         ${'n/a'.padStart(6)} ${'0'.padStart(10)}`, '');
      o.push(`  Connections established ${s.establishedCount}; dropped ${Math.max(0, s.establishedCount - (est ? 1 : 0))}`);
      o.push(s.establishedCount > 0 && !est ? `  Last reset ${iosUptime(net.time - s.since)}, due to ${s.lastError?.text ?? 'Peer closed the session'}` : '  Last reset never');
      if (!s.internal) o.push(`  External BGP neighbor ${eff?.ebgpMultihop ? `may be up to ${eff.ebgpMultihop} hops away.` : 'configured for connected checks (single-hop no-disable-connected-check)'}`);
      if (est && s.localAddress !== undefined) {
        const initiator = s.localAddress < s.peer;
        const eph = 11000 + ((s.peer ^ s.localAddress) % 50000);
        o.push(`Connection state is ESTAB, I/O status: 1, unread input bytes: 0            `);
        o.push(`Connection is ECN Disabled, Mininum incoming TTL 0, Outgoing TTL ${s.internal ? 255 : (eff?.ebgpMultihop ?? 1)}`);
        o.push(`Local host: ${formatIp(s.localAddress)}, Local port: ${initiator ? eph : 179}`);
        o.push(`Foreign host: ${formatIp(s.peer)}, Foreign port: ${initiator ? 179 : eph}`);
        o.push('Connection tableid (VRF): 0', 'Maximum output segment queue size: 50');
      } else o.push('  No active TCP connection');
      return o.join('\n');
    })
    .join('\n\n');
}

// ---------------------------------------------------------------- routing table

const ROUTE_CODES = [
  'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2',
  '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
  '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
  '       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP',
  '       a - application route',
  '       + - replicated route, % - next hop override, p - overrides from PfR',
];

interface IosRoute {
  readonly code: string;
  readonly prefix: Prefix;
  readonly text: (maskShown: string, indent: number) => string[];
}

function naturalLen(addr: Ip): number {
  const first = addr >>> 24;
  return first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
}

/**
 * The BGP paths IOS installs for a prefix: the best path plus multipaths, one per distinct
 * next hop (IOS does not count a second path to the same next hop as a multipath).
 */
export function installedBgpPaths(paths: readonly BgpPathView[]): BgpPathView[] {
  const out: BgpPathView[] = [];
  const best = paths.find((p) => p.best);
  for (const p of best ? [best, ...paths.filter((q) => q !== best)] : []) {
    if (p !== best && !p.multipath) continue;
    if (out.some((q) => q.attrs.nextHop === p.attrs.nextHop)) continue;
    out.push(p);
  }
  return out;
}

function bgpEntry(net: NetworkQuery, device: string, prefix: Prefix): BgpRouteEntryView | undefined {
  return net.bgpRoutes(device).find((e) => e.prefix.addr === prefix.addr && e.prefix.len === prefix.len);
}

function iosRoutes(net: NetworkQuery, device: string, filter?: 'bgp' | 'static' | 'connected'): IosRoute[] {
  const out: IosRoute[] = [];
  const viaLines = (r: RibRouteView, head: string, withAge: boolean): string[] => {
    const age = withAge ? `, ${iosUptime(net.time - r.since)}` : '';
    if (r.type !== 'unicast' && r.type !== 'device') return [`${head} is directly connected, Null0`];
    if (r.source === 'bgp') {
      // IOS shows BGP next hops (not the recursively resolved ones), one line per path used.
      const used = installedBgpPaths(bgpEntry(net, device, r.prefix)?.paths ?? []);
      const nhs = used.length ? used.map((p) => p.attrs.nextHop) : [r.bgpNextHop ?? r.nexthops[0]?.gateway ?? 0];
      return nhs.map((gw, i) => `${i === 0 ? head : ' '.repeat(head.length)} [${r.distance}/${r.metric}] via ${formatIp(gw)}${age}`);
    }
    return r.nexthops.map((n, i) => {
      const gw = n.gateway;
      const body = gw !== undefined ? `[${r.distance}/${r.metric}] via ${formatIp(gw)}${age}${r.source === 'bgp' || !n.dev ? '' : `, ${n.dev}`}` : `is directly connected, ${n.dev}`;
      return i === 0 ? `${head} ${body}` : `${' '.repeat(head.length)} ${body}`;
    });
  };
  for (const r of net.rib(device)) {
    if (!r.selected) continue;
    if (r.source === 'connected' || r.source === 'direct') {
      if (filter && filter !== 'connected') continue;
      const dev = r.nexthops[0]?.dev ?? '';
      out.push({ code: 'C', prefix: r.prefix, text: (p) => [`${p} is directly connected, ${dev}`] });
      const itf = net.interfaces(device).find((i) => i.name === dev);
      for (const a of itf?.addresses ?? []) {
        if (networkOf(a.ip, a.len) !== r.prefix.addr || a.len !== r.prefix.len || a.len === 32) continue;
        out.push({ code: 'L', prefix: { addr: a.ip, len: 32 }, text: (p) => [`${p} is directly connected, ${dev}`] });
      }
    } else if (r.source === 'static') {
      if (filter && filter !== 'static') continue;
      out.push({ code: r.prefix.len === 0 ? 'S*' : 'S', prefix: r.prefix, text: (p) => viaLines(r, p, false) });
    } else if (r.source === 'bgp') {
      if (filter && filter !== 'bgp') continue;
      out.push({ code: 'B', prefix: r.prefix, text: (p) => viaLines(r, p, true) });
    }
  }
  return out.sort((a, b) => comparePrefix(a.prefix, b.prefix));
}

export function showIpRoute(net: NetworkQuery, device: string, filter?: 'bgp' | 'static' | 'connected'): string {
  const routes = iosRoutes(net, device, filter);
  const out: string[] = [];
  if (!filter) {
    const def = net.rib(device).find((r) => r.selected && r.prefix.len === 0);
    const gw = def?.nexthops[0]?.gateway;
    out.push(...ROUTE_CODES, '', gw !== undefined ? `Gateway of last resort is ${formatIp(gw)} to network 0.0.0.0` : 'Gateway of last resort is not set', '');
  }
  // Group by classful network: subnets under "is subnetted" / "is variably subnetted".
  const groups = new Map<string, IosRoute[]>();
  const top: IosRoute[] = [];
  for (const r of routes) {
    const nat = naturalLen(r.prefix.addr);
    if (r.prefix.len > nat) {
      const key = formatPrefix({ addr: networkOf(r.prefix.addr, nat), len: nat });
      const g = groups.get(key) ?? [];
      g.push(r);
      groups.set(key, g);
    } else top.push(r);
  }
  const lines: { key: Prefix; text: string[] }[] = [];
  for (const r of top) lines.push({ key: r.prefix, text: r.text(`${r.code.padEnd(6)}${formatPrefix(r.prefix)}`, 6) });
  for (const [key, g] of groups) {
    const masks = new Set(g.map((r) => r.prefix.len));
    const keyPrefix = { addr: Number(key.split('/')[0]!.split('.').reduce((n, o) => n * 256 + Number(o), 0)), len: Number(key.split('/')[1]) };
    const head =
      masks.size === 1
        ? `      ${formatIp(keyPrefix.addr)}/${[...masks][0]} is subnetted, ${g.length} subnets`
        : `      ${key} is variably subnetted, ${g.length} subnets, ${masks.size} masks`;
    const body = g.flatMap((r) => r.text(`${r.code.padEnd(9)}${masks.size === 1 ? formatIp(r.prefix.addr) : formatPrefix(r.prefix)}`, 9));
    lines.push({ key: keyPrefix, text: [head, ...body] });
  }
  lines.sort((a, b) => comparePrefix(a.key, b.key));
  for (const l of lines) out.push(...l.text);
  return out.join('\n');
}

export function showIpRouteFor(net: NetworkQuery, device: string, ip: Ip): string {
  const cands = net.rib(device).filter((r) => r.selected && prefixContainsIp(r.prefix, ip));
  if (cands.length === 0) return '% Network not in table';
  const r = cands.sort((a, b) => b.prefix.len - a.prefix.len)[0]!;
  const o = [`Routing entry for ${formatPrefix(r.prefix)}`];
  if (r.source === 'connected' || r.source === 'direct') {
    o.push('  Known via "connected", distance 0, metric 0 (connected, via interface)', '  Routing Descriptor Blocks:', `  * directly connected, via ${r.nexthops[0]?.dev ?? ''}`, '      Route metric is 0, traffic share count is 1');
  } else if (r.source === 'static') {
    o.push(`  Known via "static", distance ${r.distance}, metric ${r.metric}`, '  Routing Descriptor Blocks:');
    r.nexthops.forEach((n, i) => o.push(`  ${i === 0 ? '*' : ' '} ${n.gateway !== undefined ? formatIp(n.gateway) : `directly connected, via ${n.dev}`}`, '      Route metric is 0, traffic share count is 1'));
  } else {
    const age = iosUptime(net.time - r.since);
    o.push(`  Known via "bgp ${net.config(device)?.bgp?.asn ?? ''}", distance ${r.distance}, metric ${r.metric}, type ${r.internal ? 'internal' : 'external'}`);
    o.push(`  Last update from ${formatIp(r.bgpNextHop ?? 0)} ${age} ago`, '  Routing Descriptor Blocks:');
    // One block per installed BGP path: its next hop, the neighbour it came from (a route
    // reflector for reflected routes) and how many ASes its path crosses.
    const used = installedBgpPaths(bgpEntry(net, device, r.prefix)?.paths ?? []);
    if (used.length === 0) {
      o.push(`  * ${formatIp(r.bgpNextHop ?? r.nexthops[0]?.gateway ?? 0)}, from ${formatIp(r.bgpNextHop ?? 0)}, ${age} ago`, '      Route metric is 0, traffic share count is 1', '      AS Hops 0', '      MPLS label: none');
    }
    used.forEach((p, i) =>
      o.push(
        `  ${i === 0 ? '*' : ' '} ${formatIp(p.attrs.nextHop)}, from ${formatIp(p.from)}, ${age} ago`,
        `      Route metric is ${p.attrs.med ?? 0}, traffic share count is 1`,
        `      AS Hops ${p.attrs.asPath.length}`,
        '      MPLS label: none',
      ),
    );
  }
  return o.join('\n');
}

/**
 * Link state of a port. Layer-2 switch ports are not interfaces of the neutral model (the SVI
 * is), so their state comes from the wiring: plugged into a segment and not shut down.
 */
function linkUp(views: Map<string, { linkUp: boolean }>, repr: IosRepr, ports: readonly IosPort[], name: string): boolean {
  const i = repr.interfaces.get(name);
  if (i?.switchport) return !i.shutdown && ports.some((p) => p.name === name && p.segment !== undefined);
  return views.get(name)?.linkUp ?? false;
}

export function showIpInterfaceBrief(net: NetworkQuery, device: string, repr: IosRepr, startup: ReadonlySet<string>, ports: readonly IosPort[] = []): string {
  const out = ['Interface              IP-Address      OK? Method Status                Protocol'];
  const views = new Map(net.interfaces(device).map((i) => [i.name, i]));
  const names = [...repr.interfaces.keys()].sort((a, b) => {
    const rank = (n: string): number => (n.startsWith('Vlan') ? 0 : n.startsWith('GigabitEthernet') ? 1 : 2);
    return rank(a) - rank(b) || a.localeCompare(b, 'en', { numeric: true });
  });
  for (const name of names) {
    const i = repr.interfaces.get(name)!;
    const v = views.get(name);
    const a = i.switchport ? undefined : i.addresses[0];
    const addr = a ? formatIp(a.ip) : 'unassigned';
    const method = a ? (startup.has(name) ? 'NVRAM' : 'manual') : 'unset';
    const st = i.shutdown ? 'administratively down' : linkUp(views, repr, ports, name) || name.startsWith('Loopback') ? 'up' : 'down';
    const proto = i.shutdown ? 'down' : st;
    out.push(`${name.padEnd(23)}${addr.padEnd(16)}YES ${method.padEnd(7)}${st.padEnd(22)}${proto}`);
  }
  return out.join('\n');
}

export { formatMask };

/** Catalyst short port name as `show interfaces status` / `show vlan brief` print it. */
function shortPort(name: string): string {
  return name.replace(/^GigabitEthernet/, 'Gi').replace(/^TenGigabitEthernet/, 'Te').replace(/^FastEthernet/, 'Fa');
}

/**
 * `show interfaces status` (Catalyst layout, IOS-XE 16 on a 3650; column widths from the
 * classic Catalyst screen, written from field knowledge, not captured): routed ports show
 * "routed" in the Vlan column, trunks "trunk".
 */
export function showInterfacesStatus(net: NetworkQuery, device: string, repr: IosRepr, ports: readonly IosPort[] = []): string {
  const out = ['', 'Port         Name               Status       Vlan       Duplex  Speed Type '];
  const views = new Map(net.interfaces(device).map((i) => [i.name, i]));
  const names = [...repr.interfaces.keys()].filter((n) => /Ethernet/.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const name of names) {
    const i = repr.interfaces.get(name)!;
    const up = linkUp(views, repr, ports, name);
    const status = i.shutdown ? 'disabled' : up ? 'connected' : 'notconnect';
    const vlan = !i.switchport ? 'routed' : i.mode === 'trunk' ? 'trunk' : String(i.accessVlan ?? 1);
    const [duplex, speed] = up && !i.shutdown ? ['a-full', 'a-1000'] : ['auto', 'auto'];
    out.push(`${shortPort(name).padEnd(13)}${(i.description ?? '').slice(0, 18).padEnd(19)}${status.padEnd(13)}${vlan.padEnd(11)}${duplex.padStart(6)} ${speed.padStart(6)} 10/100/1000BaseTX`);
  }
  return out.join('\n');
}

/** `show vlan brief`: VLAN 1 plus configured VLANs, access ports listed per VLAN. */
export function showVlanBrief(repr: IosRepr): string {
  const out = ['', 'VLAN Name                             Status    Ports', '---- -------------------------------- --------- -------------------------------'];
  const ids = [...new Set([1, ...repr.vlans.keys()])].sort((a, b) => a - b);
  const ports = (vid: number): string[] =>
    [...repr.interfaces.entries()]
      .filter(([n, i]) => /Ethernet/.test(n) && i.switchport && i.mode !== 'trunk' && (i.accessVlan ?? 1) === vid)
      .map(([n]) => shortPort(n))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const id of ids) {
    const name = id === 1 ? 'default' : (repr.vlans.get(id)?.name ?? `VLAN${String(id).padStart(4, '0')}`);
    const p = ports(id);
    // Ports wrap four to a line under the Ports column.
    const lines: string[] = [];
    for (let k = 0; k < Math.max(1, p.length); k += 4) lines.push(p.slice(k, k + 4).join(', ') + (k + 4 < p.length ? ',' : ''));
    out.push(`${String(id).padEnd(5)}${name.padEnd(33)}active    ${lines[0]}`.trimEnd());
    for (const l of lines.slice(1)) out.push(' '.repeat(48) + l);
  }
  for (const [id, name] of [[1002, 'fddi-default'], [1003, 'token-ring-default'], [1004, 'fddinet-default'], [1005, 'trnet-default']] as const)
    out.push(`${String(id).padEnd(5)}${name.padEnd(33)}act/unsup `);
  return out.join('\n');
}
