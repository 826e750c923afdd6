// How each vendor's CLI looks when something goes wrong or help is asked for. The strings are
// the devices' own; sources:
// - FRR 8.4 vtysh/vtysh.c: "% Unknown command: %s", "% Command incomplete: %s",
//   "% Ambiguous command: %s", `?` → "  %-*s  %s" (width = longest token), "% There is no
//   matched command." Verified against a real FRR 8.4.4 (testdata in vendors/frr).
// - Cisco IOS: caret line under the offending word counted from the start of the prompt, then
//   "% Invalid input detected at '^' marker.", "% Incomplete command.",
//   "% Ambiguous command:  \"sh i\"" (two spaces), each followed by an empty line.
// - Huawei VRP (eNSP AR V200R003 transcripts): caret under the offending position counted
//   from the start of the prompt, "Error: Unrecognized command found at '^' position.",
//   "Error:Incomplete command found at '^' position." (no space: a long-standing quirk),
//   "Error: Ambiguous command found at '^' position.", "Error:Too many parameters found at
//   '^' position.", "Error: Wrong parameter found at '^' position."; `?` lists arguments as
//   INTEGER<1-4294967295>, IP_ADDR<X.X.X.X>, STRING<1-31> and ends with
//   "<cr>  Please press ENTER to execute command ".

import type { MatchErrorKind } from './matcher.ts';

export type VendorName = 'frr' | 'ios' | 'vrp';

export interface HelpEntry {
  readonly token: string;
  readonly help: string;
  readonly kind: 'kw' | 'var' | 'cr' | 'pipe';
  /** FRR lists the current values of some arguments under them (cmd_variable_complete). */
  readonly values?: readonly string[];
}

export interface ErrorInfo {
  readonly kind: MatchErrorKind;
  /** The line as typed. */
  readonly line: string;
  readonly prompt: string;
  /** 0-based column in the line where the caret goes. */
  readonly col: number;
}

export interface CliStyle {
  readonly name: VendorName;
  readonly policy: 'frr' | 'ltr';
  readonly caseInsensitive: boolean;
  /** How an argument label is shown in `?` output. */
  varDisplay(label: string): string;
  formatError(e: ErrorInfo): string;
  /** `?` after a complete word (or at the start). */
  fullHelp(entries: readonly HelpEntry[]): string;
  /** `?` right after a partial word. */
  partialHelp(entries: readonly HelpEntry[]): string;
  /** `?` after words that do not match. */
  helpError(e: ErrorInfo): string;
  /** Tab with several candidates: FRR (readline) completes the common prefix. */
  readonly tabCommonPrefix: boolean;
  /** Help text of the `|` output-modifier token, when the vendor lists it. */
  readonly pipeHelp?: string;
  readonly pipeModifiers: readonly { readonly kw: string; readonly help: string }[];
}

function caret(prompt: string, col: number): string {
  return ' '.repeat(prompt.length + col) + '^';
}

function table(entries: readonly HelpEntry[]): string {
  const width = Math.max(0, ...entries.map((e) => e.token.length));
  return entries
    .map((e) => `  ${e.token.padEnd(width)}  ${e.help}` + (e.values?.length ? `\n     ${e.values.join(' ')} ` : ''))
    .join('\n');
}

/** Variables first (as declared), keywords alphabetically, then `|` and `<cr>` (IOS, VRP). */
function vendorOrder(entries: readonly HelpEntry[]): HelpEntry[] {
  const vars = entries.filter((e) => e.kind === 'var');
  const kws = entries.filter((e) => e.kind === 'kw').sort((a, b) => (a.token.toLowerCase() < b.token.toLowerCase() ? -1 : 1));
  return [...vars, ...kws, ...entries.filter((e) => e.kind === 'pipe'), ...entries.filter((e) => e.kind === 'cr')];
}

export const FRR_STYLE: CliStyle = {
  name: 'frr',
  policy: 'frr',
  caseInsensitive: false,
  varDisplay(label) {
    if (/^\d+-\d+$/.test(label)) return `(${label})`;
    return label;
  },
  formatError(e) {
    const line = e.line.trim();
    switch (e.kind) {
      case 'ambiguous':
        return `% Ambiguous command: ${line}`;
      case 'incomplete':
        return `% Command incomplete: ${line}`;
      default:
        return `% Unknown command: ${line}`;
    }
  },
  // vtysh sorts the describe vector with strcmp: "<cr>" sorts before "A.B.C.D" and keywords.
  fullHelp(entries) {
    const sorted = [...entries].sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
    return table(sorted);
  },
  partialHelp(entries) {
    const sorted = [...entries].sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
    return table(sorted);
  },
  helpError(e) {
    return e.kind === 'ambiguous' ? '% Ambiguous command.' : '% There is no matched command.';
  },
  tabCommonPrefix: true,
  pipeModifiers: [],
};

