// json-c output as FRR prints it: JSON_C_TO_STRING_PRETTY (two-space indent, `"key":value`
// without a space) for most commands, and the compact form for route entries in
// `show bgp ipv4 unicast json`.

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json | undefined };

function str(s: string): string {
  // json-c escapes `/` unless NOSLASHESCAPE; FRR passes JSON_C_TO_STRING_NOSLASHESCAPE.
  return JSON.stringify(s);
}

export function jsonPretty(v: Json, indent = 0): string {
  const pad = ' '.repeat(indent);
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? str(v) : JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[\n' + pad + ']';
    return '[\n' + v.map((x) => pad + '  ' + jsonPretty(x, indent + 2)).join(',\n') + '\n' + pad + ']';
  }
  const entries = Object.entries(v).filter(([, x]) => x !== undefined) as [string, Json][];
  if (entries.length === 0) return '{\n' + pad + '}';
  return '{\n' + entries.map(([k, x]) => `${pad}  ${str(k)}:${jsonPretty(x, indent + 2)}`).join(',\n') + '\n' + pad + '}';
}

export function jsonPlain(v: Json): string {
  if (v === null || typeof v !== 'object') return typeof v === 'string' ? str(v) : JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(jsonPlain).join(',') + ']';
  const entries = Object.entries(v).filter(([, x]) => x !== undefined) as [string, Json][];
  return '{' + entries.map(([k, x]) => `${str(k)}:${jsonPlain(x)}`).join(',') + '}';
}
