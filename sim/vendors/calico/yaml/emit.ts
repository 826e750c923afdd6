// YAML and JSON output the way the Go tools print it:
// - YAML: sigs.k8s.io/yaml / go-yaml v2 — object → JSON → map → YAML, so mapping keys come out
//   SORTED; block sequences are not indented under their key ("items:\n- apiVersion: …");
//   strings that would read as another type are double-quoted ("true", "1234", ""), strings
//   that cannot be plain are single-quoted ('!has(x)').
// - JSON: encoding/json MarshalIndent(…, "", "  ") — struct field order, and HTML-safe
//   escaping (`&&` prints as \u0026\u0026).

/** Would go-yaml v2 resolve this plain text to something other than a string? */
function resolvesToNonString(s: string): boolean {
  if (s === '' || s === '~' || /^(null|Null|NULL)$/.test(s)) return true;
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return true;
  if (/^[-+]?(0|[1-9][0-9_]*)$/.test(s)) return true;
  if (/^[-+]?0[0-7_]+$/.test(s) || /^[-+]?0x[0-9a-fA-F_]+$/.test(s) || /^[-+]?0b[01_]+$/.test(s)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return true;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return true;
  // Sexagesimal (base 60) numbers and timestamps are quoted by go-yaml too.
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true;
  if (/^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(s)) return true;
  return false;
}

/** libyaml's emitter analysis: can `s` be written as a block-context plain scalar? */
function plainAllowed(s: string): boolean {
  if (s.length === 0) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (/^\s|\s$/.test(s)) return false;
  if (/[\n\r\t\u0000-\u001f\u007f-\u009f]/.test(s)) return false;
  const first = s[0]!;
  if ('#,[]{}&*!|>\'"%@`'.includes(first)) return false;
  if ((first === '-' || first === '?' || first === ':') && (s.length === 1 || s[1] === ' ')) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  return true;
}

function yamlString(s: string): string {
  if (s.includes('\n')) {
    // go-yaml uses a literal block for multi-line strings.
    const keep = s.endsWith('\n') ? (s.endsWith('\n\n') ? '+' : '') : '-';
    return `|${keep}\n${s.replace(/\n$/, '').split('\n').map((l) => (l === '' ? '' : `  ${l}`)).join('\n')}`;
  }
  if (resolvesToNonString(s)) return JSON.stringify(s);
  if (plainAllowed(s)) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

function scalarYaml(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return yamlString(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

function isEmptyCollection(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
}

function emitValue(v: unknown, indent: string, out: string[], lead: string): void {
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push(`${lead}[]`);
      return;
    }
    if (lead !== '') out.push(lead.trimEnd());
    for (const item of v) {
      if (typeof item === 'object' && item !== null && !isEmptyCollection(item)) {
        emitCollectionItem(item, indent, out);
      } else {
        out.push(`${indent}- ${Array.isArray(item) ? '[]' : typeof item === 'object' && item !== null ? '{}' : scalarYaml(item)}`);
      }
    }
    return;
  }
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v).sort();
    if (keys.length === 0) {
      out.push(`${lead}{}`);
      return;
    }
    if (lead !== '') out.push(lead.trimEnd());
    for (const k of keys) emitEntry(k, (v as Record<string, unknown>)[k], indent, out);
    return;
  }
  out.push(`${lead}${scalarYaml(v)}`);
}

function emitEntry(k: string, val: unknown, indent: string, out: string[]): void {
  const key = `${indent}${yamlString(k)}:`;
  if (Array.isArray(val) && val.length > 0) {
    // go-yaml: a sequence under a mapping key starts at the key's column.
    emitValue(val, indent, out, `${key} `);
  } else if (typeof val === 'object' && val !== null && !Array.isArray(val) && Object.keys(val).length > 0) {
    emitValue(val, indent + '  ', out, `${key} `);
  } else {
    emitValue(val, indent + '  ', out, `${key} `);
  }
}

function emitCollectionItem(item: unknown, indent: string, out: string[]): void {
  const sub: string[] = [];
  emitValue(item, indent + '  ', sub, '');
  // The first line takes the "- " in place of its indentation.
  if (sub.length > 0) sub[0] = `${indent}- ${sub[0]!.slice(indent.length + 2)}`;
  out.push(...sub);
}

/** go-yaml v2 Marshal of a JSON-like value (always ends with a newline). */
export function toGoYaml(value: unknown): string {
  const out: string[] = [];
  emitValue(value, '', out, '');
  return out.join('\n') + '\n';
}

/** Go's encoding/json string escaping (HTML-safe). */
function goJsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** json.MarshalIndent(v, "", "  ") of a JSON-like value (key order as given). */
export function toGoJson(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const next = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => next + toGoJson(v, next)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${next}${goJsonString(k)}: ${toGoJson(v, next)}`).join(',\n')}\n${indent}}`;
}
