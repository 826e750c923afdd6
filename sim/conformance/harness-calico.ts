// A second, independent rendering of Calico nodes: the recording harness's own config
// generator (shared/conformance/lib/configgen.py + scenario.py expand_bgp_peers), ported
// literally. It exists to check the engine against the recorded daemons independently of
// the Calico layer (and the Calico layer against it); the lab always uses the Calico layer.

import { formatIp, isIfAddrInSubnet, parseIfAddr, parseIp, parsePrefix, type Prefix } from '../core/ip.ts';
import { defaultBgp, defaultNeighbor } from '../model/defaults.ts';
import { emptyDevice, type DeviceConfig, type InterfaceConfig, type StaticRoute } from '../model/device.ts';
import type { NeighborConfig } from '../model/bgp.ts';
import type { Cond, Policy, PolicyChain, PolicyStatement } from '../model/policy.ts';
import type { Scenario, ScenarioCluster, ScenarioDevice } from './scenario.ts';

interface PeerEntry {
  ip: string;
  as: number;
  peerRRClusterID: string;
  calicoNode: boolean;
  global?: boolean;
  keepOriginalNextHop?: boolean;
  numAllowedLocalASNumbers?: number;
  filters?: string[];
}

function nodeIp(d: ScenarioDevice): string {
  if (d.nodeIP) return d.nodeIP;
  for (const i of d.interfaces) for (const t of i.ips) return t.split('/')[0]!;
  return '0.0.0.0';
}

function nodeAs(d: ScenarioDevice, c: ScenarioCluster): number {
  return d.as ?? c.as;
}

function matchOne(expr: string, labels: Readonly<Record<string, string>>): boolean {
  const e = expr.trim();
  if (e === 'all()' || e === '') return true;
  let m = /^(!)?has\(\s*([\w./-]+)\s*\)$/.exec(e);
  if (m) return (m[2]! in labels) !== !!m[1];
  m = /^([\w./-]+)\s*(==|!=)\s*['"]([^'"]*)['"]$/.exec(e);
  if (m) return (labels[m[1]!] === m[3]) === (m[2] === '==');
  return false;
}

function select(sel: string, nodes: readonly ScenarioDevice[]): ScenarioDevice[] {
  return nodes.filter((n) => sel.split('&&').every((p) => matchOne(p, n.labels)));
}

/** scenario.py expand_bgp_peers: confd updatePeersV1 forward then reverse peerings. */
function expand(c: ScenarioCluster, nodes: readonly ScenarioDevice[]): Map<string, PeerEntry[]> {
  const asOf = (n: ScenarioDevice): number => nodeAs(n, c);
  const nodeIps = new Set(nodes.map(nodeIp));
  const bgppeers: Record<string, unknown>[] = [...c.bgpPeers];
  for (const n of nodes) for (const p of n.peers) bgppeers.push({ ...p, node: n.name, peerIP: p['ip'] ?? p['peerIP'], asNumber: p['as'] ?? p['asNumber'] });
  const emitted = new Map<string, PeerEntry>();
  const order: [string, string][] = [];
  const emit = (scope: string, ip: string, p: PeerEntry): void => {
    const key = `${scope}|${ip}`;
    if (emitted.has(key) || (scope !== '__global__' && emitted.has(`__global__|${ip}`))) return;
    emitted.set(key, p);
    order.push([scope, ip]);
  };
  const asPeer = (n: ScenarioDevice): PeerEntry => ({ ip: nodeIp(n), as: asOf(n), peerRRClusterID: n.routeReflectorClusterID ?? '', calicoNode: false });
  const common = (p: PeerEntry, bp: Record<string, unknown>): PeerEntry => (Array.isArray(bp['filters']) ? { ...p, filters: bp['filters'] as string[] } : p);
  for (const globalPass of [true, false]) {
    for (const bp of bgppeers) {
      const isGlobal = !bp['nodeSelector'] && !bp['node'];
      if (isGlobal !== globalPass) continue;
      const local = bp['nodeSelector'] ? select(String(bp['nodeSelector']), nodes).map((n) => n.name) : bp['node'] ? [String(bp['node'])] : [];
      const peers: PeerEntry[] = bp['peerSelector']
        ? select(String(bp['peerSelector']), nodes).map(asPeer)
        : [{ ip: String(bp['peerIP']), as: Number(bp['asNumber']), calicoNode: nodeIps.has(String(bp['peerIP'])), peerRRClusterID: '', keepOriginalNextHop: !!bp['keepOriginalNextHop'], numAllowedLocalASNumbers: Number(bp['numAllowedLocalASNumbers'] ?? 0) }];
      for (const p0 of peers) {
        const p = common(p0, bp);
        if (globalPass) emit('__global__', p.ip, { ...p, global: true });
        else for (const ln of local) emit(ln, p.ip, { ...p });
      }
    }
  }
  for (const bp of bgppeers) {
    const local = bp['peerSelector']
      ? select(String(bp['peerSelector']), nodes).map((n) => n.name)
      : nodes.filter((n) => nodeIp(n) === bp['peerIP'] && asOf(n) === Number(bp['asNumber'] ?? -1)).map((n) => n.name);
    if (local.length === 0) continue;
    const pnodes = bp['nodeSelector'] ? select(String(bp['nodeSelector']), nodes) : bp['node'] ? nodes.filter((n) => n.name === bp['node']) : nodes;
    for (const pn of pnodes) {
      const p = common(asPeer(pn), bp);
      for (const ln of local) emit(ln, p.ip, { ...p });
    }
  }
  const out = new Map<string, PeerEntry[]>(nodes.map((n) => [n.name, []]));
  for (const [scope, ip] of order) {
    const p = emitted.get(`${scope}|${ip}`)!;
    if (scope === '__global__') for (const n of nodes) out.get(n.name)!.push(p);
    else out.get(scope)!.push(p);
  }
  return out;
}

