// Process and service control (BIRD runs inside calico-node: runit `sv`, and the systemctl /
// kill forms learners try), and small system commands: hostname, date, uname, sleep, ls, pwd.

import { dateText } from '../render/clock.ts';
import type { Command, CommandResult, ShellEnv } from '../types.ts';
import { fail, ok } from '../types.ts';

/** A stable fake PID for BIRD on a node (changes when BIRD restarts). */
export function birdPid(env: ShellEnv): number | undefined {
  if (!env.ctx.net.running(env.device)) return undefined;
  const starts = env.ctx.net.events().filter((e) => e.device === env.device && e.kind === 'daemon' && /start/.test(e.text)).length;
  let h = 0;
  for (const ch of env.device) h = (h * 31 + ch.charCodeAt(0)) % 9000;
  return 1000 + h + starts * 17;
}

function isBird(name: string | undefined): boolean {
  return name === 'bird' || name === 'bird.service' || name === 'calico-node' || name === 'calico-node.service';
}

function daemon(env: ShellEnv, action: 'start' | 'stop' | 'kill' | 'restart'): CommandResult {
  env.ctx.daemon(env.device, action);
  return ok('', { changed: true });
}

/**
 * BIRD killed by a signal inside calico-node: runit's runsv (C331
 * node/filesystem/etc/service/available/bird/run) starts it again about a second later,
 * unless it was taken down with `sv down`. SIGKILL leaves no NOTIFICATION (peers keep the
 * routes as stale, graceful restart); SIGTERM is BIRD's clean shutdown (Cease) first.
 */
function signalBird(env: ShellEnv, sig: 'KILL' | 'TERM'): CommandResult {
  env.ctx.daemon(env.device, sig === 'KILL' ? 'kill' : 'stop');
  if (env.cluster) {
    env.ctx.wait(1);
    env.ctx.daemon(env.device, 'start');
  }
  return ok('', { changed: true });
}

export const systemctl: Command = (args, _stdin, env) => {
  const verb = args.find((a) => !a.startsWith('-'));
  const unit = args.filter((a) => !a.startsWith('-'))[1];
  if (!verb) return fail('systemctl: missing command', 1);
  if (!env.cluster) {
    if (isBird(unit)) return fail(`Failed to ${verb} ${unit}.service: Unit ${unit}.service not found.`, 5);
  }
  if (!isBird(unit)) return fail(`Failed to ${verb} ${unit ?? ''}${unit?.includes('.') ? '' : '.service'}: Unit ${unit ?? ''}${unit?.includes('.') ? '' : '.service'} not found.`, 5);
  switch (verb) {
    case 'stop':
      return daemon(env, 'stop');
    case 'start':
      return daemon(env, 'start');
    case 'restart':
    case 'reload':
      return daemon(env, 'restart');
    case 'status': {
      const running = env.ctx.net.running(env.device);
      const pid = birdPid(env);
      return {
        stdout: `● bird.service - BIRD routing daemon (calico-node)\n     Loaded: loaded (/etc/service/enabled/bird; enabled)\n     Active: ${running ? 'active (running)' : 'inactive (dead)'}\n${running ? `   Main PID: ${pid} (bird)\n` : ''}`,
        code: running ? 0 : 3,
      };
    }
    case 'is-active':
      return env.ctx.net.running(env.device) ? ok('active\n') : { stdout: 'inactive\n', code: 3 };
    default:
      return fail(`Unknown command verb ${verb}.`, 1);
  }
};

