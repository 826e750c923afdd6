// Cisco IOS commands per mode. Messages are the device's: "% Specify remote-as or peer-group
// commands first", "% IP addresses may not be configured on L2 links.", "Bad mask /24 for
// address 10.1.1.0", "% Invalid prefix range for 10.0.0.0/8, make sure: len < ge-value <=
// le-value", "% BGP is already running; AS is 64512", "Enter configuration commands, one per
// line.  End with CNTL/Z.", "Building configuration...\n[OK]".

import type { Args, CommandDef } from '../../cli/index.ts';
import type { IfNameSupport } from '../../cli/ifname.ts';
import { formatIp, maskToLen, networkOf, parseIp, prefix as mkPrefix } from '../../core/ip.ts';
import type { IosCtx } from './context.ts';
import type { IosNeighbor, IosNeighborAf } from './repr.ts';
import { newIosBgp } from './repr.ts';
import { renderIosConfig } from './show/config.ts';
import { iosPing, iosTraceroute } from './show/probes.ts';
import {
  findEntry,
  showAdj,
  showIpBgp,
  showIpBgpNeighbors,
  showIpBgpPrefix,
  showIpBgpSummary,
  showIpInterfaceBrief,
  showIpRoute,
  showIpRouteFor,
  showInterfacesStatus,
  showVlanBrief,
} from './show/show.ts';

type Cmd = CommandDef<IosCtx>;

