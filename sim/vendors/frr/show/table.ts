// `show bgp ipv4 unicast`, `… neighbors X routes|received-routes|advertised-routes` and the
// json table — bgpd/bgp_route.c route_vty_out(): status (3), network "%-17s" (longer: newline
// + 20 spaces), next hop "%-16s" (longer: newline + 36), metric "%10u", locprf "%7u",
// weight "%7u ", AS path, origin code.

import type { Ip, Prefix } from '../../../core/ip.ts';
import { comparePrefix, formatIp, formatPrefix } from '../../../core/ip.ts';
import type { NetworkQuery } from '../../../model/query.ts';
import type { PathAttrs } from '../../../model/route.ts';
import type { BgpPathView, SessionView } from '../../../model/state.ts';
import type { FrrRepr } from '../repr.ts';
import { ORIGIN_CODE, ORIGIN_NAME, frrPathOrder, rpad, statusCodes } from './common.ts';
import { jsonPlain, type Json } from './json.ts';
import { peerHostname, peerSettings } from './peers.ts';
import { tableVersion } from './summary.ts';

export function tableHeader(net: NetworkQuery, device: string, repr: FrrRepr): string {
  const bgp = repr.bgp!;
  return [
    `BGP table version is ${tableVersion(net, device)}, local router ID is ${formatIp(net.routerId(device))}, vrf id 0`,
    `Default local pref ${bgp.defaultLocalPref ?? 100}, local AS ${bgp.asn}`,
    'Status codes:  s suppressed, d damped, h history, * valid, > best, = multipath,',
    '               i internal, r RIB-failure, S Stale, R Removed',
    "Nexthop codes: @NNN nexthop's vrf id, < announce-nh-self",
    'Origin codes:  i - IGP, e - EGP, ? - incomplete',
    'RPKI validation codes: V valid, I invalid, N Not found',
    '',
    '   Network          Next Hop            Metric LocPrf Weight Path',
  ].join('\n');
}

export interface RowData {
  readonly status: string;
  readonly prefix?: Prefix;
  readonly nextHop: Ip;
  readonly med?: number;
  readonly localPref?: number;
  readonly weight: number;
  readonly asPath: readonly number[];
  readonly origin: 0 | 1 | 2;
}

export function row(r: RowData): string {
  let line = r.status;
  if (r.prefix) {
    const p = formatPrefix(r.prefix);
    line += p.length >= 17 ? `${p}\n${' '.repeat(20)}` : p.padEnd(17);
  } else line += ' '.repeat(17);
  const nh = formatIp(r.nextHop);
  line += nh.length >= 16 ? `${nh}\n${' '.repeat(36)}` : nh.padEnd(16);
  line += r.med !== undefined ? rpad(r.med, 10) : ' '.repeat(10);
  line += r.localPref !== undefined ? rpad(r.localPref, 7) : ' '.repeat(7);
  line += `${rpad(r.weight, 7)} `;
  const path = r.asPath.join(' ');
  line += path ? `${path} ${ORIGIN_CODE[r.origin]}` : ORIGIN_CODE[r.origin];
  return line;
}

/** What the table shows for one path: locally originated routes carry MED 0 (bgp_static). */
function pathRow(p: BgpPathView, first: boolean): RowData {
  const med = p.attrs.med ?? (p.local ? 0 : undefined);
  return {
    status: statusCodes(p),
    ...(first ? { prefix: p.prefix } : {}),
    nextHop: p.local ? 0 : p.attrs.nextHop,
    ...(med !== undefined ? { med } : {}),
    ...(p.attrs.localPref !== undefined && p.internal ? { localPref: p.attrs.localPref } : {}),
    weight: p.weight,
    asPath: p.attrs.asPath,
    origin: p.attrs.origin,
  };
}

export function renderTable(net: NetworkQuery, device: string, repr: FrrRepr, filter?: (p: BgpPathView) => boolean): string {
  if (!repr.bgp) return '% BGP instance not found';
  const entries = [...net.bgpRoutes(device)].sort((a, b) => comparePrefix(a.prefix, b.prefix));
  const total = entries.reduce((n, e) => n + e.paths.length, 0);
  const lines: string[] = [];
  let displayed = 0;
  for (const e of entries) {
    const paths = frrPathOrder(e.paths).filter((p) => !filter || filter(p));
    if (paths.length === 0) continue;
    displayed++;
    paths.forEach((p, i) => lines.push(row(pathRow(p, i === 0))));
  }
  if (displayed === 0) return filter ? '' : `No BGP prefixes displayed, ${total} exist`;
  return `${tableHeader(net, device, repr)}\n${lines.join('\n')}\n\nDisplayed  ${displayed} routes and ${total} total paths`;
}

/** `neighbors X received-routes`: the Adj-RIB-In before policy (needs soft-reconfiguration). */
export function renderReceived(net: NetworkQuery, device: string, repr: FrrRepr, s: SessionView): string {
  const settings = peerSettings(repr, s);
  if (!settings?.af.softReconfig) return '% Inbound soft reconfiguration not enabled';
  const entries = [...net.adjRibIn(device, s.name, true)].sort((a, b) => comparePrefix(a.prefix, b.prefix));
  if (entries.length === 0) return '';
  const filtered = entries.filter((e) => e.accepted === false).length;
  const lines = entries.map((e) => row(adjRow(e.attrs, e.prefix, s, false)));
  return (
    `${tableHeader(net, device, repr)}\n${lines.join('\n')}\n\n` +
    (filtered ? `Total number of prefixes ${entries.length} (${filtered} filtered)` : `Total number of prefixes ${entries.length}`)
  );
}

