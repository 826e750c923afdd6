// vtysh enable-node commands: show …, configure terminal, write, ping/traceroute, clear.

import type { Args, CommandDef } from '../../../cli/index.ts';
import { parseIp, parsePrefix } from '../../../core/ip.ts';
import type { FrrCtx } from '../context.ts';
import { renderRunningConfig } from '../render-config.ts';
import { renderLinuxPing, renderLinuxTraceroute } from '../show/linux.ts';
import { renderNeighbors } from '../show/neighbors.ts';
import { findEntry, renderRouteDetail, renderRouteDetailJson } from '../show/route-detail.ts';
import { renderSummary, renderSummaryJson } from '../show/summary.ts';
import { renderAdvertised, renderReceived, renderTable, renderTableJson } from '../show/table.ts';
import { renderInterfaceBrief, renderIpRoute, renderIpRouteDetail, renderIpRouteJson } from '../show/zebra.ts';
import { renderPrefixLists, renderRouteMaps, renderInterfaceDetail } from '../show/misc.ts';

type Cmd = CommandDef<FrrCtx>;

const AFI = '[ipv4 [unicast]]';
const BGP_HELP = { bgp: 'BGP information', ip: 'IP information', ipv4: 'Address Family', unicast: 'Address Family modifier', neighbors: 'Specify neighbor router' };

function dev(c: FrrCtx): string {
  return c.host.device;
}

function noBgp(c: FrrCtx, json: boolean): string | undefined {
  if (c.repr.bgp) return undefined;
  return json ? '{}' : '% No BGP process is configured';
}

function summary(a: Args, c: FrrCtx): string {
  const json = a.has('json');
  const off = noBgp(c, json);
  if (off) return off;
  const afiHeader = !a.has('ipv4');
  return json ? renderSummaryJson(c.exec.net, dev(c), c.repr, { afiHeader }) : renderSummary(c.exec.net, dev(c), c.repr, { afiHeader });
}

function table(a: Args, c: FrrCtx): string {
  const json = a.has('json');
  const off = noBgp(c, json);
  if (off) return off;
  return json ? renderTableJson(c.exec.net, dev(c), c.repr) : renderTable(c.exec.net, dev(c), c.repr);
}

function prefixDetail(a: Args, c: FrrCtx): string {
  const json = a.has('json');
  const off = noBgp(c, json);
  if (off) return off;
  const target = a.has('pfx') ? { prefix: parsePrefix(a.str('pfx')!)! } : { ip: parseIp(a.str('addr')!)! };
  const entry = findEntry(c.exec.net, dev(c), target);
  if (!entry) return json ? '{}' : '% Network not in table';
  return json ? renderRouteDetailJson(c.exec.net, dev(c), c.repr, entry) : renderRouteDetail(c.exec.net, dev(c), c.repr, entry);
}

function neighbors(a: Args, c: FrrCtx): string {
  const off = noBgp(c, false);
  if (off) return off;
  const net = c.exec.net;
  const addr = a.ip('nbr');
  if (addr === undefined) return renderNeighbors(net, dev(c), c.repr);
  const s = net.sessions(dev(c)).find((x) => x.peer === addr);
  const what = a.pick('advertised-routes', 'received-routes', 'routes');
  // Both strings verified on FRR 8.4.4 (the second really has no "%").
  if (!s) return what ? 'No such neighbor in this view/vrf' : '% No such neighbor in this view/vrf\n';
  switch (what) {
    case 'advertised-routes':
      return renderAdvertised(net, dev(c), c.repr, s);
    case 'received-routes':
      return renderReceived(net, dev(c), c.repr, s);
    case 'routes':
      return renderTable(net, dev(c), c.repr, (p) => p.session === s.name);
    default:
      return renderNeighbors(net, dev(c), c.repr, s);
  }
}