export function showCommands(privileged: boolean): Cmd[] {
  const cmds: Cmd[] = [
    { spec: 'show ip bgp summary', pipe: true, run: (_a, c) => showIpBgpSummary(c.exec.net, c.device, c.repr) },
    { spec: 'show ip bgp', pipe: true, run: (_a, c) => showIpBgp(c.exec.net, c.device, c.repr) },
    {
      spec: 'show ip bgp (<A.B.C.D>$addr [<A.B.C.D>$mask]|<A.B.C.D/M>$pfx)',
      help: { addr: 'Network in the BGP routing table to display', mask: 'Network mask', pfx: 'IP prefix <network>/<length>, e.g., 35.0.0.0/8' },
      pipe: true,
      run(a, c) {
        if (!c.repr.bgp) return '% BGP not active';
        const pfx = a.prefix('pfx');
        const mask = a.ip('mask');
        const len = pfx ? pfx.len : mask !== undefined ? (maskToLen(mask) ?? undefined) : undefined;
        const e = findEntry(c.exec.net, c.device, pfx ? pfx.addr : a.ip('addr')!, len);
        return e ? showIpBgpPrefix(c.exec.net, c.device, c.repr, e) : '% Network not in table';
      },
    },
    {
      spec: 'show ip bgp neighbors [<A.B.C.D>$nbr [(advertised-routes|received-routes|routes)]]',
      help: { nbr: 'Neighbor to display information about' },
      pipe: true,
      run(a, c) {
        const net = c.exec.net;
        const ip = a.ip('nbr');
        if (ip === undefined) return showIpBgpNeighbors(net, c.device, c.repr);
        const s = net.sessions(c.device).find((x) => x.peer === ip);
        if (!s) return `% No such neighbor or address-family`;
        if (a.has('advertised-routes')) return showAdj(net, c.device, c.repr, s, 'advertised');
        if (a.has('received-routes')) return showAdj(net, c.device, c.repr, s, 'received');
        if (a.has('routes')) {
          const t = showIpBgp(net, c.device, c.repr, (p) => p.session === s.name);
          const n = net.bgpRoutes(c.device).filter((e) => e.paths.some((p) => p.session === s.name)).length;
          return t ? `${t}\n\nTotal number of prefixes ${n} ` : `\nTotal number of prefixes 0 `;
        }
        return showIpBgpNeighbors(net, c.device, c.repr, s);
      },
    },
    {
      spec: 'show ip route [(bgp|static|connected)$proto]',
      pipe: true,
      run: (a, c) => showIpRoute(c.exec.net, c.device, a.str('proto')?.toLowerCase() as 'bgp' | 'static' | 'connected' | undefined),
    },
    { spec: 'show ip route <A.B.C.D>$addr', help: { addr: 'Network to display information about or hostname' }, pipe: true, run: (a, c) => showIpRouteFor(c.exec.net, c.device, a.ip('addr')!) },
    { spec: 'show ip interface brief', pipe: true, run: (_a, c) => showIpInterfaceBrief(c.exec.net, c.device, c.repr, c.startup, c.ports) },
    { spec: 'show interfaces status', pipe: true, run: (_a, c) => showInterfacesStatus(c.exec.net, c.device, c.repr, c.ports) },
    { spec: 'show vlan brief', help: { vlan: 'VTP VLAN status', brief: 'VTP all VLAN status in brief' }, pipe: true, run: (_a, c) => showVlanBrief(c.repr) },
    {
      spec: 'show ip prefix-list [<WORD>$name]',
      help: { name: 'Name of a prefix list' },
      pipe: true,
      run(a, c) {
        const out: string[] = [];
        for (const [name, pl] of c.repr.prefixLists) {
          if (a.has('name') && a.str('name') !== name) continue;
          out.push(`ip prefix-list ${name}: ${pl.entries.length} entries`);
          for (const e of pl.entries) out.push(`   seq ${e.seq} ${e.action} ${formatIp(e.prefix.addr)}/${e.prefix.len}${e.ge !== undefined ? ` ge ${e.ge}` : ''}${e.le !== undefined ? ` le ${e.le}` : ''}`);
        }
        return out.join('\n');
      },
    },
    {
      spec: 'show route-map [<WORD>$name]',
      help: { name: 'route-map name' },
      pipe: true,
      run(a, c) {
        const out: string[] = [];
        for (const [name, entries] of c.repr.routeMaps) {
          if (a.has('name') && a.str('name') !== name) continue;
          for (const e of entries) {
            out.push(`route-map ${name}, ${e.action}, sequence ${e.seq}`, '  Match clauses:');
            if (e.matchPrefixLists.length) out.push(`    ip address prefix-lists: ${e.matchPrefixLists.join(' ')} `);
            out.push('  Set clauses:');
            if (e.setLocalPref !== undefined) out.push(`    local-preference ${e.setLocalPref}`);
            if (e.setMetric !== undefined) out.push(`    metric ${e.setMetric}`);
            if (e.setAsPathPrepend) out.push(`    as-path prepend ${e.setAsPathPrepend.join(' ')}`);
            if (e.setCommunity) out.push(`    community ${e.setCommunity.values.join(' ')}${e.setCommunity.additive ? ' additive' : ''}`);
            out.push('  Policy routing matches: 0 packets, 0 bytes');
          }
        }
        return out.join('\n');
      },
    },
    {
      spec: 'ping <A.B.C.D>$dst {source (<A.B.C.D>$src|<IFNAME>$sif)|repeat <1-2147483647>$count}',
      help: { dst: 'Ping destination address or hostname', src: 'Source address', count: 'Repeat count' },
      run(a, c) {
        const count = a.num('count') ?? 5;
        let src = a.ip('src');
        const sif = a.has('sif') || a.has('sif.type') ? ifnames.fromArgs(a, 'sif') : undefined;
        if (src === undefined && sif) src = c.repr.interfaces.get(sif)?.addresses[0]?.ip;
        const r = c.exec.net.ping({ from: c.device, to: a.ip('dst')!, count, ...(src !== undefined ? { source: src } : {}) });
        return iosPing(a.str('dst')!, src !== undefined ? { ...r, source: src } : { ...r, source: null }, count);
      },
    },
    {
      spec: 'traceroute <A.B.C.D>$dst [source <A.B.C.D>$src]',
      help: { dst: 'Trace route to destination address or hostname', src: 'Source address' },
      run(a, c) {
        const src = a.ip('src');
        return iosTraceroute(a.str('dst')!, c.exec.net.traceroute({ from: c.device, to: a.ip('dst')!, maxHops: 30, probes: 3, ...(src !== undefined ? { source: src } : {}) }));
      },
    },
    { spec: 'terminal length <0-512>$n', help: { n: 'Number of lines on screen (0 for no pausing)' }, run: () => undefined },
    { spec: 'exit', run: (_a, c) => void (c.session.closed = true) },
    { spec: 'logout', run: (_a, c) => void (c.session.closed = true) },
  ];
  if (!privileged) return [...cmds, { spec: 'enable', run: (_a, c) => void (c.session.mode = 'exec') }];
  return [
    ...cmds,
    { spec: 'show running-config', pipe: true, run: (_a, c) => renderIosConfig(c.repr) },
    { spec: 'show startup-config', pipe: true, run: (_a, c) => renderIosConfig(c.repr).replace(/^Building configuration...\n\nCurrent configuration : \d+ bytes/, 'Using 2934 out of 2097152 bytes') },
    {
      spec: 'configure terminal',
      run(_a, c) {
        c.session.mode = 'config';
        return 'Enter configuration commands, one per line.  End with CNTL/Z.';
      },
    },
    { spec: 'write [memory]', run: () => 'Building configuration...\n[OK]' },
    { spec: 'copy running-config startup-config', run: () => 'Destination filename [startup-config]? \nBuilding configuration...\n[OK]' },
    { spec: 'disable', run: (_a, c) => void (c.session.mode = 'user') },
    {
      spec: 'clear ip bgp (*|<A.B.C.D>$nbr) [soft [(in|out)]]',
      help: { '*': 'Clear all peers', nbr: 'BGP neighbor address to clear' },
      run(a, c) {
        if (!a.has('soft') && a.has('*')) c.exec.daemon(c.device, 'restart');
      },
    },
  ];
}

