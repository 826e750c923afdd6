// The BIRD configuration text confd would write for a node: bird.cfg, bird_aggr.cfg and
// bird_ipam.cfg, rendered from the BirdNodeModel in the layout of the v3.31 templates (C331
// confd/etc/calico/confd/templates/*.template; compare confd/tests/compiled_templates/).
// The node shell shows it (`cat /etc/calico/confd/config/bird.cfg`); tests parse it with a
// real `bird -p` to check that what we consider valid BIRD considers valid too.

import { formatIp, formatPrefix } from '../../../core/ip.ts';
import type { BGPFilterSpec } from '../resources/types.ts';
import { filterFunctionName, ruleBirdText, sortedPools, sortedStatic } from './bird-policy.ts';
import type { BirdNodeModel, BirdProtocol } from './bird-model.ts';
import type { PoolView } from './view.ts';

export interface BirdFiles {
  readonly 'bird.cfg': string;
  readonly 'bird_aggr.cfg': string;
  readonly 'bird_ipam.cfg': string;
}

function logging(m: BirdNodeModel): string[] {
  if (m.logLevel === 'debug') return ['  debug all;'];
  if (m.logLevel === 'none') return [];
  return ['  debug { states };'];
}

function community(c: string): string {
  const parts = c.split(':');
  return parts.length === 2 ? `bgp_community.add((${parts[0]}, ${parts[1]}));` : `bgp_large_community.add((${parts[0]}, ${parts[1]}, ${parts[2]}));`;
}

function protocolText(m: BirdNodeModel, p: BirdProtocol): string[] {
  const L: string[] = [];
  const nodeIp = m.nodeIpText;
  if (p.kind === 'mesh') {
    L.push(`protocol bgp ${p.name} from bgp_template {`);
    L.push(`  neighbor ${formatIp(p.neighbor)} ${p.port ? `port ${p.port} ` : ''}as ${p.asn};`);
    L.push(`  source address ${nodeIp};  # The local address we use for the TCP connection`);
    L.push('  import all;        # Import all routes, since we don\'t know what the upstream');
    L.push("                     # topology is and therefore have to trust the ToR/RR.");
    L.push('  export filter {', '    calico_export_to_bgp_peers(true);', '    reject;', '  };  # Only want to export routes for workloads.');
    if (p.passive) L.push('  passive on; # Mesh is unidirectional, peer will connect to us.');
    if (p.restartTime !== undefined) L.push(`  graceful restart time ${p.restartTime};`);
    if (p.password !== undefined) L.push(`  password "${p.password}";`);
    L.push('}');
    return L;
  }
  L.push(`protocol bgp ${p.name} from bgp_template {`);
  if (p.ttlSecurity) L.push('  ttl security on;', `  multihop ${p.multihop};`);
  else L.push('  ttl security off;', '  multihop;');
  if (p.localAs !== undefined) L.push(`  local as ${p.localAs};`);
  L.push(`  neighbor ${formatIp(p.neighbor)} ${p.port ? `port ${p.port} ` : ''}as ${p.asn};`);
  if (p.sourceAddress !== undefined) L.push(`  source address ${nodeIp};  # The local address we use for the TCP connection`);
  L.push('  import filter {');
  for (const f of p.importFilters) L.push(`    ${filterFunctionName(f, 'import')}();`);
  L.push('    accept; # Prior to introduction of BGP Filters we used "import all" so use default accept behaviour on import', '  };');
  L.push('  export filter {');
  for (const f of p.exportFilters) L.push(`    ${filterFunctionName(f, 'export')}();`);
  L.push(`    calico_export_to_bgp_peers(${p.internalFlag});`, '    reject;', '  };  # Only want to export routes for workloads.');
  if (p.kind === 'global' && p.passive) L.push('  passive on; # Peering is unidirectional, peer will connect to us.');
  if (p.restartTime !== undefined) L.push(`  graceful restart time ${p.restartTime};`);
  if (p.rrClient) L.push('  rr client;', `  rr cluster id ${p.rrClusterId};`);
  if (p.password !== undefined) L.push(`  password "${p.password}";`);
  const e = p.entry;
  if (e && e.asn !== p.effectiveLocalAs && e.keepNextHop) L.push('  next hop keep;');
  if (e?.nextHopMode === 'Self') L.push('  next hop self;');
  if (e?.nextHopMode === 'Keep') L.push('  next hop keep;');
  if (p.allowLocalAs) L.push(`  allow local as ${p.allowLocalAs};`);
  L.push('}');
  return L;
}

