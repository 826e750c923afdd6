// birdcl, the BIRD client shipped in calico/node: `birdcl [-s socket] <command>` or an
// interactive `bird> ` session. BIRD's CLI accepts unique keyword prefixes (`sh pro a`).

import { parseIp, parsePrefix } from '../../../core/ip.ts';
import { BIRD_SOCKET, BIRD_VERSION, showProtocols, showRoute, showStatus } from '../render/bird.ts';
import type { BirdCtx, RouteFilter } from '../render/bird.ts';
import type { CommandResult, ShellEnv } from '../types.ts';
import { fail, ok } from '../types.ts';

const KEYWORDS = ['show', 'protocols', 'route', 'status', 'all', 'for', 'protocol', 'export', 'primary', 'count', 'interfaces', 'configure', 'down', 'help', 'quit', 'exit', 'memory', 'symbols'];

/** Expands unique keyword prefixes ("sh" → "show"); leaves other words as they are. */
function expand(word: string): string {
  if (KEYWORDS.includes(word)) return word;
  const c = KEYWORDS.filter((k) => k.startsWith(word));
  return c.length === 1 ? c[0]! : word;
}

export function birdDown(env: ShellEnv): string | undefined {
  // BIRD never started: the only bird.cfg confd could write was rejected by its parser.
  if (env.cluster?.compiled.explain.get(env.device)?.birdDown) return 'No such file or directory';
  if (env.ctx.net.running(env.device)) return undefined;
  const evs = env.ctx.net.events().filter((e) => e.device === env.device && e.kind === 'daemon');
  const killed = evs.length > 0 && /kill/i.test(evs[evs.length - 1]!.text);
  return killed ? 'Connection refused' : 'No such file or directory';
}

/** One birdcl command line (without the greeting). */
export function birdCommand(line: string, env: ShellEnv): CommandResult {
  const words = line.trim().split(/\s+/).filter(Boolean).map(expand);
  const c: BirdCtx = { net: env.ctx.net, device: env.device, wall: (t) => env.wall(t) };
  if (words.length === 0) return ok('');
  if (words[0] === 'show') {
    const what = words[1];
    if (what === 'protocols') {
      const all = words[2] === 'all';
      const pattern = words[all ? 3 : 2]?.replace(/^"|"$/g, '');
      return ok(showProtocols(c, all, pattern));
    }
    if (what === 'route') {
      let all = false;
      let count = false;
      const f: { -readonly [K in keyof RouteFilter]: RouteFilter[K] } = {};
      for (let i = 2; i < words.length; i++) {
        const w = words[i]!;
        if (w === 'all') all = true;
        else if (w === 'count') count = true;
        else if (w === 'primary') f.primaryOnly = true;
        else if (w === 'for') {
          const t = words[++i] ?? '';
          const ip = parseIp(t);
          const p = parsePrefix(t);
          if (ip !== null) f.forIp = ip;
          else if (p) f.forIp = p.addr;
          else return fail('syntax error, unexpected CF_SYM_UNDEFINED, expecting IPA or ENUM_NET_TYPE');
        } else if (w === 'protocol') f.protocol = words[++i];
        else if (w === 'export') f.exportTo = words[++i];
        else {
          const p = parsePrefix(w);
          if (!p || !w.includes('/')) return fail(`syntax error, unexpected CF_SYM_UNDEFINED`);
          f.prefix = p;
        }
      }
      if (f.protocol && !env.ctx.net.sessions(env.device).some((s) => s.name === f.protocol) && !['static1', 'kernel1', 'device1', 'direct1'].includes(f.protocol)) {
        return fail(`${f.protocol}: no such protocol`);
      }
      if (f.exportTo && !env.ctx.net.sessions(env.device).some((s) => s.name === f.exportTo)) return fail(`${f.exportTo}: no such protocol`);
      return ok(showRoute(c, all, f, count));
    }
    if (what === 'status') return ok(showStatus(c));
    if (what === 'interfaces') {
      const lines: string[] = [];
      for (const i of env.ctx.net.interfaces(env.device)) {
        lines.push(`${i.name} ${i.adminUp && i.linkUp ? 'up' : 'down'} (index=${lines.length + 2})`);
        lines.push(`\t${i.name === 'lo' ? 'Loopback' : 'MultiAccess'} Broadcast Multicast AdminUp LinkUp MTU=1500`);
        for (const a of i.addresses) lines.push(`\t${[a.ip >>> 24, (a.ip >>> 16) & 255, (a.ip >>> 8) & 255, a.ip & 255].join('.')}/${a.len} (Primary, scope univ)`);
      }
      return ok(lines.length ? `${lines.join('\n')}\n` : '');
    }
    return fail('syntax error, unexpected CF_SYM_UNDEFINED, expecting ROUTE or PROTOCOLS or STATUS');
  }
  if (words[0] === 'configure') return ok('Reading configuration from /etc/calico/confd/config/bird.cfg\nReconfigured\n');
  if (words[0] === 'down') {
    env.ctx.daemon(env.device, 'stop');
    return ok('Shutdown requested\n', { changed: true });
  }
  if (words[0] === 'help' || words[0] === '?') {
    return ok(
      [
        'configure ...                                  Reload configuration',
        'down                                           Shut the daemon down',
        'help                                           Description of the help system',
        'quit                                           Quit the client',
        'show ...                                       Show status information',
        '',
      ].join('\n'),
    );
  }
  return fail('syntax error, unexpected CF_SYM_UNDEFINED');
}

export interface BirdclInvocation {
  /** Run one command and print. */
  readonly result?: CommandResult;
  /** No command given: enter the interactive `bird> ` mode. */
  readonly interactive?: boolean;
}

export function birdcl(args: readonly string[], env: ShellEnv): BirdclInvocation {
  let socket = BIRD_SOCKET;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-s') socket = args[++i] ?? socket;
    else if (a.startsWith('-s') && a.length > 2) socket = a.slice(2);
    else if (a === '-r' || a === '-v' || a === '-l') continue;
    else rest.push(a);
  }
  // calico/node's BIRD listens on /var/run/calico/bird.ctl (bird6 on bird6.ctl).
  const known = socket === BIRD_SOCKET || socket === '/var/run/bird.ctl' || socket === '/run/calico/bird.ctl';
  const down = birdDown(env);
  if (!known) return { result: fail(`Unable to connect to server control socket (${socket}): No such file or directory`) };
  if (down) return { result: fail(`Unable to connect to server control socket (${socket}): ${down}`) };
  if (rest.length === 0) return { interactive: true, result: ok(`BIRD ${BIRD_VERSION} ready.\n`) };
  const r = birdCommand(rest.join(' '), env);
  // birdcl prints BIRD's error replies on stdout, after the greeting.
  const body = r.stdout + (r.stderr ? `${r.stderr}\n` : '');
  return { result: { stdout: `BIRD ${BIRD_VERSION} ready.\n${body}`, code: r.code, ...(r.changed ? { changed: true } : {}) } };
}