/** Interface names of the IOS family (set by the front end). */
export let ifnames: IfNameSupport;
export function setIfnames(s: IfNameSupport): void {
  ifnames = s;
}

const NAV: Cmd[] = [
  { spec: 'end', run: (_a, c) => void (c.session.mode = 'exec') },
];

function exitTo(mode: IosCtx['session']['mode']): Cmd {
  return { spec: 'exit', run: (_a, c) => void (c.session.mode = mode) };
}

export function configCommands(isPort: (name: string) => boolean): Cmd[] {
  return [
    { spec: 'hostname <WORD>$name', help: { name: "This system's network name" }, run: (a, c) => void ((c.repr.hostname = a.str('name')!), c.changed()) },
    {
      spec: 'interface <IFNAME>$if',
      run(a, c, call) {
        const name = ifnames.fromArgs(a, 'if');
        if (!name) return call.fail('unrecognized', 'if');
        if (!c.repr.interfaces.has(name)) {
          if (!/^(Loopback|Vlan)/.test(name) || isPort(name)) return call.fail('unrecognized', 'if');
          c.repr.interfaces.set(name, { addresses: [], shutdown: false, switchport: false });
          c.changed();
        }
        c.session.iface = name;
        c.session.mode = 'config-if';
      },
    },
    {
      spec: 'no interface <IFNAME>$if',
      run(a, c, call) {
        const name = ifnames.fromArgs(a, 'if');
        if (!name || !/^(Loopback|Vlan)/.test(name) || !c.repr.interfaces.has(name)) return call.fail('unrecognized', 'if');
        c.repr.interfaces.delete(name);
        c.changed();
      },
    },
    { spec: '[no] ip routing', help: { routing: 'Enable IP routing' }, run: (a, c) => void ((c.repr.ipRouting = !a.negated), c.changed()) },
    {
      spec: '[no] ip route <A.B.C.D>$dst <A.B.C.D>$mask (<A.B.C.D>$nh|<IFNAME>$if [<A.B.C.D>$nh]) [<1-255>$dist] [name <WORD>$rname]',
      help: { dst: 'Destination prefix', mask: 'Destination prefix mask', nh: 'Forwarding router\'s address', dist: 'Distance metric for this route', rname: 'Name of the next hop' },
      run(a, c, call) {
        const len = maskToLen(a.ip('mask')!);
        if (len === null) return call.fail('unrecognized', 'mask');
        const dst = a.ip('dst')!;
        if (networkOf(dst, len) !== dst) return '%Inconsistent address and mask';
        const p = mkPrefix(dst, len);
        const ifname = a.has('if') || a.has('if.type') ? ifnames.fromArgs(a, 'if') : undefined;
        const nh = a.ip('nh');
        const same = (r: (typeof c.repr.staticRoutes)[number]): boolean => r.prefix.addr === p.addr && r.prefix.len === p.len && r.nextHop === nh && r.ifname === ifname;
        c.repr.staticRoutes = c.repr.staticRoutes.filter((r) => !same(r));
        if (!a.negated) {
          c.repr.staticRoutes.push({
            prefix: p,
            ...(nh !== undefined ? { nextHop: nh } : {}),
            ...(ifname ? { ifname } : {}),
            ...(a.has('dist') ? { distance: a.num('dist')! } : {}),
            ...(a.has('rname') ? { name: a.str('rname')! } : {}),
          });
        }
        c.changed();
      },
    },
    {
      spec: 'router bgp <1-4294967295>$asn',
      help: { asn: 'Autonomous system number' },
      run(a, c) {
        const asn = a.num('asn')!;
        if (!c.repr.ipRouting) return '% IP routing not enabled';
        if (c.repr.bgp && c.repr.bgp.asn !== asn) return `% BGP is already running; AS is ${c.repr.bgp.asn}`;
        if (!c.repr.bgp) {
          c.repr.bgp = newIosBgp(asn);
          c.changed();
        }
        c.session.mode = 'config-router';
      },
    },
    {
      spec: 'no router bgp <1-4294967295>$asn',
      help: { asn: 'Autonomous system number' },
      run(a, c) {
        if (c.repr.bgp?.asn === a.num('asn')) {
          delete c.repr.bgp;
          c.changed();
        }
      },
    },
    {
      spec: 'ip prefix-list <WORD>$name [seq <1-4294967294>$seqn] (deny|permit) <A.B.C.D/M>$p [ge <1-32>$gelen] [le <1-32>$lelen]',
      help: { name: 'Name of a prefix list', seqn: 'Sequence number', p: 'IP prefix <network>/<length>, e.g., 35.0.0.0/8', gelen: 'Minimum prefix length', lelen: 'Maximum prefix length' },
      run(a, c) {
        const name = a.str('name')!;
        const p = a.prefix('p')!;
        const ge = a.num('gelen');
        const le = a.num('lelen');
        if ((ge !== undefined && ge <= p.len) || (le !== undefined && le < p.len) || (ge !== undefined && le !== undefined && ge > le)) {
          return `% Invalid prefix range for ${formatIp(p.addr)}/${p.len}, make sure: len < ge-value <= le-value`;
        }
        const pl = c.repr.prefixLists.get(name) ?? { entries: [] };
        const seq = a.num('seqn') ?? Math.max(0, ...pl.entries.map((e) => e.seq)) + 5;
        pl.entries = pl.entries.filter((e) => e.seq !== seq);
        pl.entries.push({ seq, action: a.pick('permit', 'deny')!, prefix: p, ...(ge !== undefined ? { ge } : {}), ...(le !== undefined ? { le } : {}) });
        pl.entries.sort((x, y) => x.seq - y.seq);
        c.repr.prefixLists.set(name, pl);
        c.changed();
      },
    },
    {
      spec: 'no ip prefix-list <WORD>$name [seq <1-4294967294>$seqn [(deny|permit) <A.B.C.D/M>$p [ge <1-32>$gelen] [le <1-32>$lelen]]]',
      help: { name: 'Name of a prefix list', seqn: 'Sequence number', p: 'IP prefix <network>/<length>, e.g., 35.0.0.0/8', gelen: 'Minimum prefix length', lelen: 'Maximum prefix length' },
      run(a, c) {
        const name = a.str('name')!;
        const seq = a.num('seqn');
        if (seq === undefined) c.repr.prefixLists.delete(name);
        else {
          const pl = c.repr.prefixLists.get(name);
          if (pl) pl.entries = pl.entries.filter((e) => e.seq !== seq);
        }
        c.changed();
      },
    },
    {
      spec: 'ip prefix-list <WORD>$name description <LINE>$d',
      help: { name: 'Name of a prefix list', d: 'Up to 80 characters describing this prefix-list' },
      run(a, c) {
        const pl = c.repr.prefixLists.get(a.str('name')!) ?? { entries: [] };
        pl.description = a.str('d');
        c.repr.prefixLists.set(a.str('name')!, pl);
        c.changed();
      },
    },
    {
      spec: 'route-map <WORD>$name [(deny|permit)] [<0-65535>$seqn]',
      help: { name: 'Route map tag', seqn: 'Sequence to insert to/delete from existing route-map entry' },
      run(a, c) {
        const name = a.str('name')!;
        const seq = a.num('seqn') ?? 10;
        const action = a.pick('permit', 'deny') ?? 'permit';
        const list = c.repr.routeMaps.get(name) ?? [];
        const e = list.find((x) => x.seq === seq);
        if (e) e.action = action;
        else list.push({ action, seq, matchPrefixLists: [] });
        list.sort((x, y) => x.seq - y.seq);
        c.repr.routeMaps.set(name, list);
        c.session.routeMap = { name, seq };
        c.session.mode = 'config-route-map';
        c.changed();
      },
    },
    {
      spec: 'no route-map <WORD>$name [(deny|permit)] [<0-65535>$seqn]',
      help: { name: 'Route map tag', seqn: 'Sequence to insert to/delete from existing route-map entry' },
      run(a, c) {
        const name = a.str('name')!;
        const seq = a.num('seqn');
        if (seq === undefined) c.repr.routeMaps.delete(name);
        else c.repr.routeMaps.set(name, (c.repr.routeMaps.get(name) ?? []).filter((e) => e.seq !== seq));
        c.changed();
      },
    },
    {
      spec: 'vlan <1-4094>$id',
      help: { id: 'VLAN IDs of the allowed VLANs' },
      run(a, c) {
        const id = a.num('id')!;
        if (!c.repr.vlans.has(id)) c.repr.vlans.set(id, {});
        c.session.vlan = id;
        c.session.mode = 'config-vlan';
        c.changed();
      },
    },
    ...NAV,
    exitTo('exec'),
  ];
}

