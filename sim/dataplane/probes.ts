// ping, traceroute and TCP/UDP connects built on the packet walk: each probe goes out, the
// answer (echo reply, ICMP error, SYN-ACK) must find its own way back, and the result says
// what a real tool would print plus a trace with the reason for the topology animation.

import { formatIp, type Ip } from '../core/ip.ts';
import { hash32 } from '../core/rng.ts';
import type { PacketTrace } from '../api-types.ts';
import type { ConnectRequest, ConnectResult, PingReply, PingResult, ProbeRequest, TracerouteHopResult, TracerouteResult } from '../model/query.ts';
import type { Fabric } from './fabric.ts';
import { sourceFor, walk, type FlowKey, type WalkResult } from './forward.ts';

interface Answer {
  readonly kind: PingReply['kind'];
  readonly from: Ip;
  readonly ttl: number;
  readonly back: WalkResult;
}

/** Sends one packet and works out what comes back to the sender. */
function probe(fabric: Fabric, origin: string, flow: FlowKey, ttl: number): { fw: WalkResult; answer?: Answer } {
  const fw = walk(fabric, origin, flow, { ttl });
  const at = fabric.device(fw.at)!;
  let kind: PingReply['kind'] | undefined;
  let from: Ip | undefined;
  switch (fw.disposition) {
    case 'delivered':
      kind = 'echo-reply';
      from = fw.flow.dst;
      break;
    case 'ttl-exceeded':
      kind = 'ttl-exceeded';
      break;
    case 'no-route':
      if (fw.at !== origin) kind = 'net-unreachable';
      break;
    case 'unreachable-neighbor':
    case 'unreachable':
      kind = 'host-unreachable';
      break;
    case 'filtered':
      if (fw.filterAction === 'reject') kind = 'admin-prohibited';
      break;
    default:
      break;
  }
  if (!kind) return { fw };
  from ??= sourceFor(at, flow.src);
  if (from === undefined) return { fw };
  if (fw.at === origin && kind !== 'echo-reply') {
    // The sender itself could not forward: the error is local (no packet on the wire).
    return { fw, answer: { kind, from, ttl: at.cfg.initialTtl, back: fw } };
  }
  const back = replyWalk(fabric, fw, { src: from, dst: flow.src, protocol: 'icmp', sport: flow.dport, dport: flow.sport }, at.cfg.initialTtl);
  if (back.disposition !== 'delivered' || back.at !== origin) return { fw };
  return { fw, answer: { kind, from, ttl: back.ttl, back } };
}

/**
 * The answer's way back from where the request ended. With source NAT on the way the answer
 * goes to the NAT device's address first; conntrack there sends it on to the original
 * source (forwarding it, so one more TTL).
 */
export function replyWalk(fabric: Fabric, fw: WalkResult, reply: FlowKey, ttl: number): WalkResult {
  if (!fw.snat) return walk(fabric, fw.at, reply, { ttl });
  const first = walk(fabric, fw.at, { ...reply, dst: fw.flow.src }, { ttl });
  if (first.disposition !== 'delivered' || first.at !== fw.snat.device) return first;
  const second = walk(fabric, fw.snat.device, { ...reply, dst: fw.snat.original }, { ttl: first.ttl - 1 });
  return { ...second, hops: [...first.hops.slice(0, -1), ...second.hops] };
}

function devicesOf(w: WalkResult): string[] {
  const out: string[] = [];
  for (const h of w.hops) if (out[out.length - 1] !== h.device) out.push(h.device);
  if (out[out.length - 1] !== w.at) out.push(w.at);
  return out;
}

function traceOf(fw: WalkResult, answer: Answer | undefined, target: Ip): PacketTrace {
  const forward = devicesOf(fw);
  const back = answer && answer.kind === 'echo-reply' ? devicesOf(answer.back) : [];
  if (fw.disposition === 'delivered') {
    if (!answer) return { disposition: 'no-return-path', reason: `${fw.at} got it but its answer cannot get back (no route back to the source)`, forward, back };
    return { disposition: 'delivered', reason: `${formatIp(target)} answered`, forward, back, replyTtl: answer.ttl };
  }
  const map: Record<string, PacketTrace['disposition']> = {
    'no-route': 'no-route',
    'ttl-exceeded': 'ttl-exceeded',
    'null-routed': 'null-routed',
    unreachable: 'no-route',
    filtered: 'filtered',
    'unreachable-neighbor': 'unreachable-neighbor',
    'not-forwarding': 'no-route',
    loop: 'ttl-exceeded',
  };
  return { disposition: map[fw.disposition] ?? 'no-route', reason: fw.reason, forward, back };
}

