// Behaviours a simulator most often gets wrong (tests/conformance/README.md), one test each,
// on small hand-built networks. Rules cite where they live in the real implementations.
import { describe, expect, it } from 'vitest';
import { formatIp } from '../core/ip.ts';
import { Network } from './network.ts';
import { DROP_BGP, REJECT_BGP, birdNode, ip, router, type PeerSpec } from './testing.ts';
import type { DeviceConfig } from '../model/device.ts';

function net(...devices: DeviceConfig[]): Network {
  const n = new Network();
  for (const d of devices) n.setDevice(d);
  n.settle();
  return n;
}
const state = (n: Network, dev: string, peer: string) => n.sessions(dev).find((s) => formatIp(s.peer) === peer)!;
const fibVia = (n: Network, dev: string, dst: string) =>
  n.lookup(dev, ip(dst))?.nexthops.map((h) => (h.gateway !== undefined ? formatIp(h.gateway) : h.dev)).sort() ?? [];
const best = (n: Network, dev: string, prefix: string) => n.bgpRoutes(dev).find((e) => `${formatIp(e.prefix.addr)}/${e.prefix.len}` === prefix)?.paths.find((p) => p.best);

describe('route reflection (RFC 4456)', () => {
  // Two RRs (.5, .6) and two clients (.3, .4); BIRD as Calico configures it.
  const build = (cid5: string, cid6: string) => {
    // Calico: an RR marks as client every iBGP peer whose cluster ID differs from its own.
    const rr = (me: string, cid: string, other: string) => {
      const clientOpts = { rrClient: true, rrClusterId: ip(cid), multihop: 64 };
      const peers: PeerSpec[] = [
        { ip: `172.17.0.${other}`, as: 64512, opts: cid5 === cid6 ? { multihop: 64 } : clientOpts },
        ...['3', '4'].map((c) => ({ ip: `172.17.0.${c}`, as: 64512, opts: clientOpts })),
      ];
      return birdNode(`rr${me}`, 64512, [`eth0@lan=172.17.0.${me}/16`], peers, { blocks: [`10.244.${me}.0/26`] });
    };
    const client = (me: string) => birdNode(`c${me}`, 64512, [`eth0@lan=172.17.0.${me}/16`], ['5', '6'].map((r) => ({ ip: `172.17.0.${r}`, as: 64512, opts: { multihop: 64 } })), { blocks: [`10.244.${me}.0/26`] });
    return net(rr('5', cid5, '6'), rr('6', cid6, '5'), client('3'), client('4'));
  };

  it('same cluster ID: RRs are not each other\'s clients; a client gets one path per RR', () => {
    const n = build('244.0.0.1', '244.0.0.1');
    expect(state(n, 'rr5', '172.17.0.6').rrClient).toBe(false);
    const e = n.bgpRoutes('c3').find((x) => formatIp(x.prefix.addr) === '10.244.4.0')!;
    expect(e.paths.length).toBe(2);
    expect(e.paths.every((p) => formatIp(p.attrs.nextHop) === '172.17.0.4')).toBe(true);
    expect(e.paths.every((p) => p.attrs.clusterList?.map(formatIp).join() === '244.0.0.1')).toBe(true);
    expect(fibVia(n, 'c3', '10.244.4.1')).toEqual(['172.17.0.4']);
  });

  it('an RR never reflects a route back into its own cluster (CLUSTER_LIST loop, RFC 4456 §8)', () => {
    const n = build('244.0.0.1', '244.0.0.1');
    // rr6 got c3's route from rr5 (reflected) and from c3 itself; it sends c4 only one copy.
    const adj = n.adjRibOut('rr6', 'Node_172_17_0_4').filter((a) => formatIp(a.prefix.addr) === '10.244.3.0');
    expect(adj.length).toBe(1);
    expect(adj[0]!.attrs.clusterList?.map(formatIp)).toEqual(['244.0.0.1']);
  });

  it('ORIGINATOR_ID stops a route from coming back to its originator', () => {
    const n = build('244.0.0.1', '244.0.0.2');
    expect(n.bgpRoutes('c3').some((e) => formatIp(e.prefix.addr) === '10.244.3.0' && e.paths.some((p) => p.source === 'bgp'))).toBe(false);
  });
});

