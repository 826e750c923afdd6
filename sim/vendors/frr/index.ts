// FRR 8.4 (vtysh) front end: see README.md.
export { createFrrFrontEnd, FrrFrontEnd, frrCli } from './frontend.ts';
export type { RouterFrontEndOptions, RouterFrontEndResult } from './frontend.ts';
export { convertFrr } from './convert.ts';
export type { PortSpec } from './convert.ts';
