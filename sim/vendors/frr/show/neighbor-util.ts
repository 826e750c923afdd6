// Helpers for the neighbour detail screen.

import { hash32 } from '../../../core/rng.ts';
import type { Ip } from '../../../core/ip.ts';
import { formatIp, networkOf } from '../../../core/ip.ts';
import type { InterfaceView } from '../../../model/state.ts';

export function hash32ip(a: Ip, b: Ip): number {
  return hash32(a, b);
}

export function isIfAddrInSubnetAny(ifaces: readonly InterfaceView[], ip: Ip): boolean {
  return ifaces.some((i) => i.addresses.some((a) => a.len < 32 && networkOf(a.ip, a.len) === networkOf(ip, a.len)));
}

export { formatIp };
