// Services: endpoints (pods matching the selector), what kube-proxy programs on every node
// (DNAT from ClusterIP / ExternalIP / LoadBalancer IP / NodePort to the endpoints), what
// Calico advertises (spec §5: client.go updateGlobalRoutes, routes.go advertiseThisService,
// C331) and the records kube-dns answers.

import { formatIp, parseIp, prefixContainsIp } from '../../../core/ip.ts';
import type { Ip, Prefix } from '../../../core/ip.ts';
import type { DnatRule } from '../../../model/device.ts';
import type { PodSpec, Resource, ServicePort, ServiceSpec, ServiceStatus } from '../resources/types.ts';
import type { ClusterView, NodeView } from './view.ts';

export interface PodInfo {
  readonly namespace: string;
  readonly name: string;
  readonly node: string;
  readonly ip: Ip;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly { readonly name?: string; readonly port: number; readonly protocol: 'tcp' | 'udp' }[];
  readonly hostNetwork: boolean;
}

export interface Endpoint {
  readonly pod: PodInfo;
  readonly port: number;
}

export interface ServiceInfo {
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  readonly clusterIPs: readonly Ip[];
  readonly externalIPs: readonly Ip[];
  readonly lbIngress: readonly Ip[];
  readonly loadBalancerIP?: Ip;
  /** '' for ClusterIP services (the API server only defaults it for NodePort/LoadBalancer). */
  readonly etp: '' | 'Cluster' | 'Local';
  readonly hasSelector: boolean;
  readonly ports: readonly { readonly name: string; readonly port: number; readonly protocol: 'tcp' | 'udp'; readonly nodePort?: number; readonly endpoints: readonly Endpoint[] }[];
}

function ipList(xs: readonly (string | undefined)[]): Ip[] {
  return xs.flatMap((x) => {
    const ip = x ? parseIp(x) : null;
    return ip === null ? [] : [ip];
  });
}

export function podPorts(spec: PodSpec | undefined): PodInfo['ports'] {
  const out: { name?: string; port: number; protocol: 'tcp' | 'udp' }[] = [];
  for (const c of spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.containerPort) continue;
      out.push({ ...(p.name ? { name: p.name } : {}), port: p.containerPort, protocol: (p.protocol ?? 'TCP').toUpperCase() === 'UDP' ? 'udp' : 'tcp' });
    }
  }
  return out;
}

function targetOf(sp: ServicePort, pod: PodInfo): number | undefined {
  const t = sp.targetPort;
  if (t === undefined || t === '') return sp.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  return pod.ports.find((p) => p.name === t)?.port;
}

export function serviceInfo(svc: Resource, pods: readonly PodInfo[]): ServiceInfo {
  const s = (svc.spec ?? {}) as ServiceSpec;
  const ns = svc.metadata.namespace ?? 'default';
  const type = s.type ?? 'ClusterIP';
  const selector = s.selector ?? {};
  const hasSelector = Object.keys(selector).length > 0;
  const members = hasSelector ? pods.filter((p) => p.namespace === ns && Object.entries(selector).every(([k, v]) => p.labels[k] === v)) : [];
  const status = (svc.status ?? {}) as ServiceStatus;
  const etpRaw = s.externalTrafficPolicy ?? '';
  const etp: ServiceInfo['etp'] = etpRaw === 'Local' ? 'Local' : etpRaw === 'Cluster' || type === 'NodePort' || type === 'LoadBalancer' ? 'Cluster' : '';
  const clusterIPs = ipList(s.clusterIPs && s.clusterIPs.length > 0 ? s.clusterIPs : [s.clusterIP]);
  const lbIP = s.loadBalancerIP ? parseIp(s.loadBalancerIP) : null;
  return {
    namespace: ns,
    name: svc.metadata.name ?? '',
    type,
    clusterIPs,
    externalIPs: ipList(s.externalIPs ?? []),
    lbIngress: type === 'LoadBalancer' ? ipList((status.loadBalancer?.ingress ?? []).map((i) => i.ip)) : [],
    ...(lbIP !== null ? { loadBalancerIP: lbIP } : {}),
    etp,
    hasSelector,
    ports: (s.ports ?? []).map((sp, i) => ({
      name: sp.name ?? (i === 0 ? '' : String(i)),
      port: sp.port ?? 0,
      protocol: (sp.protocol ?? 'TCP').toUpperCase() === 'UDP' ? ('udp' as const) : ('tcp' as const),
      ...(sp.nodePort ? { nodePort: sp.nodePort } : {}),
      endpoints: members.flatMap((pod) => {
        const port = targetOf(sp, pod);
        return port === undefined ? [] : [{ pod, port }];
      }),
    })),
  };
}

