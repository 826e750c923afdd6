// IPv4 addresses and prefixes as plain numbers: an address is an unsigned 32-bit integer,
// a prefix is {addr, len} with the host bits cleared. Numbers keep the hot paths (best-path,
// FIB lookup) allocation-free; formatting happens only at the edges (show output, JSON).

export type Ip = number;

export interface Prefix {
  readonly addr: Ip;
  readonly len: number;
}

/** An interface address: the host address plus the length of its connected network. */
export interface IfAddr {
  readonly ip: Ip;
  readonly len: number;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses dotted-quad IPv4 text; returns null for anything else (never throws). */
export function parseIp(text: string): Ip | null {
  const m = DOTTED.exec(text.trim());
  if (!m) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i]!;
    if (part.length > 1 && part[0] === '0') return null; // 010 is ambiguous (octal in some tools)
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value >>> 0;
}

export function formatIp(ip: Ip): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

/** Netmask for a prefix length, e.g. 24 → 0xffffff00. */
export function maskOf(len: number): number {
  return len <= 0 ? 0 : len >= 32 ? 0xffffffff : (0xffffffff << (32 - len)) >>> 0;
}

export function networkOf(ip: Ip, len: number): Ip {
  return (ip & maskOf(len)) >>> 0;
}

export function prefix(addr: Ip, len: number): Prefix {
  return { addr: networkOf(addr, len), len };
}

/** Parses "A.B.C.D/len" (or a bare address = /32). `strict` rejects host bits set. */
export function parsePrefix(text: string, strict = false): Prefix | null {
  const t = text.trim();
  if (t === 'default') return { addr: 0, len: 0 };
  const slash = t.indexOf('/');
  const ipText = slash < 0 ? t : t.slice(0, slash);
  const ip = parseIp(ipText);
  if (ip === null) return null;
  let len = 32;
  if (slash >= 0) {
    const lenText = t.slice(slash + 1);
    if (!/^\d{1,2}$/.test(lenText)) return null;
    len = Number(lenText);
    if (len > 32) return null;
  }
  if (strict && networkOf(ip, len) !== ip) return null;
  return { addr: networkOf(ip, len), len };
}

/** Parses "A.B.C.D/len" keeping the host bits (interface addresses). */
export function parseIfAddr(text: string): IfAddr | null {
  const t = text.trim();
  const slash = t.indexOf('/');
  if (slash < 0) return null;
  const ip = parseIp(t.slice(0, slash));
  const lenText = t.slice(slash + 1);
  if (ip === null || !/^\d{1,2}$/.test(lenText)) return null;
  const len = Number(lenText);
  if (len > 32) return null;
  return { ip, len };
}

/** Dotted netmask (255.255.255.0) → length, or null when the mask is not contiguous. */
export function maskToLen(mask: Ip): number | null {
  const inverted = ~mask >>> 0;
  if ((inverted & (inverted + 1)) !== 0) return null;
  let len = 0;
  for (let m = mask >>> 0; m & 0x80000000; m = (m << 1) >>> 0) len++;
  return len;
}

export function formatPrefix(p: Prefix): string {
  return `${formatIp(p.addr)}/${p.len}`;
}

export function formatIfAddr(a: IfAddr): string {
  return `${formatIp(a.ip)}/${a.len}`;
}

export function formatMask(len: number): string {
  return formatIp(maskOf(len));
}

/** A number that identifies a prefix, usable as a Map key (addr·64 + len < 2^53). */
export function prefixKey(p: Prefix): number {
  return p.addr * 64 + p.len;
}

export function prefixFromKey(key: number): Prefix {
  return { addr: Math.floor(key / 64), len: key % 64 };
}

export function prefixContainsIp(p: Prefix, ip: Ip): boolean {
  return networkOf(ip, p.len) === p.addr;
}

/** True when `inner` equals `outer` or is more specific (BIRD's `net ~ outer`). */
export function prefixCovers(outer: Prefix, inner: Prefix): boolean {
  return inner.len >= outer.len && networkOf(inner.addr, outer.len) === outer.addr;
}

export function samePrefix(a: Prefix, b: Prefix): boolean {
  return a.addr === b.addr && a.len === b.len;
}

/** Orders prefixes the way routers list them: by address, then by length. */
export function comparePrefix(a: Prefix, b: Prefix): number {
  return a.addr - b.addr || a.len - b.len;
}

export function compareIp(a: Ip, b: Ip): number {
  return a - b;
}

export function isIfAddrInSubnet(a: IfAddr, ip: Ip): boolean {
  return networkOf(a.ip, a.len) === networkOf(ip, a.len);
}

/** Go-style string comparison of dotted addresses, as Calico's templates compare peer IPs. */
export function ipStringGreater(a: Ip, b: Ip): boolean {
  return formatIp(a) > formatIp(b);
}

export function isPrivateAsn(asn: number): boolean {
  return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);
}

/** "64512" or dotted "1.10" (asdot) → number; null when invalid. */
export function parseAsn(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 4294967295 ? n : null;
  }
  const m = /^(\d+)\.(\d+)$/.exec(t);
  if (m) {
    const hi = Number(m[1]);
    const lo = Number(m[2]);
    if (hi <= 65535 && lo <= 65535) return hi * 65536 + lo;
  }
  return null;
}
