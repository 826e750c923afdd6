import { describe, expect, it } from 'vitest';
import { parseIfAddr } from '../../core/ip.ts';
import { calicoctlPatch } from './calicoctl/commands.ts';
import { CalicoCluster } from './cluster.ts';
import type { CalicoHost } from './compile/view.ts';
import type { DaemonSetSpec } from './resources/types.ts';

const hosts: CalicoHost[] = [
  { name: 'a', interfaces: [{ name: 'eth0', addresses: [parseIfAddr('172.17.0.3/16')!], segment: 'lan' }], staticRoutes: [] },
  {
    name: 'b',
    interfaces: [
      { name: 'eth0', addresses: [parseIfAddr('172.17.0.6/16')!], segment: 'lan' },
      { name: 'br-2f4b1c', addresses: [parseIfAddr('172.18.0.1/16')!], segment: 'docker' },
    ],
    staticRoutes: [],
  },
];

function setEnv(c: CalicoCluster, name: string, value: string | undefined): void {
  const s = c.store;
  const ds = s.get('apps/v1', 'DaemonSet', 'calico-node', 'kube-system')!;
  const spec = JSON.parse(JSON.stringify(ds.spec)) as DaemonSetSpec;
  const ct = spec.template!.spec!.containers![0]!;
  ct.env = (ct.env ?? []).filter((e) => e.name !== name);
  if (value !== undefined) ct.env.push({ name, value });
  c.setStore(s.put({ ...ds, spec: spec as Record<string, unknown> }).store);
}

const addr = (c: CalicoCluster, n: string): string | undefined => c.store.calicoNode(n)?.spec?.bgp?.ipv4Address;

describe('calico-node restarts when its DaemonSet template changes', () => {
  it('re-detects the address with the new method; a manual fix lasts until the next rollout', () => {
    const c = new CalicoCluster('c', hosts);
    expect(addr(c, 'b')).toBe('172.17.0.6/16'); // the lab's install-time address (main interface)
    setEnv(c, 'IP_AUTODETECTION_METHOD', 'first-found');
    expect(c.rollouts).toBe(1);
    expect(addr(c, 'b')).toBe('172.18.0.1/16'); // first-found scans in reverse: the Docker bridge
    expect(c.startupNote('b')).toMatchObject({ kind: 'address', why: 'autodetected on interface br-2f4b1c' });
    c.setStore(calicoctlPatch(c.store, 'node', 'b', '{"spec":{"bgp":{"ipv4Address":"172.17.0.6/16"}}}').store);
    expect(addr(c, 'b')).toBe('172.17.0.6/16');
    expect(c.rollouts).toBe(1);
    setEnv(c, 'CALICO_ADVERTISE_CLUSTER_IPS', '10.96.0.0/12'); // any template change restarts calico-node
    expect(addr(c, 'b')).toBe('172.18.0.1/16');
    setEnv(c, 'IP_AUTODETECTION_METHOD', 'interface=eth0');
    expect(addr(c, 'b')).toBe('172.17.0.6/16');
    expect(addr(c, 'a')).toBe('172.17.0.3/16');
  });

  it('a failed detection keeps the old address', () => {
    const c = new CalicoCluster('c', hosts);
    setEnv(c, 'IP_AUTODETECTION_METHOD', 'interface=ens.*');
    expect(addr(c, 'b')).toBe('172.17.0.6/16');
    expect(c.startupNote('b')?.kind).toBe('keep');
  });

  it('the lab file\'s packet filters are the node\'s own iptables rules', () => {
    const c = new CalicoCluster('c', [{ ...hosts[0]!, filters: [{ name: 'iptables -A INPUT -p tcp --dport 179 -j DROP', direction: 'in', protocol: 'tcp', port: 179, anyPort: true, action: 'drop' }] }]);
    expect(c.local('a').filters).toHaveLength(1);
    expect(c.devices().devices.find((d) => d.name === 'a')!.filters).toHaveLength(1);
    c.local('a').filters.length = 0;
    expect(c.devices().devices.find((d) => d.name === 'a')!.filters).toHaveLength(0);
  });
});
