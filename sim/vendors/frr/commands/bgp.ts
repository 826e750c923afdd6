// `router bgp` and `address-family ipv4 unicast` commands (bgpd/bgp_vty.c). FRR also accepts
// the address-family neighbour commands directly under `router bgp` (hidden, applied to ipv4
// unicast); `show running-config` then prints them inside the address-family block.

import type { Args, CallInfo, CommandDef } from '../../../cli/index.ts';
import { formatIp, parseIp } from '../../../core/ip.ts';
import type { FrrCtx } from '../context.ts';
import type { FrrAfSettings, FrrBgp, FrrPeerSettings } from '../repr.ts';
import { newPeer } from '../repr.ts';

type Cmd = CommandDef<FrrCtx>;

const PEER = '(<A.B.C.D>$peer|<WORD>$peer)';
const PEER_HELP = { 'A.B.C.D': 'Neighbor address', WORD: 'Interface name or neighbor tag' };

function bgpOf(c: FrrCtx): FrrBgp | undefined {
  return c.repr.bgp;
}

/** bgp_vty.c peer_and_group_lookup_vty: an address must be configured, a word must be a group. */
function lookup(c: FrrCtx, name: string): { settings: FrrPeerSettings; group: boolean } | string {
  const bgp = bgpOf(c);
  if (!bgp) return '% No BGP process is configured';
  if (parseIp(name) !== null) {
    const n = bgp.neighbors.get(canonicalPeer(name));
    return n ? { settings: n, group: false } : '% Specify remote-as or peer-group commands first';
  }
  const g = bgp.peerGroups.get(name);
  // Verified on FRR 8.4.4: an unknown word gets the same answer as an unknown address.
  return g ? { settings: g, group: true } : '% Specify remote-as or peer-group commands first';
}

function canonicalPeer(name: string): string {
  const ip = parseIp(name);
  return ip === null ? name : formatIp(ip);
}

/** A neighbour attribute command: looks the peer up, applies `set` or `unset`. */
function peerAttr(spec: string, help: Record<string, string>, apply: (p: FrrPeerSettings, a: Args, no: boolean) => string | void, hidden = false): Cmd {
  return {
    spec: `[no] neighbor ${PEER} ${spec}`,
    help: { ...PEER_HELP, ...help },
    hidden,
    run(a, c) {
      const r = lookup(c, a.str('peer')!);
      if (typeof r === 'string') return r;
      const out = apply(r.settings, a, a.negated);
      c.changed();
      return out;
    },
  };
}

function afAttr(spec: string, help: Record<string, string>, apply: (af: FrrAfSettings, a: Args, no: boolean) => string | void): [Cmd, Cmd] {
  const mk = (hidden: boolean): Cmd => peerAttr(spec, help, (p, a, no) => apply(p.af, a, no), hidden);
  return [mk(false), mk(true)];
}

const AF_ATTRS: [Cmd, Cmd][] = [
  afAttr('activate', {}, (af, _a, no) => {
    af.activate = no ? false : undefined;
  }),
  afAttr('soft-reconfiguration inbound', {}, (af, _a, no) => {
    af.softReconfig = no ? undefined : true;
  }),
  afAttr('route-reflector-client', {}, (af, _a, no) => {
    af.rrClient = no ? undefined : true;
  }),
  afAttr('next-hop-self [force]', {}, (af, a, no) => {
    af.nextHopSelf = no ? undefined : a.has('force') ? 'force' : 'self';
  }),
  afAttr(
    'route-map <RMAP_NAME>$rmap (in|out)',
    { 'route-map': 'Apply route map to neighbor', RMAP_NAME: 'Name of route map', in: 'Apply map to incoming routes', out: 'Apply map to outbound routes' },
    (af, a, no) => {
      const dir = a.pick('in', 'out')!;
      const v = no ? undefined : a.str('rmap');
      if (dir === 'in') af.routeMapIn = v;
      else af.routeMapOut = v;
    },
  ),
  afAttr(
    'prefix-list <PLIST>$plist (in|out)',
    { 'prefix-list': 'Filter updates to/from this neighbor', PLIST: 'Name of a prefix list' },
    (af, a, no) => {
      const dir = a.pick('in', 'out')!;
      const v = no ? undefined : a.str('plist');
      if (dir === 'in') af.prefixListIn = v;
      else af.prefixListOut = v;
    },
  ),
  afAttr(
    'allowas-in [(<1-10>$n|origin)]',
    { '1-10': 'Number of occurrences of AS number' },
    (af, a, no) => {
      af.allowasIn = no ? undefined : a.has('origin') ? 'origin' : (a.num('n') ?? 3);
    },
  ),
  afAttr('default-originate', {}, (af, _a, no) => {
    af.defaultOriginate = no ? undefined : true;
  }),
  afAttr('as-override', {}, (af, _a, no) => {
    af.asOverride = no ? undefined : true;
  }),
  afAttr('weight <0-65535>$w', { '0-65535': 'default weight' }, (af, a, no) => {
    af.weight = no ? undefined : a.num('w');
  }),
  afAttr('send-community', {}, (af, _a, no) => {
    af.sendCommunity = no ? false : undefined;
  }),
  afAttr('maximum-prefix <1-4294967295>$n', { '1-4294967295': 'maximum no. of prefix limit' }, (af, a, no) => {
    af.maxPrefix = no ? undefined : a.num('n');
  }),
];

