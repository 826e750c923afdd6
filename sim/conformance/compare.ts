// Fact-by-fact comparison of what the simulator did with what the real daemons did.
// Deliberate differences are declared here, narrowly, each with its reason:
//  - timings (convergence seconds, `since` columns) are not compared;
//  - BIRD ADD-PATH duplicates: path lists are not compared for BIRD, only the best path and
//    the set of prefixes (README "behaviour a simulator gets wrong" 3);
//  - CLUSTER_LIST is compared as a set (BIRD prints it in append order);
//  - ECMP legs: a traceroute hop matches when the address belongs to the same device
//    (the kernel's multipath hash is seeded per boot; ours by device name);
//  - workload interface names (`cali…`) are compared as "a cali* device": the harness
//    hashes node/pod names, Calico hashes namespace.pod;
//  - non-Established session states (Active/Connect/Idle) depend on retry timing; only
//    Established vs not is compared, plus the error text when one was recorded.

import { formatIp, formatPrefix, parsePrefix, prefixKey } from '../core/ip.ts';
import type { Network } from '../engine/network.ts';
import type { FibEntryView } from '../model/state.ts';

export interface Fact {
  readonly device: string;
  readonly fact: string;
  readonly expected: string;
  readonly actual: string;
  readonly ok: boolean;
}

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

function normPrefix(t: string): string {
  const p = parsePrefix(t === 'default' ? '0.0.0.0/0' : t);
  return p ? formatPrefix(p) : t;
}

function devName(dev: string): string {
  return dev.startsWith('cali') ? 'cali*' : dev;
}

function nhText(nhs: readonly { gateway?: string | number; dev?: string }[]): string {
  return nhs
    .map((n) => `${n.gateway !== undefined ? (typeof n.gateway === 'number' ? formatIp(n.gateway) : n.gateway) : ''}@${devName(n.dev ?? '')}`)
    .sort()
    .join(',');
}

export function compareDevice(net: Network, name: string, rec: Rec): Fact[] {
  const facts: Fact[] = [];
  const add = (fact: string, expected: string, actual: string): void => {
    facts.push({ device: name, fact, expected, actual, ok: expected === actual });
  };
  const kind = String(rec['kind']);
  const bird = kind === 'calico-node';

  // ---- sessions
  const ours = net.sessions(name);
  const recSessions = arr(rec['sessions']);
  for (const s of recSessions) {
    const peer = String(s['peer']);
    const mine = ours.find((o) => formatIp(o.peer) === peer);
    const est = (st: string | undefined): string => (st === 'Established' ? 'Established' : 'not established');
    add(`session ${peer} state`, est(String(s['state'])), mine ? est(mine.state) : 'missing');
    if (!mine) continue;
    add(`session ${peer} rr-client`, String(s['rrClient'] === true), String(mine.rrClient));
    add(`session ${peer} peer AS`, String(s['peerAs']), String(mine.remoteAs));
    if (bird && s['name']) add(`session ${peer} protocol name`, String(s['name']), mine.name);
  }
  add(
    'session peers',
    recSessions.map((s) => String(s['peer'])).sort().join(' '),
    ours.map((o) => formatIp(o.peer)).sort().join(' '),
  );

  // ---- RIB: prefixes and best paths
  const routes = net.bgpRoutes(name);
  const ourByKey = new Map(routes.map((e) => [prefixKey(e.prefix), e]));
  const recRib = arr(rec['rib']);
  add(
    'RIB prefixes',
    recRib.map((e) => normPrefix(String(e['prefix']))).sort().join(' '),
    routes.map((e) => formatPrefix(e.prefix)).sort().join(' '),
  );
  for (const e of recRib) {
    const pfx = normPrefix(String(e['prefix']));
    const p = parsePrefix(pfx)!;
    const mine = ourByKey.get(prefixKey(p));
    const recBest = arr(e['paths']).find((x) => x['best'] === true);
    const best = mine?.paths.find((x) => x.best);
    if (!recBest) {
      add(`${pfx} best`, 'none', best ? 'selected' : 'none');
      continue;
    }
    const src = String(recBest['source']);
    const ourSrc = best ? (best.source === 'local' ? 'bgp' : best.source) : 'none';
    add(`${pfx} best source`, src, ourSrc);
    if (src === 'bgp' && best && best.source === 'bgp') {
      add(`${pfx} best next hop`, String(recBest['bgpNextHop']), formatIp(best.attrs.nextHop));
      add(`${pfx} best AS path`, JSON.stringify(recBest['asPath'] ?? []), JSON.stringify(best.attrs.asPath));
      if (bird) {
        const cl = (v: unknown): string => (Array.isArray(v) ? [...(v as string[])].sort().join(',') : '');
        add(`${pfx} best CLUSTER_LIST`, cl(recBest['clusterList']), (best.attrs.clusterList ?? []).map(formatIp).sort().join(','));
        add(`${pfx} best from`, String(recBest['from']), formatIp(best.from));
      } else {
        add(`${pfx} paths`, String(arr(e['paths']).length), String(mine?.paths.filter((x) => x.source === 'bgp').length ?? 0));
      }
    }
  }

  // ---- FIB
  const fib = net.fib(name);
  const recFib = arr(rec['fib']);
  const ourFib = new Map<string, FibEntryView>(fib.map((f) => [formatPrefix(f.prefix), f]));
  add(
    'FIB destinations',
    recFib.map((f) => normPrefix(String(f['dst']))).sort().join(' '),
    [...ourFib.keys()].sort().join(' '),
  );
  for (const f of recFib) {
    const dst = normPrefix(String(f['dst']));
    const mine = ourFib.get(dst);
    if (!mine) continue;
    add(`FIB ${dst} type`, String(f['type'] ?? 'unicast'), mine.type);
    if ((f['type'] ?? 'unicast') === 'unicast') {
      add(`FIB ${dst} next hops`, nhText(arr(f['nexthops']) as { gateway?: string; dev?: string }[]), nhText(mine.nexthops));
    }
    const proto = (p: unknown): string => (p === undefined || p === null || p === 'boot' || p === 'felix' ? 'boot' : String(p));
    add(`FIB ${dst} protocol`, proto(f['protocol']), proto(mine.proto));
  }
  return facts;
}
