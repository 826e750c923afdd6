// tcpdump, reduced to what BGP troubleshooting looks at: the TCP/179 traffic of this machine's
// BGP sessions on one interface. The simulator does not record packets, so the capture is
// synthesised from the session states at the start of the capture:
// - Established: each side's KEEPALIVE (19 bytes, every keepalive interval since the session
//   came up) and the other side's ACK;
// - a session that is trying to connect (not passive, not Established): SYN retransmissions
//   (Linux: 1, 3, 7, 15, 31 s after the first) with no answer when the peer's packets are
//   dropped, or a RST when it refused (Connection refused);
// - the same from peers that try to connect to this machine (tcpdump sees packets before
//   netfilter, so an iptables INPUT DROP still shows the incoming SYNs).
// Virtual time passes while capturing: `-c N` stops after N packets (at most 300 s);
// without -c the capture lasts 60 s and ends as if Ctrl-C had been pressed.
// Output format: tcpdump 4.99 (`-n` numeric hosts, `-nn` numeric ports too).

import { formatIp, isIfAddrInSubnet, parseIp, prefixContainsIp } from '../../../core/ip.ts';
import type { Ip } from '../../../core/ip.ts';
import { hash32 } from '../../../core/rng.ts';
import type { PacketFilterRule } from '../../../model/device.ts';
import type { SessionView } from '../../../model/state.ts';
import { hms } from '../render/clock.ts';
import type { Command, ShellEnv } from '../types.ts';
import { fail } from '../types.ts';

interface Packet {
  readonly t: number;
  readonly src: Ip;
  readonly sport: number;
  readonly dst: Ip;
  readonly dport: number;
  readonly text: string;
}

interface Filter {
  readonly port?: number;
  readonly host?: Ip;
  readonly none?: boolean;
}

const SYN_RETRIES = [0, 1, 3, 7, 15, 31];

function parseFilter(words: readonly string[]): Filter | string {
  let port: number | undefined;
  let host: Ip | undefined;
  let none = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'and' || w === '&&' || w === 'tcp' || w === 'ip' || w === 'src' || w === 'dst') continue;
    if (w === 'port') {
      const p = Number(words[++i]);
      if (!Number.isInteger(p)) return `tcpdump: syntax error in filter expression: syntax error`;
      port = p;
    } else if (w === 'host') {
      const ip = parseIp(words[++i] ?? '');
      if (ip === null) return `tcpdump: can't parse filter expression: syntax error`;
      host = ip;
    } else if (w === 'icmp' || w === 'udp' || w === 'arp') none = true;
    else if (w === 'bgp') port = 179;
    else return `tcpdump: syntax error in filter expression: syntax error`;
  }
  return { ...(port !== undefined ? { port } : {}), ...(host !== undefined ? { host } : {}), ...(none ? { none } : {}) };
}

function matches(f: Filter, p: Packet): boolean {
  if (f.none) return false;
  if (f.port !== undefined && p.sport !== f.port && p.dport !== f.port) return false;
  if (f.host !== undefined && p.src !== f.host && p.dst !== f.host) return false;
  return true;
}

/**
 * Whether this machine's own filters drop an outgoing segment (tcpdump sees outgoing packets
 * after netfilter's OUTPUT chain, incoming ones before INPUT).
 */
function outDropped(rules: readonly PacketFilterRule[], p: { src: Ip; sport: number; dst: Ip; dport: number }): boolean {
  for (const r of rules) {
    if (r.direction === 'in') continue;
    if (r.protocol !== 'any' && r.protocol !== 'tcp') continue;
    if (r.port !== undefined && !(r.anyPort ? p.dport === r.port || p.sport === r.port : p.dport === r.port)) continue;
    if (r.sourcePort !== undefined && p.sport !== r.sourcePort) continue;
    if (r.source && !prefixContainsIp(r.source, p.src)) continue;
    if (r.destination && !prefixContainsIp(r.destination, p.dst)) continue;
    return r.action !== 'accept';
  }
  return false;
}

/** The device whose session points at `ip` (the remote end of a session). */
function remoteSessions(env: ShellEnv, local: Ip): { device: string; s: SessionView }[] {
  const out: { device: string; s: SessionView }[] = [];
  for (const d of env.ctx.net.deviceNames()) {
    if (d === env.device) continue;
    for (const s of env.ctx.net.sessions(d)) if (s.peer === local) out.push({ device: d, s });
  }
  return out;
}

