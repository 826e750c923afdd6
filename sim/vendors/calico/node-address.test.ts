import { describe, expect, it } from 'vitest';
import { parseIfAddr, parsePrefix, parseIp } from '../../core/ip.ts';
import type { CalicoHost } from './compile/view.ts';
import { chooseNodeAddress } from './node-address.ts';

// A node like lesson 2's cluster-a-m04: eth0 first, then a Docker user-defined bridge.
const host: CalicoHost = {
  name: 'm04',
  interfaces: [
    { name: 'eth0', addresses: [parseIfAddr('172.17.0.6/16')!], segment: 'lan' },
    { name: 'docker0', addresses: [parseIfAddr('172.30.0.1/16')!], segment: 'd0' },
    { name: 'br-2f4b1c', addresses: [parseIfAddr('172.18.0.1/16')!], segment: 'm04-docker' },
  ],
  staticRoutes: [{ prefix: parsePrefix('0.0.0.0/0')!, nexthops: [{ gateway: parseIp('172.17.0.1')! }], type: 'unicast' }],
};

describe('calico-node IPv4 address selection (IP, IP_AUTODETECTION_METHOD)', () => {
  it.each([
    // first-found scans in reverse index order and does not exclude br-*: the bridge wins.
    [{}, 'address', '172.18.0.1/16'],
    [{ IP: 'autodetect', IP_AUTODETECTION_METHOD: 'first-found' }, 'address', '172.18.0.1/16'],
    [{ IP_AUTODETECTION_METHOD: 'interface=eth0' }, 'address', '172.17.0.6/16'],
    [{ IP_AUTODETECTION_METHOD: 'interface=eth.*,ens.*' }, 'address', '172.17.0.6/16'],
    // unanchored include regex: "0" matches eth0 and docker0 (docker0 comes later, scanned first)
    [{ IP_AUTODETECTION_METHOD: 'interface=0' }, 'address', '172.30.0.1/16'],
    [{ IP_AUTODETECTION_METHOD: 'skip-interface=br-.*' }, 'address', '172.17.0.6/16'],
    [{ IP_AUTODETECTION_METHOD: 'cidr=172.17.0.0/16' }, 'address', '172.17.0.6/16'],
    [{ IP_AUTODETECTION_METHOD: 'can-reach=172.17.0.1' }, 'address', '172.17.0.6/16'],
    [{ IP_AUTODETECTION_METHOD: 'can-reach=8.8.8.8' }, 'address', '172.17.0.6/16'],
    [{ IP_AUTODETECTION_METHOD: 'can-reach=172.18.0.9' }, 'address', '172.18.0.1/16'],
    [{ IP_AUTODETECTION_METHOD: 'can-reach=www.google.com' }, 'keep', undefined],
    [{ IP_AUTODETECTION_METHOD: 'interface=ens5' }, 'keep', undefined],
    [{ IP_AUTODETECTION_METHOD: 'cidr=10.0.0.0/8' }, 'keep', undefined],
    [{ IP_AUTODETECTION_METHOD: 'cidr=nonsense' }, 'keep', undefined],
    [{ IP_AUTODETECTION_METHOD: 'interfaces=eth0' }, 'fatal', undefined],
    [{ IP: '172.17.0.6' }, 'address', '172.17.0.6/16'],
    [{ IP: '172.17.0.6/24' }, 'address', '172.17.0.6/24'],
    [{ IP: 'none' }, 'none', undefined],
    [{ IP: 'bogus' }, 'fatal', undefined],
  ] as const)('%o → %s %s', (env, kind, cidr) => {
    const c = chooseNodeAddress(host, env);
    expect(c.kind).toBe(kind);
    if (cidr) expect(c.kind === 'address' && c.cidr).toBe(cidr);
  });

  it('kubernetes-internal-ip takes the Node InternalIP with its interface length', () => {
    const c = chooseNodeAddress(host, { IP_AUTODETECTION_METHOD: 'kubernetes-internal-ip' }, '172.17.0.6');
    expect(c).toMatchObject({ kind: 'address', cidr: '172.17.0.6/16' });
  });

  it('the invalid-method message is calico-node\'s', () => {
    expect(chooseNodeAddress(host, { IP_AUTODETECTION_METHOD: 'eth0' })).toEqual({ kind: 'fatal', why: 'Invalid IP autodetection method: eth0' });
  });
});
