// BirdNodeModel → the neutral BgpConfig the engine runs (model/bgp.ts): one NeighborConfig per
// BIRD protocol, with the import/export policy chains in the template's order (§4.2, §4.6)
// and BIRD's static/kernel/direct protocols.

import { parseIp } from '../../../core/ip.ts';
import type { BgpConfig, BirdProtocols, NeighborConfig } from '../../../model/bgp.ts';
import { DEFAULT_TIMERS } from '../../../model/bgp.ts';
import type { Policy, PolicyChain } from '../../../model/policy.ts';
import type { BGPFilterSpec } from '../resources/types.ts';
import { bgpFilterPolicy, calicoExportPolicy, kernelProgrammingPolicy } from './bird-policy.ts';
import type { BirdNodeModel, BirdProtocol } from './bird-model.ts';
import type { PoolView } from './view.ts';

/** BIRD's default graceful-restart time when Calico does not set one (bgp.c: 120 s). */
export const BIRD_DEFAULT_RESTART_TIME = 120;
/** `merge paths on` in kernel1: BIRD's default limit (sysdep/unix/krt.h). */
export const BIRD_MERGE_PATHS = 16;

function filterPolicies(names: readonly string[], filters: ReadonlyMap<string, BGPFilterSpec>, dir: 'import' | 'export'): Policy[] {
  const out: Policy[] = [];
  for (const n of names) {
    const spec = filters.get(n);
    const p = spec ? bgpFilterPolicy(n, spec, dir) : undefined;
    if (p) out.push(p);
  }
  return out;
}

function neighbor(m: BirdNodeModel, p: BirdProtocol, filters: ReadonlyMap<string, BGPFilterSpec>, pools: readonly PoolView[]): NeighborConfig {
  const exportCtx = {
    pools,
    blocks: m.blocks,
    staticRoutes: m.services.staticRoutes,
    rrLbRanges: m.rrLbRanges,
    advertisements: m.advertisements,
  };
  const importPolicy: PolicyChain = p.importAll
    ? { policies: [], fallthrough: 'accept', fallthroughLabel: 'import all (node-to-node mesh)' }
    : {
        policies: filterPolicies(p.importFilters, filters, 'import'),
        fallthrough: 'accept',
        fallthroughLabel: 'import filter: accept (Calico default)',
      };
  const exportPolicy: PolicyChain = {
    policies: [...filterPolicies(p.exportFilters, filters, 'export'), calicoExportPolicy(exportCtx, p.internalFlag)],
    fallthrough: 'reject',
    fallthroughLabel: 'export filter: reject (only Calico routes are exported)',
  };
  const rrClusterId = p.rrClusterId !== undefined ? parseIp(p.rrClusterId) : null;
  return {
    name: p.name,
    address: p.neighbor,
    port: p.port || 179,
    remoteAs: p.asn,
    ...(p.localAs !== undefined ? { localAs: p.localAs } : {}),
    description: 'Connection to BGP peer',
    passive: p.passive,
    shutdown: false,
    // Mesh: no multihop statement (BIRD direct for eBGP, 64 for iBGP). Explicit: `multihop;` = 64.
    ...(p.multihop !== undefined ? { multihop: p.multihop } : {}),
    ...(p.ttlSecurity ? { ttlSecurity: p.multihop ?? 1 } : {}),
    ...(p.sourceAddress !== undefined ? { updateSource: { ip: p.sourceAddress } } : {}),
    rrClient: p.rrClient,
    ...(rrClusterId !== null ? { rrClusterId } : {}),
    // BIRD `next hop self` also rewrites reflected iBGP routes: the model's 'self-force'.
    nextHop: p.nextHop === 'self' ? 'self-force' : p.nextHop === 'keep' ? 'keep' : 'auto',
    allowOwnAs: p.allowLocalAs ?? 0,
    addPaths: { rx: true, tx: true },
    gracefulRestart: true,
    restartTime: p.restartTime ?? BIRD_DEFAULT_RESTART_TIME,
    timers: DEFAULT_TIMERS.bird,
    importPolicy,
    exportPolicy,
    ...(p.password !== undefined ? { password: p.password } : {}),
    calicoKind: p.kind,
  };
}

export function birdProtocols(m: BirdNodeModel, pools: readonly PoolView[]): BirdProtocols {
  const staticRoutes: { prefix: { addr: number; len: number }; type: 'blackhole' | 'unreachable' | 'via'; via?: number }[] = [];
  // bird_aggr.cfg.template: a blackhole for every affine block except /32 blocks.
  for (const b of m.blocks) if (b.prefix.len !== 32) staticRoutes.push({ prefix: b.prefix, type: 'blackhole' });
  for (const r of m.services.staticRoutes) staticRoutes.push({ prefix: r, type: 'blackhole' });
  for (const r of m.reachableBy) staticRoutes.push({ prefix: { addr: r.peer, len: 32 }, type: 'via', via: r.via });
  return {
    staticRoutes,
    kernel: {
      learn: true,
      exportPolicy: {
        policies: [kernelProgrammingPolicy({ pools, rejectCidrs: m.services.rejectCidrs, ...(m.nodeIp !== undefined && m.nodeNetwork ? { network: { ip: m.nodeIp, len: m.nodeNetwork.len } } : {}) })],
        fallthrough: 'accept',
        fallthroughLabel: 'calico_kernel_programming: accept',
      },
      mergePaths: BIRD_MERGE_PATHS,
    },
    directInterfaces: [...m.ignoredInterfaces.map((i) => `-${i}`), '-cali*', '-kube-ipvs*', '*'],
  };
}

export function bgpConfigOf(m: BirdNodeModel, filters: ReadonlyMap<string, BGPFilterSpec>, pools: readonly PoolView[], shutdown = false): BgpConfig {
  const routerId = parseIp(m.routerId);
  return {
    asn: m.asn,
    ...(routerId !== null ? { routerId } : {}),
    family: 'bird',
    neighbors: m.nodeIpText === '' ? [] : m.protocols.map((p) => neighbor(m, p, filters, pools)),
    listenRanges: [],
    networks: [],
    redistribute: [],
    maximumPaths: { ebgp: BIRD_MERGE_PATHS, ibgp: BIRD_MERGE_PATHS },
    asPathMultipathRelax: false,
    alwaysCompareMed: false,
    deterministicMed: false,
    compareRouterId: true,
    networkImportCheck: false,
    ebgpRequiresPolicy: false,
    defaultLocalPref: 100,
    bird: birdProtocols(m, pools),
    ...(shutdown ? { shutdown: true } : {}),
  };
}
