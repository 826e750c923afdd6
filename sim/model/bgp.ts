// Vendor-neutral BGP configuration: a BGP process and its neighbours. Front ends expand peer
// groups, templates and Calico's peer computation into plain neighbours before this point.

import type { Ip, Prefix } from '../core/ip.ts';
import type { PolicyChain } from './policy.ts';

export type NextHopMode =
  /** Implementation default (eBGP rewrites, iBGP keeps). */
  | 'auto'
  /** `next-hop-self` / `next hop self` for eBGP-learned routes (FRR/Cisco do not touch reflected routes). */
  | 'self'
  /** `next-hop-self force` / BIRD `next hop self` (also reflected iBGP routes). */
  | 'self-force'
  /** `next hop keep` / `keepOriginalNextHop`. */
  | 'keep';

export interface NeighborTimers {
  readonly keepalive: number; // seconds
  readonly hold: number; // seconds
  /** First connection attempt delay after start (BIRD `connect delay time`). */
  readonly connectDelay: number;
  /** Retry interval while the peer cannot be reached (BIRD `connect retry time`, FRR `timers connect`). */
  readonly connectRetry: number;
  /** Wait after an error before trying again (BIRD `error wait time a,b`). */
  readonly errorWaitMin: number;
  readonly errorWaitMax: number;
}

export interface NeighborConfig {
  /** BIRD protocol name (Mesh_10_0_0_1) or the neighbour address text for router CLIs. */
  readonly name: string;
  readonly address: Ip;
  readonly port: number;
  /** Remote AS; 0 = not set (BIRD refuses the config: "Remote AS number must be set"). */
  readonly remoteAs: number;
  /** FRR `remote-as internal|external`: the AS is taken from the OPEN. */
  readonly remoteAsKind?: 'internal' | 'external';
  /** Per-session local AS (`local-as`, Calico `localASNumber`); default the process AS. */
  readonly localAs?: number;
  readonly description?: string;
  /** Never initiates; waits for the peer to connect. */
  readonly passive: boolean;
  /** Administratively shut down. */
  readonly shutdown: boolean;
  /**
   * Maximum hops to the neighbour (TTL). undefined = the implementation default:
   * eBGP 1 (directly connected), iBGP 255 (FRR/Cisco) or 64 (BIRD).
   */
  readonly multihop?: number;
  /** BIRD `ttl security on` / GTSM (`ttl-security hops N`). */
  readonly ttlSecurity?: number;
  /** FRR `disable-connected-check`. */
  readonly disableConnectedCheck?: boolean;
  /** Source address for the TCP session (update-source / connect-interface / source address). */
  readonly updateSource?: { readonly ip?: Ip; readonly iface?: string };
  readonly rrClient: boolean;
  /** Per-session cluster id (BIRD `rr cluster id`); default the router's cluster id / router id. */
  readonly rrClusterId?: Ip;
  readonly nextHop: NextHopMode;
  /** Accept routes whose AS path holds our AS up to N times (allowas-in / allow local as). */
  readonly allowOwnAs: number;
  readonly asOverride?: boolean;
  /** ADD-PATH capability (BIRD `add paths on` = rx+tx). */
  readonly addPaths: { readonly rx: boolean; readonly tx: boolean };
  readonly gracefulRestart: boolean;
  /** Graceful-restart time advertised to the peer (seconds). */
  readonly restartTime: number;
  readonly timers: NeighborTimers;
  readonly importPolicy: PolicyChain;
  readonly exportPolicy: PolicyChain;
  readonly password?: string;
  readonly defaultOriginate?: boolean;
  readonly sendCommunity?: boolean;
  /** FRR `soft-reconfiguration inbound`: keep pre-policy routes for `received-routes`. */
  readonly softReconfigInbound?: boolean;
  readonly maxPrefix?: number;
  /** Free-form vendor facts a show command may print (e.g. peer-group name). */
  readonly peerGroup?: string;
  /**
   * How the session is labelled in status tools (Calico: mesh / global / node). Informational.
   */
  readonly calicoKind?: 'mesh' | 'global' | 'node' | 'workload';
}

