// `display current-configuration [configuration bgp]` and `display this`, laid out as an eNSP
// AR2220 (V200R003C00) prints them: sections separated by "#", two-space indentation inside
// `bgp` → `ipv4-family unicast`, the device's factory lines around the user's, and the trailing
// blanks VRP leaves on some lines (" ip address 10.0.0.1 255.255.255.0 ", " peer … as-number 100 ").

import { formatIp, formatMask } from '../../../core/ip.ts';
import type { VrpBgp, VrpRepr } from '../repr.ts';
import { naturalLen } from '../repr.ts';

export const VRP_VERSION = 'V200R003C00';

function ipKey(t: string): number {
  return t.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function netText(addr: number, len: number): string {
  return len === naturalLen(addr) ? `${formatIp(addr)} ` : `${formatIp(addr)} ${formatMask(len)}`;
}

export function interfaceBlock(repr: VrpRepr, name: string): string[] {
  const i = repr.interfaces.get(name)!;
  const o = [`interface ${name}`];
  if (i.description) o.push(` description ${i.description}`);
  if (i.shutdown) o.push(' shutdown');
  i.addresses.forEach((a, k) => o.push(` ip address ${formatIp(a.ip)} ${formatMask(a.len)}${k > 0 ? ' sub' : ''} `));
  return o;
}

export function bgpBlock(bgp: VrpBgp): string[] {
  const o = [`bgp ${bgp.asn}`];
  if (bgp.routerId !== undefined) o.push(` router-id ${formatIp(bgp.routerId)}`);
  const groups = [...bgp.groups.entries()];
  for (const [name, g] of groups) {
    o.push(` group ${name}${g.kind === 'external' ? ' external' : ''}`);
    if (g.asNumber !== undefined) o.push(` peer ${name} as-number ${g.asNumber} `);
    if (g.ebgpMaxHop !== undefined) o.push(` peer ${name} ebgp-max-hop ${g.ebgpMaxHop} `);
    if (g.connectInterface) o.push(` peer ${name} connect-interface ${g.connectInterface}`);
  }
  const peers = [...bgp.peers.entries()].sort((a, b) => ipKey(a[0]) - ipKey(b[0]));
  for (const [ip, p] of peers) {
    if (p.asNumber !== undefined) o.push(` peer ${ip} as-number ${p.asNumber} `);
    if (p.group) o.push(` peer ${ip} group ${p.group} `);
    if (p.description) o.push(` peer ${ip} description ${p.description}`);
    if (p.ignore) o.push(` peer ${ip} ignore`);
    if (p.ebgpMaxHop !== undefined) o.push(` peer ${ip} ebgp-max-hop ${p.ebgpMaxHop} `);
    if (p.connectInterface) o.push(` peer ${ip} connect-interface ${p.connectInterface}`);
    if (p.password) o.push(` peer ${ip} password ${p.password.kind} ${p.password.text}`);
    if (p.timers) o.push(` peer ${ip} timer keepalive ${p.timers.keepalive} hold ${p.timers.hold}`);
  }
  o.push(' #', ' ipv4-family unicast', '  undo synchronization');
  if (bgp.maxLoadBalancing !== undefined) o.push(`  maximum load-balancing ${bgp.maxLoadBalancing} `);
  if (bgp.maxLoadBalancingEbgp !== undefined) o.push(`  maximum load-balancing ebgp ${bgp.maxLoadBalancingEbgp} `);
  if (bgp.maxLoadBalancingIbgp !== undefined) o.push(`  maximum load-balancing ibgp ${bgp.maxLoadBalancingIbgp} `);
  for (const [src, r] of bgp.importRoutes) o.push(`  import-route ${src}${r.med !== undefined ? ` med ${r.med}` : ''}${r.routePolicy ? ` route-policy ${r.routePolicy}` : ''}`);
  const nets = [...bgp.networks.values()].sort((a, b) => a.prefix.addr - b.prefix.addr || a.prefix.len - b.prefix.len);
  for (const n of nets) o.push(`  network ${netText(n.prefix.addr, n.prefix.len)}${n.routePolicy ? `route-policy ${n.routePolicy}` : ''}`);
  const afOf = (name: string, af: VrpBgp['peers'] extends Map<string, infer P> ? (P extends { af: infer A } ? A : never) : never): void => {
    if (af.enable !== false) o.push(`  peer ${name} enable`);
    else o.push(`  undo peer ${name} enable`);
    if (af.reflectClient) o.push(`  peer ${name} reflect-client`);
    if (af.nextHopLocal) o.push(`  peer ${name} next-hop-local `);
    if (af.allowAsLoop !== undefined) o.push(`  peer ${name} allow-as-loop ${af.allowAsLoop}`);
    if (af.defaultRouteAdvertise) o.push(`  peer ${name} default-route-advertise`);
    if (af.advertiseCommunity) o.push(`  peer ${name} advertise-community`);
    if (af.ipPrefixImport) o.push(`  peer ${name} ip-prefix ${af.ipPrefixImport} import`);
    if (af.ipPrefixExport) o.push(`  peer ${name} ip-prefix ${af.ipPrefixExport} export`);
    if (af.routePolicyImport) o.push(`  peer ${name} route-policy ${af.routePolicyImport} import`);
    if (af.routePolicyExport) o.push(`  peer ${name} route-policy ${af.routePolicyExport} export`);
  };
  for (const [name, g] of groups) afOf(name, g.af);
  for (const [ip, p] of peers) {
    afOf(ip, p.af);
    if (p.group) o.push(`  peer ${ip} group ${p.group} `);
  }
  return o;
}

export function renderCurrentConfiguration(repr: VrpRepr, only?: 'bgp'): string {
  const sections: string[][] = [];
  if (only === 'bgp') {
    if (repr.bgp) sections.push(bgpBlock(repr.bgp));
    return ['#', ...sections.flatMap((s) => [...s, '#']), 'return'].join('\n');
  }
  sections.push([` sysname ${repr.sysname}`]);
  sections.push([' snmp-agent local-engineid 800007DB03000000000000', ' snmp-agent ']);
  sections.push([' clock timezone China-Standard-Time minus 08:00:00']);
  sections.push(['portal local-server load portal_local.zip']);
  sections.push([' drop illegal-mac alarm']);
  sections.push([' set cpu-usage threshold 80 restore 75']);
  sections.push([
    'aaa ',
    ' authentication-scheme default',
    ' authorization-scheme default',
    ' accounting-scheme default',
    ' domain default ',
    ' domain default_admin ',
    ' local-user admin password cipher %$%$K8m.Nt84DZ}e#<0`8bmE3Uw}%$%$',
    ' local-user admin service-type http',
  ]);
  sections.push(['firewall zone Local', ' priority 15']);
  const names = [...repr.interfaces.keys()];
  const order = (n: string): number => (n.startsWith('GigabitEthernet') || n.startsWith('Ethernet') ? 0 : n === 'NULL0' ? 1 : 2);
  names.sort((a, b) => order(a) - order(b) || a.localeCompare(b, 'en', { numeric: true }));
  for (const n of names) sections.push(interfaceBlock(repr, n));
  if (repr.bgp) sections.push(bgpBlock(repr.bgp));
  for (const [name, nodes] of repr.routePolicies) {
    for (const n of [...nodes].sort((a, b) => a.node - b.node)) {
      const s = [`route-policy ${name} ${n.action} node ${n.node} `];
      if (n.ifMatchIpPrefix) s.push(` if-match ip-prefix ${n.ifMatchIpPrefix} `);
      if (n.applyAsPath) s.push(` apply as-path ${n.applyAsPath.asns.join(' ')}${n.applyAsPath.additive ? ' additive' : ''}`);
      if (n.applyCost !== undefined) s.push(` apply cost ${n.applyCost} `);
      if (n.applyLocalPref !== undefined) s.push(` apply local-preference ${n.applyLocalPref}`);
      if (n.applyCommunity) s.push(` apply community ${n.applyCommunity.values.join(' ')}${n.applyCommunity.additive ? ' additive' : ''}`);
      if (n.gotoNext) s.push(' goto next-node');
      sections.push(s);
    }
  }
  const prefixLines: string[] = [];
  for (const [name, entries] of repr.ipPrefixes) {
    for (const e of [...entries].sort((a, b) => a.index - b.index)) {
      let l = `ip ip-prefix ${name} index ${e.index} ${e.action} ${formatIp(e.prefix.addr)} ${e.prefix.len}`;
      if (e.greaterEqual !== undefined) l += ` greater-equal ${e.greaterEqual}`;
      if (e.lessEqual !== undefined) l += ` less-equal ${e.lessEqual}`;
      prefixLines.push(l);
    }
  }
  if (prefixLines.length) sections.push(prefixLines);
  if (repr.staticRoutes.length) {
    sections.push(
      repr.staticRoutes.map((r) => {
        let l = `ip route-static ${formatIp(r.prefix.addr)} ${formatMask(r.prefix.len)}`;
        if (r.ifname) l += ` ${r.ifname}`;
        if (r.nextHop !== undefined) l += ` ${formatIp(r.nextHop)}`;
        if (r.preference !== undefined) l += ` preference ${r.preference}`;
        return l;
      }),
    );
  }
  sections.push(['user-interface con 0', ' authentication-mode password', 'user-interface vty 0 4', 'user-interface vty 16 20']);
  sections.push(['wlan ac']);
  return [`[${VRP_VERSION}]`, '#', ...sections.flatMap((s) => [...s, '#']), 'return'].join('\n');
}

/** `display this` in a view: that view's section. */
export function renderThis(repr: VrpRepr, view: 'system' | 'interface' | 'bgp' | 'bgp-af' | 'route-policy' | 'user', iface?: string, policy?: string): string {
  let body: string[] = [];
  if (view === 'interface' && iface) body = interfaceBlock(repr, iface);
  else if (view === 'bgp' && repr.bgp) body = bgpBlock(repr.bgp);
  else if (view === 'bgp-af' && repr.bgp) {
    const all = bgpBlock(repr.bgp);
    body = all.slice(all.indexOf(' ipv4-family unicast'));
  }
  else if (view === 'route-policy' && policy) {
    const nodes = repr.routePolicies.get(policy) ?? [];
    body = nodes.flatMap((n) => [`route-policy ${policy} ${n.action} node ${n.node} `, ...(n.ifMatchIpPrefix ? [` if-match ip-prefix ${n.ifMatchIpPrefix} `] : [])]);
  } else if (view === 'system') return renderCurrentConfiguration(repr);
  return [`[${VRP_VERSION}]`, '#', ...body, '#', 'return'].join('\n');
}