function remoteAs(a: Args, c: FrrCtx): string | void {
  const bgp = bgpOf(c)!;
  const name = a.str('peer')!;
  const asn = a.num('asn');
  const kind = a.pick('internal', 'external');
  if (a.negated) {
    if (parseIp(name) !== null) {
      if (!bgp.neighbors.delete(canonicalPeer(name))) return '% Specify remote-as or peer-group commands first';
    } else {
      const g = bgp.peerGroups.get(name);
      if (!g) return '% Create the peer-group or interface first';
      delete g.remoteAs;
      delete g.remoteAsKind;
    }
    c.changed();
    return;
  }
  const setAs = (p: FrrPeerSettings): void => {
    if (asn !== undefined) {
      p.remoteAs = asn;
      delete p.remoteAsKind;
    } else {
      delete p.remoteAs;
      p.remoteAsKind = kind;
    }
  };
  if (parseIp(name) !== null) {
    const key = canonicalPeer(name);
    const existing = bgp.neighbors.get(key);
    if (existing?.peerGroup) {
      const g = bgp.peerGroups.get(existing.peerGroup);
      if (g && (g.remoteAs !== undefined || g.remoteAsKind)) return '% Peer-group member cannot override remote-as of peer-group.';
    }
    const p = existing ?? newPeer();
    setAs(p);
    bgp.neighbors.set(key, p);
  } else {
    const g = bgp.peerGroups.get(name);
    if (!g) return '% Create the peer-group or interface first';
    setAs(g);
  }
  c.changed();
}