export function probePing(fabric: Fabric, req: ProbeRequest): PingResult {
  const dev = fabric.device(req.from);
  const count = req.count ?? 3;
  if (!dev) return { source: null, sent: 0, received: 0, replies: [], trace: { disposition: 'no-route', reason: `no device ${req.from}`, forward: [], back: [] }, localError: 'unknown host' };
  const route = dev.lookup(req.to);
  const local = dev.localAddresses.has(req.to);
  if (!route && !local) {
    return { source: null, sent: 0, received: 0, replies: [], trace: { disposition: 'no-route', reason: `${req.from} has no route to ${formatIp(req.to)}`, forward: [req.from], back: [] }, localError: 'connect: Network is unreachable' };
  }
  if (route && !local && route.type !== 'unicast') {
    return { source: null, sent: 0, received: 0, replies: [], trace: { disposition: 'null-routed', reason: `${req.from} has a ${route.type} route for ${formatIp(req.to)}`, forward: [req.from], back: [] }, localError: route.type === 'blackhole' ? 'sendmsg: Invalid argument' : 'connect: No route to host' };
  }
  const src = req.source ?? (local ? req.to : sourceFor(dev, req.to)) ?? 0;
  const flow: FlowKey = { src, dst: req.to, protocol: 'icmp', sport: 0x1234, dport: 0 };
  const ttl = req.ttl ?? dev.cfg.initialTtl;
  const { fw, answer } = probe(fabric, req.from, flow, ttl);
  const replies: PingReply[] = [];
  if (answer) {
    const hops = answer.kind === 'echo-reply' ? Math.max(1, fw.hops.length - 1 + answer.back.hops.length - 1) : fw.hops.length;
    for (let seq = 1; seq <= count; seq++) {
      replies.push({ seq, from: answer.from, kind: answer.kind, ttl: answer.ttl, timeMs: rtt(req.from, req.to, seq, hops) });
    }
  }
  const received = answer?.kind === 'echo-reply' ? count : 0;
  return { source: src, sent: count, received, replies, trace: traceOf(fw, answer, req.to) };
}

export function probeTraceroute(fabric: Fabric, req: ProbeRequest & { readonly maxHops?: number; readonly probes?: number }): TracerouteResult {
  const dev = fabric.device(req.from);
  const max = req.maxHops ?? 30;
  const nprobes = req.probes ?? 3;
  if (!dev) return { source: null, hops: [], reached: false, trace: { disposition: 'no-route', reason: `no device ${req.from}`, forward: [], back: [] }, localError: 'unknown host' };
  const route = dev.lookup(req.to);
  if (!route && !dev.localAddresses.has(req.to)) {
    return { source: null, hops: [], reached: false, trace: { disposition: 'no-route', reason: `${req.from} has no route to ${formatIp(req.to)}`, forward: [req.from], back: [] }, localError: 'connect: Network is unreachable' };
  }
  const src = req.source ?? sourceFor(dev, req.to) ?? 0;
  const hops: TracerouteHopResult[] = [];
  let reached = false;
  let last: { fw: WalkResult; answer?: Answer } | undefined;
  for (let ttl = 1; ttl <= max; ttl++) {
    // UDP probes to 33434+: one flow per traceroute, so the ECMP leg stays the same.
    const flow: FlowKey = { src, dst: req.to, protocol: 'udp', sport: 40000, dport: 33434 };
    const r = probe(fabric, req.from, flow, ttl);
    last = r;
    const answer = r.answer;
    const probes: TracerouteHopResult['probes'][number][] = [];
    let note: string | undefined;
    if (answer?.kind === 'net-unreachable') note = '!N';
    else if (answer?.kind === 'host-unreachable') note = '!H';
    else if (answer?.kind === 'admin-prohibited') note = '!X';
    for (let i = 0; i < nprobes; i++) {
      if (!answer) probes.push(null);
      else probes.push(note ? { addr: answer.from, rttMs: rtt(req.from, req.to, ttl * 7 + i, ttl), note } : { addr: answer.from, rttMs: rtt(req.from, req.to, ttl * 7 + i, ttl) });
    }
    hops.push({ ttl, probes });
    if (answer?.kind === 'echo-reply') {
      reached = true;
      break;
    }
    if (note) break;
    // Past the point where the probe dies silently, real traceroute prints stars up to the
    // hop limit; stop once the walk itself ended short of this TTL.
    if (!answer && r.fw.disposition !== 'ttl-exceeded' && ttl >= r.fw.hops.length + 2) {
      for (let t = ttl + 1; t <= Math.min(max, ttl + 2); t++) hops.push({ ttl: t, probes: Array.from({ length: nprobes }, () => null) });
      break;
    }
  }
  const fw = last?.fw;
  const trace: PacketTrace = fw ? traceOf(fw, last?.answer, req.to) : { disposition: 'no-route', reason: 'no probe sent', forward: [], back: [] };
  return { source: src, hops, reached, trace };
}

