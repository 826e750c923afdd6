// kubectl's table printer (k8s.io/cli-runtime printers: tabwriter minwidth 6, padding 3, the
// last column not padded) and the columns of `kubectl get` for the kinds the labs use.

import { formatIp } from '../../../core/ip.ts';
import type { CalicoCluster } from '../../calico/cluster.ts';
import type { PodRuntime } from '../../calico/compile/cluster.ts';
import type { DaemonSetSpec, DeploymentSpec, K8sNodeSpec, PodSpec, Resource, ServiceSpec, ServiceStatus } from '../../calico/resources/types.ts';
import { kubeAge } from './clock.ts';

export function kubeTable(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const cols = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < cols - 1; c++) widths.push(Math.max(6, ...rows.map((r) => (r[c] ?? '').length + 3)));
  return rows.map((r) => r.map((cell, c) => (c < cols - 1 ? cell.padEnd(widths[c]!) : cell)).join('').replace(/\s+$/, '')).join('\n') + '\n';
}

export interface KubeCtx {
  readonly cluster: CalicoCluster;
  /** Virtual seconds now. */
  readonly now: number;
}

function age(ctx: KubeCtx, r: Resource): string {
  const ts = r.metadata.creationTimestamp;
  if (typeof ts !== 'string') return '<unknown>';
  const created = Date.parse(ts) / 1000 - ctx.cluster.store.options.epoch;
  return kubeAge(ctx.now - created);
}

export function nodeRows(ctx: KubeCtx, nodes: readonly Resource[], wide: boolean): string[][] {
  const head = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'];
  if (wide) head.push('INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME');
  const rows = [head];
  for (const n of nodes) {
    const roles = Object.keys(n.metadata.labels ?? {})
      .filter((k) => k.startsWith('node-role.kubernetes.io/'))
      .map((k) => k.slice('node-role.kubernetes.io/'.length))
      .sort();
    const unsched = (n.spec as K8sNodeSpec | undefined)?.unschedulable === true;
    const ip = ((n.status as { addresses?: { type?: string; address?: string }[] } | undefined)?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address ?? '<none>';
    const row = [n.metadata.name ?? '', unsched ? 'Ready,SchedulingDisabled' : 'Ready', roles.length ? roles.join(',') : '<none>', age(ctx, n), 'v1.31.0'];
    if (wide) row.push(ip, '<none>', 'Ubuntu 22.04.4 LTS', '5.15.0-119-generic', 'containerd://1.7.12');
    rows.push(row);
  }
  return rows;
}

export function podRows(ctx: KubeCtx, pods: readonly Resource[], runtime: readonly PodRuntime[], wide: boolean, allNs: boolean): string[][] {
  const head = [...(allNs ? ['NAMESPACE'] : []), 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  if (wide) head.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
  const rows = [head];
  for (const p of pods) {
    const ns = p.metadata.namespace ?? 'default';
    const rt = runtime.find((x) => x.namespace === ns && x.name === p.metadata.name);
    const n = ((p.spec as PodSpec | undefined)?.containers ?? []).length || 1;
    // Host-network pods (calico-node) have the node's address and no pod device.
    const hostNet = (p.status as { phase?: string; podIP?: string } | undefined);
    const running = rt?.phase === 'Running' || (rt === undefined && hostNet?.phase === 'Running');
    const status = running ? 'Running' : (p.spec as PodSpec | undefined)?.nodeName ? 'ContainerCreating' : 'Pending';
    const row = [...(allNs ? [ns] : []), p.metadata.name ?? '', `${running ? n : 0}/${n}`, status, '0', age(ctx, p)];
    if (wide) row.push(rt?.ip !== undefined ? formatIp(rt.ip) : hostNet?.podIP ?? '<none>', (p.spec as PodSpec | undefined)?.nodeName ?? '<none>', '<none>', '<none>');
    rows.push(row);
  }
  return rows;
}

export function serviceRows(ctx: KubeCtx, svcs: readonly Resource[], wide: boolean, allNs: boolean): string[][] {
  const head = [...(allNs ? ['NAMESPACE'] : []), 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'];
  if (wide) head.push('SELECTOR');
  const rows = [head];
  for (const s of svcs) {
    const spec = (s.spec ?? {}) as ServiceSpec;
    const type = spec.type ?? 'ClusterIP';
    const ingress = ((s.status ?? {}) as ServiceStatus).loadBalancer?.ingress?.map((i) => i.ip ?? i.hostname ?? '') ?? [];
    let ext = '<none>';
    const externals = [...ingress, ...(spec.externalIPs ?? [])];
    if (externals.length) ext = externals.join(',');
    else if (type === 'LoadBalancer') ext = '<pending>';
    const ports = (spec.ports ?? []).map((p) => `${p.port}${p.nodePort && type !== 'ClusterIP' ? `:${p.nodePort}` : ''}/${(p.protocol ?? 'TCP').toUpperCase()}`).join(',') || '<none>';
    const row = [...(allNs ? [s.metadata.namespace ?? 'default'] : []), s.metadata.name ?? '', type, spec.clusterIP ?? '<none>', ext, ports, age(ctx, s)];
    if (wide) row.push(Object.entries(spec.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || '<none>');
    rows.push(row);
  }
  return rows;
}

export function daemonSetRows(ctx: KubeCtx, dss: readonly Resource[], nodes: number, allNs: boolean): string[][] {
  const rows = [[...(allNs ? ['NAMESPACE'] : []), 'NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']];
  for (const d of dss) {
    const sel = (d.spec as DaemonSetSpec | undefined)?.template?.spec?.nodeSelector ?? { 'kubernetes.io/os': 'linux' };
    const n = String(nodes);
    rows.push([...(allNs ? [d.metadata.namespace ?? 'default'] : []), d.metadata.name ?? '', n, n, n, n, n, Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(','), age(ctx, d)]);
  }
  return rows;
}

export function deploymentRows(ctx: KubeCtx, ds: readonly Resource[], runtime: readonly PodRuntime[], allNs: boolean): string[][] {
  const rows = [[...(allNs ? ['NAMESPACE'] : []), 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']];
  for (const d of ds) {
    const want = (d.spec as DeploymentSpec | undefined)?.replicas ?? 1;
    const ns = d.metadata.namespace ?? 'default';
    const ready = runtime.filter((p) => p.namespace === ns && p.name.startsWith(`${d.metadata.name}-`) && p.phase === 'Running').length;
    rows.push([...(allNs ? [ns] : []), d.metadata.name ?? '', `${ready}/${want}`, String(want), String(ready), age(ctx, d)]);
  }
  return rows;
}

export function namespaceRows(ctx: KubeCtx, nss: readonly Resource[]): string[][] {
  return [['NAME', 'STATUS', 'AGE'], ...nss.map((n) => [n.metadata.name ?? '', 'Active', age(ctx, n)])];
}
