// Deployments and DaemonSets (apps/v1): pod templates the simulator expands into Pods
// (deterministic names and placement), and the calico-node DaemonSet whose env holds
// CALICO_ADVERTISE_CLUSTER_IPS, CALICO_IPV4POOL_IPIP, CALICO_IPV4POOL_VXLAN, CALICO_ROUTER_ID.

import { INT32, RAW } from '../schema.ts';
import { openStruct } from '../schema.ts';
import type { KindDef } from './kind.ts';
import { envelope } from './meta.ts';
import { apiFieldError, LABEL_SELECTOR, POD_TEMPLATE, validateK8sMeta } from './k8s-common.ts';
import type { DeploymentSpec, Resource } from './types.ts';

export const DeploymentKind: KindDef = {
  kind: 'Deployment',
  listKind: 'DeploymentList',
  apiVersion: 'apps/v1',
  namespaced: true,
  group: 'k8s',
  schema: envelope('v1.Deployment', {
    spec: openStruct('v1.DeploymentSpec', { replicas: INT32, selector: LABEL_SELECTOR, template: POD_TEMPLATE, strategy: RAW }),
    status: RAW,
  }),
  aliases: ['deployment', 'deployments', 'deploy'],
  validate(r: Resource) {
    const m = validateK8sMeta('Deployment', r.metadata);
    if (m.length > 0) return m;
    const s = (r.spec ?? {}) as DeploymentSpec;
    const name = r.metadata.name ?? '';
    const sel = s.selector?.matchLabels ?? {};
    const labels = s.template?.metadata?.labels ?? {};
    if (Object.keys(sel).length === 0) return [apiFieldError('Deployment', name, 'spec.selector', 'Required value')];
    if (!Object.entries(sel).every(([k, v]) => labels[k] === v)) {
      return [apiFieldError('Deployment', name, 'spec.template.metadata.labels', `Invalid value: map[${Object.entries(labels).map(([k, v]) => `${k}:${v}`).join(' ')}]: \`selector\` does not match template \`labels\``)];
    }
    if ((s.replicas ?? 1) < 0) return [apiFieldError('Deployment', name, 'spec.replicas', `Invalid value: ${s.replicas}: must be greater than or equal to 0`)];
    return [];
  },
};

export const DaemonSetKind: KindDef = {
  kind: 'DaemonSet',
  listKind: 'DaemonSetList',
  apiVersion: 'apps/v1',
  namespaced: true,
  group: 'k8s',
  schema: envelope('v1.DaemonSet', {
    spec: openStruct('v1.DaemonSetSpec', { selector: LABEL_SELECTOR, template: POD_TEMPLATE, updateStrategy: RAW }),
    status: RAW,
  }),
  aliases: ['daemonset', 'daemonsets', 'ds'],
  validate: (r: Resource) => validateK8sMeta('DaemonSet', r.metadata),
};