export function probeConnect(fabric: Fabric, req: ConnectRequest): ConnectResult {
  const dev = fabric.device(req.from);
  const none: PacketTrace = { disposition: 'no-route', reason: `${req.from} has no route to ${formatIp(req.to)}`, forward: [req.from], back: [] };
  if (!dev) return { ok: false, failure: 'no-route', trace: none };
  const local = dev.localAddresses.has(req.to);
  const route = dev.lookup(req.to);
  if (!route && !local) return { ok: false, failure: 'no-route', trace: none };
  const src = req.source ?? (local ? req.to : sourceFor(dev, req.to)) ?? 0;
  const flow: FlowKey = { src, dst: req.to, protocol: req.protocol, sport: 40000 + (hash32(req.from, req.to) % 20000), dport: req.port };
  const fw = walk(fabric, req.from, flow, { ttl: dev.cfg.initialTtl });
  const forward = devicesOf(fw);
  const dnat = fw.dnat;
  if (fw.disposition !== 'delivered') {
    const t = traceOf(fw, undefined, req.to);
    const failure = fw.disposition === 'filtered' ? (fw.filterAction === 'reject' ? 'refused' : 'timeout') : fw.disposition === 'null-routed' || fw.disposition === 'not-forwarding' || fw.disposition === 'ttl-exceeded' || fw.disposition === 'loop' ? 'timeout' : 'unreachable';
    return { ok: false, failure, trace: t, ...(dnat ? { dnat } : {}) };
  }
  const server = fabric.device(fw.at)!;
  const listener = server.cfg.listeners.find((l) => l.protocol === req.protocol && l.port === fw.flow.dport);
  const back = replyWalk(fabric, fw, { src: fw.flow.dst, dst: src, protocol: req.protocol, sport: fw.flow.dport, dport: flow.sport }, server.cfg.initialTtl);
  if (back.disposition !== 'delivered' || back.at !== req.from) {
    return {
      ok: false,
      failure: 'timeout',
      trace: { disposition: 'no-return-path', reason: `${fw.at} answers but the reply cannot get back: ${back.reason}`, forward, back: devicesOf(back) },
      ...(dnat ? { dnat } : {}),
    };
  }
  const trace: PacketTrace = { disposition: 'delivered', reason: `${fw.at} ${listener ? 'accepted' : 'refused'} the connection`, forward, back: devicesOf(back) };
  if (!listener) return { ok: false, failure: 'refused', trace, server: fw.at, serverIp: fw.flow.dst, serverPort: fw.flow.dport, ...(dnat ? { dnat } : {}) };
  return {
    ok: true,
    server: fw.at,
    serverIp: fw.flow.dst,
    serverPort: fw.flow.dport,
    app: listener.app,
    ...(listener.data ? { appData: listener.data } : {}),
    trace,
    ...(dnat ? { dnat } : {}),
  };
}

/** Deterministic, plausible round-trip times (LAN-like: a few hundred microseconds per hop). */
function rtt(from: string, to: Ip, seq: number, hops: number): number {
  const jitter = (hash32(from, to, seq) % 1000) / 10000;
  return Math.round((0.05 + 0.12 * Math.max(1, hops) + jitter) * 1000) / 1000;
}
