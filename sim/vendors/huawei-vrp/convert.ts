// VRP representation → neutral DeviceConfig.
// - Peer filters: `peer X ip-prefix NAME import|export` is applied first, then
//   `peer X route-policy NAME import|export` (a permit passes on; no match = deny).
// - Route-policy nodes are tried in node order; a matching permit node applies its apply
//   clauses and accepts, a deny node rejects; nothing matching = deny (VRP default).
// - `network` only advertises a prefix present in the IP routing table with the exact mask
//   (Huawei BGP configuration guide, "network"), so import-check is on.
// - Preferences: static 60, EBGP/IBGP 255 (model/device.ts DISTANCES).

import type { Diagnostic } from '../../core/diagnostics.ts';
import { warning } from '../../core/diagnostics.ts';
import type { IfAddr } from '../../core/ip.ts';
import { parseIp } from '../../core/ip.ts';
import type { BgpConfig, NeighborConfig } from '../../model/bgp.ts';
import { DEFAULT_TIMERS } from '../../model/bgp.ts';
import { defaultBgp, defaultNeighbor } from '../../model/defaults.ts';
import type { DeviceConfig, InterfaceConfig, StaticRoute } from '../../model/device.ts';
import { emptyDevice } from '../../model/device.ts';
import type { Cond, Policy, PolicyAction, PolicyChain, PrefixList } from '../../model/policy.ts';
import type { VrpBgp, VrpPeer, VrpRepr } from './repr.ts';
import { effectiveVrpPeer } from './repr.ts';

export interface VrpPort {
  readonly name: string;
  readonly segment?: string;
}

export function convertVrp(repr: VrpRepr, device: string, ports: readonly VrpPort[]): { config: DeviceConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const segments = new Map(ports.map((p) => [p.name, p.segment]));
  const interfaces: InterfaceConfig[] = [];
  for (const [name, i] of repr.interfaces) {
    if (name === 'NULL0') continue;
    const loopback = name.startsWith('LoopBack');
    const out: { -readonly [K in keyof InterfaceConfig]: InterfaceConfig[K] } = { name, addresses: [...i.addresses] as IfAddr[] };
    const seg = segments.get(name);
    if (seg) out.segment = seg;
    if (i.shutdown) out.shutdown = true;
    if (i.description) out.description = i.description;
    if (loopback) out.loopback = true;
    interfaces.push(out);
  }
  const staticRoutes: StaticRoute[] = repr.staticRoutes.map((r) => {
    const nullRoute = r.ifname === 'NULL0';
    return {
      prefix: r.prefix,
      nexthops: nullRoute ? [] : [{ ...(r.nextHop !== undefined ? { gateway: r.nextHop } : {}), ...(r.ifname ? { dev: r.ifname } : {}) }],
      type: nullRoute ? ('blackhole' as const) : ('unicast' as const),
      ...(r.preference !== undefined ? { distance: r.preference } : {}),
    };
  });
  const prefixLists: Record<string, PrefixList> = {};
  for (const [name, entries] of repr.ipPrefixes) {
    prefixLists[name] = {
      name,
      entries: [...entries]
        .sort((a, b) => a.index - b.index)
        .map((e) => ({
          seq: e.index,
          action: e.action,
          prefix: e.prefix,
          // `greater-equal X` alone means X..32; `less-equal Y` alone means len..Y.
          ...(e.greaterEqual !== undefined ? { ge: e.greaterEqual, le: e.lessEqual ?? 32 } : {}),
          ...(e.greaterEqual === undefined && e.lessEqual !== undefined ? { le: e.lessEqual } : {}),
        })),
    };
  }
  const policies: Record<string, Policy> = {};
  for (const name of repr.routePolicies.keys()) {
    policies[name] = routePolicy(repr, name);
    // The neutral policy model can prepend but not replace an AS path: say so instead of
    // silently behaving differently from `apply as-path N` (VRP overwrites without additive).
    for (const n of repr.routePolicies.get(name) ?? []) {
      if (n.action === 'permit' && n.applyAsPath && !n.applyAsPath.additive) {
        diagnostics.push(warning('vrp.as-path-replace', `route-policy ${name} node ${n.node}: apply as-path without additive replaces the AS path on VRP; the simulator prepends ${n.applyAsPath.asns.join(' ')} instead`));
      }
    }
  }
  const config: DeviceConfig = {
    ...emptyDevice(device, 'router', 'huawei-vrp'),
    hostname: repr.sysname,
    interfaces,
    staticRoutes,
    prefixLists,
    policies,
    ...(repr.bgp ? { bgp: convertBgp(repr, repr.bgp) } : {}),
  };
  return { config, diagnostics };
}

