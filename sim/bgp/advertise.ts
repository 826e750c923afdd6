// What a speaker sends to one session for one path: the protocol rules that run before any
// policy (split horizon, route reflection, loop and community checks), the export policy,
// and the attribute rewrites (AS prepend, next hop, LOCAL_PREF, reflection attributes).
// Rules differ per implementation; each is cited where it lives.

import { isIfAddrInSubnet, type Ip } from '../core/ip.ts';
import type { PathAttrs } from '../model/route.ts';
import { evaluateChain, type PolicyEnv } from './policy-eval.ts';
import type { Path } from './path.ts';
import type { AdjOutEntry, Session } from './session.ts';

/** An export decision for one path and session profile (`key`, see exportKey). */
export type ExportVerdict =
  | { readonly key: string; readonly ok: true; readonly attrs: PathAttrs; readonly entry: AdjOutEntry }
  | { readonly key: string; readonly ok: false; readonly reason: string };

type Computed = { readonly ok: true; readonly attrs: PathAttrs } | { readonly ok: false; readonly reason: string };

export interface ExportContext {
  readonly routerId: Ip;
  /** Router-wide cluster id (FRR `bgp cluster-id`), default the router id. */
  readonly clusterId: Ip;
  /** Whether any session is an RR client (this speaker reflects). */
  readonly policyEnv: PolicyEnv;
  readonly ebgpRequiresPolicy: boolean;
  /** Interface subnets of the device, for third-party next hops (FRR) and BIRD's same-interface rule. */
  readonly subnetOf: (ip: Ip) => { iface: string; len: number; ip: Ip } | undefined;
  /** Bumped when anything besides the path and the session profile could change an export. */
  readonly epoch: number;
}

/** BIRD's per-session cluster id: `rr cluster id` if set, else the router id (bgp.c). */
export function sessionClusterId(s: Session, routerId: Ip): Ip {
  return s.cfg.rrClusterId ?? routerId;
}

function hasCommunity(attrs: PathAttrs | undefined, c: string): boolean {
  return attrs?.communities?.includes(c) ?? false;
}

// A chain is identified by the policies it holds (by identity; front ends share one Policy
// object between the neighbours it applies to) and its fallthrough.
const policyIds = new WeakMap<object, number>();
let nextPolicyId = 1;
const chainIds = new WeakMap<object, string>();
function chainId(chain: { readonly policies: readonly object[]; readonly fallthrough: string }): string {
  let id = chainIds.get(chain);
  if (id === undefined) {
    id = chain.fallthrough;
    for (const p of chain.policies) {
      let pid = policyIds.get(p);
      if (pid === undefined) policyIds.set(p, (pid = nextPolicyId++));
      id += `,${pid}`;
    }
    chainIds.set(chain, id);
  }
  return id;
}

/**
 * Everything about a session that the export of one path depends on (besides the path):
 * sessions with the same key get identical UPDATEs (like FRR's update groups), so the
 * verdict is computed once per path and key.
 */
export function exportKey(s: Session, ctx: ExportContext): string {
  if (s.exportKey === undefined) {
    const c = s.cfg;
    // (As [..].join('|') would build it: undefined shows as ''.)
    s.exportKey =
      `${ctx.epoch}|${s.internal ? 'i' : 'e'}|${c.rrClient ? `c${c.rrClusterId ?? ''}` : ''}|${s.localAs}|${s.localAddress ?? ''}|` +
      `${c.nextHop ?? ''}|${s.direct ? `d${c.address}` : 'm'}|${c.sendCommunity ? 'C' : ''}|${chainId(c.exportPolicy)}|${s.addPathTx ? 'A' : ''}`;
  }
  return s.exportKey;
}

/** Whether this family never sends a route back to the session it came from (BIRD, VRP). */
export function splitHorizon(s: Session): boolean {
  return s.speaker.family === 'bird' || s.speaker.family === 'huawei-vrp';
}

const SPLIT_HORIZON: ExportVerdict = { key: '', ok: false, reason: 'learned from this peer' };

/**
 * Decide and build what `s` receives for path `p` (memoised per session profile).
 * `forGroup`: the caller handles split horizon per member of a group of equal sessions.
 */
