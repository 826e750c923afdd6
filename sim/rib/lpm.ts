// Longest-prefix-match table: one Map per prefix length, probed from /32 down. With at most
// 33 probes (and empty lengths skipped) this beats a bit trie in JS for the table sizes here.

import { maskOf, type Ip, type Prefix } from '../core/ip.ts';

export class LpmTable<V> {
  private readonly byLen: (Map<number, V> | undefined)[] = new Array(33);
  /** Lengths that hold entries, longest first. */
  private lengths: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(p: Prefix): V | undefined {
    return this.byLen[p.len]?.get(p.addr);
  }

  set(p: Prefix, value: V): void {
    let m = this.byLen[p.len];
    if (!m) {
      m = new Map();
      this.byLen[p.len] = m;
      this.lengths = [...this.lengths, p.len].sort((a, b) => b - a);
    }
    if (!m.has(p.addr)) this.count++;
    m.set(p.addr, value);
  }

  delete(p: Prefix): boolean {
    const m = this.byLen[p.len];
    if (!m || !m.delete(p.addr)) return false;
    this.count--;
    if (m.size === 0) {
      this.byLen[p.len] = undefined;
      this.lengths = this.lengths.filter((l) => l !== p.len);
    }
    return true;
  }

  /** Longest prefix containing `ip`, optionally only among entries accepted by `filter`. */
  lookup(ip: Ip, filter?: (value: V, len: number) => boolean): { prefix: Prefix; value: V } | undefined {
    for (const len of this.lengths) {
      const addr = (ip & maskOf(len)) >>> 0;
      const v = this.byLen[len]!.get(addr);
      if (v !== undefined && (!filter || filter(v, len))) return { prefix: { addr, len }, value: v };
    }
    return undefined;
  }

  /** All entries ordered by address then length. */
  entries(): { prefix: Prefix; value: V }[] {
    const out: { prefix: Prefix; value: V }[] = [];
    for (const len of this.lengths) {
      for (const [addr, value] of this.byLen[len]!) out.push({ prefix: { addr, len }, value });
    }
    out.sort((a, b) => a.prefix.addr - b.prefix.addr || a.prefix.len - b.prefix.len);
    return out;
  }
}