const inRange = (p: Prefix): Cond => ({ op: 'prefixIn', ranges: [{ prefix: p }] });

function exportChain(blocks: Prefix[], statics: Prefix[], pools: { cidr: Prefix; disableBGPExport: boolean }[], internal: boolean, originate: Prefix[]): PolicyChain {
  const st: PolicyStatement[] = [];
  for (const p of originate) st.push({ label: `ORACLE originate`, when: { op: 'prefixEq', prefix: p }, actions: [], result: 'accept' });
  for (const pool of pools) if (pool.disableBGPExport) st.push({ label: `reject_disabled_pools ${formatIp(pool.cidr.addr)}`, when: inRange(pool.cidr), actions: [], result: 'reject' });
  if (internal) st.push({ label: 'reject_tunnel_routes', when: { op: 'or', args: [{ op: 'ifname', glob: '*.cali' }, { op: 'ifname', glob: '*.calico' }] }, actions: [], result: 'reject' });
  for (const b of blocks) {
    st.push({ label: 'calico_aggr accept block', when: { op: 'prefixEq', prefix: b }, actions: [], result: 'accept' });
    st.push({ label: 'calico_aggr reject inside block', when: inRange(b), actions: [], result: 'reject' });
  }
  for (const s of statics) st.push({ label: 'static route', when: inRange(s), actions: [], result: 'accept' });
  for (const pool of pools) if (!pool.disableBGPExport) st.push({ label: `IP pool ${formatIp(pool.cidr.addr)}`, when: inRange(pool.cidr), actions: [], result: 'accept' });
  const pol: Policy = { name: 'calico_export_to_bgp_peers', statements: st, fallthrough: 'reject', fallthroughLabel: 'reject' };
  return { policies: [pol], fallthrough: 'reject', fallthroughLabel: 'reject' };
}