export function exportPath(p: Path, s: Session, ctx: ExportContext, forGroup = false): ExportVerdict {
  // Split horizon is per session, not per profile.
  if (!forGroup && p.session === s && splitHorizon(s)) return SPLIT_HORIZON;
  const key = exportKey(s, ctx);
  // One inline memo entry (the common case: one profile per path), a map beyond that.
  const memo = p.memo as ExportVerdict | Map<string, ExportVerdict> | undefined;
  if (memo !== undefined) {
    const hit = memo instanceof Map ? memo.get(key) : memo.key === key ? memo : undefined;
    if (hit) return hit;
  }
  const c = computeExport(p, s, ctx);
  const v: ExportVerdict = c.ok ? { key, ok: true, attrs: c.attrs, entry: { pathId: s.addPathTx ? p.localId : 0, attrs: c.attrs } } : { key, ok: false, reason: c.reason };
  if (memo === undefined) p.memo = v;
  else if (memo instanceof Map) memo.set(key, v);
  else p.memo = new Map([[memo.key, memo], [key, v]]);
  return v;
}

function computeExport(p: Path, s: Session, ctx: ExportContext): Computed {
  const family = s.speaker.family;
  const from = p.session;
  const bgpAttrs = p.isBgp ? p.attrs : undefined;

  // (Split horizon — BIRD bgp_import_control "never return routes to the sender", VRP — is
  // per session and checked in exportPath, outside the memo.)
  if (family === 'bird') {
    if (bgpAttrs) {
      // bgp_cluster_list_loopy: on RR-client sessions, our cluster id already in CLUSTER_LIST.
      if (s.cfg.rrClient && bgpAttrs.clusterList?.includes(sessionClusterId(s, ctx.routerId))) {
        return { ok: false, reason: 'cluster ID already in CLUSTER_LIST' };
      }
    }
  }
  // RFC 1997 well-known communities.
  if (hasCommunity(bgpAttrs, 'no-advertise')) return { ok: false, reason: 'NO_ADVERTISE community' };
  if (!s.internal && (hasCommunity(bgpAttrs, 'no-export') || hasCommunity(bgpAttrs, 'local-AS'))) {
    return { ok: false, reason: 'NO_EXPORT community' };
  }
  // RFC 4271 §9.2 / RFC 4456 §8: iBGP-learned routes go to iBGP peers only by reflection.
  let reflect = false;
  if (from && from.internal && s.internal) {
    if (!(from.cfg.rrClient || s.cfg.rrClient)) {
      return { ok: false, reason: 'iBGP-learned route is not sent to an iBGP peer (no route reflection)' };
    }
    reflect = true;
  }
  // RFC 8212 (FRR 8 `bgp ebgp-requires-policy`).
  if (!s.internal && ctx.ebgpRequiresPolicy && s.cfg.exportPolicy.policies.length === 0) {
    return { ok: false, reason: 'eBGP requires an outbound policy (bgp ebgp-requires-policy)' };
  }

  // Export policy (BIRD export filter / route-map out) sees the route before the rewrites.
  // A locally originated route gets BGP attributes before the filter runs (BIRD
  // bgp_import_control → bgp_create_attrs), so `bgp_community.add`, `set community` and
  // prepends apply to it too.
  const outcome = evaluateChain(
    s.cfg.exportPolicy,
    {
      prefix: p.prefix,
      attrs: p.attrs,
      source: p.source === 'local' ? 'network' : p.source,
      ...(p.ifname !== undefined ? { ifname: p.ifname } : {}),
      peerInternal: s.internal,
    },
    { ...ctx.policyEnv, localAs: s.localAs },
  );
  if (!outcome.accepted) return { ok: false, reason: `export policy: ${outcome.decidedBy}` };
  const base: PathAttrs = outcome.attrs ?? p.attrs;

  return { ok: true, attrs: rewrite(p, base, s, ctx, reflect) };
}

