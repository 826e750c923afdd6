// The datastore a freshly installed cluster starts with: the kube-system namespace, one
// Kubernetes Node per machine (labels as kubelet sets them, the projectcalico.org/IPv4Address
// annotation calico-node writes after autodetecting the first address), the calico-node
// DaemonSet with the env of the calico.yaml manifest, and the lab's pods.

import { formatIfAddr, formatIp, parsePrefix } from '../../core/ip.ts';
import type { Ip } from '../../core/ip.ts';
import { Datastore } from './datastore.ts';
import type { ClusterOptions } from './datastore.ts';
import { ANNOTATION } from './resources/calico-node.ts';
import { POD_IP_ANNOTATION } from './resources/pod.ts';
import type { Resource } from './resources/types.ts';
import { CALICO_API } from './resources/types.ts';
import type { CalicoHost } from './compile/view.ts';

export interface LabPod {
  readonly name: string;
  readonly namespace: string;
  readonly node: string;
  readonly ip?: Ip;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly number[];
}

/** calico-node's default IP autodetection ("first-found"): the first non-loopback IPv4 address. */
export function autodetectAddress(h: CalicoHost): string | undefined {
  for (const i of h.interfaces) {
    if (i.loopback || i.name === 'lo' || i.name.startsWith('cali') || i.name === 'tunl0') continue;
    const a = i.addresses[0];
    if (a) return formatIfAddr(a);
  }
  return undefined;
}

/** The calico.yaml manifest's calico-node env that the simulator reads. */
export const MANIFEST_ENV: readonly { name: string; value: string }[] = [
  { name: 'DATASTORE_TYPE', value: 'kubernetes' },
  { name: 'CLUSTER_TYPE', value: 'k8s,bgp' },
  { name: 'IP', value: 'autodetect' },
  { name: 'CALICO_NETWORKING_BACKEND', value: 'bird' },
  { name: 'CALICO_IPV4POOL_IPIP', value: 'Always' },
  { name: 'CALICO_IPV4POOL_VXLAN', value: 'Never' },
  { name: 'CALICO_IPV6POOL_VXLAN', value: 'Never' },
  { name: 'FELIX_IPV6SUPPORT', value: 'false' },
];

export function nodeObject(h: CalicoHost): Resource {
  const addr = autodetectAddress(h);
  const internal = addr ? addr.split('/')[0]! : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: h.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': h.name,
        'kubernetes.io/os': 'linux',
        ...(h.labels ?? {}),
      },
      annotations: addr ? { [ANNOTATION.ipv4]: addr } : {},
    },
    spec: {},
    status: internal ? { addresses: [{ type: 'InternalIP', address: internal }, { type: 'Hostname', address: h.name }] } : {},
  };
}

export function labPodObject(p: LabPod): Resource {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      labels: { ...p.labels },
      ...(p.ip !== undefined ? { annotations: { [POD_IP_ANNOTATION]: JSON.stringify([formatIp(p.ip)]) } } : {}),
    },
    spec: {
      nodeName: p.node,
      containers: [{ name: p.name, image: 'registry.k8s.io/e2e-test-images/agnhost:2.39', ports: p.ports.map((port) => ({ containerPort: port, protocol: 'TCP' })) }],
    },
  };
}

export function initialStore(hosts: readonly CalicoHost[], pods: readonly LabPod[] = [], options: Partial<ClusterOptions> = {}): Datastore {
  let s = Datastore.empty(options);
  const put = (r: Resource): void => {
    s = s.put(r).store;
  };
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const h of hosts) put(nodeObject(h));
  put({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'calico-node', namespace: s.options.calicoNamespace, labels: { 'k8s-app': 'calico-node' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'calico-node' } },
      template: {
        metadata: { labels: { 'k8s-app': 'calico-node' } },
        spec: { hostNetwork: true, containers: [{ name: 'calico-node', image: 'docker.io/calico/node:v3.31.0', env: MANIFEST_ENV.map((e) => ({ ...e })) }] },
      },
    },
  });
  // The `kubernetes` Service kube-apiserver creates: the first address of the service range.
  const range = parsePrefix(s.options.serviceClusterIPRange);
  if (range) {
    const first = formatIp((range.addr + 1) >>> 0);
    put({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { type: 'ClusterIP', clusterIP: first, clusterIPs: [first], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    });
  }
  for (const p of pods) put(labPodObject(p));
  return s;
}

/**
 * calico-node's startup: with no IP pool at all it creates default-ipv4-ippool from
 * CALICO_IPV4POOL_CIDR (default 192.168.0.0/16) and CALICO_IPV4POOL_IPIP/VXLAN.
 */
export function ensureDefaultPool(s: Datastore, env: Readonly<Record<string, string>>): Datastore {
  if (s.list(CALICO_API, 'IPPool').length > 0) return s;
  const mode = (v: string | undefined): string => {
    const t = (v ?? '').toLowerCase();
    return t === 'always' ? 'Always' : t === 'crosssubnet' || t === 'cross-subnet' ? 'CrossSubnet' : 'Never';
  };
  const ipip = mode(env['CALICO_IPV4POOL_IPIP'] ?? 'Always');
  const vxlan = mode(env['CALICO_IPV4POOL_VXLAN']);
  return s.put({
    apiVersion: CALICO_API,
    kind: 'IPPool',
    metadata: { name: 'default-ipv4-ippool' },
    spec: {
      allowedUses: ['Workload', 'Tunnel'],
      assignmentMode: 'Automatic',
      blockSize: Number(env['CALICO_IPV4POOL_BLOCK_SIZE'] ?? 26),
      cidr: env['CALICO_IPV4POOL_CIDR'] ?? '192.168.0.0/16',
      ipipMode: vxlan !== 'Never' ? 'Never' : ipip,
      natOutgoing: true,
      nodeSelector: 'all()',
      vxlanMode: vxlan,
    },
  }).store;
}

/**
 * A lab declares its service range through BGPConfiguration serviceClusterIPs (or
 * CALICO_ADVERTISE_CLUSTER_IPS): the cluster was installed with that
 * --service-cluster-ip-range, so ClusterIPs (and the `kubernetes` Service's first address)
 * come from it. Applied once, the first time the range is known.
 */
export function adoptServiceRange(s: Datastore, env: Readonly<Record<string, string>>): Datastore {
  const cfg = s.get(CALICO_API, 'BGPConfiguration', 'default')?.spec as { serviceClusterIPs?: { cidr?: string }[] } | undefined;
  const text = env['CALICO_ADVERTISE_CLUSTER_IPS'] || cfg?.serviceClusterIPs?.find((c) => c.cidr)?.cidr;
  const range = text ? parsePrefix(text.split(',')[0]!.trim()) : null;
  if (!range || range.len > 30) return s;
  const canonical = `${formatIp(range.addr)}/${range.len}`;
  if (canonical === s.options.serviceClusterIPRange) return s;
  let out = s.withOptions({ serviceClusterIPRange: canonical });
  const k = out.get('v1', 'Service', 'kubernetes', 'default');
  if (k) {
    const first = formatIp((range.addr + 1) >>> 0);
    out = out.put({ ...k, spec: { ...(k.spec ?? {}), clusterIP: first, clusterIPs: [first] } }).store;
  }
  return out;
}
