// Namespaces and Secrets: enough for `kubectl create ns` and BGP passwords
// (BGPPeer.spec.password.secretKeyRef, read from calico-node's namespace).

import { RAW, STRING, STRING_MAP } from '../schema.ts';
import type { KindDef } from './kind.ts';
import { envelope } from './meta.ts';
import { validateK8sMeta } from './k8s-common.ts';
import type { Resource } from './types.ts';

export const NamespaceKind: KindDef = {
  kind: 'Namespace',
  listKind: 'NamespaceList',
  apiVersion: 'v1',
  namespaced: false,
  group: 'k8s',
  schema: envelope('v1.Namespace', { spec: RAW, status: RAW }),
  aliases: ['namespace', 'namespaces', 'ns'],
  validate: (r: Resource) => validateK8sMeta('Namespace', r.metadata),
};

export const SecretKind: KindDef = {
  kind: 'Secret',
  listKind: 'SecretList',
  apiVersion: 'v1',
  namespaced: true,
  group: 'k8s',
  schema: envelope('v1.Secret', { data: STRING_MAP, stringData: STRING_MAP, type: STRING, immutable: RAW }),
  aliases: ['secret', 'secrets'],
  validate: (r: Resource) => validateK8sMeta('Secret', r.metadata),
};