function filterFunctions(filters: ReadonlyMap<string, BGPFilterSpec>): string[] {
  const L: string[] = [];
  const names = [...filters.keys()].sort();
  for (const name of names) {
    const spec = filters.get(name)!;
    const imp = spec.importV4 ?? [];
    const exp = spec.exportV4 ?? [];
    if (imp.length === 0 && exp.length === 0) continue;
    L.push(`# v4 BGPFilter ${name}`);
    if (imp.length > 0) {
      L.push(`function ${filterFunctionName(name, 'import')}() {`);
      for (const r of imp) L.push(`  ${ruleBirdText(r)}`);
      L.push('}');
    }
    if (exp.length > 0) {
      L.push(`function ${filterFunctionName(name, 'export')}() {`);
      for (const r of exp) L.push(`  ${ruleBirdText(r)}`);
      L.push('}');
    }
  }
  if (L.length === 0) L.push('# No v4 BGPFilters configured');
  return L;
}

export function renderBirdCfg(m: BirdNodeModel, filters: ReadonlyMap<string, BGPFilterSpec>): string {
  const L: string[] = [];
  L.push('function apply_communities ()', '{');
  for (const a of m.advertisements) {
    L.push(`      if ( net ~ ${formatPrefix(a.cidr)} ) then {`);
    for (const c of a.communities) L.push(`          ${community(c)}`);
    L.push('      }');
  }
  L.push('}', '', '# Generated by confd', 'include "bird_aggr.cfg";', 'include "bird_ipam.cfg";', '');
  L.push(`router id ${m.routerId};`);
  if (m.listen) {
    if (m.listen.port !== undefined) L.push(m.listen.fromNode ? '# Set node listen_port' : '# Set global listen_port');
    L.push(`listen bgp${m.listen.address ? ` address ${m.listen.address}` : ''}${m.listen.port !== undefined ? ` port ${m.listen.port}` : ''};`);
  }
  L.push('');
  L.push('# Configure synchronization between routing tables and kernel.', 'protocol kernel {');
  L.push('  learn;             # Learn all alien routes from the kernel');
  L.push("  persist;           # Don't remove routes on bird shutdown");
  L.push('  scan time 2;       # Scan kernel routing table every 2 seconds');
  L.push('  import all;', '  export filter calico_kernel_programming; # Default is export none');
  L.push('  graceful restart;  # Turn on graceful restart to reduce potential flaps in routes when reloading BIRD configuration.');
  L.push('  merge paths on;    # Allow export multipath routes (ECMP)', '}', '');
  L.push('# Watch interface up/down events.', 'protocol device {', ...logging(m), '  scan time 2;    # Scan interfaces every 2 seconds', '}', '');
  L.push('protocol direct {', ...logging(m));
  L.push(`  interface ${[...m.ignoredInterfaces.map((i) => `-"${i}"`), '-"cali*"', '-"kube-ipvs*"', '"*"'].join(', ')}; # Exclude cali* and kube-ipvs* but include everything else.`);
  L.push('}', '');
  if (m.nodeIpText === '') {
    L.push('# IPv4 disabled on this node.');
    return L.join('\n') + '\n';
  }
  L.push('# Template for all BGP clients', 'template bgp bgp_template {', ...logging(m));
  L.push('  description "Connection to BGP peer";', `  local as ${m.asn};`);
  L.push('  gateway recursive; # This should be the default, but just in case.', '  add paths on;');
  L.push('  graceful restart;  # See comment in kernel section about graceful restart.');
  L.push('  connect delay time 2;', '  connect retry time 5;', '  error wait time 5,30;', '}', '');
  L.push('# -------------- BGP Filters ------------------', ...filterFunctions(filters), '');
  L.push('# ------------- Node-to-node mesh -------------');
  if (m.meshState === 'rr') {
    L.push(`# This node (${m.node}) is configured as a route reflector with cluster ID ${m.rrClusterId};`, '# ignore node-to-node mesh setting.');
  } else if (m.meshState === 'disabled') {
    L.push('# Node-to-node mesh disabled');
  }
  for (const c of m.comments.filter((c) => c.section === 'mesh')) L.push(c.text);
  for (const p of m.protocols.filter((p) => p.kind === 'mesh')) L.push(...protocolText(m, p));
  L.push('', '# ------------- Global peers -------------');
  const global = m.protocols.filter((p) => p.kind === 'global');
  for (const c of m.comments.filter((c) => c.section === 'global')) L.push(c.text);
  if (global.length === 0 && m.comments.every((c) => c.section !== 'global')) L.push('# No global peers configured.');
  for (const p of global) L.push(`# For peer /bgp/v1/global/peer_v4/${p.entry?.ipText ?? ''}`, ...protocolText(m, p));
  L.push('', '# ------------- Node-specific peers -------------');
  const node = m.protocols.filter((p) => p.kind === 'node');
  for (const c of m.comments.filter((c) => c.section === 'node')) L.push(c.text);
  if (node.length === 0 && m.comments.every((c) => c.section !== 'node')) L.push('# No node-specific peers configured.');
  for (const p of node) L.push(`# For peer /bgp/v1/host/${m.node}/peer_v4/${p.entry?.ipText ?? ''}`, ...protocolText(m, p));
  return L.join('\n') + '\n';
}

