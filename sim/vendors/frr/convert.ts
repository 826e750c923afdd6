// FRR representation → neutral DeviceConfig. The semantics that matter:
// - Inbound/outbound filtering is prefix-list (distribute/filter lists) first, then the
//   route-map (bgpd/bgp_route.c bgp_input_filter, then bgp_input_modifier). A permit passes to
//   the next stage; a deny or the implicit deny at the end rejects.
// - A neighbour that names a prefix-list or route-map that does not exist denies everything
//   (prefix_list_apply(NULL) = PREFIX_DENY; a missing route-map = RMAP_DENY).
// - Peer-group settings are inherited unless the member overrides them.
// - Interfaces: the Linux ports (and their kernel addresses) come from the lab; FRR's own
//   `interface X / ip address` adds addresses through zebra.

import type { Diagnostic } from '../../core/diagnostics.ts';
import { warning } from '../../core/diagnostics.ts';
import { type IfAddr, parseIp } from '../../core/ip.ts';
import type { BgpConfig, ListenRange, NeighborConfig, NeighborTimers } from '../../model/bgp.ts';
import { DEFAULT_TIMERS } from '../../model/bgp.ts';
import { defaultBgp, defaultNeighbor } from '../../model/defaults.ts';
import type { DeviceConfig, InterfaceConfig, StaticRoute } from '../../model/device.ts';
import { emptyDevice } from '../../model/device.ts';
import type { Cond, Policy, PolicyAction, PolicyChain, PrefixList } from '../../model/policy.ts';
import type { FrrBgp, FrrPeerSettings, FrrRepr, FrrRouteMapEntry } from './repr.ts';
import { effectivePeer } from './repr.ts';

export interface PortSpec {
  readonly name: string;
  readonly segment?: string;
  /** Addresses the lab put on the Linux interface (not part of FRR's configuration). */
  readonly addresses?: readonly IfAddr[];
  readonly loopback?: boolean;
}

export interface FrrHost {
  readonly device: string;
  readonly ports: readonly PortSpec[];
  /** Kernel routes the lab installed (zebra shows them as K routes). */
  readonly kernelRoutes?: readonly StaticRoute[];
}

/**
 * FRR's BGP ECMP default is MULTIPATH_NUM, a build option: the Debian 12 package (8.4.4, the
 * conformance reference) is built with 256 (`maximum-paths ?` shows (1-256); bgpd.c
 * bgp_maximum_paths_set(..., multipath_num)).
 */
export const FRR_DEFAULT_MAXPATHS = 256;

export function convertFrr(repr: FrrRepr, host: FrrHost): { config: DeviceConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const base = emptyDevice(host.device, 'router', 'frr');

  // Interfaces: lab ports first (with their kernel addresses), then FRR-only ones.
  const interfaces: InterfaceConfig[] = [];
  const seen = new Set<string>();
  const addIface = (name: string, port: PortSpec | undefined): void => {
    seen.add(name);
    const conf = repr.interfaces.get(name);
    const addrs: IfAddr[] = [...(port?.addresses ?? [])];
    for (const a of conf?.addresses ?? []) if (!addrs.some((b) => b.ip === a.ip && b.len === a.len)) addrs.push(a);
    const loopback = name === 'lo' || port?.loopback === true;
    const out: { -readonly [K in keyof InterfaceConfig]: InterfaceConfig[K] } = { name, addresses: addrs };
    if (port?.segment) out.segment = port.segment;
    if (conf?.shutdown) out.shutdown = true;
    if (conf?.description) out.description = conf.description;
    if (loopback) out.loopback = true;
    interfaces.push(out);
  };
  for (const p of host.ports) addIface(p.name, p);
  if (!seen.has('lo')) addIface('lo', { name: 'lo', loopback: true });
  for (const name of repr.interfaces.keys()) if (!seen.has(name)) addIface(name, undefined);

  const staticRoutes: StaticRoute[] = [...(host.kernelRoutes ?? [])];
  for (const r of repr.staticRoutes) {
    const route: { -readonly [K in keyof StaticRoute]: StaticRoute[K] } = {
      prefix: r.prefix,
      nexthops: r.blackhole ? [] : [{ ...(r.via !== undefined ? { gateway: r.via } : {}), ...(r.ifname ? { dev: r.ifname } : {}) }],
      type: r.blackhole ? 'blackhole' : 'unicast',
      linuxProto: 'static',
    };
    // staticd routes enter zebra with distance 1 (kernel routes the lab adds keep 0).
    route.distance = r.distance ?? 1;
    staticRoutes.push(route);
  }

  const prefixLists: Record<string, PrefixList> = {};
  for (const [name, pl] of repr.prefixLists) {
    prefixLists[name] = {
      name,
      entries: [...pl.entries]
        .sort((a, b) => a.seq - b.seq)
        .map((e) => ({
          seq: e.seq,
          action: e.action,
          prefix: e.prefix,
          ...(e.any ? { le: 32 } : {}),
          ...(e.ge !== undefined ? { ge: e.ge } : {}),
          ...(e.le !== undefined ? { le: e.le } : {}),
        })),
    };
  }

  const policies: Record<string, Policy> = {};
  for (const [name, entries] of repr.routeMaps) policies[name] = routeMapPolicy(repr, name, entries);

  const config: DeviceConfig = {
    ...base,
    hostname: repr.hostname,
    interfaces,
    staticRoutes,
    prefixLists,
    policies,
    ...(repr.bgp ? { bgp: convertBgp(repr, repr.bgp, diagnostics) } : {}),
  };
  return { config, diagnostics };
}

