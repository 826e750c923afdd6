// Calico IPAM, deterministic: per-node block affinities carved from the enabled IP pools and
// pod addresses from the node's blocks (libcalico-go lib/ipam, simplified).
//
// - Blocks a lab pins to a host (published addresses, e.g. 10.244.235.192/26 on k8s-master)
//   are affine to it and confirmed.
// - A node that needs an address and has no block with a free one claims a new block. Calico
//   picks blocks with a random generator; we start at an index derived from hash(node, pool)
//   and probe forward — the same inputs always give the same block (never Math.random).
// - A pod gets the lowest free address of its node's blocks, in block order. Calico can hand
//   out a block's first address (x.x.x.0/26 network address) to a pod; so do we.
// - A pod asking for an address (annotation cni.projectcalico.org/ipAddrs) gets it; if the
//   address lies in another node's block it is "borrowed" (then advertised as a /32, §4.3).
// - Addresses are released when the pod goes away; blocks stay affine (Calico keeps empty
//   affine blocks until the node is deleted).

import { formatPrefix, networkOf, parsePrefix, prefixContainsIp } from '../../../core/ip.ts';
import type { Ip, Prefix } from '../../../core/ip.ts';
import { hash32 } from '../../../core/rng.ts';

export interface BlockAffinity {
  readonly prefix: Prefix;
  readonly node: string;
  /** confd renders pending blocks as blackholes but without a calico_aggr() statement. */
  readonly state: 'confirmed' | 'pending';
  /** Name of the IP pool the block was carved from ('' for a pinned block outside every pool). */
  readonly pool: string;
}

export interface IpAllocation {
  readonly ip: Ip;
  readonly node: string;
  /** What holds the address: a pod (`namespace/name`) or a node's tunnel (`tunnel:<node>`). */
  readonly handle: string;
}

export interface IpamState {
  readonly blocks: readonly BlockAffinity[];
  /** handle → allocation. */
  readonly allocations: Readonly<Record<string, IpAllocation>>;
}

export const EMPTY_IPAM: IpamState = { blocks: [], allocations: {} };

export interface IpamPool {
  readonly name: string;
  readonly cidr: Prefix;
  readonly blockSize: number;
  /** Usable for automatic workload allocation (enabled, Workload use, Automatic mode). */
  readonly assignable: boolean;
  /** The pool's nodeSelector matches the node (evaluated by the caller per node). */
  matchesNode(node: string): boolean;
}

export interface IpRequest {
  readonly handle: string;
  readonly node: string;
  /** Specific address asked for (annotation), else automatic. */
  readonly ip?: Ip;
  /** Only these pools (tunnel addresses come from the encapsulated pools). */
  readonly pools?: readonly string[];
}

export interface IpamResult {
  readonly state: IpamState;
  /** handle → ip, or a reason when no address could be given. */
  readonly assigned: ReadonlyMap<string, Ip>;
  readonly failures: ReadonlyMap<string, string>;
}

function blockKey(p: Prefix): string {
  return formatPrefix(p);
}

/** Pins lab-given blocks to their hosts (idempotent). */
export function pinBlocks(state: IpamState, pins: readonly { node: string; prefix: Prefix }[], pools: readonly IpamPool[]): IpamState {
  let blocks = [...state.blocks];
  for (const pin of pins) {
    if (blocks.some((b) => b.prefix.addr === pin.prefix.addr && b.prefix.len === pin.prefix.len && b.node === pin.node)) continue;
    blocks = blocks.filter((b) => !(b.prefix.addr === pin.prefix.addr && b.prefix.len === pin.prefix.len));
    const pool = pools.find((p) => prefixContainsIp(p.cidr, pin.prefix.addr))?.name ?? '';
    blocks.push({ prefix: pin.prefix, node: pin.node, state: 'confirmed', pool });
  }
  return { ...state, blocks };
}

function blockSizeOf(b: BlockAffinity): number {
  return 2 ** (32 - b.prefix.len);
}

