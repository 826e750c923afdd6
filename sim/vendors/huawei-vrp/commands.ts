// VRP commands per view. `display`, `ping` and `tracert` work in every view (VRP), other
// commands of the system view also work from its sub-views and move the prompt back to
// `[R1]` (VRP "terminal command forward matched upper-view").

import type { Args, CallInfo, CommandDef } from '../../cli/index.ts';
import type { IfNameSupport } from '../../cli/ifname.ts';
import { formatIp, maskToLen, parseIp, prefix as mkPrefix } from '../../core/ip.ts';
import type { VrpCtx } from './context.ts';
import type { VrpPeer, VrpPeerAf } from './repr.ts';
import { newVrpBgp } from './repr.ts';
import { renderCurrentConfiguration, renderThis } from './show/config.ts';
import {
  displayBgpAdjRoutes,
  displayBgpPeer,
  displayBgpPeerVerbose,
  displayBgpRoute,
  displayBgpRoutingTable,
  displayIpInterfaceBrief,
  displayIpRoutingTable,
  displayIpRoutingTableFor,
  displayIpRoutingTableProtocol,
  findBgpEntry,
} from './show/display.ts';
import { vrpPing, vrpTracert } from './show/probes.ts';

type Cmd = CommandDef<VrpCtx>;

/** `A.B.C.D (mask|len)` → prefix length, or null when the mask is not contiguous. */
function lenOf(a: Args, maskKey: string, lenKey: string): number | null {
  const len = a.num(lenKey);
  if (len !== undefined) return len;
  const m = a.ip(maskKey);
  return m === undefined ? null : maskToLen(m);
}