export const VLAN_COMMANDS: Cmd[] = [
  { spec: 'name <WORD>$n', help: { n: 'The ascii name for the VLAN' }, run: (a, c) => void ((c.repr.vlans.get(c.session.vlan!)!.name = a.str('n')), c.changed()) },
  ...NAV,
  exitTo('config'),
];

export const INTERFACE_COMMANDS: Cmd[] = [
  {
    spec: 'ip address <A.B.C.D>$ip <A.B.C.D>$mask [secondary]',
    help: { ip: 'IP address', mask: 'IP subnet mask', secondary: 'Make this IP address a secondary address' },
    run(a, c) {
      const name = c.session.iface!;
      const itf = c.repr.interfaces.get(name)!;
      if (itf.switchport) return '% IP addresses may not be configured on L2 links.';
      const ip = a.ip('ip')!;
      const maskIp = a.ip('mask')!;
      const len = maskToLen(maskIp);
      if (len === null) return `% Bad mask 0x${maskIp.toString(16).toUpperCase().padStart(8, '0')} for address ${formatIp(ip)}`;
      const net = networkOf(ip, len);
      const bcast = (net | (~(len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0) >>> 0)) >>> 0;
      if (len < 31 && (ip === net || ip === bcast)) return `Bad mask /${len} for address ${formatIp(ip)}`;
      for (const [other, o] of c.repr.interfaces) {
        if (other === name || o.switchport) continue;
        if (o.addresses.some((x) => networkOf(x.ip, Math.min(x.len, len)) === networkOf(ip, Math.min(x.len, len)))) return `% ${formatIp(net)} overlaps with ${other}`;
      }
      if (a.has('secondary')) itf.addresses.push({ ip, len });
      else itf.addresses = [{ ip, len }, ...itf.addresses.slice(1)];
      c.changed();
    },
  },
  {
    spec: 'no ip address [<A.B.C.D>$ip <A.B.C.D>$mask [secondary]]',
    help: { ip: 'IP address', mask: 'IP subnet mask', secondary: 'Make this IP address a secondary address' },
    run(a, c) {
      const itf = c.repr.interfaces.get(c.session.iface!)!;
      itf.addresses = a.has('ip') ? itf.addresses.filter((x) => x.ip !== a.ip('ip')) : [];
      c.changed();
    },
  },
  { spec: '[no] shutdown', run: (a, c) => void ((c.repr.interfaces.get(c.session.iface!)!.shutdown = !a.negated), c.changed()) },
  { spec: 'description <LINE>$d', help: { d: 'Up to 200 characters describing this interface' }, run: (a, c) => void ((c.repr.interfaces.get(c.session.iface!)!.description = a.str('d')), c.changed()) },
  { spec: 'no description', run: (_a, c) => void (delete c.repr.interfaces.get(c.session.iface!)!.description, c.changed()) },
  {
    spec: '[no] switchport',
    run(a, c) {
      const itf = c.repr.interfaces.get(c.session.iface!)!;
      if (!c.session.iface!.startsWith('GigabitEthernet') && !c.session.iface!.startsWith('TenGigabitEthernet')) return;
      itf.switchport = !a.negated;
      if (!itf.switchport) {
        delete itf.accessVlan;
        delete itf.mode;
      } else itf.addresses = [];
      c.changed();
    },
  },
  {
    spec: 'switchport mode (access|trunk)$m',
    run(a, c) {
      c.repr.interfaces.get(c.session.iface!)!.mode = a.str('m')!.toLowerCase() as 'access' | 'trunk';
      c.changed();
    },
  },
  {
    spec: '[no] switchport access vlan <1-4094>$vid',
    help: { vid: 'VLAN ID of the VLAN when this port is in access mode' },
    run(a, c) {
      const itf = c.repr.interfaces.get(c.session.iface!)!;
      let note: string | undefined;
      if (a.negated) delete itf.accessVlan;
      else {
        itf.accessVlan = a.num('vid')!;
        if (!c.repr.vlans.has(itf.accessVlan)) {
          c.repr.vlans.set(itf.accessVlan, {});
          note = `% Access VLAN does not exist. Creating vlan ${itf.accessVlan}`;
        }
      }
      c.changed();
      return note;
    },
  },
  ...NAV,
  exitTo('config'),
];

