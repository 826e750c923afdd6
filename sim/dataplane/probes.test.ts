// The packet walk and the probes built on it: dispositions, TTLs as hosts print them, which
// address answers a traceroute probe, return paths, ECMP consistency.
import { describe, expect, it } from 'vitest';
import { formatIp } from '../core/ip.ts';
import { Network } from '../engine/network.ts';
import { ifc, ip, route } from '../engine/testing.ts';
import { emptyDevice, type DeviceConfig } from '../model/device.ts';

function host(name: string, ifaces: string[], routes: string[] = [], extra: Partial<DeviceConfig> = {}): DeviceConfig {
  return { ...emptyDevice(name, 'host', 'linux'), interfaces: ifaces.map(ifc), staticRoutes: routes.map(route), ...extra };
}
function rtr(name: string, ifaces: string[], routes: string[] = [], platform: 'linux' | 'cisco-ios' = 'linux'): DeviceConfig {
  return { ...emptyDevice(name, 'router', platform), interfaces: ifaces.map(ifc), staticRoutes: routes.map(route) };
}

// vm1 — r1 — (two links, ECMP) — r2 — vm2
function chain(r2Routes = ['192.168.1.0/24 via 20.0.0.1,30.0.0.1']): Network {
  const n = new Network();
  n.setDevice(host('vm1', ['eth0@a=192.168.1.10/24'], ['0.0.0.0/0 via 192.168.1.1']));
  n.setDevice(rtr('r1', ['eth0@a=192.168.1.1/24', 'eth1@l1=20.0.0.1/24', 'eth2@l2=30.0.0.1/24'], ['192.168.2.0/24 via 20.0.0.2,30.0.0.2']));
  n.setDevice(rtr('r2', ['eth0@b=192.168.2.1/24', 'eth1@l1=20.0.0.2/24', 'eth2@l2=30.0.0.2/24'], r2Routes));
  n.setDevice(host('vm2', ['eth0@b=192.168.2.10/24'], ['0.0.0.0/0 via 192.168.2.1']));
  n.settle();
  return n;
}

describe('ping', () => {
  it('reply TTL is the target\'s initial TTL minus the routers on the way back', () => {
    const r = chain().ping({ from: 'vm1', to: ip('192.168.2.10') });
    expect(r.received).toBe(3);
    expect(r.replies[0]!.ttl).toBe(62);
    expect(r.trace.forward).toEqual(['vm1', 'r1', 'r2', 'vm2']);
  });
  it('a Cisco router answers with TTL 255 minus hops', () => {
    const n = chain();
    n.setDevice({ ...rtr('r2', ['eth0@b=192.168.2.1/24', 'eth1@l1=20.0.0.2/24', 'eth2@l2=30.0.0.2/24'], ['192.168.1.0/24 via 20.0.0.1'], 'cisco-ios') });
    n.settle();
    expect(n.ping({ from: 'vm1', to: ip('20.0.0.2') }).replies[0]!.ttl).toBe(254);
  });
  it('no return path: the request arrives, the reply does not', () => {
    const n = chain([]);
    const r = n.ping({ from: 'vm1', to: ip('192.168.2.10') });
    expect(r.received).toBe(0);
    expect(r.trace.disposition).toBe('no-return-path');
  });
  it('local errors are printed as ping does', () => {
    const n = new Network();
    n.setDevice(host('lonely', ['eth0@x=10.0.0.1/24']));
    n.setDevice(host('peer', ['eth0@x=10.0.0.2/24']));
    n.settle();
    expect(n.ping({ from: 'lonely', to: ip('8.8.8.8') }).localError).toBe('connect: Network is unreachable');
    const r = n.ping({ from: 'lonely', to: ip('10.0.0.99') });
    expect(r.replies[0]?.kind).toBe('host-unreachable');
  });
  it('a host does not forward: traffic through it stops there', () => {
    const n = new Network();
    n.setDevice(host('a', ['eth0@x=10.0.0.1/24'], ['10.1.0.0/24 via 10.0.0.2']));
    n.setDevice(host('mid', ['eth0@x=10.0.0.2/24', 'eth1@y=10.1.0.2/24']));
    n.setDevice(host('b', ['eth0@y=10.1.0.1/24'], ['10.0.0.0/24 via 10.1.0.2']));
    n.settle();
    const r = n.ping({ from: 'a', to: ip('10.1.0.1') });
    expect(r.received).toBe(0);
    expect(r.trace.reason).toMatch(/mid does not forward/);
  });
  it('a blackhole route drops silently', () => {
    const n = chain(['192.168.1.0/24 via 20.0.0.1', '192.168.1.10/32 blackhole']);
    const r = n.ping({ from: 'vm1', to: ip('192.168.2.10') });
    expect(r.received).toBe(0);
    expect(r.trace.disposition).toBe('no-return-path');
  });
});

describe('traceroute', () => {
  it('each router answers from the address facing back to the source; ECMP legs stay consistent', () => {
    const n = chain();
    const r = n.traceroute({ from: 'vm1', to: ip('192.168.2.10') });
    expect(r.reached).toBe(true);
    const hops = r.hops.map((h) => h.probes.map((p) => (p ? formatIp(p.addr) : '*')));
    expect(hops[0]).toEqual(['192.168.1.1', '192.168.1.1', '192.168.1.1']);
    expect(['20.0.0.2', '30.0.0.2']).toContain(hops[1]![0]);
    expect(new Set(hops[1]).size).toBe(1);
    expect(hops[2]).toEqual(['192.168.2.10', '192.168.2.10', '192.168.2.10']);
  });
  it('stops with !N when a router has no route', () => {
    const n = chain();
    const r = n.traceroute({ from: 'vm1', to: ip('172.16.0.1') });
    expect(r.reached).toBe(false);
    expect(r.hops[0]!.probes[0]).toMatchObject({ note: '!N' });
  });
  it('the same flow always takes the same ECMP leg (deterministic hash)', () => {
    const a = chain().traceroute({ from: 'vm1', to: ip('192.168.2.10') }).hops[1]!.probes[0]!.addr;
    const b = chain().traceroute({ from: 'vm1', to: ip('192.168.2.10') }).hops[1]!.probes[0]!.addr;
    expect(a).toBe(b);
  });
});

describe('TCP connect', () => {
  it('kube-proxy DNAT sends a Service IP to an endpoint; no listener = refused', () => {
    const n = new Network();
    n.setDevice(host('client', ['eth0@x=10.0.0.1/24'], ['10.96.0.0/12 via 10.0.0.2', '10.244.0.0/16 via 10.0.0.2']));
    n.setDevice({
      ...rtr('node', ['eth0@x=10.0.0.2/24', 'eth1@p=10.244.0.1/24']),
      dnat: [{ ip: ip('10.96.0.10'), port: 80, protocol: 'tcp', endpoints: [{ ip: ip('10.244.0.5'), port: 8080 }], label: 'default/web' }],
    });
    n.setDevice({ ...host('pod', ['eth0@p=10.244.0.5/24'], ['0.0.0.0/0 via 10.244.0.1']), listeners: [{ protocol: 'tcp', port: 8080, app: 'echoserver' }] });
    n.settle();
    const ok = n.connect({ from: 'client', to: ip('10.96.0.10'), port: 80, protocol: 'tcp' });
    expect(ok).toMatchObject({ ok: true, server: 'pod', serverPort: 8080, app: 'echoserver' });
    expect(ok.dnat).toMatch(/default\/web/);
    expect(n.connect({ from: 'client', to: ip('10.244.0.5'), port: 9999, protocol: 'tcp' }).failure).toBe('refused');
  });
});
