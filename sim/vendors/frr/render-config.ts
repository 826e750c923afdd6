// `show running-config` for FRR 8.4 (vtysh merges the daemons' config; bgpd's part is
// bgpd/bgp_vty.c bgp_config_write: global lines, peer-groups, neighbours, listen ranges, then
// the address-family block — printed only when it has content, vty_frame()).

import { formatIp, formatPrefix } from '../../core/ip.ts';
import type { FrrBgp, FrrPeerSettings, FrrRepr } from './repr.ts';

export const FRR_VERSION = '8.4.4';

function profileDefaults(repr: FrrRepr): { ebgpRequiresPolicy: boolean; logNeighborChanges: boolean; deterministicMed: boolean } {
  const dc = repr.profile === 'datacenter';
  return { ebgpRequiresPolicy: !dc, logNeighborChanges: dc, deterministicMed: dc };
}

function peerGlobal(name: string, p: FrrPeerSettings, isGroup: boolean, bgp: FrrBgp): string[] {
  const o: string[] = [];
  if (isGroup) o.push(` neighbor ${name} peer-group`);
  const g = p.peerGroup ? bgp.peerGroups.get(p.peerGroup) : undefined;
  const groupHasAs = g !== undefined && (g.remoteAs !== undefined || g.remoteAsKind !== undefined);
  if (!groupHasAs) {
    if (p.remoteAs !== undefined) o.push(` neighbor ${name} remote-as ${p.remoteAs}`);
    else if (p.remoteAsKind) o.push(` neighbor ${name} remote-as ${p.remoteAsKind}`);
  }
  if (p.peerGroup) o.push(` neighbor ${name} peer-group ${p.peerGroup}`);
  if (p.localAs !== undefined) o.push(` neighbor ${name} local-as ${p.localAs}`);
  if (p.description !== undefined) o.push(` neighbor ${name} description ${p.description}`);
  if (p.shutdown) o.push(` neighbor ${name} shutdown`);
  if (p.password !== undefined) o.push(` neighbor ${name} password ${p.password}`);
  if (p.passive) o.push(` neighbor ${name} passive`);
  if (p.ebgpMultihop !== undefined) o.push(` neighbor ${name} ebgp-multihop ${p.ebgpMultihop}`);
  if (p.disableConnectedCheck) o.push(` neighbor ${name} disable-connected-check`);
  if (p.updateSource !== undefined) o.push(` neighbor ${name} update-source ${p.updateSource}`);
  if (p.timers) o.push(` neighbor ${name} timers ${p.timers.keepalive} ${p.timers.hold}`);
  if (p.connectRetry !== undefined) o.push(` neighbor ${name} timers connect ${p.connectRetry}`);
  return o;
}

function peerAf(name: string, p: FrrPeerSettings): string[] {
  const af = p.af;
  const o: string[] = [];
  if (af.activate === false) o.push(`  no neighbor ${name} activate`);
  if (af.rrClient) o.push(`  neighbor ${name} route-reflector-client`);
  if (af.nextHopSelf === 'force') o.push(`  neighbor ${name} next-hop-self force`);
  if (af.nextHopSelf === 'self') o.push(`  neighbor ${name} next-hop-self`);
  if (af.asOverride) o.push(`  neighbor ${name} as-override`);
  if (af.sendCommunity === false) o.push(`  no neighbor ${name} send-community`);
  if (af.defaultOriginate) o.push(`  neighbor ${name} default-originate`);
  if (af.softReconfig) o.push(`  neighbor ${name} soft-reconfiguration inbound`);
  if (af.maxPrefix !== undefined) o.push(`  neighbor ${name} maximum-prefix ${af.maxPrefix}`);
  if (af.allowasIn !== undefined) o.push(af.allowasIn === 'origin' ? `  neighbor ${name} allowas-in origin` : af.allowasIn === 3 ? `  neighbor ${name} allowas-in` : `  neighbor ${name} allowas-in ${af.allowasIn}`);
  if (af.weight !== undefined) o.push(`  neighbor ${name} weight ${af.weight}`);
  if (af.prefixListIn) o.push(`  neighbor ${name} prefix-list ${af.prefixListIn} in`);
  if (af.prefixListOut) o.push(`  neighbor ${name} prefix-list ${af.prefixListOut} out`);
  if (af.routeMapIn) o.push(`  neighbor ${name} route-map ${af.routeMapIn} in`);
  if (af.routeMapOut) o.push(`  neighbor ${name} route-map ${af.routeMapOut} out`);
  return o;
}

