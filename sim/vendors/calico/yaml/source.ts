// YAML text → a small located tree (YNode) the strict resource decoder walks. Every node
// keeps the 1-based line/column of its value (and of its key, for mapping entries), so a
// validation error can point at the offending field.
//
// YAML 1.1 is used on purpose: calicoctl and kubectl decode with go-yaml v2 (through
// sigs.k8s.io/yaml), which follows YAML 1.1, so `yes`, `on`, `off`, `n` are booleans there
// and must be here too (a learner's `disabled: yes` means true to calicoctl).
//
// Never throws: syntax errors become diagnostics with positions; the yaml package's own
// exceptions (which it should not raise) are caught and reported as a diagnostic.

import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Node as YamlNode, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { error, warning } from '../../../core/diagnostics.ts';
import type { Diagnostic, SourceSpan } from '../../../core/diagnostics.ts';

export type YScalarValue = string | number | boolean | null;

interface YBase {
  readonly span: SourceSpan;
  /** A YAML tag written by the author (`!has(x)` in an unquoted selector is one). */
  readonly tag?: string;
}

export interface YScalar extends YBase {
  readonly kind: 'scalar';
  readonly value: YScalarValue;
  /** The scalar as written (plain text or the quoted content), for messages. */
  readonly source: string;
  readonly quoted: boolean;
}

export interface YEntry {
  readonly key: string;
  readonly keySpan: SourceSpan;
  readonly value: YNode;
}

export interface YMap extends YBase {
  readonly kind: 'map';
  readonly entries: readonly YEntry[];
}

export interface YSeq extends YBase {
  readonly kind: 'seq';
  readonly items: readonly YNode[];
}

export type YNode = YScalar | YMap | YSeq;

export interface YDoc {
  /** 0-based index of the document in the file (`---` separated). */
  readonly index: number;
  /** null for an empty document (only comments or nothing). */
  readonly root: YNode | null;
  readonly span: SourceSpan;
}

