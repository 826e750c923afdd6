// Renderers against real captures (testdata/real/bird-1.6.8-two-nodes.txt: two BIRD 1.6.8
// speakers in network namespaces, Calico-style config). Our BIRD greets with Calico's
// version string; everything else must match line for line.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIp, parsePrefix } from '../../../core/ip.ts';
import type { BgpPathView, SessionView } from '../../../model/state.ts';
import { emptyDevice } from '../../../model/device.ts';
import { fixtureNet } from '../testing/fixture-net.ts';
import { birdHash, showProtocols, showRoute } from './bird.ts';
import { renderRoutes } from './ip.ts';
import { renderTable, wrapString } from './tablewriter.ts';
import { nodeStatus } from './node-status.ts';
import { renderPing, renderTraceroute } from './probes.ts';

const REAL = readFileSync(join(__dirname, '..', 'testdata', 'real', 'bird-1.6.8-two-nodes.txt'), 'utf8');
function section(title: string): string[] {
  const parts = REAL.split(/^### /m);
  const s = parts.find((p) => p.startsWith(`${title}\n`))!;
  return s.split('\n').slice(1).filter((l, i, a) => !(i === a.length - 1 && l === ''));
}

const ip = (s: string): number => parseIp(s)!;
const EPOCH = Date.UTC(2026, 10, 22, 0, 58, 31) / 1000;

const base: Omit<SessionView, 'name' | 'peer' | 'state' | 'protoState' | 'since'> = {
  device: 'a', port: 179, remoteAs: 64512, localAs: 64512, internal: true, passive: false, adminDown: false, establishedCount: 1, reason: '',
  holdTime: 240, keepalive: 80, rrClient: false, addPathTx: true, addPathRx: true, gracefulRestart: true, msgsSent: 1, msgsReceived: 1,
  updatesSent: 1, updatesReceived: 1, prefixesAccepted: 2, prefixesReceived: 2, prefixesSent: 2, prefixesPreferred: 1, dynamic: false, multihop: true,
};
const sessions: SessionView[] = [
  { ...base, name: 'Mesh_10_0_0_12', peer: ip('10.0.0.12'), state: 'Established', protoState: 'up', since: 2, passive: true, localAddress: ip('10.0.0.11'), peerRouterId: ip('10.0.0.12'), calicoKind: 'mesh' },
  { ...base, name: 'Node_10_0_0_99', peer: ip('10.0.0.99'), state: 'Connect', protoState: 'start', since: 0, prefixesAccepted: 0, prefixesSent: 0, prefixesPreferred: 0, lastError: { kind: 'socket', text: 'No route to host' }, calicoKind: 'node' },
];

function path(prefix: string, p: Partial<BgpPathView>): BgpPathView {
  return {
    prefix: parsePrefix(prefix)!, attrs: { origin: 0, asPath: [], nextHop: 0 }, from: 0, fromRouterId: 0, internal: false, local: true, source: 'static',
    best: true, multipath: false, valid: true, nexthops: [], weight: 0, stale: false, receivedAt: -1, ...p,
  };
}
const bgp = (prefix: string, best: boolean): BgpPathView =>
  path(prefix, { source: 'bgp', protocol: 'Mesh_10_0_0_12', session: 'Mesh_10_0_0_12', local: false, internal: true, best, preference: 100, from: ip('10.0.0.12'),
    attrs: { origin: 0, asPath: [], nextHop: ip('10.0.0.12'), localPref: 100 }, nexthops: [{ gateway: ip('10.0.0.12'), dev: 'cpva' }], receivedAt: 1, resolvedVia: 'connected', igpMetric: 0 });

const net = fixtureNet({
  time: 12,
  devices: {
    b: {
      config: { ...emptyDevice('b', 'calico-node', 'bird') },
      interfaces: [{ name: 'cpvb', addresses: [{ ip: ip('10.0.0.12'), len: 24 }], adminUp: true, linkUp: true, mac: '3a:75:ad:b2:dc:69' }],
    },
    a: {
      sessions,
      bgpRoutes: [
        { prefix: parsePrefix('10.0.0.0/24')!, paths: [path('10.0.0.0/24', { source: 'direct', protocol: 'direct1', preference: 240, routeType: 'device', nexthops: [{ dev: 'cpva' }] })] },
        { prefix: parsePrefix('10.96.0.0/12')!, paths: [path('10.96.0.0/12', { protocol: 'static1', preference: 200, routeType: 'blackhole' }), bgp('10.96.0.0/12', false)] },
        { prefix: parsePrefix('10.244.1.5/32')!, paths: [path('10.244.1.5/32', { source: 'kernel', protocol: 'kernel1', preference: 10, routeType: 'device', nexthops: [{ dev: 'cali12ab34cd56e' }] })] },
        { prefix: parsePrefix('10.244.2.0/26')!, paths: [bgp('10.244.2.0/26', true)] },
        { prefix: parsePrefix('10.244.1.0/26')!, paths: [path('10.244.1.0/26', { protocol: 'static1', preference: 200, routeType: 'blackhole' })] },
      ],
      fib: [
        { prefix: parsePrefix('10.0.0.0/24')!, type: 'unicast', nexthops: [{ dev: 'cpva' }], proto: 'kernel', scope: 'link', prefsrc: ip('10.0.0.11'), source: 'connected' },
        { prefix: parsePrefix('10.244.1.0/26')!, type: 'blackhole', nexthops: [], proto: 'bird', source: 'static' },
        { prefix: parsePrefix('10.244.1.5/32')!, type: 'unicast', nexthops: [{ dev: 'cali12ab34cd56e' }], proto: 'boot', scope: 'link', source: 'static' },
        { prefix: parsePrefix('10.244.2.0/26')!, type: 'unicast', nexthops: [{ gateway: ip('10.0.0.12'), dev: 'cpva' }], proto: 'bird', source: 'bgp' },
      ],
    },
  },
});
const ctx = { net, device: 'a', wall: (t: number) => EPOCH + t };

describe('birdcl screens match real BIRD 1.6.8', () => {
  it('show protocols', () => {
    expect(showProtocols(ctx, false).split('\n').slice(0, -1)).toEqual(section('birdc show protocols').slice(1));
  });

  it('show protocols all (BGP block, without the timers)', () => {
    const ours = showProtocols(ctx, true, 'Mesh_10_0_0_12').split('\n');
    const real = section('birdc show protocols all Mesh_10_0_0_12').slice(1);
    const strip = (l: string[]): string[] => l.filter((x) => !/timer:|Export updates|Route change|Import updates|Import withdraws|Export withdraws|Routes:/.test(x));
    // The real capture was taken a second later (the session's since column moved): skip the row.
    expect(strip(ours).slice(2, strip(real).length)).toEqual(strip(real).slice(2));
  });

  it('show route: hash order, alternatives, pref/igp and origin', () => {
    expect(showRoute(ctx, false).split('\n').slice(0, -1)).toEqual(section('birdc show route').slice(1));
  });

  it('show route all: attribute lines', () => {
    expect(showRoute(ctx, true).split('\n').slice(0, -1)).toEqual(section('birdc show route all').slice(1));
  });

  it('show route count, for, protocol', () => {
    expect(showRoute(ctx, false, {}, true)).toBe(`${section('birdc show route count')[1]}\n`);
    expect(showRoute(ctx, false, { forIp: ip('10.244.2.5') }).trimEnd()).toBe(section('birdc show route for 10.244.2.5')[1]);
    expect(showRoute(ctx, false, { protocol: 'Mesh_10_0_0_12' }).split('\n').slice(0, -1)).toEqual(section('birdc show route protocol Mesh_10_0_0_12').slice(1));
  });

  it('BIRD hash order is what BIRD 1.6 lists', () => {
    const order = ['10.0.0.0', '10.96.0.0', '10.244.1.5', '10.244.2.0', '10.244.1.0'].map((a) => birdHash(ip(a)));
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });
});

describe('iproute2', () => {
  it('ip route', () => {
    expect(renderRoutes(net.fib('a')).split('\n').slice(0, -1)).toEqual(section('ip route'));
  });
  it('multipath and onlink', () => {
    const out = renderRoutes([
      { prefix: parsePrefix('10.210.0.0/16')!, type: 'unicast', nexthops: [{ gateway: ip('172.17.0.9'), dev: 'eth0', weight: 1 }, { gateway: ip('172.17.0.10'), dev: 'eth0', weight: 1 }], proto: 'bird', source: 'bgp' },
      { prefix: parsePrefix('10.244.36.64/26')!, type: 'unicast', nexthops: [{ gateway: ip('10.30.81.128'), dev: 'tunl0', onlink: true }], proto: 'bird', source: 'bgp' },
      { prefix: parsePrefix('0.0.0.0/0')!, type: 'unicast', nexthops: [{ gateway: ip('10.30.81.118'), dev: 'eth0' }], proto: 'boot', source: 'static' },
    ]);
    expect(out).toBe(
      'default via 10.30.81.118 dev eth0 \n' +
        '10.210.0.0/16 proto bird \n\tnexthop via 172.17.0.9 dev eth0 weight 1 \n\tnexthop via 172.17.0.10 dev eth0 weight 1 \n' +
        '10.244.36.64/26 via 10.30.81.128 dev tunl0 proto bird onlink \n',
    );
  });
});

describe('calicoctl node status (tablewriter)', () => {
  it('the documented sample', () => {
    const t = renderTable(['Peer address', 'Peer type', 'State', 'Since', 'Info'], [['172.17.8.102', 'node-to-node mesh', 'up', '23:30:04', 'Established']]);
    expect(t).toBe(
      [
        '+--------------+-------------------+-------+----------+-------------+',
        '| PEER ADDRESS |     PEER TYPE     | STATE |  SINCE   |    INFO     |',
        '+--------------+-------------------+-------+----------+-------------+',
        '| 172.17.8.102 | node-to-node mesh | up    | 23:30:04 | Established |',
        '+--------------+-------------------+-------+----------+-------------+',
        '',
      ].join('\n'),
    );
  });
  it('wraps long INFO cells with minimal raggedness at 30 columns', () => {
    expect(wrapString('Active Socket: Connection refused')).toEqual(['Active Socket: Connection', 'refused']);
    expect(wrapString('Established')).toEqual(['Established']);
  });
  it('keeps only Global/Node/Mesh protocols with a state word, renders ports as .port.N', () => {
    const r = nodeStatus({ bird: ctx, felixRunning: true, birdRunning: true, bird6Running: true });
    expect(r.stdout).toContain('| 10.0.0.12    | node-to-node mesh | up    | 00:58:33 | Established');
    expect(r.stdout).toContain('| 10.0.0.99    | node specific     | start | 00:58:31 | Connect Socket: No route to');
    expect(r.stdout.endsWith('\nIPv6 BGP status\nNo IPv6 peers found.\n\n')).toBe(true);
    expect(nodeStatus({ bird: ctx, felixRunning: true, birdRunning: false, bird6Running: false }).stdout).toBe(
      'Calico process is running.\n\nThe BGP backend process (BIRD) is not running.\n\n',
    );
  });
});

describe('probes', () => {
  it('ping statistics and errors', () => {
    const out = renderPing('10.244.4.1', ip('10.244.4.1'), {
      source: ip('10.0.0.11'), sent: 3, received: 1, trace: { disposition: 'delivered', reason: '', forward: [], back: [] },
      replies: [
        { seq: 1, from: ip('10.244.4.1'), kind: 'echo-reply', ttl: 62, timeMs: 0.818 },
        { seq: 2, from: ip('10.30.81.118'), kind: 'host-unreachable', ttl: 64, timeMs: 1 },
      ],
    }, 3);
    expect(out.stdout).toBe(
      'PING 10.244.4.1 (10.244.4.1) 56(84) bytes of data.\n64 bytes from 10.244.4.1: icmp_seq=1 ttl=62 time=0.818 ms\nFrom 10.30.81.118 icmp_seq=2 Destination Host Unreachable\n\n--- 10.244.4.1 ping statistics ---\n3 packets transmitted, 1 received, +1 errors, 67% packet loss, time 2001ms\nrtt min/avg/max/mdev = 0.818/0.818/0.818/0.000 ms\n',
    );
  });
  it('traceroute with an ECMP hop and a silent hop', () => {
    const out = renderTraceroute('192.168.219.20', ip('192.168.219.20'), {
      source: 0, reached: true, trace: { disposition: 'delivered', reason: '', forward: [], back: [] },
      hops: [
        { ttl: 1, probes: [{ addr: ip('10.30.81.118'), rttMs: 0.431 }, { addr: ip('10.30.81.118'), rttMs: 0.377 }, { addr: ip('10.30.81.118'), rttMs: 0.352 }] },
        { ttl: 2, probes: [{ addr: ip('30.30.30.20'), rttMs: 1.012 }, { addr: ip('20.20.20.20'), rttMs: 0.981 }, null] },
        { ttl: 3, probes: [null, null, null] },
      ],
    }, false);
    expect(out.stdout).toBe(
      'traceroute to 192.168.219.20 (192.168.219.20), 30 hops max, 60 byte packets\n' +
        ' 1  10.30.81.118 (10.30.81.118)  0.431 ms  0.377 ms  0.352 ms\n' +
        ' 2  30.30.30.20 (30.30.30.20)  1.012 ms 20.20.20.20 (20.20.20.20)  0.981 ms *\n' +
        ' 3  * * *\n',
    );
  });
});
