import { describe, expect, it } from 'vitest';
import { evaluateSelector } from './evaluate.ts';
import { parseSelector, selectorString } from './parser.ts';
import { compileSelector, selectorError } from './selector.ts';
import { tokenize, validLabel } from './tokenizer.ts';

const rr = { 'route-reflector': 'true', 'kubernetes.io/hostname': 'm03', rack: 'rack-1', zone: 'eu-west-1a' };
const plain = { 'kubernetes.io/hostname': 'm01', rack: 'rack-2' };
const none = {};

// [selector, matches rr, matches plain, matches none]
const evalRows: [string, boolean, boolean, boolean][] = [
  ['', true, true, true],
  ['   ', true, true, true],
  ['all()', true, true, true],
  ['all( )', true, true, true],
  ['global()', true, true, true],
  ['has(route-reflector)', true, false, false],
  ['has( route-reflector )', true, false, false],
  ['!has(route-reflector)', false, true, true],
  ['!!has(route-reflector)', true, false, false],
  ['!!!has(route-reflector)', false, true, true],
  ["route-reflector == 'true'", true, false, false],
  ['route-reflector == "true"', true, false, false],
  ["route-reflector != 'true'", false, true, true],
  ["route-reflector == 'false'", false, false, false],
  ["rack == 'rack-1'", true, false, false],
  ["rack in {'rack-1', 'rack-2'}", true, true, false],
  ["rack in {'rack-1',}", true, false, false],
  ['rack in {}', false, false, false],
  ["rack not in {'rack-1'}", false, true, true],
  ["rack notin {'rack-1'}", false, true, true],
  ["rack not   in {'rack-1'}", false, true, true],
  ['rack not in {}', true, true, true],
  ["zone contains 'west'", true, false, false],
  ["zone starts with 'eu-'", true, false, false],
  ["zone starts   with 'eu-'", true, false, false],
  ["zone ends with '1a'", true, false, false],
  ["kubernetes.io/hostname == 'm03'", true, false, false],
  ["has(rack) && rack != 'rack-1'", false, true, false],
  ["has(route-reflector) || rack == 'rack-2'", true, true, false],
  // && binds tighter than ||; ! applies to one primary.
  ["!has(route-reflector) || rack == 'rack-1' && has(zone)", true, true, true],
  ["(!has(route-reflector) || rack == 'rack-1') && has(zone)", true, false, false],
  ["!(has(route-reflector) && has(zone))", false, true, true],
  ["route-reflector=='true'&&rack=='rack-1'", true, false, false],
  ["\troute-reflector\t==\t'true'", true, false, false],
  // Quotes have no escapes: the literal ends at the next matching quote.
  [`rack == "it's"`, false, false, false],
  ["has(as-id)", false, false, false],
  ["rr-id == 'as64512'", false, false, false],
];

describe('selector evaluation', () => {
  it.each(evalRows)('%j', (sel, a, b, c) => {
    const s = compileSelector(sel);
    expect(s.error).toBeUndefined();
    expect([s.matches(rr), s.matches(plain), s.matches(none)]).toEqual([a, b, c]);
  });
});

// [selector, Calico's error text]
const errorRows: [string, string][] = [
  ['a = "b"', 'expected =='],
  ['a == b', 'expected string'],
  ['a ==', 'expected string'],
  ['a', 'unexpected end of string looking for op'],
  ['a b', 'expected operator after label "a"'],
  ['a inn {}', 'expected operator after label "a"'],
  ['a contain "x"', 'expected operator after label "a"'],
  ['a (', 'expected == or != not: TokLParen()'],
  ['a in "x"', 'expected set literal'],
  ['a in {"x" "y"}', 'expected }'],
  ['a in {"x"', 'expected }'],
  ['has(a', "no closing ')' after has("],
  ['has()', 'expected identifier'],
  ['has (a)', 'expected == or != not: TokLParen()'],
  ['all(x)', "no closing ')' after all("],
  ['global(', "no closing ')' after global("],
  ['(has(a)', 'expected )'],
  ['has(a))', 'unexpected content at end of selector [TokRParen() TokEOF()]'],
  ['has(a) has(b)', 'unexpected content at end of selector [TokHas(b) TokEOF()]'],
  ['&& has(a)', 'unexpected token: TokAnd()'],
  ['has(a) &&', 'unexpected token: TokEOF()'],
  ['has(a) & has(b)', 'expected &&'],
  ['has(a) | has(b)', 'expected ||'],
  ['"x" == a', 'unexpected token: TokStringLiteral(x)'],
  ['a == "x', 'unterminated string'],
  ["a == 'x", 'unterminated string'],
  ['!', 'unexpected token: TokEOF()'],
  ['()', 'unexpected token: TokRParen()'],
  ['a == "x" b', 'unexpected content at end of selector [TokLabel(b) TokEOF()]'],
  ['#', 'expected identifier'],
  [`${'x'.repeat(513)} == "a"`, `label too long: ${'x'.repeat(513)}`],
];

describe('selector errors', () => {
  it.each(errorRows)('%j → %j', (sel, msg) => {
    expect(selectorError(sel)?.message).toBe(msg);
    expect(compileSelector(sel).matches(rr)).toBe(false);
  });

  it('reports the offset of the problem', () => {
    expect(selectorError("rr-id = 'x'")?.offset).toBe(6);
  });
});

describe('tokenizer details', () => {
  it('keeps label characters together', () => {
    const t = tokenize("topology.kubernetes.io/zone_a-b == 'x'");
    expect('tokens' in t && t.tokens.map((x) => x.kind)).toEqual(['TokLabel', 'TokEq', 'TokStringLiteral', 'TokEOF']);
  });
  it('needs a word boundary after in/contains', () => {
    expect(selectorError('a infoo {}')).toBeDefined();
    expect(selectorError("a in{'x'}")).toBeUndefined();
  });
  it('validLabel', () => {
    expect(validLabel('kubernetes.io/os')).toBe(true);
    expect(validLabel('a b')).toBe(false);
    expect(validLabel('')).toBe(false);
  });
});

describe('parser structure', () => {
  it('&& binds tighter than ||', () => {
    const r = parseSelector('has(a) || has(b) && has(c)');
    expect(r.ok && selectorString(r.root)).toBe('(has(a) || (has(b) && has(c)))');
  });
  it('sorts and de-duplicates set literals', () => {
    const r = parseSelector("a in {'z', 'b', 'z'}");
    expect(r.ok && selectorString(r.root)).toBe('a in {"b", "z"}');
    expect(r.ok && evaluateSelector(r.root, { a: 'z' })).toBe(true);
  });
  it('deep nesting does not blow the stack', () => {
    const deep = '('.repeat(2000) + 'has(a)' + ')'.repeat(2000);
    expect(() => selectorError(deep)).not.toThrow();
  });
});
