// The vendor-neutral command machinery. A vendor declares its modes and commands as data
// (spec string + help + handler); this engine matches typed lines with the vendor's policy,
// falls back to parent modes, handles `do`, output pipes, `?` help and Tab completion, and
// formats errors the way the device does (see style.ts).

import { Args } from './args.ts';
import type { MatchCommand, Path, Step, Word } from './matcher.ts';
import { accepts, frrMatch, matchNode, nextNodes, pickBest, splitWords, walk } from './matcher.ts';
import type { MacroExpander, TokenNode } from './spec.ts';
import { compileSpec } from './spec.ts';
import type { CliStyle, ErrorInfo, HelpEntry } from './style.ts';
import type { VarType } from './tokens.ts';
import { builtinType } from './tokens.ts';
import { applyPipe, pipeSplit } from './pipe.ts';

/** What a handler can use besides its arguments. */
export interface CallInfo {
  readonly line: string;
  readonly prompt: string;
  readonly style: CliStyle;
  /** Formats a vendor syntax error with the caret under the token with this key. */
  fail(kind: ErrorInfo['kind'], key?: string): string;
}

export interface CommandDef<C> {
  readonly spec: string;
  /** Help per token: keyed by `$name`, keyword or argument label. Falls back to the vendor dictionary. */
  readonly help?: Readonly<Record<string, string>>;
  readonly run: (args: Args, ctx: C, call: CallInfo) => string | void;
  /** Output may be filtered with `| include …` (show/display commands). */
  readonly pipe?: boolean;
  /** Accepted but not listed by `?` (FRR's hidden compatibility commands). */
  readonly hidden?: boolean;
}

export interface ModeDef<C> {
  readonly id: string;
  /** Where a command that does not match here is tried next (sub-mode → configuration mode). */
  readonly parent?: string;
  /** `do <command>` runs commands of this mode (IOS, FRR configuration modes). */
  readonly doMode?: string;
  readonly commands: readonly CommandDef<C>[];
}

export interface CliDefinition<C> {
  readonly style: CliStyle;
  readonly modes: readonly ModeDef<C>[];
  /** Default help per keyword (one vendor vocabulary shared by all commands). */
  readonly dictionary?: Readonly<Record<string, string>>;
  /** Vendor argument types (`<IFNAME>`, `<COMMUNITY>`), by label. */
  readonly types?: Readonly<Record<string, VarType>>;
  readonly macros?: MacroExpander;
}

export type RunOutcome<C> =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ok'; readonly output: string; readonly mode: string; readonly command: CommandDef<C> }
  | { readonly kind: 'error'; readonly output: string; readonly error: ErrorInfo };

export interface CompletionOutcome {
  readonly line: string;
  readonly candidates: readonly string[];
}

interface CompiledMode<C> {
  readonly def: ModeDef<C>;
  readonly cmds: MatchCommand[];
}

type ModeResult =
  | { readonly ok: true; readonly path: Path }
  | { readonly ok: false; readonly kind: ErrorInfo['kind']; readonly wordIndex: number };

export class Cli<C> {
  readonly style: CliStyle;
  private readonly modes = new Map<string, CompiledMode<C>>();
  /** Problems in the declarations themselves (tests assert none). */
  readonly specErrors: string[] = [];

  constructor(def: CliDefinition<C>) {
    this.style = def.style;
    const resolve = (label: string): VarType | undefined => def.types?.[label] ?? builtinType(label);
    for (const mode of def.modes) {
      const cmds: MatchCommand[] = mode.commands.map((c, index) => {
        const compiled = compileSpec(c.spec, resolve, def.macros, (n) => {
          const own = c.help?.[n.key] ?? c.help?.[n.text] ?? c.help?.[n.text.toLowerCase()];
          if (own !== undefined) return own;
          if (n.kind === 'kw') return def.dictionary?.[n.text] ?? def.dictionary?.[n.text.toLowerCase()] ?? '';
          return def.dictionary?.[`<${n.text}>`] ?? '';
        });
        for (const e of compiled.errors) this.specErrors.push(`${mode.id}: ${e}`);
        if (c.hidden) for (const n of compiled.nodes) n.hidden = true;
        return { index, nodes: compiled.nodes, start: compiled.start };
      });
      this.modes.set(mode.id, { def: mode, cmds });
    }
  }

  hasMode(id: string): boolean {
    return this.modes.has(id);
  }

  /** Every token node of every command (tests check each has help). */
  allNodes(): { mode: string; spec: string; node: TokenNode }[] {
    const out: { mode: string; spec: string; node: TokenNode }[] = [];
    for (const [id, m] of this.modes)
      m.cmds.forEach((c, i) => c.nodes.forEach((node) => out.push({ mode: id, spec: m.def.commands[i]!.spec, node })));
    return out;
  }

  private chain(modeId: string): CompiledMode<C>[] {
    const out: CompiledMode<C>[] = [];
    const seen = new Set<string>();
    let id: string | undefined = modeId;
    while (id !== undefined && !seen.has(id)) {
      seen.add(id);
      const m = this.modes.get(id);
      if (!m) break;
      out.push(m);
      id = m.def.parent;
    }
    return out;
  }

