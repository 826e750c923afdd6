// Diagnostic constructors used by the calicoctl layer (core has error/warning; `info` is ours).

import type { Diagnostic, SourceSpan } from '../../../core/diagnostics.ts';

export { error, warning } from '../../../core/diagnostics.ts';

export function info(code: string, message: string, span?: SourceSpan): Diagnostic {
  return span ? { severity: 'info', code, message, span } : { severity: 'info', code, message };
}