export const IOS_STYLE: CliStyle = {
  name: 'ios',
  policy: 'ltr',
  caseInsensitive: true,
  varDisplay(label) {
    if (/^\d+-\d+$/.test(label)) return `<${label}>`;
    if (label === 'A.B.C.D/M') return 'A.B.C.D/nn';
    return label;
  },
  formatError(e) {
    switch (e.kind) {
      case 'ambiguous':
        return `% Ambiguous command:  "${e.line.trim()}"\n`;
      case 'incomplete':
        return '% Incomplete command.\n';
      default:
        return `${caret(e.prompt, e.col)}\n% Invalid input detected at '^' marker.\n`;
    }
  },
  fullHelp(entries) {
    const ordered = vendorOrder(entries);
    const cr = ordered.filter((e) => e.kind === 'cr');
    const rest = ordered.filter((e) => e.kind !== 'cr');
    const lines = rest.length ? [table(rest)] : [];
    if (cr.length) lines.push('  <cr>');
    return lines.join('\n') + '\n';
  },
  // IOS lists the completions of a partial word on one line, two spaces apart.
  partialHelp(entries) {
    const words = vendorOrder(entries).map((e) => e.token);
    const out: string[] = [];
    let cur = '';
    for (const w of words) {
      if (cur.length + w.length + 2 > 80 && cur) {
        out.push(cur);
        cur = '';
      }
      cur += `${w}  `;
    }
    if (cur) out.push(cur);
    return out.join('\n') + '\n';
  },
  helpError(e) {
    if (e.kind === 'ambiguous') return `% Ambiguous command: "${e.line.trim()}"`;
    return '% Unrecognized command';
  },
  tabCommonPrefix: false,
  pipeHelp: 'Output modifiers',
  pipeModifiers: [
    { kw: 'begin', help: 'Begin with the line that matches' },
    { kw: 'count', help: 'Count number of lines which match regexp' },
    { kw: 'exclude', help: 'Exclude lines that match' },
    { kw: 'include', help: 'Include lines that match' },
    { kw: 'section', help: 'Filter a section of output' },
  ],
};

const VRP_TEXT: Record<MatchErrorKind, string> = {
  unrecognized: "Error: Unrecognized command found at '^' position.",
  incomplete: "Error:Incomplete command found at '^' position.",
  ambiguous: "Error: Ambiguous command found at '^' position.",
  'too-many': "Error:Too many parameters found at '^' position.",
  'wrong-param': "Error: Wrong parameter found at '^' position.",
};

export const VRP_STYLE: CliStyle = {
  name: 'vrp',
  policy: 'ltr',
  caseInsensitive: true,
  varDisplay(label) {
    const m = /^(\d+)-(\d+)$/.exec(label);
    if (m) return `INTEGER<${label}>`;
    if (label === 'A.B.C.D') return 'IP_ADDR<X.X.X.X>';
    if (label === 'WORD') return 'STRING<1-169>';
    if (label === 'LINE') return 'TEXT';
    return label;
  },
  formatError(e) {
    return `${caret(e.prompt, e.col)}\n${VRP_TEXT[e.kind]}`;
  },
  fullHelp(entries) {
    const ordered = vendorOrder(entries).map((e) =>
      e.kind === 'cr' ? { ...e, help: 'Please press ENTER to execute command ' } : e,
    );
    return table(ordered);
  },
  partialHelp(entries) {
    return table(vendorOrder(entries));
  },
  helpError(e) {
    return `${caret(e.prompt, e.col)}\n${VRP_TEXT[e.kind === 'incomplete' ? 'unrecognized' : e.kind]}`;
  },
  tabCommonPrefix: false,
  pipeHelp: 'Matching output',
  pipeModifiers: [
    { kw: 'begin', help: 'Begin with the line that matches' },
    { kw: 'exclude', help: 'Match the character strings excluded' },
    { kw: 'include', help: 'Match the character strings included' },
  ],
};