  private matchIn(mode: CompiledMode<C>, words: readonly Word[], line: string): ModeResult {
    if (this.style.policy === 'frr') {
      const r = frrMatch(mode.cmds, words, line);
      if (r.status === 'ok') return { ok: true, path: r.path };
      const kind = r.status === 'ambiguous' ? 'ambiguous' : r.status === 'incomplete' ? 'incomplete' : 'unrecognized';
      return { ok: false, kind, wordIndex: 0 };
    }
    const w = walk(mode.cmds, words, line, { caseInsensitive: this.style.caseInsensitive });
    if (w.error) return { ok: false, kind: w.error.kind, wordIndex: w.error.wordIndex };
    const complete = w.frontier.filter((p) => p.pos >= words.length && accepts(p));
    if (complete.length === 0) return { ok: false, kind: 'incomplete', wordIndex: words.length };
    return { ok: true, path: pickBest(complete, true)! };
  }

  /** Runs one line in `modeId`. `enterMode` is called when the command matched in a parent mode. */
  run(line: string, modeId: string, ctx: C, prompt: string, enterMode: (mode: string) => void): RunOutcome<C> {
    if (line.trim() === '') return { kind: 'empty' };
    const mode = this.modes.get(modeId);
    if (!mode) return { kind: 'empty' };
    const words = splitWords(line);
    // `do show …` from a configuration mode: run the rest in the exec mode, keep the mode.
    if (mode.def.doMode && words[0]!.text === 'do' && words.length > 1) {
      const offset = words[1]!.start;
      const inner = this.run(line.slice(offset), mode.def.doMode, ctx, prompt + ' '.repeat(offset), () => {});
      return inner;
    }
    const { command: cmdPart, pipe } = pipeSplit(line);
    const cmdWords = splitWords(cmdPart);
    const tried: { kind: ErrorInfo['kind']; wordIndex: number }[] = [];
    for (const m of this.chain(modeId)) {
      const r = this.matchIn(m, cmdWords, cmdPart);
      if (!r.ok) {
        tried.push(r);
        continue;
      }
      const def = m.def.commands[r.path.cmd.index]!;
      if (pipe !== undefined && !def.pipe) {
        // The `|` is part of the command and does not fit it: report it where it is.
        const err = this.error({ kind: 'unrecognized', line, prompt, col: cmdPart.length });
        return { kind: 'error', output: err, error: { kind: 'unrecognized', line, prompt, col: cmdPart.length } };
      }
      if (m.def.id !== modeId) enterMode(m.def.id);
      const args = new Args(r.path.steps);
      const call: CallInfo = {
        line,
        prompt,
        style: this.style,
        fail: (kind, key) => {
          const col = key !== undefined ? (args.col(key) ?? 0) : 0;
          return this.error({ kind, line, prompt, col });
        },
      };
      const out = def.run(args, ctx, call) ?? '';
      return { kind: 'ok', output: pipe !== undefined ? applyPipe(this.style, out, pipe) : out, mode: m.def.id, command: def };
    }
    // FRR reports the error of the mode the user is in; IOS/VRP the furthest match.
    let best = tried[0] ?? { kind: 'unrecognized' as const, wordIndex: 0 };
    if (this.style.policy !== 'frr') for (const t of tried) if (t.wordIndex > best.wordIndex) best = t;
    const col =
      best.kind === 'incomplete'
        ? this.style.name === 'vrp'
          ? cmdPart.replace(/\s+$/, '').length + 1
          : cmdPart.length
        : (cmdWords[best.wordIndex]?.start ?? cmdPart.length);
    const info: ErrorInfo = { kind: best.kind, line, prompt, col };
    return { kind: 'error', output: this.error(info), error: info };
  }

  error(e: ErrorInfo): string {
    return this.style.formatError(e);
  }

  /**
   * `?` typed after `line` (help without executing). `values` may list the current values of
   * an argument (FRR prints configured neighbours under A.B.C.D).
   */
  help(line: string, modeId: string, prompt: string, values?: (node: TokenNode) => readonly string[]): string {
    const mode = this.modes.get(modeId);
    if (!mode) return '';
    const words = splitWords(line);
    if (mode.def.doMode && words[0]?.text === 'do' && (words.length > 1 || /\s$/.test(line))) {
      const offset = words[1]?.start ?? line.length;
      return this.help(line.slice(offset), mode.def.doMode, prompt + ' '.repeat(offset), values);
    }
    const ps = pipeSplit(line);
    if (ps.pipe !== undefined) return this.pipeHelp(ps.command, ps.pipe, modeId, prompt, line);
    const r = this.entries(line, modeId, prompt, values);
    if ('error' in r) return r.error;
    return r.partial ? this.style.partialHelp(r.entries) : this.style.fullHelp(r.entries);
  }