export function displayCommands(): Cmd[] {
  return [
    { spec: 'display bgp peer', pipe: true, run: (_a, c) => displayBgpPeer(c.exec.net, c.device, c.repr) },
    {
      spec: 'display bgp peer <A.B.C.D>$peer verbose',
      pipe: true,
      run(a, c, call) {
        const s = c.exec.net.sessions(c.device).find((x) => x.peer === a.ip('peer'));
        if (!s) return call.fail('wrong-param', 'peer');
        return displayBgpPeerVerbose(c.exec.net, c.device, c.repr, s);
      },
    },
    { spec: 'display bgp routing-table', pipe: true, run: (_a, c) => displayBgpRoutingTable(c.exec.net, c.device, c.repr) },
    {
      spec: 'display bgp routing-table <A.B.C.D>$addr [(<A.B.C.D>$mask|<0-32>$len)]',
      help: { addr: 'Specify an IPv4 network address', mask: 'IP address mask', len: 'Length of IP address mask' },
      pipe: true,
      run(a, c) {
        const len = a.has('mask') || a.has('len') ? (lenOf(a, 'mask', 'len') ?? undefined) : undefined;
        const e = findBgpEntry(c.exec.net, c.device, a.ip('addr')!, len);
        if (!e || !c.repr.bgp) return '';
        return displayBgpRoute(c.exec.net, c.device, c.repr, e);
      },
    },
    {
      spec: 'display bgp routing-table peer <A.B.C.D>$peer (advertised-routes|received-routes)',
      pipe: true,
      run(a, c, call) {
        const s = c.exec.net.sessions(c.device).find((x) => x.peer === a.ip('peer'));
        if (!s) return call.fail('wrong-param', 'peer');
        return displayBgpAdjRoutes(c.exec.net, c.device, c.repr, s, a.has('advertised-routes') ? 'advertised' : 'received');
      },
    },
    { spec: 'display ip routing-table', pipe: true, run: (_a, c) => displayIpRoutingTable(c.exec.net, c.device) },
    {
      spec: 'display ip routing-table <A.B.C.D>$addr [(<A.B.C.D>$mask|<0-32>$len)]',
      help: { addr: 'Destination IP address', mask: 'IP address mask', len: 'Length of IP address mask' },
      pipe: true,
      run(a, c) {
        const len = a.has('mask') || a.has('len') ? (lenOf(a, 'mask', 'len') ?? undefined) : undefined;
        return displayIpRoutingTableFor(c.exec.net, c.device, a.ip('addr')!, len);
      },
    },
    {
      spec: 'display ip routing-table protocol (bgp|static|direct)$proto',
      pipe: true,
      run: (a, c) => displayIpRoutingTableProtocol(c.exec.net, c.device, a.str('proto')!.toLowerCase() as 'bgp' | 'static' | 'direct'),
    },
    { spec: 'display ip interface brief', pipe: true, run: (_a, c) => displayIpInterfaceBrief(c.exec.net, c.device) },
    { spec: 'display current-configuration', pipe: true, run: (_a, c) => renderCurrentConfiguration(c.repr) },
    { spec: 'display current-configuration configuration bgp', pipe: true, run: (_a, c) => renderCurrentConfiguration(c.repr, 'bgp') },
    {
      spec: 'display this',
      pipe: true,
      run: (_a, c) => renderThis(c.repr, c.session.view, c.session.iface, c.session.policy?.name),
    },
    {
      spec: 'display ip ip-prefix [<STRING>$name]',
      pipe: true,
      run(a, c) {
        const out: string[] = [];
        for (const [name, entries] of c.repr.ipPrefixes) {
          if (a.has('name') && a.str('name') !== name) continue;
          out.push(`Prefix-list ${name}`, `Permitted 0`, `Denied 0`, `        index: ${entries[0]?.index ?? 10}      ${'permit'}`);
          for (const e of entries) {
            let l = `\tindex: ${e.index}\t${e.action}  ${formatIp(e.prefix.addr)}/${e.prefix.len}`;
            if (e.greaterEqual !== undefined) l += `  ge ${e.greaterEqual}`;
            if (e.lessEqual !== undefined) l += `  le ${e.lessEqual}`;
            out.push(l);
          }
        }
        return out.filter((l) => !l.startsWith('        index')).join('\n');
      },
    },
    {
      spec: 'display route-policy [<STRING>$name]',
      pipe: true,
      run(a, c) {
        const out: string[] = [];
        for (const [name, nodes] of c.repr.routePolicies) {
          if (a.has('name') && a.str('name') !== name) continue;
          out.push(`Route-policy : ${name}`);
          for (const n of nodes) {
            out.push(`  ${n.action} : ${n.node} (matched counts: 0)`, '    Match clauses : ');
            if (n.ifMatchIpPrefix) out.push(`      if-match ip-prefix ${n.ifMatchIpPrefix}`);
            out.push('    Apply clauses : ');
            if (n.applyAsPath) out.push(`      apply as-path ${n.applyAsPath.asns.join(' ')}${n.applyAsPath.additive ? ' additive' : ''}`);
            if (n.applyLocalPref !== undefined) out.push(`      apply local-preference ${n.applyLocalPref}`);
            if (n.applyCost !== undefined) out.push(`      apply cost ${n.applyCost}`);
          }
        }
        return out.join('\n');
      },
    },
    {
      spec: 'display version',
      run: (_a, c) =>
        `Huawei Versatile Routing Platform Software\nVRP (R) software, Version 5.120 (AR2200 V200R003C00)\nCopyright (C) 2011-2012 HUAWEI TECH CO., LTD\nHuawei AR2220 Router uptime is 0 week, 0 day, 0 hour, ${Math.floor(c.exec.net.time / 60)} minutes`,
    },
    {
      spec: 'ping {-a <A.B.C.D>$src|-c <1-4294967295>$count} <A.B.C.D>$dst',
      help: { src: 'Source IP address', count: 'Number of ICMP ECHO-REQUEST packets', dst: 'IP address of the destination' },
      run(a, c) {
        const count = a.num('count') ?? 5;
        const src = a.ip('src');
        return vrpPing(a.str('dst')!, c.exec.net.ping({ from: c.device, to: a.ip('dst')!, count, ...(src !== undefined ? { source: src } : {}) }), count);
      },
    },
    {
      spec: 'tracert {-a <A.B.C.D>$src} <A.B.C.D>$dst',
      help: { src: 'Source IP address', dst: 'IP address of the destination' },
      run(a, c) {
        const src = a.ip('src');
        return vrpTracert(a.str('dst')!, c.exec.net.traceroute({ from: c.device, to: a.ip('dst')!, maxHops: 30, probes: 3, ...(src !== undefined ? { source: src } : {}) }));
      },
    },
  ];
}

