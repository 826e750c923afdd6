// Routes and their BGP attributes. Attribute objects are immutable and shared between the
// Adj-RIBs of many sessions (an RR sends the same attributes to every client), which keeps a
// 1,000-node fabric in memory.

import type { Ip, Prefix } from '../core/ip.ts';

export type Origin = 0 | 1 | 2; // IGP, EGP, INCOMPLETE
export const ORIGIN_NAMES = ['IGP', 'EGP', 'incomplete'] as const;
export const ORIGIN_CODES = ['i', 'e', '?'] as const;

export interface PathAttrs {
  readonly origin: Origin;
  /** AS_SEQUENCE, nearest AS first. */
  readonly asPath: readonly number[];
  readonly nextHop: Ip;
  readonly med?: number;
  readonly localPref?: number;
  /** Standard ("64512:100") and large ("64512:1:2") communities, and well-known names. */
  readonly communities?: readonly string[];
  readonly originatorId?: Ip;
  /** Nearest cluster first (as sent on the wire). */
  readonly clusterList?: readonly Ip[];
  readonly atomicAggregate?: boolean;
}

/** Where a route in a device's table came from. */
export type RouteSource =
  | 'connected' // kernel / FRR connected (Linux "proto kernel scope link")
  | 'direct' // BIRD direct1
  | 'static' // operator static route (ip route, ip route-static) / BIRD static1
  | 'kernel' // BIRD: alien route learned from the Linux table (kernel1)
  | 'bgp'
  | 'local'; // locally originated BGP route (network / redistribute)

/** The reason a path won or lost, recorded by best-path selection. */
export interface DecisionReason {
  /** Short rule id, e.g. "local-pref", "as-path-length", "router-id", "preference". */
  readonly rule: string;
  /** A sentence: "lower router ID 10.0.0.1 < 10.0.0.2". */
  readonly text: string;
}

/** One resolved forwarding next hop. */
export interface ResolvedNextHop {
  readonly gateway?: Ip;
  readonly dev: string;
  readonly weight?: number;
  /** Program through a tunnel device with `onlink` (IPIP). */
  readonly onlink?: boolean;
}
