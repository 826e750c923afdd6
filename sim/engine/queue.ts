// A deterministic priority queue of events ordered by (time, seq). `seq` is a global insertion
// counter, so two events at the same virtual time always run in the order they were scheduled.
//
// A binary heap whose keys live in typed arrays beside the items: sifting compares numbers
// in two contiguous arrays instead of loading a scattered event object per comparison (a
// 200-node mesh keeps ~80,000 events in flight).

export interface Scheduled<T> {
  readonly time: number;
  readonly seq: number;
  readonly event: T;
  /** Cancelled events stay in the heap and are skipped when popped (cheaper than removal). */
  cancelled: boolean;
}

export class EventQueue<T> {
  private times = new Float64Array(256);
  private seqs = new Float64Array(256);
  private items: Scheduled<T>[] = [];
  private n = 0;
  private seq = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  push(time: number, event: T): Scheduled<T> {
    const item: Scheduled<T> = { time, seq: this.seq++, event, cancelled: false };
    if (this.n === this.times.length) this.grow();
    const { times, seqs, items } = this;
    const seq = item.seq;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (!(time < pt || (time === pt && seq < seqs[parent]!))) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
    this.live++;
    return item;
  }

  cancel(item: Scheduled<T> | undefined): void {
    if (item && !item.cancelled) {
      item.cancelled = true;
      this.live--;
    }
  }

  /** The next live event without removing it. */
  peek(): Scheduled<T> | undefined {
    this.dropCancelled();
    return this.n > 0 ? this.items[0] : undefined;
  }

  pop(): Scheduled<T> | undefined {
    this.dropCancelled();
    if (this.n === 0) return undefined;
    const top = this.items[0]!;
    this.removeTop();
    this.live--;
    return top;
  }

  private dropCancelled(): void {
    while (this.n > 0 && this.items[0]!.cancelled) this.removeTop();
  }

  private removeTop(): void {
    const { times, seqs, items } = this;
    const last = --this.n;
    const lt = times[last]!;
    const ls = seqs[last]!;
    const li = items[last]!;
    items[last] = undefined as unknown as Scheduled<T>; // no reference kept past the end
    if (last === 0) return;
    const n = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && (times[r]! < times[l]! || (times[r] === times[l] && seqs[r]! < seqs[l]!))) c = r;
      const ct = times[c]!;
      if (!(ct < lt || (ct === lt && seqs[c]! < ls))) break;
      times[i] = ct;
      seqs[i] = seqs[c]!;
      items[i] = items[c]!;
      i = c;
    }
    times[i] = lt;
    seqs[i] = ls;
    items[i] = li;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    const seqs = new Float64Array(this.seqs.length * 2);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
  }
}
