// kubectl for the objects the labs use: get, describe (nodes), label, annotate, patch (merge /
// strategic merge by `name`, as for the calico-node DaemonSet env), set env, apply/delete -f,
// delete, cordon/uncordon/drain, cluster-info [dump]. Writes go to the cluster datastore.

import { kubectlApply, kubectlResourceName } from '../../calico/kube/apply.ts';
import type { Datastore } from '../../calico/datastore.ts';
import { decodeFile } from '../../calico/resources/decode-file.ts';
import { k8sKindByAlias } from '../../calico/resources/kinds.ts';
import type { KindDef } from '../../calico/resources/kind.ts';
import type { DaemonSetSpec, K8sNodeSpec, PodSpec, Resource } from '../../calico/resources/types.ts';
import { toGoYaml } from '../../calico/yaml/emit.ts';
import { kubeAge } from '../render/clock.ts';
import { calicoNodePods, kubectlLogs } from './kubectl-logs.ts';
import { daemonSetRows, deploymentRows, kubeTable, namespaceRows, nodeRows, podRows, serviceRows } from '../render/kubectl.ts';
import type { KubeCtx } from '../render/kubectl.ts';
import { calicoNodeStatusStatus } from '../render/node-status-resource.ts';
import type { Command, CommandResult, ShellEnv } from '../types.ts';
import { fail, ok } from '../types.ts';

interface Flags {
  ns?: string;
  allNs: boolean;
  output?: string;
  overwrite: boolean;
  files: string[];
  patch?: string;
  patchType?: string;
  selector?: string;
  pos: string[];
  ignoreDaemonsets: boolean;
  showLabels: boolean;
  list: boolean;
}

function parseFlags(args: readonly string[]): Flags {
  const f: Flags = { allNs: false, overwrite: false, files: [], pos: [], ignoreDaemonsets: false, showLabels: false, list: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const val = (): string | undefined => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    if (a === '-n' || a.startsWith('--namespace')) f.ns = val();
    else if (a.startsWith('-n') && a.length > 2) f.ns = a.slice(2);
    else if (a === '-A' || a === '--all-namespaces') f.allNs = true;
    else if (a === '-o' || a.startsWith('--output')) f.output = val();
    else if (a.startsWith('-o') && a.length > 2) f.output = a.slice(2).replace(/^=/, '');
    else if (a === '--overwrite') f.overwrite = true;
    else if (a === '-f' || a.startsWith('--filename')) f.files.push(val() ?? '');
    else if (a === '-p' || a.startsWith('--patch')) f.patch = val();
    else if (a === '--type') f.patchType = val();
    else if (a.startsWith('--type=')) f.patchType = a.slice(7);
    else if (a === '-l' || a.startsWith('--selector')) f.selector = val();
    else if (a === '--ignore-daemonsets') f.ignoreDaemonsets = true;
    else if (a === '--show-labels') f.showLabels = true;
    else if (a === '--list') f.list = true;
    else if (a.startsWith('--')) continue;
    else f.pos.push(a);
  }
  return f;
}

function kubeCtx(env: ShellEnv): KubeCtx {
  return { cluster: env.cluster!, now: env.ctx.net.time };
}

function commit(env: ShellEnv, store: Datastore): void {
  const rollouts = env.cluster!.rollouts;
  env.cluster!.setStore(store);
  env.ctx.commit();
  // The calico-node pod template changed: the DaemonSet rolls, every calico-node (and its
  // BIRD) restarts, after re-detecting its address (CalicoCluster.setStore).
  if (env.cluster!.rollouts !== rollouts) for (const n of env.cluster!.hosts) env.ctx.daemon(n.name, 'restart');
}

/** The API resource (plural) name: pods, services, caliconodestatuses, networkpolicies. */
function plural(def: KindDef): string {
  const k = def.kind.toLowerCase();
  return /(s|x|ch|sh)$/.test(k) ? `${k}es` : /[^aeiou]y$/.test(k) ? `${k.slice(0, -1)}ies` : `${k}s`;
}

function notFound(def: KindDef, name: string): CommandResult {
  const group = def.apiVersion.includes('/') ? `.${def.apiVersion.split('/')[0]}` : '';
  return fail(`Error from server (NotFound): ${plural(def)}${group} "${name}" not found`, 1);
}

