// `show bgp ipv4 unicast A.B.C.D[/M] [json]` — bgpd/bgp_route.c route_vty_out_detail() and
// bgp_show_path_info(): header, "Paths: (N available, best #K, table default)", the peers the
// best path was advertised to, then per path: AS path ("Local" when empty), next hop, from,
// origin/metric/localpref/weight/valid/type/multipath/best (reason), communities,
// originator and cluster list, last update.

import type { Ip, Prefix } from '../../../core/ip.ts';
import { formatIp, formatPrefix, prefixContainsIp } from '../../../core/ip.ts';
import type { BgpRouteEntryView, NetworkQuery } from '../../../model/query.ts';
import type { BgpPathView } from '../../../model/state.ts';
import type { FrrRepr } from '../repr.ts';
import { ORIGIN_NAME, ctime, epochSeconds, frrPathOrder } from './common.ts';
import { type Json, jsonPretty } from './json.ts';
import { peerHostname, sortedSessions } from './peers.ts';
import { prefixVersions, selectionReason } from './table.ts';

export function findEntry(net: NetworkQuery, device: string, target: { ip?: Ip; prefix?: Prefix }): BgpRouteEntryView | undefined {
  const entries = net.bgpRoutes(device);
  if (target.prefix) return entries.find((e) => e.prefix.addr === target.prefix!.addr && e.prefix.len === target.prefix!.len);
  let best: BgpRouteEntryView | undefined;
  for (const e of entries) if (prefixContainsIp(e.prefix, target.ip!) && (!best || e.prefix.len > best.prefix.len)) best = e;
  return best;
}

function advertisedTo(net: NetworkQuery, device: string, prefix: Prefix): Ip[] {
  const out: Ip[] = [];
  for (const s of sortedSessions(net, device)) {
    if (s.state !== 'Established') continue;
    if (net.adjRibOut(device, s.name).some((e) => e.prefix.addr === prefix.addr && e.prefix.len === prefix.len)) out.push(s.peer);
  }
  return out;
}

function typeText(p: BgpPathView, repr: FrrRepr): string {
  if (!p.local) return p.internal ? ', internal' : ', external';
  // Redistributed routes are "sourced"; `network` routes "sourced, local".
  void repr;
  return p.source === 'local' && p.attrs.origin === 2 ? ', sourced' : ', sourced, local';
}

