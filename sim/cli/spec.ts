// Command specs as data: a spec string such as
//
//   neighbor <A.B.C.D>$peer remote-as (<1-4294967295>$asn|internal|external)
//
// compiles into a small graph of token nodes (the same idea as FRR's command graph in
// lib/command_graph.c). Syntax:
//   word            keyword (matched by unique prefix)
//   <LABEL>         argument: A.B.C.D, A.B.C.D/M, lo-hi, WORD, LINE, or a vendor type
//   x$name          names the token's value for the handler (default: keyword / label)
//   [ a b ]         optional sequence
//   ( a | b c )     one of the alternatives
//   { a | b }       any of the alternatives, in any order, each optional (ping options)
// A keyword or argument may carry `!` at the end of its label to be hidden from `?` help.

import type { VarType } from './tokens.ts';
import { builtinType } from './tokens.ts';

export interface TokenNode {
  readonly id: number;
  readonly kind: 'kw' | 'var';
  /** Keyword text as displayed (canonical case), or the argument label. */
  readonly text: string;
  /** Key under which the handler finds the value. */
  key: string;
  readonly type?: VarType;
  help: string;
  hidden: boolean;
  readonly next: number[];
  accept: boolean;
}

export interface CompiledSpec {
  readonly nodes: TokenNode[];
  readonly start: readonly number[];
  /** Problems in the spec itself (a programming error; tests assert there are none). */
  readonly errors: readonly string[];
}

interface Frag {
  first: number[];
  last: number[];
  nullable: boolean;
}

export type TypeResolver = (label: string) => VarType | undefined;
/** Expands a vendor macro label (e.g. IFNAME) into spec text, given the token's name. */
export type MacroExpander = (label: string, name: string) => string | undefined;

function lex(spec: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < spec.length) {
    const c = spec[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if ('[](){}|'.includes(c)) {
      out.push(c);
      i++;
    } else if (c === '<') {
      const end = spec.indexOf('>', i);
      let j = end < 0 ? spec.length : end + 1;
      while (j < spec.length && !' \t[](){}|'.includes(spec[j]!)) j++;
      out.push(spec.slice(i, j));
      i = j;
    } else {
      let j = i;
      while (j < spec.length && !' \t[](){}|<'.includes(spec[j]!)) j++;
      out.push(spec.slice(i, j));
      i = j;
    }
  }
  return out;
}

export function compileSpec(
  spec: string,
  resolve: TypeResolver = builtinType,
  expand?: MacroExpander,
  helpFor?: (node: { kind: 'kw' | 'var'; text: string; key: string }) => string,
): CompiledSpec {
  const errors: string[] = [];
  const nodes: TokenNode[] = [];
  let toks = lex(spec);
  // Macro expansion (vendor interface names): replace the token by its spec text.
  if (expand) {
    for (let guard = 0; guard < 4; guard++) {
      let changed = false;
      const next: string[] = [];
      for (const t of toks) {
        const m = /^<([^>]+)>(?:\$([\w.-]+))?$/.exec(t);
        const text = m ? expand(m[1]!, m[2] ?? m[1]!) : undefined;
        if (text !== undefined) {
          next.push(...lex(text));
          changed = true;
        } else next.push(t);
      }
      toks = next;
      if (!changed) break;
    }
  }
  let pos = 0;

  const atom = (t: string): Frag => {
    let hidden = false;
    let text = t;
    let name: string | undefined;
    const dollar = text.lastIndexOf('$');
    if (dollar > 0 && !text.endsWith('>')) {
      name = text.slice(dollar + 1);
      text = text.slice(0, dollar);
    }
    if (text.endsWith('!')) {
      hidden = true;
      text = text.slice(0, -1);
    }
    let node: TokenNode;
    if (text.startsWith('<')) {
      const label = text.slice(1, -1);
      const type = resolve(label) ?? builtinType(label);
      if (!type) errors.push(`unknown argument type <${label}> in "${spec}"`);
      const key = name ?? label;
      node = {
        id: nodes.length,
        kind: 'var',
        text: label,
        key,
        type: type ?? builtinType('WORD')!,
        help: '',
        hidden,
        next: [],
        accept: false,
      };
    } else {
      node = { id: nodes.length, kind: 'kw', text, key: name ?? text.toLowerCase(), help: '', hidden, next: [], accept: false };
    }
    if (helpFor) node.help = helpFor(node);
    nodes.push(node);
    return { first: [node.id], last: [node.id], nullable: false };
  };

  const link = (from: number[], to: number[]): void => {
    for (const f of from) {
      const n = nodes[f]!;
      for (const t of to) if (!n.next.includes(t)) n.next.push(t);
    }
  };

  const seq = (a: Frag, b: Frag): Frag => {
    link(a.last, b.first);
    return {
      first: a.nullable ? [...a.first, ...b.first] : a.first,
      last: b.nullable ? [...b.last, ...a.last] : b.last,
      nullable: a.nullable && b.nullable,
    };
  };

  const empty = (): Frag => ({ first: [], last: [], nullable: true });

  // alt := sequence ('|' sequence)*   — stops at a closing bracket or the end.
  const parseAlt = (close: string | undefined): Frag => {
    const alts: Frag[] = [];
    let cur: Frag = empty();
    let started = false;
    while (pos < toks.length) {
      const t = toks[pos]!;
      if (t === close) break;
      if (t === ')' || t === ']' || t === '}') {
        errors.push(`unbalanced "${t}" in "${spec}"`);
        pos++;
        continue;
      }
      pos++;
      if (t === '|') {
        alts.push(cur);
        cur = empty();
        started = false;
        continue;
      }
      let f: Frag;
      if (t === '[' || t === '(' || t === '{') {
        const closing = t === '[' ? ']' : t === '(' ? ')' : '}';
        const inner = parseAlt(closing);
        if (toks[pos] === closing) pos++;
        else errors.push(`missing "${closing}" in "${spec}"`);
        // `(a|b)$name` names every alternative's first token.
        const named = toks[pos]?.startsWith('$') ? toks[pos++]!.slice(1) : undefined;
        if (named) for (const id of inner.first) nodes[id]!.key = named;
        if (t === '[') f = { ...inner, nullable: true };
        else if (t === '(') f = inner;
        else {
          link(inner.last, inner.first);
          f = { ...inner, nullable: true };
        }
      } else {
        f = atom(t);
      }
      cur = started ? seq(cur, f) : f;
      started = true;
    }
    alts.push(cur);
    if (alts.length === 1) return alts[0]!;
    return {
      first: alts.flatMap((a) => a.first),
      last: alts.flatMap((a) => a.last),
      nullable: alts.some((a) => a.nullable),
    };
  };

  const whole = parseAlt(undefined);
  if (pos < toks.length) errors.push(`trailing tokens in "${spec}"`);
  if (whole.nullable) errors.push(`spec "${spec}" accepts an empty line`);
  for (const l of whole.last) nodes[l]!.accept = true;
  return { nodes, start: [...new Set(whole.first)], errors };
}