function unknownType(kind: string): CommandResult {
  return fail(`error: the server doesn't have a resource type "${kind}"`, 1);
}

/** `kind/name` or `kind name`. */
function target(pos: readonly string[]): { kind: string; names: string[] } | undefined {
  if (pos.length === 0) return undefined;
  if (pos[0]!.includes('/')) {
    const [kind, name] = pos[0]!.split('/');
    return { kind: kind!, names: [name!, ...pos.slice(1)] };
  }
  return { kind: pos[0]!, names: pos.slice(1) };
}

function matchSelector(labels: Record<string, string> | undefined, sel: string | undefined): boolean {
  if (!sel) return true;
  // Equality-based label selectors (k=v, k==v, k!=v, k, !k), as `kubectl -l`.
  const l = labels ?? {};
  return sel.split(',').every((raw) => {
    const term = raw.trim();
    const m = /^([^!=]+?)\s*(!=|==|=)\s*(.*)$/.exec(term);
    if (m) return m[2] === '!=' ? l[m[1]!] !== m[3] : l[m[1]!] === m[3];
    if (term.startsWith('!')) return l[term.slice(1).trim()] === undefined;
    return l[term] !== undefined;
  });
}

function listObjects(env: ShellEnv, def: KindDef, f: Flags): Resource[] {
  const s = env.cluster!.store;
  const ns = def.namespaced ? (f.allNs ? undefined : f.ns ?? 'default') : undefined;
  const listed = s.list(def.apiVersion, def.kind, ns);
  if (def.kind === 'Pod' && (ns === undefined || ns === s.options.calicoNamespace)) {
    // The calico-node DaemonSet's pods (not datastore objects, see kubectl-logs.ts).
    listed.push(...calicoNodePods(env.cluster!));
    listed.sort((a, b) => ((a.metadata.namespace ?? '') + '/' + (a.metadata.name ?? '') < (b.metadata.namespace ?? '') + '/' + (b.metadata.name ?? '') ? -1 : 1));
  }
  return listed.filter((r) => matchSelector(r.metadata.labels, f.selector));
}

function withStatus(env: ShellEnv, r: Resource): Resource {
  if (r.kind !== 'CalicoNodeStatus') return r;
  return { ...r, status: calicoNodeStatusStatus(env, r) };
}

