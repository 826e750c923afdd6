// A file of resources → decoded resources, the way calicoctl (resourcemgr.go
// CreateResourcesFromFile, C331) reads it: `---` separated documents, each one resource, a
// `XxxList` with `items:`, or a top-level array of resources; lists are flattened. Decoding is
// strict; any decoding problem makes the whole file invalid (nothing is applied), and
// calicoctl prints the first one: `failed to execute command: error unmarshaling JSON: …`.
//
// The same reader serves kubectl files (Kubernetes kinds), with one difference that matters to
// learners: kubectl sends the YAML to the API server untyped, so a bare `true` as a label value
// is a bool and is rejected, while calicoctl's typed decoding turns it into the string "true".

import { error, warning } from '../../../core/diagnostics.ts';
import type { Diagnostic, SourceSpan } from '../../../core/diagnostics.ts';
import { decodeResource, yamlJsonErrorText } from '../schema.ts';
import type { FieldType } from '../schema.ts';
import { entryOf, parseYaml, toPlain } from '../yaml/source.ts';
import type { YNode } from '../yaml/source.ts';
import type { KindDef } from './kind.ts';
import { ALL_KINDS, CALICO_KINDS, findKind, K8S_KINDS } from './kinds.ts';
import type { Resource } from './types.ts';

/** 'lab': the lab's YAML files, where Calico and Kubernetes objects may be mixed. */
export type Tool = 'calicoctl' | 'kubectl' | 'lab';

export interface DecodedResource {
  readonly resource: Resource;
  readonly def: KindDef;
  /** Document index in the file. */
  readonly doc: number;
  /** Span of the whole object (document or list item). */
  readonly span: SourceSpan;
  /** Field path → spans, for locating validation errors. */
  readonly spans: ReadonlyMap<string, { readonly value: SourceSpan; readonly key?: SourceSpan }>;
}

export interface DecodeFileResult {
  readonly resources: readonly DecodedResource[];
  /** Located diagnostics (errors and warnings). */
  readonly diagnostics: readonly Diagnostic[];
  /** The text the tool prints when the file is invalid (first error), undefined when valid. */
  readonly fileError?: string;
}

interface Ctx {
  readonly tool: Tool;
  readonly file?: string;
  readonly diagnostics: Diagnostic[];
  firstError?: string;
}

function fail(ctx: Ctx, text: string, span: SourceSpan, code = 'calico.decode', message = text): void {
  ctx.diagnostics.push(error(code, message, span));
  if (ctx.firstError === undefined) ctx.firstError = text;
}

function scalarText(n: YNode | undefined): string | undefined {
  if (!n || n.kind !== 'scalar' || n.value === null) return undefined;
  return String(n.value);
}

function kindsFor(tool: Tool): readonly KindDef[] {
  return tool === 'calicoctl' ? CALICO_KINDS : tool === 'kubectl' ? K8S_KINDS : ALL_KINDS;
}

/** calicoctl's typed decoding converts YAML scalars for string fields; kubectl's does not. */
function stringifies(tool: Tool, def: KindDef): boolean {
  return tool === 'calicoctl' || (tool === 'lab' && def.group === 'calico');
}

/** Decodes one resource object (a map node) whose kind is known. */
function decodeOne(ctx: Ctx, def: KindDef, node: YNode, doc: number, stringify: boolean, out: DecodedResource[]): void {
  const schema = stringify ? def.schema : withoutStringify(def.schema);
  const d = decodeResource(node, schema);
  for (const e of d.errors) {
    const text = ctx.tool === 'kubectl' ? e.message : yamlJsonErrorText(e.message);
    fail(ctx, text, e.span, 'calico.decode', e.message);
  }
  for (const t of d.tags) {
    const field = t.path.split('.').pop() ?? t.path;
    ctx.diagnostics.push(
      warning(
        'yaml.tag',
        `"${t.tag}" is read as a YAML tag, not as text: ${field} becomes ${JSON.stringify(t.value)}. Quote the value: ${field}: "${t.tag}${t.value ? ' ' + t.value : ''}"`,
        t.span,
      ),
    );
  }
  if (d.errors.length > 0) return;
  const value = d.value as Resource;
  const resource: Resource = { ...value, apiVersion: def.apiVersion, kind: def.kind, metadata: value.metadata ?? {} };
  out.push({ resource, def, doc, span: node.span, spans: d.spans });
}

/**
 * Marks string targets as "strict" (no YAML scalar → string conversion): what happens when the
 * Go target type is unknown while converting YAML to JSON (kubectl; calicoctl top-level arrays).
 */
export function withoutStringify(t: FieldType & { t: 'struct' }): FieldType & { t: 'struct' } {
  const conv = (f: FieldType): FieldType => {
    switch (f.t) {
      case 'string':
        return { t: 'string', go: f.go ?? 'string', strict: true } as FieldType;
      case 'struct':
        return { ...f, fields: Object.fromEntries(Object.entries(f.fields).map(([k, v]) => [k, conv(v)])) };
      case 'map':
        return { ...f, of: conv(f.of) };
      case 'list':
        return { ...f, of: conv(f.of) };
      default:
        return f;
    }
  };
  return conv(t) as FieldType & { t: 'struct' };
}

