// calico-node's IPv4 address selection at startup (the `IP` and `IP_AUTODETECTION_METHOD` env
// of the calico-node DaemonSet). The result becomes the Node's BGP address (in KDD the
// projectcalico.org/IPv4Address annotation), so every restart of calico-node — a DaemonSet
// rollout after any env change, `kubectl rollout restart` — may move it.
//
// Sources (C331 = projectcalico/calico v3.31):
// - node/pkg/lifecycle/startup/startup.go configureIPsAndSubnets: with IP unset or
//   "autodetect" the address is re-detected on every start and overwrites the stored one;
//   when detection fails the previous address is kept ("Autodetection of IPv4 address failed,
//   keeping existing value"); IP=<addr> is used as given; IP=none means no IPv4 address.
// - node/pkg/lifecycle/startup/autodetection/autodetection_methods.go: the methods
//   first-found (default), interface=, skip-interface=, cidr=, can-reach=,
//   kubernetes-internal-ip; anything else is "Invalid IP autodetection method" (calico-node exits).
// - autodetection/interfaces.go GetInterfaces: interfaces are scanned in REVERSE index order
//   ("to maintain behavior with older versions"); include/exclude regexes are joined as
//   "(a)|(b)" and matched unanchored.
// - autodetection/autodetection_linux.go DEFAULT_INTERFACES_TO_EXCLUDE (below). Docker's
//   user-defined bridges (`br-…`) are NOT excluded: the classic wrong-address trap.

import { formatIfAddr, isIfAddrInSubnet, parseIfAddr, parseIp, parsePrefix, prefixContainsIp } from '../../core/ip.ts';
import type { IfAddr, Ip } from '../../core/ip.ts';
import type { CalicoHost } from './compile/view.ts';

export const DEFAULT_INTERFACES_TO_EXCLUDE: readonly string[] = [
  '^docker.*', '^cbr.*', '^dummy.*', '^virbr.*', '^lxcbr.*', '^veth.*', '^lo',
  '^cali.*', '^tunl.*', '^flannel.*', '^kube-ipvs.*', '^cni.*',
  '^vxlan\\.calico.*', '^vxlan-v6\\.calico.*', '^wireguard\\.cali.*', '^wg-v6\\.cali.*',
  '^nodelocaldns.*',
];

export type AddressChoice =
  | { readonly kind: 'address'; readonly cidr: string; readonly why: string }
  /** Detection found nothing: calico-node keeps the address it had (or exits without one). */
  | { readonly kind: 'keep'; readonly why: string }
  | { readonly kind: 'none'; readonly why: string }
  /** calico-node terminates at startup (invalid method, invalid IP). */
  | { readonly kind: 'fatal'; readonly why: string };

/** Go's regexp is close enough to JS's for interface-name patterns; a bad one matches nothing. */
function compile(patterns: readonly string[]): RegExp | null | undefined {
  if (patterns.length === 0) return undefined;
  try {
    return new RegExp(`(${patterns.join(')|(')})`);
  } catch {
    return null;
  }
}

/** The host's interfaces as net.Interfaces() lists them: `lo` first, then in lab order. */
function systemInterfaces(h: CalicoHost): { name: string; addrs: readonly IfAddr[] }[] {
  const list = h.interfaces.filter((i) => i.name !== 'lo').map((i) => ({ name: i.name, addrs: i.addresses }));
  return [{ name: 'lo', addrs: [{ ip: 0x7f000001, len: 8 }] }, ...list];
}

function globalUnicast(ip: Ip): boolean {
  const first = ip >>> 24;
  return ip !== 0 && first !== 127 && first < 224 && !(first === 169 && ((ip >>> 16) & 255) === 254);
}

function filtered(h: CalicoHost, incl: readonly string[], excl: readonly string[], cidrs: readonly string[] = []): { iface: string; addr: IfAddr } | string {
  const inc = compile(incl);
  const exc = compile(excl);
  if (inc === null || exc === null) return 'Invalid interface regex';
  const nets = cidrs.map((c) => parsePrefix(c));
  const ifaces = systemInterfaces(h)
    .reverse() // GetInterfaces loops in reverse index order
    .filter((i) => (inc === undefined || inc.test(i.name)) && !(exc !== undefined && exc.test(i.name)));
  if (ifaces.length === 0) return 'no valid host interfaces found';
  for (const i of ifaces) {
    for (const a of i.addrs) {
      if (globalUnicast(a.ip) && (nets.length === 0 || nets.some((n) => n !== null && prefixContainsIp(n, a.ip)))) return { iface: i.name, addr: a };
    }
  }
  return 'no valid IPv4 addresses found on the host interfaces';
}