const RETURN: Cmd = {
  spec: 'return',
  run(_a, c) {
    c.session.view = 'user';
  },
};

export const USER_COMMANDS: Cmd[] = [
  {
    spec: 'system-view',
    run(_a, c) {
      c.session.view = 'system';
      return 'Enter system view, return user view with Ctrl+Z.';
    },
  },
  {
    spec: 'quit',
    run(_a, c) {
      c.session.closed = true;
    },
  },
  {
    spec: 'save',
    run: () =>
      'The current configuration will be written to the device.\nAre you sure to continue? (y/n)[n]:y\nIt will take several minutes to save configuration file, please wait.........\nConfiguration file had been saved successfully\nNote: The configuration file will take effect after being activated',
  },
  RETURN,
];

function quitTo(view: VrpCtx['session']['view']): Cmd {
  return {
    spec: 'quit',
    run(_a, c) {
      c.session.view = view;
    },
  };
}

export function systemCommands(ifn: IfNameSupport, isPort: (name: string) => boolean): Cmd[] {
  return [
    {
      spec: 'sysname <STRING>$name',
      run(a, c) {
        c.repr.sysname = a.str('name')!;
        c.changed();
      },
    },
    {
      spec: 'interface <IFNAME>$if',
      run(a, c, call) {
        const name = ifn.fromArgs(a, 'if');
        if (!name) return call.fail('wrong-param', 'if');
        if (!c.repr.interfaces.has(name)) {
          // Physical ports exist or not; logical interfaces are created on first use.
          if (!/^(LoopBack|Vlanif)/.test(name) || isPort(name)) return call.fail('wrong-param', 'if');
          c.repr.interfaces.set(name, { addresses: [], shutdown: false });
          c.changed();
        }
        c.session.iface = name;
        c.session.view = 'interface';
      },
    },
    {
      spec: 'undo interface <IFNAME>$if',
      run(a, c, call) {
        const name = ifn.fromArgs(a, 'if');
        if (!name || !/^(LoopBack|Vlanif)/.test(name) || !c.repr.interfaces.has(name)) return call.fail('wrong-param', 'if');
        c.repr.interfaces.delete(name);
        c.changed();
      },
    },
    {
      spec: '[undo] ip route-static <A.B.C.D>$dst (<A.B.C.D>$mask|<0-32>$len) (<A.B.C.D>$nh|<IFNAME>$if [<A.B.C.D>$nh]) [preference <1-255>$pref]',
      help: { dst: 'Destination IP address', mask: 'IP address mask', len: 'Length of IP address mask', nh: 'Gateway address', pref: 'Preference value' },
      run(a, c, call) {
        const len = lenOf(a, 'mask', 'len');
        if (len === null) return call.fail('wrong-param', 'mask');
        const dst = a.ip('dst')!;
        const p = mkPrefix(dst, len);
        if (p.addr !== dst) return 'Error: The destination address and mask do not match.';
        const ifname = a.has('if') || a.has('if.type') ? ifn.fromArgs(a, 'if') : undefined;
        const nh = a.ip('nh');
        const pref = a.num('pref');
        const same = (r: (typeof c.repr.staticRoutes)[number]): boolean =>
          r.prefix.addr === p.addr && r.prefix.len === p.len && r.nextHop === nh && r.ifname === ifname;
        if (a.negated) {
          const before = c.repr.staticRoutes.length;
          c.repr.staticRoutes = c.repr.staticRoutes.filter((r) => !same(r));
          if (c.repr.staticRoutes.length === before) return 'Error: The static route does not exist.';
        } else {
          c.repr.staticRoutes = c.repr.staticRoutes.filter((r) => !same(r));
          c.repr.staticRoutes.push({ prefix: p, ...(nh !== undefined ? { nextHop: nh } : {}), ...(ifname ? { ifname } : {}), ...(pref !== undefined ? { preference: pref } : {}) });
        }
        c.changed();
      },
    },
    {
      spec: 'bgp <1-4294967295>$asn',
      help: { asn: 'AS number' },
      run(a, c) {
        const asn = a.num('asn')!;
        if (c.repr.bgp && c.repr.bgp.asn !== asn) return `Error: The BGP instance has already been configured with AS number ${c.repr.bgp.asn}.`;
        if (!c.repr.bgp) {
          c.repr.bgp = newVrpBgp(asn);
          c.changed();
        }
        c.session.view = 'bgp';
      },
    },
    {
      spec: 'undo bgp [<1-4294967295>$asn]',
      help: { asn: 'AS number' },
      run(a, c) {
        if (!c.repr.bgp) return 'Error: BGP is not enabled.';
        if (a.has('asn') && a.num('asn') !== c.repr.bgp.asn) return 'Error: The specified AS number is not the configured one.';
        delete c.repr.bgp;
        c.changed();
        return 'Warning: All BGP configurations will be deleted. Continue? [Y/N]:y';
      },
    },
    {
      spec: 'ip ip-prefix <STRING>$name [index <1-4294967295>$idx] (permit|deny) <A.B.C.D>$addr <0-32>$len [greater-equal <0-32>$ge] [less-equal <0-32>$le]',
      help: { name: 'Specify a name of prefix list', idx: 'Index number of the entry', addr: 'IP address', len: 'Mask length', ge: 'Minimum mask length', le: 'Maximum mask length' },
      run(a, c, call) {
        const name = a.str('name')!;
        const len = a.num('len')!;
        const ge = a.num('ge');
        const le = a.num('le');
        // VRP: mask length <= greater-equal <= less-equal <= 32.
        if ((ge !== undefined && ge < len) || (le !== undefined && le < len) || (ge !== undefined && le !== undefined && ge > le)) {
          return 'Error: The value of greater-equal should be greater than or equal to the mask length, and less than or equal to less-equal.';
        }
        void call;
        const list = c.repr.ipPrefixes.get(name) ?? [];
        const idx = a.num('idx') ?? (list.length ? Math.max(...list.map((e) => e.index)) + 10 : 10);
        const action = a.pick('permit', 'deny')!;
        const next = list.filter((e) => e.index !== idx);
        next.push({ index: idx, action, prefix: mkPrefix(a.ip('addr')!, len), ...(ge !== undefined ? { greaterEqual: ge } : {}), ...(le !== undefined ? { lessEqual: le } : {}) });
        next.sort((x, y) => x.index - y.index);
        c.repr.ipPrefixes.set(name, next);
        c.changed();
      },
    },
    {
      spec: 'undo ip ip-prefix <STRING>$name [index <1-4294967295>$idx]',
      help: { name: 'Specify a name of prefix list', idx: 'Index number of the entry' },
      run(a, c) {
        const name = a.str('name')!;
        const list = c.repr.ipPrefixes.get(name);
        if (!list) return 'Error: The prefix list does not exist.';
        const idx = a.num('idx');
        if (idx === undefined) c.repr.ipPrefixes.delete(name);
        else {
          const next = list.filter((e) => e.index !== idx);
          if (next.length) c.repr.ipPrefixes.set(name, next);
          else c.repr.ipPrefixes.delete(name);
        }
        c.changed();
      },
    },
    {
      spec: 'route-policy <STRING>$name (permit|deny) node <0-65535>$node',
      help: { name: 'Route policy name', node: 'Node index' },
      run(a, c) {
        const name = a.str('name')!;
        const node = a.num('node')!;
        const action = a.pick('permit', 'deny')!;
        const nodes = c.repr.routePolicies.get(name) ?? [];
        const existing = nodes.find((n) => n.node === node);
        if (existing) existing.action = action;
        else nodes.push({ node, action });
        nodes.sort((x, y) => x.node - y.node);
        c.repr.routePolicies.set(name, nodes);
        c.session.policy = { name, node };
        c.session.view = 'route-policy';
        c.changed();
        return existing ? undefined : 'Info: New Sequence of this List.';
      },
    },
    {
      spec: 'undo route-policy <STRING>$name [(permit|deny)] [node <0-65535>$node]',
      help: { name: 'Route policy name', node: 'Node index' },
      run(a, c) {
        const name = a.str('name')!;
        if (!c.repr.routePolicies.has(name)) return 'Error: The route-policy does not exist.';
        const node = a.num('node');
        if (node === undefined) c.repr.routePolicies.delete(name);
        else c.repr.routePolicies.set(name, c.repr.routePolicies.get(name)!.filter((n) => n.node !== node));
        c.changed();
      },
    },
    quitTo('user'),
    RETURN,
  ];
}

