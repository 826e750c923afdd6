// The decision process's hot path: the rule lists of bestpath.ts (BIRD_RULES, IOS_RULES,
// VRP_RULES) written out as straight-line code, without the per-rule indirect calls. Each
// step returns exactly what the rule's comparator returns, in the same order, so sorting
// gives the same result; bestpath.test.ts checks both against each other on random paths.
// A rule change goes into both places.

import type { BestPathOptions } from './bestpath.ts';
import type { Path } from './path.ts';

function routerIdOf(p: Path): number {
  return p.attrs.originatorId ?? p.session?.remoteRouterId ?? 0;
}

function neighborAs(p: Path, o: BestPathOptions): number {
  const asPath = p.attrs.asPath;
  return asPath.length > 0 ? asPath[0]! : p.session ? p.session.remoteAs : o.localAs;
}

function isEbgp(p: Path): boolean {
  return p.session !== null && !p.session.internal;
}

/** LOCAL_PREF through the IGP metric (the part shared by every family, after its own first rules). */
function middle(a: Path, b: Path, o: BestPathOptions, localOrigin: boolean): number {
  const x = a.attrs;
  const y = b.attrs;
  let c = (y.localPref ?? o.defaultLocalPref) - (x.localPref ?? o.defaultLocalPref);
  if (c !== 0) return c;
  if (localOrigin) {
    c = Number(b.session === null) - Number(a.session === null);
    if (c !== 0) return c;
  }
  c = x.asPath.length - y.asPath.length;
  if (c !== 0) return c;
  c = x.origin - y.origin;
  if (c !== 0) return c;
  c = o.alwaysCompareMed || neighborAs(a, o) === neighborAs(b, o) ? (x.med ?? 0) - (y.med ?? 0) : 0;
  if (c !== 0) return c;
  c = Number(isEbgp(b)) - Number(isEbgp(a));
  if (c !== 0) return c;
  const ia = a.res.igp;
  const ib = b.res.igp;
  return ia === ib ? 0 : ia < ib ? -1 : 1;
}

/** Every rule up to and including the IGP metric (what multipath equality is judged on). */
export function throughIgp(a: Path, b: Path, o: BestPathOptions): number {
  if (o.family === 'bird') {
    let c = b.kind.preference - a.kind.preference;
    if (c !== 0) return c;
    const ba = a.kind.source === 'bgp';
    const bb = b.kind.source === 'bgp';
    c = ba && bb ? 0 : ba === bb ? a.kind.protocol.localeCompare(b.kind.protocol) : ba ? 1 : -1;
    if (c !== 0) return c;
    c = Number(b.valid) - Number(a.valid);
    if (c !== 0) return c;
    return middle(a, b, o, false);
  }
  let c = Number(b.valid) - Number(a.valid);
  if (c !== 0) return c;
  c = b.weight - a.weight;
  if (c !== 0) return c;
  return middle(a, b, o, true);
}

/** The full order of the family (bestpath.ts orderPaths). */
export function orderFast(a: Path, b: Path, o: BestPathOptions): number {
  let c = throughIgp(a, b, o);
  if (c !== 0) return c;
  const cla = a.attrs.clusterList?.length ?? 0;
  const clb = b.attrs.clusterList?.length ?? 0;
  if (o.family === 'huawei-vrp') {
    c = cla - clb;
    if (c !== 0) return c;
    c = routerIdOf(a) - routerIdOf(b);
    if (c !== 0) return c;
  } else {
    if (o.family !== 'bird') {
      // FRR/Cisco: the older of two eBGP paths (unless bgp bestpath compare-routerid).
      c = o.compareRouterId || !isEbgp(a) || !isEbgp(b) ? 0 : a.receivedAt - b.receivedAt;
      if (c !== 0) return c;
    }
    c = routerIdOf(a) - routerIdOf(b);
    if (c !== 0) return c;
    c = cla - clb;
    if (c !== 0) return c;
  }
  return (a.session?.cfg.address ?? 0) - (b.session?.cfg.address ?? 0);
}
