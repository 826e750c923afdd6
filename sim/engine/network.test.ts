import { describe, expect, it } from 'vitest';
import { parseIfAddr, parseIp, parsePrefix, type IfAddr, type Prefix } from '../core/ip.ts';
import { emptyDevice, type DeviceConfig, type InterfaceConfig } from '../model/device.ts';
import { defaultBgp, defaultNeighbor } from '../model/defaults.ts';
import { Network } from './network.ts';

const ip = (s: string) => parseIp(s)!;
const pfx = (s: string): Prefix => parsePrefix(s)!;
const ifa = (s: string): IfAddr => parseIfAddr(s)!;
const iface = (name: string, segment: string, addr: string): InterfaceConfig => ({ name, segment, addresses: [ifa(addr)] });

function frr(name: string, asn: number, ifaces: InterfaceConfig[], neighbors: [string, number][], networks: string[] = [], extra: Partial<DeviceConfig> = {}): DeviceConfig {
  return {
    ...emptyDevice(name, 'router', 'frr'),
    interfaces: ifaces,
    bgp: defaultBgp('frr', asn, {
      neighbors: neighbors.map(([a, as]) => defaultNeighbor('frr', ip(a), as, a)),
      networks: networks.map((n) => ({ prefix: pfx(n) })),
    }),
    ...extra,
  };
}

describe('Network: two FRR routers, one eBGP session', () => {
  const build = (r2as = 65002) => {
    const net = new Network();
    net.setDevice(frr('R1', 65001, [iface('eth0', 'link', '10.0.12.1/30'), { name: 'lo', loopback: true, addresses: [ifa('192.0.2.1/32')] }], [['10.0.12.2', 65002]], ['192.0.2.1/32']));
    net.setDevice(frr('R2', r2as, [iface('eth0', 'link', '10.0.12.2/30')], [['10.0.12.1', 65001]]));
    return net;
  };

  it('comes up and exchanges the advertised prefix', () => {
    const net = build();
    const r = net.settle();
    expect(r.converged).toBe(true);
    expect(net.sessions('R1')[0]!.state).toBe('Established');
    expect(net.sessions('R2')[0]!.state).toBe('Established');
    const routes = net.bgpRoutes('R2');
    expect(routes.map((e) => `${e.prefix.addr}/${e.prefix.len}`)).toEqual([`${ip('192.0.2.1')}/32`]);
    const best = routes[0]!.paths[0]!;
    expect(best.attrs.asPath).toEqual([65001]);
    expect(best.attrs.nextHop).toBe(ip('10.0.12.1'));
    const fib = net.lookup('R2', ip('192.0.2.1'));
    expect(fib?.nexthops[0]?.gateway).toBe(ip('10.0.12.1'));
    expect(fib?.proto).toBe('bgp');
  });

  it('reports Bad peer AS on both sides when remote-as is wrong', () => {
    const net = build(65003);
    net.settle();
    const s1 = net.sessions('R1')[0]!;
    const s2 = net.sessions('R2')[0]!;
    expect(s1.state).not.toBe('Established');
    const errs = [s1.lastError, s2.lastError].map((e) => e && `${e.kind}:${e.text}`).sort();
    expect(errs).toEqual(['received:Bad peer AS', 'sent:Bad peer AS']);
    expect(s1.reason + s2.reason).toMatch(/expects AS 65002/);
  });

  it('recovers after the fix and pings across', () => {
    const net = build(65003);
    net.settle();
    const r2 = net.config('R2')!;
    net.setDevice({ ...r2, bgp: { ...r2.bgp!, asn: 65002 } });
    net.settle();
    expect(net.sessions('R1')[0]!.state).toBe('Established');
    const ping = net.ping({ from: 'R2', to: ip('192.0.2.1') });
    expect(ping.received).toBe(3);
    expect(ping.replies[0]!.ttl).toBe(64);
  });
});