function rewrite(p: Path, a: PathAttrs, s: Session, ctx: ExportContext, reflect: boolean): PathAttrs {
  const family = s.speaker.family;
  const from = p.session;
  const local = from === null;
  const src = s.localAddress ?? 0;
  let asPath = a.asPath;
  let nextHop = a.nextHop;
  let localPref = a.localPref;
  let med = a.med;
  let originatorId = a.originatorId;
  let clusterList = a.clusterList;

  if (!s.internal) {
    // eBGP: prepend our AS (RFC 4271 §5.1.2), drop iBGP-only attributes.
    asPath = [s.localAs, ...asPath];
    localPref = undefined;
    originatorId = undefined;
    clusterList = undefined;
    // BIRD attrs.c bgp_update_attrs clears MED towards eBGP; FRR/Cisco do not pass a MED
    // learned from one neighbouring AS on to another (RFC 4271 §5.1.4).
    if (family === 'bird' ? !local : from !== null && !from.internal) med = undefined;
  } else {
    localPref = localPref ?? s.speaker.cfg.defaultLocalPref;
    if (reflect && from) {
      // RFC 4456 §8: ORIGINATOR_ID = the originator's router id, if not already set.
      originatorId = originatorId ?? from.remoteRouterId;
      clusterList = [...reflectedClusterIds(from, s, ctx), ...(clusterList ?? [])];
    }
  }

  nextHop = chooseNextHop(p, a, s, ctx, src, local);

  const out: { -readonly [K in keyof PathAttrs]: PathAttrs[K] } = { origin: a.origin, asPath, nextHop };
  if (med !== undefined) out.med = med;
  if (localPref !== undefined) out.localPref = localPref;
  if (a.communities && a.communities.length > 0 && (family === 'bird' || family === 'frr' || s.cfg.sendCommunity)) {
    out.communities = a.communities;
  }
  if (originatorId !== undefined) out.originatorId = originatorId;
  if (clusterList !== undefined && clusterList.length > 0) out.clusterList = clusterList;
  if (a.atomicAggregate) out.atomicAggregate = true;
  return out;
}

function reflectedClusterIds(from: Session, to: Session, ctx: ExportContext): Ip[] {
  if (to.speaker.family === 'bird') {
    // BIRD attrs.c bgp_update_attrs: the source session's cluster id if the route came from a
    // client, else the destination session's; both when both are clients with different ids.
    const ids: Ip[] = [];
    if (from.cfg.rrClient) ids.push(sessionClusterId(from, ctx.routerId));
    if (to.cfg.rrClient) {
      const id = sessionClusterId(to, ctx.routerId);
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }
  return [ctx.clusterId];
}

function chooseNextHop(p: Path, a: PathAttrs, s: Session, ctx: ExportContext, src: Ip, local: boolean): Ip {
  const family = s.speaker.family;
  const mode = s.cfg.nextHop;
  if (family === 'bird') {
    if (mode === 'self' || mode === 'self-force') return src;
    if (local) {
      // attrs.c bgp_create_attrs: next hop = source address unless the route is a gateway
      // route that leaves through the neighbour's interface on a single-hop session (or eBGP
      // with `next hop keep`).
      const gw = p.fixedNexthops?.[0]?.gateway;
      if (gw === undefined || p.routeType !== 'unicast') return src;
      if (mode === 'keep') return gw;
      if (s.direct && sameSubnet(ctx, gw, s.cfg.address)) return gw;
      return src;
    }
    if (mode === 'keep') return a.nextHop;
    if (s.internal && a.nextHop !== 0) return a.nextHop;
    // Single-hop sessions keep the next hop when it is on the neighbour's subnet.
    if (s.direct && sameSubnet(ctx, a.nextHop, s.cfg.address)) return a.nextHop;
    return src;
  }
  // FRR / Cisco / VRP.
  if (local) return src;
  if (mode === 'self-force') return src;
  if (mode === 'keep') return a.nextHop;
  const reflected = p.session !== null && p.session.internal && s.internal;
  if (mode === 'self' && !reflected) return src;
  if (s.internal) return a.nextHop === 0 ? src : a.nextHop;
  // eBGP: next hop self, except FRR/Cisco third-party next hop when the current next hop is on
  // the same subnet as the peer (RFC 4271 §5.1.3).
  if (family !== 'huawei-vrp' && s.direct && sameSubnet(ctx, a.nextHop, s.cfg.address)) return a.nextHop;
  return src;
}

function sameSubnet(ctx: ExportContext, a: Ip, b: Ip): boolean {
  const sa = ctx.subnetOf(b);
  return sa !== undefined && isIfAddrInSubnet({ ip: sa.ip, len: sa.len }, a) && a !== sa.ip;
}
