// Replays a startup configuration file line by line through the same command machinery the
// terminal uses (FRR's vtysh -b, IOS's startup-config, VRP's vrpcfg.zip all do this), turning
// what the device would complain about into diagnostics with line and column.

import type { Diagnostic, Severity } from '../core/diagnostics.ts';

export interface ReplayLineResult {
  /** What the device printed for the line. */
  readonly output: string;
  /** The line did not parse (unknown/incomplete/ambiguous command). */
  readonly syntaxError: boolean;
  /** 0-based column of the problem within the line, when known. */
  readonly col?: number;
}

export interface ReplayOptions {
  readonly text: string;
  readonly file?: string;
  /** Comment / separator lines the device skips (`!` on IOS/FRR, `#` on VRP). */
  isComment(trimmed: string): boolean;
  runLine(line: string): ReplayLineResult;
  /** Output of a command that parsed but that the device refused (e.g. "% Specify remote-as…"). */
  isRefusal(output: string): boolean;
  readonly codePrefix: string;
}

export function replayConfig(o: ReplayOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const lines = o.text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '' || o.isComment(trimmed)) return;
    const indent = raw.length - raw.trimStart().length;
    const r = o.runLine(raw.trimStart());
    const push = (severity: Severity, code: string, message: string, col: number): void => {
      diagnostics.push({
        severity,
        code,
        message,
        span: { ...(o.file ? { file: o.file } : {}), line: i + 1, column: indent + col + 1, endLine: i + 1, endColumn: raw.length + 1 },
      });
    };
    const msg = r.output
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && l !== '^')
      .join(' ');
    if (r.syntaxError) push('error', `${o.codePrefix}.syntax`, `${msg} (${trimmed})`, r.col ?? 0);
    else if (r.output.trim() !== '' && o.isRefusal(r.output)) push('warning', `${o.codePrefix}.refused`, `${msg} (${trimmed})`, 0);
  });
  return diagnostics;
}
