// Matching typed words against compiled command specs. Two policies, because the vendors
// really differ:
//
// - "frr": FRR's lib/command_match.c. Every complete path through the graph is collected and
//   ties are broken by token type precedence, then by exactness (disambiguate()). So `sh i`
//   runs `show interface` on FRR: it is the only command that can end there.
// - "ltr" (IOS, VRP): words are resolved left to right; each word must be a unique prefix of
//   the keywords valid at that point, or the device reports the word with a caret.
//   An exact keyword beats a typed argument, which beats a keyword prefix, which beats a
//   free word (WORD/LINE).

import type { TokenNode } from './spec.ts';
import type { Level } from './tokens.ts';

export interface Word {
  readonly text: string;
  /** 0-based column of the first character in the line. */
  readonly start: number;
}

export function splitWords(line: string): Word[] {
  const out: Word[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) out.push({ text: m[0], start: m.index });
  return out;
}

export interface MatchCommand {
  readonly index: number;
  readonly nodes: readonly TokenNode[];
  readonly start: readonly number[];
}

export interface Step {
  readonly node: TokenNode;
  readonly word: Word;
  /** The matched text (for LINE: the rest of the line). */
  readonly value: string;
  readonly level: Level;
}

export interface Path {
  readonly cmd: MatchCommand;
  readonly steps: readonly Step[];
  /** Index of the next word to match. */
  readonly pos: number;
}

export type MatchErrorKind = 'unrecognized' | 'ambiguous' | 'incomplete' | 'too-many' | 'wrong-param';

export interface MatchError {
  readonly kind: MatchErrorKind;
  /** Word index where the problem is (words.length for "incomplete"). */
  readonly wordIndex: number;
}

function lastNode(p: Path): TokenNode | null {
  return p.steps.length ? p.steps[p.steps.length - 1]!.node : null;
}

export function nextNodes(p: Path): TokenNode[] {
  const last = lastNode(p);
  const ids = last ? last.next : p.cmd.start;
  return ids.map((id) => p.cmd.nodes[id]!);
}

export function accepts(p: Path): boolean {
  const last = lastNode(p);
  return last !== null && last.accept;
}

export function matchNode(node: TokenNode, word: string, caseInsensitive: boolean): Level {
  if (node.kind === 'kw') {
    const kw = caseInsensitive ? node.text.toLowerCase() : node.text;
    const w = caseInsensitive ? word.toLowerCase() : word;
    if (w === kw) return 2;
    if (w.length > 0 && w.length < kw.length && kw.startsWith(w)) return 1;
    return 0;
  }
  return node.type!.match(word);
}

function advance(p: Path, node: TokenNode, words: readonly Word[], line: string, level: Level): Path {
  const w = words[p.pos]!;
  if (node.type?.rest) {
    const value = line.slice(w.start).replace(/\s+$/, '');
    return { cmd: p.cmd, steps: [...p.steps, { node, word: w, value, level }], pos: words.length };
  }
  return { cmd: p.cmd, steps: [...p.steps, { node, word: w, value: w.text, level }], pos: p.pos + 1 };
}

/** Rank of one word's match in the left-to-right policy. */
function rank(node: TokenNode, level: Level): number {
  if (node.kind === 'kw') return level === 2 ? 4 : level === 1 ? 2 : 0;
  if (level !== 2) return 0;
  return node.type!.generic ? 1 : 3;
}

export interface WalkResult {
  /** Paths that consumed every word (or, on error, the paths alive before the bad word). */
  readonly frontier: readonly Path[];
  readonly error?: MatchError;
}

/**
 * Left-to-right resolution of `words` (IOS/VRP; also FRR `?`/Tab with `frrPrune`).
 * With `partialLast`, the last word is being typed: it is not matched (help/Tab handle it).
 */
