// The Kubernetes Service (v1): selector, ports, ClusterIP/ExternalIPs/LoadBalancer and
// externalTrafficPolicy — what kube-proxy programs and what Calico advertises (spec §5).
// status.loadBalancer.ingress written in a lab file is kept (a lab shortcut for the load
// balancer controller that would fill it in a real cluster).

import { parseIp } from '../../../core/ip.ts';
import { INT32, RAW, STRING, STRING_LIST, STRING_MAP, list, openStruct, struct } from '../schema.ts';
import type { KindDef } from './kind.ts';
import { envelope } from './meta.ts';
import { apiFieldError, validateK8sMeta } from './k8s-common.ts';
import type { Resource, ServiceSpec } from './types.ts';

const SERVICE_PORT = struct('v1.ServicePort', {
  name: STRING,
  protocol: STRING,
  appProtocol: STRING,
  port: INT32,
  targetPort: { t: 'intOrString' },
  nodePort: INT32,
});

const SPEC = openStruct('v1.ServiceSpec', {
  type: STRING,
  selector: STRING_MAP,
  ports: list(SERVICE_PORT),
  clusterIP: STRING,
  clusterIPs: STRING_LIST,
  externalIPs: STRING_LIST,
  loadBalancerIP: STRING,
  externalTrafficPolicy: STRING,
  internalTrafficPolicy: STRING,
  sessionAffinity: STRING,
});

const STATUS = openStruct('v1.ServiceStatus', {
  loadBalancer: openStruct('v1.LoadBalancerStatus', {
    ingress: list(openStruct('v1.LoadBalancerIngress', { ip: STRING, hostname: STRING, ipMode: STRING, ports: RAW })),
  }),
  conditions: RAW,
});

export const ServiceKind: KindDef = {
  kind: 'Service',
  listKind: 'ServiceList',
  apiVersion: 'v1',
  namespaced: true,
  group: 'k8s',
  schema: envelope('v1.Service', { spec: SPEC, status: STATUS }),
  aliases: ['service', 'services', 'svc'],
  validate(r: Resource) {
    const m = validateK8sMeta('Service', r.metadata);
    if (m.length > 0) return m;
    const s = (r.spec ?? {}) as ServiceSpec;
    const name = r.metadata.name ?? '';
    const type = s.type ?? 'ClusterIP';
    if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) {
      return [apiFieldError('Service', name, 'spec.type', `Unsupported value: ${JSON.stringify(type)}: supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"`)];
    }
    if (type !== 'ExternalName' && (s.ports ?? []).length === 0 && s.clusterIP !== 'None') {
      return [apiFieldError('Service', name, 'spec.ports', 'Required value')];
    }
    for (const [i, p] of (s.ports ?? []).entries()) {
      const port = p.port ?? 0;
      if (port < 1 || port > 65535) return [apiFieldError('Service', name, `spec.ports[${i}].port`, `Invalid value: ${port}: must be between 1 and 65535, inclusive`)];
      const proto = p.protocol ?? 'TCP';
      if (!['TCP', 'UDP', 'SCTP'].includes(proto)) {
        return [apiFieldError('Service', name, `spec.ports[${i}].protocol`, `Unsupported value: ${JSON.stringify(proto)}: supported values: "SCTP", "TCP", "UDP"`)];
      }
    }
    for (const [i, ip] of (s.externalIPs ?? []).entries()) {
      if (parseIp(ip) === null) return [apiFieldError('Service', name, `spec.externalIPs[${i}]`, `Invalid value: ${JSON.stringify(ip)}: must be a valid IP address`)];
    }
    if (s.clusterIP && s.clusterIP !== 'None' && parseIp(s.clusterIP) === null) {
      return [apiFieldError('Service', name, 'spec.clusterIPs[0]', `Invalid value: ${JSON.stringify(s.clusterIP)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`)];
    }
    const etp = s.externalTrafficPolicy;
    if (etp !== undefined && etp !== '' && !['Cluster', 'Local'].includes(etp)) {
      return [apiFieldError('Service', name, 'spec.externalTrafficPolicy', `Unsupported value: ${JSON.stringify(etp)}: supported values: "Cluster", "Local"`)];
    }
    if (etp && type === 'ClusterIP') {
      return [apiFieldError('Service', name, 'spec.externalTrafficPolicy', 'Invalid value: ' + JSON.stringify(etp) + ': may only be set for externally-accessible services')];
    }
    return [];
  },
};

export { STRING_MAP };
