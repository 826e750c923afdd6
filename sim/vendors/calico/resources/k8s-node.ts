// The Kubernetes Node (v1). In the Kubernetes datastore it is also Calico's Node: its labels
// feed nodeSelector/peerSelector and its projectcalico.org/* annotations hold spec.bgp.

import { BOOL, RAW, STRING, STRING_LIST, openStruct } from '../schema.ts';
import type { KindDef } from './kind.ts';
import { envelope } from './meta.ts';
import { validateK8sMeta } from './k8s-common.ts';
import type { Resource } from './types.ts';

const SPEC = openStruct('v1.NodeSpec', {
  podCIDR: STRING,
  podCIDRs: STRING_LIST,
  providerID: STRING,
  unschedulable: BOOL,
  taints: RAW,
});

export const K8sNodeKind: KindDef = {
  kind: 'Node',
  listKind: 'NodeList',
  apiVersion: 'v1',
  namespaced: false,
  group: 'k8s',
  schema: envelope('v1.Node', { spec: SPEC, status: RAW }),
  aliases: ['node', 'nodes', 'no'],
  validate: (r: Resource) => validateK8sMeta('Node', r.metadata),
};
