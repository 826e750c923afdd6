// Read-only views of engine state for NetworkQuery: sessions, BGP paths (with the reason a
// path won or lost), interface MACs. Pure functions of the objects they are given.
import type { BgpPathView, SessionView } from '../model/state.ts';
import type { Session } from '../bgp/session.ts';
import type { Path } from '../bgp/path.ts';
import type { TableEntry } from '../bgp/speaker.ts';
import { comparePaths, type BestPathOptions } from '../bgp/bestpath.ts';

/** Linux-like locally administered MAC, stable per device/interface; Calico's veths use ee:ee:…. */
export function macFor(device: string, iface: string, idx: number, calico: boolean): string {
  if (calico) return 'ee:ee:ee:ee:ee:ee';
  let h = 0;
  for (const c of `${device}/${iface}/${idx}`) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  const b = [0x52, 0x54, 0x00, (h >>> 16) & 255, (h >>> 8) & 255, h & 255];
  return b.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

export function sessionView(device: string, s: Session, preferred: number): SessionView {
  const v: { -readonly [K in keyof SessionView]: SessionView[K] } = {
    device,
    name: s.name,
    peer: s.cfg.address,
    port: s.cfg.port,
    remoteAs: s.remoteAs,
    localAs: s.localAs,
    internal: s.internal,
    state: s.state,
    protoState: s.protoState,
    passive: s.cfg.passive,
    adminDown: s.cfg.shutdown,
    since: s.since,
    establishedCount: s.establishedCount,
    reason: s.reason,
    holdTime: s.established ? s.holdTime : s.cfg.timers.hold,
    keepalive: s.established ? s.keepalive : s.cfg.timers.keepalive,
    rrClient: s.cfg.rrClient,
    addPathTx: s.addPathTx,
    addPathRx: s.addPathRx,
    gracefulRestart: s.grNegotiated,
    msgsSent: s.msgsSent,
    msgsReceived: s.msgsReceived,
    updatesSent: s.updatesSent,
    updatesReceived: s.updatesReceived,
    prefixesAccepted: s.countAdjIn(),
    prefixesReceived: s.cfg.softReconfigInbound ? s.countAdjInPre() : s.countAdjIn(),
    prefixesSent: s.countAdjOut(),
    prefixesPreferred: preferred,
    dynamic: s.dynamic,
    multihop: !s.direct,
  };
  const local = s.localAddress ?? s.cfg.updateSource?.ip;
  if (local !== undefined) v.localAddress = local;
  if (s.lastError) v.lastError = s.lastError;
  if (s.established || s.remoteRouterId) v.peerRouterId = s.remoteRouterId;
  if (s.cfg.description) v.description = s.cfg.description;
  if (s.cfg.peerGroup) v.peerGroup = s.cfg.peerGroup;
  if (s.cfg.calicoKind) v.calicoKind = s.cfg.calicoKind;
  return v;
}

export function pathView(p: Path, e: TableEntry, opts: BestPathOptions): BgpPathView {
  const v: { -readonly [K in keyof BgpPathView]: BgpPathView[K] } = {
    prefix: p.prefix,
    attrs: p.attrs,
    from: p.session?.cfg.address ?? 0,
    fromRouterId: p.session?.remoteRouterId ?? 0,
    internal: p.internal,
    local: p.session === null,
    source: p.source,
    protocol: p.protocol,
    preference: p.preference,
    best: e.best === p,
    multipath: e.paths.indexOf(p) < e.mpCount,
    valid: p.valid,
    nexthops: p.nexthops,
    weight: p.weight,
    stale: p.stale,
    receivedAt: p.receivedAt,
  };
  if (p.session) v.session = p.session.name;
  if (p.isBgp && p.session) {
    v.igpMetric = p.res.igp;
    v.resolvedVia = p.res.via;
  }
  if (!p.isBgp) v.routeType = p.routeType;
  // Why this path is best (against the runner-up) or why it lost (against the best).
  if (e.best) {
    if (p === e.best) {
      const second = e.paths[1];
      v.reason = second ? comparePaths(p, second, opts).reason : { rule: 'only-path', text: 'only path' };
    } else v.reason = comparePaths(e.best, p, opts).reason;
  }
  return v;
}
