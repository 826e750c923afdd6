// The read side of the engine that front ends (router CLIs, the node shell, the grader)
// use: state views plus active probes (ping, traceroute, TCP connect). Probes do not change
// routing state; they walk the current FIBs.

import type { Ip, Prefix } from '../core/ip.ts';
import type { LabEvent, PacketTrace } from '../api-types.ts';
import type { DeviceConfig } from './device.ts';
import type { PathAttrs } from './route.ts';
import type { BgpPathView, FibEntryView, InterfaceView, RibRouteView, SessionView } from './state.ts';

export interface BgpRouteEntryView {
  readonly prefix: Prefix;
  /** Best first, then the others in the order the implementation lists them. */
  readonly paths: readonly BgpPathView[];
}

export interface AdjRibEntry {
  readonly prefix: Prefix;
  readonly attrs: PathAttrs;
  /** Pre-policy entries: whether the import policy accepted it, and why not. */
  readonly accepted?: boolean;
  readonly reason?: string;
}

export interface ProbeRequest {
  readonly from: string;
  /** Source address (ping -I / source interface address); default chosen by route lookup. */
  readonly source?: Ip;
  readonly to: Ip;
  readonly count?: number;
  readonly ttl?: number;
}

export interface PingReply {
  readonly seq: number;
  /** Who answered: the target (echo reply) or a router (TTL exceeded / unreachable). */
  readonly from: Ip;
  readonly kind: 'echo-reply' | 'ttl-exceeded' | 'host-unreachable' | 'net-unreachable' | 'admin-prohibited';
  readonly ttl: number;
  readonly timeMs: number;
}

export interface PingResult {
  readonly source: Ip | null;
  readonly sent: number;
  readonly received: number;
  readonly replies: readonly PingReply[];
  readonly trace: PacketTrace;
  /** Local error before anything is sent ("connect: Network is unreachable"). */
  readonly localError?: string;
}

export interface TracerouteHopResult {
  readonly ttl: number;
  /** One entry per probe; null = no answer (`*`). */
  readonly probes: readonly ({ readonly addr: Ip; readonly rttMs: number; readonly note?: string } | null)[];
}

export interface TracerouteResult {
  readonly source: Ip | null;
  readonly hops: readonly TracerouteHopResult[];
  readonly reached: boolean;
  readonly trace: PacketTrace;
  readonly localError?: string;
}

export interface ConnectRequest {
  readonly from: string;
  readonly source?: Ip;
  readonly to: Ip;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
}

export interface ConnectResult {
  readonly ok: boolean;
  /** Device that accepted the connection (after DNAT), and its listener. */
  readonly server?: string;
  readonly serverIp?: Ip;
  readonly serverPort?: number;
  readonly app?: string;
  readonly appData?: Readonly<Record<string, string>>;
  /** 'refused' (RST), 'timeout' (dropped), 'unreachable' (ICMP), 'no-route' (local). */
  readonly failure?: 'refused' | 'timeout' | 'unreachable' | 'no-route';
  readonly trace: PacketTrace;
  /** The DNAT rule applied on the way, if any (kube-proxy). */
  readonly dnat?: string;
}

export interface NetworkQuery {
  /** Virtual time in seconds since the lab started. */
  readonly time: number;
  deviceNames(): readonly string[];
  config(device: string): DeviceConfig | undefined;
  /** Whether the device's routing daemon runs (stop/kill/start). */
  running(device: string): boolean;
  routerId(device: string): Ip;
  interfaces(device: string): readonly InterfaceView[];
  sessions(device: string): readonly SessionView[];
  bgpRoutes(device: string): readonly BgpRouteEntryView[];
  adjRibIn(device: string, session: string, prePolicy: boolean): readonly AdjRibEntry[];
  adjRibOut(device: string, session: string): readonly AdjRibEntry[];
  /** Every candidate route in the main RIB (selected and not), ordered by prefix. */
  rib(device: string): readonly RibRouteView[];
  /** The forwarding table (kernel main table on Linux). */
  fib(device: string): readonly FibEntryView[];
  /** Longest-prefix match in the device's FIB. */
  lookup(device: string, ip: Ip): FibEntryView | undefined;
  ping(request: ProbeRequest): PingResult;
  traceroute(request: ProbeRequest & { readonly maxHops?: number; readonly probes?: number }): TracerouteResult;
  connect(request: ConnectRequest): ConnectResult;
  events(): readonly LabEvent[];
}