export function interfaceCommands(): Cmd[] {
  return [
    {
      spec: 'ip address <A.B.C.D>$ip (<A.B.C.D>$mask|<0-32>$len) [sub]',
      help: { ip: 'IP address', mask: 'IP address mask', len: 'Length of IP address mask' },
      run(a, c, call) {
        const len = lenOf(a, 'mask', 'len');
        if (len === null) return call.fail('wrong-param', 'mask');
        const ip = a.ip('ip')!;
        const net = mkPrefix(ip, len);
        const bcast = (net.addr | (~(len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0) >>> 0)) >>> 0;
        if (len < 31 && (ip === net.addr || ip === bcast)) return 'Error: The specified IP address is invalid.';
        const name = c.session.iface!;
        for (const [other, i] of c.repr.interfaces) {
          if (other === name) continue;
          if (i.addresses.some((x) => x.len === len && mkPrefix(x.ip, x.len).addr === net.addr && len < 32))
            return 'Error: The specified address conflicts with another address.';
        }
        const itf = c.repr.interfaces.get(name)!;
        if (a.has('sub')) itf.addresses.push({ ip, len });
        else itf.addresses = [{ ip, len }, ...itf.addresses.slice(1)];
        c.changed();
      },
    },
    {
      spec: 'undo ip address [<A.B.C.D>$ip (<A.B.C.D>$mask|<0-32>$len) [sub]]',
      help: { ip: 'IP address', mask: 'IP address mask', len: 'Length of IP address mask' },
      run(a, c) {
        const itf = c.repr.interfaces.get(c.session.iface!)!;
        if (a.has('ip')) itf.addresses = itf.addresses.filter((x) => x.ip !== a.ip('ip'));
        else itf.addresses = [];
        c.changed();
      },
    },
    {
      spec: '[undo] shutdown',
      run(a, c) {
        c.repr.interfaces.get(c.session.iface!)!.shutdown = !a.negated;
        c.changed();
      },
    },
    {
      spec: 'description <TEXT>$d',
      run(a, c) {
        c.repr.interfaces.get(c.session.iface!)!.description = a.str('d');
        c.changed();
      },
    },
    { spec: 'undo description', run: (_a, c) => void (delete c.repr.interfaces.get(c.session.iface!)!.description, c.changed()) },
    quitTo('system'),
    RETURN,
  ];
}