function typeOf(ctx: Ctx, node: YNode): { apiVersion: string; kind: string } | undefined {
  if (node.kind !== 'map') {
    fail(ctx, yamlJsonErrorText(`json: cannot unmarshal ${node.kind === 'seq' ? 'array' : 'string'} into Go value of type map[string]interface {}`), node.span);
    return undefined;
  }
  const kind = scalarText(entryOf(node, 'kind')?.value) ?? '';
  const apiVersion = scalarText(entryOf(node, 'apiVersion')?.value) ?? '';
  if (kind === '') {
    const json = JSON.stringify(toPlain(node));
    fail(ctx, `Object 'Kind' is missing in '${json}'`, node.span, 'calico.decode', "The document has no 'kind:' field.");
    return undefined;
  }
  return { apiVersion, kind };
}

function resolveKind(ctx: Ctx, node: YNode, t: { apiVersion: string; kind: string }): { def: KindDef; list: boolean } | undefined {
  const found = findKind(t.apiVersion, t.kind);
  if (found && kindsFor(ctx.tool).includes(found.def)) return found;
  const kindSpan = entryOf(node, 'kind')?.value.span ?? node.span;
  if (ctx.tool !== 'kubectl') {
    const other = ALL_KINDS.find((k) => k.kind === t.kind && k.group === 'calico');
    const hint = other ? ` Calico resources use apiVersion: ${other.apiVersion}.` : '';
    fail(ctx, `unknown resource type (${t.kind}) and/or version (${t.apiVersion})`, kindSpan, 'calico.unknown-kind', `unknown resource type (${t.kind}) and/or version (${t.apiVersion}).${hint}`);
  } else {
    fail(ctx, `no matches for kind ${JSON.stringify(t.kind)} in version ${JSON.stringify(t.apiVersion)}`, kindSpan, 'calico.unknown-kind');
  }
  return undefined;
}

export function decodeFile(text: string, options: { tool?: Tool; file?: string } = {}): DecodeFileResult {
  const tool = options.tool ?? 'calicoctl';
  const parsed = parseYaml(text, options.file);
  const ctx: Ctx = { tool, file: options.file, diagnostics: [] };
  for (const d of parsed.diagnostics) {
    ctx.diagnostics.push(d);
    if (d.severity === 'error' && ctx.firstError === undefined) ctx.firstError = `error converting YAML to JSON: ${d.message}`;
  }
  const out: DecodedResource[] = [];
  if (ctx.firstError !== undefined) return { resources: [], diagnostics: ctx.diagnostics, fileError: ctx.firstError };
  for (const doc of parsed.docs) {
    const root = doc.root;
    if (!root) continue;
    if (root.kind === 'seq') {
      // A top-level array: each element is decoded into a runtime.Object interface, so YAML
      // scalars are not converted to strings (sigs.k8s.io/yaml cannot see the Go type).
      for (const item of root.items) {
        const t = typeOf(ctx, item);
        if (!t) continue;
        const k = resolveKind(ctx, item, t);
        if (!k) continue;
        if (k.list) {
          fail(ctx, `unknown resource type (${t.kind}) and/or version (${t.apiVersion})`, item.span);
          continue;
        }
        decodeOne(ctx, k.def, item, doc.index, false, out);
      }
      continue;
    }
    const t = typeOf(ctx, root);
    if (!t) continue;
    const k = resolveKind(ctx, root, t);
    if (!k) continue;
    if (!k.list) {
      decodeOne(ctx, k.def, root, doc.index, stringifies(tool, k.def), out);
      continue;
    }
    // XxxList: decode the envelope strictly, then every item as the element kind.
    for (const e of root.kind === 'map' ? root.entries : []) {
      if (!['apiVersion', 'kind', 'metadata', 'items'].includes(e.key)) {
        fail(ctx, tool === 'calicoctl' ? yamlJsonErrorText(`json: unknown field ${JSON.stringify(e.key)}`) : `unknown field ${JSON.stringify(e.key)}`, e.keySpan);
      }
    }
    const items = entryOf(root, 'items')?.value;
    if (!items || (items.kind === 'scalar' && items.value === null)) continue;
    if (items.kind !== 'seq') {
      fail(ctx, yamlJsonErrorText(`json: cannot unmarshal ${items.kind === 'map' ? 'object' : 'string'} into Go struct field ${k.def.listKind}.items of type []v3.${k.def.kind}`), items.span);
      continue;
    }
    for (const item of items.items) {
      if (item.kind === 'map' && entryOf(item, 'kind') === undefined) {
        decodeOne(ctx, k.def, item, doc.index, stringifies(tool, k.def), out);
        continue;
      }
      const it = typeOf(ctx, item);
      if (!it) continue;
      const ik = findKind(it.apiVersion || k.def.apiVersion, it.kind);
      if (!ik || ik.def !== k.def) {
        fail(ctx, `unknown resource type (${it.kind}) and/or version (${it.apiVersion})`, item.span);
        continue;
      }
      decodeOne(ctx, k.def, item, doc.index, stringifies(tool, k.def), out);
    }
  }
  if (ctx.firstError !== undefined) return { resources: [], diagnostics: ctx.diagnostics, fileError: ctx.firstError };
  return { resources: out, diagnostics: ctx.diagnostics };
}
