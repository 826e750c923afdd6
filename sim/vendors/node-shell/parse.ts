// A small POSIX-shell-like line parser: words with '…' / "…" quoting and backslash escapes,
// pipelines (`a | b`), lists (`a; b`, `a && b`, `a || b`), output redirection (`> f`, `>> f`,
// `2>/dev/null`), here-documents (`<<EOF`, `<<'EOF'`, `<<-EOF`) and `$(…)` command
// substitution. Enough for what learners type on a Kubernetes node; never throws.

export interface Redirect {
  readonly fd: 1 | 2;
  readonly append: boolean;
  readonly target: string;
}

export interface SimpleCommand {
  readonly words: readonly string[];
  readonly redirects: readonly Redirect[];
  /** Here-document delimiter (the body is collected by the session). */
  readonly heredoc?: { readonly delimiter: string; readonly stripTabs: boolean };
  /** `< file`. */
  readonly stdinFile?: string;
}

export interface Pipeline {
  readonly commands: readonly SimpleCommand[];
}

export interface ListItem {
  readonly pipeline: Pipeline;
  /** How this item is joined to the previous one. */
  readonly op: ';' | '&&' | '||';
}

export type ParseResult = { readonly ok: true; readonly list: readonly ListItem[] } | { readonly ok: false; readonly error: string };

interface Tok {
  readonly kind: 'word' | 'op';
  readonly text: string;
  /** Substitutions to run: `$(…)` bodies, in order, marked in `text` with \u0000<i>\u0000. */
  readonly subs?: readonly string[];
}

/** Splits a line into words and operators. */
function lex(line: string): { toks: Tok[] } | { error: string } {
  const toks: Tok[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break; // comment to end of line
    const two = line.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '>>' || two === '<<') {
      if (two === '<<' && line[i + 2] === '-') {
        toks.push({ kind: 'op', text: '<<-' });
        i += 3;
        continue;
      }
      toks.push({ kind: 'op', text: two });
      i += 2;
      continue;
    }
    if (line.startsWith('2>&1', i) && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
      toks.push({ kind: 'op', text: '2>&1' });
      i += 4;
      continue;
    }
    if (c === '|' || c === ';' || c === '>' || c === '<' || c === '&') {
      toks.push({ kind: 'op', text: c });
      i++;
      continue;
    }
    // A word: concatenation of quoted and unquoted parts.
    let text = '';
    const subs: string[] = [];
    let any = false;
    const wordStart = i;
    while (i < n) {
      const d = line[i]!;
      if (d === ' ' || d === '\t' || d === '|' || d === ';' || d === '>' || d === '<' || d === '&') {
        // `2>` is a redirect: digits directly before > stay part of the operator.
        if (d === '>' && /^[12]$/.test(text) && line.slice(wordStart, i) === text) {
          toks.push({ kind: 'op', text: `${text}>${line[i + 1] === '>' ? '>' : ''}` });
          i += line[i + 1] === '>' ? 2 : 1;
          text = '';
          any = false;
          break;
        }
        break;
      }
      any = true;
      if (d === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) return { error: "unexpected EOF while looking for matching `''" };
        text += line.slice(i + 1, end);
        i = end + 1;
      } else if (d === '"') {
        let j = i + 1;
        let s = '';
        while (j < n && line[j] !== '"') {
          if (line[j] === '\\' && j + 1 < n && '"\\$`'.includes(line[j + 1]!)) {
            s += line[j + 1];
            j += 2;
          } else if (line[j] === '$' && line[j + 1] === '(') {
            const close = matchParen(line, j + 1);
            if (close < 0) return { error: "unexpected EOF while looking for matching `)'" };
            s += `\u0000${subs.length}\u0000`;
            subs.push(line.slice(j + 2, close));
            j = close + 1;
          } else s += line[j++];
        }
        if (j >= n) return { error: 'unexpected EOF while looking for matching `"\'' };
        text += s;
        i = j + 1;
      } else if (d === '\\' && i + 1 < n) {
        text += line[i + 1];
        i += 2;
      } else if (d === '$' && line[i + 1] === '(') {
        const close = matchParen(line, i + 1);
        if (close < 0) return { error: "unexpected EOF while looking for matching `)'" };
        // Unquoted: the output is split into fields (\u0001 marks it; see expandWords).
        text += `\u0001${subs.length}\u0001`;
        subs.push(line.slice(i + 2, close));
        i = close + 1;
      } else {
        text += d;
        i++;
      }
    }
    if (any) toks.push(subs.length > 0 ? { kind: 'word', text, subs } : { kind: 'word', text });
  }
  return { toks };
}

