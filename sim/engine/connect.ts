// Can this BGP session's TCP connection be made right now? Walks the SYN to the neighbour and
// the SYN-ACK back through the real FIBs, with the session's TTL, packet filters, listeners
// and the neighbour's own configuration, and explains the outcome the way the daemon and a
// learner would see it (state, error text, reason).

import { formatIp, prefixContainsIp, type Ip } from '../core/ip.ts';
import { hash32 } from '../core/rng.ts';
import type { NeighborConfig } from '../model/bgp.ts';
import { Session as SessionClass } from '../bgp/session.ts';
import type { ProtoState, SessionError } from '../model/state.ts';
import type { Session } from '../bgp/session.ts';
import { sourceFor, walk, type WalkResult } from '../dataplane/forward.ts';
import type { DeviceRuntime } from './device.ts';
import type { Network } from './network.ts';

export type ConnectOutcome =
  | { readonly ok: true; readonly remote: Session; readonly local: Ip; readonly ephemeral: number }
  | {
      readonly ok: false;
      readonly state: 'Active' | 'Connect' | 'Idle';
      readonly protoState?: ProtoState;
      readonly error?: SessionError;
      readonly reason: string;
    };

const socket = (text: string): SessionError => ({ kind: 'socket', text });

export function tryConnect(net: Network, dev: DeviceRuntime, s: Session): ConnectOutcome {
  const me = dev.cfg.name;
  const peerIp = s.cfg.address;
  const bird = s.speaker.family === 'bird';

  // Single-hop eBGP needs the neighbour on a connected subnet (BIRD bgp_start_locked:
  // "Invalid remote address"; FRR/Cisco do not even try).
  if (s.direct && !dev.subnetOf(peerIp)) {
    return bird
      ? { ok: false, state: 'Idle', protoState: 'down', error: { kind: 'misc', text: 'Invalid next hop' }, reason: `${formatIp(peerIp)} is not on a directly connected network (eBGP without multihop)` }
      : { ok: false, state: 'Idle', reason: `${formatIp(peerIp)} is not directly connected: eBGP needs ebgp-multihop for a neighbour that is not on a connected subnet` };
  }

  // Source address: update-source / connect-interface / Calico `source address`, else the
  // address the kernel picks for the route to the neighbour.
  let local: Ip | undefined;
  const us = s.cfg.updateSource;
  if (us?.ip !== undefined) {
    if (!dev.localAddresses.has(us.ip)) {
      return { ok: false, state: 'Active', error: socket('Cannot assign requested address'), reason: `${me} has no address ${formatIp(us.ip)} to use as the source` };
    }
    local = us.ip;
  } else if (us?.iface) {
    local = dev.ifacePrimary(us.iface);
    if (local === undefined || !dev.ifaceUp(us.iface)) {
      return { ok: false, state: 'Active', reason: `source interface ${us.iface} has no address or is down` };
    }
  }
  const route = dev.lookup(peerIp);
  if (!route) {
    return { ok: false, state: 'Active', error: socket('Network is unreachable'), reason: `${me} has no route to ${formatIp(peerIp)}` };
  }
  local ??= sourceFor(dev, peerIp);
  if (local === undefined) return { ok: false, state: 'Active', error: socket('Network is unreachable'), reason: `${me} has no address to connect from` };

  // The connecting side uses an ephemeral port; only the listener's side is port 179
  // (RFC 4271 §8.2.1), so `--dport 179` and `--sport 179` rules match different directions.
  const ephemeral = ephemeralPort(me, local, peerIp);
  const fw = walk(net, me, { src: local, dst: peerIp, protocol: 'tcp', sport: ephemeral, dport: s.cfg.port }, { ttl: s.ttl, dnat: false });
  const fail = explainDrop(fw, s, me, peerIp, 'the connection request');
  if (fail) return fail;

  const target = net.device(fw.at)!;
  const rsp = target.speaker;
  if (!rsp) {
    const why = target.cfg.bgp ? `BGP is not running on ${fw.at}` : `${fw.at} has no BGP configuration`;
    return { ok: false, state: 'Active', error: socket('Connection refused'), reason: `${why}: nothing listens on TCP port 179` };
  }
  // BIRD bgp_find_proto / FRR peer lookup: the first neighbour whose address is our source.
  const remote = rsp.byAddress.get(local) ?? listenRange(target, local);
  if (!remote) {
    return {
      ok: false,
      state: 'Active',
      error: socket(rsp.family === 'bird' ? 'Connection closed' : 'Connection reset by peer'),
      reason: `${fw.at} has no BGP neighbor configured for ${formatIp(local)} (it drops the connection)`,
    };
  }
  if (remote.cfg.shutdown) {
    return { ok: false, state: 'Active', error: socket('Connection closed'), reason: `the session on ${fw.at} is administratively shut down` };
  }
  if (remote.state === 'Idle' && remote.protoState === 'start' && remote.lastError?.kind === 'sent') {
    // Transient: the peer restarts soon; keep showing the error that caused it.
    return { ok: false, state: 'Active', reason: s.lastError?.kind === 'received' ? s.reason : `${fw.at} is waiting after an error and rejects connections for now` };
  }
  if (remote.direct && !target.subnetOf(local)) {
    return { ok: false, state: 'Connect', reason: `${fw.at} treats ${formatIp(local)} as a single-hop eBGP neighbour but it is not directly connected` };
  }

  // The SYN-ACK must come back, with the neighbour's TTL.
  const back = walk(net, fw.at, { src: peerIp, dst: local, protocol: 'tcp', sport: s.cfg.port, dport: ephemeral }, { ttl: remote.ttl, dnat: false });
  const backFail = explainDrop(back, remote, fw.at, local, 'the reply');
  if (backFail) {
    return { ok: false, state: 'Connect', reason: `${backFail.reason} (no return path from ${fw.at} to ${formatIp(local)})` };
  }
  if (back.at !== me) return { ok: false, state: 'Connect', reason: `the reply to ${formatIp(local)} goes to ${back.at}, not ${me}` };
  return { ok: true, remote, local, ephemeral };
}

