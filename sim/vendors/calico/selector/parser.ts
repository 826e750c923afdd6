// Calico selector parser, a port of libcalico-go lib/selector/parser/parser.go (C331):
// recursive descent, `||` lowest, then `&&`, then a possibly negated operation. Error texts
// match Calico's (including Go's token rendering, e.g. `unexpected token: TokEOF()`).

import { tokenize, tokenString } from './tokenizer.ts';
import type { Token } from './tokenizer.ts';

export type SelectorNode =
  | { readonly op: 'all' }
  | { readonly op: 'global' }
  | { readonly op: 'has'; readonly label: string }
  | { readonly op: 'eq' | 'ne' | 'contains' | 'startsWith' | 'endsWith'; readonly label: string; readonly value: string }
  | { readonly op: 'in' | 'notIn'; readonly label: string; readonly values: readonly string[] }
  | { readonly op: 'not'; readonly arg: SelectorNode }
  | { readonly op: 'and'; readonly args: readonly SelectorNode[] }
  | { readonly op: 'or'; readonly args: readonly SelectorNode[] };

export interface SelectorError {
  /** Calico's error text, e.g. "expected ==". */
  readonly message: string;
  /** 0-based offset in the selector where the problem was found (ours, for markers). */
  readonly offset: number;
}

export type ParseResult = { readonly ok: true; readonly root: SelectorNode } | { readonly ok: false; readonly error: SelectorError };

class Fail {
  constructor(readonly error: SelectorError) {}
}

type Step = { node: SelectorNode; rest: number };

/** Parses a selector. The empty selector (only whitespace) is `all()`. */
export function parseSelector(text: string): ParseResult {
  const t = tokenize(text);
  if ('error' in t) return { ok: false, error: t.error };
  const tokens = t.tokens;
  if (tokens[0]!.kind === 'TokEOF') return { ok: true, root: { op: 'all' } };
  const p = new Parser(tokens);
  try {
    const r = p.orExpr(0);
    if (tokens.length - r.rest !== 1) {
      // fmt.Sprint("unexpected content at end of selector ", remTokens) prints the slice.
      const rem = tokens.slice(r.rest).map(tokenString).join(' ');
      return { ok: false, error: { message: `unexpected content at end of selector [${rem}]`, offset: tokens[r.rest]!.offset } };
    }
    return { ok: true, root: r.node };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, error: e.error };
    throw e;
  }
}

class Parser {
  // Parenthesised nesting is bounded by the input length; recursion depth is checked to
  // keep a pathological "((((((…" cheap and safe.
  private depth = 0;
  constructor(private readonly toks: readonly Token[]) {}

  private tok(i: number): Token {
    return this.toks[Math.min(i, this.toks.length - 1)]!;
  }

  private fail(message: string, i: number): never {
    throw new Fail({ message, offset: this.tok(i).offset });
  }

  orExpr(i: number): Step {
    const first = this.andExpr(i);
    const nodes = [first.node];
    let rest = first.rest;
    while (this.tok(rest).kind === 'TokOr') {
      const next = this.andExpr(rest + 1);
      nodes.push(next.node);
      rest = next.rest;
    }
    return { node: nodes.length === 1 ? nodes[0]! : { op: 'or', args: nodes }, rest };
  }

  andExpr(i: number): Step {
    const first = this.operation(i);
    const nodes = [first.node];
    let rest = first.rest;
    while (this.tok(rest).kind === 'TokAnd') {
      const next = this.operation(rest + 1);
      nodes.push(next.node);
      rest = next.rest;
    }
    return { node: nodes.length === 1 ? nodes[0]! : { op: 'and', args: nodes }, rest };
  }

