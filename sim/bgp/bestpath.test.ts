// Best-path order per family, table-driven: for each rule, two paths that differ only there.
import { describe, expect, it } from 'vitest';
import type { PathAttrs } from '../model/route.ts';
import fc from 'fast-check';
import { comparePaths, multipathCount, multipathLastRule, orderByRules, selectBest, sortPaths, type BestPathOptions } from './bestpath.ts';
import { orderFast, throughIgp } from './bestpath-fast.ts';
import { makePath, type NextHopResolution, type Path } from './path.ts';
import type { Session } from './session.ts';

const opts = (family: BestPathOptions['family']): BestPathOptions => ({ family, alwaysCompareMed: false, compareRouterId: false, defaultLocalPref: 100, localAs: 65000 });

interface P {
  attrs?: Partial<PathAttrs>;
  internal?: boolean;
  routerId?: number;
  peer?: number;
  igp?: number;
  valid?: boolean;
  weight?: number;
  local?: boolean;
  received?: number;
  preference?: number;
  source?: 'bgp' | 'static';
  protocol?: string;
}

let id = 1;
function path(p: P): Path {
  const session = p.local
    ? null
    : ({ internal: p.internal ?? false, remoteRouterId: p.routerId ?? 1, remoteAs: p.internal ? 65000 : 65001, cfg: { address: p.peer ?? 1 } } as unknown as Session);
  const attrs: PathAttrs = { origin: 0, asPath: [65001], nextHop: 10, ...p.attrs };
  const kind = { source: p.source ?? 'bgp', protocol: p.protocol ?? 'x', preference: p.preference ?? 100, routeType: 'unicast', fixedNexthops: p.source === 'static' ? [] : undefined, ifname: undefined } as const;
  const x = makePath({ prefix: { addr: 0, len: 0 }, key: 0 }, attrs, session, kind, 0, id++, { at: p.received ?? 0 }, p.weight ?? 0);
  const res: NextHopResolution = { valid: p.valid ?? true, via: 'connected', igp: p.igp ?? 0, nexthops: [] };
  x.res = res;
  return x;
}

// [rule, better, worse] — each pair differs in exactly one attribute.
const common: [string, P, P][] = [
  ['next-hop', {}, { valid: false }],
  ['local-pref', { attrs: { localPref: 200 } }, { attrs: { localPref: 100 } }],
  ['as-path', { attrs: { asPath: [65001] } }, { attrs: { asPath: [65001, 65002] } }],
  ['origin', { attrs: { origin: 0 } }, { attrs: { origin: 2 } }],
  ['med', { attrs: { med: 10 } }, { attrs: { med: 20 } }],
  ['ebgp-over-ibgp', { internal: false, attrs: { asPath: [] } }, { internal: true, attrs: { asPath: [] } }],
  ['igp-metric', { igp: 1, internal: true }, { igp: 5, internal: true }],
  ['router-id', { routerId: 1, internal: true }, { routerId: 2, internal: true }],
  ['cluster-list', { internal: true, attrs: { clusterList: [1] } }, { internal: true, attrs: { clusterList: [1, 2] } }],
  ['peer-address', { internal: true, peer: 1 }, { internal: true, peer: 2 }],
];

describe.each(['bird', 'frr', 'huawei-vrp'] as const)('%s best path', (family) => {
  it.each(common)('%s decides', (rule, a, b) => {
    const [pa, pb] = [path(a), path(b)];
    const c = comparePaths(pa, pb, opts(family));
    expect(c.rule).toBe(rule);
    expect(c.order).toBeLessThan(0);
    expect(comparePaths(pb, pa, opts(family)).order).toBeGreaterThan(0);
    expect(c.reason.text.length).toBeGreaterThan(5);
  });
});

describe('family differences', () => {
  it('BIRD: protocol preference first (static 200 beats BGP 100)', () => {
    const c = comparePaths(path({ source: 'static', preference: 200, local: true }), path({ attrs: { localPref: 500 } }), opts('bird'));
    expect(c.rule).toBe('preference');
  });
  it('FRR/Cisco: weight before local-pref; BIRD has no weight', () => {
    const a = path({ weight: 100 });
    const b = path({ attrs: { localPref: 300 } });
    expect(comparePaths(a, b, opts('frr')).rule).toBe('weight');
    expect(comparePaths(a, b, opts('bird')).rule).toBe('local-pref');
  });
  it('FRR: locally originated beats received at equal local-pref', () => {
    expect(comparePaths(path({ local: true, attrs: { asPath: [65001, 1] } }), path({}), opts('frr')).rule).toBe('local-origin');
  });
  it('FRR: the older of two eBGP paths wins before router ID', () => {
    expect(comparePaths(path({ routerId: 9, received: 1 }), path({ routerId: 1, received: 5 }), opts('frr')).rule).toBe('older');
    expect(comparePaths(path({ routerId: 9, received: 1 }), path({ routerId: 1, received: 5 }), { ...opts('frr'), compareRouterId: true }).rule).toBe('router-id');
  });
  it('VRP: shorter cluster list before router ID', () => {
    const a = path({ internal: true, routerId: 9, attrs: { clusterList: [1] } });
    const b = path({ internal: true, routerId: 1, attrs: { clusterList: [1, 2] } });
    expect(comparePaths(a, b, opts('huawei-vrp')).rule).toBe('cluster-list');
    expect(comparePaths(a, b, opts('frr')).rule).toBe('router-id');
  });
  it('MED is compared only between paths from the same neighbouring AS unless always-compare-med', () => {
    const a = path({ attrs: { asPath: [65001], med: 50 }, routerId: 1 });
    const b = path({ attrs: { asPath: [65009], med: 10 }, routerId: 2, received: -1 });
    expect(comparePaths(a, b, opts('bird')).rule).toBe('router-id');
    expect(comparePaths(a, b, { ...opts('bird'), alwaysCompareMed: true }).rule).toBe('med');
  });
  it('ORIGINATOR_ID stands in for the router ID of reflected paths', () => {
    const a = path({ internal: true, routerId: 9, attrs: { originatorId: 1 } });
    const b = path({ internal: true, routerId: 5 });
    expect(comparePaths(a, b, opts('bird')).rule).toBe('router-id');
    expect(comparePaths(a, b, opts('bird')).order).toBeLessThan(0);
  });
});