function adjRow(attrs: PathAttrs, prefix: Prefix, s: SessionView, outbound: boolean): RowData {
  let asPath = attrs.asPath;
  let nextHop = attrs.nextHop;
  if (outbound) {
    // FRR shows advertised routes with the attributes before its own AS is prepended and
    // 0.0.0.0 where the next hop becomes its own address.
    if (!s.internal && asPath[0] === s.localAs) asPath = asPath.slice(1);
    if (s.localAddress !== undefined && nextHop === s.localAddress) nextHop = 0;
  }
  return {
    status: '*> ',
    prefix,
    nextHop,
    ...(attrs.med !== undefined ? { med: attrs.med } : {}),
    ...(attrs.localPref !== undefined && s.internal ? { localPref: attrs.localPref } : {}),
    weight: 0,
    asPath,
    origin: attrs.origin,
  };
}

export function renderAdvertised(net: NetworkQuery, device: string, repr: FrrRepr, s: SessionView): string {
  const entries = [...net.adjRibOut(device, s.name)].sort((a, b) => comparePrefix(a.prefix, b.prefix));
  if (entries.length === 0) return '';
  const local = new Map<string, BgpPathView>();
  for (const e of net.bgpRoutes(device)) {
    const best = e.paths.find((p) => p.best);
    if (best?.local) local.set(formatPrefix(e.prefix), best);
  }
  const lines = entries.map((e) => {
    const own = local.get(formatPrefix(e.prefix));
    if (own) return row({ ...pathRow(own, true), status: '*> ' });
    return row(adjRow(e.attrs, e.prefix, s, true));
  });
  return `${tableHeader(net, device, repr)}\n${lines.join('\n')}\n\nTotal number of prefixes ${entries.length}`;
}

/** Per-prefix version numbers: FRR bumps the table version as prefixes are (re)selected. */
export function prefixVersions(net: NetworkQuery, device: string): Map<string, number> {
  const entries = [...net.bgpRoutes(device)].map((e) => ({
    key: formatPrefix(e.prefix),
    prefix: e.prefix,
    at: Math.min(...e.paths.map((p) => p.receivedAt)),
  }));
  entries.sort((a, b) => a.at - b.at || comparePrefix(a.prefix, b.prefix));
  return new Map(entries.map((e, i) => [e.key, i + 1]));
}

export function renderTableJson(net: NetworkQuery, device: string, repr: FrrRepr): string {
  const bgp = repr.bgp;
  if (!bgp) return '{}';
  const versions = prefixVersions(net, device);
  const entries = [...net.bgpRoutes(device)].sort((a, b) => comparePrefix(a.prefix, b.prefix));
  const routes = entries.map((e) => {
    const key = formatPrefix(e.prefix);
    const paths = frrPathOrder(e.paths).map((p): Json => {
      const host = p.local ? repr.hostname : peerHostname(net, p.from);
      const med = p.attrs.med ?? (p.local ? 0 : undefined);
      return {
        valid: p.valid ? true : undefined,
        multipath: p.multipath && !p.best ? true : undefined,
        bestpath: p.best ? true : undefined,
        selectionReason: p.best ? selectionReason(p) : undefined,
        pathFrom: p.internal ? 'internal' : 'external',
        prefix: formatIp(e.prefix.addr),
        prefixLen: e.prefix.len,
        network: key,
        version: versions.get(key) ?? 0,
        metric: med,
        locPrf: p.internal ? p.attrs.localPref : undefined,
        weight: p.weight,
        peerId: p.local ? '(unspec)' : formatIp(p.from),
        path: p.attrs.asPath.join(' '),
        origin: ORIGIN_NAME[p.attrs.origin],
        nexthops: [{ ip: formatIp(p.local ? 0 : p.attrs.nextHop), hostname: host, afi: 'ipv4', used: true }],
      };
    });
    return `"${key}": ${jsonPlain(paths)}`;
  });
  const head = [
    '{',
    ' "vrfId": 0,',
    ' "vrfName": "default",',
    ` "tableVersion": ${tableVersion(net, device)},`,
    ` "routerId": "${formatIp(net.routerId(device))}",`,
    ` "defaultLocPrf": ${bgp.defaultLocalPref ?? 100},`,
    ` "localAS": ${bgp.asn},`,
  ].join('\n');
  if (routes.length === 0) return `${head}\n "routes": {  }  } `;
  return `${head}\n "routes": { ${routes.join('\n,')}\n }  } `;
}

/** bgp_path_selection_reason2str() for the engine's decision rules. */
export function selectionReason(p: BgpPathView): string {
  switch (p.reason?.rule) {
    case 'local-pref':
      return 'Local Pref';
    case 'as-path':
      return 'AS Path';
    case 'origin':
      return 'Origin';
    case 'med':
      return 'MED';
    case 'ebgp-over-ibgp':
      return 'Peer Type';
    case 'igp-metric':
      return 'IGP Metric';
    case 'router-id':
      return 'Router ID';
    case 'cluster-list':
      return 'Cluster length';
    case 'peer-address':
      return 'Neighbor IP';
    case 'weight':
      return 'Weight';
    case 'local':
    case 'local-route':
      return 'Local Route';
    case 'older':
      return 'Older Path';
    case 'stale':
      return 'Path Staleness';
    case 'only-path':
    case undefined:
      return 'First path received';
    default:
      return 'Nothing left to compare';
  }
}
