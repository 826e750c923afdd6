// The bash-like session behind a machine's terminal: parses lines, runs pipelines and lists,
// handles redirections, here-documents (multi-line input with a `> ` prompt), `$(…)`, the
// interactive `bird> ` client mode, `cd`, `clear`, `exit`, and unknown commands
// (`bash: foo: command not found`). Commands are plain functions (commands/*.ts).

import type { CompletionResult, ExecResult } from '../../api-types.ts';
import type { DeviceConfig } from '../../model/device.ts';
import type { ExecContext } from '../../model/frontend.ts';
import type { CalicoCluster } from '../calico/cluster.ts';
import { birdcl, birdCommand } from './commands/birdcl.ts';
import { calicoctl } from './commands/calicoctl.ts';
import { iptables } from './commands/iptables.ts';
import { ip } from './commands/ip.ts';
import { kubectl } from './commands/kubectl.ts';
import { curl, dig, nslookup, ping, traceroute } from './commands/probes.ts';
import * as sys from './commands/system.ts';
import { tcpdump } from './commands/tcpdump.ts';
import { textCommands } from './commands/text.ts';
import { MemFs } from './fs.ts';
import { expandWords, parseLine } from './parse.ts';
import type { ListItem, SimpleCommand } from './parse.ts';
import type { Command, CommandResult, LocalState, ShellEnv } from './types.ts';

export interface ShellOptions {
  readonly device: string;
  readonly hostname?: string;
  /** The cluster this machine is a Kubernetes node of (undefined: a plain VM). */
  readonly cluster?: CalicoCluster;
  readonly config: () => DeviceConfig | undefined;
  readonly local: LocalState;
  /** Apply local-state changes (iptables, ip route) and settle. */
  readonly commitLocal: (ctx: ExecContext) => void;
  /** Unix seconds at virtual time 0. */
  readonly epoch: number;
}

interface PendingHeredoc {
  readonly line: string;
  readonly delimiter: string;
  readonly stripTabs: boolean;
  readonly body: string[];
}

const NODE_ONLY = new Set(['calicoctl', 'kubectl', 'birdcl']);

function commandTable(): Record<string, Command> {
  return {
    ...textCommands(),
    ip,
    ping,
    traceroute,
    curl,
    dig,
    nslookup,
    iptables,
    tcpdump,
    calicoctl,
    kubectl,
    systemctl: sys.systemctl,
    sv: sys.sv,
    pidof: sys.pidof,
    kill: sys.kill,
    pkill: sys.pkill,
    killall: sys.killall,
    ps: sys.ps,
    hostname: sys.hostname,
    date: sys.date,
    uname: sys.uname,
    sleep: sys.sleep,
    ls: sys.ls,
    pwd: sys.pwd,
    whoami: sys.whoami,
    id: sys.id,
    true: sys.trueCmd,
    false: sys.falseCmd,
    rm: sys.rm,
    touch: sys.touch,
    uptime: sys.uptime,
  };
}

export class Shell {
  readonly fs = new MemFs();
  private pending: PendingHeredoc | undefined;
  private birdMode = false;
  private readonly commands = commandTable();
  private lastCode = 0;

  constructor(private readonly o: ShellOptions) {
    const files: Record<string, () => string | undefined> = {
      '/etc/hostname': () => `${this.hostname}\n`,
      '/etc/os-release': () => 'PRETTY_NAME="Ubuntu 22.04.4 LTS"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nID=ubuntu\n',
      '/etc/resolv.conf': () => 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n',
    };
    if (o.cluster) {
      for (const f of ['bird.cfg', 'bird_aggr.cfg', 'bird_ipam.cfg'] as const) {
        files[`/etc/calico/confd/config/${f}`] = () => o.cluster!.compiled.explain.get(o.device)?.diskFiles[f];
      }
    }
    for (const [p, f] of Object.entries(files)) this.fs.provide(p, f);
  }

  get hostname(): string {
    return this.o.hostname ?? this.o.device;
  }

  prompt(): string {
    if (this.pending) return '> ';
    if (this.birdMode) return 'bird> ';
    const cwd = this.fs.cwd === '/root' ? '~' : this.fs.cwd;
    return `root@${this.hostname}:${cwd}# `;
  }

  private env(ctx: ExecContext): ShellEnv {
    const self = this;
    return {
      device: this.o.device,
      hostname: this.hostname,
      ctx,
      fs: this.fs,
      ...(this.o.cluster ? { cluster: this.o.cluster } : {}),
      config: () => ctx.net.config(this.o.device) ?? this.o.config(),
      local: this.o.local,
      commitLocal: () => this.o.commitLocal(ctx),
      wall: (t) => this.o.epoch + t,
      run(line: string, stdin?: string): CommandResult {
        return self.runLine(line, ctx, stdin ?? '');
      },
    };
  }