/** runit, as inside calico-node: `sv stop bird`, `sv start bird`, `sv restart bird`, `sv status bird`. */
export const sv: Command = (args, _stdin, env) => {
  const [verb, svc] = args;
  if (!verb || !svc) return fail('usage: sv [-v] [-w sec] command service ...', 100);
  if (svc !== 'bird' && svc !== 'bird6' && svc !== 'confd' && svc !== 'felix') return fail(`fail: ${svc}: unable to change to service directory: file does not exist`, 1);
  if (svc !== 'bird') return ok(`ok: run: ${svc}: (pid 1234) 600s\n`);
  const pid = birdPid(env);
  switch (verb) {
    case 'stop':
    case 'down':
    case 'd':
      daemon(env, 'stop');
      return ok(`ok: down: bird: 0s, normally up\n`, { changed: true });
    case 'start':
    case 'up':
    case 'u':
      daemon(env, 'start');
      return ok(`ok: run: bird: (pid ${birdPid(env) ?? 0}) 0s\n`, { changed: true });
    case 'restart':
    case 't':
    case 'hup':
    case 'h':
      if (verb === 'hup' || verb === 'h') return ok('');
      daemon(env, 'restart');
      return ok(`ok: run: bird: (pid ${birdPid(env) ?? 0}) 0s\n`, { changed: true });
    case 'kill':
    case 'k':
      signalBird(env, 'KILL');
      return ok(`ok: run: bird: (pid ${birdPid(env) ?? 0}) 0s\n`, { changed: true });
    case 'status':
    case 's': {
      // runsv reports the seconds since the service last changed state.
      const last = [...env.ctx.net.events()].reverse().find((e) => e.device === env.device && e.kind === 'daemon');
      const secs = Math.max(0, Math.floor(env.ctx.net.time - (last?.time ?? 0)));
      return ok(pid !== undefined ? `run: bird: (pid ${pid}) ${secs}s\n` : `down: bird: ${secs}s, normally up\n`);
    }
    default:
      return fail(`usage: sv [-v] [-w sec] command service ...`, 100);
  }
};

export const pidof: Command = (args, _stdin, env) => {
  const pid = args.includes('bird') ? birdPid(env) : undefined;
  return pid !== undefined ? ok(`${pid}\n`) : { stdout: '', code: 1 };
};

export const kill: Command = (args, _stdin, env) => {
  let sig = 'TERM';
  const pids: string[] = [];
  for (const a of args) {
    if (a === '-9' || a === '-KILL' || a === '-SIGKILL' || a === '-s') sig = a === '-s' ? sig : 'KILL';
    else if (/^-/.test(a)) sig = a.slice(1).replace(/^SIG/, '');
    else if (a === 'KILL' || a === 'TERM') sig = a;
    else pids.push(a);
  }
  if (pids.length === 0) return fail('kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]', 2);
  const pid = birdPid(env);
  for (const p of pids) {
    if (pid === undefined || String(pid) !== p) return fail(`bash: kill: (${p}) - No such process`, 1);
  }
  return signalBird(env, sig === 'KILL' || sig === '9' ? 'KILL' : 'TERM');
};

export const pkill: Command = (args, _stdin, env) => {
  const name = args.find((a) => !a.startsWith('-'));
  if (name !== 'bird' || birdPid(env) === undefined) return { stdout: '', code: 1 };
  return signalBird(env, args.includes('-9') || args.includes('-KILL') || args.includes('-SIGKILL') ? 'KILL' : 'TERM');
};

export const killall = pkill;

export const ps: Command = (_args, _stdin, env) => {
  const lines = ['    PID TTY          TIME CMD', '      1 ?        00:00:02 systemd'];
  if (env.cluster) {
    lines.push('    412 ?        00:00:09 kubelet', '    530 ?        00:00:04 containerd', '    911 ?        00:00:01 runsvdir', '    940 ?        00:00:03 calico-node');
    const pid = birdPid(env);
    if (pid !== undefined) lines.push(`${String(pid).padStart(7)} ?        00:00:00 bird`, `${String(pid + 1).padStart(7)} ?        00:00:00 bird6`);
  }
  lines.push('   2001 pts/0    00:00:00 bash', '   2050 pts/0    00:00:00 ps');
  return ok(`${lines.join('\n')}\n`);
};

export const hostname: Command = (args, _stdin, env) => {
  if (args.includes('-I') || args.includes('-i')) {
    const addrs = env.ctx.net.interfaces(env.device).flatMap((i) => i.addresses.map((a) => [a.ip >>> 24, (a.ip >>> 16) & 255, (a.ip >>> 8) & 255, a.ip & 255].join('.')));
    return ok(`${addrs.join(' ')} \n`);
  }
  return ok(`${env.hostname}\n`);
};

