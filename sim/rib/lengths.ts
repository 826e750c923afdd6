// Which prefix lengths a table holds, longest first, with a count per length. A table kept
// by prefix id (core/prefix-id.ts) answers a longest-prefix match by probing only these
// lengths, so it needs no second, per-length index of its own (a million entries each in a
// big fabric: the speaker tables and the FIBs).

import { containingPrefixId } from '../core/prefix-id.ts';
import type { Ip } from '../core/ip.ts';

export class PrefixLengths {
  private readonly counts = new Array<number>(33).fill(0);
  /** Lengths with at least one prefix, longest first. */
  lengths: readonly number[] = [];

  add(len: number): void {
    if (this.counts[len]!++ === 0) this.update();
  }

  remove(len: number): void {
    if (--this.counts[len]! === 0) this.update();
  }

  /**
   * The longest prefix containing `ip` whose value in `byId` passes `accept`: what
   * LpmTable.lookup answers, for a map keyed by prefix id.
   */
  lookup<V>(ip: Ip, byId: ReadonlyMap<number, V>, accept: (value: V, len: number) => boolean): V | undefined {
    for (const len of this.lengths) {
      const id = containingPrefixId(ip, len);
      if (id === undefined) continue;
      const v = byId.get(id);
      if (v !== undefined && accept(v, len)) return v;
    }
    return undefined;
  }

  private update(): void {
    const out: number[] = [];
    for (let len = 32; len >= 0; len--) if (this.counts[len]! > 0) out.push(len);
    this.lengths = out;
  }
}