const isSingle = (p: Prefix): boolean => p.len === 32;

/** The node's /staticroutes and /rejectcidrs sets, with a reason per entry. */
export interface ServiceRoutes {
  readonly staticRoutes: readonly Prefix[];
  readonly rejectCidrs: readonly Prefix[];
  readonly notes: readonly string[];
}

/** routes.go advertiseThisService for node `n` (v3.31: endpoints counted regardless of readiness). */
function advertiseThisService(v: ClusterView, svc: ServiceInfo, n: NodeView): { yes: boolean; why: string } {
  if (n.excludedFromLB) return { yes: false, why: 'node excluded from load balancers' };
  if (!['ClusterIP', 'NodePort', 'LoadBalancer'].includes(svc.type)) return { yes: false, why: `type ${svc.type}` };
  if (svc.clusterIPs.length === 0) return { yes: false, why: 'no cluster IP' };
  const singleLb = (ip: Ip | undefined): boolean => ip !== undefined && v.serviceLoadBalancerIPs.some((p) => isSingle(p) && prefixContainsIp(p, ip));
  const singleExt = (ip: Ip): boolean => v.serviceExternalIPs.some((p) => isSingle(p) && prefixContainsIp(p, ip));
  if (svc.etp === 'Cluster') {
    if (svc.type === 'LoadBalancer' && singleLb(svc.loadBalancerIP)) return { yes: true, why: 'LoadBalancer IP is a single-address serviceLoadBalancerIPs entry' };
    if ((svc.type === 'LoadBalancer' || svc.type === 'NodePort') && svc.externalIPs.some(singleExt)) {
      return { yes: true, why: 'an external IP is a single-address serviceExternalIPs entry' };
    }
  }
  if (svc.etp !== 'Local' && v.lbAggregation) return { yes: false, why: 'externalTrafficPolicy is not Local: covered by the advertised ranges' };
  const eps = svc.ports.flatMap((p) => p.endpoints);
  if (svc.etp !== 'Local') return eps.length > 0 ? { yes: true, why: 'has endpoints (aggregation disabled)' } : { yes: false, why: 'no endpoints' };
  return eps.some((e) => e.pod.node === n.name) ? { yes: true, why: 'externalTrafficPolicy Local with an endpoint on this node' } : { yes: false, why: 'externalTrafficPolicy Local, no endpoint on this node' };
}

/** routes.go getAllRoutesForService. */
function routesForService(v: ClusterView, svc: ServiceInfo): Prefix[] {
  const out: Prefix[] = [];
  if (v.serviceClusterIPs.length > 0) for (const ip of svc.clusterIPs) out.push({ addr: ip, len: 32 });
  for (const ip of svc.externalIPs) if (v.serviceExternalIPs.some((p) => prefixContainsIp(p, ip))) out.push({ addr: ip, len: 32 });
  for (const ip of svc.lbIngress) if (v.serviceLoadBalancerIPs.some((p) => prefixContainsIp(p, ip))) out.push({ addr: ip, len: 32 });
  return out;
}