export function renderBirdAggr(m: BirdNodeModel): string {
  const L: string[] = ['# Generated by confd', '', 'protocol static {'];
  let added = false;
  const blocks = m.blocks.filter((b) => b.prefix.len !== 32);
  if (m.blocks.length > 0) {
    added = true;
    L.push('   # IP blocks for this host.');
    for (const b of blocks) L.push(`   route ${formatPrefix(b.prefix)} blackhole;`);
  }
  const statics = sortedStatic(m.services.staticRoutes);
  if (statics.length > 0) {
    added = true;
    L.push('   # Static routes.');
    for (const r of statics) L.push(`   route ${formatPrefix(r)} blackhole;`);
  }
  for (const scope of ['global', 'node'] as const) {
    const rb = m.reachableBy.filter((r) => r.scope === scope);
    if (rb.length === 0) continue;
    added = true;
    L.push(scope === 'global' ? '   # Static routes needed for global BGP peers.' : '   # Static routes needed for node specific BGP peers.');
    for (const r of rb) L.push(`   route ${formatIp(r.peer)}/32 via ${formatIp(r.via)};`);
  }
  if (!added) L.push('   # No IP blocks or static routes for this host.');
  L.push('}', '', '', '# Aggregation of routes on this host; export the block, nothing beneath it.', 'function calico_aggr ()', '{');
  for (const b of m.blocks) {
    L.push(`      # Block ${formatPrefix(b.prefix)} is ${b.state}`);
    if (b.state === 'confirmed') {
      L.push(`      if ( net = ${formatPrefix(b.prefix)} ) then { accept; }`, `      if ( net ~ ${formatPrefix(b.prefix)} ) then { reject; }`);
    }
  }
  L.push('}');
  return L.join('\n') + '\n';
}

