// A deterministic priority queue of events ordered by (time, seq). `seq` is a global insertion
// counter, so two events at the same virtual time always run in the order they were scheduled.

export interface Scheduled<T> {
  readonly time: number;
  readonly seq: number;
  readonly event: T;
  /** Cancelled events stay in the heap and are skipped when popped (cheaper than removal). */
  cancelled: boolean;
}

export class EventQueue<T> {
  private heap: Scheduled<T>[] = [];
  private seq = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  push(time: number, event: T): Scheduled<T> {
    const item: Scheduled<T> = { time, seq: this.seq++, event, cancelled: false };
    const heap = this.heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(item, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
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
    return this.heap[0];
  }

  pop(): Scheduled<T> | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top) return undefined;
    this.removeTop();
    this.live--;
    return top;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeTop();
  }

  private removeTop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[c]!, last)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = last;
  }
}

function before<T>(a: Scheduled<T>, b: Scheduled<T>): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