export const ROUTER_BGP_COMMANDS: Cmd[] = [
  {
    spec: '[no] neighbor ' + PEER + ' remote-as (<1-4294967295>$asn|internal|external)',
    help: { ...PEER_HELP, '1-4294967295': 'AS number' },
    run: remoteAs,
  },
  {
    // `neighbor WORD peer-group` creates a group; `neighbor A.B.C.D peer-group WORD` joins one.
    spec: '[no] neighbor <WORD>$peer peer-group',
    help: { WORD: 'Interface name or neighbor tag', 'peer-group': 'Member of the peer-group' },
    run(a, c) {
      const bgp = bgpOf(c)!;
      const name = a.str('peer')!;
      if (a.negated) {
        if (!bgp.peerGroups.delete(name)) return '% Create the peer-group or interface first';
        for (const [k, n] of bgp.neighbors) if (n.peerGroup === name) bgp.neighbors.delete(k);
        bgp.listenRanges = bgp.listenRanges.filter((l) => l.peerGroup !== name);
      } else if (!bgp.peerGroups.has(name)) bgp.peerGroups.set(name, newPeer());
      c.changed();
    },
  },
  {
    spec: '[no] neighbor <A.B.C.D>$peer peer-group <WORD>$group',
    help: { 'A.B.C.D': 'Neighbor address', 'peer-group': 'Member of the peer-group', WORD: 'Peer-group name' },
    run(a, c) {
      const bgp = bgpOf(c)!;
      const key = canonicalPeer(a.str('peer')!);
      const gname = a.str('group')!;
      const g = bgp.peerGroups.get(gname);
      if (!g) return '% Configure the peer-group first';
      const existing = bgp.neighbors.get(key);
      if (a.negated) {
        if (!existing || existing.peerGroup !== gname) return '% Peer is not a member of this peer-group';
        bgp.neighbors.delete(key);
        c.changed();
        return;
      }
      if (existing) {
        if (existing.peerGroup && existing.peerGroup !== gname) return '% Cannot change the peer-group. Deconfigure first';
        existing.peerGroup = gname;
      } else {
        if (g.remoteAs === undefined && g.remoteAsKind === undefined) return '% Specify remote-as or peer-group remote AS first';
        bgp.neighbors.set(key, { ...newPeer(), peerGroup: gname });
      }
      c.changed();
    },
  },
  {
    spec: 'no neighbor ' + PEER,
    help: PEER_HELP,
    run(a, c) {
      const bgp = bgpOf(c)!;
      const name = a.str('peer')!;
      if (parseIp(name) !== null) {
        if (!bgp.neighbors.delete(canonicalPeer(name))) return '% Specify remote-as or peer-group commands first';
      } else if (!bgp.peerGroups.delete(name)) return '% Create the peer-group or interface first';
      c.changed();
    },
  },
  peerAttr('description <LINE>$text', { LINE: 'Up to 80 characters describing this neighbor' }, (p, a, no) => {
    p.description = no ? undefined : a.str('text');
  }),
  {
    spec: 'no neighbor ' + PEER + ' description',
    help: PEER_HELP,
    run(a, c) {
      const r = lookup(c, a.str('peer')!);
      if (typeof r === 'string') return r;
      delete r.settings.description;
      c.changed();
    },
  },
  peerAttr('shutdown', {}, (p, _a, no) => {
    p.shutdown = no ? undefined : true;
  }),
  peerAttr('passive', {}, (p, _a, no) => {
    p.passive = no ? undefined : true;
  }),
  peerAttr('password <LINE>$pw', { LINE: 'The password' }, (p, a, no) => {
    p.password = no ? undefined : a.str('pw');
  }),
  peerAttr('ebgp-multihop [<1-255>$hops]', { '1-255': 'maximum hop count' }, (p, a, no) => {
    p.ebgpMultihop = no ? undefined : (a.num('hops') ?? 255);
  }),
  peerAttr(
    'update-source (<A.B.C.D>$src|<WORD>$src)',
    { 'A.B.C.D': 'IPv4 address', WORD: 'Interface name (requires zebra to be running)' },
    (p, a, no) => {
      p.updateSource = no ? undefined : a.str('src');
    },
  ),
  {
    spec: 'no neighbor ' + PEER + ' update-source',
    help: PEER_HELP,
    run(a, c) {
      const r = lookup(c, a.str('peer')!);
      if (typeof r === 'string') return r;
      delete r.settings.updateSource;
      c.changed();
    },
  },
  peerAttr('timers <0-65535>$ka <0-65535>$hold', { '0-65535': 'Keepalive interval', ka: 'Keepalive interval', hold: 'Holdtime' }, (p, a, no) => {
    if (no) {
      delete p.timers;
      return;
    }
    const ka = a.num('ka')!;
    const hold = a.num('hold')!;
    if (hold !== 0 && hold < 3) return '% Invalid value';
    p.timers = { keepalive: ka, hold };
  }),
  peerAttr('timers connect <1-65535>$t', { '1-65535': 'Connect timer' }, (p, a, no) => {
    p.connectRetry = no ? undefined : a.num('t');
  }),
  peerAttr('local-as <1-4294967295>$las', { '1-4294967295': 'AS number used as local AS' }, (p, a, no) => {
    p.localAs = no ? undefined : a.num('las');
  }),
  peerAttr('disable-connected-check', {}, (p, _a, no) => {
    p.disableConnectedCheck = no ? undefined : true;
  }),
  ...AF_ATTRS.map(([, hidden]) => hidden),
  {
    spec: '[no] bgp router-id <A.B.C.D>$id',
    help: { bgp: 'BGP information', 'A.B.C.D': 'Manually configured router identifier' },
    run(a, c) {
      const bgp = bgpOf(c)!;
      if (a.negated) delete bgp.routerId;
      else bgp.routerId = a.ip('id')!;
      c.changed();
    },
  },
  {
    spec: 'no bgp router-id',
    help: { bgp: 'BGP information' },
    run(_a, c) {
      delete bgpOf(c)!.routerId;
      c.changed();
    },
  },
  {
    spec: '[no] bgp cluster-id <A.B.C.D>$id',
    help: { bgp: 'BGP information', 'A.B.C.D': 'Route-Reflector Cluster-id in IP address format' },
    run(a, c) {
      const bgp = bgpOf(c)!;
      if (a.negated) delete bgp.clusterId;
      else bgp.clusterId = a.ip('id')!;
      c.changed();
    },
  },
  flag('bgp ebgp-requires-policy', (b, v) => (b.ebgpRequiresPolicy = v)),
  flag('bgp log-neighbor-changes', (b, v) => (b.logNeighborChanges = v)),
  flag('bgp bestpath as-path multipath-relax', (b, v) => (b.multipathRelax = v)),
  flag('bgp bestpath compare-routerid', (b, v) => (b.compareRouterId = v)),
  flag('bgp always-compare-med', (b, v) => (b.alwaysCompareMed = v)),
  flag('bgp deterministic-med', (b, v) => (b.deterministicMed = v)),
  { ...flag('bgp network import-check', (b, v) => (b.networkImportCheck = v)), help: { bgp: 'BGP information', network: 'BGP network command' } },
  {
    spec: '[no] bgp default local-preference <0-4294967295>$lp',
    help: { bgp: 'BGP information', '0-4294967295': 'Configure default local preference value' },
    run(a, c) {
      const bgp = bgpOf(c)!;
      if (a.negated) delete bgp.defaultLocalPref;
      else bgp.defaultLocalPref = a.num('lp');
      c.changed();
    },
  },
  {
    spec: '[no] bgp listen range <A.B.C.D/M>$range peer-group <PGNAME>$group',
    help: { bgp: 'BGP information', 'A.B.C.D/M': 'Neighbor address', PGNAME: 'Peer-group name' },
    run(a, c) {
      const bgp = bgpOf(c)!;
      const range = a.prefix('range')!;
      const group = a.str('group')!;
      if (!bgp.peerGroups.has(group)) return '% Peer-group does not exist';
      bgp.listenRanges = bgp.listenRanges.filter((l) => !(l.prefix.addr === range.addr && l.prefix.len === range.len));
      if (!a.negated) bgp.listenRanges.push({ prefix: range, peerGroup: group });
      c.changed();
    },
  },
  {
    spec: '[no] bgp listen limit <1-65535>$n',
    help: { bgp: 'BGP information', '1-65535': 'Configure Dynamic Neighbors listen limit value' },
    run(a, c) {
      const bgp = bgpOf(c)!;
      if (a.negated) delete bgp.listenLimit;
      else bgp.listenLimit = a.num('n');
      c.changed();
    },
  },
  {
    spec: '[no] timers bgp <0-65535>$ka <0-65535>$hold',
    help: { timers: 'Adjust routing timers', bgp: 'BGP timers', ka: 'Keepalive interval', hold: 'Holdtime' },
    run(a, c) {
      const bgp = bgpOf(c)!;
      if (a.negated) delete bgp.timers;
      else bgp.timers = { keepalive: a.num('ka')!, hold: a.num('hold')! };
      c.changed();
    },
  },
  {
    spec: 'address-family ipv4 [unicast]',
    help: { ipv4: 'Address Family', unicast: 'Address Family modifier' },
    run(_a, c) {
      c.session.mode = 'config-router-af';
    },
  },
  ...afCommands(true),
];

