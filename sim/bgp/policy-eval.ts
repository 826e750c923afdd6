// Evaluates the neutral policy language (model/policy.ts) against one route. Returns the
// decision, the possibly modified attributes, and the label of the statement that decided —
// so `show` output, hints and the grader can say *why* a route was filtered.

import { networkOf, prefixContainsIp, prefixCovers, type Prefix } from '../core/ip.ts';
import type { Cond, Policy, PolicyAction, PolicyChain, PrefixList, RouteSourceKind } from '../model/policy.ts';
import type { PathAttrs } from '../model/route.ts';

export interface PolicySubject {
  readonly prefix: Prefix;
  readonly attrs?: PathAttrs;
  readonly source: RouteSourceKind;
  readonly ifname?: string;
  /** The session the route is sent to / came from is iBGP. */
  readonly peerInternal?: boolean;
}

export interface PolicyEnv {
  readonly prefixLists: Readonly<Record<string, PrefixList>>;
  /** Our AS (for `set as-path prepend` with no explicit AS, and `last-as`). */
  readonly localAs?: number;
}

export interface PolicyOutcome {
  readonly accepted: boolean;
  readonly attrs?: PathAttrs;
  /** The statement (or fallthrough) that decided. */
  readonly decidedBy: string;
  readonly krtTunnel?: string;
  readonly weight?: number;
}

export function evaluateChain(chain: PolicyChain, subject: PolicySubject, env: PolicyEnv): PolicyOutcome {
  let attrs = subject.attrs;
  let krtTunnel: string | undefined;
  let weight: number | undefined;
  const current = (): PolicySubject => (attrs === subject.attrs ? subject : { ...subject, attrs });
  for (const policy of chain.policies) {
    const r = evaluatePolicy(policy, current(), env);
    if (r.attrs) attrs = r.attrs;
    if (r.krtTunnel !== undefined) krtTunnel = r.krtTunnel;
    if (r.weight !== undefined) weight = r.weight;
    if (r.result === 'accept' || r.result === 'reject') {
      return finish(r.result === 'accept', attrs, r.label, krtTunnel, weight);
    }
  }
  return finish(chain.fallthrough === 'accept', attrs, chain.fallthroughLabel, krtTunnel, weight);
}

function finish(
  accepted: boolean,
  attrs: PathAttrs | undefined,
  decidedBy: string,
  krtTunnel: string | undefined,
  weight: number | undefined,
): PolicyOutcome {
  const out: { -readonly [K in keyof PolicyOutcome]: PolicyOutcome[K] } = { accepted, decidedBy };
  if (attrs) out.attrs = attrs;
  if (krtTunnel !== undefined) out.krtTunnel = krtTunnel;
  if (weight !== undefined) out.weight = weight;
  return out;
}

interface PolicyStep {
  result: 'accept' | 'reject' | 'next';
  label: string;
  attrs?: PathAttrs;
  krtTunnel?: string;
  weight?: number;
}

function evaluatePolicy(policy: Policy, subject: PolicySubject, env: PolicyEnv): PolicyStep {
  let attrs = subject.attrs;
  let krtTunnel: string | undefined;
  let weight: number | undefined;
  for (const st of policy.statements) {
    const s = attrs === subject.attrs ? subject : { ...subject, attrs };
    if (!evalCond(st.when, s, env)) continue;
    for (const action of st.actions) {
      const applied = applyAction(action, attrs, env);
      if (applied.attrs) attrs = applied.attrs;
      if (applied.krtTunnel !== undefined) krtTunnel = applied.krtTunnel;
      if (applied.weight !== undefined) weight = applied.weight;
    }
    if (st.result === 'continue') continue;
    return withExtras({ result: st.result, label: st.label }, attrs, krtTunnel, weight);
  }
  return withExtras({ result: policy.fallthrough, label: policy.fallthroughLabel }, attrs, krtTunnel, weight);
}

function withExtras(step: PolicyStep, attrs?: PathAttrs, krtTunnel?: string, weight?: number): PolicyStep {
  if (attrs) step.attrs = attrs;
  if (krtTunnel !== undefined) step.krtTunnel = krtTunnel;
  if (weight !== undefined) step.weight = weight;
  return step;
}

