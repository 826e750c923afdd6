// Builds a simulated network from a conformance scenario. Routers and hosts become neutral
// device configs directly (FRR semantics, as the harness ran FRR 8.4); Calico nodes go
// through the Calico layer: the scenario's cluster section is written out as real Calico
// resources (YAML) and compiled exactly as a learner's YAML would be.

import { stringify } from 'yaml';
import { error, type Diagnostic } from '../core/diagnostics.ts';
import { formatIp, isIfAddrInSubnet, parseIfAddr, parseIp, parsePrefix, type IfAddr, type Prefix } from '../core/ip.ts';
import { Network } from '../engine/network.ts';
import type { BgpConfig, NeighborConfig } from '../model/bgp.ts';
import { defaultBgp, defaultNeighbor } from '../model/defaults.ts';
import { emptyDevice, type DeviceConfig, type InterfaceConfig, type StaticRoute } from '../model/device.ts';
import { ACCEPT_ALL, type Policy, type PolicyChain, type PrefixList } from '../model/policy.ts';
import { clusterFactory, type ClusterHost, type ClusterRuntime } from '../lab/registry.ts';
import type { Scenario, ScenarioCluster, ScenarioDevice } from './scenario.ts';
import { harnessCalicoDevices } from './harness-calico.ts';

export interface BuiltScenario {
  readonly net: Network;
  readonly clusters: Map<string, ClusterRuntime>;
  readonly diagnostics: Diagnostic[];
  /** Recomputes Calico devices after a datastore change and hands them to the engine. */
  refresh(): void;
}

export interface BuildOptions {
  /** 'layer' (default): the Calico layer compiles the nodes; 'harness': the recording harness's own rendering. */
  readonly calico?: 'layer' | 'harness';
}

export function buildScenario(s: Scenario, opts: BuildOptions = {}): BuiltScenario {
  const diagnostics: Diagnostic[] = [];
  const net = new Network({ log: true });
  for (const d of s.devices) {
    if (d.kind === 'calico-node') continue;
    net.setDevice(d.kind === 'host' ? hostConfig(d) : routerConfig(d, diagnostics));
  }
  const clusters = new Map<string, ClusterRuntime>();
  if (opts.calico === 'harness') {
    for (const cfg of harnessCalicoDevices(s)) net.setDevice(cfg);
    return { net, clusters, diagnostics, refresh: () => undefined };
  }
  const factory = clusterFactory();
  const originate = new Map<string, readonly string[]>();
  for (const c of s.clusters) {
    const nodes = s.devices.filter((d) => d.kind === 'calico-node' && d.cluster === c.name);
    if (nodes.length === 0) continue;
    if (!factory) {
      diagnostics.push(error('conformance.no-calico', 'the Calico layer is not registered (import sim/vendors/calico/register.ts)'));
      break;
    }
    const rt = factory({ name: c.name, hosts: nodes.map(hostOf), seed: 1 });
    const yamlText = clusterResources(c, nodes);
    const r = rt.apply(`${c.name}.yaml`, yamlText);
    if (!r.ok) diagnostics.push(error('conformance.calico', `cluster ${c.name}: ${r.message}`), ...r.diagnostics);
    clusters.set(c.name, rt);
    for (const n of nodes) if (n.originate.length > 0) originate.set(n.name, n.originate);
  }
  const applied = new Map<string, string>();
  const refresh = (): void => {
    for (const rt of clusters.values()) {
      const r = rt.devices();
      diagnostics.push(...r.diagnostics.filter((d) => d.severity === 'error'));
      for (const dev of r.devices) {
        const cfg = originate.has(dev.name) ? withOriginate(dev, originate.get(dev.name)!) : dev;
        const text = JSON.stringify(cfg);
        if (applied.get(cfg.name) === text) continue;
        applied.set(cfg.name, text);
        net.setDevice(cfg);
      }
    }
  };
  refresh();
  return { net, clusters, diagnostics, refresh };
}