function flag(spec: string, set: (b: FrrBgp, v: boolean) => void): Cmd {
  return {
    spec: `[no] ${spec}`,
    help: { bgp: 'BGP information' },
    run(a, c) {
      set(bgpOf(c)!, !a.negated);
      c.changed();
    },
  };
}

function networkCmd(hidden: boolean): Cmd[] {
  const add = (a: Args, c: FrrCtx, call: CallInfo, prefix: { addr: number; len: number } | undefined): string | void => {
    void call;
    const bgp = bgpOf(c)!;
    if (!prefix) return '% Inconsistent address and mask';
    const key = `${formatIp(prefix.addr)}/${prefix.len}`;
    if (a.negated) {
      if (!bgp.networks.delete(key)) return "% Can't find static route specified";
    } else {
      const rm = a.str('rmap');
      bgp.networks.set(key, { prefix, ...(rm ? { routeMap: rm } : {}) });
    }
    c.changed();
  };
  return [
    {
      spec: '[no] network <A.B.C.D/M>$p [route-map <RMAP_NAME>$rmap]',
      help: { 'A.B.C.D/M': 'IPv4 prefix', 'route-map': 'Route-map to modify the attributes', RMAP_NAME: 'Name of the route map' },
      hidden,
      // FRR 8.4.4 masks host bits silently: `network 10.1.1.1/24` is stored as 10.1.1.0/24.
      run: (a, c, call) => add(a, c, call, a.prefix('p')),
    },
    {
      spec: '[no] network <A.B.C.D>$addr mask <A.B.C.D>$mask [route-map <RMAP_NAME>$rmap]',
      help: { 'A.B.C.D': 'Network number', addr: 'Network number', mask: 'Network mask', RMAP_NAME: 'Name of the route map' },
      hidden,
      run: (a, c, call) => {
        const addr = a.ip('addr')!;
        const mask = a.ip('mask')!;
        let len = 0;
        for (let m = mask; m & 0x80000000; m = (m << 1) >>> 0) len++;
        if (((mask << len) >>> 0) !== 0 || ((addr & ~mask) >>> 0) !== 0) return '% Inconsistent address and mask';
        return add(a, c, call, { addr, len });
      },
    },
  ];
}