export function harnessCalicoDevices(s: Scenario): DeviceConfig[] {
  const out: DeviceConfig[] = [];
  for (const c of s.clusters) {
    const nodes = s.devices.filter((d) => d.kind === 'calico-node' && d.cluster === c.name);
    const peers = expand(c, nodes);
    const pools = c.ipPools.map((p) => ({ cidr: parsePrefix(String(p['cidr']))!, disableBGPExport: !!p['disableBGPExport'] }));
    const services = [...c.serviceClusterIPs, ...c.serviceExternalIPs].map((t) => parsePrefix(t)!);
    for (const n of nodes) {
      const ip = nodeIp(n);
      const ipNum = parseIp(ip)!;
      const localAs = nodeAs(n, c);
      const blocks = n.blocks.map((b) => parsePrefix(b)!);
      const originate = n.originate.map((t) => parsePrefix(t)!);
      const isRR = !!n.routeReflectorClusterID;
      const neighbors: NeighborConfig[] = [];
      const mk = (name: string, p: PeerEntry, extra: Partial<NeighborConfig>): NeighborConfig => {
        const internal = p.as === localAs;
        return defaultNeighbor('bird', parseIp(p.ip)!, p.as, name, {
          updateSource: { ip: ipNum },
          exportPolicy: exportChain(blocks, services, pools, internal, originate),
          ...extra,
        });
      };
      if (c.nodeToNodeMesh && !isRR) {
        for (const o of nodes) {
          if (o === n || o.routeReflectorClusterID) continue;
          const oip = nodeIp(o);
          neighbors.push(mk(`Mesh_${oip.replace(/\./g, '_')}`, { ip: oip, as: nodeAs(o, c), peerRRClusterID: '', calicoNode: true }, { passive: oip > ip, calicoKind: 'mesh' }));
        }
      }
      for (const p of peers.get(n.name) ?? []) {
        if (p.ip === ip) continue;
        const internal = p.as === localAs;
        const rrClient = internal && isRR && p.peerRRClusterID !== n.routeReflectorClusterID;
        neighbors.push(
          mk(`${p.global ? 'Global' : 'Node'}_${p.ip.replace(/\./g, '_')}`, p, {
            multihop: 64,
            passive: !!(p.calicoNode && p.global && p.ip > ip),
            rrClient,
            ...(rrClient ? { rrClusterId: parseIp(n.routeReflectorClusterID!)! } : {}),
            ...(p.keepOriginalNextHop && !internal ? { nextHop: 'keep' as const } : {}),
            allowOwnAs: p.numAllowedLocalASNumbers ?? 0,
            calicoKind: p.global ? 'global' : 'node',
          }),
        );
      }
      const kernelSt: PolicyStatement[] = [
        ...originate.map((p) => ({ label: 'ORACLE never in kernel', when: { op: 'prefixEq' as const, prefix: p }, actions: [], result: 'reject' as const })),
        ...services.map((p) => ({ label: 'rejectcidrs', when: inRange(p), actions: [], result: 'reject' as const })),
      ];
      const interfaces: InterfaceConfig[] = n.interfaces.map((i) => ({
        name: i.name,
        addresses: i.ips.map((t) => parseIfAddr(t.includes('/') ? t : `${t}/32`)!),
        ...(i.segment ? { segment: i.segment } : { loopback: true }),
      }));
      const statics: StaticRoute[] = n.routes.map((r) => ({
        prefix: parsePrefix(r.dst)!,
        nexthops: r.via.map((g) => ({ gateway: parseIp(g)! })),
        type: 'unicast' as const,
        origin: 'admin' as const,
        linuxProto: 'boot',
      }));
      n.pods.forEach((pod) => {
        const cali = `cali${pod.name}${n.name}`.slice(0, 15);
        const seg = `veth:${n.name}:${cali}`;
        interfaces.push({ name: cali, addresses: [], segment: seg, proxyArp: true, peerDevice: `${n.name}-${pod.name}` });
        statics.push({ prefix: { addr: parseIp(pod.ip)!, len: 32 }, nexthops: [{ dev: cali }], type: 'unicast', origin: 'felix', scopeLink: true });
        out.push({
          ...emptyDevice(`${n.name}-${pod.name}`, 'pod', 'linux'),
          interfaces: [{ name: 'eth0', addresses: [{ ip: parseIp(pod.ip)!, len: 32 }], segment: seg }],
          staticRoutes: [{ prefix: { addr: 0, len: 0 }, nexthops: [{ gateway: parseIp('169.254.1.1')!, dev: 'eth0' }], type: 'unicast', origin: 'admin' }],
        });
      });
      out.push({
        ...emptyDevice(n.name, 'calico-node', 'bird'),
        interfaces,
        staticRoutes: statics,
        bgp: defaultBgp('bird', localAs, {
          routerId: ipNum,
          neighbors,
          bird: {
            staticRoutes: [...blocks, ...services, ...originate].map((prefix) => ({ prefix, type: 'blackhole' as const })),
            kernel: { learn: true, mergePaths: 16, exportPolicy: { policies: [{ name: 'calico_kernel_programming', statements: kernelSt, fallthrough: 'accept', fallthroughLabel: 'accept' }], fallthrough: 'accept', fallthroughLabel: 'accept' } },
            directInterfaces: ['-cali*', '-kube-ipvs*', '*'],
          },
        }),
      });
    }
  }
  return out;
}

export { isIfAddrInSubnet };