  exec(line: string, ctx: ExecContext): ExecResult {
    if (this.pending) {
      const p = this.pending;
      const text = p.stripTabs ? line.replace(/^\t+/, '') : line;
      if (text === p.delimiter) {
        this.pending = undefined;
        const body = p.body.length ? `${p.body.join('\n')}\n` : '';
        return this.finish(this.runLine(p.line, ctx, body));
      }
      p.body.push(text);
      return { output: '', prompt: this.prompt(), changed: false };
    }
    if (this.birdMode) {
      const t = line.trim();
      if (t === 'quit' || t === 'exit' || t === 'q') {
        this.birdMode = false;
        return { output: '', prompt: this.prompt(), changed: false };
      }
      const r = birdCommand(t, this.env(ctx));
      return this.finish({ ...r, stdout: r.stdout + (r.stderr ? `${r.stderr}\n` : '') });
    }
    const parsed = parseLine(line);
    if (parsed.ok) {
      // A here-document: collect lines until the delimiter, then run.
      const hd = parsed.list.flatMap((i) => i.pipeline.commands).find((c) => c.heredoc);
      if (hd?.heredoc) {
        this.pending = { line, delimiter: hd.heredoc.delimiter, stripTabs: hd.heredoc.stripTabs, body: [] };
        return { output: '', prompt: this.prompt(), changed: false };
      }
    }
    return this.finish(this.runLine(line, ctx, ''));
  }

  private finish(r: CommandResult): ExecResult {
    this.lastCode = r.code;
    let output = (r.stdout ?? '') + (r.stderr ? `${r.stderr}${r.stderr.endsWith('\n') ? '' : '\n'}` : '');
    if (output.endsWith('\n')) output = output.slice(0, -1);
    return {
      output,
      prompt: this.prompt(),
      changed: r.changed === true,
      ...(r.clear ? { clear: true } : {}),
      ...(r.closed ? { closed: true } : {}),
    };
  }

  /** Runs a full command line (lists of pipelines); `stdin` feeds a here-document. */
  runLine(line: string, ctx: ExecContext, heredocBody: string): CommandResult {
    const parsed = parseLine(line);
    if (!parsed.ok) return { stdout: '', stderr: parsed.error, code: 2 };
    const subs = parsed.subs ?? [];
    const outputs = subs.map((s) => this.runLine(s, ctx, '').stdout);
    let out = '';
    let err = '';
    let code = 0;
    let changed = false;
    let clear = false;
    let closed = false;
    let head = '';
    for (const item of parsed.list as readonly ListItem[]) {
      if (item.op === '&&' && code !== 0) continue;
      if (item.op === '||' && code === 0) continue;
      let stdin = '';
      let stderrAll = '';
      let last: CommandResult = { stdout: '', code: 0 };
      for (const cmd of item.pipeline.commands) {
        const words = cmd.words.flatMap((w) => expandWords(w, outputs));
        const input = cmd.heredoc ? heredocBody : cmd.stdinFile !== undefined ? (this.fs.read(cmd.stdinFile) ?? '') : stdin;
        if (cmd.stdinFile !== undefined && this.fs.read(cmd.stdinFile) === undefined) {
          last = { stdout: '', stderr: `bash: ${cmd.stdinFile}: No such file or directory`, code: 1 };
        } else last = this.runCommand(words, input, ctx);
        changed ||= last.changed === true;
        clear ||= last.clear === true;
        closed ||= last.closed === true;
        last = this.redirect(cmd, last);
        if (last.stderrHead) head += last.stderrHead.endsWith('\n') ? last.stderrHead : `${last.stderrHead}\n`;
        if (last.stderr) stderrAll += last.stderr.endsWith('\n') ? last.stderr : `${last.stderr}\n`;
        stdin = last.stdout;
      }
      out += last.stdout;
      err += stderrAll;
      code = last.code;
      if (closed) break;
    }
    // Interleaving is approximated: a command's errors follow its output.
    return { stdout: head + out + err, code, ...(changed ? { changed } : {}), ...(clear ? { clear } : {}), ...(closed ? { closed } : {}) };
  }

