// Read-only views of the simulated network's state. Show commands, the topology pane, the
// grader and the conformance runner render from these and nothing else.

import type { Ip, Prefix } from '../core/ip.ts';
import type { DecisionReason, PathAttrs, ResolvedNextHop, RouteSource } from './route.ts';

export type BgpState = 'Idle' | 'Connect' | 'Active' | 'OpenSent' | 'OpenConfirm' | 'Established';

/** BIRD's protocol state column. */
export type ProtoState = 'up' | 'start' | 'down' | 'stop';

export interface SessionError {
  /** BIRD's error classes: socket ("Socket: "), sent NOTIFICATION ("BGP Error: "), received ("Received: "), misc ("Error: "). */
  readonly kind: 'socket' | 'sent' | 'received' | 'misc';
  readonly text: string;
  /** NOTIFICATION code/subcode when kind is sent/received. */
  readonly code?: readonly [number, number];
}

export interface SessionView {
  readonly device: string;
  readonly name: string;
  readonly peer: Ip;
  readonly port: number;
  /** Local address of the TCP session (or the configured source when not up). */
  readonly localAddress?: Ip;
  readonly remoteAs: number;
  readonly localAs: number;
  readonly internal: boolean;
  readonly state: BgpState;
  readonly protoState: ProtoState;
  readonly passive: boolean;
  readonly adminDown: boolean;
  /** Virtual time (seconds) of the last state change. */
  readonly since: number;
  readonly establishedCount: number;
  readonly lastError?: SessionError;
  /** The simulator's own explanation of why the session is in this state (hints read this). */
  readonly reason: string;
  readonly peerRouterId?: Ip;
  readonly holdTime: number;
  readonly keepalive: number;
  readonly rrClient: boolean;
  readonly addPathTx: boolean;
  readonly addPathRx: boolean;
  readonly gracefulRestart: boolean;
  readonly msgsSent: number;
  readonly msgsReceived: number;
  readonly updatesSent: number;
  readonly updatesReceived: number;
  /** Paths in Adj-RIB-In (after import policy, accepted). */
  readonly prefixesAccepted: number;
  /** Paths received before policy. */
  readonly prefixesReceived: number;
  /** Paths currently advertised (Adj-RIB-Out). */
  readonly prefixesSent: number;
  /** Paths from this session that are best (BIRD "preferred"). */
  readonly prefixesPreferred: number;
  readonly description?: string;
  readonly peerGroup?: string;
  readonly calicoKind?: 'mesh' | 'global' | 'node' | 'workload';
  /** Configured as dynamic (listen range) neighbour. */
  readonly dynamic: boolean;
  /** Multihop (BIRD "multihop" sessions have no neighbour entry). */
  readonly multihop: boolean;
}

export interface BgpPathView {
  readonly prefix: Prefix;
  readonly attrs: PathAttrs;
  /** Session name the path came from; undefined for locally originated paths. */
  readonly session?: string;
  /** Neighbour address the path came from (0 for local). */
  readonly from: Ip;
  readonly fromRouterId: Ip;
  readonly internal: boolean;
  readonly local: boolean;
  /** For BIRD tables: the non-BGP source of a route in the same table (static/kernel/direct). */
  readonly source: RouteSource;
  readonly protocol?: string;
  readonly preference?: number;
  readonly best: boolean;
  /** Used for ECMP (FRR `*=`, BIRD merged into the kernel route). */
  readonly multipath: boolean;
  /** Next hop resolvable. */
  readonly valid: boolean;
  readonly igpMetric?: number;
  /** How the BGP next hop resolved (BIRD "/0" = direct, "/?" via a routed route). */
  readonly resolvedVia?: 'connected' | 'routed' | 'unresolved';
  readonly nexthops: readonly ResolvedNextHop[];
  readonly weight: number;
  readonly stale: boolean;
  readonly receivedAt: number;
  /** Why this path is best, or why it lost to the best one. */
  readonly reason?: DecisionReason;
  /** For non-BGP routes in BIRD's table: route type. */
  readonly routeType?: 'unicast' | 'blackhole' | 'unreachable' | 'device';
}

export interface RibRouteView {
  readonly prefix: Prefix;
  readonly source: RouteSource;
  /** BIRD protocol name / FRR route type letter source. */
  readonly protocol: string;
  readonly distance: number;
  readonly metric: number;
  readonly selected: boolean;
  readonly installed: boolean;
  readonly type: 'unicast' | 'blackhole' | 'unreachable' | 'prohibit' | 'device';
  readonly nexthops: readonly ResolvedNextHop[];
  /** BGP next hop for recursive routes. */
  readonly bgpNextHop?: Ip;
  readonly internal?: boolean;
  readonly since: number;
  readonly reason?: DecisionReason;
}

export interface FibEntryView {
  readonly prefix: Prefix;
  readonly type: 'unicast' | 'blackhole' | 'unreachable' | 'prohibit';
  readonly nexthops: readonly ResolvedNextHop[];
  /** Linux `proto` (kernel, boot, static, bird, bgp) or the vendor route source. */
  readonly proto: string;
  readonly scope?: 'link' | 'host';
  readonly prefsrc?: Ip;
  readonly metric?: number;
  readonly source: RouteSource;
}

export interface InterfaceView {
  readonly name: string;
  readonly addresses: readonly { ip: Ip; len: number }[];
  readonly adminUp: boolean;
  readonly linkUp: boolean;
  readonly segment?: string;
  readonly description?: string;
  readonly mac: string;
}
