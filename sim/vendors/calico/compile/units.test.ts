import { describe, expect, it } from 'vitest';
import { formatIp, parseIp, parsePrefix } from '../../../core/ip.ts';
import { sha1Hex } from '../../../core/sha1.ts';
import { allocate, EMPTY_IPAM, pinBlocks } from './ipam.ts';
import type { IpamPool } from './ipam.ts';
import { caliName, POD_GATEWAY, podDeviceNames } from './pods.ts';
import { filterFunctionName, ruleBirdText } from './bird-policy.ts';
import { hashToIPv4 } from './bird-model.ts';
import { protocolName } from './peers.ts';
import { sha256Hex } from './sha256.ts';

const pool = (name: string, cidr: string, blockSize = 26, assignable = true): IpamPool => ({
  name,
  cidr: parsePrefix(cidr)!,
  blockSize,
  assignable,
  matchesNode: () => true,
});

describe('IPAM', () => {
  it('pods take the lowest free address of the node block, deterministically', () => {
    const pools = [pool('p', '10.244.0.0/16')];
    const pinned = pinBlocks(EMPTY_IPAM, [{ node: 'k8s-master', prefix: parsePrefix('10.244.235.192/26')! }], pools);
    const r = allocate(pinned, pools, [
      { handle: 'default/a', node: 'k8s-master' },
      { handle: 'default/b', node: 'k8s-master' },
      { handle: 'default/c', node: 'node1' },
    ]);
    expect(formatIp(r.assigned.get('default/a')!)).toBe('10.244.235.192');
    expect(formatIp(r.assigned.get('default/b')!)).toBe('10.244.235.193');
    const again = allocate(EMPTY_IPAM, pools, [{ handle: 'default/c', node: 'node1' }]);
    expect(r.assigned.get('default/c')).toBe(again.assigned.get('default/c'));
    // Existing allocations are kept when new pods arrive; gone pods free their address.
    const next = allocate(r.state, pools, [{ handle: 'default/b', node: 'k8s-master' }, { handle: 'default/z', node: 'k8s-master' }]);
    expect(formatIp(next.assigned.get('default/b')!)).toBe('10.244.235.193');
    expect(formatIp(next.assigned.get('default/z')!)).toBe('10.244.235.192');
  });

  it('a requested address in another node block is borrowed, outside any pool it fails', () => {
    const pools = [pool('p', '10.244.0.0/16')];
    const s = pinBlocks(EMPTY_IPAM, [{ node: 'n1', prefix: parsePrefix('10.244.1.0/26')! }], pools);
    const r = allocate(s, pools, [{ handle: 'x/y', node: 'n2', ip: parseIp('10.244.1.7')! }, { handle: 'x/z', node: 'n2', ip: parseIp('10.9.9.9')! }]);
    expect(formatIp(r.assigned.get('x/y')!)).toBe('10.244.1.7');
    expect(r.state.blocks.filter((b) => b.node === 'n2')).toHaveLength(0);
    expect(r.failures.get('x/z')).toMatch(/not in any IP pool/);
  });

  it('disabled pools are not used for allocation; a full pool reports it', () => {
    const r = allocate(EMPTY_IPAM, [pool('off', '10.1.0.0/16', 26, false)], [{ handle: 'a/b', node: 'n' }]);
    expect(r.failures.get('a/b')).toMatch(/no enabled IP pool/);
    const tiny = allocate(EMPTY_IPAM, [pool('t', '10.2.0.0/31', 31)], [1, 2, 3].map((i) => ({ handle: `a/${i}`, node: 'n' })));
    expect(tiny.failures.size).toBe(1);
  });
});

describe('names', () => {
  it('the pod gateway is 169.254.1.1 (unsigned)', () => {
    expect(formatIp(POD_GATEWAY)).toBe('169.254.1.1');
    expect(POD_GATEWAY).toBeGreaterThan(0);
  });
  it('cali veth names follow the Calico CNI convention', () => {
    expect(caliName('default', 'web')).toBe(`cali${sha1Hex('default.web').slice(0, 11)}`);
    expect(caliName('default', 'web')).toMatch(/^cali[0-9a-f]{11}$/);
  });
  it('pod device names are the pod name unless it clashes', () => {
    const pods = [
      { namespace: 'default', name: 'web', node: 'n1', ip: 1, labels: {}, ports: [], hostNetwork: false },
      { namespace: 'other', name: 'web', node: 'n2', ip: 2, labels: {}, ports: [], hostNetwork: false },
      { namespace: 'default', name: 'db', node: 'n1', ip: 3, labels: {}, ports: [], hostNetwork: false },
      { namespace: 'default', name: 'R1', node: 'n1', ip: 4, labels: {}, ports: [], hostNetwork: false },
    ];
    const names = podDeviceNames(pods, new Set(['n1', 'n2', 'R1']));
    expect(names.get('default/db')).toBe('db');
    expect(names.get('default/web')).toBe('n1-web');
    expect(names.get('other/web')).toBe('n2-web');
    expect(names.get('default/R1')).toBe('n1-R1');
  });
  it('protocol names', () => {
    expect(protocolName('Mesh', '172.17.0.4', 1790)).toBe('Mesh_172_17_0_4');
    expect(protocolName('Node', '10.30.81.118', 0)).toBe('Node_10_30_81_118');
    expect(protocolName('Global', '192.20.30.40', 1790)).toBe('Global_192_20_30_40_port_1790');
  });
  it('BGPFilter function names are truncated with a SHA-256 suffix at 64 characters', () => {
    expect(filterFunctionName('my-filter', 'export')).toBe("'bgp_my-filter_exportFilterV4'");
    const long = 'f'.repeat(60);
    const fn = filterFunctionName(long, 'import');
    expect(fn.length - 2).toBe(64);
    expect(fn).toBe(`'bgp_${'f'.repeat(28)}_${sha256Hex(long).toUpperCase().slice(0, 16)}_importFilterV4'`);
  });
  it('CALICO_ROUTER_ID=hash', () => {
    expect(hashToIPv4('k8s-master')).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(Number(hashToIPv4('k8s-master').split('.')[0])).toBeLessThanOrEqual(223);
  });
  it('BIRD text of filter rules (template_funcs.go filterStatement)', () => {
    expect(ruleBirdText({ action: 'Accept', matchOperator: 'In', cidr: '77.0.0.0/16' })).toBe('if ((net ~ 77.0.0.0/16)) then { accept; }');
    expect(ruleBirdText({ action: 'Reject', source: 'RemotePeers', cidr: '44.1.0.0/16', matchOperator: 'In' })).toBe(
      'if ((net ~ 44.1.0.0/16)&&((defined(source))&&(source ~ [ RTS_BGP ]))) then { reject; }',
    );
    expect(ruleBirdText({ action: 'Accept', matchOperator: 'In', cidr: '55.0.0.0/16', prefixLength: { min: 30 } })).toBe('if ((net ~ [ 55.0.0.0/16{30,32} ])) then { accept; }');
    expect(ruleBirdText({ action: 'Reject' })).toBe('reject;');
  });
});
