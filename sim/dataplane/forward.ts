// The packet walk: follows one packet hop by hop through the FIBs, applying packet filters,
// kube-proxy DNAT and TTL, and returns where it ended and why (Batfish-style dispositions).

import { formatIp, type Ip } from '../core/ip.ts';
import { hash32 } from '../core/rng.ts';
import type { PacketFilterRule } from '../model/device.ts';
import type { Fabric, FabricDevice, FlowKey } from './fabric.ts';
import { prefixContainsIp } from '../core/ip.ts';

export type Disposition =
  | 'delivered'
  | 'no-route'
  | 'ttl-exceeded'
  | 'null-routed'
  | 'unreachable'
  | 'filtered'
  | 'unreachable-neighbor'
  | 'not-forwarding'
  | 'loop';

export interface WalkHop {
  readonly device: string;
  readonly inIface?: string;
  readonly outIface?: string;
  readonly nextHop?: Ip;
}

export interface WalkResult {
  readonly disposition: Disposition;
  readonly reason: string;
  readonly hops: readonly WalkHop[];
  /** Device where the walk ended (delivered to, dropped at, expired at). */
  readonly at: string;
  /** TTL left when the packet arrived at `at` (after decrements). */
  readonly ttl: number;
  /** The flow after DNAT (what the final device sees). */
  readonly flow: FlowKey;
  readonly dnat?: string;
  /** Interface the packet came in on at `at`. */
  readonly inIface?: string;
  /** For 'filtered': what the matching rule does (drop silently, or reject with RST/ICMP). */
  readonly filterAction?: 'drop' | 'reject';
}

export interface WalkOptions {
  readonly ttl: number;
  /** Apply kube-proxy DNAT rules on the way (real traffic does; BGP session checks too). */
  readonly dnat?: boolean;
}

const MAX_HOPS = 64;