  private entries(
    line: string,
    modeId: string,
    prompt: string,
    values?: (node: TokenNode) => readonly string[],
  ): { entries: HelpEntry[]; partial: boolean; paths: readonly Path[] } | { error: string } {
    const words = splitWords(line);
    const partial = line !== '' && !/\s$/.test(line);
    const matchCount = partial ? words.length - 1 : words.length;
    let firstError: string | undefined;
    for (const m of this.chain(modeId)) {
      const w = walk(m.cmds, words, line, {
        caseInsensitive: this.style.caseInsensitive,
        frrPrune: this.style.policy === 'frr',
        stopBefore: matchCount,
      });
      if (w.error) {
        firstError ??= this.style.helpError({
          kind: w.error.kind,
          line,
          prompt,
          col: words[w.error.wordIndex]?.start ?? line.length,
        });
        continue;
      }
      const live = w.frontier.filter((p) => p.pos === matchCount);
      const entries: HelpEntry[] = [];
      const seen = new Set<string>();
      const add = (e: HelpEntry): void => {
        if (seen.has(e.token)) return;
        seen.add(e.token);
        entries.push(e);
      };
      const partialWord = partial ? words[words.length - 1]!.text : '';
      for (const p of live) {
        for (const node of nextNodes(p)) {
          if (node.hidden) continue;
          if (partial && matchNode(node, partialWord, this.style.caseInsensitive) === 0) continue;
          const vals = node.kind === 'var' && values ? values(node) : undefined;
          add({
            token: node.kind === 'kw' ? node.text : this.style.varDisplay(node.type!.label),
            help: node.help,
            kind: node.kind,
            ...(vals && vals.length ? { values: vals } : {}),
          });
        }
        if (!partial && accepts(p)) {
          const def = m.def.commands[p.cmd.index]!;
          if (def.pipe && this.style.pipeHelp) add({ token: '|', help: this.style.pipeHelp, kind: 'pipe' });
          add({ token: '<cr>', help: '', kind: 'cr' });
        }
      }
      if (entries.length === 0) {
        firstError ??= this.style.helpError({
          kind: 'unrecognized',
          line,
          prompt,
          col: partial ? words[words.length - 1]!.start : line.length,
        });
        continue;
      }
      return { entries, partial, paths: live };
    }
    return { error: firstError ?? '' };
  }

  private pipeHelp(command: string, pipe: string, modeId: string, prompt: string, line: string): string {
    const mods = this.style.pipeModifiers;
    const words = splitWords(pipe);
    const partial = pipe !== '' && !/\s$/.test(pipe);
    if (words.length === 0 || (words.length === 1 && partial)) {
      const p = partial ? words[0]!.text.toLowerCase() : '';
      const entries = mods
        .filter((m) => m.kw.startsWith(p))
        .map((m) => ({ token: m.kw, help: m.help, kind: 'kw' as const }));
      if (entries.length === 0) return this.style.helpError({ kind: 'unrecognized', line, prompt, col: line.length });
      return partial ? this.style.partialHelp(entries) : this.style.fullHelp(entries);
    }
    void command;
    void modeId;
    return this.style.fullHelp([{ token: 'LINE', help: 'Regular Expression', kind: 'var' }]);
  }

  /** Tab: complete the word being typed when it is unambiguous. */
  complete(line: string, modeId: string): CompletionOutcome {
    const mode = this.modes.get(modeId);
    if (!mode) return { line, candidates: [] };
    const words = splitWords(line);
    if (mode.def.doMode && words[0]?.text === 'do' && words.length > 1) {
      const offset = words[1]!.start;
      const inner = this.complete(line.slice(offset), mode.def.doMode);
      return { line: line.slice(0, offset) + inner.line, candidates: inner.candidates };
    }
    if (line === '' || /\s$/.test(line)) {
      const r = this.entries(line, modeId, '');
      const candidates = 'error' in r ? [] : r.entries.filter((e) => e.kind === 'kw').map((e) => e.token);
      return { line, candidates };
    }
    const r = this.entries(line, modeId, '');
    if ('error' in r) return { line, candidates: [] };
    const last = words[words.length - 1]!;
    const kws = [...new Set(r.entries.filter((e) => e.kind === 'kw').map((e) => e.token))];
    const typed = this.style.caseInsensitive ? last.text.toLowerCase() : last.text;
    if (kws.length === 1) return { line: line.slice(0, last.start) + kws[0]! + ' ', candidates: kws };
    // An exact keyword among longer ones ("ip" vs "ipv6") completes to itself.
    const exact = kws.find((k) => (this.style.caseInsensitive ? k.toLowerCase() : k) === typed);
    if (exact && !this.style.tabCommonPrefix) return { line: line.slice(0, last.start) + exact + ' ', candidates: kws };
    if (kws.length > 1 && this.style.tabCommonPrefix) {
      let lcp = kws[0]!;
      for (const k of kws) while (!k.startsWith(lcp)) lcp = lcp.slice(0, -1);
      if (lcp.length > last.text.length) return { line: line.slice(0, last.start) + lcp, candidates: kws };
    }
    return { line, candidates: kws };
  }
}

/** The steps of a matched path (for tests and tools). */
export type { Step };