/** Linux picks ephemeral ports from 32768–60999; ours is a stable hash of the endpoints. */
export function ephemeralPort(device: string, local: Ip, peer: Ip): number {
  // `| 0`: a small integer (the hash is a uint32, so the sum may otherwise be kept as a double).
  return (32768 + (hash32(device, local, peer) % 28232)) | 0;
}

function explainDrop(w: WalkResult, s: Session, from: string, dst: Ip, what: string): Extract<ConnectOutcome, { ok: false }> | undefined {
  switch (w.disposition) {
    case 'delivered':
      return undefined;
    case 'filtered': {
      const refused = w.filterAction === 'reject';
      return refused
        ? { ok: false, state: 'Active', error: socket('Connection refused'), reason: `${what} is rejected: ${w.reason}` }
        : { ok: false, state: 'Connect', reason: `${what} is silently dropped: ${w.reason} (TCP port 179 blocked)` };
    }
    case 'ttl-exceeded':
      return {
        ok: false,
        state: 'Connect',
        reason: `${what} needs more than ${s.ttl} hop(s) to reach ${formatIp(dst)} (TTL expired at ${w.at}${s.internal ? '' : '; eBGP multihop?'})`,
      };
    case 'no-route':
    case 'null-routed':
    case 'unreachable':
      return { ok: false, state: 'Active', error: socket('No route to host'), reason: `${what} from ${from} is lost: ${w.reason}` };
    case 'unreachable-neighbor':
      return { ok: false, state: 'Active', error: socket('No route to host'), reason: `${what} from ${from} is lost: ${w.reason}` };
    case 'not-forwarding':
    case 'loop':
      return { ok: false, state: 'Connect', reason: `${what} from ${from} is lost: ${w.reason}` };
  }
}

/** FRR `bgp listen range`: a dynamic neighbour for an address inside a range. */
function listenRange(target: DeviceRuntime, ip: Ip): Session | undefined {
  const sp = target.speaker;
  if (!sp) return undefined;
  for (const lr of target.cfg.bgp?.listenRanges ?? []) {
    if (!prefixContainsIp(lr.prefix, ip)) continue;
    const cfg: NeighborConfig = { ...lr.template, address: ip, name: formatIp(ip), peerGroup: lr.peerGroup, passive: true };
    const s = new SessionClass(sp, cfg);
    s.dynamic = true;
    sp.addDynamic(s);
    return s;
  }
  return undefined;
}
