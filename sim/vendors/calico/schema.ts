// Strict, schema-driven decoding of a YAML node into a resource object, reproducing what
// calicoctl does: sigs.k8s.io/yaml converts YAML to JSON (turning YAML scalars into strings
// where the Go target field is a string — that is why `route-reflector: true` in a label map
// becomes "true"), then encoding/json decodes with DisallowUnknownFields (Go matches field
// names case-insensitively, so `peerip:` is accepted) and reports the FIRST error only:
//   error unmarshaling JSON: while decoding JSON: json: unknown field "nodeselector2"
//   ... json: cannot unmarshal string into Go struct field IPPoolSpec.spec.blockSize of type int
// We keep decoding after an error so that every bad field gets its own located diagnostic.

import type { SourceSpan } from '../../core/diagnostics.ts';
import type { YNode } from './yaml/source.ts';

export type FieldType =
  /** `strict`: a YAML number/bool is a type error (no sigs.k8s.io/yaml string conversion). */
  | { readonly t: 'string'; readonly go?: string; readonly strict?: boolean }
  | { readonly t: 'bool' }
  | { readonly t: 'int'; readonly go: 'int' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' }
  /** numorstring.ASNumber: a number, or "N" / "X.Y" text (asdot). */
  | { readonly t: 'asn' }
  /** metav1.Duration: Go duration text ("120s", "2m"). Decoded to seconds. */
  | { readonly t: 'duration' }
  /** intstr.IntOrString (Service targetPort). */
  | { readonly t: 'intOrString' }
  /**
   * `open`: fields we do not model are kept as they are instead of being "unknown field"
   * errors (Kubernetes objects: we model only what the simulator uses of a Pod).
   */
  | { readonly t: 'struct'; readonly go: string; readonly fields: Readonly<Record<string, FieldType>>; readonly open?: boolean }
  | { readonly t: 'map'; readonly of: FieldType; readonly go: string }
  | { readonly t: 'list'; readonly of: FieldType }
  /** Accepted as is (status blocks, managedFields): never an error. */
  | { readonly t: 'raw' };

export const STRING: FieldType = { t: 'string' };
export const BOOL: FieldType = { t: 'bool' };
export const INT: FieldType = { t: 'int', go: 'int' };
export const INT32: FieldType = { t: 'int', go: 'int32' };
export const INT64: FieldType = { t: 'int', go: 'int64' };
export const UINT8: FieldType = { t: 'int', go: 'uint8' };
export const UINT16: FieldType = { t: 'int', go: 'uint16' };
export const ASN: FieldType = { t: 'asn' };
export const DURATION: FieldType = { t: 'duration' };
export const RAW: FieldType = { t: 'raw' };
export const STRING_MAP: FieldType = { t: 'map', of: STRING, go: 'map[string]string' };
export const STRING_LIST: FieldType = { t: 'list', of: STRING };
export const enumString = (go: string): FieldType => ({ t: 'string', go });
export const struct = (go: string, fields: Record<string, FieldType>): FieldType & { t: 'struct' } => ({ t: 'struct', go, fields });
export const openStruct = (go: string, fields: Record<string, FieldType>): FieldType & { t: 'struct' } => ({ t: 'struct', go, fields, open: true });
export const list = (of: FieldType): FieldType => ({ t: 'list', of });

export interface DecodeError {
  /** The Go error text, without the sigs.k8s.io/yaml wrapper. */
  readonly message: string;
  readonly path: string;
  readonly span: SourceSpan;
}

/** A scalar given a YAML tag (`nodeSelector: !has(x)`): accepted by calicoctl, almost always a mistake. */
export interface TagNote {
  readonly path: string;
  readonly tag: string;
  readonly value: string;
  readonly span: SourceSpan;
}

export interface Decoded {
  readonly value: Record<string, unknown>;
  readonly errors: readonly DecodeError[];
  /** Field path ("spec.peerIP", "spec.exportV4[0].cidr") → span of the value (and key). */
  readonly spans: ReadonlyMap<string, { readonly value: SourceSpan; readonly key?: SourceSpan }>;
  readonly tags: readonly TagNote[];
}

/** Wraps a decode error the way sigs.k8s.io/yaml does before calicoctl prints it. */
export function yamlJsonErrorText(message: string): string {
  return `error unmarshaling JSON: while decoding JSON: ${message}`;
}

function goTypeName(t: FieldType): string {
  switch (t.t) {
    case 'string':
      return t.go ?? 'string';
    case 'bool':
      return 'bool';
    case 'int':
      return t.go;
    case 'asn':
      return 'numorstring.ASNumber';
    case 'duration':
      return 'v1.Duration';
    case 'intOrString':
      return 'intstr.IntOrString';
    case 'struct':
      return t.go;
    case 'map':
      return t.go;
    case 'list':
      return `[]${goTypeName(t.of)}`;
    case 'raw':
      return 'interface {}';
  }
}

function jsonKind(n: YNode): string {
  if (n.kind === 'map') return 'object';
  if (n.kind === 'seq') return 'array';
  if (typeof n.value === 'boolean') return 'bool';
  if (typeof n.value === 'number') return 'number';
  return 'string';
}

const INT_RANGE: Record<string, [number, number]> = {
  int: [-(2 ** 63), 2 ** 63 - 1],
  int64: [-(2 ** 63), 2 ** 63 - 1],
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
};

/** numorstring.ASNumberFromString. */
export function asNumberFromString(s: string): number | string {
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n <= 4294967295) return n;
  }
  const parts = s.split('.');
  const bad = `invalid AS Number format (${s})`;
  if (parts.length !== 2) return bad;
  if (!/^\d+$/.test(parts[0]!) || !/^\d+$/.test(parts[1]!)) return bad;
  const a = Number(parts[0]);
  const b = Number(parts[1]);
  if (a > 65535 || b > 65535) return bad;
  return a * 65536 + b;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** time.ParseDuration → seconds, or the Go error text. */
