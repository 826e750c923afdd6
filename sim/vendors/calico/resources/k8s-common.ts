// Pieces shared by the Kubernetes kinds: the PodSpec schema subset we model and the API
// server's validation error format (`The Service "web" is invalid: spec.ports[0].port: …`).

import type { ErroredField } from '../errors.ts';
import { BOOL, INT32, RAW, STRING, STRING_MAP, list, openStruct, struct } from '../schema.ts';
import { isName, labelValueErrors, qualifiedNameErrors, NAME_SUBDOMAIN_FMT } from './field-checks.ts';
import { OBJECT_META } from './meta.ts';
import type { ObjectMeta } from './types.ts';

export const CONTAINER_PORT = struct('v1.ContainerPort', {
  name: STRING,
  hostPort: INT32,
  containerPort: INT32,
  protocol: STRING,
  hostIP: STRING,
});

export const CONTAINER = openStruct('v1.Container', {
  name: STRING,
  image: STRING,
  command: RAW,
  args: RAW,
  ports: list(CONTAINER_PORT),
  env: RAW,
});

export const POD_SPEC = openStruct('v1.PodSpec', {
  nodeName: STRING,
  nodeSelector: STRING_MAP,
  containers: list(CONTAINER),
  hostNetwork: BOOL,
});

export const POD_TEMPLATE = struct('v1.PodTemplateSpec', { metadata: OBJECT_META, spec: POD_SPEC });

export const LABEL_SELECTOR = openStruct('v1.LabelSelector', { matchLabels: STRING_MAP, matchExpressions: RAW });

/** One API-server field error, rendered the Kubernetes way. */
export function apiFieldError(kind: string, name: string, path: string, detail: string): ErroredField {
  return { name: path, reason: detail, path, text: `The ${kind} ${JSON.stringify(name)} is invalid: ${path}: ${detail}` };
}

/** ObjectMeta checks the API server applies (name, labels). */
export function validateK8sMeta(kind: string, meta: ObjectMeta): ErroredField[] {
  const name = meta.name ?? '';
  if (name === '') return [apiFieldError(kind, name, 'metadata.name', 'Required value: name or generateName is required')];
  if (!isName(name) || name.length > 253) {
    return [
      apiFieldError(
        kind,
        name,
        'metadata.name',
        `Invalid value: ${JSON.stringify(name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${NAME_SUBDOMAIN_FMT}')`,
      ),
    ];
  }
  for (const [k, v] of Object.entries(meta.labels ?? {})) {
    const ke = qualifiedNameErrors(k);
    if (ke.length > 0) return [{ ...apiFieldError(kind, name, 'metadata.labels', `Invalid value: ${JSON.stringify(k)}: ${ke[0]}`), path: `metadata.labels.${k}` }];
    const ve = labelValueErrors(v);
    if (ve.length > 0) return [{ ...apiFieldError(kind, name, 'metadata.labels', `Invalid value: ${JSON.stringify(v)}: ${ve[0]}`), path: `metadata.labels.${k}` }];
  }
  return [];
}
