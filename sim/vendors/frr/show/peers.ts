// What FRR knows about a session beyond the neutral SessionView: its configuration (peer-group,
// filters, description) and the peer's hostname (FRR peers exchange it in the hostname
// capability; BIRD does not send one).

import type { Ip } from '../../../core/ip.ts';
import { formatIp } from '../../../core/ip.ts';
import type { NetworkQuery } from '../../../model/query.ts';
import type { SessionView } from '../../../model/state.ts';
import type { FrrPeerSettings, FrrRepr } from '../repr.ts';
import { effectivePeer } from '../repr.ts';

export function peerSettings(repr: FrrRepr, s: SessionView): FrrPeerSettings | undefined {
  const bgp = repr.bgp;
  if (!bgp) return undefined;
  const raw = bgp.neighbors.get(formatIp(s.peer));
  if (raw) return effectivePeer(bgp, raw);
  if (s.peerGroup) {
    const g = bgp.peerGroups.get(s.peerGroup);
    if (g) return g;
  }
  return undefined;
}

export function peerHostname(net: NetworkQuery, ip: Ip): string | undefined {
  for (const name of net.deviceNames()) {
    const cfg = net.config(name);
    if (!cfg || cfg.platform !== 'frr') continue;
    if (cfg.interfaces.some((i) => i.addresses.some((a) => a.ip === ip))) return cfg.hostname;
  }
  return undefined;
}

/** RFC 8212 as FRR applies it (bgp_route.c bgp_inbound_policy_exists): only eBGP needs policy. */
export function policyMissing(repr: FrrRepr, s: SessionView, dir: 'in' | 'out'): boolean {
  if (!repr.bgp?.ebgpRequiresPolicy || s.internal) return false;
  const p = peerSettings(repr, s);
  if (!p) return true;
  return dir === 'in' ? !p.af.routeMapIn && !p.af.prefixListIn : !p.af.routeMapOut && !p.af.prefixListOut;
}

export function sortedSessions(net: NetworkQuery, device: string): SessionView[] {
  return [...net.sessions(device)].sort((a, b) => a.peer - b.peer);
}
