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
  /** Source NAT on the way (natOutgoing): replies go to the NAT device, which sends them on. */
  readonly snat?: { readonly device: string; readonly original: Ip };
}

export interface WalkOptions {
  readonly ttl: number;
  /** Apply kube-proxy DNAT rules on the way (real traffic does; BGP session checks too). */
  readonly dnat?: boolean;
  /** Nesting depth of IP-in-IP encapsulation (a tunnel inside a tunnel is refused). */
  readonly depth?: number;
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
  let snat: { device: string; original: Ip } | undefined;
  const end = (disposition: Disposition, reason: string): WalkResult => {
    const r: { -readonly [K in keyof WalkResult]: WalkResult[K] } = { disposition, reason, hops, at: cur, ttl, flow };
    if (filterAction) r.filterAction = filterAction;
    if (snat) r.snat = snat;
    if (dnatLabel) r.dnat = dnatLabel;
    if (inIface) r.inIface = inIface;
    return r;
  };

  for (let step = 0; step < MAX_HOPS * 2; step++) {
    const dev = fabric.device(cur);
    if (!dev) return end('no-route', `${cur} does not exist`);
    const local = step === 0;

    if (!local && dev.localAddresses.has(flow.src)) {
      // Linux drops a packet that arrives with one of its own addresses as the source
      // (martian source, fib_validate_source with accept_local=0).
      hops.push(inIface ? { device: cur, inIface } : { device: cur });
      return end('filtered', `${cur} drops it: the source ${formatIp(flow.src)} is its own address (martian source)`);
    }
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
    seen.set(cur, (seen.get(cur) ?? 0) + 1);

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
        // A loop shows as the same devices again and again until the TTL runs out.
        const looping = [...seen].filter(([, n]) => n > 1).map(([d]) => d);
        return end('ttl-exceeded', looping.length > 0 ? `routing loop between ${looping.join(' and ')}: TTL expired at ${cur}` : `TTL expired at ${cur}`);
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
    const masq = dev.cfg.masquerade;
    if (!local && masq && !snat && !nh.dev.startsWith('cali') && nh.dev !== 'tunl0' && inRanges(masq.sources, flow.src) && !inRanges(masq.exceptDestinations, flow.dst)) {
      const address = dev.ifacePrimary(nh.dev);
      if (address !== undefined) {
        snat = { device: cur, original: flow.src };
        flow = { ...flow, src: address };
      }
    }
    const outBlocked = filterMatch(dev.cfg.filters, 'out', flow);
    if (outBlocked) {
      filterAction = outBlocked.action === 'reject' ? 'reject' : 'drop';
      hops.push({ device: cur, outIface: nh.dev });
      return end('filtered', `${cur} drops it on the way out (${outBlocked.name})`);
    }
    if (nh.dev === 'tunl0' && nh.gateway !== undefined) {
      // IP-in-IP (Calico ipipMode Always/CrossSubnet): the packet travels inside an outer
      // header from this node to the next hop's node over the underlay; routers in between
      // see only node addresses, and the inner TTL is not touched on the way.
      hops.push(inIface ? { device: cur, inIface, outIface: nh.dev, nextHop: nh.gateway } : { device: cur, outIface: nh.dev, nextHop: nh.gateway });
      if ((opts.depth ?? 0) > 0) return end('unreachable', `${cur}: tunnel inside a tunnel`);
      const outerSrc = sourceFor(dev, nh.gateway) ?? flow.src;
      const outer = walk(fabric, cur, { src: outerSrc, dst: nh.gateway, protocol: 'ipip', sport: 0, dport: 0 }, { ttl: dev.cfg.initialTtl, dnat: false, depth: 1 });
      for (const h of outer.hops.slice(1, -1)) hops.push(h);
      if (outer.disposition !== 'delivered') {
        cur = outer.at;
        return end(outer.disposition, `IPIP tunnel to ${formatIp(nh.gateway)}: ${outer.reason}`);
      }
      cur = outer.at;
      inIface = 'tunl0';
      continue;
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

function inRanges(ranges: readonly { addr: number; len: number }[], ip: Ip): boolean {
  return ranges.some((r) => prefixContainsIp(r, ip));
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
