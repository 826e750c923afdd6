// Small formatting helpers shared by FRR's show renderers.

import type { Ip, Prefix } from '../../../core/ip.ts';
import { formatIp, formatPrefix, networkOf } from '../../../core/ip.ts';
import type { NetworkQuery } from '../../../model/query.ts';
import type { BgpPathView, SessionView } from '../../../model/state.ts';

/** bgpd.c peer_uptime / lib uptime2str: hh:mm:ss under a day, then 1d02h03m, 01w2d03h, 01y02w3d. */
export function frrUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const DAY = 86400;
  const WEEK = 7 * DAY;
  const YEAR = 365 * DAY;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor((s % DAY) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const yday = Math.floor((s % YEAR) / DAY);
  if (s < DAY) return `${p2(Math.floor(s / 3600))}:${p2(m)}:${p2(sec)}`;
  if (s < WEEK) return `${yday}d${p2(h)}h${p2(m)}m`;
  if (s < YEAR) return `${p2(Math.floor(yday / 7))}w${yday % 7}d${p2(h)}h`;
  return `${p2(Math.floor(s / YEAR))}y${p2(Math.floor(yday / 7))}w${yday % 7}d`;
}

/** Printf "%*s"-style right alignment. */
export function rpad(text: string | number, width: number): string {
  return String(text).padStart(width);
}

export function lpad(text: string | number, width: number): string {
  return String(text).padEnd(width);
}

import { LAB_EPOCH_MS } from '../../../core/clock.ts';

/**
 * Wall-clock strings ("Last update: Sun Nov 22 00:34:22 2026"): the simulator has virtual
 * time only, so the lab's clock starts at a fixed, recognisable moment.
 */
export const LAB_EPOCH_UTC = LAB_EPOCH_MS;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime(3) format without the newline. */
export function ctime(virtualSeconds: number): string {
  const d = new Date(LAB_EPOCH_UTC + Math.floor(virtualSeconds) * 1000);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export function epochSeconds(virtualSeconds: number): number {
  return Math.floor(LAB_EPOCH_UTC / 1000 + virtualSeconds);
}

/** FRR route_vty_short_status_out: valid, best/multipath, internal. */
export function statusCodes(p: BgpPathView): string {
  const v = p.stale ? 'S' : p.valid ? '*' : ' ';
  const b = p.best ? '>' : p.multipath ? '=' : ' ';
  const i = p.internal ? 'i' : ' ';
  return v + b + i;
}

/** FRR lists a prefix's paths newest first (bgp_path_info_add prepends). */
export function frrPathOrder(paths: readonly BgpPathView[]): BgpPathView[] {
  return [...paths].sort((a, b) => b.receivedAt - a.receivedAt || (b.local === a.local ? b.from - a.from : a.local ? 1 : -1));
}

export function asPathText(asPath: readonly number[]): string {
  return asPath.join(' ');
}

export const ORIGIN_CODE = ['i', 'e', '?'] as const;
export const ORIGIN_NAME = ['IGP', 'EGP', 'incomplete'] as const;

export function sessionByAddress(net: NetworkQuery, device: string, ip: Ip): SessionView | undefined {
  return net.sessions(device).find((s) => s.peer === ip);
}

/** Number of nodes FRR's route table (lib/table.c, a path-compressed binary trie) holds. */
export function trieNodeCount(prefixes: readonly Prefix[]): number {
  interface N {
    p: Prefix;
    l?: N;
    r?: N;
  }
  const bit = (addr: number, i: number): number => (addr >>> (31 - i)) & 1;
  const covers = (a: Prefix, b: Prefix): boolean => a.len <= b.len && networkOf(b.addr, a.len) === a.addr;
  let root: N | undefined;
  let count = 0;
  const seen = new Set<string>();
  for (const p of prefixes) {
    const key = formatPrefix(p);
    if (seen.has(key)) continue;
    seen.add(key);
    let parent: N | undefined;
    let node = root;
    while (node && covers(node.p, p)) {
      if (node.p.len === p.len) break;
      parent = node;
      node = bit(p.addr, node.p.len) ? node.r : node.l;
    }
    if (node && node.p.len === p.len && node.p.addr === p.addr) continue;
    const fresh: N = { p };
    count++;
    let attach: N = fresh;
    if (node) {
      if (covers(p, node.p)) {
        if (bit(node.p.addr, p.len)) fresh.r = node;
        else fresh.l = node;
      } else {
        // A glue node at the longest common prefix of the two.
        let len = 0;
        while (len < Math.min(p.len, node.p.len) && bit(p.addr, len) === bit(node.p.addr, len)) len++;
        const glue: N = { p: { addr: networkOf(p.addr, len), len } };
        count++;
        if (bit(p.addr, len)) {
          glue.r = fresh;
          glue.l = node;
        } else {
          glue.l = fresh;
          glue.r = node;
        }
        attach = glue;
      }
    }
    if (!parent) root = attach;
    else if (bit(attach.p.addr, parent.p.len)) parent.r = attach;
    else parent.l = attach;
  }
  return count;
}

/** mtype_memstr (lib/lib_vty.c): bytes, KiB above 10 KiB, MiB above 10 MiB, rounded. */
export function memstr(bytes: number): string {
  if (bytes === 0) return '0 bytes';
  if (bytes === 1) return '1 byte';
  let m = Math.floor(bytes / 1048576);
  let k = Math.floor(bytes / 1024);
  if (m > 10) {
    if (bytes & (1 << 19)) m++;
    return `${m} MiB`;
  }
  if (k > 10) {
    if (bytes & (1 << 9)) k++;
    return `${k} KiB`;
  }
  return `${bytes} bytes`;
}

export { formatIp, formatPrefix };
