// Best-path selection per implementation family, as ordered lists of small comparators.
// Each comparator returns which path is better and the deciding reason; the first comparator
// that prefers one path decides. The reason is kept on the route for `show` output and hints.

import { formatIp } from '../core/ip.ts';
import type { BestPathFamily } from '../model/bgp.ts';
import type { DecisionReason } from '../model/route.ts';
import type { Path } from './path.ts';
import { orderFast, throughIgp } from './bestpath-fast.ts';

export interface BestPathOptions {
  readonly family: BestPathFamily;
  readonly alwaysCompareMed: boolean;
  readonly compareRouterId: boolean;
  readonly defaultLocalPref: number;
  /** The speaker's own AS, for "neighbour AS" of paths with an empty AS path. */
  readonly localAs: number;
}

/** <0: a is better, >0: b is better, 0: equal under this rule. */
type Comparator = (a: Path, b: Path, o: BestPathOptions) => number;

interface Rule {
  readonly id: string;
  readonly cmp: Comparator;
  readonly explain: (winner: Path, loser: Path, o: BestPathOptions) => string;
}

const lp = (p: Path, o: BestPathOptions): number => p.attrs.localPref ?? o.defaultLocalPref;
const med = (p: Path): number => p.attrs.med ?? 0;
const routerIdOf = (p: Path): number => p.attrs.originatorId ?? p.session?.remoteRouterId ?? 0;
const neighborAs = (p: Path, o: BestPathOptions): number =>
  p.attrs.asPath.length > 0 ? p.attrs.asPath[0]! : p.session ? p.session.remoteAs : o.localAs;
const isEbgp = (p: Path): boolean => p.session !== null && !p.session.internal;
const peerAddr = (p: Path): number => p.session?.cfg.address ?? 0;

const VALID: Rule = {
  id: 'next-hop',
  cmp: (a, b) => Number(b.valid) - Number(a.valid),
  explain: (w, l) => `next hop ${formatIp(l.attrs.nextHop)} of the other path is unreachable`,
};

const RULES_COMMON = {
  localPref: {
    id: 'local-pref',
    cmp: (a, b, o) => lp(b, o) - lp(a, o),
    explain: (w, l, o) => `higher LOCAL_PREF ${lp(w, o)} > ${lp(l, o)}`,
  } as Rule,
  asPath: {
    id: 'as-path',
    cmp: (a, b) => a.attrs.asPath.length - b.attrs.asPath.length,
    explain: (w, l) => `shorter AS path (${w.attrs.asPath.length} < ${l.attrs.asPath.length})`,
  } as Rule,
  origin: {
    id: 'origin',
    cmp: (a, b) => a.attrs.origin - b.attrs.origin,
    explain: (w) => `lower ORIGIN (${['IGP', 'EGP', 'incomplete'][w.attrs.origin]})`,
  } as Rule,
  med: {
    id: 'med',
    cmp: (a, b, o) => (o.alwaysCompareMed || neighborAs(a, o) === neighborAs(b, o) ? med(a) - med(b) : 0),
    explain: (w, l) => `lower MED ${med(w)} < ${med(l)}`,
  } as Rule,
  ebgp: {
    id: 'ebgp-over-ibgp',
    cmp: (a, b) => Number(isEbgp(b)) - Number(isEbgp(a)),
    explain: () => 'eBGP path preferred over iBGP',
  } as Rule,
  igp: {
    id: 'igp-metric',
    cmp: (a, b) => (a.res.igp === b.res.igp ? 0 : a.res.igp < b.res.igp ? -1 : 1),
    explain: (w, l) => `lower IGP metric to the next hop (${w.res.igp} < ${fmtMetric(l.res.igp)})`,
  } as Rule,
  routerId: {
    id: 'router-id',
    cmp: (a, b) => routerIdOf(a) - routerIdOf(b),
    explain: (w, l) => `lower router ID ${formatIp(routerIdOf(w))} < ${formatIp(routerIdOf(l))}`,
  } as Rule,
  clusterList: {
    id: 'cluster-list',
    cmp: (a, b) => (a.attrs.clusterList?.length ?? 0) - (b.attrs.clusterList?.length ?? 0),
    explain: (w, l) => `shorter CLUSTER_LIST (${w.attrs.clusterList?.length ?? 0} < ${l.attrs.clusterList?.length ?? 0})`,
  } as Rule,
  peerAddress: {
    id: 'peer-address',
    cmp: (a, b) => peerAddr(a) - peerAddr(b),
    explain: (w, l) => `lower neighbour address ${formatIp(peerAddr(w))} < ${formatIp(peerAddr(l))}`,
  } as Rule,
};

