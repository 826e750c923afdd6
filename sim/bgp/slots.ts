// Compact per-prefix storage for Adj-RIBs: one item stored as itself, several (ADD-PATH) as an
// array. Most sessions carry one path per prefix, and a 1,000-node fabric has millions of them.

export type Slot<T> = T | T[];

const NONE: readonly never[] = [];

export function slotItems<T>(v: Slot<T> | undefined): readonly T[] {
  return v === undefined ? NONE : Array.isArray(v) ? v : [v];
}

export function slotCount<T>(v: Slot<T> | undefined): number {
  return v === undefined ? 0 : Array.isArray(v) ? v.length : 1;
}

export function slotFind<T>(v: Slot<T> | undefined, pred: (x: T) => boolean): T | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return pred(v) ? v : undefined;
  return v.find(pred);
}

/** Puts `item` in place of the one `same` matches, or adds it. */
export function slotPut<T>(map: Map<number, Slot<T>>, key: number, item: T, same: (x: T) => boolean): void {
  const v = map.get(key);
  if (v === undefined) {
    map.set(key, item);
    return;
  }
  if (!Array.isArray(v)) {
    map.set(key, same(v) ? item : [v, item]);
    return;
  }
  const i = v.findIndex(same);
  if (i >= 0) v[i] = item;
  else v.push(item);
}

/** Removes the item `pred` matches; returns it. */
export function slotTake<T>(map: Map<number, Slot<T>>, key: number, pred: (x: T) => boolean): T | undefined {
  const v = map.get(key);
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    if (!pred(v)) return undefined;
    map.delete(key);
    return v;
  }
  const i = v.findIndex(pred);
  if (i < 0) return undefined;
  const [x] = v.splice(i, 1);
  if (v.length === 1) map.set(key, v[0]!);
  else if (v.length === 0) map.delete(key);
  return x;
}