// ---------------------------------------------------------------- BGP

const PEER = '(<A.B.C.D>$peer|<STRING>$peer)';

function peerOf(c: VrpCtx, name: string): { p: VrpPeer; group: boolean } | string {
  const bgp = c.repr.bgp!;
  const ip = parseIp(name);
  if (ip !== null) {
    const p = bgp.peers.get(formatIp(ip));
    return p ? { p, group: false } : 'Error: The peer does not exist.';
  }
  const g = bgp.groups.get(name);
  return g ? { p: g, group: true } : 'Error: The peer group does not exist.';
}

const PEER_HELP = {
  peer: 'IPv4 address or group name',
  hops: 'Maximum hop count',
  ka: 'Keepalive time (seconds)',
  hold: 'Hold time (seconds)',
  n: 'Number of repetitions of the local AS number',
  rp: 'Route-policy name',
  pl: 'IP prefix name',
  d: 'Description text',
  pw: 'Password text',
  src: 'IPv4 address',
  kind: 'Password type',
  description: 'Specify the description of the peer',
};

function peerCmd(spec: string, apply: (p: VrpPeer, a: Args, undo: boolean, call: CallInfo) => string | void): Cmd {
  return {
    spec: `[undo] peer ${PEER} ${spec}`,
    help: PEER_HELP,
    run(a, c, call) {
      const r = peerOf(c, a.str('peer')!);
      if (typeof r === 'string') return r;
      const out = apply(r.p, a, a.negated, call);
      c.changed();
      return out;
    },
  };
}