/** Walks a packet that `origin` sends (locally generated: no TTL decrement at the origin). */
export function walk(fabric: Fabric, origin: string, flowIn: FlowKey, opts: WalkOptions): WalkResult {
  let flow = flowIn;
  let ttl = opts.ttl;
  let cur = origin;
  let inIface: string | undefined;
  let dnatLabel: string | undefined;
  const hops: WalkHop[] = [];
  const seen = new Map<string, number>();
  let filterAction: 'drop' | 'reject' | undefined;
  const end = (disposition: Disposition, reason: string): WalkResult => {
    const r: { -readonly [K in keyof WalkResult]: WalkResult[K] } = { disposition, reason, hops, at: cur, ttl, flow };
    if (filterAction) r.filterAction = filterAction;
    if (dnatLabel) r.dnat = dnatLabel;
    if (inIface) r.inIface = inIface;
    return r;
  };

  for (let step = 0; step < MAX_HOPS * 2; step++) {
    const dev = fabric.device(cur);
    if (!dev) return end('no-route', `${cur} does not exist`);
    const local = step === 0;

    if (!local) {
      const blocked = filterMatch(dev.cfg.filters, 'in', flow);
      if (blocked) {
        filterAction = blocked.action === 'reject' ? 'reject' : 'drop';
        return end('filtered', `${cur} ${filterAction === 'reject' ? 'rejects' : 'drops'} it (${blocked.name})`);
      }
      if (opts.dnat !== false) {
        const rule = dev.cfg.dnat.find((r) => r.ip === flow.dst && r.port === flow.dport && r.protocol === flow.protocol);
        if (rule && rule.endpoints.length > 0) {
          const ep = rule.endpoints[hash32(flow.src, flow.sport, rule.ip, rule.port) % rule.endpoints.length]!;
          flow = { ...flow, dst: ep.ip, dport: ep.port };
          dnatLabel = `${rule.label} → ${formatIp(ep.ip)}:${ep.port}`;
        }
      }
    }
    if (dev.localAddresses.has(flow.dst)) {
      hops.push(inIface ? { device: cur, inIface } : { device: cur });
      return end('delivered', `delivered to ${cur}`);
    }
    if (!local) {
      if (!dev.cfg.forwarding) {
        hops.push(inIface ? { device: cur, inIface } : { device: cur });
        return end('not-forwarding', `${cur} does not forward packets (not a router)`);
      }
    }
    const visits = (seen.get(cur) ?? 0) + 1;
    seen.set(cur, visits);
    if (visits > 2 && !local) {
      hops.push({ device: cur });
      return end('loop', `routing loop through ${cur}`);
    }

    // Linux looks the route up on input (ip_route_input) before ip_forward checks the TTL:
    // with no route the router answers "unreachable" even to a TTL-1 probe.
    const route = dev.lookup(flow.dst);
    if (!route) {
      hops.push(inIface ? { device: cur, inIface } : { device: cur });
      return end('no-route', `${cur} has no route to ${formatIp(flow.dst)}`);
    }
    if (!local) {
      ttl -= 1;
      if (ttl <= 0) {
        hops.push(inIface ? { device: cur, inIface } : { device: cur });
        return end('ttl-exceeded', `TTL expired at ${cur}`);
      }
    }
    if (route.type === 'blackhole') {
      hops.push(inIface ? { device: cur, inIface } : { device: cur });
      return end('null-routed', `${cur} drops it: blackhole route ${formatIp(route.prefix.addr)}/${route.prefix.len}`);
    }
    if (route.type !== 'unicast' || route.nexthops.length === 0) {
      hops.push(inIface ? { device: cur, inIface } : { device: cur });
      return end('unreachable', `${cur} has an ${route.type} route for ${formatIp(flow.dst)}`);
    }
    const nh = route.nexthops.length === 1 ? route.nexthops[0]! : route.nexthops[ecmpIndex(cur, flow, route.nexthops.length)]!;
    if (!dev.ifaceUp(nh.dev)) {
      hops.push(inIface ? { device: cur, inIface } : { device: cur });
      return end('no-route', `${cur}: interface ${nh.dev} is down`);
    }
    const outBlocked = filterMatch(dev.cfg.filters, 'out', flow);
    if (outBlocked) {
      filterAction = outBlocked.action === 'reject' ? 'reject' : 'drop';
      hops.push({ device: cur, outIface: nh.dev });
      return end('filtered', `${cur} drops it on the way out (${outBlocked.name})`);
    }
    const target = nh.gateway ?? flow.dst;
    const next = fabric.arp(cur, nh.dev, target);
    const hop: WalkHop = inIface ? { device: cur, inIface, outIface: nh.dev } : { device: cur, outIface: nh.dev };
    hops.push(nh.gateway !== undefined ? { ...hop, nextHop: nh.gateway } : hop);
    if (!next) {
      return end('unreachable-neighbor', `${cur}: no answer to ARP for ${formatIp(target)} on ${nh.dev}`);
    }
    cur = next.device;
    inIface = next.iface;
  }
  return end('loop', 'too many hops');
}

/**
 * Linux's default multipath hash (fib_multipath_hash_policy=0) uses the L3 addresses only,
 * so every packet of a flow — and every probe of one traceroute — takes the same leg. The
 * real hash is seeded per boot; ours is seeded by the device name, so runs are repeatable.
 */
export function ecmpIndex(device: string, flow: FlowKey, n: number): number {
  return hash32(device, flow.src, flow.dst) % n;
}

function filterMatch(rules: readonly PacketFilterRule[], dir: 'in' | 'out', flow: FlowKey): PacketFilterRule | undefined {
  for (const r of rules) {
    if (r.direction !== dir && r.direction !== 'both') continue;
    if (r.protocol !== 'any' && r.protocol !== flow.protocol) continue;
    if (r.port !== undefined) {
      const portHit = r.anyPort ? flow.dport === r.port || flow.sport === r.port : flow.dport === r.port;
      if (!portHit) continue;
    }
    if (r.sourcePort !== undefined && flow.sport !== r.sourcePort) continue;
    if (r.source && !prefixContainsIp(r.source, flow.src)) continue;
    if (r.destination && !prefixContainsIp(r.destination, flow.dst)) continue;
    if (r.action === 'accept') return undefined;
    return r;
  }
  return undefined;
}

/** Source address Linux picks for a packet `dev` originates towards `dst` (or an ICMP error). */
export function sourceFor(dev: FabricDevice, dst: Ip): Ip | undefined {
  const route = dev.lookup(dst);
  if (route) {
    if (route.prefsrc !== undefined) return route.prefsrc;
    const nh = route.nexthops[0];
    if (nh) {
      const primary = dev.ifacePrimary(nh.dev);
      if (primary !== undefined) return primary;
    }
  }
  return dev.mainAddress();
}

export type { FlowKey };
