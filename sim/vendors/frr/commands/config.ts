// Global configuration (`configure terminal`), interface, route-map and navigation commands.
// Prefix-lists: lib/filter_cli.c; route-maps: lib/routemap_cli.c, bgpd/bgp_routemap.c;
// static routes: staticd/static_vty.c; interfaces: zebra/interface.c.

import type { Args, CommandDef } from '../../../cli/index.ts';
import { formatIp, formatPrefix, maskToLen, parseIp, type Prefix, prefix as mkPrefix } from '../../../core/ip.ts';
import type { FrrCtx, FrrMode } from '../context.ts';
import type { FrrPrefixListEntry, FrrRouteMapEntry } from '../repr.ts';
import { newBgp } from '../repr.ts';

type Cmd = CommandDef<FrrCtx>;

const PARENT: Record<FrrMode, FrrMode | 'close'> = {
  enable: 'close',
  config: 'enable',
  'config-if': 'config',
  'config-router': 'config',
  'config-router-af': 'config-router',
  'config-route-map': 'config',
};

export function exitMode(c: FrrCtx): void {
  const up = PARENT[c.session.mode];
  if (up === 'close') c.session.closed = true;
  else c.session.mode = up;
}

/** exit / quit / end, valid in every configuration mode. */
export const NAV_COMMANDS: Cmd[] = [
  { spec: 'exit', run: (_a, c) => exitMode(c) },
  { spec: 'quit', run: (_a, c) => exitMode(c) },
  {
    spec: 'end',
    run(_a, c) {
      c.session.mode = 'enable';
    },
  },
];

function parseCommunities(text: string): { values: string[]; additive: boolean } | string {
  const words = text.split(/\s+/).filter(Boolean);
  let additive = false;
  const values: string[] = [];
  for (const w of words) {
    if (w === 'additive') additive = true;
    else if (/^\d+:\d+$/.test(w)) {
      const [a, b] = w.split(':').map(Number) as [number, number];
      if (a > 65535 || b > 65535) return `% Malformed communities attribute '${text}'`;
      values.push(w);
    } else if (/^\d+$/.test(w)) {
      const n = Number(w);
      values.push(`${Math.floor(n / 65536)}:${n % 65536}`);
    } else if (['internet', 'local-AS', 'no-advertise', 'no-export', 'graceful-shutdown', 'blackhole', 'no-peer', 'none'].includes(w)) values.push(w);
    else return `% Malformed communities attribute '${text}'`;
  }
  return { values, additive };
}

function currentEntry(c: FrrCtx): FrrRouteMapEntry | undefined {
  const rm = c.session.routeMap;
  if (!rm) return undefined;
  return c.repr.routeMaps.get(rm.name)?.find((e) => e.seq === rm.seq);
}

function rmSet(spec: string, help: Record<string, string>, apply: (e: FrrRouteMapEntry, a: Args, no: boolean) => string | void, noSpec?: string): Cmd[] {
  const run = (a: Args, c: FrrCtx): string | void => {
    const e = currentEntry(c);
    if (!e) return;
    const out = apply(e, a, a.negated);
    c.changed();
    return out;
  };
  const cmds: Cmd[] = [{ spec: `[no] ${spec}`, help, run }];
  if (noSpec) cmds.push({ spec: `no ${noSpec}`, help, run });
  return cmds;
}