describe('multipath', () => {
  it('counts paths equal through the IGP metric; FRR needs identical AS paths without relax', () => {
    const paths = [path({ routerId: 2, attrs: { asPath: [65001] } }), path({ routerId: 1, attrs: { asPath: [65002] } }), path({ routerId: 3, attrs: { asPath: [65001, 1] } })];
    const o = opts('frr');
    const best = selectBest(paths, o);
    expect(multipathCount(paths, best, o, { ebgp: 64, ibgp: 64, asPathRelax: false })).toBe(1);
    expect(multipathCount(paths, best, o, { ebgp: 64, ibgp: 64, asPathRelax: true })).toBe(2);
    expect(multipathCount(paths, best, o, { ebgp: 1, ibgp: 1, asPathRelax: true })).toBe(1);
  });
});

describe('inlined order (bestpath-fast.ts) = the rule lists', () => {
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const arbP: fc.Arbitrary<P> = fc.record({
    attrs: fc.record({
      localPref: maybe(fc.constantFrom(100, 200)),
      asPath: fc.constantFrom([], [65001], [65002], [65001, 65002]),
      origin: fc.constantFrom(0 as const, 2 as const),
      med: maybe(fc.constantFrom(0, 10)),
      clusterList: maybe(fc.constantFrom([1], [1, 2])),
      originatorId: maybe(fc.constantFrom(1, 2)),
    }),
    internal: fc.boolean(),
    routerId: fc.constantFrom(1, 2),
    peer: fc.constantFrom(1, 2),
    igp: fc.constantFrom(0, 1, Infinity),
    valid: fc.boolean(),
    weight: fc.constantFrom(0, 100),
    local: fc.boolean(),
    received: fc.constantFrom(0, 1.5),
    preference: fc.constantFrom(100, 200),
    source: fc.constantFrom('bgp' as const, 'static' as const),
    protocol: fc.constantFrom('static1', 'kernel1'),
  });
  const arbO = fc.record({
    family: fc.constantFrom('bird' as const, 'frr' as const, 'cisco-ios' as const, 'huawei-vrp' as const),
    alwaysCompareMed: fc.boolean(),
    compareRouterId: fc.boolean(),
    defaultLocalPref: fc.constant(100),
    localAs: fc.constant(65000),
  });
  it('gives the same value for every pair of paths and options', () => {
    fc.assert(
      fc.property(arbP, arbP, arbO, (a, b, o) => {
        const [pa, pb] = [path(a), path(b)];
        expect(orderFast(pa, pb, o)).toBe(orderByRules(pa, pb, o));
        expect(throughIgp(pa, pb, o)).toBe(orderByRules(pa, pb, o, multipathLastRule(o.family)));
      }),
      { numRuns: 5000, seed: 42 },
    );
  });
  // MED is compared only between paths from the same neighbouring AS: cycles such as
  // A(AS1, MED 10, id 1) < B(AS2, id 2) < C(AS1, MED 5, id 3) < A.
  const arbMed: fc.Arbitrary<P> = fc.record({
    attrs: fc.record({ asPath: fc.constantFrom([65001], [65002]), med: fc.constantFrom(0, 5, 10) }),
    routerId: fc.constantFrom(1, 2, 3, 4),
  });
  it('sorts exactly like Array.prototype.sort, also where MED makes the order intransitive', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(arbP, arbMed), { minLength: 2, maxLength: 9 }), arbO, (ps, o) => {
        const paths = ps.map(path);
        const mine = [...paths];
        sortPaths(mine, o);
        expect(mine).toEqual([...paths].sort((a, b) => orderFast(a, b, o)));
        expect(mine.every((p, i) => p === [...paths].sort((a, b) => orderFast(a, b, o))[i])).toBe(true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
