// zebra's screens: `show ip route [bgp|connected|static|kernel|A.B.C.D[/M]] [json]`
// (zebra/zebra_vty.c vty_show_ip_route, vty_show_ip_route_detail) and `show interface brief`
// (zebra/interface.c ifs_dump_brief_vty). FRR 8.4 has no 'L' (local) routes yet.

import type { Ip, Prefix } from '../../../core/ip.ts';
import { comparePrefix, formatIp, formatPrefix, prefixContainsIp } from '../../../core/ip.ts';
import type { NetworkQuery } from '../../../model/query.ts';
import type { ResolvedNextHop } from '../../../model/route.ts';
import type { RibRouteView } from '../../../model/state.ts';
import type { FrrRepr } from '../repr.ts';
import { frrUptime } from './common.ts';
import { type Json, jsonPretty } from './json.ts';

export const ROUTE_CODES = [
  'Codes: K - kernel route, C - connected, S - static, R - RIP,',
  '       O - OSPF, I - IS-IS, B - BGP, E - EIGRP, N - NHRP,',
  '       T - Table, v - VNC, V - VNC-Direct, A - Babel, F - PBR,',
  '       f - OpenFabric,',
  '       > - selected route, * - FIB route, q - queued, r - rejected, b - backup',
  '       t - trapped, o - offload failure',
].join('\n');

type Kind = 'K' | 'C' | 'S' | 'B';

/** Which zebra route type a RIB entry is: FRR's own static routes are S, the lab's kernel routes K. */
export function routeKind(r: RibRouteView, repr: FrrRepr): Kind | undefined {
  switch (r.source) {
    case 'connected':
    case 'direct':
      return 'C';
    case 'bgp':
      return 'B';
    case 'kernel':
      return 'K';
    case 'static': {
      const own = repr.staticRoutes.some((s) => s.prefix.addr === r.prefix.addr && s.prefix.len === r.prefix.len);
      return own && r.distance !== 0 ? 'S' : 'K';
    }
    default:
      return undefined;
  }
}

const PROTO: Record<Kind, string> = { K: 'kernel', C: 'connected', S: 'static', B: 'bgp' };

function ifIndexes(net: NetworkQuery, device: string): Map<string, number> {
  const m = new Map<string, number>();
  let i = 2;
  for (const itf of net.interfaces(device)) m.set(itf.name, itf.name === 'lo' ? 1 : i++);
  return m;
}

export function zebraRoutes(net: NetworkQuery, device: string, repr: FrrRepr, filter?: Kind): { r: RibRouteView; kind: Kind }[] {
  const out: { r: RibRouteView; kind: Kind }[] = [];
  for (const r of net.rib(device)) {
    const kind = routeKind(r, repr);
    if (!kind || (filter && kind !== filter)) continue;
    out.push({ r, kind });
  }
  out.sort((a, b) => comparePrefix(a.r.prefix, b.r.prefix) || Number(b.r.selected) - Number(a.r.selected) || a.r.distance - b.r.distance);
  return out;
}

/** zebra resolves a BGP next hop recursively when it is not on a connected subnet. */
function recursive(r: RibRouteView, connected: readonly Prefix[]): boolean {
  if (r.bgpNextHop === undefined) return false;
  return !connected.some((p) => prefixContainsIp(p, r.bgpNextHop!));
}

function connectedPrefixes(net: NetworkQuery, device: string): Prefix[] {
  return net.interfaces(device).flatMap((i) => i.addresses.map((a) => ({ addr: (a.ip & (a.len === 0 ? 0 : (0xffffffff << (32 - a.len)) >>> 0)) >>> 0, len: a.len })));
}

function nhText(n: ResolvedNextHop, kind: Kind): string {
  if (n.gateway === undefined) return ` is directly connected, ${n.dev}`;
  // bgpd and staticd install next hops with weight 1; zebra prints it (kernel routes have none).
  return ` via ${formatIp(n.gateway)}, ${n.dev}${n.onlink ? ' onlink' : ''}${kind === 'B' || kind === 'S' ? `, weight ${n.weight ?? 1}` : ''}`;
}

