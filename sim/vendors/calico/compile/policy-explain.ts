// Evaluates a Calico-rendered policy chain against a described route, to explain "why is this
// prefix (not) advertised to that peer" in hints, golden files and the node shell. It covers
// the conditions Calico's filters use; the engine has its own evaluator for real routes.

import type { Ip, Prefix } from '../../../core/ip.ts';
import { networkOf, prefixContainsIp } from '../../../core/ip.ts';
import type { Cond, PolicyChain } from '../../../model/policy.ts';

export interface RouteFacts {
  readonly prefix: Prefix;
  /** Where BIRD got it: static1 (blocks, services), kernel1 (Felix pod routes), a BGP peer, direct1. */
  readonly source: 'static' | 'kernel' | 'bgp' | 'direct';
  readonly ifname?: string;
  readonly nextHop?: Ip;
}

export interface Decision {
  readonly result: 'accept' | 'reject';
  readonly label: string;
  readonly communities: readonly string[];
}

function glob(pattern: string, s: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(s);
}

function covers(outer: Prefix, inner: Prefix): boolean {
  return inner.len >= outer.len && networkOf(inner.addr, outer.len) === outer.addr;
}

function holds(c: Cond, r: RouteFacts): boolean {
  switch (c.op) {
    case 'true':
      return true;
    case 'and':
      return c.args.every((a) => holds(a, r));
    case 'or':
      return c.args.some((a) => holds(a, r));
    case 'not':
      return !holds(c.arg, r);
    case 'prefixEq':
      return c.prefix.addr === r.prefix.addr && c.prefix.len === r.prefix.len;
    case 'prefixIn':
      return c.ranges.some((x) => covers(x.prefix, r.prefix) && r.prefix.len >= (x.minLen ?? x.prefix.len) && r.prefix.len <= (x.maxLen ?? 32));
    case 'source':
      return c.sources.includes(r.source);
    case 'ifname':
      // BIRD `defined(ifname)`: routes without an interface (blackholes) never match.
      return r.ifname !== undefined && glob(c.glob, r.ifname);
    case 'nextHopIn':
      return r.nextHop !== undefined && prefixContainsIp(c.prefix, r.nextHop);
    default:
      return false;
  }
}

export function explainChain(chain: PolicyChain, r: RouteFacts): Decision {
  const communities: string[] = [];
  for (const p of chain.policies) {
    for (const s of p.statements) {
      if (!holds(s.when, r)) continue;
      for (const a of s.actions) if (a.kind === 'addCommunities') communities.push(...a.values);
      if (s.result === 'continue') continue;
      if (s.result === 'next') break;
      return { result: s.result, label: s.label, communities };
    }
  }
  return { result: chain.fallthrough, label: chain.fallthroughLabel, communities };
}
