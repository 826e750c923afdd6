// Vendor-neutral, read-only configuration of one device. Vendor front ends (FRR, Cisco IOS,
// Huawei VRP, Calico) convert their own representation into this; the engine only reads it.

import type { IfAddr, Ip, Prefix } from '../core/ip.ts';
import type { BgpConfig } from './bgp.ts';
import type { PrefixList, Policy } from './policy.ts';

/** What the device is, for drawing and for which shell it gets. */
export type DeviceKind = 'router' | 'switch' | 'calico-node' | 'host' | 'pod';

/**
 * The implementation family. It decides best-path order, admin distances, default timers,
 * ICMP TTLs and which CLI renders the screens.
 */
export type Platform = 'frr' | 'cisco-ios' | 'huawei-vrp' | 'bird' | 'linux';

export interface InterfaceConfig {
  readonly name: string;
  readonly addresses: readonly IfAddr[];
  /** L2 segment (a switch / bridge / cable) this port is plugged into; absent = no link (dummy/loopback). */
  readonly segment?: string;
  /** Administratively down (`shutdown`). */
  readonly shutdown?: boolean;
  readonly description?: string;
  /** Loopbacks and dummies are always up and have no neighbours. */
  readonly loopback?: boolean;
  /**
   * A Calico workload veth (`cali…`): no address, proxy-ARP, the pod's /32 points at it.
   * `peerDevice` names the pod device at the other end.
   */
  readonly peerDevice?: string;
  /** Answers ARP for any address (Calico's cali* veths, proxy_arp=1). */
  readonly proxyArp?: boolean;
}

export interface NextHopConfig {
  readonly gateway?: Ip;
  readonly dev?: string;
  /** Linux `weight` for multipath, default 1. */
  readonly weight?: number;
}

export type StaticRouteOrigin =
  /** Configured by the operator (ip route / ip route-static / `ip route add`). */
  | 'admin'
  /** Connected-like routes a daemon on the host adds (Felix's pod /32s on cali* devices). */
  | 'felix';

export interface StaticRoute {
  readonly prefix: Prefix;
  readonly nexthops: readonly NextHopConfig[];
  readonly type: 'unicast' | 'blackhole' | 'unreachable' | 'prohibit';
  /** Vendor admin distance / preference override (Cisco `ip route … 250`, VRP `preference`). */
  readonly distance?: number;
  readonly metric?: number;
  readonly origin?: StaticRouteOrigin;
  /** Linux `scope link` (Felix pod routes). */
  readonly scopeLink?: boolean;
  /** Linux `proto` shown by `ip route` (default `boot` for `ip route add`, `static` for FRR staticd). */
  readonly linuxProto?: string;
}

/** A packet filter rule: what a firewall / ACL / iptables rule on the device drops. */
export interface PacketFilterRule {
  readonly name: string;
  readonly direction: 'in' | 'out' | 'both';
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'any';
  /** Destination port (`--dport`), or either port when `anyPort`. */
  readonly port?: number;
  readonly anyPort?: boolean;
  /** Source port (`--sport`). */
  readonly sourcePort?: number;
  readonly source?: Prefix;
  readonly destination?: Prefix;
  readonly action: 'drop' | 'reject' | 'accept';
}

/** A TCP/UDP service a device answers on (pods: echoserver :8080, kube-dns :53). */
export interface ServiceListener {
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  /** Free-form application behaviour for curl/dig (see dataplane/apps). */
  readonly app: 'echoserver' | 'dns' | 'http' | 'bgp';
  readonly data?: Readonly<Record<string, string>>;
}

/** A destination NAT rule, as kube-proxy programs one per Service IP:port. */
export interface DnatRule {
  readonly ip: Ip;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  /** Endpoints (pod IP:port), chosen deterministically per flow. */
  readonly endpoints: readonly { readonly ip: Ip; readonly port: number }[];
  readonly label: string;
}

export interface DeviceConfig {
  readonly name: string;
  readonly kind: DeviceKind;
  readonly platform: Platform;
  /** Prompt / sysname / hostname shown by the CLI. */
  readonly hostname: string;
  readonly interfaces: readonly InterfaceConfig[];
  readonly staticRoutes: readonly StaticRoute[];
  readonly bgp?: BgpConfig;
  readonly prefixLists: Readonly<Record<string, PrefixList>>;
  readonly policies: Readonly<Record<string, Policy>>;
  readonly filters: readonly PacketFilterRule[];
  readonly listeners: readonly ServiceListener[];
  readonly dnat: readonly DnatRule[];
  /**
   * Source NAT for forwarded traffic (Calico `natOutgoing`: Felix's cali-nat-outgoing
   * MASQUERADE): packets from `sources` to a destination outside `exceptDestinations`
   * leave with the outgoing interface's address.
   */
  readonly masquerade?: { readonly sources: readonly Prefix[]; readonly exceptDestinations: readonly Prefix[] };
  /** IP forwarding (routers and Kubernetes nodes forward; a plain VM does not). */
  readonly forwarding: boolean;
  /** Initial TTL of packets this device originates (Linux 64, Cisco/Huawei 255). */
  readonly initialTtl: number;
}

export function emptyDevice(name: string, kind: DeviceKind, platform: Platform): DeviceConfig {
  return {
    name,
    kind,
    platform,
    hostname: name,
    interfaces: [],
    staticRoutes: [],
    prefixLists: {},
    policies: {},
    filters: [],
    listeners: [],
    dnat: [],
    forwarding: kind !== 'host' && kind !== 'pod',
    initialTtl: platform === 'cisco-ios' || platform === 'huawei-vrp' ? 255 : 64,
  };
}

/** Admin distances / preferences per platform (lower wins, except BIRD where higher wins). */
export interface DistanceTable {
  readonly connected: number;
  readonly static: number;
  readonly ebgp: number;
  readonly ibgp: number;
  readonly kernel: number;
  readonly local: number;
}

export const DISTANCES: Readonly<Record<Exclude<Platform, 'bird'>, DistanceTable>> = {
  // FRR zebra: connected 0, static 1, eBGP 20, iBGP 200; kernel routes 0.
  frr: { connected: 0, static: 1, ebgp: 20, ibgp: 200, kernel: 0, local: 200 },
  // Cisco IOS: connected 0, static 1, eBGP 20, iBGP 200, locally originated BGP 200.
  'cisco-ios': { connected: 0, static: 1, ebgp: 20, ibgp: 200, kernel: 0, local: 200 },
  // Huawei VRP: Direct 0, Static 60, EBGP/IBGP 255.
  'huawei-vrp': { connected: 0, static: 60, ebgp: 255, ibgp: 255, kernel: 0, local: 255 },
  linux: { connected: 0, static: 0, ebgp: 0, ibgp: 0, kernel: 0, local: 0 },
};

/** BIRD protocol preferences (higher wins): direct 240, static 200, BGP 100, kernel 10. */
export const BIRD_PREFERENCE = { direct: 240, static: 200, bgp: 100, kernel: 10 } as const;