function afCmd(spec: string, apply: (af: VrpPeerAf, a: Args, undo: boolean) => string | void): Cmd {
  return peerCmd(spec, (p, a, undo) => apply(p.af, a, undo));
}

export function bgpAfCommands(): Cmd[] {
  return [
    afCmd('enable', (af, _a, undo) => {
      af.enable = undo ? false : undefined;
    }),
    afCmd('reflect-client', (af, _a, undo) => {
      af.reflectClient = undo ? undefined : true;
    }),
    afCmd('next-hop-local', (af, _a, undo) => {
      af.nextHopLocal = undo ? undefined : true;
    }),
    afCmd('route-policy <STRING>$rp (import|export)', (af, a, undo) => {
      const v = undo ? undefined : a.str('rp');
      if (a.has('import')) af.routePolicyImport = v;
      else af.routePolicyExport = v;
    }),
    afCmd('ip-prefix <STRING>$pl (import|export)', (af, a, undo) => {
      const v = undo ? undefined : a.str('pl');
      if (a.has('import')) af.ipPrefixImport = v;
      else af.ipPrefixExport = v;
    }),
    afCmd('allow-as-loop [<1-10>$n]', (af, a, undo) => {
      af.allowAsLoop = undo ? undefined : (a.num('n') ?? 1);
    }),
    afCmd('default-route-advertise', (af, _a, undo) => {
      af.defaultRouteAdvertise = undo ? undefined : true;
    }),
    afCmd('advertise-community', (af, _a, undo) => {
      af.advertiseCommunity = undo ? undefined : true;
    }),
    {
      spec: '[undo] network <A.B.C.D>$addr [(<A.B.C.D>$mask|<0-32>$len)] [route-policy <STRING>$rp]',
      help: { addr: 'IP address', mask: 'IP address mask', len: 'Length of IP address mask', rp: 'Route-policy name' },
      run(a, c, call) {
        const addr = a.ip('addr')!;
        let len: number | null = a.has('mask') || a.has('len') ? lenOf(a, 'mask', 'len') : null;
        if (len === null) {
          if (a.has('mask')) return call.fail('wrong-param', 'mask');
          // Without a mask VRP uses the classful one (network 192.168.1.0 = /24).
          const first = addr >>> 24;
          len = first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
        }
        const p = mkPrefix(addr, len);
        const key = `${formatIp(p.addr)}/${p.len}`;
        const bgp = c.repr.bgp!;
        if (a.negated) {
          if (!bgp.networks.delete(key)) return 'Error: The network does not exist.';
        } else bgp.networks.set(key, { prefix: p, ...(a.has('rp') ? { routePolicy: a.str('rp')! } : {}) });
        c.changed();
      },
    },
    {
      spec: '[undo] import-route (direct|static)$src [{med <0-4294967295>$med|route-policy <STRING>$rp}]',
      help: { med: 'MED value', rp: 'Route-policy name' },
      run(a, c) {
        const src = a.str('src')!.toLowerCase() as 'direct' | 'static';
        const bgp = c.repr.bgp!;
        if (a.negated) bgp.importRoutes.delete(src);
        else bgp.importRoutes.set(src, { ...(a.has('rp') ? { routePolicy: a.str('rp')! } : {}), ...(a.has('med') ? { med: a.num('med')! } : {}) });
        c.changed();
      },
    },
    {
      spec: '[undo] maximum load-balancing [(ebgp|ibgp)] <1-8>$n',
      help: { n: 'Number of equal-cost routes' },
      run(a, c) {
        const bgp = c.repr.bgp!;
        const v = a.negated ? undefined : a.num('n');
        if (a.has('ebgp')) bgp.maxLoadBalancingEbgp = v;
        else if (a.has('ibgp')) bgp.maxLoadBalancingIbgp = v;
        else bgp.maxLoadBalancing = v;
        c.changed();
      },
    },
    { spec: '[undo] synchronization', run: () => undefined },
  ];
}