/** The source address the kernel picks to reach `dest` (a UDP connect): connected subnet, else a route's gateway. */
function sourceFor(h: CalicoHost, dest: Ip): { iface: string; addr: IfAddr } | undefined {
  const connected = (ip: Ip): { iface: string; addr: IfAddr } | undefined => {
    let best: { iface: string; addr: IfAddr } | undefined;
    for (const i of h.interfaces) {
      if (i.shutdown) continue;
      for (const a of i.addresses) if (isIfAddrInSubnet(a, ip) && (!best || a.len > best.addr.len)) best = { iface: i.name, addr: a };
    }
    return best;
  };
  const direct = connected(dest);
  if (direct) return direct;
  const routes = [...h.staticRoutes].filter((r) => r.type === 'unicast' && prefixContainsIp(r.prefix, dest)).sort((a, b) => b.prefix.len - a.prefix.len);
  for (const r of routes) {
    for (const nh of r.nexthops) {
      if (nh.gateway !== undefined) {
        const via = connected(nh.gateway);
        if (via) return via;
      } else if (nh.dev) {
        const i = h.interfaces.find((x) => x.name === nh.dev);
        const a = i?.addresses[0];
        if (i && a) return { iface: i.name, addr: a };
      }
    }
  }
  return undefined;
}

function split(list: string): string[] {
  return list.split(/\s*,\s*/);
}

/**
 * What calico-node chooses at startup on host `h` with the DaemonSet env. `internalIp` is the
 * Kubernetes Node's InternalIP (for kubernetes-internal-ip).
 */
export function chooseNodeAddress(h: CalicoHost, env: Readonly<Record<string, string>>, internalIp?: string): AddressChoice {
  const ipEnv = (env['IP'] ?? '').trim();
  if (ipEnv.toLowerCase() === 'none') return { kind: 'none', why: 'IP=none' };
  if (ipEnv !== '' && ipEnv !== 'autodetect') {
    const a = parseIfAddr(ipEnv.includes('/') ? ipEnv : `${ipEnv}/32`);
    if (!a) return { kind: 'fatal', why: `Failed to parse autodetected CIDR '${ipEnv}'` };
    // GetLocalCIDR: an address without a length takes the length of the interface holding it.
    const own = h.interfaces.flatMap((i) => i.addresses).find((x) => x.ip === a.ip);
    return { kind: 'address', cidr: ipEnv.includes('/') ? ipEnv : own ? formatIfAddr(own) : ipEnv, why: `IP=${ipEnv}` };
  }
  const method = (env['IP_AUTODETECTION_METHOD'] ?? '').trim();
  const found = (r: { iface: string; addr: IfAddr } | string, how: string): AddressChoice =>
    typeof r === 'string' ? { kind: 'keep', why: `Unable to auto-detect an IPv4 address${how}: ${r}` } : { kind: 'address', cidr: formatIfAddr(r.addr), why: `autodetected on interface ${r.iface}${how}` };
  if (method === '' || method === 'first-found') return found(filtered(h, [], DEFAULT_INTERFACES_TO_EXCLUDE), '');
  if (method.startsWith('interface=')) {
    const res = split(method.slice('interface='.length));
    return found(filtered(h, res, []), ` using interface regexes [${res.join(' ')}]`);
  }
  if (method.startsWith('skip-interface=')) {
    const res = split(method.slice('skip-interface='.length));
    return found(filtered(h, [], [...DEFAULT_INTERFACES_TO_EXCLUDE, ...res]), ` while excluding [${res.join(' ')}]`);
  }
  if (method.startsWith('cidr=')) {
    const cidrs = split(method.slice('cidr='.length));
    const bad = cidrs.find((c) => parsePrefix(c) === null);
    if (bad !== undefined) return { kind: 'keep', why: `Invalid CIDR "${bad}" for IP autodetection method: ${method}` };
    return found(filtered(h, [], [], cidrs), ` using interface cidr [${cidrs.join(' ')}]`);
  }
  if (method.startsWith('can-reach=')) {
    const dest = method.slice('can-reach='.length);
    const ip = parseIp(dest);
    // A name would need DNS on the host; the simulated hosts have none.
    if (ip === null) return { kind: 'keep', why: `Unable to auto-detect IPv4 address by connecting to ${dest}: dial udp4: lookup ${dest}: no such host` };
    const src = sourceFor(h, ip);
    if (!src) return { kind: 'keep', why: `Unable to auto-detect IPv4 address by connecting to ${dest}: dial udp4 ${dest}:80: connect: network is unreachable` };
    return { kind: 'address', cidr: formatIfAddr(src.addr), why: `detected by connecting to ${dest}` };
  }
  if (method.startsWith('kubernetes-internal-ip')) {
    const ip = internalIp ? parseIp(internalIp) : null;
    if (ip === null) return { kind: 'keep', why: 'Node has no InternalIP' };
    const own = h.interfaces.flatMap((i) => i.addresses).find((x) => x.ip === ip);
    return { kind: 'address', cidr: own ? formatIfAddr(own) : internalIp!, why: 'kubernetes-internal-ip' };
  }
  return { kind: 'fatal', why: `Invalid IP autodetection method: ${method}` };
}