  operation(i: number): Step {
    if (i >= this.toks.length) this.fail('unexpected end of string looking for op', i);
    // Any number of leading "!" collapse to one boolean (parser.go parseOperation).
    let negated = false;
    while (this.tok(i).kind === 'TokNot') {
      negated = !negated;
      i++;
    }
    const t = this.tok(i);
    let step: Step;
    switch (t.kind) {
      case 'TokHas':
        step = { node: { op: 'has', label: t.value }, rest: i + 1 };
        break;
      case 'TokAll':
        step = { node: { op: 'all' }, rest: i + 1 };
        break;
      case 'TokGlobal':
        step = { node: { op: 'global' }, rest: i + 1 };
        break;
      case 'TokLabel':
        step = this.labelOp(i);
        break;
      case 'TokLParen': {
        if (++this.depth > 500) this.fail('expected )', i);
        const inner = this.orExpr(i + 1);
        this.depth--;
        if (this.tok(inner.rest).kind !== 'TokRParen') this.fail('expected )', inner.rest);
        step = { node: inner.node, rest: inner.rest + 1 };
        break;
      }
      default:
        this.fail(`unexpected token: ${tokenString(t)}`, i);
    }
    return negated ? { node: { op: 'not', arg: step.node }, rest: step.rest } : step;
  }

  private labelOp(i: number): Step {
    // "should have an operator and a literal": fewer than 3 tokens left is an early EOF.
    if (this.toks.length - i < 3) this.fail('unexpected end of string looking for op', i);
    const label = this.tok(i).value;
    const op = this.tok(i + 1);
    const lit = this.tok(i + 2);
    const simple: Partial<Record<string, 'eq' | 'ne' | 'contains' | 'startsWith' | 'endsWith'>> = {
      TokEq: 'eq',
      TokNe: 'ne',
      TokContains: 'contains',
      TokStartsWith: 'startsWith',
      TokEndsWith: 'endsWith',
    };
    const s = simple[op.kind];
    if (s) {
      if (lit.kind !== 'TokStringLiteral') this.fail('expected string', i + 2);
      return { node: { op: s, label, value: lit.value }, rest: i + 3 };
    }
    if (op.kind === 'TokIn' || op.kind === 'TokNotIn') {
      if (lit.kind !== 'TokLBrace') this.fail('expected set literal', i + 2);
      let j = i + 3;
      const values: string[] = [];
      while (this.tok(j).kind === 'TokStringLiteral') {
        values.push(this.tok(j).value);
        j++;
        if (this.tok(j).kind === 'TokComma') j++;
        else break;
      }
      if (this.tok(j).kind !== 'TokRBrace') this.fail('expected }', j);
      const uniq = [...new Set(values)].sort();
      return { node: { op: op.kind === 'TokIn' ? 'in' : 'notIn', label, values: uniq }, rest: j + 1 };
    }
    return this.fail(`expected == or != not: ${tokenString(op)}`, i + 1);
  }
}

/** Canonical text of a parsed selector (Calico's String(): e.g. `has(a) && b == "x"`). */
export function selectorString(n: SelectorNode): string {
  const q = (v: string): string => (v.includes('"') ? `'${v}'` : `"${v}"`);
  switch (n.op) {
    case 'all':
      return 'all()';
    case 'global':
      return 'global()';
    case 'has':
      return `has(${n.label})`;
    case 'eq':
      return `${n.label} == ${q(n.value)}`;
    case 'ne':
      return `${n.label} != ${q(n.value)}`;
    case 'contains':
      return `${n.label} contains ${q(n.value)}`;
    case 'startsWith':
      return `${n.label} starts with ${q(n.value)}`;
    case 'endsWith':
      return `${n.label} ends with ${q(n.value)}`;
    case 'in':
      return `${n.label} in {${n.values.map(q).join(', ')}}`;
    case 'notIn':
      return `${n.label} not in {${n.values.map(q).join(', ')}}`;
    case 'not':
      return `!${selectorString(n.arg)}`;
    case 'and':
      return `(${n.args.map(selectorString).join(' && ')})`;
    case 'or':
      return `(${n.args.map(selectorString).join(' || ')})`;
  }
}
