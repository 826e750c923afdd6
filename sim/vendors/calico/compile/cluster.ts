// compileCluster: datastore + node machines + IPAM → one DeviceConfig per Kubernetes node
// (kind 'calico-node', platform 'bird') and one per pod (kind 'pod', platform 'linux'),
// with the new IPAM state, diagnostics and a per-node explanation (peers and why, filter
// statements, the rendered BIRD files) for golden tests, hints and the node shell.
//
// BIRD config validation: confd installs bird.cfg only when `bird -p` accepts it
// (conf.d/bird.toml check_cmd). When the new bird.cfg is invalid (e.g. a BGPPeer with a peerIP
// and no asNumber renders `as 0`: "Remote AS number must be set"), the node keeps its
// previous bird.cfg — router id, protocols, BGPFilter functions — while bird_aggr.cfg and
// bird_ipam.cfg (no check_cmd) are installed and reloaded. Pass the previous result in
// `previous` to get that behaviour; without one, BIRD has never had a valid config and does
// not run (bgp.shutdown).

import { error, warning } from '../../../core/diagnostics.ts';
import { info } from '../calicoctl/diag.ts';
import type { Diagnostic } from '../../../core/diagnostics.ts';
import { formatIp, formatPrefix, parseIp } from '../../../core/ip.ts';
import type { Ip } from '../../../core/ip.ts';
import { emptyDevice } from '../../../model/device.ts';
import type { DeviceConfig, InterfaceConfig, ServiceListener, StaticRoute } from '../../../model/device.ts';
import type { Datastore } from '../datastore.ts';
import { POD_IP_ANNOTATION } from '../resources/pod.ts';
import type { BGPFilterSpec, PodSpec, Resource } from '../resources/types.ts';
import { compileSelector } from '../selector/selector.ts';
import { calicoExportPolicy, kernelProgrammingPolicy } from './bird-policy.ts';
import { renderBirdFiles } from './bird-config.ts';
import type { BirdFiles } from './bird-config.ts';
import { birdConfigErrors, buildBirdModel } from './bird-model.ts';
import type { BirdNodeModel } from './bird-model.ts';
import { allocate, EMPTY_IPAM, forgetNodes, pinBlocks } from './ipam.ts';
import type { IpamPool, IpamState, IpRequest } from './ipam.ts';
import { bgpConfigOf } from './node-config.ts';
import { computePeers } from './peers.ts';
import { podDeviceNames, wirePod } from './pods.ts';
import { dnsRecords, kubeProxyRules, podPorts, serviceInfo, serviceRoutes } from './services.ts';
import type { PodInfo, ServiceInfo } from './services.ts';
import { buildView } from './view.ts';
import type { CalicoHost, ClusterView, NodeView, PoolView } from './view.ts';

export type { CalicoHost } from './view.ts';

export interface PeerExplanation {
  /** BIRD protocol name (Mesh_172_17_0_4). */
  readonly name: string;
  readonly kind: 'mesh' | 'global' | 'node';
  readonly peer: string;
  readonly port: number;
  readonly remoteAs: number;
  readonly localAs: number;
  readonly passive: boolean;
  readonly rrClient: boolean;
  readonly multihop: boolean;
  readonly importFilters: readonly string[];
  readonly exportFilters: readonly string[];
  /** BIRD statements beyond the defaults: "ttl security on; multihop 2", "next hop keep", … */
  readonly options: readonly string[];
  readonly why: string;
}

