// The simulator's public API without any front end registered: `prepareLab` loads (as
// separate chunks in the browser build) only the front ends a lab uses, then `createLab`
// starts it. sim/index.ts is the same API with every front end registered up front.
export type * from './api-types.ts';
export type * from './lab-handle.ts';
export type { Diagnostic, SourceSpan } from './core/diagnostics.ts';
export { createLab } from './lab/create-lab.ts';
export { prepareLab } from './lab/prepare.ts';