function convertBgp(repr: FrrRepr, bgp: FrrBgp, diagnostics: Diagnostic[]): BgpConfig {
  const neighbors: NeighborConfig[] = [];
  const sortedNeighbors = [...bgp.neighbors.entries()].sort((a, b) => (parseIp(a[0]) ?? 0) - (parseIp(b[0]) ?? 0));
  for (const [addrText, raw] of sortedNeighbors) {
    const address = parseIp(addrText);
    if (address === null) continue;
    const p = effectivePeer(bgp, raw);
    if (p.remoteAs === undefined && p.remoteAsKind === undefined) {
      diagnostics.push(warning('frr.neighbor-no-as', `neighbor ${addrText} has no remote-as`));
      continue;
    }
    if (p.af.activate === false) continue;
    neighbors.push(neighborConfig(repr, bgp, p, address, addrText));
  }
  const listenRanges: ListenRange[] = [];
  for (const lr of bgp.listenRanges) {
    const g = bgp.peerGroups.get(lr.peerGroup);
    if (!g) continue;
    const n = neighborConfig(repr, bgp, g, 0, lr.peerGroup);
    const { address: _a, name: _n, ...template } = n;
    listenRanges.push({ prefix: lr.prefix, template, peerGroup: lr.peerGroup, ...(bgp.listenLimit ? { limit: bgp.listenLimit } : {}) });
  }
  return defaultBgp('frr', bgp.asn, {
    ...(bgp.routerId !== undefined ? { routerId: bgp.routerId } : {}),
    ...(bgp.clusterId !== undefined ? { clusterId: bgp.clusterId } : {}),
    neighbors,
    listenRanges,
    networks: [...bgp.networks.values()].map((n) => ({
      prefix: n.prefix,
      ...(n.routeMap ? { policy: chain(repr, undefined, n.routeMap, 'network') } : {}),
      ...(bgp.networkImportCheck ? {} : { noImportCheck: true }),
    })),
    redistribute: [...bgp.redistribute.entries()].map(([source, r]) => ({
      source,
      ...(r.routeMap ? { policy: chain(repr, undefined, r.routeMap, `redistribute ${source}`) } : {}),
      ...(r.metric !== undefined ? { metric: r.metric } : {}),
    })),
    maximumPaths: { ebgp: bgp.maximumPaths ?? FRR_DEFAULT_MAXPATHS, ibgp: bgp.maximumPathsIbgp ?? FRR_DEFAULT_MAXPATHS },
    asPathMultipathRelax: bgp.multipathRelax,
    alwaysCompareMed: bgp.alwaysCompareMed,
    deterministicMed: bgp.deterministicMed,
    compareRouterId: bgp.compareRouterId,
    networkImportCheck: bgp.networkImportCheck,
    ebgpRequiresPolicy: bgp.ebgpRequiresPolicy,
    defaultLocalPref: bgp.defaultLocalPref ?? 100,
  });
}

