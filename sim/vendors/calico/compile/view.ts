// The datastore as confd sees it (confd/pkg/backends/calico/client.go, C331): global BGP
// settings with their defaults, every Calico Node's BGP fields, the IP pools and filters.
// One place computes these so that peers, filters and services agree.

import type { Diagnostic } from '../../../core/diagnostics.ts';
import { warning } from '../../../core/diagnostics.ts';
import { parseIfAddr, parseIp, parsePrefix } from '../../../core/ip.ts';
import type { IfAddr, Ip, Prefix } from '../../../core/ip.ts';
import type { InterfaceConfig, StaticRoute, PacketFilterRule } from '../../../model/device.ts';
import type { Datastore } from '../datastore.ts';
import type {
  BGPConfigurationSpec,
  BGPFilterSpec,
  BGPPassword,
  CalicoNodeSpec,
  DaemonSetSpec,
  IPPoolSpec,
  Resource,
} from '../resources/types.ts';
import { CALICO_API } from '../resources/types.ts';
import { parseGoDuration } from '../schema.ts';

/** A Kubernetes node machine, from the lab file. */
export interface CalicoHost {
  readonly name: string;
  readonly interfaces: readonly InterfaceConfig[];
  /** Operator routes (`ip route add`), kept on the node as they are. */
  readonly staticRoutes: readonly StaticRoute[];
  /** Initial Kubernetes node labels (the datastore may override/add). */
  readonly labels?: Readonly<Record<string, string>>;
  /** IPAM blocks pinned to this node (published lab addresses). */
  readonly blocks?: readonly Prefix[];
  /** The machine's packet filter (iptables rules), kept on the node as they are. */
  readonly filters?: readonly PacketFilterRule[];
}

export interface NodeView {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** spec.bgp.ipv4Address: the BGP identity and peering address (host bits kept). */
  readonly ipv4?: IfAddr;
  readonly ipv4Text: string;
  /** spec.bgp.asNumber, when the node overrides the global AS. */
  readonly asn?: number;
  /** spec.bgp.routeReflectorClusterID ('' = not a route reflector). */
  readonly rrClusterId: string;
  /** listenPort from the node's `node.<name>` BGPConfiguration. */
  readonly listenPort?: number;
  readonly host?: CalicoHost;
  /** node.kubernetes.io/exclude-from-external-load-balancers=true (service advertisement). */
  readonly excludedFromLB: boolean;
  readonly unschedulable: boolean;
}

export interface PrefixAdvertisement {
  readonly cidr: Prefix;
  readonly communities: readonly string[];
}

export interface PoolView {
  readonly name: string;
  readonly cidr: Prefix;
  readonly cidrText: string;
  readonly blockSize: number;
  readonly ipipMode: 'Always' | 'CrossSubnet' | 'Never';
  readonly vxlanMode: 'Always' | 'CrossSubnet' | 'Never';
  readonly disabled: boolean;
  readonly disableBGPExport: boolean;
  readonly natOutgoing: boolean;
  readonly nodeSelector: string;
  readonly allowedUses: readonly string[];
  readonly assignmentMode: string;
}

export interface ClusterView {
  readonly globalAs: number;
  readonly meshEnabled: boolean;
  readonly globalListenPort?: number;
  readonly meshRestartTime?: number;
  readonly meshPassword?: string;
  readonly ignoredInterfaces: readonly string[];
  readonly bindMode: string;
  /** The BGPConfiguration logSeverityScreen → BIRD debug level (informational). */
  readonly logSeverity: string;
  readonly serviceClusterIPs: readonly Prefix[];
  readonly serviceExternalIPs: readonly Prefix[];
  readonly serviceLoadBalancerIPs: readonly Prefix[];
  readonly lbAggregation: boolean;
  /** CALICO_ADVERTISE_CLUSTER_IPS was set (it wins over serviceClusterIPs). */
  readonly clusterIPsFromEnv: boolean;
  readonly routerIdEnv: string;
  readonly globalPrefixAdvertisements: readonly PrefixAdvertisement[];
  readonly nodePrefixAdvertisements: ReadonlyMap<string, readonly PrefixAdvertisement[]>;
  readonly nodes: readonly NodeView[];
  readonly nodesByName: ReadonlyMap<string, NodeView>;
  readonly pools: readonly PoolView[];
  readonly filters: ReadonlyMap<string, BGPFilterSpec>;
  readonly peers: readonly Resource[];
  readonly store: Datastore;
  readonly diagnostics: readonly Diagnostic[];
}

const EXCLUDE_LB = 'node.kubernetes.io/exclude-from-external-load-balancers';

