// Check kinds: each reads the simulated network's state (never the text a learner typed)
// and explains a failure with the simulator's own recorded reasons.

import { formatIp, formatPrefix, parseIp, parsePrefix, prefixKey, type Ip } from '../core/ip.ts';
import type { CheckResult } from '../api-types.ts';
import type { NetworkQuery } from '../model/query.ts';
import type { SessionView } from '../model/state.ts';

export type Check =
  | { readonly type: 'session'; readonly device: string; readonly peer: string; readonly state: string }
  | { readonly type: 'session-count'; readonly device: string; readonly state: string; readonly count: number; readonly atLeast?: boolean }
  | { readonly type: 'route'; readonly device: string; readonly prefix: string; readonly present: boolean; readonly via?: readonly string[]; readonly kind?: string }
  | { readonly type: 'bgp-path'; readonly device: string; readonly prefix: string; readonly nextHop?: string; readonly asPath?: readonly number[]; readonly paths?: number }
  | { readonly type: 'ping'; readonly from: string; readonly to: string; readonly success: boolean; readonly ttl?: number; readonly source?: string }
  | { readonly type: 'traceroute'; readonly from: string; readonly to: string; readonly hops: readonly (readonly string[])[]; readonly source?: string }
  | { readonly type: 'connect'; readonly from: string; readonly to: string; readonly port: number; readonly protocol: 'tcp' | 'udp'; readonly success: boolean; readonly app?: string };

export interface CheckDef {
  readonly id: string;
  readonly title: string;
  readonly hint?: string;
  readonly check: Check;
}

/** Resolves "10.0.0.1", or "node/pod" / "pod" device names, to an address. */
export type AddressResolver = (ref: string) => Ip | undefined;

export function runCheck(def: CheckDef, net: NetworkQuery, resolve: AddressResolver): CheckResult {
  const r = evaluate(def.check, net, resolve);
  const reason = r.pass ? r.reason : def.hint ? `${r.reason} — ${def.hint}` : r.reason;
  return { id: def.id, title: def.title, pass: r.pass, reason };
}

interface Outcome {
  pass: boolean;
  reason: string;
}

function findSession(net: NetworkQuery, device: string, peer: string): SessionView | undefined {
  const ip = parseIp(peer);
  return net.sessions(device).find((s) => (ip !== null && s.peer === ip) || s.name === peer);
}

function describeSession(s: SessionView): string {
  const err = s.lastError ? ` (${s.lastError.kind === 'sent' ? 'BGP Error: ' : s.lastError.kind === 'received' ? 'Received: ' : s.lastError.kind === 'socket' ? 'Socket: ' : 'Error: '}${s.lastError.text})` : '';
  return `${s.state}${err}: ${s.reason}`;
}