// ---------------------------------------------------------------- router bgp

const NBR = '(<A.B.C.D>$peer|<WORD>$peer)';
const NBR_HELP = { peer: 'Neighbor address' };

function lookup(c: IosCtx, name: string): IosNeighbor | string {
  const bgp = c.repr.bgp!;
  const ip = parseIp(name);
  if (ip !== null) return bgp.neighbors.get(formatIp(ip)) ?? '% Specify remote-as or peer-group commands first';
  return bgp.peerGroups.get(name) ?? '% Create the peer-group first';
}

function nbrAttr(spec: string, help: Record<string, string>, apply: (n: IosNeighbor, a: Args, no: boolean, c: IosCtx) => string | void): Cmd {
  return {
    spec: `[no] neighbor ${NBR} ${spec}`,
    help: { ...NBR_HELP, ...help },
    run(a, c) {
      const n = lookup(c, a.str('peer')!);
      if (typeof n === 'string') return n;
      const out = apply(n, a, a.negated, c);
      c.changed();
      return out;
    },
  };
}

function afAttr(spec: string, help: Record<string, string>, apply: (af: IosNeighborAf, a: Args, no: boolean, n: IosNeighbor, c: IosCtx) => string | void): Cmd {
  return nbrAttr(spec, help, (n, a, no, c) => apply(n.af, a, no, n, c));
}