describe('next hops', () => {
  it('iBGP keeps the eBGP next hop; clients resolve it recursively (BIRD via the default route)', () => {
    // R1 (FRR RR for n1) learns 10.9.0.0/24 from R2 over eBGP on 10.1.0.0/30.
    const R2 = router('frr', 'R2', 65002, ['eth0@r1r2=10.1.0.2/30'], [{ ip: '10.1.0.1', as: 65001 }], { networks: ['10.9.0.0/24'], routes: ['10.9.0.0/24 blackhole'] });
    const R1 = router('frr', 'R1', 65001, ['eth0@r1r2=10.1.0.1/30', 'eth1@rack=10.30.0.1/24'], [{ ip: '10.1.0.2', as: 65002 }, { ip: '10.30.0.10', as: 65001, opts: { rrClient: true } }]);
    const n1 = birdNode('n1', 65001, ['eth0@rack=10.30.0.10/24'], [{ ip: '10.30.0.1', as: 65001, opts: { multihop: 64 } }], { routes: ['0.0.0.0/0 via 10.30.0.1'], pools: ['10.0.0.0/8'] });
    const n = net(R1, R2, n1);
    const b = best(n, 'n1', '10.9.0.0/24')!;
    expect(formatIp(b.attrs.nextHop)).toBe('10.1.0.2');
    expect(b.resolvedVia).toBe('routed');
    expect(fibVia(n, 'n1', '10.9.0.1')).toEqual(['10.30.0.1']);
  });

  it('FRR does not resolve a BGP next hop through a default route (ip nht resolve-via-default off)', () => {
    const R2 = router('frr', 'R2', 65002, ['eth0@r1r2=10.1.0.2/30'], [{ ip: '10.1.0.1', as: 65001 }], { networks: ['10.9.0.0/24'], routes: ['10.9.0.0/24 blackhole'] });
    const R1 = router('frr', 'R1', 65001, ['eth0@r1r2=10.1.0.1/30', 'eth1@rack=10.30.0.1/24'], [{ ip: '10.1.0.2', as: 65002 }, { ip: '10.30.0.10', as: 65001, opts: { rrClient: true } }]);
    const R3 = router('frr', 'R3', 65001, ['eth0@rack=10.30.0.10/24'], [{ ip: '10.30.0.1', as: 65001 }], { routes: ['0.0.0.0/0 via 10.30.0.1'] });
    const n = net(R1, R2, R3);
    const e = n.bgpRoutes('R3').find((x) => formatIp(x.prefix.addr) === '10.9.0.0')!;
    expect(e.paths[0]!.valid).toBe(false);
    expect(n.lookup('R3', ip('10.9.0.1'))?.proto).not.toBe('bgp');
  });

  it('eBGP on a shared subnet: FRR sends a third-party next hop, BIRD multihop eBGP sends itself', () => {
    // n1 and n2 (BIRD, AS 64512) and tor (FRR, AS 64501) on one subnet; n1 and n2 peer only with the ToR.
    const tor = router('frr', 'tor', 64501, ['eth0@rack=192.168.1.1/24'], [{ ip: '192.168.1.11', as: 64512 }, { ip: '192.168.1.12', as: 64512 }]);
    const mk = (i: number) => birdNode(`n${i}`, 64512, [`eth0@rack=192.168.1.1${i}/24`], [{ ip: '192.168.1.1', as: 64501, opts: { multihop: 64, allowOwnAs: 1 } }], { blocks: [`10.244.${i}.0/26`] });
    const n = net(tor, mk(1), mk(2));
    expect(formatIp(best(n, 'tor', '10.244.1.0/26')!.attrs.nextHop)).toBe('192.168.1.11');
    // FRR keeps the originator as next hop towards n2 (same subnet).
    expect(formatIp(best(n, 'n2', '10.244.1.0/26')!.attrs.nextHop)).toBe('192.168.1.11');
  });
});

