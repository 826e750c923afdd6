import { describe, expect, it } from 'vitest';
import { parsePrefix } from '../core/ip.ts';
import type { PolicyChain, PrefixList } from '../model/policy.ts';
import { evaluateChain, globMatch, prefixListPermits } from './policy-eval.ts';

const p = (s: string) => parsePrefix(s)!;
const list = (entries: [string, 'permit' | 'deny', number?, number?][]): PrefixList => ({
  name: 'L',
  entries: entries.map(([pre, action, ge, le], i) => ({ seq: (i + 1) * 10, action, prefix: p(pre), ...(ge !== undefined ? { ge } : {}), ...(le !== undefined ? { le } : {}) })),
});

describe('prefix-list matching (ge/le)', () => {
  const k8s = list([['0.0.0.0/0', 'deny'], ['10.244.0.0/16', 'permit', undefined, 26], ['10.96.0.0/12', 'permit', undefined, 32]]);
  it.each([
    ['10.244.1.0/26', 'permit'],
    ['10.244.0.0/16', 'permit'],
    ['10.244.1.1/32', 'deny'],
    ['10.96.0.10/32', 'permit'],
    ['0.0.0.0/0', 'deny'],
    ['192.168.1.0/24', 'deny'],
  ])('K8S-PODS %s → %s', (pre, want) => expect(prefixListPermits(k8s, p(pre))).toBe(want));

  const ge = list([['10.0.0.0/8', 'permit', 24, 28]]);
  it.each([
    ['10.1.0.0/16', 'deny'],
    ['10.1.1.0/24', 'permit'],
    ['10.1.1.16/28', 'permit'],
    ['10.1.1.1/32', 'deny'],
  ])('ge 24 le 28: %s → %s', (pre, want) => expect(prefixListPermits(ge, p(pre))).toBe(want));

  it('ge without le means up to /32; exact match without either', () => {
    expect(prefixListPermits(list([['10.0.0.0/8', 'permit', 24]]), p('10.1.1.1/32'))).toBe('permit');
    expect(prefixListPermits(list([['10.0.0.0/8', 'permit']]), p('10.1.0.0/16'))).toBe('deny');
    expect(prefixListPermits(list([['10.0.0.0/8', 'permit']]), p('10.0.0.0/8'))).toBe('permit');
  });
});

describe('policy chains', () => {
  const prefixLists = { PODS: list([['10.244.0.0/16', 'permit', undefined, 26]]) };
  const routeMap: PolicyChain = {
    policies: [
      {
        name: 'route-map ACCEPT-K8S',
        statements: [{ label: 'route-map ACCEPT-K8S permit 10', when: { op: 'prefixList', name: 'PODS' }, actions: [{ kind: 'prependAs', asns: [64512, 64512] }, { kind: 'addCommunities', values: ['64512:100'] }], result: 'accept' }],
        fallthrough: 'reject',
        fallthroughLabel: 'implicit deny at the end of route-map ACCEPT-K8S',
      },
    ],
    fallthrough: 'reject',
    fallthroughLabel: 'reject',
  };
  it('applies set actions on permit and names the deciding statement', () => {
    const r = evaluateChain(routeMap, { prefix: p('10.244.1.0/26'), attrs: { origin: 0, asPath: [65001], nextHop: 1 }, source: 'bgp' }, { prefixLists });
    expect(r.accepted).toBe(true);
    expect(r.decidedBy).toBe('route-map ACCEPT-K8S permit 10');
    expect(r.attrs?.asPath).toEqual([64512, 64512, 65001]);
    expect(r.attrs?.communities).toEqual(['64512:100']);
  });
  it('implicit deny at the end of a route-map', () => {
    const r = evaluateChain(routeMap, { prefix: p('0.0.0.0/0'), attrs: { origin: 0, asPath: [], nextHop: 1 }, source: 'bgp' }, { prefixLists });
    expect(r).toMatchObject({ accepted: false, decidedBy: 'implicit deny at the end of route-map ACCEPT-K8S' });
  });
  it('a route-map matching a missing prefix-list matches nothing', () => {
    const r = evaluateChain(routeMap, { prefix: p('10.244.1.0/26'), source: 'bgp' }, { prefixLists: {} });
    expect(r.accepted).toBe(false);
  });
  it('BIRD filters: "next" falls through to the next function, first accept/reject ends it', () => {
    const chain: PolicyChain = {
      policies: [
        { name: 'bgp_f_exportFilterV4', statements: [{ label: 'reject 10.1/16', when: { op: 'prefixIn', ranges: [{ prefix: p('10.1.0.0/16') }] }, actions: [], result: 'reject' }], fallthrough: 'next', fallthroughLabel: '' },
        { name: 'calico_export_to_bgp_peers', statements: [{ label: 'pool', when: { op: 'prefixIn', ranges: [{ prefix: p('10.0.0.0/8') }] }, actions: [], result: 'accept' }], fallthrough: 'next', fallthroughLabel: '' },
      ],
      fallthrough: 'reject',
      fallthroughLabel: 'final reject',
    };
    const ev = (s: string) => evaluateChain(chain, { prefix: p(s), source: 'static' }, { prefixLists: {} });
    expect(ev('10.1.2.0/24')).toMatchObject({ accepted: false, decidedBy: 'reject 10.1/16' });
    expect(ev('10.2.0.0/24')).toMatchObject({ accepted: true, decidedBy: 'pool' });
    expect(ev('192.168.0.0/24')).toMatchObject({ accepted: false, decidedBy: 'final reject' });
  });
});

describe('interface globs (BIRD ifname ~ "…")', () => {
  it.each([
    ['cali*', 'cali12345', true],
    ['cali*', 'eth0', false],
    ['*.cali', 'vxlan.cali', true],
    ['*.calico', 'vxlan.calico', true],
    ['eth?', 'eth0', true],
    ['eth?', 'eth10', false],
    ['*', 'anything', true],
  ])('%s ~ %s = %s', (g, t, want) => expect(globMatch(g, t)).toBe(want));
});