export interface NodeExplanation {
  readonly node: string;
  readonly routerId: string;
  readonly asn: number;
  readonly nodeIp: string;
  readonly rrClusterId: string;
  readonly mesh: 'rr' | 'enabled' | 'disabled';
  /** The protocols of the bird.cfg that is installed (the previous one if the new is invalid). */
  readonly peers: readonly PeerExplanation[];
  /** Template comments and confd notes: skipped peers, unmatched selectors, dropped duplicates. */
  readonly notes: readonly string[];
  /** Statement labels of calico_export_to_bgp_peers(true) and of the kernel filter. */
  readonly exportStatements: readonly string[];
  readonly kernelStatements: readonly string[];
  readonly blocks: readonly string[];
  readonly staticRoutes: readonly string[];
  readonly rejectCidrs: readonly string[];
  /** Rendered BIRD files as confd would write them (bird.cfg = the rendered candidate). */
  readonly files: BirdFiles;
  /**
   * The files as they are on disk in /etc/calico/confd/config: confd stages bird.cfg, runs
   * `bird -p` and renames it over the old one only if that passes — unless there is no old one
   * ("Check failed, but file does not yet exist - create anyway", confd resource.go sync).
   * bird_aggr.cfg / bird_ipam.cfg have no check.
   */
  readonly diskFiles: BirdFiles;
  /** Why BIRD refused the rendered bird.cfg (the node keeps the previous one). */
  readonly configErrors: readonly string[];
  /** BIRD is not running because it never had a valid configuration. */
  readonly birdDown: boolean;
}

/** What BIRD runs on a node: kept across compiles for the `bird -p` fallback. */
export interface InstalledBird {
  readonly model: BirdNodeModel;
  readonly filters: ReadonlyMap<string, BGPFilterSpec>;
  /** The files on disk (bird.cfg = the last one that passed `bird -p`). */
  readonly files: BirdFiles;
}

export interface PodRuntime {
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly ip?: Ip;
  /** Device name in the lab (undefined for hostNetwork or pending pods). */
  readonly device?: string;
  readonly phase: 'Running' | 'Pending';
  readonly reason?: string;
}

export interface CompileResult {
  readonly devices: readonly DeviceConfig[];
  readonly ipam: IpamState;
  readonly diagnostics: readonly Diagnostic[];
  readonly explain: ReadonlyMap<string, NodeExplanation>;
  readonly installed: ReadonlyMap<string, InstalledBird>;
  readonly pods: readonly PodRuntime[];
  readonly services: readonly ServiceInfo[];
}

export interface CompileInput {
  readonly store: Datastore;
  readonly hosts: readonly CalicoHost[];
  readonly ipam?: IpamState;
  readonly previous?: CompileResult;
  /** Device names used elsewhere in the lab (pod devices avoid them). */
  readonly reservedNames?: ReadonlySet<string>;
}

function ipamPools(v: ClusterView): IpamPool[] {
  return v.pools.map((p) => {
    const sel = compileSelector(p.nodeSelector);
    return {
      name: p.name,
      cidr: p.cidr,
      blockSize: p.blockSize,
      assignable: !p.disabled && p.allowedUses.includes('Workload') && p.assignmentMode === 'Automatic',
      matchesNode: (node: string) => sel.matches(v.nodesByName.get(node)?.labels ?? {}),
    };
  });
}

function requestedIp(pod: Resource): Ip | undefined {
  const raw = pod.metadata.annotations?.[POD_IP_ANNOTATION];
  if (!raw) return undefined;
  const m = /(\d+\.\d+\.\d+\.\d+)/.exec(raw);
  const ip = m ? parseIp(m[1]!) : null;
  return ip ?? undefined;
}

function listenersFor(p: PodInfo, dns: Record<string, string> | undefined): ServiceListener[] {
  const out: ServiceListener[] = [];
  const data = { pod: p.name, namespace: p.namespace, node: p.node, ip: formatIp(p.ip) };
  if (p.labels['k8s-app'] === 'kube-dns' && dns) {
    out.push({ protocol: 'udp', port: 53, app: 'dns', data: dns }, { protocol: 'tcp', port: 53, app: 'dns', data: dns });
  }
  for (const port of p.ports) {
    if (out.some((l) => l.port === port.port && l.protocol === port.protocol)) continue;
    out.push({ protocol: port.protocol, port: port.port, app: 'echoserver', data });
  }
  // A pod that declares no port still runs its server: the curriculum's echoserver on 8080.
  if (p.ports.length === 0 && out.length === 0) out.push({ protocol: 'tcp', port: 8080, app: 'echoserver', data });
  return out;
}