export function serviceRoutes(v: ClusterView, services: readonly ServiceInfo[], n: NodeView): ServiceRoutes {
  const ranges: Prefix[] = [
    ...v.serviceClusterIPs,
    ...v.serviceExternalIPs.filter((p) => !isSingle(p)),
    ...(v.lbAggregation ? v.serviceLoadBalancerIPs.filter((p) => !isSingle(p)) : []),
  ];
  const notes: string[] = [];
  const key = (p: Prefix): string => `${p.addr}/${p.len}`;
  const statics = new Map<string, Prefix>();
  if (!n.excludedFromLB) for (const p of ranges) statics.set(key(p), p);
  else if (ranges.length > 0) notes.push('node is labelled node.kubernetes.io/exclude-from-external-load-balancers=true: service ranges are not advertised from it');
  for (const svc of services) {
    if (!svc.hasSelector) continue; // no EndpointSlices: the route generator never looks at it
    const d = advertiseThisService(v, svc, n);
    const routes = routesForService(v, svc);
    if (d.yes && routes.length > 0) {
      for (const r of routes) statics.set(key(r), r);
      notes.push(`service ${svc.namespace}/${svc.name}: advertise ${routes.map((r) => `${formatIp(r.addr)}/32`).join(', ')} (${d.why})`);
    } else if (svc.etp === 'Local') {
      notes.push(`service ${svc.namespace}/${svc.name}: no /32 from this node (${d.why})`);
    }
  }
  const rejects = new Map<string, Prefix>();
  for (const p of ranges) rejects.set(key(p), p);
  return { staticRoutes: [...statics.values()], rejectCidrs: [...rejects.values()], notes };
}

/** kube-proxy's DNAT rules on node `node` (iptables mode). */
export function kubeProxyRules(services: readonly ServiceInfo[], node: string, nodeIps: readonly Ip[]): DnatRule[] {
  const rules: DnatRule[] = [];
  for (const svc of services) {
    if (svc.type === 'ExternalName' || svc.clusterIPs.length === 0) continue;
    for (const p of svc.ports) {
      const all = p.endpoints.map((e) => ({ ip: e.pod.ip, port: e.port }));
      const local = p.endpoints.filter((e) => e.pod.node === node).map((e) => ({ ip: e.pod.ip, port: e.port }));
      // externalTrafficPolicy Local: external traffic only to local endpoints (none = dropped).
      const external = svc.etp === 'Local' ? local : all;
      const label = `${svc.namespace}/${svc.name}${p.name ? `:${p.name}` : ''}`;
      for (const ip of svc.clusterIPs) rules.push({ ip, port: p.port, protocol: p.protocol, endpoints: all, label: `${label} cluster IP` });
      for (const ip of svc.externalIPs) rules.push({ ip, port: p.port, protocol: p.protocol, endpoints: external, label: `${label} external IP` });
      for (const ip of svc.lbIngress) rules.push({ ip, port: p.port, protocol: p.protocol, endpoints: external, label: `${label} loadbalancer IP` });
      if (p.nodePort && (svc.type === 'NodePort' || svc.type === 'LoadBalancer')) {
        for (const ip of nodeIps) rules.push({ ip, port: p.nodePort, protocol: p.protocol, endpoints: external, label: `${label} nodePort` });
      }
    }
  }
  return rules;
}

/**
 * kube-dns / CoreDNS records as a flat map for the DNS app: "A <name>" → address,
 * "PTR <address>" → name. Service names `<svc>.<ns>.svc.<domain>.`; endpoint pods
 * `<a-b-c-d>.<svc>.<ns>.svc.<domain>.` (CoreDNS kubernetes plugin, reverse zone answers).
 */
export function dnsRecords(services: readonly ServiceInfo[], domain: string): Record<string, string> {
  const data: Record<string, string> = { domain };
  const sorted = [...services].sort((a, b) => (a.namespace + '/' + a.name < b.namespace + '/' + b.name ? -1 : 1));
  for (const svc of sorted) {
    const fqdn = `${svc.name}.${svc.namespace}.svc.${domain}.`;
    if (svc.clusterIPs[0] !== undefined) {
      data[`A ${fqdn}`] = formatIp(svc.clusterIPs[0]);
      data[`PTR ${formatIp(svc.clusterIPs[0])}`] ??= fqdn;
    }
    for (const p of svc.ports) {
      for (const e of p.endpoints) {
        const ip = formatIp(e.pod.ip);
        const name = `${ip.replace(/\./g, '-')}.${fqdn}`;
        data[`A ${name}`] = ip;
        data[`PTR ${ip}`] ??= name;
      }
    }
  }
  return data;
}
