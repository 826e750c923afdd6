// What the Kubernetes control plane does after an object is written, reduced to what the
// labs need and made deterministic: the ReplicaSet controller (Deployment → Pods, named
// `<deploy>-<template hash>-<suffix>`), the scheduler (fewest pods, then name), ClusterIP
// allocation from --service-cluster-ip-range, and LoadBalancer addresses (spec.loadBalancerIP,
// else Calico's LoadBalancer IPAM from an IPPool with allowedUses LoadBalancer).

import { formatIp, parsePrefix, prefixContainsIp } from '../../../core/ip.ts';
import type { Ip } from '../../../core/ip.ts';
import { hash32 } from '../../../core/rng.ts';
import type { Datastore } from '../datastore.ts';
import type { DeploymentSpec, IPPoolSpec, PodSpec, Resource, ServiceSpec, ServiceStatus } from '../resources/types.ts';
import { CALICO_API } from '../resources/types.ts';

/** k8s rand.SafeEncodeString alphabet (no vowels, no look-alikes). */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

export function safeString(seed: number, n: number): string {
  let out = '';
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    out += SAFE[x % SAFE.length];
    x = hash32(x, i);
  }
  return out;
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function reconcileDeployments(s: Datastore): Datastore {
  for (const d of s.list('apps/v1', 'Deployment')) {
    const spec = (d.spec ?? {}) as DeploymentSpec;
    const ns = d.metadata.namespace ?? 'default';
    const name = d.metadata.name ?? '';
    const hash = safeString(hash32(stable(spec.template ?? {})), 10);
    const want = spec.replicas ?? 1;
    const owned = s.list('v1', 'Pod', ns).filter((p) => p.metadata.labels?.['app.kubernetes.io/deployment'] === name || ownerOf(p) === name);
    const current = owned.filter((p) => p.metadata.labels?.['pod-template-hash'] === hash);
    for (const p of owned) if (p.metadata.labels?.['pod-template-hash'] !== hash) s = s.remove(p);
    const names = new Set(current.map((p) => p.metadata.name));
    for (const p of current.slice(want)) s = s.remove(p);
    for (let i = 0; names.size < want && i < want * 4; i++) {
      const podName = `${name}-${hash}-${safeString(hash32(name, hash, i), 5)}`;
      if (names.has(podName)) continue;
      names.add(podName);
      s = s.put({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: podName,
          namespace: ns,
          labels: { ...(spec.template?.metadata?.labels ?? {}), 'pod-template-hash': hash },
          ...(spec.template?.metadata?.annotations ? { annotations: { ...spec.template.metadata.annotations } } : {}),
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${name}-${hash}`, controller: true }],
        },
        spec: JSON.parse(JSON.stringify(spec.template?.spec ?? {})) as Record<string, unknown>,
      }).store;
    }
  }
  return s;
}

function ownerOf(p: Resource): string | undefined {
  const refs = p.metadata['ownerReferences'] as { kind?: string; name?: string }[] | undefined;
  const rs = refs?.find((r) => r.kind === 'ReplicaSet')?.name;
  return rs ? rs.replace(/-[a-z0-9]+$/, '') : undefined;
}

/** kube-scheduler, reduced: schedulable nodes matching nodeSelector, fewest pods, then name. */
function schedule(s: Datastore): Datastore {
  const nodes = s.list('v1', 'Node');
  for (const p of s.list('v1', 'Pod')) {
    const spec = (p.spec ?? {}) as PodSpec;
    if (spec.nodeName) continue;
    const sel = spec.nodeSelector ?? {};
    const fits = nodes.filter((n) => {
      if ((n.spec as { unschedulable?: boolean } | undefined)?.unschedulable) return false;
      const taints = ((n.spec as { taints?: { effect?: string }[] } | undefined)?.taints ?? []).filter((t) => t.effect === 'NoSchedule');
      if (taints.length > 0) return false;
      return Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v);
    });
    if (fits.length === 0) continue;
    const load = (n: Resource): number => s.list('v1', 'Pod').filter((q) => (q.spec as PodSpec | undefined)?.nodeName === n.metadata.name).length;
    fits.sort((a, b) => load(a) - load(b) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    s = s.put({ ...p, spec: { ...spec, nodeName: fits[0]!.metadata.name } }).store;
  }
  return s;
}

function allocateClusterIPs(s: Datastore): Datastore {
  const range = parsePrefix(s.options.serviceClusterIPRange);
  if (!range) return s;
  const used = new Set<Ip>();
  for (const svc of s.list('v1', 'Service')) {
    const ip = (svc.spec as ServiceSpec | undefined)?.clusterIP;
    if (ip && ip !== 'None') used.add(ipNum(ip));
  }
  const size = 2 ** (32 - range.len);
  for (const svc of s.list('v1', 'Service')) {
    const spec = (svc.spec ?? {}) as ServiceSpec;
    if (spec.clusterIP || spec.type === 'ExternalName') continue;
    // Skip the network address and .1 (the `kubernetes` Service) like the allocator's offset.
    let idx = 2 + (hash32(`${svc.metadata.namespace}/${svc.metadata.name}`) % Math.max(1, size - 3));
    let ip = (range.addr + idx) >>> 0;
    for (let k = 0; used.has(ip) && k < size; k++) {
      idx = 2 + ((idx - 1) % Math.max(1, size - 3));
      ip = (range.addr + idx) >>> 0;
    }
    used.add(ip);
    s = s.put({ ...svc, spec: { ...spec, clusterIP: formatIp(ip), clusterIPs: [formatIp(ip)] } }).store;
  }
  return s;
}

function ipNum(text: string): Ip {
  const p = parsePrefix(text);
  return p ? p.addr : 0;
}

function assignLoadBalancers(s: Datastore): Datastore {
  const lbPools = s
    .list(CALICO_API, 'IPPool')
    .filter((p) => ((p.spec as IPPoolSpec | undefined)?.allowedUses ?? []).includes('LoadBalancer'))
    .flatMap((p) => {
      const c = parsePrefix((p.spec as IPPoolSpec).cidr ?? '');
      return c ? [c] : [];
    });
  const used = new Set<Ip>();
  for (const svc of s.list('v1', 'Service')) for (const i of ((svc.status ?? {}) as ServiceStatus).loadBalancer?.ingress ?? []) if (i.ip) used.add(ipNum(i.ip));
  for (const svc of s.list('v1', 'Service')) {
    const spec = (svc.spec ?? {}) as ServiceSpec;
    if (spec.type !== 'LoadBalancer') continue;
    const status = (svc.status ?? {}) as ServiceStatus;
    if ((status.loadBalancer?.ingress ?? []).length > 0) continue;
    let ip: Ip | undefined = spec.loadBalancerIP ? ipNum(spec.loadBalancerIP) : undefined;
    if (ip === undefined) {
      for (const pool of lbPools) {
        for (let i = 0; i < 2 ** (32 - pool.len) && ip === undefined; i++) {
          const cand = (pool.addr + i) >>> 0;
          if (!used.has(cand) && prefixContainsIp(pool, cand)) ip = cand;
        }
        if (ip !== undefined) break;
      }
    }
    if (ip === undefined) continue; // stays <pending>
    used.add(ip);
    s = s.put({ ...svc, status: { ...status, loadBalancer: { ingress: [{ ip: formatIp(ip) }] } } }).store;
  }
  return s;
}

/** Runs the controllers until nothing changes (they are idempotent). */
export function reconcile(s: Datastore): Datastore {
  let cur = s;
  for (let i = 0; i < 3; i++) {
    const before = cur.revision;
    cur = assignLoadBalancers(allocateClusterIPs(schedule(reconcileDeployments(cur))));
    if (cur.revision === before) break;
  }
  return cur;
}
