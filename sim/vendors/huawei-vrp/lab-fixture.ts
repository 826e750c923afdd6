// Test helper: lesson 6 "AS per rack" with the VRP routers R1/R2 and FRR stand-ins for the
// Calico nodes (each originates its pod block; BIRD itself is another front end's business).

import { parseIp, parsePrefix } from '../../core/ip.ts';
import type { StaticRoute } from '../../model/device.ts';
import { createFrrFrontEnd } from '../frr/frontend.ts';
import { MiniLab, blackhole, ifaddr } from '../frr/lab-fixture.ts';
import { createHuaweiVrpFrontEnd } from './frontend.ts';

const via = (dst: string, gw: string): StaticRoute => ({ prefix: parsePrefix(dst)!, nexthops: [{ gateway: parseIp(gw)! }], type: 'unicast' });

export function asPerRackLab(r1: string, r2: string): MiniLab {
  const lab = new MiniLab();
  const gi = (n: number, seg: string) => ({ name: `GigabitEthernet0/0/${n}`, segment: seg });
  lab.add(createHuaweiVrpFrontEnd({ device: 'R1', ports: [gi(0, 'link-a'), gi(1, 'rack1'), gi(2, 'link-b')], startupConfig: r1 }).frontEnd);
  lab.add(createHuaweiVrpFrontEnd({ device: 'R2', ports: [gi(0, 'rack2'), gi(1, 'link-a'), gi(2, 'link-b')], startupConfig: r2 }).frontEnd);
  const node = (name: string, ip: string, seg: string, asn: number, rr: string, block: string, gw: string): void => {
    const conf = `frr defaults traditional\nhostname ${name}\nrouter bgp ${asn}\n neighbor ${rr} remote-as ${asn}\n address-family ipv4 unicast\n  network ${block}\n exit-address-family\nexit\n`;
    lab.add(createFrrFrontEnd({ device: name, ports: [{ name: 'eth0', segment: seg, addresses: [ifaddr(ip)] }], kernelRoutes: [blackhole(block), via('0.0.0.0/0', gw)], startupConfig: conf }).frontEnd);
  };
  node('n127', '10.30.81.127/24', 'rack1', 64512, '10.30.81.118', '10.244.235.192/26', '10.30.81.118');
  node('n128', '10.30.81.128/24', 'rack1', 64512, '10.30.81.118', '10.244.36.64/26', '10.30.81.118');
  node('n130', '10.30.81.130/24', 'rack1', 64512, '10.30.81.118', '10.244.169.128/26', '10.30.81.118');
  node('n20', '192.168.219.20/24', 'rack2', 64513, '192.168.219.10', '10.244.107.192/26', '192.168.219.10');
  node('n40', '192.168.219.40/24', 'rack2', 64513, '192.168.219.10', '10.244.122.64/26', '192.168.219.10');
  lab.net.settle();
  lab.net.advance(30);
  return lab;
}