export function renderIpRoute(net: NetworkQuery, device: string, repr: FrrRepr, filter?: Kind): string {
  const lines: string[] = [];
  const connected = connectedPrefixes(net, device);
  for (const { r, kind } of zebraRoutes(net, device, repr, filter)) {
    const up = frrUptime(net.time - r.since);
    const sel = r.selected ? '>' : ' ';
    const fib = r.installed ? '*' : ' ';
    let head = `${kind}${sel}`;
    const showDist = kind !== 'C' || r.distance !== 0 || r.metric !== 0;
    const dist = showDist ? ` [${r.distance}/${r.metric}]` : '';
    if (r.type === 'blackhole' || r.type === 'unreachable' || r.type === 'prohibit') {
      const what = r.type === 'blackhole' ? ' (blackhole)' : r.type === 'unreachable' ? ' (ICMP unreachable)' : ' (ICMP admin-prohibited)';
      lines.push(`${head}${fib} ${formatPrefix(r.prefix)}${dist} unreachable${what}${kind === 'S' ? ', weight 1' : ''}, ${up}`);
      continue;
    }
    if (recursive(r, connected)) {
      // The BGP next hop, flagged recursive (no FIB star), then the resolving next hops.
      head += ' ';
      const first = `${head} ${formatPrefix(r.prefix)}${dist}`;
      lines.push(`${first} via ${formatIp(r.bgpNextHop!)} (recursive)${kind === 'B' ? ', weight 1' : ''}, ${up}`);
      for (const n of r.nexthops) lines.push(`  ${fib}${' '.repeat(first.length - 3 + 2)}${nhText(n, 'K')}, ${up}`);
      continue;
    }
    const first = `${head}${fib} ${formatPrefix(r.prefix)}${dist}`;
    r.nexthops.forEach((n, i) => {
      if (i === 0) lines.push(`${first}${nhText(n, kind)}, ${up}`);
      else lines.push(`  ${fib}${' '.repeat(first.length - 3)}${nhText(n, kind)}, ${up}`);
    });
    if (r.nexthops.length === 0) lines.push(`${first}, ${up}`);
  }
  if (lines.length === 0) return '';
  return `${ROUTE_CODES}\n\n${lines.join('\n')}`;
}

export function renderIpRouteDetail(net: NetworkQuery, device: string, repr: FrrRepr, target: { ip?: Ip; prefix?: Prefix }): string {
  const all = zebraRoutes(net, device, repr);
  let matches: typeof all;
  if (target.prefix) matches = all.filter(({ r }) => r.prefix.addr === target.prefix!.addr && r.prefix.len === target.prefix!.len);
  else {
    const covering = all.filter(({ r }) => prefixContainsIp(r.prefix, target.ip!));
    const best = Math.max(-1, ...covering.map(({ r }) => r.prefix.len));
    matches = covering.filter(({ r }) => r.prefix.len === best);
  }
  // zebra prints nothing for an address no route covers (verified on 8.4.4).
  if (matches.length === 0) return '';
  const connected = connectedPrefixes(net, device);
  const out: string[] = [];
  for (const { r, kind } of matches) {
    out.push(`Routing entry for ${formatPrefix(r.prefix)}`);
    out.push(`  Known via "${PROTO[kind]}", distance ${r.distance}, metric ${r.metric}${r.selected ? ', best' : ''}`);
    out.push(`  Last update ${frrUptime(net.time - r.since)} ago`);
    const fib = r.installed ? '*' : ' ';
    if (r.type !== 'unicast' && r.type !== 'device') out.push(`  ${fib} unreachable (blackhole)${kind === 'S' ? ', weight 1' : ''}`);
    else if (recursive(r, connected)) {
      out.push(`    ${formatIp(r.bgpNextHop!)} (recursive)`);
      for (const n of r.nexthops) out.push(`  ${fib}   ${formatIp(n.gateway ?? 0)}, via ${n.dev}`);
    } else
      for (const n of r.nexthops) {
        if (n.gateway === undefined) out.push(`  ${fib} directly connected, ${n.dev}`);
        else out.push(`  ${fib} ${formatIp(n.gateway)}, via ${n.dev}${kind === 'B' || kind === 'S' ? `, weight ${n.weight ?? 1}` : ''}`);
      }
    out.push('');
  }
  return out.join('\n');
}

