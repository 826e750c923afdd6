// Calico selector tokenizer, a faithful port of libcalico-go
// lib/selector/tokenizer/tokenizer.go (C331). Error texts are Calico's, word for word;
// `offset` (0-based, into the selector text) is ours, for placing a marker.

export type TokKind =
  | 'TokNone'
  | 'TokLabel'
  | 'TokStringLiteral'
  | 'TokLBrace'
  | 'TokRBrace'
  | 'TokComma'
  | 'TokEq'
  | 'TokNe'
  | 'TokIn'
  | 'TokNot'
  | 'TokNotIn'
  | 'TokContains'
  | 'TokStartsWith'
  | 'TokEndsWith'
  | 'TokAll'
  | 'TokHas'
  | 'TokLParen'
  | 'TokRParen'
  | 'TokAnd'
  | 'TokOr'
  | 'TokGlobal'
  | 'TokEOF';

export interface Token {
  readonly kind: TokKind;
  readonly value: string;
  /** 0-based offset of the token in the selector text. */
  readonly offset: number;
}

/** Go's Token.String(): `TokLabel(foo)`, `TokEOF()`. Used in parser error texts. */
export function tokenString(t: Token): string {
  return `${t.kind}(${t.value})`;
}

export interface TokenizeError {
  readonly message: string;
  readonly offset: number;
}

export const MAX_LABEL_LENGTH = 512;

function identifierChar(c: string): boolean {
  return (
    (c >= 'a' && c <= 'z') ||
    (c >= 'A' && c <= 'Z') ||
    (c >= '0' && c <= '9') ||
    c === '_' ||
    c === '.' ||
    c === '/' ||
    c === '-'
  );
}

/** Whitespace is space or tab only (tokenizer.go trimWhitespace). */
function skipWs(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
}

function isWordBoundary(s: string, i: number): boolean {
  return i >= s.length || !identifierChar(s[i]!);
}

/** `cutPrefixCheckBreak`: the keyword followed by a non-identifier char or the end. */
function cutWord(s: string, i: number, word: string): number {
  if (!s.startsWith(word, i)) return -1;
  const j = i + word.length;
  return isWordBoundary(s, j) ? j : -1;
}

/** `cutMultiWordPrefixCheckBreak`: "not in", "notin", "starts   with" (boundary only after the last word). */
function cutWords(s: string, i: number, ...words: string[]): number {
  let j = i;
  for (const w of words) {
    if (!s.startsWith(w, j)) return -1;
    j = skipWs(s, j + w.length);
  }
  return isWordBoundary(s, j) ? j : -1;
}

function cutIdentifier(s: string, i: number): { ident: string; next: number } | TokenizeError {
  let j = i;
  while (j < s.length && identifierChar(s[j]!)) j++;
  const ident = s.slice(i, j);
  if (ident.length > MAX_LABEL_LENGTH) return { message: `label too long: ${ident}`, offset: i };
  if (ident.length === 0) return { message: 'expected identifier', offset: i };
  return { ident, next: j };
}

