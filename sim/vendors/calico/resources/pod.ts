// The Kubernetes Pod (v1), reduced to what the simulator uses: where it runs (nodeName,
// nodeSelector), its labels (Service selectors) and container ports (what it listens on).
// A pod may request its IP with Calico's `cni.projectcalico.org/ipAddrs` annotation.

import { RAW, STRING_MAP } from '../schema.ts';
import type { KindDef } from './kind.ts';
import { envelope } from './meta.ts';
import { apiFieldError, POD_SPEC, validateK8sMeta } from './k8s-common.ts';
import type { PodSpec, Resource } from './types.ts';

export const POD_IP_ANNOTATION = 'cni.projectcalico.org/ipAddrs';

export const PodKind: KindDef = {
  kind: 'Pod',
  listKind: 'PodList',
  apiVersion: 'v1',
  namespaced: true,
  group: 'k8s',
  schema: envelope('v1.Pod', { spec: POD_SPEC, status: RAW }),
  aliases: ['pod', 'pods', 'po'],
  validate(r: Resource) {
    const m = validateK8sMeta('Pod', r.metadata);
    if (m.length > 0) return m;
    const spec = (r.spec ?? {}) as PodSpec;
    const name = r.metadata.name ?? '';
    if (!spec.containers || spec.containers.length === 0) return [apiFieldError('Pod', name, 'spec.containers', 'Required value')];
    for (const [i, c] of spec.containers.entries()) {
      if (!c.name) return [apiFieldError('Pod', name, `spec.containers[${i}].name`, 'Required value')];
      for (const [j, p] of (c.ports ?? []).entries()) {
        const port = p.containerPort ?? 0;
        if (port < 1 || port > 65535) {
          return [apiFieldError('Pod', name, `spec.containers[${i}].ports[${j}].containerPort`, `Invalid value: ${port}: must be between 1 and 65535, inclusive`)];
        }
      }
    }
    return [];
  },
};

export { STRING_MAP };