export function compileCluster(input: CompileInput): CompileResult {
  const { store, hosts } = input;
  const diagnostics: Diagnostic[] = [];
  const v = buildView(store, hosts);
  diagnostics.push(...v.diagnostics);
  const hostNames = new Set(hosts.map((h) => h.name));

  // --- IPAM: pinned blocks, tunnel addresses, pod addresses.
  const pools = ipamPools(v);
  let ipam = forgetNodes(input.ipam ?? input.previous?.ipam ?? EMPTY_IPAM, new Set(v.nodes.map((n) => n.name)));
  ipam = pinBlocks(ipam, hosts.flatMap((h) => (h.blocks ?? []).filter(() => v.nodesByName.has(h.name)).map((prefix) => ({ node: h.name, prefix }))), pools);
  const requests: IpRequest[] = [];
  for (const n of v.nodes) {
    const encap = v.pools.filter((p) => !p.disabled && (p.ipipMode !== 'Never' || p.vxlanMode !== 'Never') && compileSelector(p.nodeSelector).matches(n.labels));
    if (encap.length > 0 && n.host) requests.push({ handle: `tunnel:${n.name}`, node: n.name, pools: encap.map((p) => p.name) });
  }
  const podObjects = store.list('v1', 'Pod');
  const pending: PodRuntime[] = [];
  for (const pod of podObjects) {
    const spec = (pod.spec ?? {}) as PodSpec;
    const node = spec.nodeName;
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    if (!node || !v.nodesByName.has(node) || !hostNames.has(node)) {
      pending.push({ namespace: ns, name, node: node ?? '', phase: 'Pending', reason: node ? `node ${node} is not running` : 'not scheduled' });
      continue;
    }
    if (spec.hostNetwork) continue;
    const ip = requestedIp(pod);
    requests.push({ handle: `${ns}/${name}`, node, ...(ip !== undefined ? { ip } : {}) });
  }
  const alloc = allocate(ipam, pools, requests);
  ipam = alloc.state;
  for (const [h, why] of alloc.failures) {
    if (h.startsWith('tunnel:')) continue;
    diagnostics.push(warning('calico.ipam', `pod ${h}: no IP address (${why}); the pod stays ContainerCreating.`));
  }

  const podInfos: PodInfo[] = [];
  const podRuntimes: PodRuntime[] = [...pending];
  for (const pod of podObjects) {
    const spec = (pod.spec ?? {}) as PodSpec;
    const node = spec.nodeName;
    if (!node || !hostNames.has(node) || !v.nodesByName.has(node)) continue;
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    const hostIp = v.nodesByName.get(node)?.ipv4?.ip;
    const ip = spec.hostNetwork ? hostIp : alloc.assigned.get(`${ns}/${name}`);
    if (ip === undefined) {
      podRuntimes.push({ namespace: ns, name, node, phase: 'Pending', reason: alloc.failures.get(`${ns}/${name}`) ?? 'no address' });
      continue;
    }
    podInfos.push({ namespace: ns, name, node, ip, labels: pod.metadata.labels ?? {}, ports: podPorts(spec), hostNetwork: spec.hostNetwork === true });
  }

  const services = store.list('v1', 'Service').map((s) => serviceInfo(s, podInfos));
  const dns = podInfos.some((p) => p.labels['k8s-app'] === 'kube-dns') ? dnsRecords(services, store.options.clusterDomain) : undefined;
  const keys = computePeers(v, diagnostics);

  const reserved = new Set([...(input.reservedNames ?? []), ...hosts.map((h) => h.name)]);
  const names = podDeviceNames(podInfos.filter((p) => !p.hostNetwork), reserved);
  const devices: DeviceConfig[] = [];
  const explain = new Map<string, NodeExplanation>();
  const installed = new Map<string, InstalledBird>();

  for (const host of hosts) {
    const n = v.nodesByName.get(host.name);
    const podsHere = podInfos.filter((p) => p.node === host.name);
    const wirings = podsHere.filter((p) => !p.hostNetwork).map((p) => {
      const name = names.get(`${p.namespace}/${p.name}`)!;
      podRuntimes.push({ namespace: p.namespace, name: p.name, node: p.node, ip: p.ip, device: name, phase: 'Running' });
      return wirePod(p, name, listenersFor(p, dns));
    });
    for (const p of podsHere.filter((p) => p.hostNetwork)) podRuntimes.push({ namespace: p.namespace, name: p.name, node: p.node, ip: p.ip, phase: 'Running' });
    const interfaces: InterfaceConfig[] = [...host.interfaces];
    const tunnel = alloc.assigned.get(`tunnel:${host.name}`);
    if (tunnel !== undefined) interfaces.push({ name: 'tunl0', addresses: [{ ip: tunnel, len: 32 }], description: 'IPIP tunnel (Calico)' });
    interfaces.push(...wirings.map((w) => w.hostIface));
    const staticRoutes: StaticRoute[] = [...host.staticRoutes, ...wirings.map((w) => w.hostRoute)];
    const nodeIps = host.interfaces.flatMap((i) => i.addresses.map((a) => a.ip));
    const listeners: ServiceListener[] = podsHere.filter((p) => p.hostNetwork).flatMap((p) => listenersFor(p, dns));
    let device: DeviceConfig = {
      ...emptyDevice(host.name, 'calico-node', 'bird'),
      interfaces,
      staticRoutes,
      listeners,
      dnat: kubeProxyRules(services, host.name, nodeIps),
      filters: host.filters ?? [],
      ...masqueradeOf(v.pools),
    };
    if (n) {
      const r = compileNode(v, n, keys, ipam, services, input.previous?.installed.get(host.name));
      diagnostics.push(...r.diagnostics);
      explain.set(host.name, r.explanation);
      if (r.installed) installed.set(host.name, r.installed);
      device = { ...device, bgp: r.bgp };
    } else {
      diagnostics.push(info('calico.node', `${host.name} is not a Kubernetes node in the datastore: calico-node does not run BGP on it.`));
    }
    devices.push(device);
    devices.push(...wirings.map((w) => w.device));
  }
  return { devices, ipam, diagnostics, explain, installed, pods: podRuntimes, services };
}