function evaluate(c: Check, net: NetworkQuery, resolve: AddressResolver): Outcome {
  switch (c.type) {
    case 'session': {
      if (!net.config(c.device)) return { pass: false, reason: `there is no device ${c.device}` };
      const s = findSession(net, c.device, c.peer);
      if (!s) {
        if (!net.running(c.device)) return { pass: false, reason: `the BGP daemon on ${c.device} is not running` };
        return { pass: false, reason: `${c.device} has no BGP neighbor ${c.peer} configured` };
      }
      const pass = s.state === c.state;
      return { pass, reason: pass ? `${c.device} ↔ ${c.peer} is ${s.state}` : `${c.device} ↔ ${c.peer} is ${describeSession(s)}` };
    }
    case 'session-count': {
      const all = net.sessions(c.device);
      const n = all.filter((s) => s.state === c.state).length;
      const pass = c.atLeast ? n >= c.count : n === c.count;
      const others = all.filter((s) => s.state !== c.state).map((s) => `${formatIp(s.peer)} ${describeSession(s)}`);
      return {
        pass,
        reason: `${c.device} has ${n} ${c.state} session(s), expected ${c.atLeast ? 'at least ' : ''}${c.count}${others.length && !pass ? `; not ${c.state}: ${others.slice(0, 3).join('; ')}` : ''}`,
      };
    }
    case 'route': {
      const p = parsePrefix(c.prefix);
      if (!p) return { pass: false, reason: `bad prefix ${c.prefix} in the check` };
      const entry = net.fib(c.device).find((f) => f.prefix.addr === p.addr && f.prefix.len === p.len);
      if (!c.present) {
        return entry ? { pass: false, reason: `${c.device} still has a route to ${formatPrefix(p)}` } : { pass: true, reason: `${c.device} has no route to ${formatPrefix(p)}` };
      }
      if (!entry) return { pass: false, reason: whyNoRoute(net, c.device, p) };
      if (c.kind && entry.type !== c.kind) return { pass: false, reason: `${c.device}'s route to ${formatPrefix(p)} is ${entry.type}, expected ${c.kind}` };
      if (c.via) {
        const want = [...c.via].sort();
        const have = entry.nexthops.map((n) => (n.gateway !== undefined ? formatIp(n.gateway) : n.dev)).sort();
        const pass = want.length === have.length && want.every((w, i) => w === have[i]);
        return { pass, reason: pass ? `${c.device} routes ${formatPrefix(p)} via ${have.join(', ')}` : `${c.device} routes ${formatPrefix(p)} via ${have.join(', ') || entry.type}, expected via ${want.join(', ')}` };
      }
      return { pass: true, reason: `${c.device} has a route to ${formatPrefix(p)}` };
    }
    case 'bgp-path': {
      const p = parsePrefix(c.prefix);
      if (!p) return { pass: false, reason: `bad prefix ${c.prefix} in the check` };
      const e = net.bgpRoutes(c.device).find((x) => prefixKey(x.prefix) === prefixKey(p));
      const best = e?.paths.find((x) => x.best);
      if (!e || !best) return { pass: false, reason: whyNoRoute(net, c.device, p) };
      if (c.nextHop && formatIp(best.attrs.nextHop) !== c.nextHop) return { pass: false, reason: `best path next hop is ${formatIp(best.attrs.nextHop)}, expected ${c.nextHop}` };
      if (c.asPath && best.attrs.asPath.join(' ') !== c.asPath.join(' ')) return { pass: false, reason: `best path AS path is [${best.attrs.asPath.join(' ')}], expected [${c.asPath.join(' ')}]` };
      if (c.paths !== undefined && e.paths.filter((x) => x.source === 'bgp' && !x.local).length !== c.paths) {
        return { pass: false, reason: `${c.device} has ${e.paths.length} path(s) for ${formatPrefix(p)}, expected ${c.paths}` };
      }
      return { pass: true, reason: `best path for ${formatPrefix(p)} via ${formatIp(best.attrs.nextHop)}${best.reason ? ` (${best.reason.text})` : ''}` };
    }
    case 'ping': {
      const to = resolve(c.to);
      if (to === undefined) return { pass: false, reason: `cannot resolve ${c.to}` };
      const src = c.source ? resolve(c.source) : undefined;
      const r = net.ping({ from: c.from, to, count: 1, ...(src !== undefined ? { source: src } : {}) });
      const ok = r.received > 0;
      if (c.success !== ok) {
        return { pass: false, reason: ok ? `${c.from} can still reach ${c.to}` : `${c.from} cannot reach ${c.to}: ${r.localError ?? r.trace.reason}` };
      }
      if (ok && c.ttl !== undefined && r.replies[0]?.ttl !== c.ttl) return { pass: false, reason: `reply ttl=${r.replies[0]?.ttl}, expected ttl=${c.ttl}` };
      return { pass: true, reason: ok ? `${c.from} reaches ${c.to} (ttl=${r.replies[0]?.ttl})` : `${c.from} cannot reach ${c.to}: ${r.trace.reason}` };
    }
    case 'traceroute': {
      const to = resolve(c.to);
      if (to === undefined) return { pass: false, reason: `cannot resolve ${c.to}` };
      const src = c.source ? resolve(c.source) : undefined;
      const r = net.traceroute({ from: c.from, to, probes: 1, ...(src !== undefined ? { source: src } : {}) });
      const got = r.hops.map((h) => (h.probes[0] ? formatIp(h.probes[0].addr) : '*'));
      const pass = r.reached && got.length === c.hops.length && c.hops.every((alts, i) => alts.includes(got[i]!));
      return { pass, reason: pass ? `path ${got.join(' → ')}` : `traceroute went ${got.join(' → ') || '(nowhere)'}${r.reached ? '' : ` and did not arrive: ${r.trace.reason}`}` };
    }
    case 'connect': {
      const to = resolve(c.to);
      if (to === undefined) return { pass: false, reason: `cannot resolve ${c.to}` };
      const r = net.connect({ from: c.from, to, port: c.port, protocol: c.protocol });
      const ok = r.ok && (!c.app || r.app === c.app);
      if (ok !== c.success) return { pass: false, reason: ok ? `${c.from} can still connect to ${c.to}:${c.port}` : `${c.from} cannot connect to ${c.to}:${c.port}: ${r.failure ?? ''} — ${r.trace.reason}` };
      return { pass: true, reason: ok ? `${c.to}:${c.port} answered from ${r.server}` : `${c.to}:${c.port} does not answer (${r.failure})` };
    }
  }
}

/** A learner-facing explanation of why `device` has no route to `p`. */
export function whyNoRoute(net: NetworkQuery, device: string, p: { addr: number; len: number }): string {
  const key = prefixKey(p);
  const entry = net.bgpRoutes(device).find((e) => prefixKey(e.prefix) === key);
  const name = formatPrefix(p);
  if (entry && entry.paths.length > 0) {
    const best = entry.paths.find((x) => x.best);
    if (!best) {
      const invalid = entry.paths.find((x) => !x.valid);
      return invalid ? `${device} has a BGP path for ${name} but its next hop ${formatIp(invalid.attrs.nextHop)} is unreachable` : `${device} has BGP paths for ${name} but none is usable`;
    }
    return `${device} selected a path for ${name} but did not install it in the forwarding table (another route source wins)`;
  }
  const sessions = net.sessions(device);
  const up = sessions.filter((s) => s.state === 'Established');
  if (!net.running(device) && net.config(device)?.bgp) return `the BGP daemon on ${device} is not running`;
  if (sessions.length > 0 && up.length === 0) return `${device} has no route to ${name}: none of its BGP sessions is up (${sessions.map((s) => `${formatIp(s.peer)} ${s.state}`).join(', ')})`;
  return `${device} has no route to ${name}: no BGP neighbour advertised it`;
}
