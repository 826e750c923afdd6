// Synthetic networks for benchmarks: an N-node Calico iBGP full mesh, and an RR fabric of
// N Calico nodes in racks with 3 route reflectors and an FRR ToR per rack.

import { formatIp, parseIp, type Prefix } from '../core/ip.ts';
import { defaultBgp, defaultNeighbor } from '../model/defaults.ts';
import { emptyDevice, type DeviceConfig } from '../model/device.ts';
import type { NeighborConfig } from '../model/bgp.ts';
import type { PolicyChain } from '../model/policy.ts';

const POOL: Prefix = { addr: parseIp('10.128.0.0')!, len: 9 };

function nodeIp(i: number): number {
  return parseIp('10.0.0.0')! + 10 + i;
}

function block(i: number): Prefix {
  return { addr: POOL.addr + i * 64, len: 26 };
}

const exportCache = new Map<number, PolicyChain>();

/** Calico's export: own block exact, nothing inside it, anything else in the pool (one object per node). */
function calicoExport(b: Prefix): PolicyChain {
  const hit = exportCache.get(b.addr);
  if (hit) return hit;
  const chain: PolicyChain = {
    policies: [
      {
        name: 'calico_export_to_bgp_peers',
        statements: [
          { label: 'calico_aggr', when: { op: 'prefixEq', prefix: b }, actions: [], result: 'accept' },
          { label: 'calico_aggr inside', when: { op: 'prefixIn', ranges: [{ prefix: b }] }, actions: [], result: 'reject' },
          { label: 'pool', when: { op: 'prefixIn', ranges: [{ prefix: POOL }] }, actions: [], result: 'accept' },
        ],
        fallthrough: 'reject',
        fallthroughLabel: 'reject',
      },
    ],
    fallthrough: 'reject',
    fallthroughLabel: 'reject',
  };
  exportCache.set(b.addr, chain);
  return chain;
}

function birdNode(i: number, neighbors: NeighborConfig[], asn = 64512, segment = 'lan'): DeviceConfig {
  const ip = nodeIp(i);
  return {
    ...emptyDevice(`node${i}`, 'calico-node', 'bird'),
    interfaces: [{ name: 'eth0', segment, addresses: [{ ip, len: 16 }] }],
    bgp: defaultBgp('bird', asn, {
      routerId: ip,
      neighbors,
      bird: {
        staticRoutes: [{ prefix: block(i), type: 'blackhole' }],
        kernel: { learn: true, mergePaths: 16, exportPolicy: { policies: [], fallthrough: 'accept', fallthroughLabel: 'accept' } },
        directInterfaces: ['-cali*', '*'],
      },
    }),
  };
}

export function fullMesh(n: number): DeviceConfig[] {
  const out: DeviceConfig[] = [];
  for (let i = 0; i < n; i++) {
    const me = nodeIp(i);
    const neighbors: NeighborConfig[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const peer = nodeIp(j);
      neighbors.push(
        defaultNeighbor('bird', peer, 64512, `Mesh_${formatIp(peer).replace(/\./g, '_')}`, {
          passive: formatIp(peer) > formatIp(me),
          updateSource: { ip: me },
          exportPolicy: calicoExport(block(i)),
          calicoKind: 'mesh',
        }),
      );
    }
    out.push(birdNode(i, neighbors));
  }
  return out;
}

/**
 * N Calico nodes (AS 64512) with the mesh off; nodes 0..2 are route reflectors (same cluster
 * ID), every other node peers with the three; each rack of 20 nodes also has an FRR ToR that
 * peers with its rack's nodes — iBGP in AS 64512 (the same-AS ToR Calico recommends: nodes
 * send it their own blocks) or eBGP in AS 65000+rack (every node then re-advertises every
 * block to its ToR, and the ToR sends them all back).
 */
export function rrFabric(n: number, tor: 'ibgp' | 'ebgp' = 'ibgp'): DeviceConfig[] {
  const out: DeviceConfig[] = [];
  const rrs = [0, 1, 2];
  const clusterId = parseIp('244.0.0.1')!;
  const rackSize = 20;
  const racks = Math.ceil(n / rackSize);
  const torIp = (r: number): number => parseIp('10.0.0.0')! + 60000 + r;
  for (let i = 0; i < n; i++) {
    const me = nodeIp(i);
    const isRR = rrs.includes(i);
    const neighbors: NeighborConfig[] = [];
    const peerWith = isRR ? [...Array(n).keys()].filter((j) => j !== i) : rrs;
    for (const j of peerWith) {
      const peer = nodeIp(j);
      const client = isRR && !rrs.includes(j);
      neighbors.push(
        defaultNeighbor('bird', peer, 64512, `Node_${formatIp(peer).replace(/\./g, '_')}`, {
          multihop: 64,
          updateSource: { ip: me },
          rrClient: client,
          ...(client ? { rrClusterId: clusterId } : {}),
          exportPolicy: calicoExport(block(i)),
          calicoKind: 'node',
        }),
      );
    }
    const rack = Math.floor(i / rackSize);
    const torAs = tor === 'ibgp' ? 64512 : 65000 + rack;
    neighbors.push(
      defaultNeighbor('bird', torIp(rack), torAs, `Node_${formatIp(torIp(rack)).replace(/\./g, '_')}`, {
        multihop: 64,
        updateSource: { ip: me },
        exportPolicy: calicoExport(block(i)),
        calicoKind: 'node',
      }),
    );
    out.push(birdNode(i, neighbors));
  }
  for (let r = 0; r < racks; r++) {
    const me = torIp(r);
    const members = [...Array(n).keys()].filter((i) => Math.floor(i / rackSize) === r);
    out.push({
      ...emptyDevice(`tor${r}`, 'router', 'frr'),
      interfaces: [{ name: 'eth0', segment: 'lan', addresses: [{ ip: me, len: 16 }] }],
      bgp: defaultBgp('frr', tor === 'ibgp' ? 64512 : 65000 + r, {
        routerId: me,
        neighbors: members.map((i) => defaultNeighbor('frr', nodeIp(i), 64512, formatIp(nodeIp(i)))),
      }),
    });
  }
  return out;
}
