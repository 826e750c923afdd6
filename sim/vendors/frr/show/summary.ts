// `show bgp [ipv4 unicast] summary [json]` — bgpd/bgp_vty.c bgp_show_summary() (FRR 8.4):
//   "Neighbor" column 16 wide (wider for long names), then "4 %10u %9u %9u %8u %4u %4u %8s",
//   State/PfxRcd " %12s" / " %12u", PfxSnt " %8u", then the description (20 chars) or "N/A".
// Memory lines use sizeof() on x86_64 FRR 8.4.4: bgp_dest 192, peer 741464, peer_group 64.

import { formatIp } from '../../../core/ip.ts';
import type { NetworkQuery } from '../../../model/query.ts';
import type { SessionView } from '../../../model/state.ts';
import type { FrrRepr } from '../repr.ts';
import { epochSeconds, frrUptime, memstr, rpad, trieNodeCount } from './common.ts';
import { type Json, jsonPretty } from './json.ts';
import { peerHostname, peerSettings, policyMissing, sortedSessions } from './peers.ts';

export const SIZEOF_BGP_DEST = 192;
export const SIZEOF_PEER = 741464;
export const SIZEOF_PEER_GROUP = 64;

export function peerUptimeSeconds(net: NetworkQuery, s: SessionView): number | undefined {
  if (s.state !== 'Established' && s.establishedCount === 0) return undefined;
  return net.time - s.since;
}

/** Prefixes with a node in FRR's table: the Loc-RIB plus what soft-reconfiguration keeps. */
export function ribEntryCount(net: NetworkQuery, device: string): number {
  const prefixes = net.bgpRoutes(device).map((e) => e.prefix);
  for (const s of net.sessions(device)) {
    if (s.state !== 'Established') continue;
    for (const e of net.adjRibIn(device, s.name, true)) prefixes.push(e.prefix);
  }
  return trieNodeCount(prefixes);
}

export function tableVersion(net: NetworkQuery, device: string): number {
  return net.bgpRoutes(device).length;
}

function stateText(repr: FrrRepr, s: SessionView): string {
  if (s.adminDown) return 'Idle (Admin)';
  return s.state;
}

export function renderSummary(net: NetworkQuery, device: string, repr: FrrRepr, opts: { afiHeader: boolean }): string {
  const bgp = repr.bgp;
  if (!bgp) return '% BGP instance not found';
  const sessions = sortedSessions(net, device);
  const out: string[] = [];
  // bgp_show_summary_afi_safi: an AFI without peers prints nothing, then this.
  if (sessions.length === 0) return '% No BGP neighbors found in VRF default';
  if (opts.afiHeader) out.push('', 'IPv4 Unicast Summary (VRF default):');
  const routerId = formatIp(net.routerId(device));
  out.push(`BGP router identifier ${routerId}, local AS number ${bgp.asn} vrf-id 0`);
  out.push(`BGP table version ${tableVersion(net, device)}`);
  const rib = ribEntryCount(net, device);
  out.push(`RIB entries ${rib}, using ${memstr(rib * SIZEOF_BGP_DEST)} of memory`);
  out.push(`Peers ${sessions.length}, using ${memstr(sessions.length * SIZEOF_PEER)} of memory`);
  if (bgp.peerGroups.size) out.push(`Peer groups ${bgp.peerGroups.size}, using ${memstr(bgp.peerGroups.size * SIZEOF_PEER_GROUP)} of memory`);
  const width = Math.max(16, ...sessions.map((s) => neighborLabel(s).length + 1));
  out.push('');
  out.push('Neighbor'.padEnd(width) + 'V         AS   MsgRcvd   MsgSent   TblVer  InQ OutQ  Up/Down State/PfxRcd   PfxSnt Desc');
  let dynamic = 0;
  for (const s of sessions) {
    if (s.dynamic) dynamic++;
    const up = peerUptimeSeconds(net, s);
    let line =
      neighborLabel(s).padEnd(width) +
      `4 ${rpad(s.remoteAs, 10)} ${rpad(s.msgsReceived, 9)} ${rpad(s.msgsSent, 9)} ${rpad(0, 8)} ${rpad(0, 4)} ${rpad(0, 4)} ${rpad(up === undefined ? 'never' : frrUptime(up), 8)}`;
    if (s.state === 'Established') {
      line += policyMissing(repr, s, 'in') ? ` ${rpad('(Policy)', 12)}` : ` ${rpad(s.prefixesAccepted, 12)}`;
      line += policyMissing(repr, s, 'out') ? ` ${rpad('(Policy)', 8)}` : ` ${rpad(s.prefixesSent, 8)}`;
    } else {
      line += s.adminDown ? ' Idle (Admin)' : ` ${rpad(s.state, 12)}`;
      line += ` ${rpad(0, 8)}`;
    }
    const desc = peerSettings(repr, s)?.description;
    line += desc ? ` ${desc.slice(0, 20)}` : ' N/A';
    out.push(line);
  }
  out.push('');
  out.push(`Total number of neighbors ${sessions.length}`);
  if (dynamic) out.push('* - dynamic neighbor', `${dynamic} dynamic neighbor(s), limit ${bgp.listenLimit ?? 100}`);
  return out.join('\n');
}