function compileNode(
  v: ClusterView,
  n: NodeView,
  keys: ReturnType<typeof computePeers>,
  ipam: IpamState,
  services: readonly ServiceInfo[],
  previous: InstalledBird | undefined,
): { bgp: NonNullable<DeviceConfig['bgp']>; explanation: NodeExplanation; installed?: InstalledBird; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const blocks = ipam.blocks.filter((b) => b.node === n.name);
  const svc = serviceRoutes(v, services, n);
  const model = buildBirdModel(v, n, keys, blocks, svc);
  const errs = birdConfigErrors(model);
  const files = renderBirdFiles(model, v.filters, v.pools);
  let run: InstalledBird | undefined = { model, filters: v.filters, files };
  let diskFiles: BirdFiles = files;
  let shutdown = false;
  if (errs.length > 0) {
    for (const e of errs) {
      diagnostics.push(
        error('bird.config', e, { file: `${n.name}:/etc/calico/confd/config/bird.cfg`, line: lineOf(files['bird.cfg'], e, model), column: 1 }),
      );
    }
    if (previous) {
      // Old bird.cfg (router id, protocols, BGPFilter functions), new bird_aggr.cfg/bird_ipam.cfg.
      run = {
        model: {
          ...model,
          routerId: previous.model.routerId,
          asn: previous.model.asn,
          listen: previous.model.listen,
          meshState: previous.model.meshState,
          comments: previous.model.comments,
          protocols: previous.model.protocols,
          advertisements: previous.model.advertisements,
          ignoredInterfaces: previous.model.ignoredInterfaces,
        } as BirdNodeModel,
        filters: previous.filters,
        files: { ...files, 'bird.cfg': previous.files['bird.cfg'] },
      };
      diskFiles = run.files;
      diagnostics.push(info('bird.config', `${n.name}: BIRD keeps its previous bird.cfg (confd does not install a config that "bird -p" rejects).`));
    } else {
      shutdown = true;
      run = undefined;
      diagnostics.push(warning('bird.config', `${n.name}: BIRD has no valid configuration and is not running.`));
    }
  }
  const effective = run?.model ?? model;
  const bgp = bgpConfigOf(effective, run?.filters ?? v.filters, v.pools, shutdown);
  const notes = [
    ...effective.comments.map((c) => c.text.replace(/^# /, '')),
    ...keys.notes.filter((x) => x.node === undefined || x.node === n.name).map((x) => x.text),
    ...svc.notes,
  ];
  const exportCtx = { pools: v.pools, blocks: effective.blocks, staticRoutes: svc.staticRoutes, rrLbRanges: effective.rrLbRanges, advertisements: effective.advertisements };
  const explanation: NodeExplanation = {
    node: n.name,
    routerId: effective.routerId,
    asn: effective.asn,
    nodeIp: n.ipv4Text,
    rrClusterId: n.rrClusterId,
    mesh: effective.meshState,
    peers: effective.protocols.map((p) => ({
      name: p.name,
      kind: p.kind,
      peer: formatIp(p.neighbor),
      port: p.port || 179,
      remoteAs: p.asn,
      localAs: p.localAs ?? effective.asn,
      passive: p.passive,
      rrClient: p.rrClient,
      multihop: p.multihop !== undefined,
      importFilters: p.importFilters,
      exportFilters: p.exportFilters,
      options: [
        ...(p.ttlSecurity ? [`ttl security on; multihop ${p.multihop}`] : []),
        ...(p.localAs !== undefined ? [`local as ${p.localAs}`] : []),
        ...(p.kind !== 'mesh' && p.sourceAddress === undefined ? ['no source address (sourceAddress: None)'] : []),
        ...(p.restartTime !== undefined ? [`graceful restart time ${p.restartTime}`] : []),
        ...(p.rrClient ? [`rr client; rr cluster id ${p.rrClusterId}`] : []),
        ...(p.password !== undefined ? ['password'] : []),
        ...(p.nextHop !== 'auto' ? [`next hop ${p.nextHop}`] : []),
        ...(p.allowLocalAs ? [`allow local as ${p.allowLocalAs}`] : []),
      ],
      why: p.why,
    })),
    notes,
    exportStatements: calicoExportPolicy(exportCtx, true).statements.map((s) => s.label),
    kernelStatements: kernelProgrammingPolicy({ pools: v.pools as PoolView[], rejectCidrs: svc.rejectCidrs, ...(n.ipv4 ? { network: n.ipv4 } : {}) }).statements.map((s) => s.label),
    blocks: effective.blocks.map((b) => `${formatPrefix(b.prefix)} (${b.state}${b.pool ? `, pool ${b.pool}` : ''})`),
    staticRoutes: svc.staticRoutes.map(formatPrefix),
    rejectCidrs: svc.rejectCidrs.map(formatPrefix),
    files,
    diskFiles,
    configErrors: errs,
    birdDown: shutdown,
  };
  return { bgp, explanation, ...(run ? { installed: run } : {}), diagnostics };
}

/** 1-based line of the bird.cfg text where BIRD reports the error (end of the bad protocol). */
function lineOf(text: string, err: string, m: BirdNodeModel): number {
  const lines = text.split('\n');
  if (err === 'syntax error') return Math.max(1, lines.findIndex((l) => l.startsWith('router id')) + 1);
  const bad = m.protocols.find((p) => p.asn === 0 || (p.rrClient && p.asn !== p.effectiveLocalAs));
  if (!bad) return 1;
  const start = lines.findIndex((l) => l.startsWith(`protocol bgp ${bad.name} `));
  const end = lines.findIndex((l, i) => i > start && l === '}');
  // BIRD reports the line of the closing brace (checked with `bird -p`, bird-parse.test.ts).
  return end >= 0 ? end + 1 : 1;
}

/** Felix's cali-nat-outgoing: from natOutgoing pools to anywhere outside all pools. */
function masqueradeOf(pools: readonly PoolView[]): Pick<DeviceConfig, 'masquerade'> {
  const sources = pools.filter((p) => p.natOutgoing).map((p) => p.cidr);
  return sources.length === 0 ? {} : { masquerade: { sources, exceptDestinations: pools.map((p) => p.cidr) } };
}