export function evalCond(c: Cond, s: PolicySubject, env: PolicyEnv): boolean {
  switch (c.op) {
    case 'true':
      return true;
    case 'and':
      return c.args.every((a) => evalCond(a, s, env));
    case 'or':
      return c.args.some((a) => evalCond(a, s, env));
    case 'not':
      return !evalCond(c.arg, s, env);
    case 'prefixEq':
      return s.prefix.addr === c.prefix.addr && s.prefix.len === c.prefix.len;
    case 'prefixIn':
      return c.ranges.some(
        (r) =>
          prefixCovers(r.prefix, s.prefix) &&
          s.prefix.len >= (r.minLen ?? r.prefix.len) &&
          s.prefix.len <= (r.maxLen ?? 32),
      );
    case 'prefixList': {
      const list = env.prefixLists[c.name];
      // FRR/IOS: a route-map matching a prefix-list that does not exist matches nothing.
      if (!list) return false;
      return prefixListPermits(list, s.prefix) === 'permit';
    }
    case 'source':
      return c.sources.includes(s.source);
    case 'ifname':
      return s.ifname !== undefined && globMatch(c.glob, s.ifname);
    case 'nextHopIn':
      return s.attrs !== undefined && prefixContainsIp(c.prefix, s.attrs.nextHop);
    case 'community': {
      const have = s.attrs?.communities ?? [];
      return c.matchAll ? c.values.every((v) => have.includes(v)) : c.values.some((v) => have.includes(v));
    }
    case 'asPath': {
      const text = (s.attrs?.asPath ?? []).join(' ');
      return safeRegex(c.regex)?.test(text) ?? false;
    }
    case 'peerInternal':
      return s.peerInternal === true;
  }
}

/** First matching entry decides; no match = deny (implicit deny at the end of every list). */
export function prefixListPermits(list: PrefixList, p: Prefix): 'permit' | 'deny' | 'no-match' {
  for (const e of list.entries) {
    if (!prefixCovers(e.prefix, p)) continue;
    const lo = e.ge ?? (e.le !== undefined ? e.prefix.len : e.prefix.len);
    const hi = e.le ?? (e.ge !== undefined ? 32 : e.prefix.len);
    if (p.len >= lo && p.len <= hi) return e.action;
  }
  return list.entries.length === 0 ? 'no-match' : 'deny';
}

function applyAction(a: PolicyAction, attrs: PathAttrs | undefined, env: PolicyEnv): { attrs?: PathAttrs; krtTunnel?: string; weight?: number } {
  switch (a.kind) {
    case 'krtTunnel':
      return { krtTunnel: a.value };
    case 'weight':
      return { weight: a.value };
    default:
      break;
  }
  if (!attrs) return {};
  switch (a.kind) {
    case 'localPref':
      return { attrs: { ...attrs, localPref: a.value } };
    case 'med':
      return { attrs: { ...attrs, med: a.value } };
    case 'prependAs': {
      const asns = a.asns.length > 0 ? a.asns : env.localAs !== undefined ? [env.localAs] : [];
      return { attrs: { ...attrs, asPath: [...asns, ...attrs.asPath] } };
    }
    case 'addCommunities': {
      const set = new Set(attrs.communities ?? []);
      for (const v of a.values) set.add(v);
      return { attrs: { ...attrs, communities: [...set] } };
    }
    case 'setCommunities':
      return { attrs: { ...attrs, communities: a.values.includes('none') ? [] : [...a.values] } };
    case 'nextHop':
      return typeof a.value === 'number' ? { attrs: { ...attrs, nextHop: a.value } } : {};
    case 'origin':
      return { attrs: { ...attrs, origin: a.value === 'igp' ? 0 : a.value === 'egp' ? 1 : 2 } };
  }
}

const regexCache = new Map<string, RegExp | null>();

/** Cisco-style AS-path regex: `_` matches a delimiter (start, end, space). Invalid = no match. */
function safeRegex(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re !== undefined) return re;
  try {
    re = new RegExp(pattern.replace(/_/g, '(?:^|$| )'));
  } catch {
    re = null;
  }
  regexCache.set(pattern, re);
  return re;
}

/** Shell-style glob with `*` and `?` (BIRD `ifname ~ "cali*"`). */
export function globMatch(glob: string, text: string): boolean {
  let gi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < text.length) {
    if (gi < glob.length && (glob[gi] === '?' || glob[gi] === text[ti])) {
      gi++;
      ti++;
    } else if (gi < glob.length && glob[gi] === '*') {
      star = gi++;
      mark = ti;
    } else if (star >= 0) {
      gi = star + 1;
      ti = ++mark;
    } else return false;
  }
  while (gi < glob.length && glob[gi] === '*') gi++;
  return gi === glob.length;
}

export { networkOf };
