// What a command handler receives: the matched tokens of the line, looked up by key.
// Keys are the `$name` given in the spec, else the keyword (lower case) or argument label.

import type { Ip, Prefix } from '../core/ip.ts';
import { parseIp, parsePrefix } from '../core/ip.ts';
import type { Step } from './matcher.ts';

export class Args {
  readonly steps: readonly Step[];
  private readonly byKey = new Map<string, string[]>();
  /** Keyword texts by key, kept apart so `seq <1-4294967295>$seq` reads the number. */
  private readonly kwByKey = new Map<string, string[]>();

  constructor(steps: readonly Step[]) {
    this.steps = steps;
    for (const s of steps) {
      const map = s.node.kind === 'kw' ? this.kwByKey : this.byKey;
      const v = s.node.kind === 'kw' ? s.node.text : s.value;
      const list = map.get(s.node.key);
      if (list) list.push(v);
      else map.set(s.node.key, [v]);
    }
  }

  /** The line started with `no` (IOS/FRR) or `undo` (VRP). */
  get negated(): boolean {
    const first = this.steps[0];
    if (!first || first.node.kind !== 'kw') return false;
    const t = first.node.text.toLowerCase();
    return t === 'no' || t === 'undo';
  }

  has(key: string): boolean {
    return this.byKey.has(key) || this.kwByKey.has(key);
  }

  /** The argument's text (or, for a keyword key, the keyword as declared). */
  str(key: string): string | undefined {
    return this.byKey.get(key)?.[0] ?? this.kwByKey.get(key)?.[0];
  }

  all(key: string): readonly string[] {
    return this.byKey.get(key) ?? this.kwByKey.get(key) ?? [];
  }

  num(key: string): number | undefined {
    const s = this.str(key);
    if (s === undefined || !/^\d+$/.test(s)) return undefined;
    return Number(s);
  }

  ip(key: string): Ip | undefined {
    const s = this.str(key);
    return s === undefined ? undefined : (parseIp(s) ?? undefined);
  }

  prefix(key: string): Prefix | undefined {
    const s = this.str(key);
    return s === undefined ? undefined : (parsePrefix(s) ?? undefined);
  }

  /** Which of several keywords was typed (canonical text), e.g. one of permit|deny. */
  pick<T extends string>(...keys: T[]): T | undefined {
    for (const k of keys) if (this.kwByKey.has(k)) return k;
    return undefined;
  }

  /** The column (0-based) where the token with this key starts, for semantic error carets. */
  col(key: string): number | undefined {
    return this.steps.find((s) => s.node.key === key)?.word.start;
  }
}
