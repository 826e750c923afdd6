// A hand-built NetworkQuery for renderer tests: views are given, probes answer from tables.

import type { LabEvent } from '../../../api-types.ts';
import type { Ip } from '../../../core/ip.ts';
import type { DeviceConfig } from '../../../model/device.ts';
import type {
  AdjRibEntry,
  BgpRouteEntryView,
  ConnectRequest,
  ConnectResult,
  NetworkQuery,
  PingResult,
  ProbeRequest,
  TracerouteResult,
} from '../../../model/query.ts';
import type { FibEntryView, InterfaceView, RibRouteView, SessionView } from '../../../model/state.ts';

export interface FixtureDevice {
  readonly config?: DeviceConfig;
  readonly running?: boolean;
  readonly routerId?: Ip;
  readonly interfaces?: readonly InterfaceView[];
  readonly sessions?: readonly SessionView[];
  readonly bgpRoutes?: readonly BgpRouteEntryView[];
  readonly fib?: readonly FibEntryView[];
  readonly adjRibOut?: Readonly<Record<string, readonly AdjRibEntry[]>>;
}

export interface Fixture {
  readonly time: number;
  readonly devices: Readonly<Record<string, FixtureDevice>>;
  readonly events?: readonly LabEvent[];
  readonly ping?: (r: ProbeRequest) => PingResult;
  readonly traceroute?: (r: ProbeRequest) => TracerouteResult;
  readonly connect?: (r: ConnectRequest) => ConnectResult;
}

const NO_TRACE = { disposition: 'no-route' as const, reason: 'fixture', forward: [], back: [] };

export function fixtureNet(f: Fixture): NetworkQuery {
  const d = (name: string): FixtureDevice => f.devices[name] ?? {};
  return {
    time: f.time,
    deviceNames: () => Object.keys(f.devices),
    config: (n) => d(n).config,
    running: (n) => d(n).running ?? true,
    routerId: (n) => d(n).routerId ?? 0,
    interfaces: (n) => d(n).interfaces ?? [],
    sessions: (n) => d(n).sessions ?? [],
    bgpRoutes: (n) => d(n).bgpRoutes ?? [],
    adjRibIn: () => [],
    adjRibOut: (n, s) => d(n).adjRibOut?.[s] ?? [],
    rib: (): RibRouteView[] => [],
    fib: (n) => d(n).fib ?? [],
    lookup: (n, ip) => {
      let best: FibEntryView | undefined;
      for (const e of d(n).fib ?? []) {
        const mask = e.prefix.len === 0 ? 0 : (0xffffffff << (32 - e.prefix.len)) >>> 0;
        if (((ip & mask) >>> 0) === e.prefix.addr && (!best || e.prefix.len > best.prefix.len)) best = e;
      }
      return best;
    },
    ping: (r) => f.ping?.(r) ?? { source: null, sent: r.count ?? 1, received: 0, replies: [], trace: NO_TRACE },
    traceroute: (r) => f.traceroute?.(r) ?? { source: null, hops: [], reached: false, trace: NO_TRACE },
    connect: (r) => f.connect?.(r) ?? { ok: false, failure: 'timeout', trace: NO_TRACE },
    events: () => f.events ?? [],
  };
}