export const ROUTE_MAP_COMMANDS: Cmd[] = [
  ...rmSet(
    'match ip address prefix-list <PREFIXLIST_NAME>$pl',
    { ip: 'IP information', address: 'Match address of route', 'prefix-list': 'Match entries of prefix-lists', PREFIXLIST_NAME: 'IP prefix-list name' },
    (e, a, no) => {
      e.matchPrefixList = no ? undefined : a.str('pl');
    },
    'match ip address prefix-list',
  ),
  ...rmSet('match community <WORD>$cl', { community: 'Match BGP community list', WORD: 'Community-list number (standard)' }, (e, a, no) => {
    e.matchCommunity = no ? undefined : a.str('cl');
  }),
  ...rmSet('match as-path <WORD>$al', { 'as-path': 'Match BGP AS path list', WORD: 'AS path access-list name' }, (e, a, no) => {
    e.matchAsPath = no ? undefined : a.str('al');
  }),
  ...rmSet(
    'set local-preference <LOCALPREF>$v',
    { 'local-preference': 'BGP local preference path attribute', LOCALPREF: 'Preference value (0-4294967295)' },
    (e, a, no) => {
      e.setLocalPref = no ? undefined : a.num('v');
    },
    'set local-preference',
  ),
  ...rmSet(
    'set metric <METRIC>$v',
    { metric: 'Metric value for destination routing protocol', METRIC: 'Metric value (use +/- for additions or subtractions)' },
    (e, a, no) => {
      e.setMetric = no ? undefined : a.num('v');
    },
    'set metric',
  ),
  ...rmSet('set weight <0-4294967295>$v', { weight: 'BGP weight for routing table', '0-4294967295': 'Weight value' }, (e, a, no) => {
    e.setWeight = no ? undefined : a.num('v');
  }),
  ...rmSet(
    'set as-path prepend <1-4294967295>$asn {<1-4294967295>$asn}',
    { 'as-path': 'Transform BGP AS_PATH attribute', '1-4294967295': 'AS number' },
    (e, a, no) => {
      e.setAsPathPrepend = no ? undefined : a.all('asn').map(Number);
    },
    'set as-path prepend',
  ),
  ...rmSet(
    'set community (<COMMUNITIES>$c|none$c)',
    {
      community: 'BGP community attribute',
      COMMUNITIES:
        'Community number in AA:NN format (where AA and NN are (0-65535)) or local-AS|no-advertise|no-export|internet|graceful-shutdown|accept-own-nexthop|accept-own|route-filter-translated-v4|route-filter-v4|route-filter-translated-v6|route-filter-v6|llgr-stale|no-llgr|blackhole|no-peer or additive',
      none: 'No community attribute',
    },
    (e, a, no) => {
      if (no) {
        e.setCommunity = undefined;
        return;
      }
      const r = parseCommunities(a.str('c')!);
      if (typeof r === 'string') return r;
      e.setCommunity = r;
    },
    'set community',
  ),
  ...rmSet(
    'set ip next-hop (<A.B.C.D>$nh|peer-address)',
    { ip: 'IP information', 'A.B.C.D': 'IP address of next hop' },
    (e, a, no) => {
      e.setNextHop = no ? undefined : a.has('peer-address') ? 'peer-address' : a.ip('nh');
    },
  ),
  ...rmSet('set origin (igp|egp|incomplete)$o', { origin: 'BGP origin code' }, (e, a, no) => {
    e.setOrigin = no ? undefined : (a.str('o')!.toLowerCase() as 'igp' | 'egp' | 'incomplete');
  }),
  ...rmSet('on-match next', {}, (e, _a, no) => {
    e.onMatchNext = no ? undefined : true;
  }),
  ...rmSet('description <LINE>$d', { description: 'Route-map comment', LINE: 'Comment describing this route-map rule' }, (e, a, no) => {
    e.description = no ? undefined : a.str('d');
  }),
];

export const INTERFACE_COMMANDS: Cmd[] = [
  {
    spec: '[no] ip address <A.B.C.D/M>$addr',
    help: { ip: 'IP information', address: 'Set the IP address of an interface', 'A.B.C.D/M': 'IP address (e.g. 10.0.0.1/8)' },
    run(a, c) {
      const name = c.session.iface!;
      const text = a.str('addr')!;
      const [ipText, lenText] = text.split('/') as [string, string];
      const ip = parseIp(ipText)!;
      const len = Number(lenText);
      const conf = c.repr.interfaces.get(name)!;
      const idx = conf.addresses.findIndex((x) => x.ip === ip && x.len === len);
      if (a.negated) {
        if (idx < 0) return "% Can't find address";
        conf.addresses.splice(idx, 1);
      } else if (idx < 0) {
        // FRR 8.4.4 accepts even the network address and keeps the list sorted.
        conf.addresses.push({ ip, len });
        conf.addresses.sort((x, y) => x.ip - y.ip || x.len - y.len);
      }
      c.changed();
    },
  },
  {
    spec: '[no] shutdown',
    help: { shutdown: 'Shutdown the selected interface' },
    run(a, c) {
      c.repr.interfaces.get(c.session.iface!)!.shutdown = !a.negated;
      c.changed();
    },
  },
  {
    spec: 'description <LINE>$d',
    help: { description: 'Interface specific description', LINE: 'Characters describing this interface' },
    run(a, c) {
      c.repr.interfaces.get(c.session.iface!)!.description = a.str('d');
      c.changed();
    },
  },
  {
    spec: 'no description',
    help: { description: 'Interface specific description' },
    run(_a, c) {
      delete c.repr.interfaces.get(c.session.iface!)!.description;
      c.changed();
    },
  },
];

