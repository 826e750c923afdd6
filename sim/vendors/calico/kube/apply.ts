// `kubectl apply -f` for the Kubernetes objects the labs use: create or update, one line per
// object (`service/web created`, `deployment.apps/web configured`, `pod/x unchanged`), API
// server errors as kubectl prints them, then the control-plane reconcile (scheduling,
// ClusterIPs, Deployment pods, LoadBalancer addresses).

import { error } from '../../../core/diagnostics.ts';
import type { Diagnostic } from '../../../core/diagnostics.ts';
import type { Datastore } from '../datastore.ts';
import { decodeFile } from '../resources/decode-file.ts';
import type { DecodedResource } from '../resources/decode-file.ts';
import type { KindDef } from '../resources/kind.ts';
import type { PodSpec, Resource, ServiceSpec } from '../resources/types.ts';
import { reconcile } from './controllers.ts';

export interface KubectlResult {
  readonly store: Datastore;
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly changed: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** kubectl's resource name for a kind: `pod`, `service`, `deployment.apps`, `caliconodestatus.projectcalico.org`. */
export function kubectlResourceName(def: KindDef): string {
  const group = def.apiVersion.includes('/') ? def.apiVersion.split('/')[0]! : '';
  const base = def.kind.toLowerCase();
  return group ? `${base}.${group}` : base;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Fields the server fills that an apply without them keeps. */
function keepServerFields(def: KindDef, next: Resource, old: Resource): Resource {
  if (def.kind === 'Service') {
    const o = (old.spec ?? {}) as ServiceSpec;
    const n = (next.spec ?? {}) as ServiceSpec;
    const spec = { ...n, ...(n.clusterIP === undefined && o.clusterIP ? { clusterIP: o.clusterIP, clusterIPs: o.clusterIPs } : {}) };
    return { ...next, spec, ...(next.status === undefined && old.status !== undefined ? { status: old.status } : {}) };
  }
  if (def.kind === 'Pod') {
    const o = (old.spec ?? {}) as PodSpec;
    const n = (next.spec ?? {}) as PodSpec;
    return { ...next, spec: { ...n, ...(n.nodeName === undefined && o.nodeName ? { nodeName: o.nodeName } : {}) } };
  }
  if (def.kind === 'Node') return { ...next, ...(next.status === undefined && old.status !== undefined ? { status: old.status } : {}) };
  return next;
}

export function kubectlApplyResources(store: Datastore, resources: readonly DecodedResource[], file = '-'): KubectlResult {
  let cur = store;
  const out: string[] = [];
  const errs: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const d of resources) {
    const def = d.def;
    const r: Resource = def.namespaced ? { ...d.resource, metadata: { ...d.resource.metadata, namespace: d.resource.metadata.namespace ?? 'default' } } : d.resource;
    const name = r.metadata.name ?? '';
    const ns = def.namespaced ? r.metadata.namespace : undefined;
    const old = cur.get(def.apiVersion, def.kind, name, ns);
    const what = `${kubectlResourceName(def)}/${name}`;
    const verb = old ? 'updating' : 'creating';
    if (def.namespaced && !cur.get('v1', 'Namespace', ns ?? '')) {
      const e = `Error from server (NotFound): error when ${verb} "${file}": namespaces "${ns}" not found`;
      errs.push(e);
      diagnostics.push(error('kube.apply', e, d.span));
      continue;
    }
    const v = def.validate(r, cur.validateContext(old ? 'update' : 'create', old));
    if (v.length > 0) {
      const text = v[0]!.text ?? v[0]!.reason;
      const e = `Error from server (Invalid): error when ${verb} "${file}": ${text}`;
      errs.push(e);
      diagnostics.push(error('kube.validation', text, d.spans.get(v[0]!.path ?? '')?.value ?? d.span));
      continue;
    }
    if (!old) {
      cur = cur.put(r).store;
      out.push(`${what} created`);
      continue;
    }
    if (def.kind === 'Pod') {
      const os = { ...((old.spec ?? {}) as PodSpec) };
      const ns2 = { ...((r.spec ?? {}) as PodSpec) };
      if (ns2.nodeName === undefined) delete os.nodeName;
      if (!same(os, ns2)) {
        const e = `The Pod "${name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)`;
        errs.push(`Error from server (Invalid): error when applying patch:\n${e}`);
        diagnostics.push(error('kube.validation', e, d.span));
        continue;
      }
    }
    const next = keepServerFields(def, { ...r, metadata: { ...old.metadata, labels: r.metadata.labels, annotations: r.metadata.annotations } }, old);
    const strip = (x: Resource): unknown => ({ ...x, metadata: { ...x.metadata, resourceVersion: undefined, uid: undefined, creationTimestamp: undefined } });
    if (same(strip(next), strip(old))) {
      out.push(`${what} unchanged`);
      continue;
    }
    cur = cur.put(next).store;
    out.push(`${what} configured`);
  }
  if (cur !== store) cur = reconcile(cur);
  return { store: cur, ok: errs.length === 0, stdout: out.join('\n'), stderr: errs.join('\n'), changed: cur !== store, diagnostics };
}

/** `kubectl apply -f <file>` on file text. */
export function kubectlApply(store: Datastore, text: string, file = '-'): KubectlResult {
  const decoded = decodeFile(text, { tool: 'kubectl', file });
  if (decoded.fileError !== undefined) {
    return { store, ok: false, stdout: '', stderr: `error: error validating "${file}": ${decoded.fileError}`, changed: false, diagnostics: decoded.diagnostics };
  }
  if (decoded.resources.length === 0) return { store, ok: false, stdout: '', stderr: 'error: no objects passed to apply', changed: false, diagnostics: decoded.diagnostics };
  const r = kubectlApplyResources(store, decoded.resources, file);
  return { ...r, diagnostics: [...decoded.diagnostics, ...r.diagnostics] };
}
