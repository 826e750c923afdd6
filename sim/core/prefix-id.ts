// Small integer ids for prefixes. The engine keeps many maps by prefix (speaker tables,
// Adj-RIBs, RIB slots); `prefixKey` (addr * 64 + len) needs 38 bits, which V8 stores as a heap
// number: one allocation per map insert and a slower hash. An id stays a small integer.
//
// Ids are process-wide and never reused (a lab has a few thousand distinct prefixes at most).
// They carry no order: sort by the prefix (`prefixOfId`), never by the id.

import { maskOf, type Ip, type Prefix } from './ip.ts';

/** Ids by prefix length, then by address as a signed 32-bit integer (a small integer in V8). */
const ids: Map<number, number>[] = Array.from({ length: 33 }, () => new Map());
const prefixes: Prefix[] = [];

/** The id of a prefix (host bits already cleared). */
export function prefixId(p: Prefix): number {
  const byAddr = ids[p.len]!;
  let id = byAddr.get(p.addr | 0);
  if (id === undefined) {
    id = prefixes.length;
    prefixes.push({ addr: p.addr, len: p.len });
    byAddr.set(p.addr | 0, id);
  }
  return id;
}

/** The id of the /len prefix that contains `ip`, if that prefix ever got one (no new id). */
export function containingPrefixId(ip: Ip, len: number): number | undefined {
  return ids[len]!.get(ip & maskOf(len));
}

/** The prefix of an id (one shared object per prefix). */
export function prefixOfId(id: number): Prefix {
  return prefixes[id]!;
}

/** The default route 0.0.0.0/0 is interned first, so its id is 0. */
export const DEFAULT_ROUTE_ID = prefixId({ addr: 0, len: 0 });
