// Diagnostics are values, collected and returned, never thrown (throw only for bugs).
// Every parser in sim/ returns them with a 1-based line and column so an editor can place a
// marker and a learner can find the mistake.

export type Severity = 'error' | 'warning' | 'info';

export interface SourceSpan {
  /** File the text came from (e.g. "cluster.yaml", "R1.vrp", or "terminal"). */
  readonly file?: string;
  readonly line: number; // 1-based
  readonly column: number; // 1-based
  readonly endLine?: number;
  readonly endColumn?: number;
}

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. "yaml.syntax", "calico.validation", "cli.unknown-command". */
  readonly code: string;
  /** A sentence a learner understands. */
  readonly message: string;
  readonly span?: SourceSpan;
}

export function error(code: string, message: string, span?: SourceSpan): Diagnostic {
  return span ? { severity: 'error', code, message, span } : { severity: 'error', code, message };
}

export function warning(code: string, message: string, span?: SourceSpan): Diagnostic {
  return span ? { severity: 'warning', code, message, span } : { severity: 'warning', code, message };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** "cluster.yaml:12:5: error: …" — the format compilers use, for the headless tools. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.span ? `${d.span.file ?? ''}${d.span.file ? ':' : ''}${d.span.line}:${d.span.column}: ` : '';
  return `${where}${d.severity}: ${d.message}`;
}

/** Converts a 0-based character offset in `text` to a 1-based line/column. */
export function offsetToLineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
