// TypeMeta + ObjectMeta: the envelope every resource shares, its decoding schema and the
// libcalico-go validateObjectMeta checks (validator.go, C331).

import type { ErroredField } from '../errors.ts';
import { INT64, RAW, STRING, STRING_LIST, STRING_MAP, struct } from '../schema.ts';
import type { FieldType } from '../schema.ts';
import { labelValueErrors, NAME_SUBDOMAIN_FMT, isName, qualifiedNameErrors } from './field-checks.ts';
import type { ObjectMeta } from './types.ts';

export const OBJECT_META = struct('v1.ObjectMeta', {
  name: STRING,
  generateName: STRING,
  namespace: STRING,
  selfLink: STRING,
  uid: STRING,
  resourceVersion: STRING,
  generation: INT64,
  creationTimestamp: RAW,
  deletionTimestamp: RAW,
  deletionGracePeriodSeconds: INT64,
  labels: STRING_MAP,
  annotations: STRING_MAP,
  ownerReferences: RAW,
  finalizers: STRING_LIST,
  managedFields: RAW,
});

/** The top-level struct of a kind: apiVersion, kind, metadata, plus its own fields. */
export function envelope(go: string, fields: Record<string, FieldType>): FieldType & { t: 'struct' } {
  return struct(go, { kind: STRING, apiVersion: STRING, metadata: OBJECT_META, ...fields });
}

/** validateObjectMeta: name length and format (DNS-1123 subdomain), label keys and values. */
export function validateObjectMeta(meta: ObjectMeta, nameRule: 'subdomain' | 'none' = 'subdomain'): ErroredField[] {
  const out: ErroredField[] = [];
  const name = meta.name ?? '';
  if (nameRule === 'subdomain') {
    if (name.length > 253) {
      out.push({ name: 'Metadata.Name', value: name, reason: `name is too long by ${name.length - 253} bytes`, path: 'metadata.name' });
    }
    if (!isName(name)) {
      out.push({
        name: 'Metadata.Name',
        value: name,
        reason: `name must consist of lower case alphanumeric characters, '-' or '.' (regex: ${NAME_SUBDOMAIN_FMT})`,
        path: 'metadata.name',
      });
    }
  }
  for (const [k, v] of Object.entries(meta.annotations ?? {})) {
    for (const e of qualifiedNameErrors(k.toLowerCase())) {
      out.push({ name: 'Metadata.Annotations (key)', value: k, reason: e, path: `metadata.annotations.${k}` });
    }
    void v;
  }
  for (const [k, v] of Object.entries(meta.labels ?? {})) {
    for (const e of qualifiedNameErrors(k)) out.push({ name: 'Metadata.Labels (label)', value: k, reason: e, path: `metadata.labels.${k}` });
    for (const e of labelValueErrors(v)) out.push({ name: 'Metadata.Labels (value)', value: v, reason: e, path: `metadata.labels.${k}` });
  }
  return out;
}
