// iptables, reduced to the rules a troubleshooting exercise needs: block or allow TCP/UDP ports
// and ICMP in the INPUT/OUTPUT/FORWARD chains (`iptables -A INPUT -p tcp --dport 179 -j DROP`),
// list (-L [chain] [-n] [-v] [--line-numbers]), delete (-D by spec or by number), flush (-F).
// Rules become PacketFilterRules named by their iptables-save text (`-A INPUT -p tcp -m tcp
// --dport 179 -j DROP`); rules that came from the lab file (`blockBgp`) are renamed to that
// form the first time iptables runs, so they list and delete like typed ones.

import { formatPrefix, parsePrefix } from '../../../core/ip.ts';
import type { PacketFilterRule } from '../../../model/device.ts';
import type { Command } from '../types.ts';
import { fail, ok } from '../types.ts';

interface Parsed {
  readonly op: 'A' | 'I' | 'D' | 'L' | 'F' | 'S';
  readonly chain?: string;
  readonly rule?: PacketFilterRule;
  /** Rule number for -D CHAIN N / -I CHAIN N (1-based). */
  readonly num?: number;
  readonly lineNumbers?: boolean;
}

// The filter table's built-in chains, in the order iptables -L / -S print them.
const CHAINS = ['INPUT', 'FORWARD', 'OUTPUT'];

function parse(args: readonly string[]): Parsed | string {
  let op: Parsed['op'] | undefined;
  let chain: string | undefined;
  let protocol: PacketFilterRule['protocol'] = 'any';
  let dport: number | undefined;
  let sport: number | undefined;
  let source: PacketFilterRule['source'];
  let destination: PacketFilterRule['destination'];
  let target: string | undefined;
  let num: number | undefined;
  let lineNumbers = false;
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
    else if (a === '--line-numbers') lineNumbers = true;
    else if (a === '-n' || a === '-v' || a === '-w' || a === '-nv' || a === '-vn') continue;
    else if (/^\d+$/.test(a) && chain !== undefined && num === undefined && args[i - 1] === chain) num = Number(a);
    else return `Bad argument \`${a}'\nTry \`iptables -h' or 'iptables --help' for more information.`;
  }
  if (!op) return 'iptables v1.8.7 (nf_tables): no command specified\nTry `iptables -h\' or \'iptables --help\' for more information.';
  if (chain && !CHAINS.includes(chain)) return `iptables: No chain/target/match by that name.`;
  if (op === 'D' && chain && num !== undefined && !target) {
    if (num < 1) return 'iptables v1.8.7 (nf_tables): Invalid rule number `0\'\nTry `iptables -h\' or \'iptables --help\' for more information.';
    return { op, chain, num };
  }
  if (op === 'A' || op === 'I' || op === 'D') {
    if (!chain) return `iptables v1.8.7 (nf_tables): option "-${op}" requires an argument`;
    if (!target) return `iptables v1.8.7 (nf_tables): no target specified`;
    if ((dport !== undefined || sport !== undefined) && protocol !== 'tcp' && protocol !== 'udp') return 'iptables v1.8.7 (nf_tables): unknown option "--dport"';
    const action: PacketFilterRule['action'] | undefined = ({ DROP: 'drop', REJECT: 'reject', ACCEPT: 'accept' } as Record<string, PacketFilterRule['action']>)[target.toUpperCase()];
    if (!action) return `iptables v1.8.7 (nf_tables): Couldn't load target \`${target}':No such file or directory`;
    const text = [`-A ${chain}`, protocol !== 'any' ? `-p ${protocol}` : '', source ? `-s ${formatPrefix(source)}` : '', destination ? `-d ${formatPrefix(destination)}` : '', protocol !== 'any' && (sport !== undefined || dport !== undefined) ? `-m ${protocol}` : '', sport !== undefined ? `--sport ${sport}` : '', dport !== undefined ? `--dport ${dport}` : '', `-j ${target.toUpperCase()}`].filter(Boolean).join(' ');
    return {
      op,
      chain,
      ...(num !== undefined ? { num } : {}),
      rule: {
        name: text,
        direction: chain === 'OUTPUT' ? 'out' : 'in',
        protocol,
        ...(dport !== undefined ? { port: dport } : {}),
        ...(sport !== undefined ? { sourcePort: sport } : {}),
        ...(source ? { source } : {}),
        ...(destination ? { destination } : {}),
        action,
      },
    };
  }
  return { op, ...(chain ? { chain } : {}), ...(lineNumbers ? { lineNumbers } : {}) };
}

/** The chain a rule sits in (from its iptables-save name). */
function chainOf(r: PacketFilterRule): string {
  return /^-A (\S+) /.exec(r.name)?.[1] ?? (r.direction === 'out' ? 'OUTPUT' : 'INPUT');
}

/**
 * A rule in iptables-save form. Lab rules are named like the command that made them
 * (`iptables -A INPUT -p tcp --dport 179 -j DROP`): parse that; otherwise describe the fields.
 */
