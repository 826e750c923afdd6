// Vendor-neutral routing policy: one small language that BIRD filters (as Calico renders
// them), FRR/Cisco route-maps and prefix-lists, and Huawei route-policies/ip-prefixes all
// convert into. A policy is an ordered list of statements; the first statement whose
// condition holds applies its actions and then decides (or passes to the next policy).

import type { Ip, Prefix } from '../core/ip.ts';

/** One entry of a prefix-list / ip-prefix: `prefix` with optional ge/le length bounds. */
export interface PrefixListEntry {
  readonly seq: number;
  readonly action: 'permit' | 'deny';
  readonly prefix: Prefix;
  readonly ge?: number;
  readonly le?: number;
}

export interface PrefixList {
  readonly name: string;
  readonly entries: readonly PrefixListEntry[];
}

/** A BIRD prefix-set element `P{lo,hi}`, or `P` alone (= exactly P when op is 'eq'). */
export interface PrefixRange {
  readonly prefix: Prefix;
  /** Inclusive bounds on the route's prefix length; default [prefix.len, 32] for 'in'. */
  readonly minLen?: number;
  readonly maxLen?: number;
}

export type RouteSourceKind = 'bgp' | 'static' | 'kernel' | 'direct' | 'connected' | 'network' | 'aggregate';

export type Cond =
  | { readonly op: 'true' }
  | { readonly op: 'and'; readonly args: readonly Cond[] }
  | { readonly op: 'or'; readonly args: readonly Cond[] }
  | { readonly op: 'not'; readonly arg: Cond }
  /** Route prefix equals `prefix` (BIRD `net = P`). */
  | { readonly op: 'prefixEq'; readonly prefix: Prefix }
  /** Route prefix is inside one of the ranges (BIRD `net ~ P` / `net ~ [ P{a,b} ]`). */
  | { readonly op: 'prefixIn'; readonly ranges: readonly PrefixRange[] }
  /** The device's named prefix-list permits the route prefix (missing list: see evaluator). */
  | { readonly op: 'prefixList'; readonly name: string }
  /** The route came from one of these sources (BIRD `source ~ [RTS_BGP]`). */
  | { readonly op: 'source'; readonly sources: readonly RouteSourceKind[] }
  /** The route's outgoing interface matches a shell-style glob (BIRD `ifname ~ "cali*"`). */
  | { readonly op: 'ifname'; readonly glob: string }
  /** The BGP next hop is inside a prefix (Calico IPIP CrossSubnet). */
  | { readonly op: 'nextHopIn'; readonly prefix: Prefix }
  /** The route carries a community (standard "a:b" or large "a:b:c", or well-known names). */
  | { readonly op: 'community'; readonly values: readonly string[]; readonly matchAll?: boolean }
  /** Regular expression over the AS path rendered as space-separated numbers (Cisco style). */
  | { readonly op: 'asPath'; readonly regex: string }
  /** The peer the route is sent to / received from is internal (iBGP). */
  | { readonly op: 'peerInternal' };

export type PolicyAction =
  | { readonly kind: 'localPref'; readonly value: number }
  | { readonly kind: 'med'; readonly value: number }
  | { readonly kind: 'weight'; readonly value: number }
  | { readonly kind: 'prependAs'; readonly asns: readonly number[] }
  | { readonly kind: 'addCommunities'; readonly values: readonly string[] }
  | { readonly kind: 'setCommunities'; readonly values: readonly string[] }
  | { readonly kind: 'nextHop'; readonly value: Ip | 'self' | 'peer-address' }
  | { readonly kind: 'origin'; readonly value: 'igp' | 'egp' | 'incomplete' }
  /** Calico's kernel programming: program via tunl0 (IPIP) instead of the resolved gateway. */
  | { readonly kind: 'krtTunnel'; readonly value: string };

export type PolicyResult = 'accept' | 'reject' | 'next';

export interface PolicyStatement {
  /** What a learner would recognise: "route-map ACCEPT-K8S permit 10", "calico_aggr: net = 10.244.1.0/26". */
  readonly label: string;
  readonly when: Cond;
  readonly actions: readonly PolicyAction[];
  /** 'next' applies the actions and goes on to the next policy in the chain. */
  readonly result: PolicyResult | 'continue';
}

export interface Policy {
  readonly name: string;
  readonly statements: readonly PolicyStatement[];
  /** What happens when no statement matched. */
  readonly fallthrough: PolicyResult;
  /** Label for the fallthrough decision, e.g. "implicit deny at the end of route-map X". */
  readonly fallthroughLabel: string;
}

/**
 * A chain of policies applied in order to one direction of one session. The first statement
 * that decides 'accept' or 'reject' ends the chain; 'next' moves to the next policy; after the
 * last policy, `fallthrough` decides.
 */
export interface PolicyChain {
  readonly policies: readonly Policy[];
  readonly fallthrough: 'accept' | 'reject';
  readonly fallthroughLabel: string;
}

export const ACCEPT_ALL: PolicyChain = { policies: [], fallthrough: 'accept', fallthroughLabel: 'import all' };
export const REJECT_ALL: PolicyChain = { policies: [], fallthrough: 'reject', fallthroughLabel: 'no export policy' };
