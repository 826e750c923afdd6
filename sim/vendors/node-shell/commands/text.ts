// Text tools used in pipelines: grep, head, tail, wc, sort, uniq, cat, echo, tee, cut
// (GNU coreutils/grep behaviour for the options people use).

import type { Command, CommandResult } from '../types.ts';
import { fail, ok } from '../types.ts';

function lines(s: string): string[] {
  const t = s.endsWith('\n') ? s.slice(0, -1) : s;
  return t === '' ? [] : t.split('\n');
}

function joinLines(ls: readonly string[]): string {
  return ls.length === 0 ? '' : `${ls.join('\n')}\n`;
}

/** Basic regular expressions (grep default) → JS: \| \( \) \{ \} are the operators, + ? | ( ) literal. */
function breToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) {
      const d = p[i + 1]!;
      if ('|(){}?+'.includes(d)) out += d;
      else out += `\\${d}`;
      i++;
    } else if ('|(){}?+'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

export const grep: Command = (args, stdin, env) => {
  let invert = false;
  let icase = false;
  let count = false;
  let extended = false;
  let fixed = false;
  let onlyMatching = false;
  let lineNumbers = false;
  let word = false;
  const patterns: string[] = [];
  const files: string[] = [];
  let after = 0;
  let before = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-e' && i + 1 < args.length) patterns.push(args[++i]!);
    else if (/^-[ABC]$/.test(a) && i + 1 < args.length) {
      const n = Number(args[++i]);
      if (a === '-A' || a === '-C') after = n;
      if (a === '-B' || a === '-C') before = n;
    } else if (/^-[ABC]\d+$/.test(a) || /^--(after|before)-context=\d+$/.test(a) || /^--context=\d+$/.test(a)) {
      const n = Number(/\d+$/.exec(a)![0]);
      if (a.startsWith('-A') || a.startsWith('-C') || a.startsWith('--after') || a.startsWith('--context')) after = n;
      if (a.startsWith('-B') || a.startsWith('-C') || a.startsWith('--before') || a.startsWith('--context')) before = n;
    } else if (/^-[a-zA-Z]+$/.test(a)) {
      // GNU grep permutes arguments: options may follow the pattern.
      for (const f of a.slice(1)) {
        if (f === 'v') invert = true;
        else if (f === 'i') icase = true;
        else if (f === 'c') count = true;
        else if (f === 'E') extended = true;
        else if (f === 'F') fixed = true;
        else if (f === 'o') onlyMatching = true;
        else if (f === 'n') lineNumbers = true;
        else if (f === 'w') word = true;
        else if (f === 'q' || f === 's' || f === 'h' || f === 'H') continue;
        else return fail(`grep: invalid option -- '${f}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.`, 2);
      }
    } else if (patterns.length === 0) patterns.push(a);
    else files.push(a);
  }
  if (patterns.length === 0) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.", 2);
  let input = stdin;
  if (files.length > 0) {
    const parts: string[] = [];
    for (const f of files) {
      const t = env.fs.read(f);
      if (t === undefined) return fail(`grep: ${f}: No such file or directory`, 2);
      parts.push(t);
    }
    input = parts.join('');
  }
  let re: RegExp;
  try {
    const src = patterns.map((p) => (fixed ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : extended ? p : breToJs(p))).join('|');
    re = new RegExp(word ? `\\b(?:${src})\\b` : src, icase ? 'gi' : 'g');
  } catch {
    return fail('grep: Unmatched ( or \\(', 2);
  }
  const ls = lines(input);
  const hits: number[] = [];
  ls.forEach((l, i) => {
    re.lastIndex = 0;
    if (re.test(l) !== invert) hits.push(i);
  });
  if (count) return { stdout: `${hits.length}\n`, code: hits.length > 0 ? 0 : 1 };
  const out: string[] = [];
  if (onlyMatching && !invert) {
    for (const i of hits) for (const m of ls[i]!.matchAll(re)) out.push(lineNumbers ? `${i + 1}:${m[0]}` : m[0]);
  } else if (after || before) {
    const show = new Set<number>();
    for (const i of hits) for (let k = Math.max(0, i - before); k <= Math.min(ls.length - 1, i + after); k++) show.add(k);
    let last = -2;
    for (const k of [...show].sort((a, b) => a - b)) {
      if (last >= 0 && k > last + 1) out.push('--');
      out.push(lineNumbers ? `${k + 1}${hits.includes(k) ? ':' : '-'}${ls[k]}` : ls[k]!);
      last = k;
    }
  } else for (const i of hits) out.push(lineNumbers ? `${i + 1}:${ls[i]}` : ls[i]!);
  return { stdout: joinLines(out), code: hits.length > 0 ? 0 : 1 };
};

