// Cisco IOS representation → neutral DeviceConfig.
// - Filters: `neighbor X prefix-list` is applied before `neighbor X route-map`; a route-map
//   permit accepts, deny or the implicit deny at the end rejects.
// - A neighbour route-map that does not exist denies everything; a prefix-list that does not
//   exist permits everything (IOS treats an undefined prefix-list like an empty one).
// - Switch ports are layer 2: an SVI (`interface Vlan83`) sits on the segment of the access
//   ports in its VLAN; `no switchport` makes a port a routed interface.
// - `ip routing` decides whether the device forwards (Catalyst default: off).
// - Admin distances: connected 0, static 1, eBGP 20, iBGP 200 (model/device.ts DISTANCES).

import type { Diagnostic } from '../../core/diagnostics.ts';
import { warning } from '../../core/diagnostics.ts';
import { parseIp } from '../../core/ip.ts';
import type { BgpConfig, NeighborConfig } from '../../model/bgp.ts';
import { DEFAULT_TIMERS } from '../../model/bgp.ts';
import { defaultBgp, defaultNeighbor } from '../../model/defaults.ts';
import type { DeviceConfig, InterfaceConfig, StaticRoute } from '../../model/device.ts';
import { emptyDevice } from '../../model/device.ts';
import type { Cond, Policy, PolicyAction, PolicyChain, PrefixList } from '../../model/policy.ts';
import type { IosBgp, IosNeighbor, IosRepr } from './repr.ts';
import { effectiveIosNeighbor } from './repr.ts';

export interface IosPort {
  readonly name: string;
  readonly segment?: string;
}

export function convertIos(repr: IosRepr, device: string, ports: readonly IosPort[]): { config: DeviceConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const segmentOf = new Map(ports.map((p) => [p.name, p.segment]));
  const interfaces: InterfaceConfig[] = [];
  for (const [name, i] of repr.interfaces) {
    const vlan = /^Vlan(\d+)$/.exec(name);
    let segment: string | undefined;
    if (vlan) {
      const id = Number(vlan[1]);
      const members = [...repr.interfaces.entries()].filter(([n, p]) => p.switchport && !p.shutdown && (p.accessVlan ?? 1) === id && segmentOf.get(n));
      const segs = [...new Set(members.map(([n]) => segmentOf.get(n)!))];
      segment = segs[0];
      if (segs.length > 1) diagnostics.push(warning('ios.vlan-segments', `Vlan${id} has access ports on several segments (${segs.join(', ')}); the simulator attaches it to ${segment}`));
    } else if (!i.switchport) segment = segmentOf.get(name);
    const out: { -readonly [K in keyof InterfaceConfig]: InterfaceConfig[K] } = { name, addresses: i.switchport ? [] : [...i.addresses] };
    if (segment) out.segment = segment;
    if (i.shutdown) out.shutdown = true;
    if (i.description) out.description = i.description;
    if (name.startsWith('Loopback')) out.loopback = true;
    interfaces.push(out);
  }
  const staticRoutes: StaticRoute[] = repr.staticRoutes.map((r) => {
    const nullRoute = r.ifname === 'Null0';
    return {
      prefix: r.prefix,
      nexthops: nullRoute ? [] : [{ ...(r.nextHop !== undefined ? { gateway: r.nextHop } : {}), ...(r.ifname ? { dev: r.ifname } : {}) }],
      type: nullRoute ? ('blackhole' as const) : ('unicast' as const),
      ...(r.distance !== undefined ? { distance: r.distance } : {}),
    };
  });
  const prefixLists: Record<string, PrefixList> = {};
  for (const [name, pl] of repr.prefixLists) {
    prefixLists[name] = {
      name,
      entries: pl.entries.map((e) => ({ seq: e.seq, action: e.action, prefix: e.prefix, ...(e.ge !== undefined ? { ge: e.ge } : {}), ...(e.le !== undefined ? { le: e.le } : {}) })),
    };
  }
  const policies: Record<string, Policy> = {};
  for (const name of repr.routeMaps.keys()) policies[name] = routeMapPolicy(repr, name);
  const config: DeviceConfig = {
    ...emptyDevice(device, repr.model === 'switch' ? 'switch' : 'router', 'cisco-ios'),
    hostname: repr.hostname,
    interfaces,
    staticRoutes,
    prefixLists,
    policies,
    forwarding: repr.ipRouting,
    ...(repr.bgp ? { bgp: convertBgp(repr, repr.bgp) } : {}),
  };
  return { config, diagnostics };
}