function get(env: ShellEnv, f: Flags): CommandResult {
  const t = target(f.pos);
  if (!t) return fail('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.', 1);
  const def = k8sKindByAlias(t.kind) ?? (['caliconodestatus', 'caliconodestatuses'].includes(t.kind.toLowerCase()) ? k8sKindByAlias('caliconodestatus') : undefined);
  if (!def) return unknownType(t.kind);
  const ctx = kubeCtx(env);
  let objs: Resource[];
  if (t.names.length > 0) {
    objs = [];
    for (const n of t.names) {
      const ns = def.namespaced ? f.ns ?? 'default' : undefined;
      const r = env.cluster!.store.get(def.apiVersion, def.kind, n, ns) ?? (def.kind === 'Pod' && ns === env.cluster!.store.options.calicoNamespace ? calicoNodePods(env.cluster!).find((p) => p.metadata.name === n) : undefined);
      if (!r) return notFound(def, n);
      objs.push(r);
    }
  } else objs = listObjects(env, def, f);
  objs = objs.map((o) => withStatus(env, o));
  if (f.output === 'yaml') {
    const v = t.names.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
    return ok(toGoYaml(v));
  }
  if (f.output === 'json') {
    const v = t.names.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
    return ok(`${JSON.stringify(v, null, 4)}\n`);
  }
  if (f.output === 'name') return ok(objs.map((o) => `${kubectlResourceName(def)}/${o.metadata.name}\n`).join(''));
  if (objs.length === 0) {
    return f.allNs || !def.namespaced ? fail('No resources found', 0) : fail(`No resources found in ${f.ns ?? 'default'} namespace.`, 0);
  }
  const wide = f.output === 'wide';
  const runtime = env.cluster!.compiled.pods;
  const allNs = f.allNs && def.namespaced;
  let rows: string[][];
  switch (def.kind) {
    case 'Node':
      rows = nodeRows(ctx, objs, wide);
      break;
    case 'Pod':
      rows = podRows(ctx, objs, runtime, wide, allNs);
      break;
    case 'Service':
      rows = serviceRows(ctx, objs, wide, allNs);
      break;
    case 'DaemonSet':
      rows = daemonSetRows(ctx, objs, env.cluster!.store.list('v1', 'Node').length, allNs);
      break;
    case 'Deployment':
      rows = deploymentRows(ctx, objs, runtime, allNs);
      break;
    case 'Namespace':
      rows = namespaceRows(ctx, objs);
      break;
    default:
      rows = [['NAME', 'AGE'], ...objs.map((o) => [o.metadata.name ?? '', kubeAge(ctx.now)])];
  }
  if (f.showLabels) {
    // kubectl's printer appends LABELS as labels.Set.String(): keys sorted, k=v joined by ','.
    rows = rows.map((r, i) => {
      if (i === 0) return [...r, 'LABELS'];
      const lab = objs[i - 1]!.metadata.labels ?? {};
      const keys = Object.keys(lab).sort();
      return [...r, keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${lab[k]}`).join(',')];
    });
  }
  return ok(kubeTable(rows));
}

function setMeta(env: ShellEnv, f: Flags, field: 'labels' | 'annotations'): CommandResult {
  const t = target(f.pos);
  if (!t || t.names.length < 2) return fail(`error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`, 1);
  const def = k8sKindByAlias(t.kind);
  if (!def) return unknownType(t.kind);
  const name = t.names[0]!;
  const store = env.cluster!.store;
  const r = store.get(def.apiVersion, def.kind, name, def.namespaced ? f.ns ?? 'default' : undefined);
  if (!r) return notFound(def, name);
  const map = { ...((r.metadata[field] as Record<string, string> | undefined) ?? {}) };
  for (const kv of t.names.slice(1)) {
    if (kv.endsWith('-') && !kv.includes('=')) {
      delete map[kv.slice(0, -1)];
      continue;
    }
    const eq = kv.indexOf('=');
    if (eq < 0) return fail(`error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`, 1);
    const k = kv.slice(0, eq);
    const v = kv.slice(eq + 1);
    if (map[k] !== undefined && map[k] !== v && !f.overwrite) {
      return fail(`error: '${k}' already has a value (${map[k]}), and --overwrite is false`, 1);
    }
    map[k] = v;
  }
  const next = { ...r, metadata: { ...r.metadata, [field]: map } };
  const v = def.validate(next, store.validateContext('update', r));
  if (v.length > 0) return fail(v[0]!.text ?? v[0]!.reason, 1);
  commit(env, store.put(next).store);
  return ok(`${kubectlResourceName(def)}/${name} ${field === 'labels' ? 'labeled' : 'annotated'}\n`, { changed: true });
}

/** Strategic merge patch, reduced: objects merge, lists of objects with `name` merge by name. */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) {
    if (Array.isArray(target) && patch.every((p) => typeof p === 'object' && p !== null && 'name' in p)) {
      const out = [...(target as Record<string, unknown>[])];
      for (const p of patch as Record<string, unknown>[]) {
        const i = out.findIndex((x) => typeof x === 'object' && x !== null && x['name'] === p['name']);
        if (i >= 0) out[i] = strategicMerge(out[i], p) as Record<string, unknown>;
        else out.push(p);
      }
      return out;
    }
    return patch;
  }
  if (typeof patch !== 'object' || patch === null) return patch;
  const base: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete base[k];
    else base[k] = strategicMerge(base[k], v);
  }
  return base;
}

function patchCmd(env: ShellEnv, f: Flags): CommandResult {
  const t = target(f.pos);
  if (!t || t.names.length === 0 || f.patch === undefined) return fail('error: must specify --patch or --patch-file containing the contents of the patch', 1);
  const def = k8sKindByAlias(t.kind);
  if (!def) return unknownType(t.kind);
  const name = t.names[0]!;
  const store = env.cluster!.store;
  const r = store.get(def.apiVersion, def.kind, name, def.namespaced ? f.ns ?? 'default' : undefined);
  if (!r) return notFound(def, name);
  let p: unknown;
  try {
    p = JSON.parse(f.patch);
  } catch {
    return fail(`error: unable to parse "${f.patch}": yaml: did not find expected node content`, 1);
  }
  const merged = (f.patchType === 'merge' ? strategicMergeMergeType(r, p) : strategicMerge(r, p)) as Resource;
  if (JSON.stringify(merged) === JSON.stringify(r)) return ok(`${kubectlResourceName(def)}/${name} patched (no change)\n`);
  const v = def.validate(merged, store.validateContext('update', r));
  if (v.length > 0) return fail(`The request is invalid: ${v[0]!.text ?? v[0]!.reason}`, 1);
  const next = store.put(merged);
  commit(env, next.store);
  return ok(`${kubectlResourceName(def)}/${name} patched\n`, { changed: true });
}

function strategicMergeMergeType(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete base[k];
    else base[k] = strategicMergeMergeType(base[k], v);
  }
  return base;
}

/** `kubectl set env ds/calico-node -n kube-system NAME=value [NAME-]`. */
function setEnv(env: ShellEnv, f: Flags): CommandResult {
  const t = target(f.pos.slice(1));
  if (f.pos[0] !== 'env' || !t) return fail('error: unknown command "set"', 1);
  const def = k8sKindByAlias(t.kind);
  if (!def || (def.kind !== 'DaemonSet' && def.kind !== 'Deployment')) return unknownType(t.kind);
  const name = t.names[0]!;
  const store = env.cluster!.store;
  const r = store.get(def.apiVersion, def.kind, name, f.ns ?? 'default');
  if (!r) return notFound(def, name);
  const spec = JSON.parse(JSON.stringify(r.spec ?? {})) as DaemonSetSpec;
  if (f.list) {
    // kubectl set env --list: one block per container, nothing changes.
    const out: string[] = [];
    for (const c of spec.template?.spec?.containers ?? []) {
      out.push(`# ${def.kind} ${name}, container ${c.name}`);
      for (const e of c.env ?? []) out.push(`${e.name}=${e.value ?? ''}`);
    }
    return ok(`${out.join('\n')}\n`);
  }
  for (const c of spec.template?.spec?.containers ?? []) {
    const list = [...(c.env ?? [])];
    for (const kv of t.names.slice(1)) {
      if (kv.endsWith('-')) {
        const i = list.findIndex((e) => e.name === kv.slice(0, -1));
        if (i >= 0) list.splice(i, 1);
        continue;
      }
      const [k, ...v] = kv.split('=');
      const i = list.findIndex((e) => e.name === k);
      if (i >= 0) list[i] = { name: k!, value: v.join('=') };
      else list.push({ name: k!, value: v.join('=') });
    }
    c.env = list;
  }
  const next = store.put({ ...r, spec: spec as Record<string, unknown> });
  commit(env, next.store);
  return ok(`${kubectlResourceName(def)}/${name} env updated\n`, { changed: true });
}

/**
 * `kubectl rollout restart|status ds/calico-node -n kube-system`: restart stamps the pod
 * template with kubectl.kubernetes.io/restartedAt (kubectl's objectrestarter), which rolls
 * the DaemonSet like any template change.
 */
function rollout(env: ShellEnv, f: Flags): CommandResult {
  const verb = f.pos[0];
  const t = target(f.pos.slice(1));
  if (!verb || !['restart', 'status', 'history'].includes(verb)) return fail(`error: unknown command "${verb ?? ''}" for "kubectl rollout"`, 1);
  if (!t || t.names.length === 0) return fail('error: required resource not specified', 1);
  const def = k8sKindByAlias(t.kind);
  if (!def) return unknownType(t.kind);
  if (def.kind !== 'DaemonSet' && def.kind !== 'Deployment') return fail(`error: no restarter has been implemented for ${plural(def)}`, 1);
  const name = t.names[0]!;
  const store = env.cluster!.store;
  const r = store.get(def.apiVersion, def.kind, name, f.ns ?? 'default');
  if (!r) return notFound(def, name);
  const res = `${kubectlResourceName(def)}/${name}`;
  if (verb === 'status') return ok(def.kind === 'DaemonSet' ? `daemon set "${name}" successfully rolled out
` : `deployment "${name}" successfully rolled out
`);
  if (verb === 'history') return ok(`${res} \nREVISION  CHANGE-CAUSE\n1         <none>\n\n`);
  const spec = JSON.parse(JSON.stringify(r.spec ?? {})) as DaemonSetSpec;
  const at = new Date(env.wall(env.ctx.net.time) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const tmpl = (spec.template ??= {});
  tmpl.metadata = { ...(tmpl.metadata ?? {}), annotations: { ...(tmpl.metadata?.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': at } };
  commit(env, store.put({ ...r, spec: spec as Record<string, unknown> }).store);
  return ok(`${res} restarted\n`, { changed: true });
}

function cordon(env: ShellEnv, name: string, on: boolean): CommandResult {
  const store = env.cluster!.store;
  const n = store.get('v1', 'Node', name);
  if (!n) return fail(`Error from server (NotFound): nodes "${name}" not found`, 1);
  const spec = { ...((n.spec ?? {}) as K8sNodeSpec) };
  if ((spec.unschedulable === true) === on) return ok(`node/${name} already ${on ? 'cordoned' : 'uncordoned'}\n`);
  if (on) spec.unschedulable = true;
  else delete spec.unschedulable;
  commit(env, store.put({ ...n, spec }).store);
  return ok(`node/${name} ${on ? 'cordoned' : 'uncordoned'}\n`, { changed: true });
}

function drain(env: ShellEnv, f: Flags): CommandResult {
  const name = f.pos[0];
  if (!name) return fail('error: USAGE: drain NODE [flags]', 1);
  const c = cordon(env, name, true);
  if (c.code !== 0) return c;
  let store = env.cluster!.store;
  const out = [c.stdout.trim()];
  const victims = store.list('v1', 'Pod').filter((p) => (p.spec as PodSpec | undefined)?.nodeName === name);
  for (const p of victims) out.push(`evicting pod ${p.metadata.namespace}/${p.metadata.name}`);
  for (const p of victims) {
    store = store.remove(p);
    out.push(`pod/${p.metadata.name} evicted`);
  }
  out.push(`node/${name} drained`);
  commit(env, store);
  return ok(`${out.join('\n')}\n`, { changed: true });
}

/**
 * `kubectl delete -f file`: every object of the file, in order; a missing one is
 * `Error from server (NotFound): error when deleting "file": …` and the others still go.
 */
function deleteFiles(env: ShellEnv, f: Flags, stdin: string): CommandResult {
  let store = env.cluster!.store;
  const out: string[] = [];
  const errs: string[] = [];
  for (const file of f.files) {
    const text = file === '-' ? stdin : env.fs.read(file);
    if (text === undefined) return fail(`error: the path "${file}" does not exist`, 1);
    const decoded = decodeFile(text, { tool: 'kubectl', file });
    if (decoded.fileError !== undefined) return fail(`error: ${decoded.fileError}`, 1);
    for (const d of decoded.resources) {
      const name = d.resource.metadata.name ?? '';
      const ns = d.def.namespaced ? d.resource.metadata.namespace ?? f.ns ?? 'default' : undefined;
      const r = store.get(d.def.apiVersion, d.def.kind, name, ns);
      const group = d.def.apiVersion.includes('/') ? `.${d.def.apiVersion.split('/')[0]}` : '';
      if (!r) {
        errs.push(`Error from server (NotFound): error when deleting "${file}": ${plural(d.def)}${group} "${name}" not found`);
        continue;
      }
      store = store.remove(r);
      out.push(`${kubectlResourceName(d.def)} "${name}" deleted`);
    }
  }
  if (out.length > 0) commit(env, store);
  const stdout = out.length ? `${out.join('\n')}\n` : '';
  return errs.length ? { stdout, stderr: errs.join('\n'), code: 1, ...(out.length ? { changed: true } : {}) } : ok(stdout, { changed: out.length > 0 });
}

function deleteCmd(env: ShellEnv, f: Flags, stdin: string): CommandResult {
  if (f.files.length > 0) return deleteFiles(env, f, stdin);
  const t = target(f.pos);
  if (!t || t.names.length === 0) return fail('error: resource(s) were provided, but no name was specified', 1);
  const def = k8sKindByAlias(t.kind);
  if (!def) return unknownType(t.kind);
  let store = env.cluster!.store;
  const out: string[] = [];
  for (const n of t.names) {
    const r = store.get(def.apiVersion, def.kind, n, def.namespaced ? f.ns ?? 'default' : undefined);
    if (!r) return fail(`${out.join('\n')}${out.length ? '\n' : ''}Error from server (NotFound): ${plural(def)}${def.apiVersion.includes('/') ? `.${def.apiVersion.split('/')[0]}` : ''} "${n}" not found`, 1, out.join('\n'));
    store = store.remove(r);
    out.push(`${kubectlResourceName(def)} "${n}" deleted`);
  }
  commit(env, store);
  void stdin;
  return ok(`${out.join('\n')}\n`, { changed: true });
}

function clusterInfo(env: ShellEnv, dump: boolean): CommandResult {
  const nodes = env.cluster!.store.list('v1', 'Node');
  const cp = nodes.find((n) => Object.keys(n.metadata.labels ?? {}).some((k) => k === 'node-role.kubernetes.io/control-plane')) ?? nodes[0];
  const ip = ((cp?.status as { addresses?: { type?: string; address?: string }[] } | undefined)?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address ?? '127.0.0.1';
  const range = env.cluster!.store.options.serviceClusterIPRange;
  if (!dump) {
    return ok(
      `\u001b[0;32mKubernetes control plane\u001b[0m is running at \u001b[0;33mhttps://${ip}:6443\u001b[0m\n\u001b[0;32mCoreDNS\u001b[0m is running at \u001b[0;33mhttps://${ip}:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\u001b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`,
    );
  }
  const node = cp?.metadata.name ?? 'control-plane';
  const pod = (comp: string, flags: string[]): string =>
    [
      '        {',
      '            "metadata": {',
      `                "name": "${comp}-${node}",`,
      '                "namespace": "kube-system",',
      '            },',
      '            "spec": {',
      '                "containers": [',
      '                    {',
      `                        "name": "${comp}",`,
      '                        "command": [',
      `                            "${comp}",`,
      ...flags.map((x) => `                            "${x}",`),
      '                        ],',
      '                    }',
      '                ],',
      `                "nodeName": "${node}"`,
      '            }',
      '        },',
    ].join('\n');
  const text = [
    '{',
    '    "kind": "NodeList",',
    '    "apiVersion": "v1",',
    '    "items": [',
    ...nodes.map((n) => `        {\n            "metadata": {\n                "name": "${n.metadata.name}"\n            }\n        },`),
    '    ]',
    '}',
    '{',
    '    "kind": "PodList",',
    '    "apiVersion": "v1",',
    '    "items": [',
    pod('kube-apiserver', [`--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--enable-admission-plugins=NodeRestriction', '--secure-port=6443', `--service-cluster-ip-range=${range}`]),
    pod('kube-controller-manager', ['--allocate-node-cidrs=true', '--cluster-name=kubernetes', '--controllers=*,bootstrapsigner,tokencleaner', '--leader-elect=true', `--service-cluster-ip-range=${range}`, '--use-service-account-credentials=true']),
    '    ]',
    '}',
  ].join('\n');
  return ok(`${text}\n`);
}

function describeNode(env: ShellEnv, name: string | undefined): CommandResult {
  const nodes = env.cluster!.store.list('v1', 'Node').filter((n) => !name || n.metadata.name === name);
  if (name && nodes.length === 0) return fail(`Error from server (NotFound): nodes "${name}" not found`, 1);
  const out: string[] = [];
  for (const n of nodes) {
    const kv = (m: Record<string, string> | undefined, label: string): void => {
      const entries = Object.entries(m ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
      if (entries.length === 0) out.push(`${label.padEnd(20)}<none>`);
      entries.forEach(([k, v], i) => out.push(`${(i === 0 ? label : '').padEnd(20)}${k}=${v}`));
    };
    out.push(`${'Name:'.padEnd(20)}${n.metadata.name}`, `${'Roles:'.padEnd(20)}<none>`);
    kv(n.metadata.labels, 'Labels:');
    kv(n.metadata.annotations, 'Annotations:');
    out.push(`${'Unschedulable:'.padEnd(20)}${(n.spec as K8sNodeSpec | undefined)?.unschedulable === true}`, '');
  }
  return ok(`${out.join('\n')}\n`);
}

const USAGE = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  get             Display one or many resources
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Usage:
  kubectl [flags] [options]
`;

export const kubectl: Command = (args, stdin, env) => {
  if (!env.cluster) return fail('The connection to the server localhost:8080 was refused - did you specify the right host or port?', 1);
  const [cmd, ...rest] = args;
  const f = parseFlags(rest);
  switch (cmd) {
    case undefined:
    case 'help':
    case '--help':
      return ok(USAGE);
    case 'get':
      return get(env, f);
    case 'describe':
      if (['node', 'nodes', 'no'].includes(f.pos[0] ?? '')) return describeNode(env, f.pos[1]);
      return fail(`error: describe is only available for nodes in this shell`, 1);
    case 'label':
      return setMeta(env, f, 'labels');
    case 'annotate':
      return setMeta(env, f, 'annotations');
    case 'patch':
      return patchCmd(env, f);
    case 'set':
      return setEnv(env, f);
    case 'rollout':
      return rollout(env, f);
    case 'logs': {
      // Own flags: -f/--follow, -p, --timestamps are accepted and ignored (one snapshot).
      const words = rest.filter((a) => !['-f', '--follow', '-p', '--previous', '--timestamps'].includes(a));
      const lf = parseFlags(words.filter((a, i) => !(a === '-c' || a === '--container' || words[i - 1] === '-c' || words[i - 1] === '--container' || a.startsWith('--tail') || words[i - 1] === '--tail' || a.startsWith('--container='))));
      const ti = words.findIndex((a) => a === '--tail' || a.startsWith('--tail='));
      const tailText = ti < 0 ? undefined : words[ti]!.includes('=') ? words[ti]!.split('=')[1] : words[ti + 1];
      return kubectlLogs(env, lf.pos, lf.ns, tailText === undefined ? undefined : Number(tailText));
    }
    case 'apply':
    case 'create': {
      if (f.files.length === 0) return fail('error: must specify one of -f and -k', 1);
      const out: string[] = [];
      let code = 0;
      let changed = false;
      for (const file of f.files) {
        const text = file === '-' ? stdin : env.fs.read(file);
        if (text === undefined) return fail(`error: the path "${file}" does not exist`, 1);
        const r = kubectlApply(env.cluster.store.at(env.ctx.net.time), text, file);
        if (r.stdout) out.push(r.stdout);
        if (r.stderr) {
          out.push(r.stderr);
          code = 1;
        }
        if (r.changed) {
          commit(env, r.store);
          changed = true;
        }
      }
      return { stdout: out.length && code === 0 ? `${out.join('\n')}\n` : code === 0 ? '' : `${out.filter((o) => !o.startsWith('Error') && !o.startsWith('error')).join('\n')}`, ...(code ? { stderr: out.filter((o) => o.startsWith('Error') || o.startsWith('error') || o.startsWith('The ')).join('\n') } : {}), code, ...(changed ? { changed } : {}) };
    }
    case 'delete':
      return deleteCmd(env, f, stdin);
    case 'cordon':
      return f.pos[0] ? cordon(env, f.pos[0], true) : fail('error: USAGE: cordon NODE [flags]', 1);
    case 'uncordon':
      return f.pos[0] ? cordon(env, f.pos[0], false) : fail('error: USAGE: uncordon NODE [flags]', 1);
    case 'drain':
      return drain(env, f);
    case 'cluster-info':
      return clusterInfo(env, f.pos[0] === 'dump');
    case 'version':
      return ok('Client Version: v1.31.0\nKustomize Version: v5.4.2\nServer Version: v1.31.0\n');
    default:
      return fail(`error: unknown command "${cmd}" for "kubectl"\n\nDid you mean this?\n\tget\n\nRun 'kubectl --help' for usage.`, 1);
  }
};