function isIbgp(c: IosCtx, n: IosNeighbor): boolean {
  const bgp = c.repr.bgp!;
  const asn = n.remoteAs ?? (n.peerGroup ? bgp.peerGroups.get(n.peerGroup)?.remoteAs : undefined);
  return asn === bgp.asn;
}

export function bgpAfCommands(): Cmd[] {
  return [
    afAttr('activate', {}, (af, _a, no) => {
      af.activate = no ? false : undefined;
    }),
    afAttr('route-reflector-client', {}, (af, _a, no, n, c) => {
      if (!no && !isIbgp(c, n)) return '% Invalid command. Not an internal neighbor';
      af.rrClient = no ? undefined : true;
    }),
    afAttr('next-hop-self', {}, (af, _a, no) => {
      af.nextHopSelf = no ? undefined : true;
    }),
    afAttr('soft-reconfiguration inbound', {}, (af, _a, no) => {
      af.softReconfig = no ? undefined : true;
    }),
    afAttr('route-map <WORD>$rm (in|out)', { rm: 'Name of route map' }, (af, a, no) => {
      const v = no ? undefined : a.str('rm');
      if (a.has('in')) af.routeMapIn = v;
      else af.routeMapOut = v;
    }),
    afAttr('prefix-list <WORD>$pl (in|out)', { pl: 'Name of a prefix list' }, (af, a, no) => {
      const v = no ? undefined : a.str('pl');
      if (a.has('in')) af.prefixListIn = v;
      else af.prefixListOut = v;
    }),
    afAttr('allowas-in [<1-10>$n]', { n: 'Number of occurrences of AS number' }, (af, a, no) => {
      af.allowasIn = no ? undefined : (a.num('n') ?? 3);
    }),
    afAttr('send-community [(both|standard|extended)]', {}, (af, _a, no) => {
      af.sendCommunity = no ? undefined : true;
    }),
    afAttr('default-originate', {}, (af, _a, no) => {
      af.defaultOriginate = no ? undefined : true;
    }),
    afAttr('weight <0-65535>$w', { w: 'default weight' }, (af, a, no) => {
      af.weight = no ? undefined : a.num('w');
    }),
    {
      spec: '[no] network <A.B.C.D>$addr [mask <A.B.C.D>$mask] [route-map <WORD>$rm]',
      help: { addr: 'Network number', mask: 'Network mask', rm: 'Route-map to modify the attributes' },
      run(a, c) {
        const addr = a.ip('addr')!;
        let len: number;
        if (a.has('mask')) {
          const l = maskToLen(a.ip('mask')!);
          if (l === null || networkOf(addr, l) !== addr) return '% Inconsistent address and mask';
          len = l;
        } else {
          const first = addr >>> 24;
          len = first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
          if (networkOf(addr, len) !== addr) return '% Inconsistent address and mask';
        }
        const key = `${formatIp(addr)}/${len}`;
        const bgp = c.repr.bgp!;
        if (a.negated) bgp.networks.delete(key);
        else bgp.networks.set(key, { prefix: { addr, len }, ...(a.has('rm') ? { routeMap: a.str('rm')! } : {}) });
        c.changed();
      },
    },
    {
      spec: '[no] redistribute (connected|static)$src [{route-map <WORD>$rm|metric <0-4294967295>$m}]',
      help: { rm: 'Route map reference', m: 'Default metric' },
      run(a, c) {
        const src = a.str('src')!.toLowerCase() as 'connected' | 'static';
        const bgp = c.repr.bgp!;
        if (a.negated) bgp.redistribute.delete(src);
        else bgp.redistribute.set(src, { ...(a.has('rm') ? { routeMap: a.str('rm')! } : {}), ...(a.has('m') ? { metric: a.num('m')! } : {}) });
        c.changed();
      },
    },
    {
      spec: '[no] maximum-paths [ibgp$ibgp] <1-32>$n',
      help: { n: 'Number of paths' },
      run(a, c) {
        const bgp = c.repr.bgp!;
        const v = a.negated ? undefined : a.num('n');
        if (a.has('ibgp')) bgp.maximumPathsIbgp = v;
        else bgp.maximumPaths = v;
        c.changed();
      },
    },
  ];
}

