// One configured BGP neighbour on one device: FSM state, negotiated parameters, Adj-RIBs and
// counters. The two ends of a connection are two Session objects linked by `remote`.

import type { Ip } from '../core/ip.ts';
import type { Scheduled } from '../engine/queue.ts';
import type { NeighborConfig } from '../model/bgp.ts';
import type { PathAttrs } from '../model/route.ts';
import type { BgpState, ProtoState, SessionError } from '../model/state.ts';
import type { Path, RouteKind } from './path.ts';
import type { Speaker } from './speaker.ts';
import { slotCount, type Slot } from './slots.ts';

export interface AdjOutEntry {
  readonly pathId: number;
  readonly attrs: PathAttrs;
}

export interface PrePolicyEntry {
  readonly pathId: number;
  readonly attrs: PathAttrs;
  readonly accepted: boolean;
  readonly reason: string;
}

export class Session {
  state: BgpState = 'Idle';
  protoState: ProtoState = 'start';
  /**
   * Virtual time of the last state change. Starts as -0, not 0: V8 gives a field the
   * representation of its first value, and a small integer here would turn into a double at
   * the first fractional time, migrating every session object already made (tens of
   * thousands in a large mesh) one by one. -0 is a double and reads as 0.
   */
  since = -0;
  lastError: SessionError | undefined;
  /** Why the session is in its state, in words (hints and the topology tooltip read it). */
  reason = 'starting';
  remote: Session | undefined;
  localAddress: Ip | undefined;
  remoteRouterId = 0;
  /** AS the peer announced in its OPEN (for remote-as internal/external). */
  remoteAsSeen = 0;
  holdTime = 0;
  keepalive = 0;
  addPathTx = false;
  addPathRx = false;
  grNegotiated = false;
  establishedCount = 0;
  msgsSent = 0;
  msgsReceived = 0;
  updatesSent = 0;
  updatesReceived = 0;
  /** Consecutive error count (BIRD error wait doubles 5 → 30 s). */
  errorStreak = 0;
  /** Last failed attempt's signature; a retry failing the same way changes nothing. */
  lastFailure = '';
  lastAttemptAt = -Infinity;
  /** Engine bookkeeping: position in its waiting / up session sets (-1: not in it). */
  waitingPos = -1;
  upPos = -1;
  /** The engine's id of the TCP connection this session is on (undefined: none). */
  connId: number | undefined = undefined;
  /** Engine liveness bookkeeping: sweep generation and route change number of the last path walk. */
  pathCheckedGen = -1;
  pathCheckedChange = 0;
  /** Pending timers. */
  attemptTimer: Scheduled<unknown> | undefined;
  holdTimer: Scheduled<unknown> | undefined;
  staleTimer: Scheduled<unknown> | undefined;
  /** Some path in adjIn may be stale (graceful restart): End-of-RIB has something to purge. */
  hasStale = false;
  /** Accepted paths by prefix key (several per prefix only with ADD-PATH). */
  readonly adjIn = new Map<number, Slot<Path>>();
  private pre: Map<number, Slot<PrePolicyEntry>> | undefined = undefined;

  /** Pre-policy copies (soft-reconfiguration inbound); made on first use, most sessions never keep any. */
  get adjInPre(): Map<number, Slot<PrePolicyEntry>> {
    this.pre ??= new Map();
    return this.pre;
  }

  /** Drops the pre-policy copies (the session went down). */
  clearAdjInPre(): void {
    this.pre = undefined;
  }
  /**
   * Position of this session in every TableEntry.out of its speaker (Adj-RIB-Out is stored per
   * prefix, all sessions side by side: a route reflector updates all its clients per prefix).
   */
  readonly index: number;
  /** Number of Adj-RIB-Out paths (prefixes sent). */
  outItems = 0;
  /** Outbox bookkeeping (outbox.ts): which outbox last registered us, and our list there. */
  outboxId = 0;
  outboxIndex = 0;
  /** Dynamic neighbour created from a listen range. */
  dynamic = false;
  /** Export profile (advertise.ts): sessions with equal keys receive identical exports. */
  exportKey: string | undefined = undefined;
  /** The TCP connection: whether we opened it, and the connecting side's ephemeral port. */
  initiator = false;
  ephemeralPort = 0;
  /** BIRD: another protocol holds the neighbour lock for this address and port. */
  locked = false;
  /** Removed from its speaker (deconfigured, or the daemon stopped): events for it are void. */
  removed = false;

  constructor(
    readonly speaker: Speaker,
    public cfg: NeighborConfig,
  ) {
    this.index = speaker.takeSessionIndex();
  }

  get name(): string {
    return this.cfg.name;
  }

  private kind: RouteKind | undefined;

  /** What every path received on this session has in common (its protocol name and preference). */
  get pathKind(): RouteKind {
    this.kind ??= {
      source: 'bgp',
      protocol: this.name,
      preference: this.speaker.family === 'bird' ? 100 : 0,
      routeType: 'unicast',
      fixedNexthops: undefined,
      ifname: undefined,
    };
    return this.kind;
  }

  get localAs(): number {
    return this.cfg.localAs ?? this.speaker.asn;
  }

  /** The AS we expect from the peer (configured, or learned for remote-as internal/external). */
  get remoteAs(): number {
    if (this.cfg.remoteAsKind === 'internal') return this.localAs;
    if (this.cfg.remoteAsKind === 'external' && this.remoteAsSeen) return this.remoteAsSeen;
    return this.cfg.remoteAs;
  }

  get internal(): boolean {
    if (this.cfg.remoteAsKind === 'internal') return true;
    if (this.cfg.remoteAsKind === 'external') return false;
    return this.cfg.remoteAs === this.localAs;
  }

  get established(): boolean {
    return this.state === 'Established';
  }

  /**
   * TTL of our packets: explicit multihop / ebgp-multihop, else iBGP 64 (BIRD 1.6
   * bgp_check_config: `multihop = internal ? 64 : 0`) or 255 (FRR/Cisco), eBGP 1.
   */
  get ttl(): number {
    if (this.cfg.ttlSecurity !== undefined) return 255;
    if (this.cfg.multihop !== undefined) return this.cfg.multihop;
    if (this.internal) return this.speaker.family === 'bird' ? 64 : 255;
    return 1;
  }

  /** Single-hop eBGP: the neighbour must be on a directly connected subnet. */
  get direct(): boolean {
    return !this.internal && this.cfg.multihop === undefined && this.cfg.ttlSecurity === undefined && !this.cfg.disableConnectedCheck;
  }

  countAdjIn(): number {
    let n = 0;
    for (const m of this.adjIn.values()) n += slotCount(m);
    return n;
  }

  countAdjInPre(): number {
    let n = 0;
    for (const m of this.adjInPre.values()) n += slotCount(m);
    return n;
  }

  countAdjOut(): number {
    return this.outItems;
  }
}