export function canonicalRule(r: PacketFilterRule): PacketFilterRule {
  if (/^-A (INPUT|OUTPUT|FORWARD) /.test(r.name)) return r;
  const typed = /^(?:iptables\s+)?(-A\s.*)$/.exec(r.name.trim());
  const parsed = typed ? parse(typed[1]!.split(/\s+/)) : undefined;
  if (parsed && typeof parsed !== 'string' && parsed.rule) return { ...r, name: parsed.rule.name };
  const chain = r.direction === 'out' ? 'OUTPUT' : 'INPUT';
  const proto = r.protocol === 'any' ? '' : `-p ${r.protocol}`;
  const l4 = r.protocol === 'tcp' || r.protocol === 'udp';
  const port = l4 && (r.port !== undefined || r.sourcePort !== undefined) ? [`-m ${r.protocol}`, r.sourcePort !== undefined ? `--sport ${r.sourcePort}` : '', r.port !== undefined ? `--dport ${r.port}` : ''].filter(Boolean).join(' ') : '';
  const name = [`-A ${chain}`, proto, r.source ? `-s ${formatPrefix(r.source)}` : '', r.destination ? `-d ${formatPrefix(r.destination)}` : '', port, `-j ${r.action.toUpperCase()}`].filter(Boolean).join(' ');
  return { ...r, name };
}

// iptables print_header/print_firewall: `%-4u ` rule number, `%-9s ` target, ` prot `, `opt`,
// ` %-19s ` source and destination.
function listRules(rules: readonly PacketFilterRule[], numeric: boolean, lineNumbers: boolean, only?: string): string {
  const out: string[] = [];
  for (const chain of only ? [only] : CHAINS) {
    out.push(`Chain ${chain} (policy ACCEPT)`, `${lineNumbers ? 'num  ' : ''}target     prot opt source               destination         `);
    let n = 0;
    for (const r of rules.filter((x) => chainOf(x) === chain)) {
      n++;
      const target = r.action.toUpperCase();
      const prot = r.protocol === 'any' ? 'all' : r.protocol;
      const src = r.source ? formatPrefix(r.source).replace(/\/32$/, '') : numeric ? '0.0.0.0/0' : 'anywhere';
      const dst = r.destination ? formatPrefix(r.destination).replace(/\/32$/, '') : numeric ? '0.0.0.0/0' : 'anywhere';
      const svc = (p: number): string => (numeric || p !== 179 ? String(p) : 'bgp');
      const ports = [r.sourcePort !== undefined ? `spt:${svc(r.sourcePort)}` : '', r.port !== undefined ? `dpt:${svc(r.port)}` : ''].filter(Boolean).join(' ');
      const port = ports ? ` ${r.protocol} ${ports}` : '';
      out.push(`${lineNumbers ? `${String(n).padEnd(4)} ` : ''}${target.padEnd(10)} ${prot.padEnd(4)} --  ${src.padEnd(20)} ${dst.padEnd(20)}${port}`);
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n$/, '')}\n`;
}

export const iptables: Command = (args, _stdin, env) => {
  const p = parse(args);
  if (typeof p === 'string') return fail(p, 2);
  const rules = env.local.filters;
  rules.splice(0, rules.length, ...rules.map(canonicalRule));
  switch (p.op) {
    case 'L':
      return ok(listRules(rules, args.some((a) => /^-[a-zA-Z]*n[a-zA-Z]*$/.test(a) && !a.startsWith('--')), p.lineNumbers === true, p.chain));
    case 'S': {
      const only = p.chain ? [p.chain] : CHAINS;
      const lines = [...only.map((c) => `-P ${c} ACCEPT`), ...only.flatMap((c) => rules.filter((r) => chainOf(r) === c).map((r) => r.name))];
      return ok(`${lines.join('\n')}\n`);
    }
    case 'F': {
      const keep = p.chain ? rules.filter((r) => chainOf(r) !== p.chain) : [];
      const changed = keep.length !== rules.length;
      rules.splice(0, rules.length, ...keep);
      if (changed) env.commitLocal();
      return ok('', { changed });
    }
    case 'A':
      rules.push(p.rule!);
      env.commitLocal();
      return ok('', { changed: true });
    case 'I': {
      // -I CHAIN [N]: before the chain's N-th rule (default 1); the rule list holds all chains.
      const inChain = rules.filter((r) => chainOf(r) === p.chain);
      const n = p.num ?? 1;
      if (n > inChain.length + 1) return fail('iptables: Index of insertion too big.', 1);
      const before = inChain[n - 1];
      rules.splice(before ? rules.indexOf(before) : rules.length, 0, p.rule!);
      env.commitLocal();
      return ok('', { changed: true });
    }
    case 'D': {
      if (!p.rule) {
        const victim = rules.filter((r) => chainOf(r) === p.chain)[p.num! - 1];
        if (!victim) return fail('iptables: Index of deletion too big.', 1);
        rules.splice(rules.indexOf(victim), 1);
        env.commitLocal();
        return ok('', { changed: true });
      }
      const idx = rules.findIndex((r) => r.name === p.rule!.name);
      if (idx < 0) return fail('iptables: Bad rule (does a matching rule exist in that chain?).', 1);
      rules.splice(idx, 1);
      env.commitLocal();
      return ok('', { changed: true });
    }
  }
};
