// Small builders for engine tests: neutral device configs written the short way.

import { parseIfAddr, parseIp, parsePrefix, type Prefix } from '../core/ip.ts';
import { defaultBgp, defaultNeighbor } from '../model/defaults.ts';
import { emptyDevice, type DeviceConfig, type InterfaceConfig, type PacketFilterRule, type StaticRoute } from '../model/device.ts';
import type { BestPathFamily, BgpConfig, NeighborConfig } from '../model/bgp.ts';
import type { Policy, PolicyChain } from '../model/policy.ts';

export const ip = (s: string): number => {
  const v = parseIp(s);
  if (v === null) throw new Error(`bad ip ${s}`);
  return v;
};
export const pfx = (s: string): Prefix => {
  const v = parsePrefix(s);
  if (!v) throw new Error(`bad prefix ${s}`);
  return v;
};

/** "eth0@lan=10.0.0.1/24" or "lo=192.0.2.1/32" (no segment = loopback). */
export function ifc(spec: string): InterfaceConfig {
  const [left, addr] = spec.split('=') as [string, string | undefined];
  const [name, segment] = left.split('@') as [string, string | undefined];
  const addresses = addr ? addr.split(',').map((a) => parseIfAddr(a)!) : [];
  return segment ? { name, segment, addresses } : { name, addresses, loopback: true };
}

/** "10.0.0.0/8 via 10.0.0.1,10.0.0.2" | "0.0.0.0/0 via 1.2.3.4" | "10.1.0.0/16 blackhole". */
export function route(spec: string): StaticRoute {
  const [dst, kind, gws] = spec.split(/\s+/) as [string, string, string | undefined];
  if (kind === 'blackhole') return { prefix: pfx(dst), nexthops: [], type: 'blackhole', origin: 'admin' };
  return { prefix: pfx(dst), nexthops: (gws ?? '').split(',').map((g) => ({ gateway: ip(g) })), type: 'unicast', origin: 'admin', linuxProto: 'boot' };
}

export interface PeerSpec {
  ip: string;
  as: number;
  name?: string;
  opts?: Partial<NeighborConfig>;
}

export function router(
  family: Exclude<BestPathFamily, 'bird'>,
  name: string,
  asn: number,
  ifaces: string[],
  peers: PeerSpec[],
  extra: { networks?: string[]; routes?: string[]; bgp?: Partial<BgpConfig>; filters?: PacketFilterRule[]; prefixLists?: DeviceConfig['prefixLists'] } = {},
): DeviceConfig {
  const platform = family;
  return {
    ...emptyDevice(name, 'router', platform),
    interfaces: ifaces.map(ifc),
    staticRoutes: (extra.routes ?? []).map(route),
    filters: extra.filters ?? [],
    prefixLists: extra.prefixLists ?? {},
    bgp: defaultBgp(family, asn, {
      neighbors: peers.map((p) => defaultNeighbor(family, ip(p.ip), p.as, p.name ?? p.ip, p.opts)),
      networks: (extra.networks ?? []).map((n) => ({ prefix: pfx(n) })),
      ...extra.bgp,
    }),
  };
}

const acceptPools = (pools: Prefix[], blocks: Prefix[]): PolicyChain => {
  const policy: Policy = {
    name: 'calico_export_to_bgp_peers',
    statements: [
      ...blocks.flatMap((b) => [
        { label: 'calico_aggr', when: { op: 'prefixEq' as const, prefix: b }, actions: [], result: 'accept' as const },
        { label: 'calico_aggr inside', when: { op: 'prefixIn' as const, ranges: [{ prefix: b }] }, actions: [], result: 'reject' as const },
      ]),
      ...pools.map((p) => ({ label: 'pool', when: { op: 'prefixIn' as const, ranges: [{ prefix: p }] }, actions: [], result: 'accept' as const })),
    ],
    fallthrough: 'reject',
    fallthroughLabel: 'reject',
  };
  return { policies: [policy], fallthrough: 'reject', fallthroughLabel: 'reject' };
};

/** A Calico-like BIRD node: block blackholes, Calico's export (blocks + pools), learn kernel. */
export function birdNode(
  name: string,
  asn: number,
  ifaces: string[],
  peers: PeerSpec[],
  extra: { blocks?: string[]; pools?: string[]; routes?: string[]; filters?: PacketFilterRule[] } = {},
): DeviceConfig {
  const blocks = (extra.blocks ?? []).map(pfx);
  const pools = (extra.pools ?? ['10.244.0.0/16']).map(pfx);
  const interfaces = ifaces.map(ifc);
  const me = interfaces[0]!.addresses[0]!.ip;
  const exportPolicy = acceptPools(pools, blocks);
  return {
    ...emptyDevice(name, 'calico-node', 'bird'),
    interfaces,
    staticRoutes: (extra.routes ?? []).map(route),
    filters: extra.filters ?? [],
    bgp: defaultBgp('bird', asn, {
      routerId: me,
      neighbors: peers.map((p) =>
        defaultNeighbor('bird', ip(p.ip), p.as, p.name ?? `Node_${p.ip.replace(/\./g, '_')}`, {
          updateSource: { ip: me },
          exportPolicy,
          ...p.opts,
        }),
      ),
      bird: {
        staticRoutes: blocks.map((prefix) => ({ prefix, type: 'blackhole' as const })),
        kernel: { learn: true, mergePaths: 16, exportPolicy: { policies: [], fallthrough: 'accept', fallthroughLabel: 'accept' } },
        directInterfaces: ['-cali*', '*'],
      },
    }),
  };
}

export const DROP_BGP: PacketFilterRule = { name: 'iptables -A INPUT -p tcp --dport 179 -j DROP', direction: 'in', protocol: 'tcp', port: 179, anyPort: true, action: 'drop' };
export const REJECT_BGP: PacketFilterRule = { ...DROP_BGP, name: 'iptables -A INPUT -p tcp --dport 179 -j REJECT', action: 'reject' };