export function renderRouteDetail(net: NetworkQuery, device: string, repr: FrrRepr, entry: BgpRouteEntryView): string {
  const key = formatPrefix(entry.prefix);
  const version = prefixVersions(net, device).get(key) ?? 0;
  const paths = frrPathOrder(entry.paths);
  const bestIdx = paths.findIndex((p) => p.best);
  const out: string[] = [];
  out.push(`BGP routing table entry for ${key}, version ${version}`);
  out.push(`Paths: (${paths.length} available${bestIdx >= 0 ? `, best #${bestIdx + 1}, table default` : ', no best path'})`);
  const adv = advertisedTo(net, device, entry.prefix);
  if (adv.length) out.push('  Advertised to non peer-group peers:', ' ' + adv.map((a) => ` ${formatIp(a)}`).join(''));
  else out.push('  Not advertised to any peer');
  const routerId = net.routerId(device);
  for (const p of paths) {
    const sess = p.session !== undefined ? net.sessions(device).find((s) => s.name === p.session) : undefined;
    let l1 = p.attrs.asPath.length ? `  ${p.attrs.asPath.join(' ')}` : '  Local';
    if (sess?.rrClient && p.internal) l1 += ', (Received from a RR-client)';
    if (p.stale) l1 += ', (stale)';
    out.push(l1);
    let l2 = `    ${formatIp(p.local ? 0 : p.attrs.nextHop)}`;
    if (!p.valid) l2 += ' (inaccessible)';
    else if (p.igpMetric) l2 += ` (metric ${p.igpMetric})`;
    if (p.local) l2 += ` from 0.0.0.0 (${formatIp(routerId)})`;
    else l2 += ` from ${formatIp(p.from)} (${formatIp(p.attrs.originatorId ?? p.fromRouterId)})`;
    out.push(l2);
    let l3 = `      Origin ${ORIGIN_NAME[p.attrs.origin]}`;
    const med = p.attrs.med ?? (p.local ? 0 : undefined);
    if (med !== undefined) l3 += `, metric ${med}`;
    if (p.attrs.localPref !== undefined && p.internal) l3 += `, localpref ${p.attrs.localPref}`;
    if (p.weight) l3 += `, weight ${p.weight}`;
    l3 += p.valid ? ', valid' : ', invalid';
    l3 += typeText(p, repr);
    if (p.attrs.atomicAggregate) l3 += ', atomic-aggregate';
    if (p.multipath && !p.best) l3 += ', multipath';
    if (p.multipath && p.best && paths.some((q) => q !== p && q.multipath)) l3 += ', multipath';
    if (p.best) l3 += `, best (${selectionReason(p)})`;
    out.push(l3);
    if (p.attrs.communities?.length) out.push(`      Community: ${p.attrs.communities.join(' ')}`);
    if (p.attrs.originatorId !== undefined || p.attrs.clusterList?.length) {
      let l = '      ';
      if (p.attrs.originatorId !== undefined) l += `Originator: ${formatIp(p.attrs.originatorId)}`;
      if (p.attrs.clusterList?.length) l += `${p.attrs.originatorId !== undefined ? ', ' : ''}Cluster list: ${p.attrs.clusterList.map((c) => `${formatIp(c)} `).join('')}`;
      out.push(l);
    }
    out.push(`      Last update: ${ctime(p.receivedAt)}`);
  }
  return out.join('\n');
}

export function renderRouteDetailJson(net: NetworkQuery, device: string, repr: FrrRepr, entry: BgpRouteEntryView): string {
  const key = formatPrefix(entry.prefix);
  const version = prefixVersions(net, device).get(key) ?? 0;
  const advertised: Record<string, Json> = {};
  for (const a of advertisedTo(net, device, entry.prefix)) advertised[formatIp(a)] = { hostname: peerHostname(net, a) };
  const paths = frrPathOrder(entry.paths).map((p): Json => {
    const host = p.local ? repr.hostname : peerHostname(net, p.from);
    const med = p.attrs.med ?? (p.local ? 0 : undefined);
    return {
      aspath: {
        string: p.attrs.asPath.length ? p.attrs.asPath.join(' ') : 'Local',
        segments: p.attrs.asPath.length ? [{ type: 'as-sequence', list: [...p.attrs.asPath] }] : [],
        length: p.attrs.asPath.length,
      },
      origin: ORIGIN_NAME[p.attrs.origin],
      metric: med,
      locPrf: p.internal ? p.attrs.localPref : undefined,
      weight: p.weight || undefined,
      valid: p.valid ? true : undefined,
      version,
      multipath: p.multipath && paths_multi(entry) ? true : undefined,
      bestpath: p.best ? { overall: true, selectionReason: selectionReason(p) } : undefined,
      lastUpdate: { epoch: epochSeconds(p.receivedAt), string: `${ctime(p.receivedAt)}\n` },
      nexthops: [
        { ip: formatIp(p.local ? 0 : p.attrs.nextHop), hostname: host, afi: 'ipv4', metric: p.igpMetric ?? 0, accessible: p.valid ? true : undefined, used: true },
      ],
      peer: p.local
        ? { peerId: '0.0.0.0', routerId: formatIp(net.routerId(device)) }
        : { peerId: formatIp(p.from), routerId: formatIp(p.fromRouterId), hostname: host, type: p.internal ? 'internal' : 'external' },
    };
  });
  return jsonPretty({ prefix: key, version, advertisedTo: Object.keys(advertised).length ? advertised : undefined, paths });
}

function paths_multi(entry: BgpRouteEntryView): boolean {
  return entry.paths.filter((p) => p.multipath || p.best).length > 1;
}
