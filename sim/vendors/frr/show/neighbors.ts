// `show bgp [ipv4 unicast] neighbors [A.B.C.D]` — bgpd/bgp_vty.c bgp_show_peer() and
// bgp_show_peer_afi(), laid out like the FRR 8.4.4 capture in testdata/real/tor-lab/tor.txt.
// Ports, last read/write and update-group numbers are not in the neutral state; they are
// derived deterministically so the screen reads like the real one.

import { formatIp, hash32ip, isIfAddrInSubnetAny } from './neighbor-util.ts';
import type { NetworkQuery } from '../../../model/query.ts';
import type { SessionView } from '../../../model/state.ts';
import type { FrrRepr } from '../repr.ts';
import { frrUptime } from './common.ts';
import { peerHostname, peerSettings, policyMissing, sortedSessions } from './peers.ts';
import { peerUptimeSeconds } from './summary.ts';

function updateGroups(net: NetworkQuery, device: string, repr: FrrRepr): Map<string, number> {
  const groups = new Map<string, number>();
  const out = new Map<string, number>();
  for (const s of sortedSessions(net, device)) {
    if (s.state !== 'Established') continue;
    const p = peerSettings(repr, s);
    const key = [s.internal, s.rrClient, p?.af.routeMapOut, p?.af.prefixListOut, p?.af.nextHopSelf, s.remoteAs].join('|');
    if (!groups.has(key)) groups.set(key, groups.size + 1);
    out.set(s.name, groups.get(key)!);
  }
  return out;
}

export function renderNeighbors(net: NetworkQuery, device: string, repr: FrrRepr, only?: SessionView): string {
  const bgp = repr.bgp;
  if (!bgp) return '% BGP instance not found';
  const sessions = only ? [only] : sortedSessions(net, device);
  const groups = updateGroups(net, device, repr);
  return sessions.map((s) => renderPeer(net, device, repr, s, groups.get(s.name))).join('');
}

