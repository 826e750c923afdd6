// VRP `display` screens as eNSP's AR routers (V200R003C00) print them. Layouts from published
// eNSP transcripts and the Huawei AR command reference:
// - display bgp peer: " BGP local router ID : …", " Local AS number : …",
//   " Total number of peers : N\t\t  Peers in established state : M", then
//   "  Peer            V          AS  MsgRcvd  MsgSent  OutQ  Up/Down       State PrefRcv".
// - display bgp routing-table: status at column 1, network 19 wide (classful networks without
//   their mask), next hop 16, MED 11, LocPrf 11, PrefVal 7, "Path/Ogn" as "64512 64513i".
// - display ip routing-table: destination right-aligned in 18, Proto 8, Pre 5, Cost 11,
//   flags right-aligned ("D", "RD"), next hop 16, interface; Direct routes include the host
//   /32s and broadcast addresses (next hop 127.0.0.1) and InLoopBack0's routes.
// - display ip interface brief: "Interface" 34, "IP Address/Mask" 21, "Physical" 11,
//   "Protocol" 10; loopbacks and NULL0 show "up(s)" (spoofing).

import type { Ip, Prefix } from '../../../core/ip.ts';
import { comparePrefix, formatIp, formatPrefix, maskOf, networkOf, prefixContainsIp } from '../../../core/ip.ts';
import type { BgpRouteEntryView, NetworkQuery } from '../../../model/query.ts';
import type { PathAttrs } from '../../../model/route.ts';
import type { BgpPathView, RibRouteView, SessionView } from '../../../model/state.ts';
import type { VrpRepr } from '../repr.ts';
import { naturalLen } from '../repr.ts';

const p2 = (n: number): string => String(Math.floor(n)).padStart(2, '0');

/** Peer Up/Down column: "00:24:20", then hours and minutes ("626h43m"). */
export function vrpUpDown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 86400) return `${p2(s / 3600)}:${p2((s % 3600) / 60)}:${p2(s % 60)}`;
  return `${Math.floor(s / 3600)}h${p2((s % 3600) / 60)}m`;
}