function convertBgp(repr: IosRepr, bgp: IosBgp): BgpConfig {
  const neighbors: NeighborConfig[] = [];
  const sorted = [...bgp.neighbors.entries()].sort((a, b) => (parseIp(a[0]) ?? 0) - (parseIp(b[0]) ?? 0));
  for (const [text, raw] of sorted) {
    const address = parseIp(text);
    if (address === null) continue;
    const n = effectiveIosNeighbor(bgp, raw);
    if (n.remoteAs === undefined || n.af.activate === false) continue;
    neighbors.push(neighbor(repr, n, address, text));
  }
  return defaultBgp('cisco-ios', bgp.asn, {
    ...(bgp.routerId !== undefined ? { routerId: bgp.routerId } : {}),
    ...(bgp.clusterId !== undefined ? { clusterId: bgp.clusterId } : {}),
    neighbors,
    networks: [...bgp.networks.values()].map((n) => ({ prefix: n.prefix, ...(n.routeMap ? { policy: chain(repr, undefined, n.routeMap, 'network') } : {}) })),
    redistribute: [...bgp.redistribute.entries()].map(([source, r]) => ({
      source,
      ...(r.routeMap ? { policy: chain(repr, undefined, r.routeMap, `redistribute ${source}`) } : {}),
      ...(r.metric !== undefined ? { metric: r.metric } : {}),
    })),
    maximumPaths: { ebgp: bgp.maximumPaths ?? 1, ibgp: bgp.maximumPathsIbgp ?? 1 },
    alwaysCompareMed: bgp.alwaysCompareMed === true,
    deterministicMed: bgp.deterministicMed === true,
    defaultLocalPref: bgp.defaultLocalPref ?? 100,
  });
}

function neighbor(repr: IosRepr, n: IosNeighbor, address: number, name: string): NeighborConfig {
  const us = n.updateSource;
  return defaultNeighbor('cisco-ios', address, n.remoteAs!, name, {
    ...(n.description !== undefined ? { description: n.description } : {}),
    shutdown: n.shutdown === true,
    ...(n.ebgpMultihop !== undefined ? { multihop: n.ebgpMultihop } : {}),
    ...(us ? { updateSource: { iface: us } } : {}),
    rrClient: n.af.rrClient === true,
    nextHop: n.af.nextHopSelf ? 'self' : 'auto',
    allowOwnAs: n.af.allowasIn ?? 0,
    timers: { ...DEFAULT_TIMERS['cisco-ios'], ...(n.timers ?? {}) },
    importPolicy: chain(repr, n.af.prefixListIn, n.af.routeMapIn, `neighbor ${name} in`),
    exportPolicy: chain(repr, n.af.prefixListOut, n.af.routeMapOut, `neighbor ${name} out`),
    ...(n.password !== undefined ? { password: n.password } : {}),
    ...(n.af.defaultOriginate ? { defaultOriginate: true } : {}),
    sendCommunity: n.af.sendCommunity === true,
    ...(n.af.softReconfig ? { softReconfigInbound: true } : {}),
    ...(n.peerGroup ? { peerGroup: n.peerGroup } : {}),
  });
}

export function chain(repr: IosRepr, prefixList: string | undefined, routeMap: string | undefined, where: string): PolicyChain {
  const policies: Policy[] = [];
  if (prefixList !== undefined && repr.prefixLists.has(prefixList)) {
    policies.push({
      name: prefixList,
      statements: [{ label: `prefix-list ${prefixList} permits the prefix`, when: { op: 'prefixList', name: prefixList }, actions: [], result: 'next' }],
      fallthrough: 'reject',
      fallthroughLabel: `denied by prefix-list ${prefixList} (${where})`,
    });
  }
  if (routeMap !== undefined) {
    policies.push(
      repr.routeMaps.has(routeMap)
        ? routeMapPolicy(repr, routeMap)
        : { name: routeMap, statements: [], fallthrough: 'reject', fallthroughLabel: `route-map ${routeMap} does not exist: everything is denied (${where})` },
    );
  }
  return { policies, fallthrough: 'accept', fallthroughLabel: policies.length ? `permitted (${where})` : 'no policy' };
}

function routeMapPolicy(repr: IosRepr, name: string): Policy {
  const entries = [...(repr.routeMaps.get(name) ?? [])].sort((a, b) => a.seq - b.seq);
  return {
    name,
    statements: entries.map((e) => {
      const conds: Cond[] = e.matchPrefixLists.map((pl) => ({ op: 'prefixList', name: pl }));
      // Several prefix-lists in one `match ip address prefix-list A B` are OR-ed.
      const when: Cond = conds.length === 0 ? { op: 'true' } : conds.length === 1 ? conds[0]! : { op: 'or', args: conds };
      const actions: PolicyAction[] = [];
      if (e.action === 'permit') {
        if (e.setLocalPref !== undefined) actions.push({ kind: 'localPref', value: e.setLocalPref });
        if (e.setMetric !== undefined) actions.push({ kind: 'med', value: e.setMetric });
        if (e.setWeight !== undefined) actions.push({ kind: 'weight', value: e.setWeight });
        if (e.setAsPathPrepend) actions.push({ kind: 'prependAs', asns: e.setAsPathPrepend });
        if (e.setCommunity) actions.push({ kind: e.setCommunity.additive ? 'addCommunities' : 'setCommunities', values: e.setCommunity.values });
        if (e.setNextHop !== undefined) actions.push({ kind: 'nextHop', value: e.setNextHop });
      }
      return { label: `route-map ${name} ${e.action} ${e.seq}`, when, actions, result: e.action === 'deny' ? ('reject' as const) : ('accept' as const) };
    }),
    fallthrough: 'reject',
    fallthroughLabel: `implicit deny at the end of route-map ${name}`,
  };
}