export interface YParseResult {
  readonly docs: readonly YDoc[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Limits that keep hostile input (alias bombs, deep nesting) cheap. */
const MAX_NODES = 200_000;
const MAX_DEPTH = 200;

class Converter {
  nodes = 0;
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly file: string | undefined,
    private readonly text: string,
  ) {}

  /** A tagged node's span starts at its tag (the yaml package's range starts after it). */
  taggedSpan(node: YamlNode, fallback: number): SourceSpan {
    const r = node.range;
    const tag = (node as { tag?: string }).tag;
    if (!r || !tag || !tag.startsWith('!') || tag.startsWith('!!')) return this.rangeSpan(node, fallback);
    const start = this.text.lastIndexOf(tag, r[0]);
    return start >= 0 && r[0] - start <= tag.length + 64 ? this.span(start, Math.max(r[1], start + tag.length)) : this.rangeSpan(node, fallback);
  }

  span(start: number, end: number): SourceSpan {
    const a = this.lines.linePos(start);
    const b = this.lines.linePos(Math.max(start, end));
    const s: SourceSpan = { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
    return this.file === undefined ? s : { file: this.file, ...s };
  }

  rangeSpan(node: YamlNode | null | undefined, fallback: number): SourceSpan {
    const r = node?.range;
    return r ? this.span(r[0], r[1]) : this.span(fallback, fallback);
  }

  convert(node: unknown, fallbackPos: number, depth: number, seen: Set<unknown>): YNode {
    if (++this.nodes > MAX_NODES || depth > MAX_DEPTH) {
      const sp = this.span(fallbackPos, fallbackPos);
      if (this.nodes === MAX_NODES + 1 || depth === MAX_DEPTH + 1) {
        this.diagnostics.push(error('yaml.limit', 'The YAML document is too large or too deeply nested.', sp));
      }
      return { kind: 'scalar', value: null, source: '', quoted: false, span: sp };
    }
    if (isAlias(node)) {
      const alias = node as Alias;
      const target = alias.resolve(this.doc);
      const sp = this.rangeSpan(alias, fallbackPos);
      if (!target || seen.has(target)) {
        this.diagnostics.push(error('yaml.syntax', `unknown or recursive anchor "${alias.source}"`, sp));
        return { kind: 'scalar', value: null, source: '', quoted: false, span: sp };
      }
      const next = new Set(seen);
      next.add(target);
      const resolved = this.convert(target, fallbackPos, depth + 1, next);
      // Point at the alias, not the anchor: that is where this value is used.
      return { ...resolved, span: sp };
    }
    if (isMap(node)) {
      const map = node as YAMLMap;
      const entries: YEntry[] = [];
      for (const pair of map.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const keySpan = this.rangeSpan(keyNode, map.range?.[0] ?? fallbackPos);
        let key: string;
        if (keyNode === null || keyNode === undefined) key = '';
        else if (isScalar(keyNode)) key = scalarKeyText((keyNode as Scalar).value);
        else key = String((keyNode as { toString(): string }).toString());
        const valueNode = pair.value as YamlNode | null;
        const keyEnd = keyNode?.range?.[1] ?? map.range?.[0] ?? fallbackPos;
        const value: YNode =
          valueNode === null || valueNode === undefined
            ? { kind: 'scalar', value: null, source: '', quoted: false, span: this.span(keyEnd, keyEnd) }
            : this.convert(valueNode, keyEnd, depth + 1, seen);
        entries.push({ key, keySpan, value });
      }
      return withTag({ kind: 'map', entries, span: this.rangeSpan(map, fallbackPos) }, map.tag);
    }
    if (isSeq(node)) {
      const seq = node as YAMLSeq;
      const items: YNode[] = [];
      for (const item of seq.items) {
        items.push(
          item === null || item === undefined
            ? { kind: 'scalar', value: null, source: '', quoted: false, span: this.rangeSpan(seq, fallbackPos) }
            : this.convert(item, seq.range?.[0] ?? fallbackPos, depth + 1, seen),
        );
      }
      return withTag({ kind: 'seq', items, span: this.rangeSpan(seq, fallbackPos) }, seq.tag);
    }
    if (isScalar(node)) {
      const sc = node as Scalar;
      const quoted = sc.type === 'QUOTE_DOUBLE' || sc.type === 'QUOTE_SINGLE';
      const block = sc.type === 'BLOCK_LITERAL' || sc.type === 'BLOCK_FOLDED';
      const source = typeof sc.source === 'string' ? sc.source : String(sc.value ?? '');
      let value: YScalarValue;
      const v = sc.value as unknown;
      if (v === null || v === undefined) value = null;
      else if (typeof v === 'string' || typeof v === 'boolean') value = v;
      else if (typeof v === 'number') value = v;
      else if (typeof v === 'bigint') value = Number(v);
      else if (v instanceof Date) value = source;
      else value = String(v);
      // An unknown local tag (`!foo`) resolves to its text in go-yaml v2; keep the text.
      if (sc.tag && sc.tag.startsWith('!') && !sc.tag.startsWith('tag:')) value = source;
      return withTag(
        { kind: 'scalar', value, source, quoted: quoted || block, span: this.taggedSpan(sc, fallbackPos) },
        sc.tag,
      );
    }
    const sp = this.span(fallbackPos, fallbackPos);
    return { kind: 'scalar', value: null, source: '', quoted: false, span: sp };
  }
}

function withTag<T extends YNode>(node: T, tag: string | undefined | null): T {
  if (!tag || tag.startsWith('tag:yaml.org,2002:')) return node;
  return { ...node, tag };
}

function scalarKeyText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  // go-yaml + sigs.k8s.io/yaml render non-string keys with fmt.Sprintf("%v").
  return String(v);
}

/**
 * Parses every `---` document of `text`. Kubernetes/Calico resources use YAML 1.1 (go-yaml);
 * the lab's own files (lab.yaml, exercises) use YAML 1.2, where `y`/`yes` are plain strings.
 */
export function parseYaml(text: string, file?: string, version: '1.1' | '1.2' = '1.1'): YParseResult {
  const diagnostics: Diagnostic[] = [];
  const lines = new LineCounter();
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, {
      lineCounter: lines,
      version,
      uniqueKeys: true,
      prettyErrors: false,
    }) as unknown as Document.Parsed[];
    if (!Array.isArray(parsed)) parsed = [parsed as unknown as Document.Parsed];
  } catch (e) {
    return {
      docs: [],
      diagnostics: [error('yaml.syntax', `yaml: ${e instanceof Error ? e.message : String(e)}`, at(file, 1, 1))],
    };
  }
  const docs: YDoc[] = [];
  parsed.forEach((doc, index) => {
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      const msg = firstLine(e.message);
      diagnostics.push(error('yaml.syntax', `yaml: line ${pos.line}: ${msg}`, at(file, pos.line, pos.col)));
    }
    for (const w of doc.warnings) {
      // Unresolved tags are reported by the decoder where the field is known.
      if (w.code === 'TAG_RESOLVE_FAILED') continue;
      const pos = lines.linePos(w.pos[0]);
      diagnostics.push(warning('yaml.warning', firstLine(w.message), at(file, pos.line, pos.col)));
    }
    const conv = new Converter(doc, lines, file, text);
    const range = doc.range ?? [0, 0, 0];
    const span = conv.span(range[0], range[1]);
    let root: YNode | null = null;
    try {
      root = doc.contents === null || doc.contents === undefined ? null : conv.convert(doc.contents, range[0], 0, new Set());
    } catch (e) {
      diagnostics.push(error('yaml.syntax', `yaml: ${e instanceof Error ? e.message : String(e)}`, span));
    }
    diagnostics.push(...conv.diagnostics);
    // A document holding only `null`/nothing (e.g. a trailing `---`) is empty, as for go-yaml.
    if (root && root.kind === 'scalar' && root.value === null && !root.tag) root = null;
    docs.push({ index, root, span });
  });
  return { docs, diagnostics };
}

function firstLine(message: string): string {
  const m = message.split('\n')[0] ?? message;
  // The yaml package appends " at line L, column C:"; the position is in the span.
  return m.replace(/ at line \d+, column \d+:?$/, '');
}

function at(file: string | undefined, line: number, column: number): SourceSpan {
  return file === undefined ? { line, column } : { file, line, column };
}

/** Finds the entry `key` of a mapping node (exact match). */
export function entryOf(node: YNode | null | undefined, key: string): YEntry | undefined {
  if (!node || node.kind !== 'map') return undefined;
  return node.entries.find((e) => e.key === key);
}

/** Plain JS value of a node (maps → objects, for JSON-like handling of untyped fields). */
export function toPlain(node: YNode | null): unknown {
  if (!node) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const e of node.entries) out[e.key] = toPlain(e.value);
  return out;
}

/** A YNode tree for a JSON value (patches, programmatic objects); every span is `span`. */
export function jsonToYNode(value: unknown, span: SourceSpan = { line: 1, column: 1 }): YNode {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => jsonToYNode(v, span)), span };
  if (typeof value === 'object' && value !== null) {
    return {
      kind: 'map',
      entries: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, keySpan: span, value: jsonToYNode(v, span) })),
      span,
    };
  }
  const v = value === undefined ? null : (value as YScalarValue);
  return { kind: 'scalar', value: typeof v === 'object' && v !== null ? String(v) : v, source: v === null ? '' : String(v), quoted: typeof v === 'string', span };
}
