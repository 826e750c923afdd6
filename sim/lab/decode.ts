// A small strict decoder over the located YAML tree: read typed fields, report unknown or
// mistyped ones with their line and column. Used for lab and exercise files.

import { error, type Diagnostic, type SourceSpan } from '../core/diagnostics.ts';
import type { YMap, YNode } from '../vendors/calico/yaml/source.ts';

export class Decoder {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly file: string) {}

  fail(span: SourceSpan | undefined, message: string): void {
    this.diagnostics.push(error('lab.schema', message, span ? { ...span, file: this.file } : { file: this.file, line: 1, column: 1 }));
  }

  map(node: YNode | null | undefined, what: string, allowed: readonly string[]): YMap | undefined {
    if (!node) return undefined;
    if (node.kind !== 'map') {
      this.fail(node.span, `${what} must be a mapping`);
      return undefined;
    }
    for (const e of node.entries) {
      if (!allowed.includes(e.key)) this.fail(e.keySpan, `unknown field "${e.key}" in ${what} (expected one of: ${allowed.join(', ')})`);
    }
    return node;
  }

  get(m: YMap | undefined, key: string): YNode | undefined {
    return m?.entries.find((e) => e.key === key)?.value;
  }

  str(m: YMap | undefined, key: string, what: string, required = false): string | undefined {
    const n = this.get(m, key);
    if (!n) {
      if (required) this.fail(m?.span, `${what}: "${key}" is required`);
      return undefined;
    }
    if (n.kind !== 'scalar' || n.value === null) {
      this.fail(n.span, `${what}: "${key}" must be a text value`);
      return undefined;
    }
    return String(n.value);
  }

  num(m: YMap | undefined, key: string, what: string): number | undefined {
    const n = this.get(m, key);
    if (!n) return undefined;
    if (n.kind !== 'scalar' || typeof n.value !== 'number') {
      this.fail(n.span, `${what}: "${key}" must be a number`);
      return undefined;
    }
    return n.value;
  }

  bool(m: YMap | undefined, key: string, what: string): boolean | undefined {
    const n = this.get(m, key);
    if (!n) return undefined;
    if (n.kind !== 'scalar' || typeof n.value !== 'boolean') {
      this.fail(n.span, `${what}: "${key}" must be true or false`);
      return undefined;
    }
    return n.value;
  }

  seq(m: YMap | undefined, key: string, what: string): YNode[] {
    const n = this.get(m, key);
    if (!n) return [];
    if (n.kind !== 'seq') {
      this.fail(n.span, `${what}: "${key}" must be a list`);
      return [];
    }
    return [...n.items];
  }

  strList(m: YMap | undefined, key: string, what: string): string[] {
    const out: string[] = [];
    const n = this.get(m, key);
    if (n?.kind === 'scalar' && n.value !== null) return [String(n.value)];
    for (const item of this.seq(m, key, what)) {
      if (item.kind !== 'scalar' || item.value === null) this.fail(item.span, `${what}: "${key}" entries must be text`);
      else out.push(String(item.value));
    }
    return out;
  }

  strMap(m: YMap | undefined, key: string, what: string): Record<string, string> {
    const out: Record<string, string> = {};
    const n = this.get(m, key);
    if (!n) return out;
    if (n.kind !== 'map') {
      this.fail(n.span, `${what}: "${key}" must be a mapping`);
      return out;
    }
    for (const e of n.entries) {
      if (e.value.kind !== 'scalar' || e.value.value === null) this.fail(e.value.span, `${what}: "${key}.${e.key}" must be text`);
      else out[e.key] = String(e.value.value);
    }
    return out;
  }
}
