// Huawei VRP (AR routers as eNSP emulates them, V200R003C00) configuration as
// `display current-configuration` shows it: the vendor representation the CLI edits.

import type { IfAddr, Ip, Prefix } from '../../core/ip.ts';

export interface VrpInterface {
  /** Primary address first, then `sub` addresses. */
  addresses: IfAddr[];
  shutdown: boolean;
  description?: string;
}

export interface VrpPeerAf {
  /** `undo peer X enable` = false; default enabled in ipv4-family unicast. */
  enable?: boolean;
  reflectClient?: boolean;
  nextHopLocal?: boolean;
  routePolicyImport?: string;
  routePolicyExport?: string;
  ipPrefixImport?: string;
  ipPrefixExport?: string;
  allowAsLoop?: number;
  defaultRouteAdvertise?: boolean;
  advertiseCommunity?: boolean;
}

export interface VrpPeer {
  asNumber?: number;
  group?: string;
  description?: string;
  ebgpMaxHop?: number;
  /** Interface name or address. */
  connectInterface?: string;
  ignore?: boolean;
  password?: { kind: 'cipher' | 'simple'; text: string };
  timers?: { keepalive: number; hold: number };
  af: VrpPeerAf;
}

export interface VrpGroup extends VrpPeer {
  kind: 'internal' | 'external';
}

export interface VrpBgp {
  asn: number;
  routerId?: Ip;
  peers: Map<string, VrpPeer>;
  groups: Map<string, VrpGroup>;
  networks: Map<string, { prefix: Prefix; routePolicy?: string }>;
  importRoutes: Map<'direct' | 'static', { routePolicy?: string; med?: number }>;
  maxLoadBalancing?: number;
  maxLoadBalancingEbgp?: number;
  maxLoadBalancingIbgp?: number;
  /** `reflector cluster-id`. */
  clusterId?: Ip;
  /** `undo reflect between-clients` etc. are not modelled. */
  defaultLocalPref?: number;
  compareRouterId?: boolean;
}

export interface VrpPrefixEntry {
  index: number;
  action: 'permit' | 'deny';
  prefix: Prefix;
  greaterEqual?: number;
  lessEqual?: number;
}

export interface VrpPolicyNode {
  node: number;
  action: 'permit' | 'deny';
  ifMatchIpPrefix?: string;
  applyAsPath?: { asns: number[]; additive: boolean };
  applyLocalPref?: number;
  applyCost?: number;
  applyCommunity?: { values: string[]; additive: boolean };
  gotoNext?: boolean;
}

export interface VrpStaticRoute {
  prefix: Prefix;
  nextHop?: Ip;
  ifname?: string;
  preference?: number;
  description?: string;
}

export interface VrpRepr {
  sysname: string;
  interfaces: Map<string, VrpInterface>;
  staticRoutes: VrpStaticRoute[];
  bgp?: VrpBgp;
  ipPrefixes: Map<string, VrpPrefixEntry[]>;
  routePolicies: Map<string, VrpPolicyNode[]>;
}

export function emptyVrp(sysname: string, physical: readonly string[]): VrpRepr {
  const interfaces = new Map<string, VrpInterface>();
  for (const p of physical) interfaces.set(p, { addresses: [], shutdown: false });
  interfaces.set('NULL0', { addresses: [], shutdown: false });
  return { sysname, interfaces, staticRoutes: [], ipPrefixes: new Map(), routePolicies: new Map() };
}

export function newVrpBgp(asn: number): VrpBgp {
  return { asn, peers: new Map(), groups: new Map(), networks: new Map(), importRoutes: new Map() };
}

/** A peer with its group's settings filled in. */
export function effectiveVrpPeer(bgp: VrpBgp, p: VrpPeer): VrpPeer {
  const g = p.group ? bgp.groups.get(p.group) : undefined;
  if (!g) return p;
  const own = Object.fromEntries(Object.entries(p).filter(([k, v]) => v !== undefined && k !== 'af'));
  const ownAf = Object.fromEntries(Object.entries(p.af).filter(([, v]) => v !== undefined));
  return { ...g, ...own, af: { ...g.af, ...ownAf } } as VrpPeer;
}

/** VRP writes classful networks without their mask ("192.168.1.0"), others with /len. */
export function naturalLen(addr: Ip): number {
  const first = addr >>> 24;
  if (first < 128) return 8;
  if (first < 192) return 16;
  if (first < 224) return 24;
  return 32;
}