// ------------------------------------------------------------------ routers and hosts

function interfacesOf(d: ScenarioDevice): InterfaceConfig[] {
  return d.interfaces.map((i) => ({
    name: i.name,
    addresses: i.ips.map((t) => parseIfAddr(t.includes('/') ? t : `${t}/32`)).filter((a): a is IfAddr => a !== null),
    ...(i.segment ? { segment: i.segment } : { loopback: true }),
  }));
}

function routesOf(d: ScenarioDevice): StaticRoute[] {
  const out: StaticRoute[] = [];
  for (const r of d.routes) {
    const prefix = parsePrefix(r.dst);
    if (!prefix) continue;
    const via = r.via.map((v) => parseIp(v)).filter((v): v is number => v !== null);
    out.push({
      prefix,
      nexthops: via.length > 0 ? via.map((g) => (r.dev ? { gateway: g, dev: r.dev } : { gateway: g })) : r.dev ? [{ dev: r.dev }] : [],
      type: r.type === 'blackhole' ? 'blackhole' : 'unicast',
      origin: 'admin',
      // Added with iproute2 (`ip route add`): the kernel shows no protocol ("boot").
      linuxProto: 'boot',
      ...(r.metric !== undefined ? { metric: r.metric } : {}),
    });
  }
  return out;
}

function hostConfig(d: ScenarioDevice): DeviceConfig {
  return { ...emptyDevice(d.name, 'host', 'linux'), interfaces: interfacesOf(d), staticRoutes: routesOf(d) };
}

function firstIp(d: ScenarioDevice): number | undefined {
  for (const i of d.interfaces) for (const t of i.ips) return parseIfAddr(t.includes('/') ? t : `${t}/32`)?.ip;
  return undefined;
}

/** FRR 8.4 as the harness configured it (`frr defaults traditional`, soft-reconfiguration inbound). */
function routerConfig(d: ScenarioDevice, diagnostics: Diagnostic[]): DeviceConfig {
  const base = { ...emptyDevice(d.name, 'router', 'frr'), interfaces: interfacesOf(d), staticRoutes: routesOf(d) };
  const prefixLists: Record<string, PrefixList> = {};
  for (const [name, entries] of Object.entries(d.prefixLists)) {
    prefixLists[name] = {
      name,
      entries: entries.flatMap((e) => {
        const prefix = parsePrefix(e.prefix);
        return prefix ? [{ seq: e.seq, action: e.action, prefix, ...(e.ge !== undefined ? { ge: e.ge } : {}), ...(e.le !== undefined ? { le: e.le } : {}) }] : [];
      }),
    };
  }
  if (d.rawConfig.length > 0) diagnostics.push(error('conformance.raw', `${d.name}: rawConfig lines are not supported by the scenario loader yet`));
  if (!d.bgp) return { ...base, prefixLists };
  const b = d.bgp;
  const routerId = parseIp(d.routerId ?? '') ?? firstIp(d);
  const asn = d.as ?? 0;
  const neighbors: NeighborConfig[] = b.neighbors.map((n) => {
    const ip = parseIp(n.ip) ?? 0;
    const src = n.updateSource ? parseIp(n.updateSource) : null;
    return defaultNeighbor('frr', ip, n.as, n.ip, {
      ...(n.ebgpMultihop ? { multihop: n.ebgpMultihop } : {}),
      ...(src !== null ? { updateSource: { ip: src } } : n.updateSource ? { updateSource: { iface: n.updateSource } } : {}),
      rrClient: n.routeReflectorClient === true,
      nextHop: n.nextHopSelf === 'force' ? 'self-force' : n.nextHopSelf ? 'self' : 'auto',
      allowOwnAs: n.allowasIn ?? 0,
      asOverride: n.asOverride === true,
      passive: n.passive === true,
      shutdown: n.shutdown === true,
      softReconfigInbound: true,
      importPolicy: prefixListChain(n.prefixListIn),
      exportPolicy: prefixListChain(n.prefixListOut),
    });
  });
  const bgp: BgpConfig = defaultBgp('frr', asn, {
    ...(routerId !== undefined ? { routerId } : {}),
    ...(b.clusterId ? { clusterId: parseIp(b.clusterId) ?? undefined } : {}),
    neighbors,
    networks: b.networks.flatMap((t) => {
      const p = parsePrefix(t);
      return p ? [{ prefix: p }] : [];
    }),
    networkImportCheck: b.networkImportCheck,
    redistribute: b.redistribute.filter((r): r is 'connected' | 'static' | 'kernel' => ['connected', 'static', 'kernel'].includes(r)).map((source) => ({ source })),
    maximumPaths: { ebgp: b.maximumPaths ?? 64, ibgp: b.maximumPathsIbgp ?? b.maximumPaths ?? 64 },
    asPathMultipathRelax: b.multipathRelax,
    ebgpRequiresPolicy: b.ebgpRequiresPolicy,
  });
  return { ...base, prefixLists, bgp };
}