function afCommands(hidden: boolean): Cmd[] {
  return [
    ...networkCmd(hidden),
    {
      spec: '[no] redistribute (connected|static|kernel)$src [{metric <0-4294967295>$metric|route-map <RMAP_NAME>$rmap}]',
      help: {
        connected: 'Connected routes (directly attached subnet or host)',
        static: 'Statically configured routes',
        kernel: 'Kernel routes (not installed via the zebra RIB)',
        '0-4294967295': 'Default metric',
        'route-map': 'Route map reference',
        RMAP_NAME: 'Pointer to route-map entries',
      },
      hidden,
      run(a, c) {
        const bgp = bgpOf(c)!;
        const src = a.str('src')!.toLowerCase() as 'connected' | 'static' | 'kernel';
        if (a.negated) bgp.redistribute.delete(src);
        else {
          const rm = a.str('rmap');
          const metric = a.num('metric');
          bgp.redistribute.set(src, { ...(rm ? { routeMap: rm } : {}), ...(metric !== undefined ? { metric } : {}) });
        }
        c.changed();
      },
    },
    {
      spec: '[no] maximum-paths <1-256>$n',
      help: { '1-256': 'Number of paths' },
      hidden,
      run(a, c) {
        const bgp = bgpOf(c)!;
        if (a.negated) delete bgp.maximumPaths;
        else bgp.maximumPaths = a.num('n');
        c.changed();
      },
    },
    {
      spec: '[no] maximum-paths ibgp <1-256>$n',
      help: { '1-256': 'Number of paths' },
      hidden,
      run(a, c) {
        const bgp = bgpOf(c)!;
        if (a.negated) delete bgp.maximumPathsIbgp;
        else bgp.maximumPathsIbgp = a.num('n');
        c.changed();
      },
    },
  ];
}

export const AF_COMMANDS: Cmd[] = [
  ...AF_ATTRS.map(([visible]) => visible),
  ...afCommands(false),
  {
    spec: 'exit-address-family',
    run(_a, c) {
      c.session.mode = 'config-router';
    },
  },
];

export { canonicalPeer };