function renderPeer(net: NetworkQuery, device: string, repr: FrrRepr, s: SessionView, group: number | undefined): string {
  const bgp = repr.bgp!;
  const p = peerSettings(repr, s);
  const est = s.state === 'Established';
  const o: string[] = [];
  o.push(`BGP neighbor is ${formatIp(s.peer)}, remote AS ${s.remoteAs}, local AS ${s.localAs}, ${s.internal ? 'internal' : 'external'} link`);
  o.push('  Local Role: undefined', '  Remote Role: undefined');
  if (p?.description) o.push(` Description: ${p.description}`);
  const host = est ? peerHostname(net, s.peer) : undefined;
  if (host) o.push(`Hostname: ${host}`);
  if (s.peerGroup) o.push(` Member of peer-group ${s.peerGroup} for session parameters`);
  if (s.adminDown) o.push(' Administratively shut down');
  o.push(`  BGP version 4, remote router ID ${formatIp(est ? (s.peerRouterId ?? 0) : 0)}, local router ID ${formatIp(net.routerId(device))}`);
  const up = peerUptimeSeconds(net, s);
  o.push(est ? `  BGP state = Established, up for ${frrUptime(up ?? 0)}` : `  BGP state = ${s.state}`);
  const age = Math.max(0, net.time - s.since);
  if (est) {
    const idle = age % Math.max(1, s.keepalive || 60);
    o.push(`  Last read ${frrUptime(idle)}, Last write ${frrUptime(idle)}`);
  } else o.push(`  Last read ${frrUptime(age)}, Last write never`);
  const conf = p?.timers ?? bgp.timers ?? { keepalive: 60, hold: 180 };
  o.push(`  Hold time is ${est ? s.holdTime : conf.hold} seconds, keepalive interval is ${est ? s.keepalive : conf.keepalive} seconds`);
  o.push(`  Configured hold time is ${conf.hold} seconds, keepalive interval is ${conf.keepalive} seconds`);
  o.push('  Configured conditional advertisements interval is 60 seconds');
  const frrPeer = host !== undefined;
  if (est) {
    o.push('  Neighbor capabilities:');
    o.push('    4 Byte AS: advertised and received');
    o.push(frrPeer ? '    Extended Message: advertised and received' : '    Extended Message: advertised');
    o.push('    AddPath:');
    o.push(frrPeer ? '      IPv4 Unicast: RX advertised and received' : s.addPathTx ? '      IPv4 Unicast: TX received' : '      IPv4 Unicast: RX advertised');
    if (s.addPathTx && !frrPeer) o.push('      IPv4 Unicast: RX advertised and received');
    o.push(frrPeer ? '    Long-lived Graceful Restart: advertised and received' : '    Long-lived Graceful Restart: advertised');
    o.push('      Address families by peer:');
    o.push(frrPeer ? '    Route refresh: advertised and received(old & new)' : '    Route refresh: advertised and received(new)');
    o.push('    Enhanced Route Refresh: advertised and received');
    o.push('    Address Family IPv4 Unicast: advertised and received');
    o.push(
      frrPeer
        ? `    Hostname Capability: advertised (name: ${repr.hostname},domain name: n/a) received (name: ${host},domain name: n/a)`
        : `    Hostname Capability: advertised (name: ${repr.hostname},domain name: n/a) not received`,
    );
    o.push(s.gracefulRestart ? '    Graceful Restart Capability: advertised and received' : '    Graceful Restart Capability: advertised');
    if (s.gracefulRestart) o.push('      Remote Restart timer is 120 seconds', '      Address families by peer:', '        none');
  }
  o.push('  Graceful restart information:');
  if (est) o.push('    End-of-RIB send: IPv4 Unicast', '    End-of-RIB received: IPv4 Unicast');
  o.push('    Local GR Mode: Helper*');
  o.push(est ? `    Remote GR Mode: ${s.gracefulRestart ? 'Helper' : 'Disable'}` : '    Remote GR Mode: NotApplicable');
  o.push(`    R bit: ${est ? 'True' : 'False'}`, `    N bit: ${est ? 'True' : 'False'}`);
  o.push('    Timers:', '      Configured Restart Time(sec): 120', `      Received Restart Time(sec): ${est && s.gracefulRestart ? 120 : 0}`);
  if (est) {
    o.push('    IPv4 Unicast:', '      F bit: False', '      End-of-RIB sent: Yes', '      End-of-RIB sent after update: Yes', '      End-of-RIB received: Yes');
    o.push('      Timers:', '        Configured Stale Path Time(sec): 360');
  }
  // Message statistics: the neutral view has totals and updates; opens/keepalives make up the rest.
  const opensOut = s.establishedCount > 0 || est ? s.establishedCount : 0;
  const opensIn = opensOut;
  const notifOut = s.lastError?.kind === 'sent' ? 1 : 0;
  const notifIn = s.lastError?.kind === 'received' ? 1 : 0;
  const kaOut = Math.max(0, s.msgsSent - s.updatesSent - opensOut - notifOut);
  const kaIn = Math.max(0, s.msgsReceived - s.updatesReceived - opensIn - notifIn);
  const r10 = (n: number): string => String(n).padStart(10);
  o.push('  Message statistics:', '    Inq depth is 0', '    Outq depth is 0', '                         Sent       Rcvd');
  o.push(`    Opens:         ${r10(opensOut)} ${r10(opensIn)}`);
  o.push(`    Notifications: ${r10(notifOut)} ${r10(notifIn)}`);
  o.push(`    Updates:       ${r10(s.updatesSent)} ${r10(s.updatesReceived)}`);
  o.push(`    Keepalives:    ${r10(kaOut)} ${r10(kaIn)}`);
  o.push(`    Route Refresh: ${r10(0)} ${r10(0)}`);
  o.push(`    Capability:    ${r10(0)} ${r10(0)}`);
  o.push(`    Total:         ${r10(s.msgsSent)} ${r10(s.msgsReceived)}`);
  o.push(`  Minimum time between advertisement runs is ${s.internal ? 0 : 0} seconds`);
  if (p?.updateSource) o.push(`  Update source is ${p.updateSource}`);
  o.push('');
  o.push(' For address family: IPv4 Unicast');
  if (s.peerGroup) o.push(`  ${s.peerGroup} peer-group member`);
  if (est && group !== undefined) o.push(`  Update group ${group}, subgroup ${group}`, '  Packet Queue length 0');
  else o.push('  Not part of any update group');
  if (s.rrClient) o.push('  Route-Reflector Client');
  if (p?.af.softReconfig) o.push('  Inbound soft reconfiguration allowed');
  if (p?.af.nextHopSelf) o.push('  NEXT_HOP is always this router');
  if (p?.af.allowasIn !== undefined) o.push(`  allowas-in: ${p.af.allowasIn === 'origin' ? 'origin' : p.af.allowasIn}`);
  o.push('  Community attribute sent to this neighbor(all)');
  const inPolicy = p?.af.routeMapIn !== undefined || p?.af.prefixListIn !== undefined;
  const outPolicy = p?.af.routeMapOut !== undefined || p?.af.prefixListOut !== undefined;
  if (inPolicy) o.push('  Inbound path policy configured');
  if (outPolicy) o.push('  Outbound path policy configured');
  const star = (exists: boolean): string => (exists ? '*' : '');
  if (p?.af.prefixListIn) o.push(`  Incoming update prefix filter list is ${star(repr.prefixLists.has(p.af.prefixListIn))}${p.af.prefixListIn}`);
  if (p?.af.prefixListOut) o.push(`  Outgoing update prefix filter list is ${star(repr.prefixLists.has(p.af.prefixListOut))}${p.af.prefixListOut}`);
  if (p?.af.routeMapIn) o.push(`  Route map for incoming advertisements is ${star(repr.routeMaps.has(p.af.routeMapIn))}${p.af.routeMapIn}`);
  if (p?.af.routeMapOut) o.push(`  Route map for outgoing advertisements is ${star(repr.routeMaps.has(p.af.routeMapOut))}${p.af.routeMapOut}`);
  if (policyMissing(repr, s, 'in')) o.push('  Inbound updates discarded due to missing policy');
  if (policyMissing(repr, s, 'out')) o.push('  Outbound updates discarded due to missing policy');
  o.push(`  ${est ? s.prefixesAccepted : 0} accepted prefixes`);
  o.push('');
  const dropped = Math.max(0, s.establishedCount - (est ? 1 : 0));
  o.push(`  Connections established ${s.establishedCount}; dropped ${dropped}`);
  o.push(`  Last reset ${frrUptime(age)},  ${resetReason(s)}`);
  const hops = s.internal ? 255 : (p?.ebgpMultihop ?? 1);
  o.push(`  ${s.internal ? 'Internal' : 'External'} BGP neighbor may be up to ${hops} hops away.`);
  if (est && s.localAddress !== undefined) {
    const initiator = s.passive ? false : s.localAddress < s.peer;
    const eph = 32768 + (hash32ip(s.localAddress, s.peer) % 28000);
    o.push(`Local host: ${formatIp(s.localAddress)}, Local port: ${initiator ? eph : 179}`);
    o.push(`Foreign host: ${formatIp(s.peer)}, Foreign port: ${initiator ? 179 : eph}`);
    o.push(`Nexthop: ${formatIp(s.localAddress)}`, 'Nexthop global: ::', 'Nexthop local: ::');
    const shared = isIfAddrInSubnetAny(net.interfaces(device), s.peer);
    o.push(`BGP connection: ${shared ? 'shared network' : 'non shared network'}`);
  }
  o.push(`BGP Connect Retry Timer in Seconds: ${p?.connectRetry ?? 120}`);
  if (!est && !s.adminDown && s.state !== 'Idle') o.push(`Next connect timer due in ${Math.max(1, Math.round(120 - (age % 120)))} seconds`);
  if (p?.password) o.push('Peer Authentication Enabled');
  o.push(est ? `Read thread: on  Write thread: on  FD used: ${16 + (hash32ip(s.peer, 0) % 16)}` : 'Read thread: off  Write thread: off  FD used: -1');
  return o.join('\n') + '\n\n\n';
}

function resetReason(s: SessionView): string {
  if (s.adminDown) return 'No AFI/SAFI activated for peer';
  const e = s.lastError;
  if (e && s.state !== 'Established') {
    if (e.kind === 'sent') return `BGP Notification send (${e.text})`;
    if (e.kind === 'received') return `BGP Notification received (${e.text})`;
  }
  return 'Waiting for peer OPEN';
}
