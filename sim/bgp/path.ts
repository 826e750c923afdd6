// A route candidate in a speaker's table. BGP paths (received or locally originated) and,
// for BIRD, the non-BGP routes of the same table (static1, kernel1, direct1) share this shape,
// because BIRD chooses between them in one table by preference.
//
// A 1,000-node fabric holds millions of paths, so a path keeps only what differs per path;
// what it shares with every path of the same origin (source, protocol, preference, route
// type, fixed next hops) lives in one `RouteKind` object, and its prefix in its table entry.

import type { Prefix } from '../core/ip.ts';
import type { PathAttrs, ResolvedNextHop, RouteSource } from '../model/route.ts';
import type { Session } from './session.ts';

export interface NextHopResolution {
  readonly valid: boolean;
  readonly via: 'connected' | 'routed' | 'unresolved';
  /** IGP metric to the next hop (0 when directly connected). */
  readonly igp: number;
  readonly nexthops: readonly ResolvedNextHop[];
  /** Why unresolved, for hints ("no route to 192.168.219.10 (default route not used by FRR)"). */
  readonly reason?: string;
}

export const UNRESOLVED: NextHopResolution = { valid: false, via: 'unresolved', igp: Infinity, nexthops: [] };

/** What every path of one origin has in common (one object per session or local route). */
export interface RouteKind {
  readonly source: RouteSource;
  /** BIRD protocol name (static1, kernel1, direct1, Mesh_…), or the session name. */
  readonly protocol: string;
  /** BIRD preference (higher wins) or vendor admin distance, depending on the family. */
  readonly preference: number;
  /** Non-BGP routes: what the route does (blackhole, device route, via gateway). */
  readonly routeType: 'unicast' | 'blackhole' | 'unreachable' | 'device';
  /** Non-BGP routes: their own next hops (BGP paths use `res`). */
  readonly fixedNexthops: readonly ResolvedNextHop[] | undefined;
  /** Outgoing interface name of a non-BGP route (BIRD `ifname`). */
  readonly ifname: string | undefined;
}

/**
 * When a path arrived, shared by every path of one UPDATE (a number field would box one heap
 * number per path; a fabric has millions).
 */
export interface Stamp {
  readonly at: number;
}

/** Where a path lives: its table entry (any object with the prefix and its key). */
export interface PathHome {
  readonly prefix: Prefix;
  readonly key: number;
}

/** Paths are made by makePath (below); the class holds their type and accessors. */
export class Path {
  /** Resolution of the BGP next hop, filled in by the speaker before best-path selection. */
  declare res: NextHopResolution;
  declare stale: boolean;
  /**
   * Export results per session profile (see advertise.ts exportPath): one verdict inline
   * (the common case: one profile per path), a map by profile key beyond that.
   */
  declare memo: object | undefined;
  declare readonly home: PathHome;
  declare readonly attrs: PathAttrs;
  /** The session it came from; null for routes originated on this device. */
  declare readonly session: Session | null;
  declare readonly kind: RouteKind;
  /** Path identifier used by the sender (ADD-PATH), 0 otherwise. */
  declare readonly remotePathId: number;
  /** Identifier of this path at this speaker (used when we send it with ADD-PATH). */
  declare readonly localId: number;
  declare readonly received: Stamp;
  declare readonly weight: number;

  private constructor() {}

  get receivedAt(): number {
    return this.received.at;
  }

  get prefix(): Prefix {
    return this.home.prefix;
  }

  get key(): number {
    return this.home.key;
  }

  get source(): RouteSource {
    return this.kind.source;
  }

  get protocol(): string {
    return this.kind.protocol;
  }

  get preference(): number {
    return this.kind.preference;
  }

  get routeType(): RouteKind['routeType'] {
    return this.kind.routeType;
  }

  get fixedNexthops(): readonly ResolvedNextHop[] | undefined {
    return this.kind.fixedNexthops;
  }

  get ifname(): string | undefined {
    return this.kind.ifname;
  }

  get isBgp(): boolean {
    return this.kind.source === 'bgp';
  }

  /** Received from an iBGP session. */
  get internal(): boolean {
    return this.session !== null && this.session.internal;
  }

  get nexthops(): readonly ResolvedNextHop[] {
    return this.kind.fixedNexthops ?? this.res.nexthops;
  }

  get valid(): boolean {
    return this.kind.fixedNexthops !== undefined || this.kind.routeType !== 'unicast' || this.res.valid;
  }
}

/**
 * A new path. An object literal rather than `new Path`: V8 watches each literal site, and
 * once it sees that its objects live long (a fabric keeps millions of paths) allocates them
 * directly in the old generation, instead of copying every path twice through the young one.
 */
export function makePath(
  home: PathHome,
  attrs: PathAttrs,
  session: Session | null,
  kind: RouteKind,
  remotePathId: number,
  localId: number,
  received: Stamp,
  weight: number,
): Path {
  const p = { __proto__: Path.prototype, res: UNRESOLVED, stale: false, memo: undefined, home, attrs, session, kind, remotePathId, localId, received, weight };
  return p as unknown as Path;
}
