// Small integer ids for prefixes. The engine keeps many maps by prefix (speaker tables,
// Adj-RIBs, RIB slots); `prefixKey` (addr * 64 + len) needs 38 bits, which V8 stores as a heap
// number: one allocation per map insert and a slower hash. An id stays a small integer.
//
// Ids are process-wide and never reused (a lab has a few thousand distinct prefixes at most).
// They carry no order: sort by the prefix (`prefixOfId`), never by the id.

import type { Prefix } from './ip.ts';

const ids = new Map<number, number>();
const prefixes: Prefix[] = [];

/** The id of a prefix (host bits already cleared). */
export function prefixId(p: Prefix): number {
  const k = p.addr * 64 + p.len;
  let id = ids.get(k);
  if (id === undefined) {
    id = prefixes.length;
    prefixes.push({ addr: p.addr, len: p.len });
    ids.set(k, id);
  }
  return id;
}

/** The prefix of an id (one shared object per prefix). */
export function prefixOfId(id: number): Prefix {
  return prefixes[id]!;
}

/** The default route 0.0.0.0/0 is interned first, so its id is 0. */
export const DEFAULT_ROUTE_ID = prefixId({ addr: 0, len: 0 });