export function bgpCommands(ifn: IfNameSupport): Cmd[] {
  return [
    {
      spec: '[undo] router-id <A.B.C.D>$id',
      run(a, c) {
        const bgp = c.repr.bgp!;
        if (a.negated) delete bgp.routerId;
        else bgp.routerId = a.ip('id')!;
        c.changed();
      },
    },
    {
      spec: 'peer ' + PEER + ' as-number <1-4294967295>$asn',
      help: { peer: 'IPv4 address or group name', asn: 'AS number' },
      run(a, c) {
        const bgp = c.repr.bgp!;
        const name = a.str('peer')!;
        const ip = parseIp(name);
        if (ip === null) {
          const g = bgp.groups.get(name);
          if (!g) return 'Error: The peer group does not exist.';
          if (g.kind === 'internal' && a.num('asn') !== bgp.asn) return 'Error: The AS number of an IBGP peer group must be the local AS number.';
          g.asNumber = a.num('asn');
        } else {
          const key = formatIp(ip);
          const p = bgp.peers.get(key) ?? { af: {} };
          p.asNumber = a.num('asn');
          bgp.peers.set(key, p);
        }
        c.changed();
      },
    },
    {
      spec: 'undo peer ' + PEER,
      help: PEER_HELP,
      run(a, c) {
        const bgp = c.repr.bgp!;
        const name = a.str('peer')!;
        const ip = parseIp(name);
        if (ip !== null ? !bgp.peers.delete(formatIp(ip)) : !bgp.groups.delete(name)) return 'Error: The peer does not exist.';
        c.changed();
      },
    },
    peerCmd('description <TEXT>$d', (p, a, undo) => {
      p.description = undo ? undefined : a.str('d');
    }),
    peerCmd('ebgp-max-hop [<1-255>$hops]', (p, a, undo) => {
      p.ebgpMaxHop = undo ? undefined : (a.num('hops') ?? 255);
    }),
    peerCmd('connect-interface (<IFNAME>$if|<A.B.C.D>$src)', (p, a, undo) => {
      p.connectInterface = undo ? undefined : a.has('src') ? a.str('src') : ifn.fromArgs(a, 'if');
    }),
    peerCmd('ignore', (p, _a, undo) => {
      p.ignore = undo ? undefined : true;
    }),
    peerCmd('password (cipher|simple)$kind <STRING>$pw', (p, a, undo) => {
      p.password = undo ? undefined : { kind: a.str('kind')!.toLowerCase() as 'cipher' | 'simple', text: a.str('pw')! };
    }),
    peerCmd('timer keepalive <0-21845>$ka hold <0-65535>$hold', (p, a, undo) => {
      p.timers = undo ? undefined : { keepalive: a.num('ka')!, hold: a.num('hold')! };
    }),
    {
      spec: '[undo] peer <A.B.C.D>$peer group <STRING>$gname',
      help: { peer: 'IPv4 address', gname: 'Peer group name' },
      run(a, c) {
        const bgp = c.repr.bgp!;
        const g = bgp.groups.get(a.str('gname')!);
        if (!g) return 'Error: The peer group does not exist.';
        const key = formatIp(a.ip('peer')!);
        const p = bgp.peers.get(key) ?? { af: {} };
        if (a.negated) delete p.group;
        else p.group = a.str('gname')!;
        bgp.peers.set(key, p);
        c.changed();
      },
    },
    {
      spec: '[undo] group <STRING>$name [(internal|external)$kind]',
      help: { name: 'Peer group name' },
      run(a, c) {
        const bgp = c.repr.bgp!;
        const name = a.str('name')!;
        if (a.negated) bgp.groups.delete(name);
        else if (!bgp.groups.has(name)) bgp.groups.set(name, { kind: a.str('kind')?.toLowerCase() === 'external' ? 'external' : 'internal', af: {} });
        c.changed();
      },
    },
    {
      spec: '[undo] reflector cluster-id <A.B.C.D>$id',
      run(a, c) {
        const bgp = c.repr.bgp!;
        if (a.negated) delete bgp.clusterId;
        else bgp.clusterId = a.ip('id')!;
        c.changed();
      },
    },
    {
      spec: 'ipv4-family unicast',
      run(_a, c) {
        c.session.view = 'bgp-af';
      },
    },
    ...bgpAfCommands(),
    quitTo('system'),
    RETURN,
  ];
}

