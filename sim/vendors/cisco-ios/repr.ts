// Cisco IOS (IOS-XE 16 on a Catalyst 3650, classic IOS screens) configuration as
// `show running-config` shows it: the vendor representation the CLI edits.

import type { IfAddr, Ip, Prefix } from '../../core/ip.ts';

export interface IosInterface {
  /** Primary first, then `secondary` addresses. */
  addresses: IfAddr[];
  shutdown: boolean;
  description?: string;
  /** Switch ports are layer-2 until `no switchport`. */
  switchport: boolean;
  accessVlan?: number;
  mode?: 'access' | 'trunk';
}

export interface IosNeighborAf {
  activate?: boolean;
  rrClient?: boolean;
  nextHopSelf?: boolean;
  softReconfig?: boolean;
  routeMapIn?: string;
  routeMapOut?: string;
  prefixListIn?: string;
  prefixListOut?: string;
  allowasIn?: number;
  sendCommunity?: boolean;
  defaultOriginate?: boolean;
  weight?: number;
}

export interface IosNeighbor {
  remoteAs?: number;
  peerGroup?: string;
  description?: string;
  shutdown?: boolean;
  password?: string;
  ebgpMultihop?: number;
  updateSource?: string;
  timers?: { keepalive: number; hold: number };
  af: IosNeighborAf;
}

export interface IosBgp {
  asn: number;
  routerId?: Ip;
  logNeighborChanges: boolean;
  clusterId?: Ip;
  defaultLocalPref?: number;
  alwaysCompareMed?: boolean;
  deterministicMed?: boolean;
  peerGroups: Map<string, IosNeighbor>;
  neighbors: Map<string, IosNeighbor>;
  networks: Map<string, { prefix: Prefix; routeMap?: string }>;
  redistribute: Map<'connected' | 'static', { routeMap?: string; metric?: number }>;
  maximumPaths?: number;
  maximumPathsIbgp?: number;
  /** The user configured under `address-family ipv4`: show it that way. */
  afUsed: boolean;
}

export interface IosPrefixEntry {
  seq: number;
  action: 'permit' | 'deny';
  prefix: Prefix;
  ge?: number;
  le?: number;
}

export interface IosRouteMapEntry {
  action: 'permit' | 'deny';
  seq: number;
  matchPrefixLists: string[];
  setLocalPref?: number;
  setMetric?: number;
  setWeight?: number;
  setAsPathPrepend?: number[];
  setCommunity?: { values: string[]; additive: boolean };
  setNextHop?: Ip;
  description?: string;
}

export interface IosStaticRoute {
  prefix: Prefix;
  nextHop?: Ip;
  ifname?: string;
  distance?: number;
  name?: string;
}

export interface IosRepr {
  hostname: string;
  model: 'switch' | 'router';
  ipRouting: boolean;
  interfaces: Map<string, IosInterface>;
  staticRoutes: IosStaticRoute[];
  prefixLists: Map<string, { entries: IosPrefixEntry[]; description?: string }>;
  routeMaps: Map<string, IosRouteMapEntry[]>;
  bgp?: IosBgp;
  vlans: Map<number, { name?: string }>;
  /** Virtual seconds of the last configuration change (`! Last configuration change at …`). */
  lastChange?: number;
}

export function newIosBgp(asn: number): IosBgp {
  return { asn, logNeighborChanges: true, peerGroups: new Map(), neighbors: new Map(), networks: new Map(), redistribute: new Map(), afUsed: false };
}

export function effectiveIosNeighbor(bgp: IosBgp, n: IosNeighbor): IosNeighbor {
  const g = n.peerGroup ? bgp.peerGroups.get(n.peerGroup) : undefined;
  if (!g) return n;
  const own = Object.fromEntries(Object.entries(n).filter(([k, v]) => v !== undefined && k !== 'af'));
  const ownAf = Object.fromEntries(Object.entries(n.af).filter(([, v]) => v !== undefined));
  return { ...g, ...own, af: { ...g.af, ...ownAf } } as IosNeighbor;
}
