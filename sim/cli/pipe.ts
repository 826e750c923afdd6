// Output filters after `|`. IOS (`| include|exclude|begin|section|count`) and VRP
// (`| include|exclude|begin`) filter with a regular expression; FRR's vtysh hands the text
// after `|` to /bin/sh with the output on stdin (vtysh.c vtysh_execute_func), so
// `| grep Estab` works and `| include Estab` prints "sh: 1: include: not found".

import { splitWords } from './matcher.ts';
import type { CliStyle } from './style.ts';

/** Splits "show x | include y" at the first `|` that starts a word. */
export function pipeSplit(line: string): { command: string; pipe?: string } {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '|' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return { command: line.slice(0, i), pipe: line.slice(i + 1) };
    }
  }
  return { command: line };
}

function safeRegex(src: string, flags = ''): RegExp | null {
  try {
    return new RegExp(src, flags);
  } catch {
    return null;
  }
}

function lines(out: string): string[] {
  const t = out.endsWith('\n') ? out.slice(0, -1) : out;
  return t === '' ? [] : t.split('\n');
}

export function applyPipe(style: CliStyle, output: string, pipe: string): string {
  if (style.name === 'frr') return shellPipe(output, pipe);
  const words = splitWords(pipe);
  const first = words[0];
  if (!first) return output;
  const mod = style.pipeModifiers.filter((m) => m.kw.startsWith(first.text.toLowerCase()));
  if (mod.length !== 1) return output;
  const rest = words[1] ? pipe.slice(words[1].start).trim() : '';
  const re = safeRegex(rest);
  if (!re) return style.name === 'ios' ? '% Invalid regular expression' : 'Error: Invalid regular expression.';
  const ls = lines(output);
  switch (mod[0]!.kw) {
    case 'include':
      return ls.filter((l) => re.test(l)).join('\n');
    case 'exclude':
      return ls.filter((l) => !re.test(l)).join('\n');
    case 'begin': {
      const i = ls.findIndex((l) => re.test(l));
      return i < 0 ? '' : ls.slice(i).join('\n');
    }
    case 'count':
      return `Number of lines which match regexp = ${ls.filter((l) => re.test(l)).length}`;
    case 'section': {
      // A section is a top-level line and the indented lines under it (IOS `| section`).
      const out: string[] = [];
      for (let i = 0; i < ls.length; i++) {
        const l = ls[i]!;
        if (/^\S/.test(l) && re.test(l)) {
          out.push(l);
          while (i + 1 < ls.length && /^\s/.test(ls[i + 1]!)) out.push(ls[++i]!);
        }
      }
      return out.join('\n');
    }
    default:
      return output;
  }
}

/** The few shell filters people pipe vtysh output into. */
function shellPipe(output: string, pipe: string): string {
  const words = splitWords(pipe).map((w) => w.text);
  const cmd = words[0];
  if (!cmd) return '';
  const ls = lines(output);
  if (cmd === 'grep' || cmd === 'egrep') {
    let invert = false;
    let icase = false;
    let count = false;
    const rest: string[] = [];
    for (const w of words.slice(1)) {
      if (/^-[viEcw]+$/.test(w)) {
        invert ||= w.includes('v');
        icase ||= w.includes('i');
        count ||= w.includes('c');
      } else rest.push(w.replace(/^["']|["']$/g, ''));
    }
    if (rest.length === 0) return 'Usage: grep [OPTION]... PATTERNS [FILE]...';
    const re = safeRegex(rest[0]!, icase ? 'i' : '');
    if (!re) return 'grep: Unmatched ( or \\(';
    const kept = ls.filter((l) => re.test(l) !== invert);
    return count ? String(kept.length) : kept.join('\n');
  }
  if (cmd === 'head' || cmd === 'tail') {
    let n = 10;
    const arg = words.slice(1).join(' ');
    const m = /-n\s*(\d+)|-(\d+)/.exec(arg);
    if (m) n = Number(m[1] ?? m[2]);
    return (cmd === 'head' ? ls.slice(0, n) : ls.slice(Math.max(0, ls.length - n))).join('\n');
  }
  if (cmd === 'wc') return String(ls.length);
  return `sh: 1: ${cmd}: not found`;
}
