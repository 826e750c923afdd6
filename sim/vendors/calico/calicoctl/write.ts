// One resource write (create / update / delete) against the datastore, with the checks,
// error texts and ordering of libcalico-go clientv3 + calicoctl resourcemgr (C331):
//   create: validate → AlreadyExists;  update: Get (NotFound) → validate → conflict check;
//   apply: create, and on AlreadyExists fall back to update (resourcemgr.go Apply);
//   Calico Nodes (Kubernetes datastore): Create and Delete are "not supported", Update merges
//   labels and spec.bgp into the Kubernetes Node.

import type { Datastore } from '../datastore.ts';
import { calicoNodeView, mergeCalicoNodeIntoK8s } from '../datastore.ts';
import type { ErroredField } from '../errors.ts';
import { alreadyExistsText, doesNotExistText, fieldsErrorText, resourceIdentifier } from '../errors.ts';
import type { KindDef } from '../resources/kind.ts';
import type { CalicoNodeSpec, Resource } from '../resources/types.ts';

export type WriteAction = 'create' | 'update' | 'apply' | 'delete';

export interface WriteOutcome {
  readonly store: Datastore;
  /** The stored object (after defaults), or undefined on error / delete. */
  readonly stored?: Resource;
  readonly error?: string;
  /** The validation errors behind `error`, with document paths (for markers). */
  readonly fields?: readonly ErroredField[];
}

function isCalicoNode(def: KindDef): boolean {
  return def.group === 'calico' && def.kind === 'Node';
}

function notSupported(op: string, def: KindDef, name: string): string {
  return `operation ${op} is not supported on ${resourceIdentifier(def.kind, name)}`;
}

function stored(store: Datastore, def: KindDef, r: Resource): Resource | undefined {
  const name = r.metadata.name ?? '';
  if (isCalicoNode(def)) return store.calicoNode(name);
  return store.get(def.apiVersion, def.kind, name, def.namespaced ? r.metadata.namespace : undefined);
}

function validated(store: Datastore, def: KindDef, r: Resource, op: 'create' | 'update', old?: Resource): WriteOutcome | undefined {
  const errs = def.validate(r, store.validateContext(op, old));
  if (errs.length === 0) return undefined;
  return { store, error: fieldsErrorText(errs), fields: errs };
}

function doCreate(store: Datastore, def: KindDef, r: Resource): WriteOutcome {
  const name = r.metadata.name ?? '';
  if (isCalicoNode(def)) return { store, error: notSupported('Create', def, name) };
  const bad = validated(store, def, r, 'create');
  if (bad) return bad;
  if (stored(store, def, r)) return { store, error: alreadyExistsText(def.kind, name, def.namespaced ? r.metadata.namespace : undefined) };
  const clean: Resource = { ...r, metadata: { ...r.metadata } };
  delete clean.metadata.resourceVersion;
  delete clean.metadata.uid;
  const normal = def.normalize ? def.normalize(clean) : clean;
  const put = store.put(normal);
  return { store: put.store, stored: put.stored };
}

function doUpdate(store: Datastore, def: KindDef, r: Resource): WriteOutcome {
  const name = r.metadata.name ?? '';
  const ns = def.namespaced ? r.metadata.namespace : undefined;
  const old = stored(store, def, r);
  if (!old) return { store, error: doesNotExistText(def.kind, name, ns) };
  const bad = validated(store, def, r, 'update', old);
  if (bad) return bad;
  const rv = r.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) {
    return { store, error: `update conflict: ${resourceIdentifier(def.kind, name, ns)}` };
  }
  if (isCalicoNode(def)) {
    const k8s = store.get('v1', 'Node', name)!;
    const put = store.put(mergeCalicoNodeIntoK8s(r as Resource<CalicoNodeSpec>, k8s));
    return { store: put.store, stored: calicoNodeView(put.stored) };
  }
  const normal = def.normalize ? def.normalize(r) : r;
  const put = store.put(normal);
  return { store: put.store, stored: put.stored };
}

function doDelete(store: Datastore, def: KindDef, r: Resource): WriteOutcome {
  const name = r.metadata.name ?? '';
  if (isCalicoNode(def)) return { store, error: notSupported('Delete', def, name) };
  const old = stored(store, def, r);
  if (!old) return { store, error: doesNotExistText(def.kind, name, def.namespaced ? r.metadata.namespace : undefined) };
  return { store: store.remove(old), stored: old };
}

export function writeResource(store: Datastore, def: KindDef, r: Resource, action: WriteAction): WriteOutcome {
  switch (action) {
    case 'create':
      return doCreate(store, def, r);
    case 'update':
      return doUpdate(store, def, r);
    case 'delete':
      return doDelete(store, def, r);
    case 'apply': {
      if (isCalicoNode(def)) return doUpdate(store, def, r);
      const bad = validated(store, def, r, 'create');
      if (bad) return bad;
      if (!stored(store, def, r)) {
        const { resourceVersion: _rv, ...meta } = r.metadata;
        return doCreate(store, def, { ...r, metadata: meta });
      }
      return doUpdate(store, def, r);
    }
  }
}
