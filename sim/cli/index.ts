// The vendor-neutral command machinery (see README.md).
export { Args } from './args.ts';
export type { CallInfo, CliDefinition, CommandDef, CompletionOutcome, ModeDef, RunOutcome } from './cli.ts';
export { Cli } from './cli.ts';
export type { IfNameSupport, IfTypeDef } from './ifname.ts';
export { ifnameSupport } from './ifname.ts';
export { splitWords } from './matcher.ts';
export type { Word } from './matcher.ts';
export { applyPipe, pipeSplit } from './pipe.ts';
export { compileSpec } from './spec.ts';
export type { CliStyle, ErrorInfo, HelpEntry, VendorName } from './style.ts';
export { FRR_STYLE, IOS_STYLE, VRP_STYLE } from './style.ts';
export type { Level, VarType } from './tokens.ts';
export { IPV4, IPV4_PREFIX, LINE, WORD, builtinType, patternType, rangeType } from './tokens.ts';
