// iptables, reduced to the rules a troubleshooting exercise needs: block or allow TCP/UDP ports
// and ICMP in the INPUT/OUTPUT/FORWARD chains (`iptables -A INPUT -p tcp --dport 179 -j DROP`),
// list (-L [-n] [-v]), delete (-D), flush (-F). Rules become PacketFilterRules.

import { formatPrefix, parsePrefix } from '../../../core/ip.ts';
import type { PacketFilterRule } from '../../../model/device.ts';
import type { Command } from '../types.ts';
import { fail, ok } from '../types.ts';

interface Parsed {
  readonly op: 'A' | 'I' | 'D' | 'L' | 'F' | 'S';
  readonly chain?: string;
  readonly rule?: PacketFilterRule;
}

const CHAINS = ['INPUT', 'OUTPUT', 'FORWARD'];

function parse(args: readonly string[]): Parsed | string {
  let op: Parsed['op'] | undefined;
  let chain: string | undefined;
  let protocol: PacketFilterRule['protocol'] = 'any';
  let dport: number | undefined;
  let sport: number | undefined;
  let source: PacketFilterRule['source'];
  let destination: PacketFilterRule['destination'];
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^-[AIDLFS]$/.test(a) || ['--append', '--insert', '--delete', '--list', '--flush', '--list-rules'].includes(a)) {
      op = ({ '--append': 'A', '--insert': 'I', '--delete': 'D', '--list': 'L', '--flush': 'F', '--list-rules': 'S' } as Record<string, Parsed['op']>)[a] ?? (a[1] as Parsed['op']);
      if (args[i + 1] && !args[i + 1]!.startsWith('-')) chain = args[++i];
    } else if (a === '-p' || a === '--protocol') {
      const p = (args[++i] ?? '').toLowerCase();
      if (!['tcp', 'udp', 'icmp', 'all'].includes(p)) return `iptables v1.8.7 (nf_tables): unknown protocol "${p}" specified\nTry \`iptables -h' or 'iptables --help' for more information.`;
      protocol = p === 'all' ? 'any' : (p as PacketFilterRule['protocol']);
    } else if (a === '--dport' || a === '--destination-port') dport = Number(args[++i]);
    else if (a === '--sport' || a === '--source-port') sport = Number(args[++i]);
    else if (a === '-s' || a === '--source') source = parsePrefix(args[++i] ?? '') ?? undefined;
    else if (a === '-d' || a === '--destination') destination = parsePrefix(args[++i] ?? '') ?? undefined;
    else if (a === '-j' || a === '--jump') target = args[++i];
    else if (a === '-m' || a === '-t' || a === '-i' || a === '-o') i++;
    else if (a === '-n' || a === '-v' || a === '--line-numbers' || a === '-w') continue;
    else if (/^\d+$/.test(a)) continue; // rule number for -I/-D
    else return `Bad argument \`${a}'\nTry \`iptables -h' or 'iptables --help' for more information.`;
  }
  if (!op) return 'iptables v1.8.7 (nf_tables): no command specified\nTry `iptables -h\' or \'iptables --help\' for more information.';
  if (chain && !CHAINS.includes(chain)) return `iptables: No chain/target/match by that name.`;
  if (op === 'A' || op === 'I' || op === 'D') {
    if (!chain) return `iptables v1.8.7 (nf_tables): option "-${op}" requires an argument`;
    if (!target) return `iptables v1.8.7 (nf_tables): no target specified`;
    if ((dport !== undefined || sport !== undefined) && protocol !== 'tcp' && protocol !== 'udp') return 'iptables v1.8.7 (nf_tables): unknown option "--dport"';
    const action: PacketFilterRule['action'] | undefined = ({ DROP: 'drop', REJECT: 'reject', ACCEPT: 'accept' } as Record<string, PacketFilterRule['action']>)[target.toUpperCase()];
    if (!action) return `iptables v1.8.7 (nf_tables): Couldn't load target \`${target}':No such file or directory`;
    const port = dport ?? sport;
    const text = [`-A ${chain}`, protocol !== 'any' ? `-p ${protocol}` : '', source ? `-s ${formatPrefix(source)}` : '', destination ? `-d ${formatPrefix(destination)}` : '', protocol !== 'any' && port !== undefined ? `-m ${protocol} --${dport !== undefined ? 'dport' : 'sport'} ${port}` : '', `-j ${target.toUpperCase()}`].filter(Boolean).join(' ');
    return {
      op,
      chain,
      rule: {
        name: text,
        direction: chain === 'OUTPUT' ? 'out' : 'in',
        protocol,
        ...(port !== undefined ? { port } : {}),
        // --sport on INPUT / --dport on OUTPUT both describe the remote side's port: match either way.
        ...(sport !== undefined ? { anyPort: true } : {}),
        ...(source ? { source } : {}),
        ...(destination ? { destination } : {}),
        action,
      },
    };
  }
  return { op, ...(chain ? { chain } : {}) };
}

function listRules(rules: readonly PacketFilterRule[], numeric: boolean): string {
  const out: string[] = [];
  for (const chain of CHAINS) {
    out.push(`Chain ${chain} (policy ACCEPT)`, 'target     prot opt source               destination         ');
    for (const r of rules.filter((x) => x.name.startsWith(`-A ${chain} `))) {
      const target = r.action.toUpperCase();
      const prot = r.protocol === 'any' ? 'all' : r.protocol;
      const src = r.source ? formatPrefix(r.source).replace(/\/32$/, '') : numeric ? '0.0.0.0/0' : 'anywhere';
      const dst = r.destination ? formatPrefix(r.destination).replace(/\/32$/, '') : numeric ? '0.0.0.0/0' : 'anywhere';
      const port = r.port !== undefined ? ` ${r.protocol} ${/--sport/.test(r.name) ? 'spt' : 'dpt'}:${numeric ? r.port : r.port === 179 ? 'bgp' : r.port}` : '';
      out.push(`${target.padEnd(10)} ${prot.padEnd(4)} --  ${src.padEnd(20)} ${dst.padEnd(20)}${port}`);
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n$/, '')}\n`;
}

export const iptables: Command = (args, _stdin, env) => {
  const p = parse(args);
  if (typeof p === 'string') return fail(p, 2);
  const rules = env.local.filters;
  switch (p.op) {
    case 'L':
      return ok(listRules(rules, args.includes('-n')));
    case 'S': {
      const lines = ['-P INPUT ACCEPT', '-P FORWARD ACCEPT', '-P OUTPUT ACCEPT', ...rules.map((r) => r.name)];
      return ok(`${lines.join('\n')}\n`);
    }
    case 'F': {
      const keep = p.chain ? rules.filter((r) => !r.name.startsWith(`-A ${p.chain} `)) : [];
      const changed = keep.length !== rules.length;
      rules.splice(0, rules.length, ...keep);
      if (changed) env.commitLocal();
      return ok('', { changed });
    }
    case 'A':
    case 'I':
      if (p.op === 'A') rules.push(p.rule!);
      else rules.unshift(p.rule!);
      env.commitLocal();
      return ok('', { changed: true });
    case 'D': {
      const idx = rules.findIndex((r) => r.name === p.rule!.name);
      if (idx < 0) return fail('iptables: Bad rule (does a matching rule exist in that chain?).', 1);
      rules.splice(idx, 1);
      env.commitLocal();
      return ok('', { changed: true });
    }
  }
};