  private redirect(cmd: SimpleCommand, r: CommandResult): CommandResult {
    let stdout = r.stdout;
    let stderr = r.stderr ?? '';
    let stderrHead = r.stderrHead ?? '';
    for (const rd of cmd.redirects) {
      if (rd.target === '&1') {
        stdout = `${stderrHead ? (stderrHead.endsWith('\n') ? stderrHead : `${stderrHead}\n`) : ''}${stdout}${stderr}`;
        stderr = '';
        stderrHead = '';
      } else if (rd.fd === 1) {
        this.fs.write(rd.target, stdout, rd.append);
        stdout = '';
      } else {
        this.fs.write(rd.target, stderrHead + stderr, rd.append);
        stderr = '';
        stderrHead = '';
      }
    }
    return { ...r, stdout, ...(stderr ? { stderr } : { stderr: undefined as unknown as string }), ...(stderrHead ? { stderrHead } : { stderrHead: undefined as unknown as string }) };
  }

  private runCommand(wordsIn: readonly string[], stdin: string, ctx: ExecContext): CommandResult {
    let words = [...wordsIn];
    // Environment assignments and sudo are accepted and ignored (everything runs as root).
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) words.shift();
    while (words[0] === 'sudo' || words[0] === 'time' || words[0] === 'command') words = words.slice(words[0] === 'sudo' && words[1] === '-i' ? 2 : 1);
    const name = words[0];
    if (name === undefined) return { stdout: '', code: 0 };
    const args = words.slice(1);
    const env = this.env(ctx);
    switch (name) {
      case 'clear':
        return { stdout: '', code: 0, clear: true };
      case 'exit':
      case 'logout':
        return { stdout: '', code: 0, closed: true };
      case 'cd':
        if (args[0] === undefined || args[0] === '~') {
          this.fs.cd('/root');
          return { stdout: '', code: 0 };
        }
        return this.fs.cd(args[0]) ? { stdout: '', code: 0 } : { stdout: '', stderr: `bash: cd: ${args[0]}: No such file or directory`, code: 1 };
      case 'echo':
        if (args.length === 1 && args[0] === '$?') return { stdout: `${this.lastCode}\n`, code: 0 };
        break;
      case 'sh':
      case 'bash':
        if (args[0] === '-c' && args[1] !== undefined) return this.runLine(args[1], ctx, stdin);
        break;
      case 'watch': {
        // One iteration (the terminal is line based): `watch -n1 calicoctl node status`.
        const rest = args.filter((a, i) => !a.startsWith('-') && !(i > 0 && /^-n/.test(args[i - 1] ?? '') && /^\d/.test(a)));
        return this.runLine(rest.join(' '), ctx, stdin);
      }
      case 'birdcl': {
        if (!this.o.cluster) break;
        const r = birdcl(args, env);
        if (r.interactive) this.birdMode = true;
        return r.result ?? { stdout: '', code: 0 };
      }
      default:
        break;
    }
    if (NODE_ONLY.has(name) && !this.o.cluster) return { stdout: '', stderr: `bash: ${name}: command not found`, code: 127 };
    const f = this.commands[name] ?? this.commands[name.replace(/^\/(usr\/)?(s?bin)\//, '')];
    if (!f) return { stdout: '', stderr: `bash: ${name}: command not found`, code: 127 };
    try {
      return f(args, stdin, env);
    } catch (e) {
      // A bug in a command must not take the terminal down.
      return { stdout: '', stderr: `${name}: internal error: ${e instanceof Error ? e.message : String(e)}`, code: 1 };
    }
  }

  complete(line: string): CompletionResult {
    const words = line.split(/\s+/);
    const last = words[words.length - 1] ?? '';
    const pool =
      words.length <= 1
        ? Object.keys(this.commands).concat(['clear', 'exit', 'cd', 'watch', ...(this.o.cluster ? ['birdcl'] : [])]).filter((c) => this.o.cluster || !NODE_ONLY.has(c))
        : words[0] === 'calicoctl' && words.length === 2
          ? ['apply', 'create', 'delete', 'get', 'ipam', 'label', 'node', 'patch', 'replace', 'version']
          : words[0] === 'kubectl' && words.length === 2
            ? ['annotate', 'apply', 'cluster-info', 'cordon', 'delete', 'describe', 'drain', 'get', 'label', 'patch', 'set', 'uncordon']
            : this.fs.list('.');
    const c = [...new Set(pool)].filter((x) => x.startsWith(last)).sort();
    if (c.length === 1) return { line: `${line.slice(0, line.length - last.length)}${c[0]} `, candidates: [], help: '' };
    let common = last;
    if (c.length > 1) {
      for (let i = last.length; ; i++) {
        const ch = c[0]![i];
        if (ch === undefined || !c.every((x) => x[i] === ch)) break;
        common += ch;
      }
    }
    return { line: `${line.slice(0, line.length - last.length)}${common}`, candidates: c, help: '' };
  }

  interrupt(): string {
    if (this.pending) {
      this.pending = undefined;
      return '^C';
    }
    if (this.birdMode) {
      this.birdMode = false;
      return '^C';
    }
    return '^C';
  }
}