/** The calico-node DaemonSet's env (name → value), if the DaemonSet exists. */
export function calicoNodeEnv(store: Datastore): Record<string, string> {
  const ds = store.get('apps/v1', 'DaemonSet', 'calico-node', store.options.calicoNamespace);
  const env: Record<string, string> = {};
  const containers = ((ds?.spec as DaemonSetSpec | undefined)?.template?.spec?.containers ?? []).filter((c) => c.name === 'calico-node');
  for (const c of containers) for (const e of c.env ?? []) if (e.name && typeof e.value === 'string') env[e.name] = e.value;
  return env;
}

/** Standard base64 (Kubernetes Secret data). */
function base64Decode(s: string): string | undefined {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = s.replace(/[\s=]/g, '');
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const ch of clean) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

/** A BGP password from its Secret in calico-node's namespace (unreadable = unset, with a note). */
export function resolvePassword(store: Datastore, pw: BGPPassword | undefined, what: string, diags: Diagnostic[]): string | undefined {
  const ref = pw?.secretKeyRef;
  if (!ref?.name || !ref.key) return undefined;
  const secret = store.get('v1', 'Secret', ref.name, store.options.calicoNamespace);
  const data = secret?.['data'] as Record<string, string> | undefined;
  const stringData = secret?.['stringData'] as Record<string, string> | undefined;
  const value = stringData?.[ref.key] ?? (data?.[ref.key] !== undefined ? base64Decode(data[ref.key]!) : undefined);
  if (value === undefined) {
    diags.push(
      warning(
        'calico.secret',
        `${what}: secret ${store.options.calicoNamespace}/${ref.name} key ${ref.key} cannot be read; calico-node treats the password as unset.`,
      ),
    );
  }
  return value;
}

function prefixes(blocks: readonly { cidr?: string }[] | undefined): Prefix[] {
  const out: Prefix[] = [];
  for (const b of blocks ?? []) {
    if (!b.cidr) continue; // client.go: "The CRD allows CIDR to be optional so we just ignore empty CIDRs."
    const p = parsePrefix(b.cidr);
    if (p) out.push(p);
  }
  return out;
}

function advertisements(spec: BGPConfigurationSpec | undefined): PrefixAdvertisement[] {
  const defined = new Map((spec?.communities ?? []).map((c) => [c.name ?? '', c.value ?? '']));
  const out: PrefixAdvertisement[] = [];
  for (const pa of spec?.prefixAdvertisements ?? []) {
    const cidr = pa.cidr ? parsePrefix(pa.cidr) : null;
    if (!cidr) continue;
    out.push({ cidr, communities: (pa.communities ?? []).map((c) => (/^\d+(:\d+){1,2}$/.test(c) ? c : defined.get(c) ?? c)) });
  }
  return out;
}