// The two families list `neighbors` with different help (FRR 8.4.4 capture).
const SHOW_BGP_VARIANTS = (rest: string, help: Record<string, string>, run: Cmd['run']): Cmd[] => [
  { spec: `show bgp ${AFI} ${rest}`.replace(/\s+$/, ''), help: { ...BGP_HELP, ...help }, run, pipe: true },
  {
    spec: `show ip bgp ${AFI} ${rest}`.replace(/\s+$/, ''),
    help: { ...BGP_HELP, neighbors: 'Detailed information on TCP and BGP neighbor connections', ...help },
    run,
    pipe: true,
  },
];

export const EXEC_COMMANDS: Cmd[] = [
  // Real but not simulated: kept (hidden) so abbreviations are as ambiguous as on the device
  // (`sh ip bgp s` is "% Ambiguous command" on FRR 8.4.4, not `summary`).
  ...['statistics', 'statistics-all', 'segment-routing'].flatMap((k) =>
    SHOW_BGP_VARIANTS(k, {}, () => undefined).map((c) => ({ ...c, hidden: true })),
  ),
  ...SHOW_BGP_VARIANTS('summary [json]', {}, summary),
  ...SHOW_BGP_VARIANTS('[json]', {}, table),
  ...SHOW_BGP_VARIANTS(
    '(<A.B.C.D>$addr|<A.B.C.D/M>$pfx) [json]',
    { 'A.B.C.D': 'Network in the BGP routing table to display', 'A.B.C.D/M': 'IPv4 prefix' },
    prefixDetail,
  ),
  ...SHOW_BGP_VARIANTS(
    'neighbors [<A.B.C.D>$nbr [(advertised-routes|received-routes|routes)]]',
    { 'A.B.C.D': 'Neighbor to display information about' },
    neighbors,
  ),
  {
    spec: 'show ip route [(bgp|connected|static|kernel)$type] [json]',
    help: {
      route: 'IP routing table',
      bgp: 'Border Gateway Protocol (BGP)',
      connected: 'Connected routes (directly attached subnet or host)',
      static: 'Statically configured routes',
      kernel: 'Kernel routes (not installed via the zebra RIB)',
    },
    pipe: true,
    run(a, c) {
      const t = a.str('type')?.toLowerCase();
      const kind = t === 'bgp' ? 'B' : t === 'connected' ? 'C' : t === 'static' ? 'S' : t === 'kernel' ? 'K' : undefined;
      return a.has('json') ? renderIpRouteJson(c.exec.net, dev(c), c.repr, kind) : renderIpRoute(c.exec.net, dev(c), c.repr, kind);
    },
  },
  {
    spec: 'show ip route (<A.B.C.D>$addr|<A.B.C.D/M>$pfx) [json]',
    help: { route: 'IP routing table', 'A.B.C.D': 'Network in the IP routing table to display', 'A.B.C.D/M': 'IP prefix <network>/<length>,  e.g.,  35.0.0.0/8' },
    pipe: true,
    run(a, c) {
      const target = a.has('pfx') ? { prefix: parsePrefix(a.str('pfx')!)! } : { ip: parseIp(a.str('addr')!)! };
      return renderIpRouteDetail(c.exec.net, dev(c), c.repr, target);
    },
  },
  {
    spec: 'show running-config',
    pipe: true,
    run: (_a, c) => renderRunningConfig(c.repr),
  },
  {
    spec: 'show interface brief',
    pipe: true,
    run: (_a, c) => renderInterfaceBrief(c.exec.net, dev(c)),
  },
  {
    spec: 'show interface [<IFNAME>$name]',
    help: { IFNAME: 'Interface name' },
    pipe: true,
    run: (a, c) => renderInterfaceDetail(c.exec.net, dev(c), a.str('name')),
  },
  {
    spec: 'show ip prefix-list [<WORD>$name]',
    help: { 'prefix-list': 'Build a prefix list', WORD: 'Name of a prefix list' },
    pipe: true,
    run: (a, c) => renderPrefixLists(c.repr, a.str('name')),
  },
  {
    spec: 'show route-map [<WORD>$name]',
    help: { WORD: 'route-map name' },
    pipe: true,
    run: (a, c) => renderRouteMaps(c.repr, a.str('name')),
  },
  {
    spec: 'show version',
    run: (_a, c) =>
      `FRRouting 8.4.4 (${c.repr.hostname}) on Linux(6.1.0-18-amd64).\nCopyright 1996-2005 Kunihiro Ishiguro, et al.\nconfigured with:\n    '--build=x86_64-linux-gnu' '--prefix=/usr' '--sysconfdir=/etc' '--localstatedir=/var' '--enable-multipath=256'`,
  },
  {
    spec: 'configure [terminal]',
    run(_a, c) {
      c.session.mode = 'config';
    },
  },
  {
    spec: 'write [(memory|file)]',
    help: { memory: 'Write configuration to the file (same as write file)', file: 'Write configuration to the file (same as write memory)' },
    run: () => 'Note: this version of vtysh never writes vtysh.conf\nBuilding Configuration...\nIntegrated configuration saved to /etc/frr/frr.conf\n[OK]',
  },
  {
    spec: 'write terminal',
    help: { terminal: 'Write to terminal' },
    pipe: true,
    run: (_a, c) => renderRunningConfig(c.repr),
  },
  {
    // vtysh keeps this for IOS habits but does not list it (`copy ?` shows only FILENAME).
    spec: 'copy running-config startup-config',
    hidden: true,
    help: { 'running-config': 'Copy from current system configuration', 'startup-config': 'Copy to startup configuration' },
    run: () => 'Note: this version of vtysh never writes vtysh.conf\nBuilding Configuration...\nIntegrated configuration saved to /etc/frr/frr.conf\n[OK]',
  },
  {
    spec: 'ping [ip] <WORD>$dst',
    help: { WORD: 'Ping destination address or hostname', ip: 'IP echo' },
    run(a, c) {
      const dst = a.str('dst')!;
      const ip = parseIp(dst);
      if (ip === null) return `ping: ${dst}: Name or service not known`;
      return renderLinuxPing(dst, c.exec.net.ping({ from: dev(c), to: ip, count: 5 }));
    },
  },
  {
    spec: 'traceroute [ip] <WORD>$dst',
    help: { WORD: 'Trace route to destination address or hostname', ip: 'IP Trace' },
    run(a, c) {
      const dst = a.str('dst')!;
      const ip = parseIp(dst);
      if (ip === null) return renderLinuxTraceroute(dst, { source: null, hops: [], reached: false, trace: { disposition: 'no-route', reason: '', forward: [], back: [] } });
      return renderLinuxTraceroute(dst, c.exec.net.traceroute({ from: dev(c), to: ip, maxHops: 30, probes: 3 }));
    },
  },
  {
    spec: 'clear (bgp|ip bgp) [ipv4 [unicast]] (*|<A.B.C.D>$nbr) [soft [(in|out)]]',
    help: { clear: 'Reset functions', '*': 'Clear all peers', 'A.B.C.D': 'BGP IPv4 neighbor to clear', soft: 'Soft reconfig inbound and outbound updates', in: 'Send route-refresh unless using \'soft-reconfiguration inbound\'', out: 'Resend all outbound updates' },
    run(a, c) {
      // A hard clear of every session restarts them; soft clears re-run policy, which the
      // simulator does on every configuration change anyway.
      if (!a.has('soft') && a.has('*')) c.exec.daemon(dev(c), 'restart');
    },
  },
  {
    spec: 'terminal length <0-512>',
    help: { terminal: 'Set terminal line parameters', length: 'Set number of lines on a screen', '0-512': 'Number of lines on screen (0 for no pausing)' },
    // vtysh 8.4.4 accepts it silently.
    run: () => undefined,
  },
  {
    spec: 'exit',
    run(_a, c) {
      c.session.closed = true;
    },
  },
  {
    spec: 'quit',
    run(_a, c) {
      c.session.closed = true;
    },
  },
];
