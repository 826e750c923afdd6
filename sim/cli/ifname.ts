// Interface names as people type them: `GigabitEthernet0/0/0`, `g0/0/0`, `gi1/0/1`,
// `GigabitEthernet 0/0/0` (two words, common in Huawei documentation), `LoopBack0`, `vlan 10`.
// A spec writes `<IFNAME>$if`; the macro expands it to
//   ( <IFNAME1>$if | GigabitEthernet$if.type <IFNUM:GigabitEthernet>$if.num | … )
// so `?` after `interface` lists the interface types with their help, like the devices do,
// and `ifname(args, 'if')` gives the canonical name back.

import type { Args } from './args.ts';
import type { MacroExpander } from './spec.ts';
import type { Level, VarType } from './tokens.ts';

export interface IfTypeDef {
  /** Canonical spelling: "GigabitEthernet", "LoopBack" (VRP), "Loopback" (IOS). */
  readonly name: string;
  readonly help: string;
  /** The number part: "0/0/1", "10". */
  readonly num: RegExp;
  /** A prefix of a valid number while it is being typed. */
  readonly numPartial?: RegExp;
  readonly numLabel: string;
  readonly numHelp: string;
  /** Shortest accepted abbreviation length (IOS needs "g" for GigabitEthernet: 1). */
  readonly minAbbrev?: number;
}

export interface IfNameSupport {
  readonly types: Record<string, VarType>;
  readonly macro: MacroExpander;
  /** Help for the type keywords and number arguments, to merge into the vendor dictionary. */
  readonly dictionary: Record<string, string>;
  /** Canonical name from a typed single word ("g0/0/1" → "GigabitEthernet0/0/1"), or null. */
  normalize(text: string): string | null;
  /** Canonical name of the `<IFNAME>$key` token of a matched line. */
  fromArgs(args: Args, key: string): string | undefined;
}

export function ifnameSupport(defs: readonly IfTypeDef[]): IfNameSupport {
  const findType = (prefix: string): IfTypeDef | null => {
    const p = prefix.toLowerCase();
    if (p === '') return null;
    const exact = defs.find((d) => d.name.toLowerCase() === p);
    if (exact) return exact;
    const cands = defs.filter((d) => d.name.toLowerCase().startsWith(p) && p.length >= (d.minAbbrev ?? 1));
    return cands.length === 1 ? cands[0]! : null;
  };

  const split = (word: string): { type: IfTypeDef; num: string } | null => {
    const m = /^([A-Za-z][A-Za-z-]*?)(\d.*)?$/.exec(word);
    if (!m) return null;
    const type = findType(m[1]!);
    if (!type) return null;
    return { type, num: m[2] ?? '' };
  };

  const glued: VarType = {
    label: 'IFNAME1',
    precedence: 2,
    match(word): Level {
      const s = split(word);
      if (!s) return 0;
      if (s.num === '') return 1;
      if (s.type.num.test(s.num)) return 2;
      if (s.type.numPartial?.test(s.num)) return 1;
      return 0;
    },
    shapeOk: (w) => split(w) !== null,
  };

  const types: Record<string, VarType> = { IFNAME1: glued };
  const dictionary: Record<string, string> = {};
  for (const d of defs) {
    dictionary[d.name] = d.help;
    dictionary[`<IFNUM:${d.name}>`] = d.numHelp;
    types[`IFNUM:${d.name}`] = {
      label: d.numLabel,
      precedence: 2,
      match(word): Level {
        if (d.num.test(word)) return 2;
        if (d.numPartial?.test(word)) return 1;
        return 0;
      },
      shapeOk: (w) => /^[\d/.:]+$/.test(w),
    };
  }

  const macro: MacroExpander = (label, name) => {
    if (label !== 'IFNAME') return undefined;
    const alts = defs.map((d) => `${d.name}$${name}.type <IFNUM:${d.name}>$${name}.num`);
    return `( <IFNAME1>!$${name} | ${alts.join(' | ')} )`;
  };

  const normalize = (text: string): string | null => {
    const s = split(text.trim());
    if (!s || !s.type.num.test(s.num)) return null;
    return s.type.name + s.num;
  };

  return {
    types,
    macro,
    dictionary,
    normalize,
    fromArgs(args, key) {
      const one = args.str(key);
      if (one !== undefined) return normalize(one) ?? undefined;
      const type = args.str(`${key}.type`);
      const num = args.str(`${key}.num`);
      if (type === undefined || num === undefined) return undefined;
      const def = defs.find((d) => d.name.toLowerCase() === type.toLowerCase());
      return def ? def.name + num : undefined;
    },
  };
}