function neighborConfig(repr: FrrRepr, bgp: FrrBgp, p: FrrPeerSettings, address: number, name: string): NeighborConfig {
  const base = DEFAULT_TIMERS.frr;
  const timers: NeighborTimers = {
    ...base,
    ...(bgp.timers ? { keepalive: bgp.timers.keepalive, hold: bgp.timers.hold } : {}),
    ...(p.timers ? { keepalive: p.timers.keepalive, hold: p.timers.hold } : {}),
    ...(p.connectRetry !== undefined ? { connectRetry: p.connectRetry } : {}),
  };
  const af = p.af;
  const updateSource =
    p.updateSource === undefined ? undefined : parseIp(p.updateSource) !== null ? { ip: parseIp(p.updateSource)! } : { iface: p.updateSource };
  const remoteAs = p.remoteAs ?? (p.remoteAsKind === 'internal' ? bgp.asn : 0);
  return defaultNeighbor('frr', address, remoteAs, name, {
    ...(p.remoteAsKind ? { remoteAsKind: p.remoteAsKind } : {}),
    ...(p.localAs !== undefined ? { localAs: p.localAs } : {}),
    ...(p.description !== undefined ? { description: p.description } : {}),
    passive: p.passive === true,
    shutdown: p.shutdown === true,
    ...(p.ebgpMultihop !== undefined ? { multihop: p.ebgpMultihop } : {}),
    ...(p.disableConnectedCheck ? { disableConnectedCheck: true } : {}),
    ...(updateSource ? { updateSource } : {}),
    rrClient: af.rrClient === true,
    nextHop: af.nextHopSelf === 'force' ? 'self-force' : af.nextHopSelf === 'self' ? 'self' : 'auto',
    allowOwnAs: af.allowasIn === undefined ? 0 : af.allowasIn === 'origin' ? 1 : af.allowasIn,
    ...(af.asOverride ? { asOverride: true } : {}),
    timers,
    importPolicy: chain(repr, af.prefixListIn, af.routeMapIn, `neighbor ${name} in`),
    exportPolicy: chain(repr, af.prefixListOut, af.routeMapOut, `neighbor ${name} out`),
    ...(p.password !== undefined ? { password: p.password } : {}),
    ...(af.defaultOriginate ? { defaultOriginate: true } : {}),
    sendCommunity: af.sendCommunity !== false,
    ...(af.softReconfig ? { softReconfigInbound: true } : {}),
    ...(af.maxPrefix !== undefined ? { maxPrefix: af.maxPrefix } : {}),
    ...(p.peerGroup ? { peerGroup: p.peerGroup } : {}),
  });
}

/** prefix-list stage then route-map stage; an empty chain (no policy) accepts everything. */
export function chain(repr: FrrRepr, prefixList: string | undefined, routeMap: string | undefined, where: string): PolicyChain {
  const policies: Policy[] = [];
  if (prefixList !== undefined) {
    policies.push({
      name: prefixList,
      statements: [{ label: `prefix-list ${prefixList} permits the prefix`, when: { op: 'prefixList', name: prefixList }, actions: [], result: 'next' }],
      fallthrough: 'reject',
      fallthroughLabel: repr.prefixLists.has(prefixList)
        ? `denied by prefix-list ${prefixList} (${where})`
        : `prefix-list ${prefixList} does not exist: everything is denied (${where})`,
    });
  }
  if (routeMap !== undefined) {
    const entries = repr.routeMaps.get(routeMap);
    policies.push(
      entries
        ? routeMapPolicy(repr, routeMap, entries)
        : { name: routeMap, statements: [], fallthrough: 'reject', fallthroughLabel: `route-map ${routeMap} does not exist: everything is denied (${where})` },
    );
  }
  return { policies, fallthrough: 'accept', fallthroughLabel: policies.length ? `permitted (${where})` : 'no policy' };
}

function routeMapPolicy(repr: FrrRepr, name: string, entries: readonly FrrRouteMapEntry[]): Policy {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  return {
    name,
    statements: sorted.map((e) => {
      const conds: Cond[] = [];
      if (e.matchPrefixList !== undefined) conds.push({ op: 'prefixList', name: e.matchPrefixList });
      if (e.matchCommunity !== undefined) {
        const cl = repr.communityLists.get(e.matchCommunity);
        const values = cl ? cl.entries.filter((x) => x.action === 'permit').flatMap((x) => x.values) : [];
        conds.push({ op: 'community', values });
      }
      if (e.matchAsPath !== undefined) {
        const al = repr.asPathLists.get(e.matchAsPath) ?? [];
        const permits = al.filter((x) => x.action === 'permit').map((x): Cond => ({ op: 'asPath', regex: x.regex }));
        conds.push(permits.length ? { op: 'or', args: permits } : { op: 'not', arg: { op: 'true' } });
      }
      const when: Cond = conds.length === 0 ? { op: 'true' } : conds.length === 1 ? conds[0]! : { op: 'and', args: conds };
      const actions: PolicyAction[] = [];
      if (e.action === 'permit') {
        if (e.setLocalPref !== undefined) actions.push({ kind: 'localPref', value: e.setLocalPref });
        if (e.setMetric !== undefined) actions.push({ kind: 'med', value: e.setMetric });
        if (e.setWeight !== undefined) actions.push({ kind: 'weight', value: e.setWeight });
        if (e.setAsPathPrepend) actions.push({ kind: 'prependAs', asns: e.setAsPathPrepend });
        if (e.setCommunity)
          actions.push({ kind: e.setCommunity.additive ? 'addCommunities' : 'setCommunities', values: e.setCommunity.values });
        if (e.setNextHop !== undefined) actions.push({ kind: 'nextHop', value: e.setNextHop });
        if (e.setOrigin) actions.push({ kind: 'origin', value: e.setOrigin });
      }
      return {
        label: `route-map ${name} ${e.action} ${e.seq}`,
        when,
        actions,
        result: e.action === 'deny' ? ('reject' as const) : e.onMatchNext ? ('continue' as const) : ('accept' as const),
      };
    }),
    fallthrough: 'reject',
    fallthroughLabel: `implicit deny at the end of route-map ${name}`,
  };
}