function prefixRangeOk(p: Prefix, ge?: number, le?: number): boolean {
  // lib/filter_nb.c prefix_list_length_validate: mask length <= ge <= le (when given).
  if (ge !== undefined && ge < p.len) return false;
  if (le !== undefined && le < p.len) return false;
  if (ge !== undefined && le !== undefined && ge > le) return false;
  return true;
}

export const CONFIG_COMMANDS: Cmd[] = [
  {
    spec: 'hostname <WORD>$name',
    help: { WORD: "This system's network name" },
    run(a, c) {
      c.repr.hostname = a.str('name')!;
      c.changed();
    },
  },
  {
    spec: 'router bgp [<1-4294967295>$asn]',
    help: { bgp: 'BGP information', '1-4294967295': 'AS number' },
    run(a, c) {
      const asn = a.num('asn');
      const bgp = c.repr.bgp;
      if (bgp) {
        if (asn !== undefined && asn !== bgp.asn) return `BGP is already running; AS is ${bgp.asn}`;
      } else {
        if (asn === undefined) return '% No BGP process is configured';
        c.repr.bgp = newBgp(asn);
        if (c.repr.profile === 'datacenter') {
          c.repr.bgp.ebgpRequiresPolicy = false;
          c.repr.bgp.logNeighborChanges = true;
          c.repr.bgp.deterministicMed = true;
        }
        c.changed();
      }
      c.session.mode = 'config-router';
    },
  },
  {
    spec: 'no router bgp [<1-4294967295>$asn]',
    help: { bgp: 'BGP information', '1-4294967295': 'AS number' },
    run(a, c) {
      const asn = a.num('asn');
      if (!c.repr.bgp || (asn !== undefined && asn !== c.repr.bgp.asn)) return "% Can't find BGP instance";
      delete c.repr.bgp;
      c.changed();
    },
  },
  {
    spec: 'interface <IFNAME>$name',
    help: { interface: 'Select an interface to configure', IFNAME: "Interface's name" },
    run(a, c) {
      const name = a.str('name')!;
      if (!c.repr.interfaces.has(name)) c.repr.interfaces.set(name, { addresses: [], shutdown: false });
      c.session.iface = name;
      c.session.mode = 'config-if';
    },
  },
  {
    spec: '[no] ip route <A.B.C.D/M>$p (<A.B.C.D>$gw|blackhole|reject|Null0|<INTERFACE>$dev) [<1-255>$dist]',
    help: {
      ip: 'IP information',
      route: 'Establish static routes',
      'A.B.C.D/M': 'IP destination prefix (e.g. 10.0.0.0/8)',
      'A.B.C.D': 'IP gateway address',
      Null0: 'Null interface',
      INTERFACE: 'IP gateway interface name',
      '1-255': 'Distance value for this route',
    },
    run(a, c) {
      return staticRoute(a, c, a.prefix('p')!);
    },
  },
  {
    spec: '[no] ip route <A.B.C.D>$addr <A.B.C.D>$mask (<A.B.C.D>$gw|blackhole|reject|Null0|<INTERFACE>$dev) [<1-255>$dist]',
    help: {
      ip: 'IP information',
      route: 'Establish static routes',
      addr: 'IP destination prefix',
      mask: 'IP destination prefix mask',
      gw: 'IP gateway address',
      Null0: 'Null interface',
      INTERFACE: 'IP gateway interface name',
      '1-255': 'Distance value for this route',
    },
    run(a, c) {
      const len = maskToLen(a.ip('mask')!);
      if (len === null) return '% Malformed address';
      return staticRoute(a, c, mkPrefix(a.ip('addr')!, len));
    },
  },
  {
    spec: 'ip prefix-list <WORD>$name [seq <1-4294967295>$seq] (deny|permit) (any|<A.B.C.D/M>$p [{ge <0-32>$gelen|le <0-32>$lelen}])',
    help: {
      'prefix-list': 'Build a prefix list',
      WORD: 'Prefix list entry name',
      '1-4294967295': 'Sequence number',
      'A.B.C.D/M': 'IP prefix <network>/<length>,  e.g.,  35.0.0.0/8',
      ge: 'Minimum prefix length to be matched',
      le: 'Maximum prefix length to be matched',
      gelen: 'Minimum prefix length',
      lelen: 'Maximum prefix length',
    },
    run(a, c) {
      const name = a.str('name')!;
      const any = a.has('any');
      const text = a.str('p');
      const p = any ? { addr: 0, len: 0 } : a.prefix('p')!;
      const ge = a.num('gelen');
      const le = a.num('lelen');
      if (!any && !prefixRangeOk(p, ge, le)) {
        // Verified on FRR 8.4.4 (the prefix is printed with host bits cleared).
        return `% Configuration failed.\n\nError type: validation\nError description: Invalid prefix range for ${formatPrefix(p)}: Make sure that mask length <= ge <= le`;
      }
      const list = c.repr.prefixLists.get(name) ?? { entries: [] };
      const action = a.pick('permit', 'deny')!;
      // lib/plist.c prefix_new_seq_get: next multiple of 5 above the highest sequence.
      const seq = a.num('seq') ?? Math.floor(Math.max(0, ...list.entries.map((e) => e.seq)) / 5) * 5 + 5;
      const entry: FrrPrefixListEntry = { seq, action, prefix: p, ...(any ? { any: true } : {}) };
      if (ge !== undefined) entry.ge = ge;
      if (le !== undefined) entry.le = le;
      const dup = list.entries.find(
        (e) => e.seq !== seq && e.action === action && e.prefix.addr === p.addr && e.prefix.len === p.len && e.ge === ge && e.le === le,
      );
      if (dup) return;
      list.entries = list.entries.filter((e) => e.seq !== seq);
      list.entries.push(entry);
      list.entries.sort((x, y) => x.seq - y.seq);
      c.repr.prefixLists.set(name, list);
      c.changed();
    },
  },
  {
    spec: 'no ip prefix-list <WORD>$name [seq <1-4294967295>$seq [(deny|permit) (any|<A.B.C.D/M>$p [{ge <0-32>$gelen|le <0-32>$lelen}])]]',
    help: { 'prefix-list': 'Build a prefix list', WORD: 'Prefix list entry name', '1-4294967295': 'Sequence number', 'A.B.C.D/M': 'IP prefix <network>/<length>,  e.g.,  35.0.0.0/8', gelen: 'Minimum prefix length', lelen: 'Maximum prefix length' },
    run(a, c) {
      const name = a.str('name')!;
      const list = c.repr.prefixLists.get(name);
      if (!list) return "% Can't find specified prefix-list";
      const seq = a.num('seq');
      if (seq === undefined) c.repr.prefixLists.delete(name);
      else {
        list.entries = list.entries.filter((e) => e.seq !== seq);
        if (list.entries.length === 0) c.repr.prefixLists.delete(name);
      }
      c.changed();
    },
  },
  {
    spec: '[no] ip prefix-list <WORD>$name description <LINE>$d',
    help: { WORD: 'Prefix list entry name', description: 'Access list entry comment', LINE: 'Comment up to 80 characters' },
    run(a, c) {
      const name = a.str('name')!;
      const list = c.repr.prefixLists.get(name) ?? { entries: [] };
      if (a.negated) delete list.description;
      else list.description = a.str('d');
      c.repr.prefixLists.set(name, list);
      c.changed();
    },
  },
  {
    spec: 'route-map <RMAP_NAME>$name (deny|permit) <1-65535>$seq',
    help: {
      'route-map': 'Create route-map or enter route-map command mode',
      RMAP_NAME: 'Route map tag',
      deny: 'Route map denies set operations',
      permit: 'Route map permits set operations',
      '1-65535': 'Sequence to insert to/delete from existing route-map entry',
    },
    run(a, c) {
      const name = a.str('name')!;
      const seq = a.num('seq')!;
      const action = a.pick('permit', 'deny')!;
      const list = c.repr.routeMaps.get(name) ?? [];
      const existing = list.find((e) => e.seq === seq);
      if (existing) existing.action = action;
      else list.push({ action, seq });
      list.sort((x, y) => x.seq - y.seq);
      c.repr.routeMaps.set(name, list);
      c.session.routeMap = { name, seq };
      c.session.mode = 'config-route-map';
      c.changed();
    },
  },
  {
    spec: 'no route-map <RMAP_NAME>$name [(deny|permit) <1-65535>$seq]',
    help: { 'route-map': 'Create route-map or enter route-map command mode', RMAP_NAME: 'Route map tag', deny: 'Route map denies set operations', permit: 'Route map permits set operations', '1-65535': 'Sequence to insert to/delete from existing route-map entry' },
    run(a, c) {
      const name = a.str('name')!;
      const list = c.repr.routeMaps.get(name);
      if (!list) return; // FRR 8.4.4: silent
      const seq = a.num('seq');
      if (seq === undefined) c.repr.routeMaps.delete(name);
      else {
        const rest = list.filter((e) => e.seq !== seq);
        if (rest.length === list.length) return `% Could not find route-map entry ${name} ${seq}`;
        if (rest.length) c.repr.routeMaps.set(name, rest);
        else c.repr.routeMaps.delete(name);
      }
      c.changed();
    },
  },
  {
    spec: '[no] bgp community-list standard <WORD>$name (deny|permit) <LINE>$values',
    help: { bgp: 'BGP information', standard: 'Add an standard community-list entry', WORD: 'Community list name', LINE: 'Community number in AA:NN format or local-AS|no-advertise|no-export|internet' },
    run(a, c) {
      const name = a.str('name')!;
      const r = parseCommunities(a.str('values')!);
      if (typeof r === 'string') return r;
      const cl = c.repr.communityLists.get(name) ?? { entries: [] };
      const action = a.pick('permit', 'deny')!;
      if (a.negated) cl.entries = cl.entries.filter((e) => !(e.action === action && e.values.join(' ') === r.values.join(' ')));
      else cl.entries.push({ action, values: r.values });
      if (cl.entries.length) c.repr.communityLists.set(name, cl);
      else c.repr.communityLists.delete(name);
      c.changed();
    },
  },
  {
    spec: '[no] bgp as-path access-list <WORD>$name [seq <0-4294967295>$aseq] (deny|permit) <LINE>$re',
    help: { bgp: 'BGP information', 'as-path': 'BGP autonomous system path filter', 'access-list': 'Specify an access list name', WORD: 'AS path access list name', aseq: 'Sequence number of an entry', LINE: 'A regular-expression (1234567890_^|[,{}() ]$*+.?-\\) to match the BGP AS paths' },
    run(a, c) {
      const name = a.str('name')!;
      const list = c.repr.asPathLists.get(name) ?? [];
      const action = a.pick('permit', 'deny')!;
      const regex = a.str('re')!;
      const next = a.negated ? list.filter((e) => !(e.action === action && e.regex === regex)) : [...list, { action, regex }];
      if (next.length) c.repr.asPathLists.set(name, next);
      else c.repr.asPathLists.delete(name);
      c.changed();
    },
  },
  // Lines FRR writes into frr.conf that a learner may paste back: accepted, no effect here.
  {
    spec: 'frr defaults (traditional|datacenter)$p',
    help: { frr: 'FRRouting global parameters' },
    run(a, c) {
      c.repr.profile = a.str('p')!.toLowerCase() as 'traditional' | 'datacenter';
    },
  },
  { spec: 'frr version <LINE>', help: { version: 'version of the configuration', LINE: 'version identifier' }, run: () => undefined },
  { spec: 'log <LINE>', help: { LINE: 'Logging destination and level' }, run: () => undefined },
  { spec: '[no] service integrated-vtysh-config', run: () => undefined },
  { spec: '[no] ip forwarding', help: { forwarding: 'Turn on IP forwarding' }, run: () => undefined },
  { spec: '[no] ipv6 forwarding', help: { ipv6: 'IPv6 information', forwarding: 'Turn on IPv6 forwarding' }, run: () => undefined },
];

function staticRoute(a: Args, c: FrrCtx, p: Prefix): string | void {
  const gw = a.ip('gw');
  const dev = a.str('dev');
  const blackhole = a.has('blackhole') || a.has('null0') || a.has('reject');
  const dist = a.num('dist');
  const same = (r: (typeof c.repr.staticRoutes)[number]): boolean =>
    r.prefix.addr === p.addr && r.prefix.len === p.len && r.via === gw && r.ifname === dev && (r.blackhole ?? false) === blackhole;
  c.repr.staticRoutes = c.repr.staticRoutes.filter((r) => !same(r));
  if (!a.negated) {
    c.repr.staticRoutes.push({
      prefix: p,
      ...(gw !== undefined ? { via: gw } : {}),
      ...(dev !== undefined ? { ifname: dev } : {}),
      ...(blackhole ? { blackhole: true } : {}),
      ...(dist !== undefined ? { distance: dist } : {}),
    });
  }
  c.changed();
}

export { formatIp };
