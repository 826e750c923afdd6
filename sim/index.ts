// Public API of the simulator. Everything the site, the grader CLI and the tests need.
import './register.ts';

export type * from './api-types.ts';
export type * from './lab-handle.ts';
export type { Diagnostic, SourceSpan } from './core/diagnostics.ts';
export { createLab } from './lab/create-lab.ts';