describe('AS path loops', () => {
  const tor = router('frr', 'tor', 64501, ['eth0@rack=192.168.1.1/24'], [{ ip: '192.168.1.11', as: 64512 }, { ip: '192.168.1.12', as: 64512 }]);
  const mk = (i: number, allow = 0) => birdNode(`n${i}`, 64512, [`eth0@rack=192.168.1.1${i}/24`], [{ ip: '192.168.1.1', as: 64501, opts: { multihop: 64, allowOwnAs: allow } }], { blocks: [`10.244.${i}.0/26`] });
  it('nodes in one AS drop each other\'s routes re-advertised by an eBGP ToR', () => {
    const n = net(tor, mk(1), mk(2));
    expect(best(n, 'n2', '10.244.1.0/26')).toBeUndefined();
    expect(state(n, 'n2', '192.168.1.1').prefixesAccepted).toBe(0);
  });
  it('allow local as (allowas-in) accepts them', () => {
    const n = net(tor, mk(1, 1), mk(2, 1));
    expect(best(n, 'n2', '10.244.1.0/26')).toBeDefined();
  });
});

describe('BIRD table preference', () => {
  it('a local static blackhole (200) beats a BGP path (100) for the same prefix', () => {
    const a = birdNode('a', 64512, ['eth0@lan=10.0.0.1/24'], [{ ip: '10.0.0.2', as: 64512 }], { blocks: ['10.244.1.0/26', '10.96.0.0/12'], pools: ['10.244.0.0/16', '10.96.0.0/12'] });
    const b = birdNode('b', 64512, ['eth0@lan=10.0.0.2/24'], [{ ip: '10.0.0.1', as: 64512 }], { blocks: ['10.96.0.0/12'], pools: ['10.96.0.0/12'] });
    const n = net(a, b);
    const e = n.bgpRoutes('b').find((x) => formatIp(x.prefix.addr) === '10.96.0.0')!;
    expect(e.paths.find((p) => p.best)!.source).toBe('static');
    expect(e.paths.find((p) => !p.best)!.reason?.rule).toBe('preference');
  });
});

describe('session establishment', () => {
  const pair = (aOpts = {}, bOpts = {}, filters: DeviceConfig['filters'] = []) =>
    net(
      router('frr', 'A', 65001, ['eth0@l=10.0.0.1/30'], [{ ip: '10.0.0.2', as: 65002, opts: aOpts }]),
      { ...router('frr', 'B', 65002, ['eth0@l=10.0.0.2/30'], [{ ip: '10.0.0.1', as: 65001, opts: bOpts }]), filters },
    );
  it('TCP/179 silently dropped: stuck in Connect, reason names the rule', () => {
    const n = pair({}, {}, [DROP_BGP]);
    const s = state(n, 'A', '10.0.0.2');
    expect(s.state).toBe('Connect');
    expect(s.reason).toMatch(/179/);
  });
  it('TCP/179 rejected: Active with "Connection refused"', () => {
    const n = pair({}, {}, [REJECT_BGP]);
    expect(state(n, 'A', '10.0.0.2').lastError?.text).toBe('Connection refused');
  });
  it('both sides passive never connect', () => {
    const n = pair({ passive: true }, { passive: true });
    expect(state(n, 'A', '10.0.0.2').state).toBe('Active');
  });
  it('a neighbour with no configuration for us resets the connection', () => {
    const n = net(router('frr', 'A', 65001, ['eth0@l=10.0.0.1/30'], [{ ip: '10.0.0.2', as: 65002 }]), router('frr', 'B', 65002, ['eth0@l=10.0.0.2/30'], []));
    expect(state(n, 'A', '10.0.0.2').reason).toMatch(/no BGP neighbor configured/);
  });
  it('eBGP between loopbacks needs ebgp-multihop (TTL 1 otherwise)', () => {
    const A = router('frr', 'A', 65001, ['eth0@l=10.0.0.1/30', 'lo=192.0.2.1/32'], [{ ip: '192.0.2.2', as: 65002, opts: { updateSource: { ip: ip('192.0.2.1') } } }], { routes: ['192.0.2.2/32 via 10.0.0.2'] });
    const B = router('frr', 'B', 65002, ['eth0@l=10.0.0.2/30', 'lo=192.0.2.2/32'], [{ ip: '192.0.2.1', as: 65001, opts: { updateSource: { ip: ip('192.0.2.2') } } }], { routes: ['192.0.2.1/32 via 10.0.0.1'] });
    let n = net(A, B);
    expect(state(n, 'A', '192.0.2.2').state).not.toBe('Established');
    expect(state(n, 'A', '192.0.2.2').reason).toMatch(/not directly connected/);
    const hop = (d: DeviceConfig) => ({ ...d, bgp: { ...d.bgp!, neighbors: d.bgp!.neighbors.map((x) => ({ ...x, multihop: 2 })) } });
    n = net(hop(A), hop(B));
    expect(state(n, 'A', '192.0.2.2').state).toBe('Established');
  });
  it('BIRD: a second protocol to the same neighbour waits for the lock (mesh + BGPPeer)', () => {
    const a = birdNode('a', 64512, ['eth0@lan=10.0.0.1/24'], [{ ip: '10.0.0.2', as: 64512, name: 'Mesh_10_0_0_2' }, { ip: '10.0.0.2', as: 64512, name: 'Node_10_0_0_2', opts: { multihop: 64 } }]);
    const b = birdNode('b', 64512, ['eth0@lan=10.0.0.2/24'], [{ ip: '10.0.0.1', as: 64512, name: 'Mesh_10_0_0_1' }, { ip: '10.0.0.1', as: 64512, name: 'Node_10_0_0_1', opts: { multihop: 64 } }]);
    const n = net(a, b);
    const byName = Object.fromEntries(n.sessions('a').map((s) => [s.name, s]));
    expect(byName['Mesh_10_0_0_2']!.state).toBe('Established');
    expect(byName['Node_10_0_0_2']!.state).toBe('Idle');
    expect(byName['Node_10_0_0_2']!.lastError).toBeUndefined();
  });
});

