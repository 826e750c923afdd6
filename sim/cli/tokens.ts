// Argument types a command spec can name (`<A.B.C.D>`, `<1-65535>`, `<WORD>`, ...). Each type
// says how well one typed word matches it: the matcher needs "exact" vs "partial" to tell a
// finished argument from one still being typed (FRR lib/command_match.c match_ipv4 returns
// partly_match for "10.0." the same way) and a precedence to break ties between types.

import { parseIp } from '../core/ip.ts';

/** 0 = no match, 1 = partial (a prefix of something valid), 2 = exact. */
export type Level = 0 | 1 | 2;

export interface VarType {
  /** Spec label, e.g. "A.B.C.D", "1-65535", "WORD". */
  readonly label: string;
  match(word: string): Level;
  /**
   * FRR score_precedence: lower = more specific (IPv4/prefix/range 2 < keyword 3 < WORD 4).
   * Also used to rank a typed argument above a free word in the left-to-right matchers.
   */
  readonly precedence: number;
  /** Accepts any word (WORD, LINE): weakest match in IOS/VRP ranking. */
  readonly generic?: boolean;
  /** Consumes the rest of the line (LINE: descriptions, regexes). */
  readonly rest?: boolean;
  /** The word has the right shape but a bad value (VRP "Wrong parameter", out of range). */
  shapeOk?(word: string): boolean;
}

// FRR lib/command_match.c match_ipv4: digits and dots, at most 4 octets of <= 255.
export function matchIpv4(word: string): Level {
  if (word === '') return 1;
  if (!/^[0-9.]+$/.test(word)) return 0;
  const parts = word.split('.');
  if (parts.length > 4) return 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p === '') {
      // "10." is a prefix of an address; "10..1" is not.
      if (i === parts.length - 1) return 1;
      return 0;
    }
    if (p.length > 3 || Number(p) > 255) return 0;
  }
  if (parts.length < 4) return 1;
  return parseIp(word) === null ? 0 : 2;
}

export function matchIpv4Prefix(word: string): Level {
  const slash = word.indexOf('/');
  if (slash < 0) {
    const l = matchIpv4(word);
    return l === 0 ? 0 : 1;
  }
  if (matchIpv4(word.slice(0, slash)) !== 2) return 0;
  const len = word.slice(slash + 1);
  if (len === '') return 1;
  if (!/^\d{1,2}$/.test(len) || Number(len) > 32) return 0;
  return 2;
}

export const IPV4: VarType = { label: 'A.B.C.D', match: matchIpv4, precedence: 2, shapeOk: (w) => /^[0-9.]+$/.test(w) };
export const IPV4_PREFIX: VarType = {
  label: 'A.B.C.D/M',
  match: matchIpv4Prefix,
  precedence: 2,
  shapeOk: (w) => /^[0-9./]+$/.test(w),
};
export const WORD: VarType = { label: 'WORD', match: (w) => (w === '' ? 1 : 2), precedence: 4, generic: true };
export const LINE: VarType = { label: 'LINE', match: (w) => (w === '' ? 1 : 2), precedence: 4, generic: true, rest: true };

/** `<lo-hi>`: a decimal integer inside the inclusive range. */
export function rangeType(lo: number, hi: number): VarType {
  return {
    label: `${lo}-${hi}`,
    precedence: 2,
    match(word) {
      if (!/^\d+$/.test(word)) return 0;
      const n = Number(word);
      return n >= lo && n <= hi ? 2 : 0;
    },
    shapeOk: (w) => /^\d+$/.test(w),
  };
}

/** A word checked by a regular expression (communities "64512:100", interface numbers "0/0/1"). */
export function patternType(label: string, full: RegExp, partial?: RegExp, precedence = 2): VarType {
  return {
    label,
    precedence,
    match(word) {
      if (full.test(word)) return 2;
      if (partial && partial.test(word)) return 1;
      return 0;
    },
    shapeOk: () => true,
  };
}

/** Parses "<1-65535>"-style labels; other labels are looked up in the registry. */
export function builtinType(label: string): VarType | undefined {
  const m = /^(\d+)-(\d+)$/.exec(label);
  if (m) return rangeType(Number(m[1]), Number(m[2]));
  switch (label) {
    case 'A.B.C.D':
      return IPV4;
    case 'A.B.C.D/M':
      return IPV4_PREFIX;
    case 'WORD':
      return WORD;
    case 'LINE':
      return LINE;
    default:
      // Any other capitalised label names a free word the vendor shows under that name
      // (FRR: IFNAME, RMAP_NAME, PGNAME, PREFIXLIST_NAME).
      if (/^[A-Z][A-Z0-9_]*$/.test(label)) return { ...WORD, label };
      return undefined;
  }
}
