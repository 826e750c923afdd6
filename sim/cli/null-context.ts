// An ExecContext for replaying startup configurations before the device is in a lab: nothing
// to show, commits do nothing (the lab reads deviceConfig() once the file has been replayed).

import type { SettleResult } from '../api-types.ts';
import type { ExecContext } from '../model/frontend.ts';
import type { NetworkQuery } from '../model/query.ts';

const NO_TRACE = { disposition: 'no-route' as const, reason: 'not in a lab', forward: [], back: [] };
const SETTLED: SettleResult = { converged: true, steps: 0, time: 0 };

export const NULL_QUERY: NetworkQuery = {
  time: 0,
  deviceNames: () => [],
  config: () => undefined,
  running: () => false,
  routerId: () => 0,
  interfaces: () => [],
  sessions: () => [],
  bgpRoutes: () => [],
  adjRibIn: () => [],
  adjRibOut: () => [],
  rib: () => [],
  fib: () => [],
  lookup: () => undefined,
  ping: () => ({ source: null, sent: 0, received: 0, replies: [], trace: NO_TRACE, localError: 'Network is unreachable' }),
  traceroute: () => ({ source: null, hops: [], reached: false, trace: NO_TRACE, localError: 'Network is unreachable' }),
  connect: () => ({ ok: false, failure: 'no-route', trace: NO_TRACE }),
  events: () => [],
};

export const NULL_CONTEXT: ExecContext = {
  net: NULL_QUERY,
  commit: () => SETTLED,
  daemon: () => undefined,
  link: () => undefined,
  wait: () => SETTLED,
};
