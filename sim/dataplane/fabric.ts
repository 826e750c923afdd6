// What the packet walk needs to know about the network: per-device forwarding tables,
// addresses and interfaces, and which device answers ARP for an address on a segment.
// The engine implements it; the walk itself stays independent of BGP.

import type { Ip, Prefix } from '../core/ip.ts';
import type { DeviceConfig } from '../model/device.ts';
import type { FibEntryView } from '../model/state.ts';

export interface FabricDevice {
  readonly cfg: DeviceConfig;
  /** Routing daemon state does not matter for forwarding (the kernel keeps forwarding). */
  lookup(dst: Ip): FibEntryView | undefined;
  /** Address → interface name, for every address configured on an up interface. */
  readonly localAddresses: ReadonlyMap<Ip, string>;
  ifaceUp(name: string): boolean;
  /** Address used as the source on an interface (primary address), or undefined. */
  ifacePrimary(name: string): Ip | undefined;
  /** The device's "main" address (first address of the first addressed interface). */
  mainAddress(): Ip | undefined;
}

export interface Fabric {
  device(name: string): FabricDevice | undefined;
  /**
   * Resolves an on-link next-hop address on the segment behind `device`/`iface` (ARP):
   * the device and ingress interface that answer for `ip`, or undefined.
   */
  arp(device: string, iface: string, ip: Ip): { device: string; iface: string } | undefined;
}

export interface FlowKey {
  readonly src: Ip;
  readonly dst: Ip;
  /** 'ipip': the outer header of an IP-in-IP packet (protocol 4). */
  readonly protocol: 'icmp' | 'tcp' | 'udp' | 'ipip';
  readonly sport: number;
  readonly dport: number;
}

export type { Prefix };