describe('failures over time', () => {
  const mesh = () => {
    const mk = (i: number) => birdNode(`m${i}`, 64512, [`eth0@lan=172.17.0.${i}/16`], [3, 4].filter((j) => j !== i).map((j) => ({ ip: `172.17.0.${j}`, as: 64512, name: `Mesh_172_17_0_${j}`, opts: { passive: `172.17.0.${j}` > `172.17.0.${i}` } })), { blocks: [`10.244.${i}.0/26`] });
    return net(mk(3), mk(4));
  };
  it('SIGTERM withdraws at once; SIGKILL keeps routes stale until the graceful-restart time', () => {
    const n = mesh();
    n.daemon('m4', 'kill');
    n.settle();
    expect(state(n, 'm3', '172.17.0.4').state).not.toBe('Established');
    expect(best(n, 'm3', '10.244.4.0/26')?.stale).toBe(true);
    expect(fibVia(n, 'm3', '10.244.4.1')).toEqual(['172.17.0.4']);
    n.advance(119);
    expect(best(n, 'm3', '10.244.4.0/26')).toBeDefined();
    n.advance(2);
    expect(best(n, 'm3', '10.244.4.0/26')).toBeUndefined();
    n.daemon('m4', 'start');
    n.settle();
    expect(best(n, 'm3', '10.244.4.0/26')?.stale).toBe(false);
    n.daemon('m4', 'stop');
    n.settle();
    expect(best(n, 'm3', '10.244.4.0/26')).toBeUndefined();
    expect(state(n, 'm3', '172.17.0.4').lastError?.text).toBe('Administrative shutdown');
  });
  it('a silent path failure drops a multihop session only when the hold timer expires', () => {
    const n = mesh();
    n.setDevice({ ...n.config('m4')!, filters: [{ ...DROP_BGP, direction: 'both' }] });
    n.settle();
    expect(state(n, 'm3', '172.17.0.4').state).toBe('Established');
    n.advance(239);
    expect(state(n, 'm3', '172.17.0.4').state).toBe('Established');
    n.advance(2);
    const s = state(n, 'm3', '172.17.0.4');
    expect(s.state).not.toBe('Established');
    expect(s.lastError?.text).toBe('Hold timer expired');
  });
  it('a direct eBGP session drops as soon as its interface goes down', () => {
    const n = net(router('frr', 'A', 65001, ['eth0@l=10.0.0.1/30'], [{ ip: '10.0.0.2', as: 65002 }]), router('frr', 'B', 65002, ['eth0@l=10.0.0.2/30'], [{ ip: '10.0.0.1', as: 65001 }]));
    n.link('A', 'eth0', false);
    n.settle();
    expect(state(n, 'A', '10.0.0.2').state).not.toBe('Established');
  });
});