export function routePolicyCommands(): Cmd[] {
  const node = (c: VrpCtx) => c.repr.routePolicies.get(c.session.policy!.name)!.find((n) => n.node === c.session.policy!.node)!;
  return [
    {
      spec: '[undo] if-match ip-prefix <STRING>$pl',
      run(a, c) {
        node(c).ifMatchIpPrefix = a.negated ? undefined : a.str('pl');
        c.changed();
      },
    },
    {
      spec: 'apply as-path <1-4294967295>$asn {<1-4294967295>$asn} [additive]',
      help: { asn: 'AS number' },
      run(a, c) {
        node(c).applyAsPath = { asns: a.all('asn').map(Number), additive: a.has('additive') };
        c.changed();
      },
    },
    {
      spec: 'undo apply as-path',
      run(_a, c) {
        delete node(c).applyAsPath;
        c.changed();
      },
    },
    {
      spec: '[undo] apply local-preference <0-4294967295>$v',
      help: { v: 'Local preference value' },
      run(a, c) {
        node(c).applyLocalPref = a.negated ? undefined : a.num('v');
        c.changed();
      },
    },
    {
      spec: '[undo] apply cost <0-4294967295>$v',
      help: { v: 'Cost value' },
      run(a, c) {
        node(c).applyCost = a.negated ? undefined : a.num('v');
        c.changed();
      },
    },
    {
      spec: 'apply community <COMMUNITY>$v {<COMMUNITY>$v} [additive]',
      help: { v: 'Community number (AA:NN) or well-known community' },
      run(a, c) {
        node(c).applyCommunity = { values: [...a.all('v')], additive: a.has('additive') };
        c.changed();
      },
    },
    {
      spec: '[undo] goto next-node',
      run(a, c) {
        node(c).gotoNext = a.negated ? undefined : true;
        c.changed();
      },
    },
    quitTo('system'),
    RETURN,
  ];
}

export const BGP_AF_QUIT: Cmd = quitTo('bgp');