function neighborLabel(s: SessionView): string {
  return (s.dynamic ? '*' : '') + formatIp(s.peer);
}

export function renderSummaryJson(net: NetworkQuery, device: string, repr: FrrRepr, opts: { afiHeader: boolean }): string {
  const bgp = repr.bgp;
  if (!bgp) return '{}';
  const sessions = sortedSessions(net, device);
  if (sessions.length === 0) return '{}';
  const peers: Record<string, Json> = {};
  let failed = 0;
  let dynamic = 0;
  for (const s of sessions) {
    if (s.state !== 'Established') failed++;
    if (s.dynamic) dynamic++;
    const up = peerUptimeSeconds(net, s);
    const settings = peerSettings(repr, s);
    const host = s.state === 'Established' ? peerHostname(net, s.peer) : undefined;
    const policy = policyMissing(repr, s, 'in') || policyMissing(repr, s, 'out');
    peers[formatIp(s.peer)] = {
      hostname: host,
      remoteAs: s.remoteAs,
      localAs: s.localAs,
      version: 4,
      msgRcvd: s.msgsReceived,
      msgSent: s.msgsSent,
      tableVersion: 0,
      outq: 0,
      inq: 0,
      peerUptime: up === undefined ? 'never' : frrUptime(up),
      peerUptimeMsec: up === undefined ? 0 : up * 1000,
      peerUptimeEstablishedEpoch: up === undefined ? undefined : epochSeconds(net.time - up),
      pfxRcd: s.state === 'Established' ? s.prefixesAccepted : 0,
      pfxSnt: s.state === 'Established' ? s.prefixesSent : 0,
      state: stateText(repr, s),
      peerState: s.adminDown ? 'Admin' : s.passive ? 'Passive' : policy ? 'Policy' : 'OK',
      connectionsEstablished: s.establishedCount,
      connectionsDropped: Math.max(0, s.establishedCount - (s.state === 'Established' ? 1 : 0)),
      desc: settings?.description,
      idType: 'ipv4',
    };
  }
  const rib = ribEntryCount(net, device);
  const body: Json = {
    routerId: formatIp(net.routerId(device)),
    as: bgp.asn,
    vrfId: 0,
    vrfName: 'default',
    tableVersion: tableVersion(net, device),
    ribCount: rib,
    ribMemory: rib * SIZEOF_BGP_DEST,
    peerCount: sessions.length,
    peerMemory: sessions.length * SIZEOF_PEER,
    peerGroupCount: bgp.peerGroups.size || undefined,
    peerGroupMemory: bgp.peerGroups.size ? bgp.peerGroups.size * SIZEOF_PEER_GROUP : undefined,
    peers,
    failedPeers: failed,
    displayedPeers: sessions.length,
    totalPeers: sessions.length,
    dynamicPeers: dynamic,
    bestPath: { multiPathRelax: bgp.multipathRelax ? 'true' : 'false' },
  };
  // `show bgp summary json` wraps the AFI object by hand: "{\n\"ipv4Unicast\":" … "}\n}".
  if (opts.afiHeader) return `{\n"ipv4Unicast":${jsonPretty(body)}\n}`;
  return jsonPretty(body);
}