function convertBgp(repr: VrpRepr, bgp: VrpBgp): BgpConfig {
  const neighbors: NeighborConfig[] = [];
  const sorted = [...bgp.peers.entries()].sort((a, b) => (parseIp(a[0]) ?? 0) - (parseIp(b[0]) ?? 0));
  for (const [text, raw] of sorted) {
    const address = parseIp(text);
    if (address === null) continue;
    const p = effectiveVrpPeer(bgp, raw);
    const g = raw.group ? bgp.groups.get(raw.group) : undefined;
    const asn = p.asNumber ?? (g?.kind === 'internal' ? bgp.asn : undefined);
    if (asn === undefined) continue;
    if (p.af.enable === false) continue;
    neighbors.push(neighbor(repr, bgp, p, address, text, asn));
  }
  const lb = bgp.maxLoadBalancing ?? 1;
  return defaultBgp('huawei-vrp', bgp.asn, {
    ...(bgp.routerId !== undefined ? { routerId: bgp.routerId } : {}),
    ...(bgp.clusterId !== undefined ? { clusterId: bgp.clusterId } : {}),
    neighbors,
    networks: [...bgp.networks.values()].map((n) => ({
      prefix: n.prefix,
      ...(n.routePolicy ? { policy: chain(repr, undefined, n.routePolicy, 'network') } : {}),
    })),
    redistribute: [...bgp.importRoutes.entries()].map(([src, r]) => ({
      source: src === 'direct' ? ('connected' as const) : ('static' as const),
      ...(r.routePolicy ? { policy: chain(repr, undefined, r.routePolicy, `import-route ${src}`) } : {}),
      ...(r.med !== undefined ? { metric: r.med } : {}),
    })),
    maximumPaths: { ebgp: bgp.maxLoadBalancingEbgp ?? lb, ibgp: bgp.maxLoadBalancingIbgp ?? lb },
    networkImportCheck: true,
    compareRouterId: bgp.compareRouterId === true,
    defaultLocalPref: bgp.defaultLocalPref ?? 100,
  });
}

function neighbor(repr: VrpRepr, bgp: VrpBgp, p: VrpPeer, address: number, name: string, asn: number): NeighborConfig {
  const ci = p.connectInterface;
  const updateSource = ci === undefined ? undefined : parseIp(ci) !== null ? { ip: parseIp(ci)! } : { iface: ci };
  return defaultNeighbor('huawei-vrp', address, asn, name, {
    ...(p.description !== undefined ? { description: p.description } : {}),
    shutdown: p.ignore === true,
    ...(p.ebgpMaxHop !== undefined ? { multihop: p.ebgpMaxHop } : {}),
    ...(updateSource ? { updateSource } : {}),
    rrClient: p.af.reflectClient === true,
    nextHop: p.af.nextHopLocal ? 'self' : 'auto',
    allowOwnAs: p.af.allowAsLoop ?? 0,
    timers: { ...DEFAULT_TIMERS['huawei-vrp'], ...(p.timers ?? {}) },
    importPolicy: chain(repr, p.af.ipPrefixImport, p.af.routePolicyImport, `peer ${name} import`),
    exportPolicy: chain(repr, p.af.ipPrefixExport, p.af.routePolicyExport, `peer ${name} export`),
    ...(p.password ? { password: p.password.text } : {}),
    ...(p.af.defaultRouteAdvertise ? { defaultOriginate: true } : {}),
    sendCommunity: p.af.advertiseCommunity === true,
    ...(p.group ? { peerGroup: p.group } : {}),
  });
}

export function chain(repr: VrpRepr, ipPrefix: string | undefined, routePolicyName: string | undefined, where: string): PolicyChain {
  const policies: Policy[] = [];
  if (ipPrefix !== undefined) {
    policies.push({
      name: ipPrefix,
      statements: [{ label: `ip-prefix ${ipPrefix} permits the route`, when: { op: 'prefixList', name: ipPrefix }, actions: [], result: 'next' }],
      fallthrough: 'reject',
      fallthroughLabel: `denied by ip-prefix ${ipPrefix} (${where})`,
    });
  }
  if (routePolicyName !== undefined) {
    policies.push(
      repr.routePolicies.has(routePolicyName)
        ? routePolicy(repr, routePolicyName)
        : { name: routePolicyName, statements: [], fallthrough: 'reject', fallthroughLabel: `route-policy ${routePolicyName} does not exist (${where})` },
    );
  }
  return { policies, fallthrough: 'accept', fallthroughLabel: policies.length ? `permitted (${where})` : 'no policy' };
}

function routePolicy(repr: VrpRepr, name: string): Policy {
  const nodes = [...(repr.routePolicies.get(name) ?? [])].sort((a, b) => a.node - b.node);
  return {
    name,
    statements: nodes.map((n) => {
      const when: Cond = n.ifMatchIpPrefix !== undefined ? { op: 'prefixList', name: n.ifMatchIpPrefix } : { op: 'true' };
      const actions: PolicyAction[] = [];
      if (n.action === 'permit') {
        if (n.applyLocalPref !== undefined) actions.push({ kind: 'localPref', value: n.applyLocalPref });
        if (n.applyCost !== undefined) actions.push({ kind: 'med', value: n.applyCost });
        if (n.applyAsPath) actions.push({ kind: 'prependAs', asns: n.applyAsPath.asns });
        if (n.applyCommunity) actions.push({ kind: n.applyCommunity.additive ? 'addCommunities' : 'setCommunities', values: n.applyCommunity.values });
      }
      return {
        label: `route-policy ${name} ${n.action} node ${n.node}`,
        when,
        actions,
        result: n.action === 'deny' ? ('reject' as const) : n.gotoNext ? ('continue' as const) : ('accept' as const),
      };
    }),
    fallthrough: 'reject',
    fallthroughLabel: `no node of route-policy ${name} matched (default deny)`,
  };
}