function ephemeral(...key: (string | number)[]): number {
  return 32768 + (hash32('ephemeral', ...key) % 28000);
}

function connectPackets(from: Ip, to: Ip, port: number, start: number, refused: boolean, key: string): Packet[] {
  const sport = ephemeral(key, from, to);
  const isn = hash32('isn', key) >>> 0;
  const out: Packet[] = [];
  for (const dt of refused ? [0] : SYN_RETRIES) {
    out.push({ t: start + dt, src: from, sport, dst: to, dport: port, text: `Flags [S], seq ${isn}, win 64240, options [mss 1460,sackOK,TS val ${((hash32('ts', key) % 3000000000) + dt * 1000) >>> 0} ecr 0,nop,wscale 7], length 0` });
  }
  if (refused) out.push({ t: start + 0.000087, src: to, sport: port, dst: from, dport: sport, text: `Flags [R.], seq 0, ack ${(isn + 1) >>> 0}, win 0, length 0` });
  return out;
}

function keepalives(a: Ip, b: Ip, port: number, since: number, interval: number, from: number, to: number, key: string, aIsServer: boolean): Packet[] {
  const out: Packet[] = [];
  if (interval <= 0) return out;
  const eph = ephemeral(key, a, b);
  const [aPort, bPort] = aIsServer ? [port, eph] : [eph, port];
  const seqA = hash32('seqA', key) % 100000;
  const seqB = hash32('seqB', key) % 100000;
  const phase = (hash32('phase', key) % 997) / 1000;
  for (let k = Math.max(1, Math.ceil((from - since) / interval)); since + k * interval < to; k++) {
    const t = since + k * interval;
    const sa = seqA + 19 * k;
    const sb = seqB + 19 * k;
    out.push({ t, src: a, sport: aPort, dst: b, dport: bPort, text: `Flags [P.], seq ${sa}:${sa + 19}, ack ${sb}, win 502, length 19: BGP` });
    out.push({ t: t + 0.000041, src: b, sport: bPort, dst: a, dport: aPort, text: `Flags [.], ack ${sa + 19}, win 509, length 0` });
    if (t + phase < to) {
      out.push({ t: t + phase, src: b, sport: bPort, dst: a, dport: aPort, text: `Flags [P.], seq ${sb}:${sb + 19}, ack ${sa + 19}, win 509, length 19: BGP` });
      out.push({ t: t + phase + 0.000038, src: a, sport: aPort, dst: b, dport: bPort, text: `Flags [.], ack ${sb + 19}, win 502, length 0` });
    }
  }
  return out;
}

