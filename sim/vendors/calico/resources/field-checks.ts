// Field-level checks shared by the resource validators: the libcalico-go validator tags
// (validator.go, C331) and the Kubernetes apimachinery name/label rules, with their texts.

import { parseIp } from '../../../core/ip.ts';
import { selectorError } from '../selector/selector.ts';

/** Loose IPv6 syntax check (Go net.ParseIP accepts these; the simulator routes IPv4 only). */
export function isIPv6(s: string): boolean {
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const groups = s.split(':').filter((g, i, a) => !(g === '' && (i === 0 || i === a.length - 1 || dbl.length === 2)));
  const last = groups[groups.length - 1] ?? '';
  const v4tail = last.includes('.') ? (parseIp(last) === null ? -1 : 2) : 0;
  if (v4tail < 0) return false;
  const hex = v4tail ? groups.slice(0, -1) : groups;
  if (!hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const n = hex.length + v4tail;
  return dbl.length === 2 ? n < 8 : n === 8;
}

/** net.ParseIP != nil. */
export function isIP(s: string): boolean {
  return parseIp(s) !== null || isIPv6(s);
}

export function isIPv4(s: string): boolean {
  return parseIp(s) !== null;
}

/** cnet.ParseCIDROrIP: "A.B.C.D/len" or a bare address. Returns the address, length and masked flag. */
export function parseCidrOrIp(s: string): { v6: boolean; len: number; masked: boolean; ip: number } | null {
  const slash = s.indexOf('/');
  const ipText = slash < 0 ? s : s.slice(0, slash);
  const lenText = slash < 0 ? undefined : s.slice(slash + 1);
  const v4 = parseIp(ipText);
  if (v4 === null) {
    if (!isIPv6(ipText)) return null;
    if (lenText !== undefined && (!/^\d{1,3}$/.test(lenText) || Number(lenText) > 128)) return null;
    // IPv6 is accepted for validation only; masking is not checked precisely.
    return { v6: true, len: lenText === undefined ? 128 : Number(lenText), masked: true, ip: 0 };
  }
  if (lenText !== undefined && (!/^\d{1,2}$/.test(lenText) || Number(lenText) > 32)) return null;
  const len = lenText === undefined ? 32 : Number(lenText);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return { v6: false, len, masked: ((v4 & mask) >>> 0) === v4, ip: v4 };
}

/** Tag `net`: a strictly masked CIDR (or a bare IP). */
export function isNet(s: string): boolean {
  const c = parseCidrOrIp(s);
  return c !== null && c.masked;
}

/** Tag `netv4`. */
export function isNetV4(s: string): boolean {
  const c = parseCidrOrIp(s);
  return c !== null && !c.v6 && c.masked;
}

/** Tag `cidrv4`: an IPv4 CIDR, host bits allowed, or a bare IPv4 address. */
export function isCidrV4(s: string): boolean {
  const c = parseCidrOrIp(s);
  return c !== null && !c.v6;
}

/** Tag `IP:port` (validator.go processIPPort): "IP", "IPv4:port" or "[IPv6]:port", port 1-65535. */
export function parseIpPort(s: string): { ip: string; port: number } | null {
  if (s === '') return null;
  let ip = s;
  let port = 0;
  const v4p = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(s);
  const v6p = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(s);
  const m = v4p ?? v6p;
  if (m) {
    ip = m[1]!;
    if (!/^\d{1,5}$/.test(m[2]!) || Number(m[2]) > 65535 || Number(m[2]) < 1) return null;
    port = Number(m[2]);
  }
  return isIP(ip) ? { ip, port } : null;
}

/** Tag `name`: DNS-1123 subdomain (validator.go nameRegex). */
export const NAME_SUBDOMAIN_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const NAME_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export function isName(s: string): boolean {
  return NAME_RE.test(s);
}

/** Tag `selector`. */
export function isSelector(s: string): boolean {
  return selectorError(s) === undefined;
}

/** Tag `ignoredInterface`. */
export function isIgnoredInterface(s: string): boolean {
  return s !== '*' && /^[a-zA-Z0-9_.*-]{1,15}$/.test(s);
}

/** Tag `bgpFilterInterface`. */
export function isBgpFilterInterface(s: string): boolean {
  return s === '*' || /^[a-zA-Z0-9_.*-]{1,15}$/.test(s);
}

// --- Kubernetes apimachinery util/validation (k8s.io/apimachinery/pkg/util/validation) ---

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" +
  NAME_SUBDOMAIN_FMT +
  "')";

/** validation.IsQualifiedName: a label key or annotation key. */
export function qualifiedNameErrors(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!NAME_RE.test(prefix)) errs.push(`prefix part ${DNS1123_SUBDOMAIN_MSG}`);
    }
  } else {
    return [
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME_FMT}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME_RE.test(name)) {
    errs.push(
      `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${QUALIFIED_NAME_FMT}')`,
    );
  }
  return errs;
}

/** validation.IsValidLabelValue. */
export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(value)) {
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return errs;
}