function fmtMetric(m: number): string {
  return Number.isFinite(m) ? String(m) : 'unknown';
}

/** BIRD 1.6 nest/rt-table.c rte_better + proto/bgp/attrs.c bgp_rte_better. */
const BIRD_RULES: readonly Rule[] = [
  {
    id: 'preference',
    cmp: (a, b) => b.preference - a.preference,
    explain: (w, l) => `higher protocol preference ${w.preference} (${w.protocol}) > ${l.preference} (${l.protocol})`,
  },
  {
    // Same preference, different protocol types: BIRD compares protocol classes (stable but
    // arbitrary); only BGP routes go on to bgp_rte_better.
    id: 'protocol',
    cmp: (a, b) => (a.isBgp && b.isBgp ? 0 : a.isBgp === b.isBgp ? a.protocol.localeCompare(b.protocol) : a.isBgp ? 1 : -1),
    explain: (w) => `same preference; ${w.protocol} kept`,
  },
  VALID,
  // (BIRD 2 prefers non-stale over LLGR-stale routes; BIRD 1.6 with classic graceful restart
  // keeps stale routes fully eligible, which the rr-single recording confirms.)
  RULES_COMMON.localPref,
  RULES_COMMON.asPath,
  RULES_COMMON.origin,
  RULES_COMMON.med,
  RULES_COMMON.ebgp,
  RULES_COMMON.igp,
  RULES_COMMON.routerId,
  RULES_COMMON.clusterList,
  RULES_COMMON.peerAddress,
];

const WEIGHT: Rule = {
  id: 'weight',
  cmp: (a, b) => b.weight - a.weight,
  explain: (w, l) => `higher weight ${w.weight} > ${l.weight}`,
};

const LOCALLY_ORIGINATED: Rule = {
  id: 'local-origin',
  cmp: (a, b) => Number(b.session === null) - Number(a.session === null),
  explain: () => 'locally originated path preferred',
};

/** FRR bgp_path_info_cmp: for two eBGP paths prefer the older one (unless compare-routerid). */
const OLDEST_EBGP: Rule = {
  id: 'older',
  cmp: (a, b, o) => (o.compareRouterId || !isEbgp(a) || !isEbgp(b) ? 0 : a.receivedAt - b.receivedAt),
  explain: () => 'older eBGP path preferred (received first)',
};

/** Cisco IOS / FRR order. */
const IOS_RULES: readonly Rule[] = [
  VALID,
  WEIGHT,
  RULES_COMMON.localPref,
  LOCALLY_ORIGINATED,
  RULES_COMMON.asPath,
  RULES_COMMON.origin,
  RULES_COMMON.med,
  RULES_COMMON.ebgp,
  RULES_COMMON.igp,
  OLDEST_EBGP,
  RULES_COMMON.routerId,
  RULES_COMMON.clusterList,
  RULES_COMMON.peerAddress,
];

/** Huawei VRP: preferred value, local pref, locally originated, AS path, origin, MED, EBGP>IBGP, IGP cost, cluster list, router ID, peer address. */
const VRP_RULES: readonly Rule[] = [
  VALID,
  { ...WEIGHT, explain: (w, l) => `higher preferred value ${w.weight} > ${l.weight}` },
  RULES_COMMON.localPref,
  LOCALLY_ORIGINATED,
  RULES_COMMON.asPath,
  RULES_COMMON.origin,
  RULES_COMMON.med,
  RULES_COMMON.ebgp,
  RULES_COMMON.igp,
  RULES_COMMON.clusterList,
  RULES_COMMON.routerId,
  RULES_COMMON.peerAddress,
];

function rulesFor(family: BestPathFamily): readonly Rule[] {
  return family === 'bird' ? BIRD_RULES : family === 'huawei-vrp' ? VRP_RULES : IOS_RULES;
}

export interface Comparison {
  /** <0 when a is better. */
  readonly order: number;
  readonly rule: string;
  readonly reason: DecisionReason;
}