export function bgpCommands(): Cmd[] {
  return [
    {
      spec: '[no] bgp router-id <A.B.C.D>$id',
      help: { id: 'Manually configured router identifier' },
      run(a, c) {
        if (a.negated) delete c.repr.bgp!.routerId;
        else c.repr.bgp!.routerId = a.ip('id')!;
        c.changed();
      },
    },
    { spec: '[no] bgp log-neighbor-changes', run: (a, c) => void ((c.repr.bgp!.logNeighborChanges = !a.negated), c.changed()) },
    { spec: '[no] bgp always-compare-med', run: (a, c) => void ((c.repr.bgp!.alwaysCompareMed = !a.negated), c.changed()) },
    { spec: '[no] bgp deterministic-med', run: (a, c) => void ((c.repr.bgp!.deterministicMed = !a.negated), c.changed()) },
    {
      spec: '[no] bgp cluster-id <A.B.C.D>$id',
      help: { id: 'Route-Reflector Cluster-id in IP address format' },
      run(a, c) {
        if (a.negated) delete c.repr.bgp!.clusterId;
        else c.repr.bgp!.clusterId = a.ip('id')!;
        c.changed();
      },
    },
    {
      spec: '[no] bgp default local-preference <0-4294967295>$lp',
      help: { lp: 'Configure default local preference value' },
      run(a, c) {
        c.repr.bgp!.defaultLocalPref = a.negated ? undefined : a.num('lp');
        c.changed();
      },
    },
    {
      spec: 'neighbor ' + NBR + ' remote-as <1-4294967295>$asn',
      help: { ...NBR_HELP, asn: 'AS of remote neighbor' },
      run(a, c) {
        const bgp = c.repr.bgp!;
        const name = a.str('peer')!;
        const ip = parseIp(name);
        if (ip === null) {
          const g = bgp.peerGroups.get(name);
          if (!g) return '% Create the peer-group first';
          g.remoteAs = a.num('asn');
        } else {
          const key = formatIp(ip);
          const n = bgp.neighbors.get(key) ?? { af: {} };
          if (n.peerGroup && bgp.peerGroups.get(n.peerGroup)?.remoteAs !== undefined) return `% Peer-group AS ${bgp.peerGroups.get(n.peerGroup)!.remoteAs}. Cannot configure remote-as for member`;
          n.remoteAs = a.num('asn');
          bgp.neighbors.set(key, n);
        }
        c.changed();
      },
    },
    {
      spec: 'neighbor <WORD>$peer peer-group',
      help: { peer: 'Neighbor tag' },
      run(a, c) {
        const bgp = c.repr.bgp!;
        if (!bgp.peerGroups.has(a.str('peer')!)) bgp.peerGroups.set(a.str('peer')!, { af: {} });
        c.changed();
      },
    },
    {
      spec: '[no] neighbor <A.B.C.D>$peer peer-group <WORD>$group',
      help: { peer: 'Neighbor address', group: 'peer-group name' },
      run(a, c) {
        const bgp = c.repr.bgp!;
        const g = bgp.peerGroups.get(a.str('group')!);
        if (!g) return '% Configure the peer-group first';
        const key = formatIp(a.ip('peer')!);
        const n = bgp.neighbors.get(key) ?? { af: {} };
        if (a.negated) delete n.peerGroup;
        else {
          if (n.remoteAs === undefined && g.remoteAs === undefined) return '% Specify remote-as or peer-group remote AS first';
          n.peerGroup = a.str('group')!;
        }
        bgp.neighbors.set(key, n);
        c.changed();
      },
    },
    {
      spec: 'no neighbor ' + NBR + ' [remote-as <1-4294967295>$asn]',
      help: { ...NBR_HELP, asn: 'AS of remote neighbor' },
      run(a, c) {
        const bgp = c.repr.bgp!;
        const name = a.str('peer')!;
        const ip = parseIp(name);
        if (ip !== null) bgp.neighbors.delete(formatIp(ip));
        else bgp.peerGroups.delete(name);
        c.changed();
      },
    },
    nbrAttr('description <LINE>$d', { d: 'Up to 80 characters describing this neighbor' }, (n, a, no) => {
      n.description = no ? undefined : a.str('d');
    }),
    nbrAttr('shutdown', {}, (n, _a, no) => {
      n.shutdown = no ? undefined : true;
    }),
    nbrAttr('password <LINE>$pw', { pw: 'The password' }, (n, a, no) => {
      n.password = no ? undefined : a.str('pw');
    }),
    nbrAttr('ebgp-multihop [<1-255>$ttl]', { ttl: 'maximum hop count' }, (n, a, no) => {
      n.ebgpMultihop = no ? undefined : (a.num('ttl') ?? 255);
    }),
    nbrAttr('update-source <IFNAME>$src', {}, (n, a, no) => {
      n.updateSource = no ? undefined : ifnames.fromArgs(a, 'src');
    }),
    nbrAttr('timers <0-65535>$ka <0-65535>$hold', { ka: 'Keepalive interval', hold: 'Holdtime' }, (n, a, no) => {
      n.timers = no ? undefined : { keepalive: a.num('ka')!, hold: a.num('hold')! };
    }),
    ...bgpAfCommands(),
    {
      spec: 'address-family ipv4 [unicast]',
      run(_a, c) {
        c.repr.bgp!.afUsed = true;
        c.session.mode = 'config-router-af';
        c.changed();
      },
    },
    ...NAV,
    exitTo('config'),
  ];
}