/** FRR `bgp listen range`: accept sessions from any address in the range. */
export interface ListenRange {
  readonly prefix: Prefix;
  readonly template: Omit<NeighborConfig, 'address' | 'name'>;
  readonly peerGroup: string;
  readonly limit?: number;
}

export interface NetworkStatement {
  readonly prefix: Prefix;
  readonly policy?: PolicyChain;
  /** Originate even without a matching RIB route (`no bgp network import-check`). */
  readonly noImportCheck?: boolean;
}

export interface Redistribution {
  readonly source: 'connected' | 'static' | 'kernel';
  readonly policy?: PolicyChain;
  readonly metric?: number;
}

/** BIRD's own protocols beside BGP, as Calico configures them (static1, kernel1, direct1). */
export interface BirdProtocols {
  /** `protocol static` routes (block blackholes, service CIDRs, reachableBy routes). */
  readonly staticRoutes: readonly {
    readonly prefix: Prefix;
    readonly type: 'blackhole' | 'unreachable' | 'via';
    readonly via?: Ip;
  }[];
  /** `protocol kernel`: learn alien routes, export filter, ECMP merge limit. */
  readonly kernel: { readonly learn: boolean; readonly exportPolicy: PolicyChain; readonly mergePaths: number };
  /** `protocol direct` interface patterns, first match wins; a leading "-" excludes. */
  readonly directInterfaces: readonly string[];
}

export type BestPathFamily = 'bird' | 'frr' | 'cisco-ios' | 'huawei-vrp';

export interface BgpConfig {
  readonly asn: number;
  readonly routerId?: Ip;
  /** Router-wide cluster id (FRR `bgp cluster-id`); default the router id. */
  readonly clusterId?: Ip;
  readonly family: BestPathFamily;
  readonly neighbors: readonly NeighborConfig[];
  readonly listenRanges: readonly ListenRange[];
  readonly networks: readonly NetworkStatement[];
  readonly redistribute: readonly Redistribution[];
  /** Maximum ECMP paths installed (FRR default 64, Cisco/VRP 1). */
  readonly maximumPaths: { readonly ebgp: number; readonly ibgp: number };
  readonly asPathMultipathRelax: boolean;
  readonly alwaysCompareMed: boolean;
  readonly deterministicMed: boolean;
  /** FRR `bgp bestpath compare-routerid` (else the oldest eBGP path wins ties). */
  readonly compareRouterId: boolean;
  /** Cisco/FRR: a `network` statement needs a matching route in the RIB. */
  readonly networkImportCheck: boolean;
  /** FRR 8 `bgp ebgp-requires-policy` (RFC 8212): eBGP without policy sends/accepts nothing. */
  readonly ebgpRequiresPolicy: boolean;
  readonly defaultLocalPref: number;
  /** Whether eBGP routes without `ebgp-multihop` need a directly connected neighbour (all vendors). */
  readonly bird?: BirdProtocols;
  /** Process shut down (`shutdown` / BIRD not running is modelled as the device daemon state). */
  readonly shutdown?: boolean;
}

/** Timer defaults per implementation (seconds). */
export const DEFAULT_TIMERS: Readonly<Record<BestPathFamily, NeighborTimers>> = {
  // BIRD 1.6 defaults with Calico's template (connect delay 2, retry 5, error wait 5..30, hold 240).
  bird: { keepalive: 80, hold: 240, connectDelay: 2, connectRetry: 5, errorWaitMin: 5, errorWaitMax: 30 },
  // FRR "traditional" defaults: keepalive 60, hold 180, connect retry 120 (first attempt immediate).
  frr: { keepalive: 60, hold: 180, connectDelay: 0, connectRetry: 120, errorWaitMin: 0, errorWaitMax: 0 },
  // Cisco IOS: keepalive 60, hold 180, ConnectRetry 120 (first attempt within a few seconds).
  'cisco-ios': { keepalive: 60, hold: 180, connectDelay: 1, connectRetry: 120, errorWaitMin: 0, errorWaitMax: 0 },
  // Huawei VRP: keepalive 60, hold 180, connect-retry 32.
  'huawei-vrp': { keepalive: 60, hold: 180, connectDelay: 1, connectRetry: 32, errorWaitMin: 0, errorWaitMax: 0 },
};
