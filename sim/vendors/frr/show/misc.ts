// `show ip prefix-list`, `show route-map` (each daemon answers: zebra and bgpd) and
// `show interface [NAME]` (zebra/interface.c if_dump_vty), as FRR 8.4.4 prints them.

import { formatIp, formatPrefix } from '../../../core/ip.ts';
import type { NetworkQuery } from '../../../model/query.ts';
import type { FrrRepr } from '../repr.ts';

export function renderPrefixLists(repr: FrrRepr, only?: string): string {
  const lists = [...repr.prefixLists.entries()].filter(([n]) => only === undefined || n === only);
  if (only !== undefined && lists.length === 0) return "% Can't find specified prefix-list";
  const out: string[] = [];
  for (const daemon of ['ZEBRA', 'BGP']) {
    for (const [name, pl] of lists) {
      out.push(`${daemon}: ip prefix-list ${name}: ${pl.entries.length} entries`);
      if (pl.description) out.push(`   Description: ${pl.description}`);
      for (const e of pl.entries) {
        let l = `   seq ${e.seq} ${e.action} ${e.any ? 'any' : formatPrefix(e.prefix)}`;
        if (e.ge !== undefined) l += ` ge ${e.ge}`;
        if (e.le !== undefined) l += ` le ${e.le}`;
        out.push(l);
      }
    }
  }
  return out.join('\n');
}

export function renderRouteMaps(repr: FrrRepr, only?: string): string {
  const maps = [...repr.routeMaps.entries()].filter(([n]) => only === undefined || n === only);
  const out: string[] = [];
  for (const daemon of ['ZEBRA', 'BGP']) {
    out.push(`${daemon}:`);
    if (only !== undefined && maps.length === 0) out.push(`${daemon}: 'route-map ${only}' not found`);
    for (const [name, entries] of maps) {
      out.push(`route-map: ${name} Invoked: 0 Optimization: enabled Processed Change: false`);
      for (const e of entries) {
        out.push(` ${e.action}, sequence ${e.seq} Invoked 0`);
        if (e.description) out.push(`  Description:`, `    ${e.description}`);
        out.push('  Match clauses:');
        if (e.matchPrefixList) out.push(`    ip address prefix-list ${e.matchPrefixList}`);
        if (e.matchCommunity) out.push(`    community ${e.matchCommunity}`);
        if (e.matchAsPath) out.push(`    as-path ${e.matchAsPath}`);
        out.push('  Set clauses:');
        if (e.setAsPathPrepend) out.push(`    as-path prepend ${e.setAsPathPrepend.join(' ')}`);
        if (e.setCommunity) out.push(`    community ${e.setCommunity.values.join(' ')}${e.setCommunity.additive ? ' additive' : ''}`);
        if (e.setNextHop !== undefined) out.push(`    ip next-hop ${e.setNextHop === 'peer-address' ? 'peer-address' : formatIp(e.setNextHop)}`);
        if (e.setLocalPref !== undefined) out.push(`    local-preference ${e.setLocalPref}`);
        if (e.setMetric !== undefined) out.push(`    metric ${e.setMetric}`);
        if (e.setOrigin) out.push(`    origin ${e.setOrigin}`);
        if (e.setWeight !== undefined) out.push(`    weight ${e.setWeight}`);
        out.push('  Call clause:', '  Action:', e.onMatchNext ? '    Continue to next entry' : '    Exit routemap');
      }
    }
  }
  return out.join('\n');
}

export function renderInterfaceDetail(net: NetworkQuery, device: string, only?: string): string {
  const ifaces = net.interfaces(device).filter((i) => only === undefined || i.name === only);
  if (only !== undefined && ifaces.length === 0) return `% Can't find interface ${only}`;
  const out: string[] = [];
  let index = 2;
  for (const i of net.interfaces(device)) {
    const idx = i.name === 'lo' ? 1 : index++;
    if (!ifaces.includes(i)) continue;
    const lo = i.name === 'lo';
    const up = i.adminUp && i.linkUp;
    out.push(`Interface ${i.name} is ${i.adminUp ? 'up' : 'down'}, line protocol is ${up ? 'up' : 'down'}`);
    out.push('  Link ups:       0    last: (never)', '  Link downs:     0    last: (never)', '  vrf: default');
    out.push(`  index ${idx} metric 0 mtu ${lo ? 65536 : 1500} speed ${lo ? 0 : 10000} `);
    out.push(lo ? '  flags: <UP,LOOPBACK,RUNNING>' : `  flags: <${i.adminUp ? 'UP,' : ''}BROADCAST,${up ? 'RUNNING,' : ''}MULTICAST>`);
    out.push(lo ? '  Type: Loopback' : '  Type: Ethernet');
    if (!lo) out.push(`  HWaddr: ${i.mac}`);
    for (const a of i.addresses) out.push(`  inet ${formatIp(a.ip)}/${a.len}`);
    out.push(lo ? '  Interface Type Other' : '  Interface Type VETH', '  Interface Slave Type None', '  protodown: off ');
    if (!lo) out.push(`  Parent ifindex: ${idx + 100}`);
  }
  return out.join('\n');
}