function matchParen(line: string, open: number): number {
  let depth = 0;
  for (let j = open; j < line.length; j++) {
    if (line[j] === '(') depth++;
    else if (line[j] === ')' && --depth === 0) return j;
  }
  return -1;
}

/** Parses a command line. Substitution markers stay in words; see `expandWord`. */
export function parseLine(line: string): ParseResult & { subs?: readonly string[] } {
  const lexed = lex(line);
  if ('error' in lexed) return { ok: false, error: `bash: ${lexed.error}` };
  const toks = lexed.toks;
  const allSubs: string[] = [];
  const list: ListItem[] = [];
  let op: ListItem['op'] = ';';
  let commands: SimpleCommand[] = [];
  let words: string[] = [];
  let redirects: Redirect[] = [];
  let heredoc: SimpleCommand['heredoc'];
  let stdinFile: string | undefined;
  const endCommand = (): boolean => {
    if (words.length === 0 && redirects.length === 0 && !heredoc) return false;
    commands.push({ words, redirects, ...(heredoc ? { heredoc } : {}), ...(stdinFile ? { stdinFile } : {}) });
    words = [];
    redirects = [];
    heredoc = undefined;
    stdinFile = undefined;
    return true;
  };
  const endPipeline = (nextOp: ListItem['op']): string | undefined => {
    endCommand();
    if (commands.length > 0) list.push({ pipeline: { commands }, op });
    else if (nextOp !== ';') return `bash: syntax error near unexpected token \`${nextOp}'`;
    commands = [];
    op = nextOp;
    return undefined;
  };
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.kind === 'word') {
      let text = t.text;
      if (t.subs) {
        text = text.replace(/([\u0000\u0001])(\d+)\1/g, (_, m: string, i: string) => `${m}${allSubs.length + Number(i)}${m}`);
        allSubs.push(...t.subs);
      }
      words.push(text);
      continue;
    }
    const next = toks[k + 1];
    switch (t.text) {
      case '|':
        if (!endCommand()) return { ok: false, error: "bash: syntax error near unexpected token `|'" };
        break;
      case ';':
      case '&&':
      case '||': {
        const e = endPipeline(t.text as ListItem['op']);
        if (e) return { ok: false, error: e };
        break;
      }
      case '&':
        // Background jobs are not simulated: run in the foreground.
        break;
      case '2>&1':
        redirects.push({ fd: 2, append: false, target: '&1' });
        break;
      case '>':
      case '>>':
      case '1>':
      case '1>>':
      case '2>':
      case '2>>': {
        if (!next || next.kind !== 'word') return { ok: false, error: "bash: syntax error near unexpected token `newline'" };
        redirects.push({ fd: t.text.startsWith('2') ? 2 : 1, append: t.text.endsWith('>>'), target: next.text });
        k++;
        break;
      }
      case '<':
        if (!next || next.kind !== 'word') return { ok: false, error: "bash: syntax error near unexpected token `newline'" };
        stdinFile = next.text;
        k++;
        break;
      case '<<':
      case '<<-': {
        if (!next || next.kind !== 'word') return { ok: false, error: "bash: syntax error near unexpected token `newline'" };
        heredoc = { delimiter: next.text, stripTabs: t.text === '<<-' };
        k++;
        break;
      }
      default:
        return { ok: false, error: `bash: syntax error near unexpected token \`${t.text}'` };
    }
  }
  const e = endPipeline(';');
  if (e) return { ok: false, error: e };
  return { ok: true, list, ...(allSubs.length > 0 ? { subs: allSubs } : {}) };
}

/** Replaces substitution markers with their outputs (trailing newlines removed, as the shell does). */
export function expandWord(word: string, outputs: readonly string[]): string {
  return word.replace(/([\u0000\u0001])(\d+)\1/g, (_, _m: string, i: string) => (outputs[Number(i)] ?? '').replace(/\n+$/, ''));
}

/**
 * A word after substitution: an unquoted `$(…)` is split on blanks into several words, and
 * vanishes when empty (`kill -9 $(pidof bird)` with BIRD down runs `kill -9`).
 */
export function expandWords(word: string, outputs: readonly string[]): string[] {
  if (!word.includes('\u0001')) return [expandWord(word, outputs)];
  const marked = word.replace(/\u0001(\d+)\u0001/g, (_, i: string) => `\u0002${(outputs[Number(i)] ?? '').replace(/\n+$/, '')}\u0003`);
  const fields: string[] = [];
  let cur = '';
  let has = false;
  let inSub = false;
  for (const ch of expandWord(marked, outputs)) {
    if (ch === '\u0002' || ch === '\u0003') {
      inSub = ch === '\u0002';
      continue;
    }
    if (inSub && /\s/.test(ch)) {
      if (has) fields.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) fields.push(cur);
  return fields;
}
