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

describe('confd check_cmd: what is on disk and in the calico-node log', () => {
  const peer = (as: string) => `apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: collector}\nspec: {peerIP: 10.9.9.9${as}}\n`;

  it('a rejected bird.cfg is not installed; the log has the checkcmd error', () => {
    const c = new CalicoCluster('c', [hosts[0]!]);
    c.compile();
    const good = c.compiled.explain.get('a')!.diskFiles['bird.cfg'];
    expect(c.applyFile('p.yaml', peer('')).ok).toBe(true);
    const e = c.compiled.explain.get('a')!;
    expect(e.configErrors).toEqual(['Remote AS number must be set']);
    expect(e.files['bird.cfg']).toContain('neighbor 10.9.9.9 as 0;');
    expect(e.diskFiles['bird.cfg']).toBe(good);
    const log = c.nodeLog('a').map((l) => `${l.level} ${l.text}`);
    expect(log.at(-2)).toMatch(/^ERROR Error from checkcmd "bird -p -c \/etc\/calico\/confd\/config\/\.bird\.cfg\d+": "bird: \/etc\/calico\/confd\/config\/\.bird\.cfg\d+:\d+:1 Remote AS number must be set\\n"$/);
    expect(log.at(-1)).toBe('ERROR Config check failed: exit status 1');
    c.applyFile('p.yaml', peer(', asNumber: 65000'));
    expect(c.compiled.explain.get('a')!.diskFiles['bird.cfg']).toContain('neighbor 10.9.9.9 as 65000;');
    expect(c.nodeLog('a').at(-1)?.text).toBe('Target config /etc/calico/confd/config/bird.cfg has been updated');
  });

  it('with no bird.cfg yet, confd writes the rejected one anyway and BIRD does not start', () => {
    const c = new CalicoCluster('c', [hosts[0]!]);
    c.applyFile('p.yaml', peer(''));
    const e = c.compiled.explain.get('a')!;
    expect(e.birdDown).toBe(true);
    expect(e.diskFiles['bird.cfg']).toContain('neighbor 10.9.9.9 as 0;');
    expect(c.nodeLog('a').at(-1)?.text).toBe('Check failed, but file does not yet exist - create anyway');
  });

  it('startup lines say how the address was chosen', () => {
    const c = new CalicoCluster('c', hosts);
    expect(c.nodeLog('b').map((l) => l.text)).toContain('Using autodetected IPv4 address on interface eth0: 172.17.0.6/16');
    setEnv(c, 'IP_AUTODETECTION_METHOD', 'interface=ens.*');
    expect(c.nodeLog('b').map((l) => l.text)).toContain('Autodetection of IPv4 address failed, keeping existing value: 172.17.0.6/16');
  });
});