export function renderBirdIpam(m: BirdNodeModel, poolsIn: readonly PoolView[], options: { krtTunnel?: boolean } = {}): string {
  const pools = sortedPools(poolsIn);
  const krt = options.krtTunnel ?? true;
  const L: string[] = ['# Generated by confd', 'function reject_disabled_pools ()', '{'];
  for (const p of pools) if (p.disableBGPExport) L.push(`  if ( net ~ ${p.cidrText} ) then { reject; }`);
  L.push('}', '');
  L.push('function reject_tunnel_routes () {', "  # Don't export tunnel routes to other nodes, Felix programs them.", '  # IPIP routes are handled by Bird, and it does not re-advertise them.');
  L.push('  if (defined(ifname)) then {', '     if ((ifname ~ "*.cali") || (ifname ~ "*.calico")) then {', '        reject;', '     }', '  }', '}', '');
  L.push('function reject_local_routes () {', "  # Don't export local routes learned via BPF as they should never leave the node.");
  L.push('  if (defined(ifname)) then {', '     if (ifname ~ "bpf*.cali") then {', '        reject;', '     }', '  }', '}', '');
  L.push('function calico_export_to_bgp_peers(bool internal_peer) {');
  L.push('  # filter code terminates when it calls `accept;` or `reject;`,', '  # call reject_disabled_pools() first, then reject_tunnel_routes(),', '  # then apply_communities() and then calico_aggr()');
  L.push('  reject_disabled_pools();', '  if (internal_peer) then {', '    reject_tunnel_routes();', '  }', '  reject_local_routes();', '  apply_communities();', '  calico_aggr();');
  const statics = sortedStatic(m.services.staticRoutes);
  if (statics.length > 0) {
    L.push('', '  # Export static routes.');
    for (const r of statics) L.push(`  if ( net ~ ${formatPrefix(r)} ) then { accept; }`);
  }
  if (m.rrLbRanges.length > 0) {
    L.push('', '  # Configured as a RR - accept any routes within configured LB service IP ranges');
    for (const r of m.rrLbRanges) L.push(`  if ( net ~ ${formatPrefix(r)} ) then { accept; }`);
  }
  L.push('');
  for (const p of pools) {
    if (p.disableBGPExport) L.push(`  # Skip ${p.cidrText} as BGP export is disabled for it`);
    else L.push(`  if ( net ~ ${p.cidrText} ) then {`, '    accept;', '  }');
  }
  L.push('}', '', '', 'filter calico_kernel_programming {');
  const rejects = sortedStatic(m.services.rejectCidrs);
  if (rejects.length > 0) {
    L.push('', "  # Don't program static routes into kernel.");
    for (const r of rejects) L.push(`  if ( net ~ ${formatPrefix(r)} ) then { reject; }`);
    L.push('');
  }
  if (m.nodeIpText !== '') {
    const network = m.nodeNetwork ? formatPrefix(m.nodeNetwork) : '';
    for (const p of pools) {
      L.push(`  if ( net ~ ${p.cidrText} ) then {`);
      const tunnel = p.ipipMode !== 'Never' ? 'tunl0' : '';
      if (p.vxlanMode !== 'Never') L.push("    # Don't program VXLAN routes into the kernel - these are handled by Felix.", '    reject;', '  }');
      else if (p.ipipMode === 'CrossSubnet') {
        L.push(`    if defined(bgp_next_hop) && ( bgp_next_hop ~ ${network} ) then`);
        L.push(krt ? '      krt_tunnel = "";' : '      accept;', '    else', krt ? `      krt_tunnel = "${tunnel}";` : '      accept;', '    accept;', '  }');
      } else {
        if (krt) L.push(`    krt_tunnel = "${tunnel}";`);
        L.push('    accept;', '  }');
      }
    }
  }
  L.push('  accept;', '}');
  return L.join('\n') + '\n';
}

export function renderBirdFiles(m: BirdNodeModel, filters: ReadonlyMap<string, BGPFilterSpec>, pools: readonly PoolView[], options: { krtTunnel?: boolean } = {}): BirdFiles {
  return { 'bird.cfg': renderBirdCfg(m, filters), 'bird_aggr.cfg': renderBirdAggr(m), 'bird_ipam.cfg': renderBirdIpam(m, pools, options) };
}
