// Defaults per implementation for building neutral configs (front ends and tests start here
// and override what their configuration says).

import type { Ip, Prefix } from '../core/ip.ts';
import { DEFAULT_TIMERS, type BestPathFamily, type BgpConfig, type NeighborConfig } from './bgp.ts';
import { ACCEPT_ALL, REJECT_ALL } from './policy.ts';

export function defaultNeighbor(family: BestPathFamily, address: Ip, remoteAs: number, name: string, overrides: Partial<NeighborConfig> = {}): NeighborConfig {
  const bird = family === 'bird';
  return {
    name,
    address,
    port: 179,
    remoteAs,
    passive: false,
    shutdown: false,
    rrClient: false,
    nextHop: 'auto',
    allowOwnAs: 0,
    // BIRD as Calico configures it: `add paths on`, `graceful restart`; FRR/Cisco/VRP do not
    // negotiate ADD-PATH by default; FRR advertises graceful-restart helper mode.
    addPaths: { rx: bird, tx: bird },
    gracefulRestart: bird || family === 'frr',
    restartTime: 120,
    timers: DEFAULT_TIMERS[family],
    importPolicy: ACCEPT_ALL,
    // BIRD exports nothing without an export filter; routers advertise their best paths.
    exportPolicy: bird ? REJECT_ALL : ACCEPT_ALL,
    sendCommunity: family === 'frr',
    ...overrides,
  };
}

export function defaultBgp(family: BestPathFamily, asn: number, overrides: Partial<BgpConfig> = {}): BgpConfig {
  return {
    asn,
    family,
    neighbors: [],
    listenRanges: [],
    networks: [],
    redistribute: [],
    // FRR 8 installs up to 64 equal paths by default; Cisco IOS and Huawei VRP one.
    maximumPaths: family === 'frr' ? { ebgp: 64, ibgp: 64 } : { ebgp: 1, ibgp: 1 },
    asPathMultipathRelax: false,
    alwaysCompareMed: false,
    deterministicMed: false,
    compareRouterId: false,
    networkImportCheck: family !== 'huawei-vrp',
    ebgpRequiresPolicy: false,
    defaultLocalPref: 100,
    ...overrides,
  };
}

export function networkStatement(prefix: Prefix): BgpConfig['networks'][number] {
  return { prefix };
}