export function parseGoDuration(s: string): number | string {
  const bad = `time: invalid duration ${JSON.stringify(s)}`;
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return bad;
  let total = 0;
  while (rest.length > 0) {
    const m = /^(\d*\.?\d*)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') {
      if (/^\d*\.?\d*$/.test(rest)) return `time: missing unit in duration ${JSON.stringify(s)}`;
      const u = /^\d*\.?\d*([^\d.]+)/.exec(rest);
      return u ? `time: unknown unit ${JSON.stringify(u[1])} in duration ${JSON.stringify(s)}` : bad;
    }
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

class Decoder {
  readonly errors: DecodeError[] = [];
  readonly spans = new Map<string, { value: SourceSpan; key?: SourceSpan }>();
  readonly tags: TagNote[] = [];

  fail(message: string, path: string, span: SourceSpan): void {
    this.errors.push({ message, path, span });
  }

  typeError(n: YNode, t: FieldType, ctx: Ctx, path: string, detail?: string): void {
    const what = detail ?? jsonKind(n);
    const where = ctx.structName ? `Go struct field ${ctx.structName}.${ctx.jsonPath}` : 'Go value';
    this.fail(`json: cannot unmarshal ${what} into ${where} of type ${goTypeName(t)}`, path, n.span);
  }

  decode(n: YNode, t: FieldType, ctx: Ctx, path: string): unknown {
    if (n.kind === 'scalar' && n.tag && n.tag.startsWith('!') && !n.tag.startsWith('!!')) {
      this.tags.push({ path, tag: n.tag, value: String(n.value ?? ''), span: n.span });
    }
    // JSON null leaves the Go field at its zero value: we omit it.
    if (n.kind === 'scalar' && n.value === null && t.t !== 'raw') return undefined;
    switch (t.t) {
      case 'raw':
        return plain(n);
      case 'string':
        if (n.kind !== 'scalar') return this.typeError(n, t, ctx, path);
        if (typeof n.value === 'string') return n.value;
        if (t.strict) return this.typeError(n, t, ctx, path);
        // sigs.k8s.io/yaml turns YAML ints/floats/bools into strings for string targets.
        return String(n.value);
      case 'bool':
        if (n.kind === 'scalar' && typeof n.value === 'boolean') return n.value;
        return this.typeError(n, t, ctx, path);
      case 'int': {
        if (n.kind !== 'scalar' || typeof n.value !== 'number') return this.typeError(n, t, ctx, path);
        const [lo, hi] = INT_RANGE[t.go]!;
        if (!Number.isInteger(n.value) || n.value < lo || n.value > hi) {
          return this.typeError(n, t, ctx, path, `number ${numberText(n)}`);
        }
        return n.value;
      }
      case 'asn': {
        if (n.kind === 'scalar' && typeof n.value === 'number' && Number.isInteger(n.value) && n.value >= 0 && n.value <= 4294967295) {
          return n.value;
        }
        // ASNumber.UnmarshalJSON: not a uint32 → decode as a string → ASNumberFromString.
        if (n.kind !== 'scalar' || typeof n.value !== 'string') {
          this.fail(`json: cannot unmarshal ${jsonKind(n)} into Go value of type string`, path, n.span);
          return undefined;
        }
        const r = asNumberFromString(n.value);
        if (typeof r === 'string') {
          this.fail(r, path, n.span);
          return undefined;
        }
        return r;
      }
      case 'duration': {
        if (n.kind !== 'scalar' || typeof n.value !== 'string') {
          this.fail(`json: cannot unmarshal ${jsonKind(n)} into Go value of type string`, path, n.span);
          return undefined;
        }
        const r = parseGoDuration(n.value);
        if (typeof r === 'string') {
          this.fail(r, path, n.span);
          return undefined;
        }
        return n.value;
      }
      case 'intOrString':
        if (n.kind === 'scalar' && (typeof n.value === 'number' || typeof n.value === 'string')) {
          if (typeof n.value === 'number' && !Number.isInteger(n.value)) return this.typeError(n, t, ctx, path, `number ${numberText(n)}`);
          return n.value;
        }
        return this.typeError(n, t, ctx, path);
      case 'list': {
        if (n.kind !== 'seq') return this.typeError(n, t, ctx, path);
        const out: unknown[] = [];
        n.items.forEach((item, i) => {
          const p = `${path}[${i}]`;
          this.spans.set(p, { value: item.span });
          const v = this.decode(item, t.of, ctx, p);
          out.push(v === undefined ? zeroOf(t.of) : v);
        });
        return out;
      }
      case 'map': {
        if (n.kind !== 'map') return this.typeError(n, t, ctx, path);
        const out: Record<string, unknown> = {};
        for (const e of n.entries) {
          const p = `${path}.${e.key}`;
          this.spans.set(p, { value: e.value.span, key: e.keySpan });
          const v = this.decode(e.value, t.of, ctx, p);
          // A null map value decodes to the element's zero value ("" for labels).
          out[e.key] = v === undefined ? zeroOf(t.of) : v;
        }
        return out;
      }
      case 'struct': {
        if (n.kind !== 'map') return this.typeError(n, t, ctx, path);
        const out: Record<string, unknown> = {};
        const names = Object.keys(t.fields);
        const structName = t.go.includes('.') ? t.go.slice(t.go.lastIndexOf('.') + 1) : t.go;
        for (const e of n.entries) {
          // encoding/json: exact match first, then a case-insensitive one.
          const name = names.includes(e.key) ? e.key : names.find((k) => k.toLowerCase() === e.key.toLowerCase());
          const p = path === '' ? (name ?? e.key) : `${path}.${name ?? e.key}`;
          this.spans.set(p, { value: e.value.span, key: e.keySpan });
          if (name === undefined) {
            if (t.open) out[e.key] = plain(e.value);
            else this.fail(`json: unknown field ${JSON.stringify(e.key)}`, p, e.keySpan);
            continue;
          }
          const jsonPath = ctx.jsonPath === '' ? name : `${ctx.jsonPath}.${name}`;
          const v = this.decode(e.value, t.fields[name]!, { structName, jsonPath }, p);
          if (v !== undefined) out[name] = v;
          else delete out[name];
        }
        return out;
      }
    }
  }
}

interface Ctx {
  /** Innermost Go struct type being decoded ("BGPPeerSpec"); '' at the top of a non-struct. */
  readonly structName: string;
  /** Dotted JSON field names from the document root (no indices), as Go 1.20+ reports them. */
  readonly jsonPath: string;
}

function numberText(n: YNode): string {
  return n.kind === 'scalar' ? n.source || String(n.value) : '';
}

function zeroOf(t: FieldType): unknown {
  switch (t.t) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
    case 'asn':
      return 0;
    case 'struct':
    case 'map':
      return {};
    case 'list':
      return [];
    default:
      return null;
  }
}

function plain(n: YNode): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(plain);
  const o: Record<string, unknown> = {};
  for (const e of n.entries) o[e.key] = plain(e.value);
  return o;
}

/** Decodes a whole resource document against its top-level struct type. */
export function decodeResource(root: YNode, type: FieldType & { t: 'struct' }): Decoded {
  const d = new Decoder();
  let value: unknown;
  if (root.kind !== 'map') {
    d.fail(`json: cannot unmarshal ${jsonKind(root)} into Go value of type ${type.go}`, '', root.span);
    value = {};
  } else {
    value = d.decode(root, type, { structName: '', jsonPath: '' }, '');
  }
  return { value: (value ?? {}) as Record<string, unknown>, errors: d.errors, spans: d.spans, tags: d.tags };
}