export function tokenize(input: string): { tokens: Token[] } | { error: TokenizeError } {
  const tokens: Token[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    i = skipWs(input, i);
    if (i >= input.length) {
      tokens.push({ kind: 'TokEOF', value: '', offset: i });
      return { tokens };
    }
    const last = tokens.length > 0 ? tokens[tokens.length - 1]!.kind : 'TokNone';
    const c = input[i]!;
    const at = i;
    switch (c) {
      case '(':
        tokens.push({ kind: 'TokLParen', value: '', offset: at });
        i++;
        break;
      case ')':
        tokens.push({ kind: 'TokRParen', value: '', offset: at });
        i++;
        break;
      case '"':
      case "'": {
        const end = input.indexOf(c, i + 1);
        if (end < 0) return { error: { message: 'unterminated string', offset: at } };
        tokens.push({ kind: 'TokStringLiteral', value: input.slice(i + 1, end), offset: at });
        i = end + 1;
        break;
      }
      case '{':
        tokens.push({ kind: 'TokLBrace', value: '', offset: at });
        i++;
        break;
      case '}':
        tokens.push({ kind: 'TokRBrace', value: '', offset: at });
        i++;
        break;
      case ',':
        tokens.push({ kind: 'TokComma', value: '', offset: at });
        i++;
        break;
      case '=':
        if (!input.startsWith('==', i)) return { error: { message: 'expected ==', offset: at } };
        tokens.push({ kind: 'TokEq', value: '', offset: at });
        i += 2;
        break;
      case '!':
        if (input.startsWith('!=', i)) {
          tokens.push({ kind: 'TokNe', value: '', offset: at });
          i += 2;
        } else {
          tokens.push({ kind: 'TokNot', value: '', offset: at });
          i++;
        }
        break;
      case '&':
        if (!input.startsWith('&&', i)) return { error: { message: 'expected &&', offset: at } };
        tokens.push({ kind: 'TokAnd', value: '', offset: at });
        i += 2;
        break;
      case '|':
        if (!input.startsWith('||', i)) return { error: { message: 'expected ||', offset: at } };
        tokens.push({ kind: 'TokOr', value: '', offset: at });
        i += 2;
        break;
      default: {
        if (last === 'TokLabel') {
          // After a label only an operator may follow (tokenizer.go: the label branch).
          let j: number;
          if ((j = cutWord(input, i, 'contains')) >= 0) tokens.push({ kind: 'TokContains', value: '', offset: at });
          else if ((j = cutWords(input, i, 'starts', 'with')) >= 0) tokens.push({ kind: 'TokStartsWith', value: '', offset: at });
          else if ((j = cutWords(input, i, 'ends', 'with')) >= 0) tokens.push({ kind: 'TokEndsWith', value: '', offset: at });
          else if ((j = cutWords(input, i, 'not', 'in')) >= 0) tokens.push({ kind: 'TokNotIn', value: '', offset: at });
          else if ((j = cutWord(input, i, 'in')) >= 0) tokens.push({ kind: 'TokIn', value: '', offset: at });
          else {
            const label = tokens[tokens.length - 1]!.value;
            return { error: { message: `expected operator after label ${goQuote(label)}`, offset: at } };
          }
          i = j;
        } else if (input.startsWith('has(', i)) {
          let j = skipWs(input, i + 4);
          const id = cutIdentifier(input, j);
          if ('message' in id) return { error: id };
          j = skipWs(input, id.next);
          if (input[j] !== ')') return { error: { message: "no closing ')' after has(", offset: j } };
          tokens.push({ kind: 'TokHas', value: id.ident, offset: at });
          i = j + 1;
        } else if (input.startsWith('all(', i)) {
          const j = skipWs(input, i + 4);
          if (input[j] !== ')') return { error: { message: "no closing ')' after all(", offset: j } };
          tokens.push({ kind: 'TokAll', value: '', offset: at });
          i = j + 1;
        } else if (input.startsWith('global(', i)) {
          const j = skipWs(input, i + 7);
          if (input[j] !== ')') return { error: { message: "no closing ')' after global(", offset: j } };
          tokens.push({ kind: 'TokGlobal', value: '', offset: at });
          i = j + 1;
        } else {
          const id = cutIdentifier(input, i);
          if ('message' in id) return { error: id };
          tokens.push({ kind: 'TokLabel', value: id.ident, offset: at });
          i = id.next;
        }
      }
    }
    if (i <= start) return { error: { message: 'infinite loop detected in tokenizer', offset: i } };
  }
}

/** Go's %q for the characters a label can hold (no escapes needed beyond quotes/backslashes). */
export function goQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** tokenizer.ValidLabel: the whole string is one identifier. */
export function validLabel(label: string): boolean {
  const r = cutIdentifier(label, 0);
  return !('message' in r) && r.next === label.length;
}
