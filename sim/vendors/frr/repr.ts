// FRR's own configuration, as `show running-config` shows it: the vendor representation the
// CLI edits. convert.ts turns it into the neutral DeviceConfig; render-config.ts prints it.

import type { IfAddr, Ip, Prefix } from '../../core/ip.ts';

export type RedistSource = 'connected' | 'static' | 'kernel';

/** Per-neighbour (or peer-group) settings of the ipv4 unicast address family. */
export interface FrrAfSettings {
  /** `no neighbor X activate` sets false; undefined = default (activated, `bgp default ipv4-unicast`). */
  activate?: boolean;
  rrClient?: boolean;
  nextHopSelf?: 'self' | 'force';
  softReconfig?: boolean;
  /** allowas-in N (default 3), or 'origin'. */
  allowasIn?: number | 'origin';
  asOverride?: boolean;
  defaultOriginate?: boolean;
  weight?: number;
  prefixListIn?: string;
  prefixListOut?: string;
  routeMapIn?: string;
  routeMapOut?: string;
  sendCommunity?: boolean;
  maxPrefix?: number;
}

export interface FrrPeerSettings {
  remoteAs?: number;
  remoteAsKind?: 'internal' | 'external';
  /** Member of this peer-group (neighbours only). */
  peerGroup?: string;
  localAs?: number;
  description?: string;
  shutdown?: boolean;
  password?: string;
  passive?: boolean;
  ebgpMultihop?: number;
  /** Address or interface name. */
  updateSource?: string;
  timers?: { keepalive: number; hold: number };
  connectRetry?: number;
  disableConnectedCheck?: boolean;
  af: FrrAfSettings;
}

export interface FrrListenRange {
  prefix: Prefix;
  peerGroup: string;
}

export interface FrrBgp {
  asn: number;
  routerId?: Ip;
  clusterId?: Ip;
  /** FRR 8.4 `frr defaults traditional`: on (bgpd/bgp_vty.c BGP_EBGP_REQUIRES_POLICY). */
  ebgpRequiresPolicy: boolean;
  logNeighborChanges: boolean;
  multipathRelax: boolean;
  alwaysCompareMed: boolean;
  deterministicMed: boolean;
  compareRouterId: boolean;
  networkImportCheck: boolean;
  defaultLocalPref?: number;
  timers?: { keepalive: number; hold: number };
  peerGroups: Map<string, FrrPeerSettings>;
  /** Keyed by the address text; shown sorted by address (FRR keeps bgp->peer sorted). */
  neighbors: Map<string, FrrPeerSettings>;
  listenRanges: FrrListenRange[];
  listenLimit?: number;
  networks: Map<string, { prefix: Prefix; routeMap?: string }>;
  redistribute: Map<RedistSource, { routeMap?: string; metric?: number }>;
  maximumPaths?: number;
  maximumPathsIbgp?: number;
}

export interface FrrPrefixListEntry {
  seq: number;
  action: 'permit' | 'deny';
  prefix: Prefix;
  ge?: number;
  le?: number;
  /** Written as `any`. */
  any?: boolean;
}

export interface FrrRouteMapEntry {
  action: 'permit' | 'deny';
  seq: number;
  matchPrefixList?: string;
  matchCommunity?: string;
  matchAsPath?: string;
  setLocalPref?: number;
  setMetric?: number;
  setWeight?: number;
  setAsPathPrepend?: number[];
  setCommunity?: { values: string[]; additive: boolean };
  setNextHop?: Ip | 'peer-address';
  setOrigin?: 'igp' | 'egp' | 'incomplete';
  onMatchNext?: boolean;
  description?: string;
}

export interface FrrStaticRoute {
  prefix: Prefix;
  via?: Ip;
  ifname?: string;
  blackhole?: boolean;
  distance?: number;
}

export interface FrrInterface {
  addresses: IfAddr[];
  shutdown: boolean;
  description?: string;
}

export interface FrrCommunityList {
  entries: { action: 'permit' | 'deny'; values: string[] }[];
}

export interface FrrRepr {
  hostname: string;
  /** `frr defaults traditional|datacenter` (the conformance routers use traditional). */
  profile?: 'traditional' | 'datacenter';
  interfaces: Map<string, FrrInterface>;
  staticRoutes: FrrStaticRoute[];
  prefixLists: Map<string, { entries: FrrPrefixListEntry[]; description?: string }>;
  routeMaps: Map<string, FrrRouteMapEntry[]>;
  communityLists: Map<string, FrrCommunityList>;
  asPathLists: Map<string, { action: 'permit' | 'deny'; regex: string }[]>;
  bgp?: FrrBgp;
}

export function emptyRepr(hostname: string): FrrRepr {
  return {
    hostname,
    interfaces: new Map(),
    staticRoutes: [],
    prefixLists: new Map(),
    routeMaps: new Map(),
    communityLists: new Map(),
    asPathLists: new Map(),
  };
}

export function newBgp(asn: number): FrrBgp {
  return {
    asn,
    ebgpRequiresPolicy: true,
    logNeighborChanges: false,
    multipathRelax: false,
    alwaysCompareMed: false,
    deterministicMed: false,
    compareRouterId: false,
    networkImportCheck: true,
    peerGroups: new Map(),
    neighbors: new Map(),
    listenRanges: [],
    networks: new Map(),
    redistribute: new Map(),
  };
}

export function newPeer(): FrrPeerSettings {
  return { af: {} };
}

/** The settings of a neighbour with its peer-group's filled in (FRR peer-group inheritance). */
export function effectivePeer(bgp: FrrBgp, p: FrrPeerSettings): FrrPeerSettings {
  const g = p.peerGroup ? bgp.peerGroups.get(p.peerGroup) : undefined;
  if (!g) return p;
  const merged: FrrPeerSettings = { ...g, ...stripUndefined(p), af: { ...g.af, ...stripUndefined(p.af) } };
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && k !== 'af') (out as Record<string, unknown>)[k] = v;
  return out;
}