export function buildView(store: Datastore, hosts: readonly CalicoHost[]): ClusterView {
  const diagnostics: Diagnostic[] = [];
  const def = store.get(CALICO_API, 'BGPConfiguration', 'default')?.spec as BGPConfigurationSpec | undefined;
  const env = calicoNodeEnv(store);
  const hostByName = new Map(hosts.map((h) => [h.name, h]));

  const nodeConfigs = new Map<string, BGPConfigurationSpec>();
  for (const r of store.list(CALICO_API, 'BGPConfiguration')) {
    const n = r.metadata.name ?? '';
    if (n.startsWith('node.')) nodeConfigs.set(n.slice(5), (r.spec ?? {}) as BGPConfigurationSpec);
    else if (n !== 'default') diagnostics.push(warning('calico.bgpconfig', `BGPConfiguration ${n}: confd ignores it ("Bad value for BGPConfiguration resource name"); use "default" or "node.<nodename>".`));
  }

  const nodes: NodeView[] = [];
  for (const cn of store.calicoNodes()) {
    const name = cn.metadata.name ?? '';
    const bgp = (cn.spec as CalicoNodeSpec | undefined)?.bgp;
    const ipv4Text = bgp?.ipv4Address ?? '';
    let ipv4: IfAddr | undefined;
    if (ipv4Text) {
      const a = ipv4Text.includes('/') ? parseIfAddr(ipv4Text) : parseIp(ipv4Text) !== null ? { ip: parseIp(ipv4Text)!, len: 32 } : null;
      if (a) ipv4 = a;
    }
    const k8s = store.get('v1', 'Node', name);
    const labels = { ...(cn.metadata.labels ?? {}) };
    const listenPort = nodeConfigs.get(name)?.listenPort;
    nodes.push({
      name,
      labels,
      ipv4Text,
      ...(ipv4 ? { ipv4 } : {}),
      ...(bgp?.asNumber ? { asn: bgp.asNumber } : {}),
      rrClusterId: bgp?.routeReflectorClusterID ?? '',
      ...(listenPort ? { listenPort } : {}),
      ...(hostByName.get(name) ? { host: hostByName.get(name)! } : {}),
      excludedFromLB: labels[EXCLUDE_LB] === 'true',
      unschedulable: ((k8s?.spec as { unschedulable?: boolean } | undefined)?.unschedulable ?? false) === true,
    });
  }
  nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const pools: PoolView[] = [];
  for (const r of store.list(CALICO_API, 'IPPool')) {
    const s = (r.spec ?? {}) as IPPoolSpec;
    const cidr = s.cidr ? parsePrefix(s.cidr) : null;
    if (!cidr) continue; // IPv6 pools: bird6, not simulated.
    pools.push({
      name: r.metadata.name ?? '',
      cidr,
      cidrText: s.cidr!,
      blockSize: s.blockSize ?? 26,
      ipipMode: (s.ipipMode as PoolView['ipipMode']) || 'Never',
      vxlanMode: (s.vxlanMode as PoolView['vxlanMode']) || 'Never',
      disabled: s.disabled === true,
      disableBGPExport: s.disableBGPExport === true,
      natOutgoing: s.natOutgoing === true,
      nodeSelector: s.nodeSelector || 'all()',
      allowedUses: s.allowedUses ?? ['Workload', 'Tunnel'],
      assignmentMode: s.assignmentMode ?? 'Automatic',
    });
  }

  const filters = new Map<string, BGPFilterSpec>();
  for (const r of store.list(CALICO_API, 'BGPFilter')) filters.set(r.metadata.name ?? '', (r.spec ?? {}) as BGPFilterSpec);

  const envClusterIPs = env['CALICO_ADVERTISE_CLUSTER_IPS'] ?? '';
  const fromEnv = envClusterIPs !== '';
  const clusterIPs = fromEnv ? envClusterIPs.split(',').map((t) => parsePrefix(t.trim())).filter((p): p is Prefix => p !== null) : prefixes(def?.serviceClusterIPs);

  const meshRestart = def?.nodeMeshMaxRestartTime !== undefined ? parseGoDuration(def.nodeMeshMaxRestartTime) : undefined;
  const meshPassword = resolvePassword(store, def?.nodeMeshPassword, 'BGPConfiguration default nodeMeshPassword', diagnostics);
  const nodePAs = new Map<string, PrefixAdvertisement[]>();
  for (const [n, s] of nodeConfigs) if ((s.prefixAdvertisements ?? []).length > 0) nodePAs.set(n, advertisements(s));

  return {
    globalAs: def?.asNumber ?? 64512,
    meshEnabled: def?.nodeToNodeMeshEnabled ?? true,
    ...(def?.listenPort ? { globalListenPort: def.listenPort } : {}),
    ...(typeof meshRestart === 'number' ? { meshRestartTime: Math.round(meshRestart) } : {}),
    ...(meshPassword !== undefined ? { meshPassword } : {}),
    ignoredInterfaces: def?.ignoredInterfaces ?? [],
    bindMode: def?.bindMode ?? 'None',
    logSeverity: def?.logSeverityScreen ?? 'Info',
    serviceClusterIPs: clusterIPs,
    serviceExternalIPs: prefixes(def?.serviceExternalIPs),
    serviceLoadBalancerIPs: prefixes(def?.serviceLoadBalancerIPs),
    lbAggregation: (def?.serviceLoadBalancerAggregation ?? 'Enabled') !== 'Disabled',
    clusterIPsFromEnv: fromEnv,
    routerIdEnv: env['CALICO_ROUTER_ID'] ?? '',
    globalPrefixAdvertisements: advertisements(def),
    nodePrefixAdvertisements: nodePAs,
    nodes,
    nodesByName: new Map(nodes.map((n) => [n.name, n])),
    pools,
    filters,
    peers: store.list(CALICO_API, 'BGPPeer'),
    store,
    diagnostics,
  };
}

/** Effective AS of a node (spec.bgp.asNumber, else the global AS). */
export function nodeAs(v: ClusterView, n: NodeView): number {
  return n.asn ?? v.globalAs;
}

/** listenPort a peer uses to reach `n` (node config, else global; 0 = default 179). */
export function nodeListenPort(v: ClusterView, n: NodeView): number {
  return n.listenPort ?? v.globalListenPort ?? 0;
}

export function ipOf(n: NodeView): Ip | undefined {
  return n.ipv4?.ip;
}