export function renderIpRouteJson(net: NetworkQuery, device: string, repr: FrrRepr, filter?: Kind): string {
  const idx = ifIndexes(net, device);
  const body: Record<string, Json[]> = {};
  for (const { r, kind } of zebraRoutes(net, device, repr, filter)) {
    const key = formatPrefix(r.prefix);
    const nexthops: Json[] =
      r.type !== 'unicast' && r.type !== 'device'
        ? [{ flags: 1, fib: r.installed ? true : undefined, unreachable: true, blackhole: true, active: true }]
        : r.nexthops.map((n) =>
            n.gateway === undefined
              ? { flags: 3, fib: r.installed ? true : undefined, directlyConnected: true, interfaceIndex: idx.get(n.dev) ?? 0, interfaceName: n.dev, active: true }
              : {
                  flags: 3,
                  fib: r.installed ? true : undefined,
                  ip: formatIp(n.gateway),
                  afi: 'ipv4',
                  interfaceIndex: idx.get(n.dev) ?? 0,
                  interfaceName: n.dev,
                  active: true,
                  weight: kind === 'B' ? (n.weight ?? 1) : undefined,
                },
          );
    (body[key] ??= []).push({
      prefix: key,
      prefixLen: r.prefix.len,
      protocol: PROTO[kind],
      vrfId: 0,
      vrfName: 'default',
      selected: r.selected ? true : undefined,
      destSelected: r.selected ? true : undefined,
      distance: r.distance,
      metric: r.metric,
      installed: r.installed ? true : undefined,
      table: 254,
      internalStatus: r.installed ? 16 : 0,
      internalFlags: r.selected ? 8 : 0,
      internalNextHopNum: Math.max(1, r.nexthops.length),
      internalNextHopActiveNum: Math.max(1, r.nexthops.length),
      uptime: frrUptime(net.time - r.since),
      nexthops,
    });
  }
  return jsonPretty(body);
}

/** Natural-order name comparison (zebra if_cmp_name_func): eth2 < eth10. */
function ifCmp(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      if (Number(x) !== Number(y)) return Number(x) - Number(y);
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

export function renderInterfaceBrief(net: NetworkQuery, device: string): string {
  const out = ['Interface       Status  VRF             Addresses', '---------       ------  ---             ---------'];
  const ifaces = [...net.interfaces(device)].sort((a, b) => ifCmp(a.name, b.name));
  for (const i of ifaces) {
    let line = i.name.padEnd(16) + (i.adminUp && i.linkUp ? 'up' : 'down').padEnd(8) + 'default'.padEnd(16);
    // One line per connected subnet, its first address; "+ " when the subnet has more.
    const subnets = new Map<string, { ip: number; len: number; n: number }>();
    for (const a of i.addresses) {
      const key = `${(a.ip & (a.len === 0 ? 0 : (0xffffffff << (32 - a.len)) >>> 0)) >>> 0}/${a.len}`;
      const cur = subnets.get(key);
      if (cur) cur.n++;
      else subnets.set(key, { ip: a.ip, len: a.len, n: 1 });
    }
    const addrs = [...subnets.values()].sort((a, b) => a.ip - b.ip);
    if (addrs.length === 0) out.push(line);
    addrs.forEach((a, k) => {
      const text = `${a.n > 1 ? '+ ' : ''}${formatIp(a.ip)}/${a.len}`;
      if (k === 0) out.push(line + text);
      else out.push(' '.repeat(40) + text);
      line = '';
    });
  }
  return out.join('\n') + '\n';
}