/** Allocates addresses for every request, releasing handles that are no longer requested. */
export function allocate(state: IpamState, pools: readonly IpamPool[], requests: readonly IpRequest[]): IpamResult {
  const wanted = new Set(requests.map((r) => r.handle));
  const allocations: Record<string, IpAllocation> = {};
  for (const [h, a] of Object.entries(state.allocations)) if (wanted.has(h)) allocations[h] = a;
  let blocks = [...state.blocks];
  const used = new Set(Object.values(allocations).map((a) => a.ip));
  const assigned = new Map<string, Ip>();
  const failures = new Map<string, string>();

  for (const req of requests) {
    const have = allocations[req.handle];
    if (have && have.node === req.node && (req.ip === undefined || req.ip === have.ip)) {
      assigned.set(req.handle, have.ip);
      continue;
    }
    if (have) {
      used.delete(have.ip);
      delete allocations[req.handle];
    }
    if (req.ip !== undefined) {
      if (used.has(req.ip)) {
        failures.set(req.handle, `the address ${fmt(req.ip)} is already in use`);
        continue;
      }
      const pool = pools.find((p) => prefixContainsIp(p.cidr, req.ip!));
      if (!pool) {
        failures.set(req.handle, `the address ${fmt(req.ip)} is not in any IP pool`);
        continue;
      }
      // AssignIP claims the containing block for the node when nobody owns it yet.
      if (!blocks.some((b) => prefixContainsIp(b.prefix, req.ip!))) {
        blocks.push({ prefix: { addr: networkOf(req.ip, pool.blockSize), len: pool.blockSize }, node: req.node, state: 'confirmed', pool: pool.name });
      }
      allocations[req.handle] = { ip: req.ip, node: req.node, handle: req.handle };
      used.add(req.ip);
      assigned.set(req.handle, req.ip);
      continue;
    }
    const candidates = pools.filter((p) => p.assignable && p.matchesNode(req.node) && (req.pools === undefined || req.pools.includes(p.name))).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (candidates.length === 0) {
      failures.set(req.handle, `no enabled IP pool matches node ${req.node}`);
      continue;
    }
    let ip = freeInBlocks(blocks.filter((b) => b.node === req.node && candidates.some((p) => p.name === b.pool)), used);
    if (ip === undefined) {
      for (const pool of candidates) {
        const block = claimBlock(blocks, pool, req.node);
        if (!block) continue;
        blocks = [...blocks, block];
        ip = freeInBlocks([block], used);
        if (ip !== undefined) break;
      }
    }
    if (ip === undefined) {
      failures.set(req.handle, `the IP pools have no free block for node ${req.node}`);
      continue;
    }
    allocations[req.handle] = { ip, node: req.node, handle: req.handle };
    used.add(ip);
    assigned.set(req.handle, ip);
  }
  blocks.sort((a, b) => a.prefix.addr - b.prefix.addr || a.prefix.len - b.prefix.len);
  return { state: { blocks, allocations }, assigned, failures };
}

function freeInBlocks(blocks: readonly BlockAffinity[], used: ReadonlySet<Ip>): Ip | undefined {
  const sorted = [...blocks].sort((a, b) => a.prefix.addr - b.prefix.addr);
  for (const b of sorted) {
    const n = blockSizeOf(b);
    for (let i = 0; i < n; i++) {
      const ip = (b.prefix.addr + i) >>> 0;
      if (!used.has(ip)) return ip;
    }
  }
  return undefined;
}

/** A block of `pool` no node owns, chosen deterministically from the node's name. */
function claimBlock(blocks: readonly BlockAffinity[], pool: IpamPool, node: string): BlockAffinity | undefined {
  if (pool.blockSize < pool.cidr.len) return undefined;
  const count = 2 ** (pool.blockSize - pool.cidr.len);
  const taken = new Set(blocks.map((b) => blockKey(b.prefix)));
  const start = hash32(node, pool.name) % count;
  const span = 2 ** (32 - pool.blockSize);
  for (let k = 0; k < count; k++) {
    const idx = (start + k) % count;
    const prefix: Prefix = { addr: (pool.cidr.addr + idx * span) >>> 0, len: pool.blockSize };
    if (taken.has(blockKey(prefix))) continue;
    // Keep blocks that overlap a taken (e.g. pinned, different size) block out.
    if (blocks.some((b) => overlaps(b.prefix, prefix))) continue;
    return { prefix, node, state: 'confirmed', pool: pool.name };
  }
  return undefined;
}

function overlaps(a: Prefix, b: Prefix): boolean {
  const len = Math.min(a.len, b.len);
  return networkOf(a.addr, len) === networkOf(b.addr, len);
}

function fmt(ip: Ip): string {
  return formatPrefix({ addr: ip, len: 32 }).slice(0, -3);
}

/** Releases everything affine to nodes that no longer exist. */
export function forgetNodes(state: IpamState, nodes: ReadonlySet<string>): IpamState {
  const blocks = state.blocks.filter((b) => nodes.has(b.node));
  const allocations: Record<string, IpAllocation> = {};
  for (const [h, a] of Object.entries(state.allocations)) if (nodes.has(a.node)) allocations[h] = a;
  return { blocks, allocations };
}

export function parseBlock(text: string): Prefix | null {
  return parsePrefix(text, true);
}
