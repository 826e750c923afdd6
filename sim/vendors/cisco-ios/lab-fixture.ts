// Test helper: lesson 4, the cluster's route-reflector masters peering iBGP with the LAN core
// switch (Catalyst 3650, 192.168.83.1, AS 64512). FRR stands in for the Calico masters.

import { createFrrFrontEnd } from '../frr/frontend.ts';
import { MiniLab, blackhole, ifaddr } from '../frr/lab-fixture.ts';
import { createCiscoIosFrontEnd } from './frontend.ts';

export function coreSwitchLab(startupConfig?: string): MiniLab {
  const lab = new MiniLab();
  lab.add(
    createCiscoIosFrontEnd({
      device: 'core-sw',
      ports: [{ name: 'GigabitEthernet1/0/1', segment: 'lan83' }, { name: 'GigabitEthernet1/0/2', segment: 'lan82' }, { name: 'GigabitEthernet1/0/3' }],
      ...(startupConfig ? { startupConfig } : {}),
    }).frontEnd,
  );
  const master = (name: string, ip: string, block: string): void => {
    const conf = `frr defaults traditional\nhostname ${name}\nrouter bgp 64512\n neighbor 192.168.83.1 remote-as 64512\n address-family ipv4 unicast\n  network ${block}\n exit-address-family\nexit\n`;
    lab.add(createFrrFrontEnd({ device: name, ports: [{ name: 'eth0', segment: 'lan83', addresses: [ifaddr(ip)] }], kernelRoutes: [blackhole(block)], startupConfig: conf }).frontEnd);
  };
  master('master1', '192.168.83.36/24', '172.15.190.0/26');
  master('master2', '192.168.83.49/24', '172.15.191.64/26');
  master('master3', '192.168.83.54/24', '172.15.192.128/26');
  lab.net.settle();
  return lab;
}

/** What a learner types on the switch in lesson 4. */
export const LESSON4_TYPED = [
  'enable',
  'conf t',
  'hostname core-sw',
  'ip routing',
  'vlan 83',
  'name k8s-nodes',
  'exit',
  'interface g1/0/1',
  'switchport mode access',
  'switchport access vlan 83',
  'exit',
  'interface Vlan83',
  'ip address 192.168.83.1 255.255.255.0',
  'no shutdown',
  'exit',
  'router bgp 64512',
  'bgp router-id 192.168.83.1',
  'bgp log-neighbor-changes',
  'neighbor 192.168.83.36 remote-as 64512',
  'neighbor 192.168.83.49 remote-as 64512',
  'neighbor 192.168.83.54 remote-as 64512',
  'end',
];