/** `neighbor X prefix-list NAME in|out`: a permitted route goes on, anything else is denied. */
function prefixListChain(name: string | undefined): PolicyChain {
  if (!name) return ACCEPT_ALL;
  const policy: Policy = {
    name: `prefix-list ${name}`,
    statements: [{ label: `prefix-list ${name} permit`, when: { op: 'prefixList', name }, actions: [], result: 'next' }],
    fallthrough: 'reject',
    fallthroughLabel: `prefix-list ${name}: denied (no permit entry matches)`,
  };
  return { policies: [policy], fallthrough: 'accept', fallthroughLabel: 'accepted' };
}

// ------------------------------------------------------------------ Calico clusters

function hostOf(d: ScenarioDevice): ClusterHost {
  return {
    name: d.name,
    interfaces: interfacesOf(d),
    staticRoutes: routesOf(d),
    labels: d.labels,
    blocks: d.blocks.flatMap((b) => {
      const p = parsePrefix(b, true);
      return p ? [p] : [];
    }),
    // Pod names are per node in scenarios; Kubernetes needs them unique per namespace.
    pods: d.pods.map((p) => ({ name: `${d.name}-${p.name}`, namespace: 'default', ip: parseIp(p.ip) ?? 0, labels: {}, ports: [] })),
  };
}

function nodeAddress(d: ScenarioDevice): string | undefined {
  const ip = d.nodeIP ? parseIp(d.nodeIP) : firstIp(d);
  if (ip === null || ip === undefined) return undefined;
  for (const i of d.interfaces) {
    for (const t of i.ips) {
      const a = parseIfAddr(t.includes('/') ? t : `${t}/32`);
      if (a && isIfAddrInSubnet(a, ip)) return `${formatIp(ip)}/${a.len}`;
    }
  }
  return `${formatIp(ip)}/32`;
}