export function comparePaths(a: Path, b: Path, o: BestPathOptions): Comparison {
  for (const rule of rulesFor(o.family)) {
    const c = rule.cmp(a, b, o);
    if (c !== 0) {
      const [w, l] = c < 0 ? [a, b] : [b, a];
      return { order: c, rule: rule.id, reason: { rule: rule.id, text: rule.explain(w, l, o) } };
    }
  }
  return { order: 0, rule: 'equal', reason: { rule: 'equal', text: 'paths are equal' } };
}

/** Ordering only (no reason text), by walking the rule list: the reference for bestpath-fast.ts. */
export function orderByRules(a: Path, b: Path, o: BestPathOptions, through = Infinity): number {
  const rules = rulesFor(o.family);
  const last = Math.min(through, rules.length - 1);
  for (let r = 0; r <= last; r++) {
    const c = rules[r]!.cmp(a, b, o);
    if (c !== 0) return c;
  }
  return 0;
}

/** Ordering only: what the decision process uses on the hot path (same order as orderByRules). */
export function orderPaths(a: Path, b: Path, o: BestPathOptions): number {
  return orderFast(a, b, o);
}

/** Sorts `paths` best first, in place (stable: ties keep arrival order); returns the best usable one. */
export function selectBest(paths: Path[], o: BestPathOptions): Path | undefined {
  if (paths.length === 0) return undefined;
  if (paths.length > 1) sortPaths(paths, o);
  const best = paths[0]!;
  return best.valid || !best.isBgp ? best : undefined;
}

/**
 * Sorts like V8's Array.prototype.sort (TimSort), step for step, so the result is the same even
 * where the order is not transitive (MED compared only within one neighbouring AS): below 64
 * elements TimSort is one run — the longest ascending or strictly descending prefix (reversed
 * if descending), then binary insertion of the rest (v8 third_party/v8/builtins/array-sort.tq,
 * CountAndMakeRun + BinaryInsertionSort). Written out here because calling the builtin with a
 * comparator costs more than sorting the two or three paths of a prefix.
 */
export function sortPaths(a: Path[], o: BestPathOptions): void {
  const n = a.length;
  if (n >= 64) {
    a.sort((x, y) => orderFast(x, y, o));
    return;
  }
  let run = 2;
  const descending = orderFast(a[1]!, a[0]!, o) < 0;
  // (V8 reads a NaN comparison as 0: `c < 0` is false for both.)
  for (; run < n; run++) if (orderFast(a[run]!, a[run - 1]!, o) < 0 !== descending) break;
  if (descending) {
    for (let i = 0, j = run - 1; i < j; i++, j--) {
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
  }
  for (let start = run; start < n; start++) {
    const pivot = a[start]!;
    let left = 0;
    let right = start;
    while (left < right) {
      const mid = left + ((right - left) >> 1);
      if (orderFast(pivot, a[mid]!, o) < 0) right = mid;
      else left = mid + 1;
    }
    for (let p = start; p > left; p--) a[p] = a[p - 1]!;
    a[left] = pivot;
  }
}

const MULTIPATH_LAST_RULE = 'igp-metric';

/** Index of the last rule that multipath equality looks at, per family (for orderByRules). */
export function multipathLastRule(family: BestPathFamily): number {
  return rulesFor(family).findIndex((r) => r.id === MULTIPATH_LAST_RULE);
}

/**
 * How many paths, from the start of the sorted list, are equal to the best up to the IGP
 * metric step (RFC 4271 §9.1.2.2 tie-breaks aside): FRR/Cisco install them as ECMP
 * (`maximum-paths`), BIRD merges them into one kernel route (`merge paths`).
 * Sorting puts such paths next to each other, so a count is enough.
 */
export function multipathCount(ordered: readonly Path[], best: Path | undefined, o: BestPathOptions, limits: { ebgp: number; ibgp: number; asPathRelax: boolean }): number {
  if (!best) return 0;
  if (!best.isBgp) return 1;
  const max = isEbgp(best) ? limits.ebgp : limits.ibgp;
  let n = 1;
  for (let i = 1; i < ordered.length && n < max; i++) {
    const p = ordered[i]!;
    if (!p.isBgp || !p.valid || isEbgp(p) !== isEbgp(best)) break;
    // Equal under every rule up to the IGP metric (MULTIPATH_LAST_RULE).
    if (throughIgp(best, p, o) !== 0) break;
    // FRR/Cisco: without as-path multipath-relax the AS paths must be identical.
    if (o.family !== 'bird' && !limits.asPathRelax && p.attrs.asPath.join(' ') !== best.attrs.asPath.join(' ')) break;
    n++;
  }
  return n;
}
