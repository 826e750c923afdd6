// `ip` (iproute2): route [show|get|add|del], addr [show [dev X]], link [show|set dev X up|down].

import { formatIp, parseIp, parsePrefix } from '../../../core/ip.ts';
import type { Ip } from '../../../core/ip.ts';
import type { StaticRoute } from '../../../model/device.ts';
import { renderAddrs, renderLinks, renderRoutes, routeLine } from '../render/ip.ts';
import type { LinkInfo } from '../render/ip.ts';
import type { Command, CommandResult, ShellEnv } from '../types.ts';
import { fail, ok } from '../types.ts';

const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}`;

function matches(word: string | undefined, full: string, min = 1): boolean {
  return word !== undefined && word.length >= min && full.startsWith(word);
}

/** Interface views with their ifindex and veth peer index, as `ip link` numbers them. */
export function linkInfos(env: ShellEnv): LinkInfo[] {
  const views = env.ctx.net.interfaces(env.device);
  const cfg = env.config();
  return views.map((v, i) => {
    const c = cfg?.interfaces.find((x) => x.name === v.name);
    let peerIndex: number | undefined;
    const seg = c?.segment ?? '';
    if (seg.startsWith('veth:')) {
      if (v.name.startsWith('cali')) peerIndex = 3;
      else {
        const [, node, cali] = seg.split(':');
        const idx = node ? env.ctx.net.interfaces(node).findIndex((x) => x.name === cali) : -1;
        peerIndex = idx >= 0 ? idx + 2 : 4;
      }
    }
    return { view: v, ...(c ? { cfg: c } : {}), index: i + 2, ...(peerIndex !== undefined ? { peerIndex } : {}) };
  });
}

function routeGet(env: ShellEnv, target: string): CommandResult {
  const ip = parseIp(target);
  if (ip === null) return fail(`Error: any valid prefix is expected rather than "${target}".`);
  const e = env.ctx.net.lookup(env.device, ip);
  if (!e || e.type !== 'unicast') {
    if (e && e.type !== 'unicast') return fail(`RTNETLINK answers: ${e.type === 'blackhole' ? 'Invalid argument' : e.type === 'prohibit' ? 'Permission denied' : 'No route to host'}`, 2);
    return fail('RTNETLINK answers: Network is unreachable', 2);
  }
  const nh = e.nexthops[0];
  const src = srcFor(env, nh?.dev);
  return ok(`${formatIp(ip)} ${nh?.gateway !== undefined ? `via ${formatIp(nh.gateway)} ` : ''}dev ${nh?.dev ?? '?'} ${src !== undefined ? `src ${formatIp(src)} ` : ''}uid 0 \n    cache \n`);
}

function srcFor(env: ShellEnv, dev: string | undefined): Ip | undefined {
  const views = env.ctx.net.interfaces(env.device);
  const i = views.find((v) => v.name === dev && v.addresses.length > 0) ?? views.find((v) => v.addresses.length > 0);
  return i?.addresses[0]?.ip;
}

/**
 * ip route add | replace | change | del. The lab's own routes are part of the machine's local
 * routes (like routes added here), so all four work on them.
 */
function routeAddDel(env: ShellEnv, words: readonly string[], mode: 'add' | 'replace' | 'change' | 'del'): CommandResult {
  const add = mode !== 'del';
  let i = 0;
  let type: StaticRoute['type'] = 'unicast';
  if (['blackhole', 'unreachable', 'prohibit'].includes(words[0] ?? '')) type = words[i++] as StaticRoute['type'];
  const dstText = words[i++];
  if (!dstText) return fail('Error: "to" argument is required.');
  const prefix = parsePrefix(dstText === 'default' ? '0.0.0.0/0' : dstText);
  if (!prefix) return fail(`Error: any valid prefix is expected rather than "${dstText}".`);
  let gateway: Ip | undefined;
  let dev: string | undefined;
  let metric: number | undefined;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'via') {
      const g = parseIp(words[++i] ?? '');
      if (g === null) return fail(`Error: inet address is expected rather than "${words[i] ?? ''}".`);
      gateway = g;
    } else if (w === 'dev') dev = words[++i];
    else if (w === 'metric' || w === 'priority') metric = Number(words[++i]);
    else if (w === 'proto' || w === 'scope' || w === 'src' || w === 'table') i++;
    else if (w === 'onlink') continue;
    else return fail(`Error: either "to" is duplicate, or "${w}" is a garbage.`);
  }
  const routes = env.local.routes;
  const same = (r: StaticRoute): boolean => r.prefix.addr === prefix.addr && r.prefix.len === prefix.len && (metric === undefined || (r.metric ?? 0) === metric);
  if (add) {
    const existing = [...(env.config()?.staticRoutes ?? [])].some((r) => same(r) && r.origin !== 'felix') || routes.some(same);
    if (mode === 'add' && existing) return fail('RTNETLINK answers: File exists', 2);
    if (mode === 'change' && !routes.some(same)) return fail('RTNETLINK answers: No such file or directory', 2);
    if (type === 'unicast' && gateway === undefined && dev === undefined) return fail('Error: Device for nexthop is not up.', 2);
    if (gateway !== undefined) {
      const reachable = env.ctx.net.interfaces(env.device).some((v) => v.adminUp && v.addresses.some((a) => (a.len === 0 ? true : ((a.ip ^ gateway!) >>> (32 - a.len)) === 0)));
      if (!reachable && env.ctx.net.lookup(env.device, gateway) === undefined) return fail('Error: Nexthop has invalid gateway.', 2);
    }
    if (mode !== 'add') {
      const at = routes.findIndex(same);
      if (at >= 0) routes.splice(at, 1);
    }
    routes.push({
      prefix,
      nexthops: type === 'unicast' ? [{ ...(gateway !== undefined ? { gateway } : {}), ...(dev ? { dev } : {}) }] : [],
      type,
      origin: 'admin',
      ...(metric !== undefined ? { metric } : {}),
    });
  } else {
    // `del` with via/dev must match those too.
    const idx = routes.findIndex((r) => same(r) && (gateway === undefined || r.nexthops.some((n) => n.gateway === gateway)) && (dev === undefined || r.nexthops.some((n) => n.dev === dev)));
    if (idx < 0) return fail('RTNETLINK answers: No such process', 2);
    routes.splice(idx, 1);
  }
  env.commitLocal();
  return ok('', { changed: true });
}

export const ip: Command = (argsIn, _stdin, env) => {
  const v4only = argsIn.includes('-4');
  const args = argsIn.filter((a) => !['-4', '-c', '-color', '--color', '-d', '-details'].includes(a) && !a.startsWith('-c='));
  const obj = args[0];
  const sub = args[1];
  if (!obj || obj === 'help' || obj === '-h') return fail(USAGE, 255);
  if (matches(obj, 'route', 1)) {
    if (sub === undefined || matches(sub, 'show', 1) || matches(sub, 'list', 1)) {
      return ok(renderRoutes(env.ctx.net.fib(env.device)));
    }
    if (matches(sub, 'get', 1)) return routeGet(env, args[2] ?? '');
    if (matches(sub, 'add', 1)) return routeAddDel(env, args.slice(2), 'add');
    if (sub === 'replace' || sub === 'change' || sub === 'chg') return routeAddDel(env, args.slice(2), sub === 'replace' ? 'replace' : 'change');
    if (matches(sub, 'delete', 1)) return routeAddDel(env, args.slice(2), 'del');
    return fail(`Command "${sub}" is unknown, try "ip route help".`, 255);
  }
  if (matches(obj, 'address', 1)) {
    if (sub === undefined || matches(sub, 'show', 1) || matches(sub, 'list', 1)) {
      const dev = args[2] === 'dev' ? args[3] : args[2];
      const links = linkInfos(env);
      if (dev && dev !== 'lo' && !links.some((l) => l.view.name === dev)) return fail(`Device "${dev}" does not exist.`);
      return ok(renderAddrs(links, dev, v4only));
    }
    return fail(`Command "${sub}" is unknown, try "ip address help".`, 255);
  }
  if (matches(obj, 'link', 1)) {
    if (sub === undefined || matches(sub, 'show', 1) || matches(sub, 'list', 1)) return ok(renderLinks(linkInfos(env)));
    if (matches(sub, 'set', 1)) {
      let dev = args[2] === 'dev' ? args[3] : args[2];
      const rest = args.slice(args[2] === 'dev' ? 4 : 3);
      if (!dev) return fail('Not enough information: "dev" argument is required.');
      dev = dev.replace(/@.*$/, '');
      if (!env.ctx.net.interfaces(env.device).some((v) => v.name === dev)) return fail(`Cannot find device "${dev}"`);
      const up = rest.includes('up');
      const down = rest.includes('down');
      if (!up && !down) return ok('');
      env.ctx.link(env.device, dev, up);
      return ok('', { changed: true });
    }
    return fail(`Command "${sub}" is unknown, try "ip link help".`, 255);
  }
  if (matches(obj, 'neighbour', 1) || obj === 'neighbor') return ok('');
  return fail(`Object "${obj}" is unknown, try "ip help".`, 255);
};

export { routeLine };
