// `show running-config` for a Catalyst 3650 (IOS-XE 16.12): the factory lines around the
// user's, `!` separators, `router bgp` with its neighbours (peer-groups first, then by
// address), the address-family block only when the user configured through it.

import { labDate } from '../../../core/clock.ts';
import { formatIp, formatMask } from '../../../core/ip.ts';
import type { IosBgp, IosNeighbor, IosRepr } from '../repr.ts';

function ipKey(t: string): number {
  return t.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function neighborGlobal(name: string, n: IosNeighbor, isGroup: boolean): string[] {
  const o: string[] = [];
  if (isGroup) o.push(` neighbor ${name} peer-group`);
  if (n.remoteAs !== undefined) o.push(` neighbor ${name} remote-as ${n.remoteAs}`);
  if (n.peerGroup) o.push(` neighbor ${name} peer-group ${n.peerGroup}`);
  if (n.description) o.push(` neighbor ${name} description ${n.description}`);
  if (n.password) o.push(` neighbor ${name} password ${n.password}`);
  if (n.shutdown) o.push(` neighbor ${name} shutdown`);
  if (n.ebgpMultihop !== undefined) o.push(` neighbor ${name} ebgp-multihop ${n.ebgpMultihop}`);
  if (n.updateSource) o.push(` neighbor ${name} update-source ${n.updateSource}`);
  if (n.timers) o.push(` neighbor ${name} timers ${n.timers.keepalive} ${n.timers.hold}`);
  return o;
}

function neighborAf(name: string, n: IosNeighbor, indent: string, afUsed: boolean): string[] {
  const af = n.af;
  const o: string[] = [];
  if (afUsed && af.activate !== false) o.push(`${indent}neighbor ${name} activate`);
  if (af.sendCommunity) o.push(`${indent}neighbor ${name} send-community`);
  if (af.defaultOriginate) o.push(`${indent}neighbor ${name} default-originate`);
  if (af.rrClient) o.push(`${indent}neighbor ${name} route-reflector-client`);
  if (af.nextHopSelf) o.push(`${indent}neighbor ${name} next-hop-self`);
  if (af.softReconfig) o.push(`${indent}neighbor ${name} soft-reconfiguration inbound`);
  if (af.allowasIn !== undefined) o.push(`${indent}neighbor ${name} allowas-in ${af.allowasIn}`);
  if (af.weight !== undefined) o.push(`${indent}neighbor ${name} weight ${af.weight}`);
  if (af.prefixListIn) o.push(`${indent}neighbor ${name} prefix-list ${af.prefixListIn} in`);
  if (af.prefixListOut) o.push(`${indent}neighbor ${name} prefix-list ${af.prefixListOut} out`);
  if (af.routeMapIn) o.push(`${indent}neighbor ${name} route-map ${af.routeMapIn} in`);
  if (af.routeMapOut) o.push(`${indent}neighbor ${name} route-map ${af.routeMapOut} out`);
  return o;
}

export function bgpConfig(bgp: IosBgp): string[] {
  const o = [`router bgp ${bgp.asn}`];
  if (bgp.routerId !== undefined) o.push(` bgp router-id ${formatIp(bgp.routerId)}`);
  if (bgp.logNeighborChanges) o.push(' bgp log-neighbor-changes');
  if (bgp.alwaysCompareMed) o.push(' bgp always-compare-med');
  if (bgp.deterministicMed) o.push(' bgp deterministic-med');
  if (bgp.clusterId !== undefined) o.push(` bgp cluster-id ${formatIp(bgp.clusterId)}`);
  if (bgp.defaultLocalPref !== undefined) o.push(` bgp default local-preference ${bgp.defaultLocalPref}`);
  const groups = [...bgp.peerGroups.entries()];
  const peers = [...bgp.neighbors.entries()].sort((a, b) => ipKey(a[0]) - ipKey(b[0]));
  for (const [n, g] of groups) o.push(...neighborGlobal(n, g, true));
  for (const [n, p] of peers) o.push(...neighborGlobal(n, p, false));
  const indent = bgp.afUsed ? '  ' : ' ';
  const af: string[] = [];
  const nets = [...bgp.networks.values()].sort((a, b) => a.prefix.addr - b.prefix.addr || a.prefix.len - b.prefix.len);
  for (const n of nets) af.push(`${indent}network ${formatIp(n.prefix.addr)}${n.prefix.len === naturalLen(n.prefix.addr) ? '' : ` mask ${formatMask(n.prefix.len)}`}${n.routeMap ? ` route-map ${n.routeMap}` : ''}`);
  for (const [src, r] of bgp.redistribute) af.push(`${indent}redistribute ${src}${r.metric !== undefined ? ` metric ${r.metric}` : ''}${r.routeMap ? ` route-map ${r.routeMap}` : ''}`);
  for (const [n, g] of groups) af.push(...neighborAf(n, g, indent, bgp.afUsed));
  for (const [n, p] of peers) af.push(...neighborAf(n, p, indent, bgp.afUsed));
  if (bgp.maximumPaths !== undefined) af.push(`${indent}maximum-paths ${bgp.maximumPaths}`);
  if (bgp.maximumPathsIbgp !== undefined) af.push(`${indent}maximum-paths ibgp ${bgp.maximumPathsIbgp}`);
  if (bgp.afUsed) o.push(' !', ' address-family ipv4', ...af, ' exit-address-family');
  else o.push(...af);
  return o;
}

function naturalLen(addr: number): number {
  const first = addr >>> 24;
  return first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "00:01:00 UTC Mon Jan 1 2024" on the lab clock (virtual seconds from 2024-01-01 00:00 UTC). */
export function iosClock(seconds: number): string {
  const d = labDate(seconds);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

export function renderIosConfig(repr: IosRepr): string {
  const b: string[] = [];
  const sw = repr.model === 'switch';
  if (repr.lastChange !== undefined) b.push('!', `! Last configuration change at ${iosClock(repr.lastChange)}`, '!');
  else b.push('!');
  b.push(sw ? 'version 16.12' : 'version 15.9');
  b.push('no service pad', 'service timestamps debug datetime msec', 'service timestamps log datetime msec');
  if (sw) b.push('service call-home', 'no platform punt-keepalive disable-kernel-core');
  b.push('!', `hostname ${repr.hostname}`, '!');
  if (sw) b.push('!', 'vrf definition Mgmt-vrf', ' !', ' address-family ipv4', ' exit-address-family', ' !', ' address-family ipv6', ' exit-address-family', '!');
  b.push('no aaa new-model');
  if (sw) b.push('switch 1 provision ws-c3650-24ts');
  b.push('!');
  b.push(repr.ipRouting ? 'ip routing' : 'no ip routing', '!');
  for (const [id, v] of [...repr.vlans.entries()].sort((x, y) => x[0] - y[0])) {
    b.push(`vlan ${id}`);
    if (v.name) b.push(` name ${v.name}`);
    b.push('!');
  }
  const names = [...repr.interfaces.keys()].sort((a, c) => {
    const rank = (n: string): number => (n.startsWith('Loopback') ? 0 : n.startsWith('GigabitEthernet') ? 1 : n.startsWith('Vlan') ? 3 : 2);
    return rank(a) - rank(c) || a.localeCompare(c, 'en', { numeric: true });
  });
  if (sw) {
    // The 3650's management port lives in Mgmt-vrf and is always printed first.
    const m = repr.interfaces.get('GigabitEthernet0/0');
    b.push('interface GigabitEthernet0/0', ' vrf forwarding Mgmt-vrf');
    if (!m || m.addresses.length === 0) b.push(' no ip address');
    m?.addresses.forEach((a, k) => b.push(` ip address ${formatIp(a.ip)} ${formatMask(a.len)}${k > 0 ? ' secondary' : ''}`));
    if (m?.shutdown) b.push(' shutdown');
    b.push(' negotiation auto', '!');
  }
  for (const n of names) {
    if (sw && n === 'GigabitEthernet0/0') continue;
    const i = repr.interfaces.get(n)!;
    b.push(`interface ${n}`);
    if (i.description) b.push(` description ${i.description}`);
    if (sw && n.startsWith('GigabitEthernet') && !i.switchport) b.push(' no switchport');
    if (i.switchport && i.accessVlan !== undefined) b.push(` switchport access vlan ${i.accessVlan}`);
    if (i.switchport && i.mode) b.push(` switchport mode ${i.mode}`);
    if (!i.switchport) {
      if (i.addresses.length === 0) b.push(' no ip address');
      i.addresses.forEach((a, k) => b.push(` ip address ${formatIp(a.ip)} ${formatMask(a.len)}${k > 0 ? ' secondary' : ''}`));
    }
    if (i.shutdown) b.push(' shutdown');
    b.push('!');
  }
  if (repr.bgp) b.push(...bgpConfig(repr.bgp), '!');
  b.push('ip forward-protocol nd', 'ip http server', 'ip http secure-server');
  for (const r of repr.staticRoutes) {
    let l = `ip route ${formatIp(r.prefix.addr)} ${formatMask(r.prefix.len)}`;
    if (r.ifname) l += ` ${r.ifname}`;
    if (r.nextHop !== undefined) l += ` ${formatIp(r.nextHop)}`;
    if (r.distance !== undefined) l += ` ${r.distance}`;
    if (r.name) l += ` name ${r.name}`;
    b.push(l);
  }
  b.push('!');
  for (const [name, pl] of repr.prefixLists) {
    if (pl.description) b.push(`ip prefix-list ${name} description ${pl.description}`);
    for (const e of pl.entries) b.push(`ip prefix-list ${name} seq ${e.seq} ${e.action} ${formatIp(e.prefix.addr)}/${e.prefix.len}${e.ge !== undefined ? ` ge ${e.ge}` : ''}${e.le !== undefined ? ` le ${e.le}` : ''}`);
  }
  if (repr.prefixLists.size) b.push('!');
  for (const [name, entries] of repr.routeMaps) {
    for (const e of entries) {
      b.push(`route-map ${name} ${e.action} ${e.seq} `);
      if (e.description) b.push(` description ${e.description}`);
      if (e.matchPrefixLists.length) b.push(` match ip address prefix-list ${e.matchPrefixLists.join(' ')}`);
      if (e.setLocalPref !== undefined) b.push(` set local-preference ${e.setLocalPref}`);
      if (e.setMetric !== undefined) b.push(` set metric ${e.setMetric}`);
      if (e.setWeight !== undefined) b.push(` set weight ${e.setWeight}`);
      if (e.setAsPathPrepend) b.push(` set as-path prepend ${e.setAsPathPrepend.join(' ')}`);
      if (e.setCommunity) b.push(` set community ${e.setCommunity.values.join(' ')}${e.setCommunity.additive ? ' additive' : ''}`);
      if (e.setNextHop !== undefined) b.push(` set ip next-hop ${formatIp(e.setNextHop)}`);
      b.push('!');
    }
  }
  b.push('!', 'line con 0', ' stopbits 1', 'line aux 0', ' stopbits 1', 'line vty 0 4', ' login', 'line vty 5 15', ' login', '!', 'end');
  const body = b.join('\n');
  return `Building configuration...\n\nCurrent configuration : ${body.length + 1} bytes\n${body}\n`;
}