export const date: Command = (_args, _stdin, env) => ok(`${dateText(env.wall(env.ctx.net.time))}\n`);

export const uname: Command = (args, _stdin, env) => {
  if (args.includes('-a')) return ok(`Linux ${env.hostname} 5.15.0-119-generic #129-Ubuntu SMP Fri Aug 2 19:25:20 UTC 2024 x86_64 x86_64 x86_64 GNU/Linux\n`);
  if (args.includes('-r')) return ok('5.15.0-119-generic\n');
  return ok('Linux\n');
};

export const sleep: Command = (args, _stdin, env) => {
  const m = /^(\d+(?:\.\d+)?)([smh]?)$/.exec(args[0] ?? '');
  if (!m) return fail(`sleep: invalid time interval '${args[0] ?? ''}'\nTry 'sleep --help' for more information.`, 1);
  const secs = Number(m[1]) * (m[2] === 'm' ? 60 : m[2] === 'h' ? 3600 : 1);
  env.ctx.wait(secs);
  return ok('', { changed: true });
};

export const ls: Command = (args, _stdin, env) => {
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const long = flags.includes('l');
  const all = flags.includes('a');
  const paths = args.filter((a) => !a.startsWith('-'));
  const targets = paths.length ? paths : ['.'];
  // `ls -l`: GNU coreutils long format; the in-memory files all belong to root, dated at the
  // lab clock's start.
  const when = (() => {
    const d = dateText(env.wall(0)).split(/\s+/);
    return `${d[1]} ${(d[2] ?? '').padStart(2)} ${(d[3] ?? '').slice(0, 5)}`;
  })();
  const entry = (path: string, name: string): string => {
    const text = env.fs.read(path);
    const dir = text === undefined;
    const size = dir ? 4096 : utf8Length(text);
    return `${dir ? 'drwxr-xr-x' : '-rw-r--r--'} ${dir ? 2 : 1} root root ${String(size).padStart(5)} ${when} ${name}`;
  };
  const out: string[] = [];
  for (const p of targets) {
    if (env.fs.read(p) !== undefined) out.push(long ? entry(p, p) : p);
    else if (env.fs.isDir(p)) {
      const names = [...(all ? ['.', '..'] : []), ...env.fs.list(p).filter((n) => all || !n.startsWith('.'))];
      if (!long) out.push(...names);
      else {
        const base = p.replace(/\/$/, '');
        const lines = names.map((n) => entry(`${base}/${n}`, n));
        out.push(`total ${names.length * 4}`, ...lines);
      }
    } else return fail(`ls: cannot access '${p}': No such file or directory`, 2);
  }
  if (long) return ok(out.length ? `${out.join('\n')}\n` : '');
  return ok(out.length ? `${out.join('  ')}\n` : '');
};

export const pwd: Command = (_a, _s, env) => ok(`${env.fs.cwd}\n`);
export const whoami: Command = () => ok('root\n');
export const id: Command = () => ok('uid=0(root) gid=0(root) groups=0(root)\n');
export const trueCmd: Command = () => ok('');
export const falseCmd: Command = () => ({ stdout: '', code: 1 });

export const rm: Command = (args, _s, env) => {
  for (const f of args.filter((a) => !a.startsWith('-'))) {
    if (!env.fs.remove(f) && !args.some((a) => a.includes('f'))) return fail(`rm: cannot remove '${f}': No such file or directory`, 1);
  }
  return ok('');
};

export const touch: Command = (args, _s, env) => {
  for (const f of args) if (env.fs.read(f) === undefined) env.fs.write(f, '');
  return ok('');
};

export const uptime: Command = (_a, _s, env) => {
  const t = Math.floor(env.ctx.net.time);
  const wall = dateText(env.wall(t)).split(' ')[3];
  return ok(` ${wall} up ${Math.floor(t / 60)} min,  1 user,  load average: 0.08, 0.12, 0.10\n`);
};

/** Bytes of `text` in UTF-8 (what `ls -l` reports), without the DOM's TextEncoder. */
function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