export const tcpdump: Command = (args, _stdin, env) => {
  let iface: string | undefined;
  let count: number | undefined;
  let numericPorts = false;
  const expr: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-i' || a === '--interface') iface = args[++i];
    else if (a.startsWith('-i') && a.length > 2) iface = a.slice(2);
    else if (a === '-c') count = Number(args[++i]);
    else if (/^-[nvlqetSN]+$/.test(a)) numericPorts ||= /nn/.test(a);
    else if (a === '-w' || a === '-s' || a === '-C') i++;
    else if (a.startsWith('-')) return fail(`tcpdump: invalid option -- '${a.slice(1, 2)}'`, 1);
    else expr.push(...a.split(/\s+/).filter(Boolean));
  }
  if (args.filter((a) => a === '-n' || a === '-nn').length >= 2) numericPorts = true;
  if (count !== undefined && (!Number.isInteger(count) || count <= 0)) return fail(`tcpdump: invalid packet count ${args[args.indexOf('-c') + 1] ?? ''}`, 1);
  const filter = parseFilter(expr);
  if (typeof filter === 'string') return fail(filter, 1);
  const ifs = env.ctx.net.interfaces(env.device);
  const chosen = iface === undefined ? ifs.find((i) => i.name !== 'lo' && i.addresses.length > 0 && !i.name.startsWith('cali')) : iface === 'any' ? undefined : ifs.find((i) => i.name === iface);
  if (iface !== undefined && iface !== 'any' && !chosen) return fail(`tcpdump: ${iface}: No such device exists\n(SIOCGIFHWADDR: No such device)`, 1);
  const name = iface === 'any' ? 'any' : chosen?.name ?? 'eth0';
  const onIface = (ip: Ip): boolean => iface === 'any' || (chosen?.addresses.some((a) => a.ip === ip || isIfAddrInSubnet(a, ip)) ?? false);

  const net = env.ctx.net;
  const start = net.time;
  const limit = count !== undefined ? 300 : 60;
  const end = start + limit;
  const packets: Packet[] = [];
  const mine = net.sessions(env.device);
  const localOf = (s: SessionView): Ip | undefined => s.localAddress ?? chosen?.addresses[0]?.ip;
  for (const s of mine) {
    const local = localOf(s);
    if (local === undefined || !onIface(local) || !onIface(s.peer)) continue;
    const key = `${env.device}|${s.name}`;
    if (s.state === 'Established') {
      // The side that accepted the connection uses port 179 (the higher router id won a collision).
      const remote = remoteSessions(env, local).find((r) => r.s.localAddress === s.peer || r.s.peer === local);
      const key2 = [env.device, remote?.device ?? formatIp(s.peer)].sort().join('|');
      const iAmServer = s.peerRouterId !== undefined && (net.routerId(env.device) >>> 0) < (s.peerRouterId >>> 0);
      packets.push(...keepalives(local, s.peer, s.port, s.since, s.keepalive, start, end, key2, iAmServer));
    } else if (!s.passive && !s.adminDown && net.running(env.device)) {
      const refused = /refused/i.test(s.lastError?.text ?? '');
      for (let t = start + (hash32('try', key) % 20); t < end; t += 120) packets.push(...connectPackets(local, s.peer, s.port, t, refused, `${key}|${t}`));
    }
  }
  // Peers trying to reach this machine (their SYNs arrive even when INPUT drops them).
  for (const a of chosen?.addresses ?? []) {
    for (const r of remoteSessions(env, a.ip)) {
      if (r.s.state === 'Established' || r.s.passive || r.s.adminDown || !net.running(r.device)) continue;
      if (mine.some((s) => s.peer === (r.s.localAddress ?? -1) && s.state === 'Established')) continue;
      const src = r.s.localAddress ?? net.interfaces(r.device).flatMap((i) => i.addresses).find((x) => isIfAddrInSubnet(x, a.ip))?.ip;
      if (src === undefined) continue;
      const key = `${r.device}|${r.s.name}`;
      const refused = /refused/i.test(r.s.lastError?.text ?? '');
      // The peer's own OUTPUT rules may drop its SYNs before they reach the wire.
      const theirs = net.config(r.device)?.filters ?? [];
      for (let t = start + (hash32('try', key) % 20); t < end; t += 120) {
        packets.push(...connectPackets(src, a.ip, r.s.port, t, refused, `${key}|${t}`).filter((p) => p.src !== src || !outDropped(theirs, p)));
      }
    }
  }
  const myAddrs = new Set(ifs.flatMap((i) => i.addresses.map((a) => a.ip)));
  const mineRules = env.config()?.filters ?? [];
  const seen = packets.filter((p) => !(myAddrs.has(p.src) && outDropped(mineRules, p)));
  seen.sort((x, y) => x.t - y.t || x.src - y.src);
  const shown = seen.filter((p) => p.t >= start && p.t < end && matches(filter, p)).slice(0, count ?? Infinity);
  const stopAt = count !== undefined && shown.length === count ? Math.ceil(shown[shown.length - 1]!.t - start + 0.001) : limit;
  env.ctx.wait(stopAt);
  const port = (p: number): string => (p === 179 && !numericPorts ? 'bgp' : String(p));
  const stamp = (t: number): string => {
    const whole = Math.floor(t);
    const micro = String(Math.floor((t - whole) * 1e6) + (hash32('us', t) % 1000)).padStart(6, '0').slice(0, 6);
    return `${hms(env.wall(whole))}.${micro}`;
  };
  const lines = shown.map((p) => `${stamp(p.t)} IP ${formatIp(p.src)}.${port(p.sport)} > ${formatIp(p.dst)}.${port(p.dport)}: ${p.text}`);
  const head = `tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on ${name}, link-type ${name === 'any' ? 'LINUX_SLL2 (Linux cooked v2)' : 'EN10MB (Ethernet)'}, snapshot length 262144 bytes`;
  const n = shown.length;
  const tail = `${count === undefined ? '^C' : ''}${count === undefined ? '\n' : ''}${n} packet${n === 1 ? '' : 's'} captured\n${n} packet${n === 1 ? '' : 's'} received by filter\n0 packets dropped by kernel`;
  return { stdout: lines.length ? `${lines.join('\n')}\n` : '', stderrHead: head, stderr: tail, code: 0, changed: true };
};