export const BGP_AF_NAV: Cmd[] = [{ spec: 'exit-address-family', run: (_a, c) => void (c.session.mode = 'config-router') }, ...NAV, exitTo('config-router')];

export function routeMapCommands(): Cmd[] {
  const entry = (c: IosCtx) => c.repr.routeMaps.get(c.session.routeMap!.name)!.find((e) => e.seq === c.session.routeMap!.seq)!;
  return [
    {
      spec: '[no] match ip address prefix-list <WORD>$pl {<WORD>$pl}',
      help: { pl: 'IP prefix-list name' },
      run(a, c) {
        const e = entry(c);
        e.matchPrefixLists = a.negated ? [] : [...new Set([...e.matchPrefixLists, ...a.all('pl')])];
        c.changed();
      },
    },
    { spec: '[no] set local-preference <0-4294967295>$v', help: { v: 'Preference value' }, run: (a, c) => void ((entry(c).setLocalPref = a.negated ? undefined : a.num('v')), c.changed()) },
    { spec: '[no] set metric <0-4294967295>$v', help: { v: 'Metric value or Bandwidth in Kbits per second' }, run: (a, c) => void ((entry(c).setMetric = a.negated ? undefined : a.num('v')), c.changed()) },
    { spec: '[no] set weight <0-65535>$v', help: { v: 'Weight value' }, run: (a, c) => void ((entry(c).setWeight = a.negated ? undefined : a.num('v')), c.changed()) },
    {
      spec: 'set as-path prepend <1-4294967295>$asn {<1-4294967295>$asn}',
      help: { asn: 'AS number' },
      run: (a, c) => void ((entry(c).setAsPathPrepend = a.all('asn').map(Number)), c.changed()),
    },
    { spec: 'no set as-path prepend', run: (_a, c) => void (delete entry(c).setAsPathPrepend, c.changed()) },
    {
      spec: 'set community <COMMUNITY>$v {<COMMUNITY>$v} [additive]',
      help: { v: 'community number' },
      run: (a, c) => void ((entry(c).setCommunity = { values: [...a.all('v')], additive: a.has('additive') }), c.changed()),
    },
    { spec: 'no set community', run: (_a, c) => void (delete entry(c).setCommunity, c.changed()) },
    { spec: '[no] set ip next-hop <A.B.C.D>$nh', help: { nh: 'IP address of next hop' }, run: (a, c) => void ((entry(c).setNextHop = a.negated ? undefined : a.ip('nh')), c.changed()) },
    { spec: 'description <LINE>$d', help: { d: 'Comment up to 100 characters' }, run: (a, c) => void ((entry(c).description = a.str('d')), c.changed()) },
    ...NAV,
    exitTo('config'),
  ];
}