function sortedNeighbors(bgp: FrrBgp): [string, FrrPeerSettings][] {
  const key = (t: string): number => t.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  return [...bgp.neighbors.entries()].sort((a, b) => key(a[0]) - key(b[0]));
}

export function renderBgpConfig(repr: FrrRepr): string[] {
  const bgp = repr.bgp;
  if (!bgp) return [];
  const d = profileDefaults(repr);
  const o: string[] = [`router bgp ${bgp.asn}`];
  if (bgp.routerId !== undefined) o.push(` bgp router-id ${formatIp(bgp.routerId)}`);
  if (bgp.logNeighborChanges !== d.logNeighborChanges) o.push(` ${bgp.logNeighborChanges ? '' : 'no '}bgp log-neighbor-changes`);
  if (bgp.alwaysCompareMed) o.push(' bgp always-compare-med');
  if (bgp.ebgpRequiresPolicy !== d.ebgpRequiresPolicy) o.push(` ${bgp.ebgpRequiresPolicy ? '' : 'no '}bgp ebgp-requires-policy`);
  if (bgp.defaultLocalPref !== undefined) o.push(` bgp default local-preference ${bgp.defaultLocalPref}`);
  if (bgp.clusterId !== undefined) o.push(` bgp cluster-id ${formatIp(bgp.clusterId)}`);
  if (bgp.deterministicMed !== d.deterministicMed) o.push(` ${bgp.deterministicMed ? '' : 'no '}bgp deterministic-med`);
  if (bgp.multipathRelax) o.push(' bgp bestpath as-path multipath-relax');
  if (bgp.compareRouterId) o.push(' bgp bestpath compare-routerid');
  if (!bgp.networkImportCheck) o.push(' no bgp network import-check');
  if (bgp.timers) o.push(` timers bgp ${bgp.timers.keepalive} ${bgp.timers.hold}`);
  for (const [name, g] of bgp.peerGroups) o.push(...peerGlobal(name, g, true, bgp));
  for (const [name, p] of sortedNeighbors(bgp)) o.push(...peerGlobal(name, p, false, bgp));
  if (bgp.listenLimit !== undefined) o.push(` bgp listen limit ${bgp.listenLimit}`);
  for (const lr of bgp.listenRanges) o.push(` bgp listen range ${formatPrefix(lr.prefix)} peer-group ${lr.peerGroup}`);
  const af: string[] = [];
  const nets = [...bgp.networks.values()].sort((a, b) => a.prefix.addr - b.prefix.addr || a.prefix.len - b.prefix.len);
  for (const n of nets) af.push(`  network ${formatPrefix(n.prefix)}${n.routeMap ? ` route-map ${n.routeMap}` : ''}`);
  for (const [src, r] of bgp.redistribute) af.push(`  redistribute ${src}${r.metric !== undefined ? ` metric ${r.metric}` : ''}${r.routeMap ? ` route-map ${r.routeMap}` : ''}`);
  for (const [name, g] of bgp.peerGroups) af.push(...peerAf(name, g));
  for (const [name, p] of sortedNeighbors(bgp)) af.push(...peerAf(name, p));
  if (bgp.maximumPaths !== undefined) af.push(`  maximum-paths ${bgp.maximumPaths}`);
  if (bgp.maximumPathsIbgp !== undefined) af.push(`  maximum-paths ibgp ${bgp.maximumPathsIbgp}`);
  if (af.length) o.push(' !', ' address-family ipv4 unicast', ...af, ' exit-address-family');
  o.push('exit');
  return o;
}

