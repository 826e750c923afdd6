// A route candidate in a speaker's table. BGP paths (received or locally originated) and,
// for BIRD, the non-BGP routes of the same table (static1, kernel1, direct1) share this shape,
// because BIRD chooses between them in one table by preference.

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

export class Path {
  /** Resolution of the BGP next hop, filled in by the speaker before best-path selection. */
  res: NextHopResolution = UNRESOLVED;
  stale = false;
  /** Export results per session profile (see advertise.ts exportKey): many peers, one computation. */
  exportMemo: Map<string, unknown> | undefined = undefined;
  memoKey: string | undefined = undefined;
  memoValue: unknown = undefined;

  constructor(
    readonly prefix: Prefix,
    readonly key: number,
    readonly attrs: PathAttrs,
    /** The session it came from; null for routes originated on this device. */
    readonly session: Session | null,
    readonly source: RouteSource,
    /** Path identifier used by the sender (ADD-PATH), 0 otherwise. */
    readonly remotePathId: number,
    /** Identifier of this path at this speaker (used when we send it with ADD-PATH). */
    readonly localId: number,
    readonly receivedAt: number,
    readonly weight: number,
    /** BIRD protocol name (static1, kernel1, direct1, Mesh_…), or the session name. */
    readonly protocol: string,
    /** BIRD preference (higher wins) or vendor admin distance, depending on the family. */
    readonly preference: number,
    /** Non-BGP routes: what the route does (blackhole, device route, via gateway). */
    readonly routeType: 'unicast' | 'blackhole' | 'unreachable' | 'device',
    /** Non-BGP routes: their own next hops (BGP paths use `res`). */
    readonly fixedNexthops: readonly ResolvedNextHop[] | undefined,
    /** Outgoing interface name of a non-BGP route (BIRD `ifname`). */
    readonly ifname: string | undefined,
  ) {}

  get isBgp(): boolean {
    return this.source === 'bgp';
  }

  /** Received from an iBGP session. */
  get internal(): boolean {
    return this.session !== null && this.session.internal;
  }

  get nexthops(): readonly ResolvedNextHop[] {
    return this.fixedNexthops ?? this.res.nexthops;
  }

  get valid(): boolean {
    return this.fixedNexthops !== undefined || this.routeType !== 'unicast' || this.res.valid;
  }
}