/** The cluster section as the Calico resources an operator would apply. */
export function clusterResources(c: ScenarioCluster, nodes: readonly ScenarioDevice[]): string {
  const docs: unknown[] = [];
  const v3 = 'projectcalico.org/v3';
  docs.push({
    apiVersion: v3,
    kind: 'BGPConfiguration',
    metadata: { name: 'default' },
    spec: {
      asNumber: c.as,
      nodeToNodeMeshEnabled: c.nodeToNodeMesh,
      ...(c.serviceClusterIPs.length ? { serviceClusterIPs: c.serviceClusterIPs.map((cidr) => ({ cidr })) } : {}),
      ...(c.serviceExternalIPs.length ? { serviceExternalIPs: c.serviceExternalIPs.map((cidr) => ({ cidr })) } : {}),
    },
  });
  c.ipPools.forEach((p, i) => {
    docs.push({
      apiVersion: v3,
      kind: 'IPPool',
      metadata: { name: `pool-${i}-${String(p['cidr']).replace(/[./]/g, '-')}` },
      spec: { cidr: p['cidr'], ipipMode: 'Never', vxlanMode: 'Never', ...(p['disabled'] ? { disabled: true } : {}), ...(p['disableBGPExport'] ? { disableBGPExport: true } : {}) },
    });
  });
  for (const n of nodes) {
    const addr = nodeAddress(n);
    docs.push({
      apiVersion: v3,
      kind: 'Node',
      metadata: { name: n.name, ...(Object.keys(n.labels).length ? { labels: n.labels } : {}) },
      spec: {
        bgp: {
          ...(addr ? { ipv4Address: addr } : {}),
          ...(n.explicitAs && n.as !== undefined ? { asNumber: n.as } : {}),
          ...(n.routeReflectorClusterID ? { routeReflectorClusterID: n.routeReflectorClusterID } : {}),
        },
      },
    });
  }
  for (const [name, spec] of Object.entries(c.bgpFilters)) docs.push({ apiVersion: v3, kind: 'BGPFilter', metadata: { name }, spec });
  const peers: Record<string, unknown>[] = [...c.bgpPeers];
  for (const n of nodes) {
    n.peers.forEach((p, i) => {
      peers.push({ name: `${n.name}-peer-${i}`, node: n.name, peerIP: p['ip'] ?? p['peerIP'], asNumber: p['as'] ?? p['asNumber'], ...omit(p, ['ip', 'as', 'peerIP', 'asNumber', 'name']) });
    });
  }
  for (const p of peers) {
    const { name, password: _pw, ...spec } = p;
    const clean = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== null && v !== undefined && v !== false && v !== 0 && v !== ''));
    docs.push({ apiVersion: v3, kind: 'BGPPeer', metadata: { name: String(name ?? 'peer') }, spec: clean });
  }
  return docs.map((d) => stringify(d)).join('---\n');
}

function omit(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

/**
 * Harness extension `originate:` (not Calico): a static blackhole exported by exact match
 * and never programmed into the kernel — how the recording made a node leak a default route.
 */
function withOriginate(cfg: DeviceConfig, prefixes: readonly string[]): DeviceConfig {
  const bgp = cfg.bgp;
  if (!bgp?.bird) return cfg;
  const ps = prefixes.map((t) => parsePrefix(t)).filter((p): p is Prefix => p !== null);
  const stmt = ps.map((p) => ({ label: `ORACLE originate ${t(p)}`, when: { op: 'prefixEq' as const, prefix: p }, actions: [], result: 'accept' as const }));
  const origin: Policy = { name: 'oracle_originate', statements: stmt, fallthrough: 'next', fallthroughLabel: '' };
  const neighbors = bgp.neighbors.map((n) => ({ ...n, exportPolicy: { ...n.exportPolicy, policies: [origin, ...n.exportPolicy.policies] } }));
  const kernelReject: Policy = { name: 'oracle_no_kernel', statements: ps.map((p) => ({ label: 'ORACLE: never in kernel', when: { op: 'prefixEq' as const, prefix: p }, actions: [], result: 'reject' as const })), fallthrough: 'next', fallthroughLabel: '' };
  const kernel = { ...bgp.bird.kernel, exportPolicy: { ...bgp.bird.kernel.exportPolicy, policies: [kernelReject, ...bgp.bird.kernel.exportPolicy.policies] } };
  const staticRoutes = [...bgp.bird.staticRoutes, ...ps.map((prefix) => ({ prefix, type: 'blackhole' as const }))];
  return { ...cfg, bgp: { ...bgp, neighbors, bird: { ...bgp.bird, kernel, staticRoutes } } };
}

function t(p: Prefix): string {
  return `${formatIp(p.addr)}/${p.len}`;
}