function countArg(args: readonly string[], def: number): { n: number; rest: string[] } {
  let n = def;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n' && i + 1 < args.length) n = Number(args[++i]);
    else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else rest.push(a);
  }
  return { n, rest };
}

function fileOrStdin(name: string, files: readonly string[], stdin: string, env: Parameters<Command>[2]): string | CommandResult {
  if (files.length === 0) return stdin;
  const t = env.fs.read(files[0]!);
  if (t === undefined) return fail(`${name}: cannot open '${files[0]}' for reading: No such file or directory`);
  return t;
}

export const head: Command = (args, stdin, env) => {
  const { n, rest } = countArg(args, 10);
  const t = fileOrStdin('head', rest, stdin, env);
  if (typeof t !== 'string') return t;
  return ok(joinLines(lines(t).slice(0, n)));
};

export const tail: Command = (args, stdin, env) => {
  const { n, rest } = countArg(args, 10);
  const t = fileOrStdin('tail', rest, stdin, env);
  if (typeof t !== 'string') return t;
  const ls = lines(t);
  return ok(joinLines(ls.slice(Math.max(0, ls.length - n))));
};

export const wc: Command = (args, stdin) => {
  const ls = lines(stdin);
  const words = stdin.split(/\s+/).filter(Boolean).length;
  if (args.includes('-l')) return ok(`${ls.length}\n`);
  if (args.includes('-w')) return ok(`${words}\n`);
  if (args.includes('-c')) return ok(`${stdin.length}\n`);
  return ok(`${String(ls.length).padStart(7)} ${String(words).padStart(7)} ${String(stdin.length).padStart(7)}\n`);
};

export const sort: Command = (args, stdin) => {
  let ls = lines(stdin);
  ls = args.includes('-n') ? ls.sort((a, b) => parseFloat(a) - parseFloat(b)) : ls.sort();
  if (args.includes('-r')) ls.reverse();
  if (args.includes('-u')) ls = [...new Set(ls)];
  return ok(joinLines(ls));
};

export const uniq: Command = (args, stdin) => {
  const ls = lines(stdin);
  const out: string[] = [];
  const counts: number[] = [];
  for (const l of ls) {
    if (out[out.length - 1] === l) counts[counts.length - 1]!++;
    else {
      out.push(l);
      counts.push(1);
    }
  }
  return ok(joinLines(args.includes('-c') ? out.map((l, i) => `${String(counts[i]).padStart(7)} ${l}`) : out));
};

export const cat: Command = (args, stdin, env) => {
  if (args.length === 0 || (args.length === 1 && args[0] === '-')) return ok(stdin);
  let out = '';
  for (const f of args) {
    if (f === '-') {
      out += stdin;
      continue;
    }
    if (env.fs.isDir(f) && env.fs.read(f) === undefined) return fail(`cat: ${f}: Is a directory`, 1, out);
    const t = env.fs.read(f);
    if (t === undefined) return fail(`cat: ${f}: No such file or directory`, 1, out);
    out += t;
  }
  return ok(out);
};

export const echo: Command = (args) => {
  let newline = true;
  let rest = [...args];
  if (rest[0] === '-n') {
    newline = false;
    rest = rest.slice(1);
  }
  return ok(rest.join(' ') + (newline ? '\n' : ''));
};

export const tee: Command = (args, stdin, env) => {
  const append = args.includes('-a');
  for (const f of args.filter((a) => !a.startsWith('-'))) env.fs.write(f, stdin, append);
  return ok(stdin);
};

export const cut: Command = (args, stdin) => {
  let delim = '\t';
  let fields: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-d') delim = args[++i] ?? '\t';
    else if (a.startsWith('-d')) delim = a.slice(2);
    else if (a === '-f') fields = (args[++i] ?? '').split(',').map(Number);
    else if (a.startsWith('-f')) fields = a.slice(2).split(',').map(Number);
  }
  return ok(joinLines(lines(stdin).map((l) => fields.map((f) => l.split(delim)[f - 1] ?? '').join(delim))));
};

export const awkPrint: Command = (args, stdin) => {
  // awk '{print $N}' — the one awk program everybody types.
  const prog = args.find((a) => a.includes('print')) ?? '';
  const m = /\{\s*print\s+((?:\$\d+\s*,?\s*)+)\}/.exec(prog);
  if (!m) return fail(`awk: this shell only knows awk '{print $N}'`, 2);
  const cols = [...m[1]!.matchAll(/\$(\d+)/g)].map((x) => Number(x[1]));
  return ok(joinLines(lines(stdin).map((l) => cols.map((c) => (c === 0 ? l : l.trim().split(/\s+/)[c - 1] ?? '')).join(' '))));
};

export function textCommands(): Record<string, Command> {
  return { grep, egrep: (a, s, e) => grep(['-E', ...a], s, e), head, tail, wc, sort, uniq, cat, echo, tee, cut, awk: awkPrint };
}

export type { CommandResult };