describe('ECMP', () => {
  it('FRR installs equal eBGP paths with the same AS path; different AS paths need multipath-relax', () => {
    const tor = (relax: boolean) => router('frr', 'tor', 64500, ['eth0@l=10.0.0.1/24'], [{ ip: '10.0.0.2', as: 65001 }, { ip: '10.0.0.3', as: 65002 }], { bgp: { asPathMultipathRelax: relax } });
    const leaf = (i: number, as: number) => router('frr', `leaf${i}`, as, [`eth0@l=10.0.0.${i}/24`], [{ ip: '10.0.0.1', as: 64500 }], { networks: ['10.96.0.0/12'], routes: ['10.96.0.0/12 blackhole'] });
    expect(fibVia(net(tor(false), leaf(2, 65001), leaf(3, 65002)), 'tor', '10.96.0.1').length).toBe(1);
    expect(fibVia(net(tor(true), leaf(2, 65001), leaf(3, 65002)), 'tor', '10.96.0.1')).toEqual(['10.0.0.2', '10.0.0.3']);
  });
});

describe('router knobs', () => {
  it('default-originate sends 0.0.0.0/0 with next hop self, without a default in the table', () => {
    const A = router('frr', 'A', 65001, ['eth0@l=10.0.0.1/30'], [{ ip: '10.0.0.2', as: 65002, opts: { defaultOriginate: true } }]);
    const B = router('frr', 'B', 65002, ['eth0@l=10.0.0.2/30'], [{ ip: '10.0.0.1', as: 65001 }]);
    const n = net(A, B);
    const b = best(n, 'B', '0.0.0.0/0')!;
    expect(formatIp(b.attrs.nextHop)).toBe('10.0.0.1');
    expect(b.attrs.asPath).toEqual([65001]);
    expect(best(n, 'A', '0.0.0.0/0')).toBeUndefined();
  });
  it('changing multipath settings recomputes best paths at once (no session reset)', () => {
    const tor = router('frr', 'tor', 64500, ['eth0@l=10.0.0.1/24'], [{ ip: '10.0.0.2', as: 65001 }, { ip: '10.0.0.3', as: 65002 }]);
    const leaf = (i: number, as: number) => router('frr', `leaf${i}`, as, [`eth0@l=10.0.0.${i}/24`], [{ ip: '10.0.0.1', as: 64500 }], { networks: ['10.96.0.0/12'], routes: ['10.96.0.0/12 blackhole'] });
    const n = net(tor, leaf(2, 65001), leaf(3, 65002));
    expect(fibVia(n, 'tor', '10.96.0.1').length).toBe(1);
    const ups = n.sessions('tor').map((s) => s.establishedCount);
    n.setDevice({ ...tor, bgp: { ...tor.bgp!, asPathMultipathRelax: true } });
    n.settle();
    expect(fibVia(n, 'tor', '10.96.0.1').length).toBe(2);
    expect(n.sessions('tor').map((s) => s.establishedCount)).toEqual(ups);
  });
});

describe('packet filters and TCP ports', () => {
  // Mesh pair: m3 is passive towards m4 (Calico: passive when the peer's address string is greater).
  const pair = (rulesOn: 'm3' | 'm4') => {
    const dport = { name: 'iptables -A INPUT -p tcp --dport 179 -j DROP', direction: 'in' as const, protocol: 'tcp' as const, port: 179, action: 'drop' as const };
    const mk = (i: number) =>
      birdNode(`m${i}`, 64512, [`eth0@lan=172.17.0.${i}/16`], [{ ip: `172.17.0.${7 - i}`, as: 64512, name: `Mesh_172_17_0_${7 - i}`, opts: { passive: `172.17.0.${7 - i}` > `172.17.0.${i}` } }], {
        blocks: [`10.244.${i}.0/26`],
        filters: rulesOn === `m${i}` ? [dport] : [],
      });
    return net(mk(3), mk(4));
  };
  it('--dport 179 on the connecting side does not stop the session it opens (replies come from port 179)', () => {
    expect(state(pair('m4'), 'm4', '172.17.0.3').state).toBe('Established');
  });
  it('--dport 179 on the listening side stops it', () => {
    const s = state(pair('m3'), 'm4', '172.17.0.3');
    expect(s.state).toBe('Connect');
    expect(s.reason).toMatch(/dport 179/);
  });
});