/** "Route Duration: 00h12m29s" / "Up for 00h03m10s". */
export function vrpDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${p2(s / 3600)}h${p2((s % 3600) / 60)}m${p2(s % 60)}s`;
}

/** Network column: the mask is left out when it is the classful one. */
export function vrpNetwork(p: Prefix): string {
  return p.len === naturalLen(p.addr) && p.len !== 32 ? formatIp(p.addr) : formatPrefix(p);
}

function sortedSessions(net: NetworkQuery, device: string): SessionView[] {
  return [...net.sessions(device)].sort((a, b) => a.peer - b.peer);
}

export function displayBgpPeer(net: NetworkQuery, device: string, repr: VrpRepr): string {
  const bgp = repr.bgp;
  if (!bgp) return '';
  const ss = sortedSessions(net, device);
  const est = ss.filter((s) => s.state === 'Established').length;
  const out = [
    '',
    ` BGP local router ID : ${formatIp(net.routerId(device))}`,
    ` Local AS number : ${bgp.asn}`,
    ` Total number of peers : ${ss.length}\t\t  Peers in established state : ${est}`,
    '',
    '  Peer            V          AS  MsgRcvd  MsgSent  OutQ  Up/Down       State PrefRcv',
    '',
  ];
  for (const s of ss) {
    const state = s.adminDown ? 'Idle' : s.state;
    out.push(
      '  ' +
        formatIp(s.peer).padEnd(16) +
        '4' +
        String(s.remoteAs).padStart(12) +
        String(s.msgsReceived).padStart(9) +
        String(s.msgsSent).padStart(9) +
        '0'.padStart(6) +
        ' ' +
        vrpUpDown(net.time - s.since).padStart(8) +
        state.padStart(12) +
        String(s.state === 'Established' ? s.prefixesAccepted : 0).padStart(8),
    );
  }
  return out.join('\n');
}

export function displayBgpPeerVerbose(net: NetworkQuery, device: string, repr: VrpRepr, s: SessionView): string {
  const est = s.state === 'Established';
  const i = '         ';
  const o: string[] = [''];
  o.push(`${i}BGP Peer is ${formatIp(s.peer)},  remote AS ${s.remoteAs}`);
  o.push(`${i}Type: ${s.internal ? 'IBGP' : 'EBGP'} link`);
  o.push(`${i}BGP version 4, Remote router ID ${formatIp(est ? (s.peerRouterId ?? 0) : 0)}`);
  if (est) o.push(`${i}Update-group ID: 1`);
  o.push(`${i}BGP current state: ${s.adminDown ? 'Idle' : s.state}${est ? `, Up for ${vrpDuration(net.time - s.since)}` : ''}`);
  o.push(`${i}BGP current event: ${est ? 'RecvKeepalive' : s.state === 'Active' ? 'ConnectRetryTimerExpired' : 'Start'}`);
  o.push(`${i}BGP last state: ${est ? 'OpenConfirm' : 'Idle'}`);
  o.push(`${i}BGP Peer Up count: ${s.establishedCount}`);
  o.push(`${i}Received total routes: ${est ? s.prefixesReceived : 0}`);
  o.push(`${i}Received active routes total: ${est ? s.prefixesPreferred : 0}`);
  o.push(`${i}Advertised total routes: ${est ? s.prefixesSent : 0}`);
  if (est) o.push(`${i}Port: Local - 179        Remote - ${49152 + ((s.peer ^ (s.localAddress ?? 0)) % 16000)}`);
  o.push(`${i}Configured: Connect-retry Time: 32 sec`);
  o.push(`${i}Configured: Active Hold Time: 180 sec   Keepalive Time:60 sec`);
  if (est) {
    o.push(`${i}Received  : Active Hold Time: ${s.holdTime} sec`);
    o.push(`${i}Negotiated: Active Hold Time: ${s.holdTime} sec   Keepalive Time:${s.keepalive} sec`);
    o.push(`${i}Peer optional capabilities:`, `${i}Peer supports bgp multi-protocol extension`, `${i}Peer supports bgp route refresh capability`, `${i}Peer supports bgp 4-byte-as capability`, `${i}Address family IPv4 Unicast: advertised and received`);
  }
  const counts = (total: number, updates: number): string[] => {
    const opens = s.establishedCount;
    const ka = Math.max(0, total - updates - opens);
    return [
      `                 Update messages                ${updates}`,
      `                 Open messages                  ${opens}`,
      `                 KeepAlive messages             ${ka}`,
      `                 Notification messages          0`,
      `                 Refresh messages               0`,
    ];
  };
  o.push(` Received: Total ${s.msgsReceived} messages`, ...counts(s.msgsReceived, s.updatesReceived));
  o.push(` Sent: Total ${s.msgsSent} messages`, ...counts(s.msgsSent, s.updatesSent));
  o.push(' Authentication type configured: None');
  o.push(` Minimum route advertisement interval is ${s.internal ? 15 : 30} seconds`);
  o.push(' Optional capabilities:', ' Route refresh capability has been enabled', ' 4-byte-as capability has been enabled');
  if (s.rrClient) o.push(' Route-reflector-client has been configured');
  const peer = repr.bgp?.peers.get(formatIp(s.peer));
  if (peer?.connectInterface) o.push(` Connect-interface has been configured`);
  if (peer?.ebgpMaxHop !== undefined) o.push(` Multi-hop ebgp has been enabled`);
  o.push(' Peer Preferred Value: 0');
  const pol: string[] = [];
  if (peer?.af.routePolicyImport) pol.push(` Import route policy is: ${peer.af.routePolicyImport}`);
  if (peer?.af.routePolicyExport) pol.push(` Export route policy is: ${peer.af.routePolicyExport}`);
  if (peer?.af.ipPrefixImport) pol.push(` Import prefix list is: ${peer.af.ipPrefixImport}`);
  if (peer?.af.ipPrefixExport) pol.push(` Export prefix list is: ${peer.af.ipPrefixExport}`);
  o.push(' Routing policy configured:', ...(pol.length ? pol : [' No routing policy is configured']));
  return o.join('\n');
}

const TABLE_HEAD = [
  ' Status codes: * - valid, > - best, d - damped,',
  '               h - history,  i - internal, s - suppressed, S - Stale',
  '               Origin : i - IGP, e - EGP, ? - incomplete',
];

interface VrpRow {
  readonly valid: boolean;
  readonly best: boolean;
  readonly internal: boolean;
  readonly prefix?: Prefix;
  readonly nextHop: Ip;
  readonly med?: number;
  readonly localPref?: number;
  readonly prefVal: number;
  readonly asPath: readonly number[];
  readonly origin: 0 | 1 | 2;
}

const ORIGIN = ['i', 'e', '?'] as const;

export function vrpRow(r: VrpRow): string {
  let line = ' ' + (r.valid ? '*' : ' ') + (r.best ? '>' : ' ') + (r.internal ? 'i' : ' ') + '  ';
  line += r.prefix ? vrpNetwork(r.prefix).padEnd(18) + ' ' : ' '.repeat(19);
  line += formatIp(r.nextHop).padEnd(15) + ' ';
  line += (r.med !== undefined ? String(r.med) : '').padEnd(11);
  line += (r.localPref !== undefined ? String(r.localPref) : '').padEnd(11);
  line += String(r.prefVal).padEnd(7);
  line += (r.asPath.length ? r.asPath.join(' ') : '') + ORIGIN[r.origin];
  return line;
}

function pathRow(p: BgpPathView, first: boolean): VrpRow {
  const med = p.attrs.med ?? (p.local ? 0 : undefined);
  return {
    valid: p.valid,
    best: p.best,
    internal: p.internal,
    ...(first ? { prefix: p.prefix } : {}),
    nextHop: p.local ? 0 : p.attrs.nextHop,
    ...(med !== undefined ? { med } : {}),
    ...(p.internal && p.attrs.localPref !== undefined ? { localPref: p.attrs.localPref } : {}),
    prefVal: p.weight,
    asPath: p.attrs.asPath,
    origin: p.attrs.origin,
  };
}

function bestFirst(paths: readonly BgpPathView[]): BgpPathView[] {
  return [...paths].sort((a, b) => Number(b.best) - Number(a.best));
}

export function displayBgpRoutingTable(net: NetworkQuery, device: string, repr: VrpRepr): string {
  if (!repr.bgp) return '';
  const entries = [...net.bgpRoutes(device)].sort((a, b) => comparePrefix(a.prefix, b.prefix));
  const total = entries.reduce((n, e) => n + e.paths.length, 0);
  const out = ['', ` BGP Local router ID is ${formatIp(net.routerId(device))} `, ...TABLE_HEAD, '', ''];
  out.push(` Total Number of Routes: ${total}`);
  if (total === 0) return out.join('\n');
  out.push('      Network            NextHop        MED        LocPrf    PrefVal Path/Ogn', '');
  for (const e of entries) bestFirst(e.paths).forEach((p, i) => out.push(vrpRow(pathRow(p, i === 0))));
  return out.join('\n');
}

export function displayBgpAdjRoutes(net: NetworkQuery, device: string, repr: VrpRepr, s: SessionView, dir: 'advertised' | 'received'): string {
  if (!repr.bgp) return '';
  const entries = (dir === 'advertised' ? net.adjRibOut(device, s.name) : net.adjRibIn(device, s.name, false)).filter((e) => e.accepted !== false);
  const sorted = [...entries].sort((a, b) => comparePrefix(a.prefix, b.prefix));
  const out = ['', ` BGP Local router ID is ${formatIp(net.routerId(device))} `, ...TABLE_HEAD, '', ''];
  out.push(` Total Number of Routes: ${sorted.length}`);
  if (sorted.length === 0) return out.join('\n');
  out.push('      Network            NextHop        MED        LocPrf    PrefVal Path/Ogn', '');
  for (const e of sorted) {
    let attrs: PathAttrs = e.attrs;
    if (dir === 'advertised' && !s.internal && attrs.asPath[0] === s.localAs) attrs = { ...attrs, asPath: attrs.asPath.slice(1) };
    out.push(
      vrpRow({
        valid: true,
        best: true,
        internal: dir === 'received' && s.internal,
        prefix: e.prefix,
        nextHop: attrs.nextHop,
        ...(attrs.med !== undefined ? { med: attrs.med } : {}),
        ...(s.internal && attrs.localPref !== undefined ? { localPref: attrs.localPref } : {}),
        prefVal: 0,
        asPath: attrs.asPath,
        origin: attrs.origin,
      }),
    );
  }
  return out.join('\n');
}

export function findBgpEntry(net: NetworkQuery, device: string, addr: Ip, len?: number): BgpRouteEntryView | undefined {
  const entries = net.bgpRoutes(device);
  if (len !== undefined) return entries.find((e) => e.prefix.len === len && e.prefix.addr === networkOf(addr, len));
  let best: BgpRouteEntryView | undefined;
  for (const e of entries) if (prefixContainsIp(e.prefix, addr) && (!best || e.prefix.len > best.prefix.len)) best = e;
  return best;
}

function outInterface(net: NetworkQuery, device: string, nh: Ip): string | undefined {
  return net.lookup(device, nh)?.nexthops[0]?.dev;
}

export function displayBgpRoute(net: NetworkQuery, device: string, repr: VrpRepr, e: BgpRouteEntryView): string {
  const paths = bestFirst(e.paths);
  const best = paths.filter((p) => p.best).length;
  const out = ['', ` BGP local router ID : ${formatIp(net.routerId(device))}`, ` Local AS number : ${repr.bgp!.asn}`];
  out.push(` Paths:   ${paths.length} available, ${best} best, ${best} select`);
  const adv = sortedSessions(net, device).filter(
    (s) => s.state === 'Established' && net.adjRibOut(device, s.name).some((x) => x.prefix.addr === e.prefix.addr && x.prefix.len === e.prefix.len),
  );
  for (const p of paths) {
    out.push(` BGP routing table entry information of ${formatPrefix(e.prefix)}:`);
    if (p.local) out.push(p.attrs.origin === 2 ? ' Imported route.' : ' Network route.');
    const sess = p.session !== undefined ? net.sessions(device).find((s) => s.name === p.session) : undefined;
    if (sess?.rrClient) out.push(' RR-client route.');
    out.push(p.local ? ' From: 0.0.0.0 (0.0.0.0)' : ` From: ${formatIp(p.from)} (${formatIp(p.fromRouterId)})`);
    out.push(` Route Duration: ${vrpDuration(net.time - p.receivedAt)}  `);
    const nh = p.local ? 0 : p.attrs.nextHop;
    const dev = p.nexthops[0]?.dev ?? (nh ? outInterface(net, device, nh) : undefined);
    const gw = p.nexthops[0]?.gateway;
    if (!p.local && gw !== undefined && gw !== nh) {
      out.push(` Relay IP Nexthop: ${formatIp(gw)}`, ` Relay IP Out-Interface: ${dev ?? ''}`);
    } else out.push(` Direct Out-interface: ${dev ?? ''}`);
    out.push(` Original nexthop: ${formatIp(nh)}`, ' Qos information : 0x0');
    if (p.attrs.communities?.length) out.push(` Community:${p.attrs.communities.map((c) => `<${c}>`).join(', ')}`);
    const med = p.attrs.med ?? (p.local ? 0 : undefined);
    let l = ` AS-path ${p.attrs.asPath.length ? p.attrs.asPath.join(' ') : 'Nil'}, origin ${['igp', 'egp', 'incomplete'][p.attrs.origin]}`;
    if (med !== undefined) l += `, MED ${med}`;
    if (p.internal && p.attrs.localPref !== undefined) l += `, localpref ${p.attrs.localPref}`;
    l += `, pref-val ${p.weight}`;
    l += p.valid ? ', valid' : ', invalid';
    l += p.local ? ', local' : p.internal ? ', internal' : ', external';
    if (p.best) l += ', best, select, active';
    l += `, pre ${p.local ? 0 : 255}`;
    if (p.igpMetric) l += `, IGP cost ${p.igpMetric}`;
    if (!p.best && p.reason) l += `, not preferred for ${reasonText(p.reason.rule)}`;
    out.push(l);
    if (p.attrs.originatorId !== undefined) out.push(` Originator:  ${formatIp(p.attrs.originatorId)}`);
    if (p.attrs.clusterList?.length) out.push(` Cluster list: ${p.attrs.clusterList.map(formatIp).join(', ')}`);
    if (p.best && adv.length) out.push(` Advertised to such ${adv.length} peers:`, ...adv.map((s) => `    ${formatIp(s.peer)}`));
    else if (p.best) out.push(' Not advertised to any peer yet');
    out.push('');
  }
  return out.join('\n').replace(/\n$/, '');
}

function reasonText(rule: string): string {
  switch (rule) {
    case 'local-pref':
      return 'Local_Pref';
    case 'as-path':
      return 'AS-Path';
    case 'origin':
      return 'Origin';
    case 'med':
      return 'MED';
    case 'ebgp-over-ibgp':
      return 'peer type';
    case 'igp-metric':
      return 'IGP cost';
    case 'cluster-list':
      return 'cluster-list';
    case 'peer-address':
      return 'peer address';
    default:
      return 'router ID';
  }
}

// ---------------------------------------------------------------- IP routing table

interface RtLine {
  readonly prefix: Prefix;
  readonly proto: string;
  readonly pre: number;
  readonly cost: number;
  readonly flags: string;
  readonly nextHop: Ip;
  readonly iface: string;
}

/** The routes `display ip routing-table` lists: active routes plus VRP's Direct host routes. */
export function vrpRoutes(net: NetworkQuery, device: string): RtLine[] {
  const lines: RtLine[] = [];
  const host = (ip: Ip, iface: string): RtLine => ({ prefix: { addr: ip, len: 32 }, proto: 'Direct', pre: 0, cost: 0, flags: 'D', nextHop: 0x7f000001, iface });
  for (const i of net.interfaces(device)) {
    if (!i.adminUp || !i.linkUp) continue;
    for (const a of i.addresses) {
      if (a.len === 32) {
        lines.push(host(a.ip, i.name));
        continue;
      }
      const net0 = networkOf(a.ip, a.len);
      lines.push({ prefix: { addr: net0, len: a.len }, proto: 'Direct', pre: 0, cost: 0, flags: 'D', nextHop: a.ip, iface: i.name });
      lines.push(host(a.ip, i.name));
      if (a.len < 31) lines.push(host((net0 | (~maskOf(a.len) >>> 0)) >>> 0, i.name));
    }
  }
  const lo = (addr: string, len: number): RtLine => {
    const [a, b, c, d] = addr.split('.').map(Number) as [number, number, number, number];
    return { prefix: { addr: ((a << 24) | (b << 16) | (c << 8) | d) >>> 0, len }, proto: 'Direct', pre: 0, cost: 0, flags: 'D', nextHop: 0x7f000001, iface: 'InLoopBack0' };
  };
  lines.push(lo('127.0.0.0', 8), lo('127.0.0.1', 32), lo('127.255.255.255', 32), lo('255.255.255.255', 32));
  for (const r of net.rib(device)) {
    if (!r.selected || r.source === 'connected' || r.source === 'direct' || r.source === 'local') continue;
    lines.push(...ribLines(r));
  }
  return lines.sort((a, b) => comparePrefix(a.prefix, b.prefix));
}

function ribLines(r: RibRouteView): RtLine[] {
  const proto = r.source === 'bgp' ? (r.internal ? 'IBGP' : 'EBGP') : 'Static';
  if (r.type !== 'unicast' && r.type !== 'device') return [{ prefix: r.prefix, proto, pre: r.distance, cost: r.metric, flags: 'D', nextHop: 0, iface: 'NULL0' }];
  return r.nexthops.map((n) => ({
    prefix: r.prefix,
    proto,
    pre: r.distance,
    cost: r.metric,
    flags: 'RD',
    nextHop: r.source === 'bgp' ? (r.bgpNextHop ?? n.gateway ?? 0) : (n.gateway ?? 0),
    iface: n.dev,
  }));
}

function rtLine(l: RtLine, first: boolean): string {
  const dest = first ? formatPrefix(l.prefix).padStart(18) : ' '.repeat(18);
  return `${dest}  ${l.proto.padEnd(8)}${String(l.pre).padEnd(5)}${String(l.cost).padEnd(10)}${l.flags.padStart(3)}   ${formatIp(l.nextHop).padEnd(16)}${l.iface}`;
}

function rtBody(lines: readonly RtLine[]): string[] {
  const out: string[] = [];
  lines.forEach((l, i) => {
    const prev = lines[i - 1];
    out.push(rtLine(l, !prev || comparePrefix(prev.prefix, l.prefix) !== 0));
  });
  return out;
}

const RT_HEAD = ['Route Flags: R - relay, D - download to fib', '------------------------------------------------------------------------------'];
const RT_COLS = 'Destination/Mask    Proto   Pre  Cost      Flags NextHop         Interface';

function counts(lines: readonly RtLine[]): string {
  const dests = new Set(lines.map((l) => formatPrefix(l.prefix))).size;
  return `         Destinations : ${String(dests).padEnd(9)}Routes : ${String(lines.length).padEnd(9)}`;
}

export function displayIpRoutingTable(net: NetworkQuery, device: string): string {
  const lines = vrpRoutes(net, device);
  return [...RT_HEAD, 'Routing Tables: Public', counts(lines), '', RT_COLS, '', ...rtBody(lines), ''].join('\n');
}

export function displayIpRoutingTableFor(net: NetworkQuery, device: string, ip: Ip, len?: number): string {
  const all = vrpRoutes(net, device);
  let matches: RtLine[];
  if (len !== undefined) matches = all.filter((l) => l.prefix.len === len && l.prefix.addr === networkOf(ip, len));
  else {
    const cover = all.filter((l) => prefixContainsIp(l.prefix, ip));
    const longest = Math.max(-1, ...cover.map((l) => l.prefix.len));
    matches = cover.filter((l) => l.prefix.len === longest);
  }
  return [...RT_HEAD, 'Routing Table : Public', `Summary Count : ${matches.length}`, RT_COLS, '', ...rtBody(matches), ''].join('\n');
}

export function displayIpRoutingTableProtocol(net: NetworkQuery, device: string, proto: 'bgp' | 'static' | 'direct'): string {
  const name = proto === 'bgp' ? 'BGP' : proto === 'static' ? 'Static' : 'Direct';
  const all = vrpRoutes(net, device).filter((l) => (proto === 'bgp' ? l.proto.endsWith('BGP') : l.proto === name));
  const inactive = proto === 'direct' ? [] : net.rib(device).filter((r) => !r.selected && (proto === 'bgp' ? r.source === 'bgp' : r.source === 'static')).flatMap(ribLines);
  const out = [...RT_HEAD, `Public routing table : ${name}`, counts([...all, ...inactive]), ''];
  out.push(`${name} routing table status : <Active>`, counts(all).replace(/\s+$/, ''), '');
  if (all.length) out.push(RT_COLS, '', ...rtBody(all), '');
  out.push(`${name} routing table status : <Inactive>`, counts(inactive).replace(/\s+$/, ''), '');
  if (inactive.length) out.push(RT_COLS, '', ...rtBody(inactive), '');
  return out.join('\n');
}

export function displayIpInterfaceBrief(net: NetworkQuery, device: string): string {
  const rows: [string, string, string, string][] = [];
  for (const i of [...net.interfaces(device)].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))) {
    const lo = i.name.startsWith('LoopBack');
    const a = i.addresses[0];
    const addr = a ? `${formatIp(a.ip)}/${a.len}` : 'unassigned';
    const phys = !i.adminUp ? '*down' : lo || i.linkUp ? 'up' : 'down';
    const proto = !i.adminUp ? 'down' : lo ? 'up(s)' : i.linkUp && a ? 'up' : 'down';
    rows.push([i.name, addr, phys, proto]);
  }
  rows.push(['NULL0', 'unassigned', 'up', 'up(s)']);
  rows.sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }));
  const up = rows.filter((r) => r[2] === 'up').length;
  const pup = rows.filter((r) => r[3].startsWith('up')).length;
  const out = [
    '*down: administratively down',
    '^down: standby',
    '(l): loopback',
    '(s): spoofing',
    `The number of interface that is UP in Physical is ${up}`,
    `The number of interface that is DOWN in Physical is ${rows.length - up}`,
    `The number of interface that is UP in Protocol is ${pup}`,
    `The number of interface that is DOWN in Protocol is ${rows.length - pup}`,
    '',
    'Interface                         IP Address/Mask      Physical   Protocol  ',
  ];
  for (const [n, a, ph, pr] of rows) out.push(n.padEnd(34) + a.padEnd(21) + ph.padEnd(11) + pr.padEnd(10));
  return out.join('\n');
}