export function walk(
  cmds: readonly MatchCommand[],
  words: readonly Word[],
  line: string,
  opts: { caseInsensitive: boolean; frrPrune?: boolean; stopBefore?: number },
): WalkResult {
  const end = opts.stopBefore ?? words.length;
  let frontier: Path[] = cmds.map((cmd) => ({ cmd, steps: [], pos: 0 }));
  for (let i = 0; i < end; i++) {
    const done = frontier.filter((p) => p.pos > i);
    const live = frontier.filter((p) => p.pos === i);
    if (live.length === 0) {
      frontier = done;
      continue;
    }
    const word = words[i]!.text;
    const cands: { p: Path; node: TokenNode; level: Level; r: number }[] = [];
    for (const p of live) {
      for (const node of nextNodes(p)) {
        const level = matchNode(node, word, opts.caseInsensitive);
        if (level === 0) continue;
        if (node.kind === 'var' && level !== 2 && !node.type!.rest) continue;
        cands.push({ p, node, level, r: rank(node, level) });
      }
    }
    if (cands.length === 0) {
      if (done.length) {
        frontier = done;
        continue;
      }
      return { frontier: live, error: { kind: classifyFailure(live, word), wordIndex: i } };
    }
    let keep: typeof cands;
    if (opts.frrPrune) {
      // FRR command_complete(): a partial keyword match only survives when nothing matched
      // this word exactly.
      const exact = cands.some((c) => c.level === 2);
      keep = exact ? cands.filter((c) => c.level === 2) : cands;
    } else {
      const best = Math.max(...cands.map((c) => c.r));
      keep = cands.filter((c) => c.r === best);
      if (best === 2) {
        const distinct = new Set(keep.map((c) => (opts.caseInsensitive ? c.node.text.toLowerCase() : c.node.text)));
        if (distinct.size > 1) return { frontier: live, error: { kind: 'ambiguous', wordIndex: i } };
      }
    }
    frontier = [...done, ...keep.map((c) => advance(c.p, c.node, words, line, c.level))];
  }
  return { frontier };
}

function classifyFailure(live: readonly Path[], word: string): MatchErrorKind {
  const expected = live.flatMap((p) => nextNodes(p));
  // VRP: "Too many parameters" when the command was complete and nothing may follow.
  if (expected.length === 0 && live.some((p) => accepts(p))) return 'too-many';
  if (expected.length > 0 && expected.every((n) => n.kind === 'var' && !n.type!.generic)) {
    // VRP: an argument of the right shape but a bad value is a "Wrong parameter".
    if (expected.some((n) => n.type!.shapeOk?.(word))) return 'wrong-param';
  }
  return 'unrecognized';
}

/** FRR score_precedence for a token (lower = more specific). */
function precedence(node: TokenNode): number {
  return node.kind === 'kw' ? 3 : node.type!.precedence;
}

/** FRR disambiguate(): -1 a better, 1 b better, 0 ambiguous. */
export function comparePaths(a: Path, b: Path): number {
  const n = Math.min(a.steps.length, b.steps.length);
  for (let i = 0; i < n; i++) {
    const sa = a.steps[i]!;
    const sb = b.steps[i]!;
    const pa = precedence(sa.node);
    const pb = precedence(sb.node);
    if (pa !== pb) return pa < pb ? -1 : 1;
    if (sa.level !== sb.level) return sa.level > sb.level ? -1 : 1;
  }
  return 0;
}

/** Picks the single best of several complete paths, or null when they tie (ambiguous). */
export function pickBest(paths: readonly Path[], tieBreakByOrder: boolean): Path | null {
  if (paths.length === 0) return null;
  let best = paths[0]!;
  let tied = false;
  for (let i = 1; i < paths.length; i++) {
    const p = paths[i]!;
    const c = comparePaths(best, p);
    if (c > 0) {
      best = p;
      tied = false;
    } else if (c === 0 && p.cmd.index !== best.cmd.index) {
      tied = true;
    }
  }
  if (tied && !tieBreakByOrder) return null;
  return best;
}

export type FrrMatch =
  | { readonly status: 'ok'; readonly path: Path }
  | { readonly status: 'ambiguous' | 'incomplete' | 'unknown' };

/** FRR command_match(): all complete paths, then disambiguation. */
export function frrMatch(cmds: readonly MatchCommand[], words: readonly Word[], line: string): FrrMatch {
  const complete: Path[] = [];
  let incomplete = false;
  const rec = (p: Path): void => {
    if (p.pos >= words.length) {
      if (accepts(p)) complete.push(p);
      else incomplete = true;
      return;
    }
    const word = words[p.pos]!.text;
    for (const node of nextNodes(p)) {
      const level = matchNode(node, word, false);
      if (level === 0) continue;
      if (node.kind === 'var' && level !== 2 && !node.type!.rest) continue;
      // FRR: a token may not be visited twice on one path unless the graph loops ({...}).
      rec(advance(p, node, words, line, level));
    }
  };
  for (const cmd of cmds) rec({ cmd, steps: [], pos: 0 });
  if (complete.length === 0) return { status: incomplete ? 'incomplete' : 'unknown' };
  const best = pickBest(complete, false);
  return best ? { status: 'ok', path: best } : { status: 'ambiguous' };
}
