// iproute2 output: `ip route`, `ip addr`, `ip link` (iproute2 6.x as on Ubuntu 22.04/24.04;
// formats checked against a real capture in testdata/real/). Lines end with a space, as
// iproute2 prints them.

import { formatIp, formatPrefix, maskOf, networkOf } from '../../../core/ip.ts';
import type { InterfaceConfig } from '../../../model/device.ts';
import type { FibEntryView, InterfaceView } from '../../../model/state.ts';

function dst(e: FibEntryView): string {
  if (e.prefix.len === 0) return 'default';
  return e.prefix.len === 32 ? formatIp(e.prefix.addr) : formatPrefix(e.prefix);
}

/** iproute2 hides `proto boot` (routes added by hand / by the CNI). */
function proto(p: string): string {
  if (p === 'boot' || p === 'felix' || p === '') return '';
  return ` proto ${p}`;
}

export function routeLine(e: FibEntryView): string {
  const type = e.type === 'unicast' ? '' : `${e.type === 'prohibit' ? 'prohibit' : e.type} `;
  if (e.nexthops.length > 1) {
    let s = `${type}${dst(e)}${proto(e.proto)}${e.metric ? ` metric ${e.metric}` : ''} `;
    for (const nh of e.nexthops) {
      s += `\n\tnexthop ${nh.gateway !== undefined ? `via ${formatIp(nh.gateway)} ` : ''}dev ${nh.dev} weight ${nh.weight ?? 1}${nh.onlink ? ' onlink' : ''} `;
    }
    return s;
  }
  const nh = e.nexthops[0];
  let s = `${type}${dst(e)}`;
  if (nh?.gateway !== undefined) s += ` via ${formatIp(nh.gateway)}`;
  if (nh?.dev) s += ` dev ${nh.dev}`;
  s += proto(e.proto);
  if (e.scope) s += ` scope ${e.scope}`;
  if (e.prefsrc !== undefined) s += ` src ${formatIp(e.prefsrc)}`;
  if (e.metric) s += ` metric ${e.metric}`;
  if (nh?.onlink) s += ' onlink';
  return `${s} `;
}

/** The kernel's dump order: by address, longer prefix first for the same address. */
export function kernelOrder(a: FibEntryView, b: FibEntryView): number {
  return a.prefix.addr - b.prefix.addr || b.prefix.len - a.prefix.len;
}

export function renderRoutes(fib: readonly FibEntryView[]): string {
  const sorted = [...fib].sort(kernelOrder);
  return sorted.map((e) => `${routeLine(e)}\n`).join('');
}

/** EUI-64 link-local address from a MAC (what the kernel configures on every Ethernet link). */
export function linkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  if (b.length !== 6 || b.some((x) => Number.isNaN(x))) return 'fe80::1';
  b[0] = b[0]! ^ 2;
  const words = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | 0xff, (0xfe << 8) | b[3]!, (b[4]! << 8) | b[5]!];
  return `fe80::${words.map((w) => w.toString(16)).join(':')}`;
}

export interface LinkInfo {
  readonly view: InterfaceView;
  readonly cfg?: InterfaceConfig;
  readonly index: number;
  /** Index of the other end (veth `@ifN`), for cali/eth0 pairs. */
  readonly peerIndex?: number;
}

function flags(l: LinkInfo): { flags: string; state: string; mtu: number; qdisc: string } {
  const v = l.view;
  if (v.name === 'tunl0') return { flags: v.adminUp ? '<NOARP,UP,LOWER_UP>' : '<NOARP>', state: v.adminUp ? 'UNKNOWN' : 'DOWN', mtu: 1480, qdisc: 'noqueue' };
  const veth = v.name.startsWith('cali') || l.cfg?.peerDevice !== undefined || (l.cfg?.segment ?? '').startsWith('veth:');
  const qdisc = veth ? 'noqueue' : 'fq_codel';
  if (!v.adminUp) return { flags: '<BROADCAST,MULTICAST>', state: 'DOWN', mtu: 1500, qdisc };
  if (!v.linkUp) return { flags: '<NO-CARRIER,BROADCAST,MULTICAST,UP>', state: 'DOWN', mtu: 1500, qdisc };
  return { flags: '<BROADCAST,MULTICAST,UP,LOWER_UP>', state: 'UP', mtu: 1500, qdisc };
}

function ifname(l: LinkInfo): string {
  if (l.view.name === 'tunl0') return 'tunl0@NONE';
  if (l.peerIndex !== undefined) return `${l.view.name}@if${l.peerIndex}`;
  return l.view.name;
}

const LO = [
  '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
  '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
];

function linkHeader(l: LinkInfo): string[] {
  const f = flags(l);
  const out = [`${l.index}: ${ifname(l)}: ${f.flags} mtu ${f.mtu} qdisc ${f.qdisc} state ${f.state} group default qlen 1000`];
  if (l.view.name === 'tunl0') out.push('    link/ipip 0.0.0.0 brd 0.0.0.0');
  else out.push(`    link/ether ${l.view.mac} brd ff:ff:ff:ff:ff:ff${l.peerIndex !== undefined ? (l.view.name.startsWith('cali') ? ' link-netns cni-' + cniId(l.view.name) : ' link-netnsid 0') : ''}`);
  return out;
}

function cniId(cali: string): string {
  const h = cali.slice(4).padEnd(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 11)}a-4e5f-9b1c-2d3e4f5a6b7c`;
}

export function renderLinks(links: readonly LinkInfo[]): string {
  const out = [...LO];
  for (const l of links) out.push(...linkHeader(l));
  return `${out.join('\n')}\n`;
}

/** `ip addr`; `v4only` is `ip -4 addr` (no inet6 lines, no link/ether lines). */
export function renderAddrs(links: readonly LinkInfo[], only?: string, v4only = false): string {
  const out: string[] = [];
  if (!only || only === 'lo') {
    out.push(LO[0]!);
    if (!v4only) out.push(LO[1]!);
    out.push('    inet 127.0.0.1/8 scope host lo', '       valid_lft forever preferred_lft forever');
    if (!v4only) out.push('    inet6 ::1/128 scope host ', '       valid_lft forever preferred_lft forever');
  }
  for (const l of links) {
    if (only && l.view.name !== only) continue;
    // `ip -4 addr` lists only interfaces with an IPv4 address, without the link line.
    if (v4only && l.view.addresses.length === 0) continue;
    out.push(...(v4only ? linkHeader(l).slice(0, 1) : linkHeader(l)));
    for (const a of l.view.addresses) {
      const brd = a.len < 31 ? ` brd ${formatIp((networkOf(a.ip, a.len) | ~maskOf(a.len)) >>> 0)}` : '';
      out.push(`    inet ${formatIp(a.ip)}/${a.len}${brd} scope global ${l.view.name}`, '       valid_lft forever preferred_lft forever');
    }
    if (!v4only && l.view.name !== 'tunl0' && l.view.adminUp) {
      out.push(`    inet6 ${linkLocal(l.view.mac)}/64 scope link `, '       valid_lft forever preferred_lft forever');
    }
  }
  return `${out.join('\n')}\n`;
}