export function renderRunningConfig(repr: FrrRepr): string {
  const blocks: string[][] = [];
  const head = [`frr version ${FRR_VERSION}`, `frr defaults ${repr.profile ?? 'traditional'}`, `hostname ${repr.hostname}`, 'no ipv6 forwarding', 'service integrated-vtysh-config'];
  blocks.push(head);
  if (repr.staticRoutes.length) {
    blocks.push(
      repr.staticRoutes.map((r) => {
        const target = r.blackhole ? 'blackhole' : r.via !== undefined ? formatIp(r.via) : (r.ifname ?? '');
        return `ip route ${formatPrefix(r.prefix)} ${target}${r.via !== undefined && r.ifname ? ` ${r.ifname}` : ''}${r.distance !== undefined ? ` ${r.distance}` : ''}`;
      }),
    );
  }
  const names = [...repr.interfaces.keys()].sort();
  for (const name of names) {
    const i = repr.interfaces.get(name)!;
    const lines = [`interface ${name}`];
    if (i.description) lines.push(` description ${i.description}`);
    for (const a of i.addresses) lines.push(` ip address ${formatIp(a.ip)}/${a.len}`);
    if (i.shutdown) lines.push(' shutdown');
    lines.push('exit');
    blocks.push(lines);
  }
  const bgp = renderBgpConfig(repr);
  if (bgp.length) blocks.push(bgp);
  for (const [name, cl] of repr.communityLists) {
    blocks.push(cl.entries.map((e, i) => `bgp community-list standard ${name} seq ${(i + 1) * 5} ${e.action} ${e.values.join(' ')}`));
  }
  for (const [name, al] of repr.asPathLists) {
    blocks.push(al.map((e, i) => `bgp as-path access-list ${name} seq ${(i + 1) * 5} ${e.action} ${e.regex}`));
  }
  for (const [name, pl] of repr.prefixLists) {
    const lines: string[] = [];
    if (pl.description) lines.push(`ip prefix-list ${name} description ${pl.description}`);
    for (const e of pl.entries) {
      let l = `ip prefix-list ${name} seq ${e.seq} ${e.action} ${e.any ? 'any' : formatPrefix(e.prefix)}`;
      if (e.ge !== undefined) l += ` ge ${e.ge}`;
      if (e.le !== undefined) l += ` le ${e.le}`;
      lines.push(l);
    }
    blocks.push(lines);
  }
  for (const [name, entries] of repr.routeMaps) {
    for (const e of entries) {
      const lines = [`route-map ${name} ${e.action} ${e.seq}`];
      if (e.description) lines.push(` description ${e.description}`);
      if (e.matchAsPath) lines.push(` match as-path ${e.matchAsPath}`);
      if (e.matchCommunity) lines.push(` match community ${e.matchCommunity}`);
      if (e.matchPrefixList) lines.push(` match ip address prefix-list ${e.matchPrefixList}`);
      if (e.onMatchNext) lines.push(' on-match next');
      if (e.setAsPathPrepend) lines.push(` set as-path prepend ${e.setAsPathPrepend.join(' ')}`);
      if (e.setCommunity) lines.push(` set community ${e.setCommunity.values.join(' ')}${e.setCommunity.additive ? ' additive' : ''}`);
      if (e.setNextHop !== undefined) lines.push(` set ip next-hop ${e.setNextHop === 'peer-address' ? 'peer-address' : formatIp(e.setNextHop)}`);
      if (e.setLocalPref !== undefined) lines.push(` set local-preference ${e.setLocalPref}`);
      if (e.setMetric !== undefined) lines.push(` set metric ${e.setMetric}`);
      if (e.setOrigin) lines.push(` set origin ${e.setOrigin}`);
      if (e.setWeight !== undefined) lines.push(` set weight ${e.setWeight}`);
      lines.push('exit');
      blocks.push(lines);
    }
  }
  const body = blocks.map((b) => b.join('\n')).join('\n!\n');
  return `Building configuration...\n\nCurrent configuration:\n!\n${body}\n!\nend`;
}
