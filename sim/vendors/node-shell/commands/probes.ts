// ping, traceroute, curl, dig, nslookup: argument handling around the engine's probes.

import { formatIp, parseIp } from '../../../core/ip.ts';
import type { Ip } from '../../../core/ip.ts';
import { renderCurl, renderDig, renderPing, renderTraceroute, ptrName } from '../render/probes.ts';
import type { DigQuery } from '../render/probes.ts';
import type { Command, ShellEnv } from '../types.ts';
import { fail, ok } from '../types.ts';

/** An address, or a lab device name (as if /etc/hosts knew the machines). */
export function resolveHost(env: ShellEnv, name: string): Ip | undefined {
  const ip = parseIp(name);
  if (ip !== null) return ip;
  const n = env.ctx.net;
  if (!n.deviceNames().includes(name)) return undefined;
  return n.interfaces(name).find((i) => i.addresses.length > 0)?.addresses[0]?.ip;
}

function sourceOf(env: ShellEnv, v: string | undefined): Ip | undefined {
  if (v === undefined) return undefined;
  const ip = parseIp(v);
  if (ip !== null) return ip;
  return env.ctx.net.interfaces(env.device).find((i) => i.name === v)?.addresses[0]?.ip;
}

export const ping: Command = (args, _stdin, env) => {
  let count = 4;
  let ttl: number | undefined;
  let source: string | undefined;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-c') count = Number(args[++i]);
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (a === '-t') ttl = Number(args[++i]);
    else if (a === '-I') source = args[++i];
    else if (a === '-W' || a === '-w' || a === '-i' || a === '-s') i++;
    else if (a === '-q' || a === '-n' || a === '-4' || a === '-D') continue;
    else if (a.startsWith('-')) return fail(`ping: invalid option -- '${a.slice(1, 2)}'`, 2);
    else target = a;
  }
  if (!target) return fail('ping: usage error: Destination address required', 1);
  if (!Number.isInteger(count) || count < 1) return fail(`ping: invalid argument: '${count}': out of range: 1 <= value <= 9223372036854775807`, 1);
  const ip = resolveHost(env, target);
  if (ip === undefined) return fail(`ping: ${target}: Name or service not known`, 2);
  const src = sourceOf(env, source);
  if (source !== undefined && src === undefined) return fail(`ping: SO_BINDTODEVICE ${source}: No such device`, 2);
  const r = env.ctx.net.ping({ from: env.device, to: ip, count: Math.min(count, 20), ...(ttl ? { ttl } : {}), ...(src !== undefined ? { source: src } : {}) });
  const out = renderPing(target, ip, r, Math.min(count, 20), src);
  return { stdout: out.stdout, ...(out.stderr ? { stderr: out.stderr } : {}), code: out.code };
};

export const traceroute: Command = (args, _stdin, env) => {
  let numeric = false;
  let maxHops = 30;
  let probes = 3;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n') numeric = true;
    else if (a === '-m') maxHops = Number(args[++i]);
    else if (a === '-q') probes = Number(args[++i]);
    else if (a === '-w' || a === '-s' || a === '-i' || a === '-f') i++;
    else if (a === '-I' || a === '-T' || a === '-U' || a === '-4') continue;
    else if (a.startsWith('-')) return fail(`Bad option \`${a}' (argc 1)`, 2);
    else if (target === undefined) target = a;
  }
  if (!target) return fail('Usage:\n  traceroute [ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] [ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] [ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]', 2);
  const ip = resolveHost(env, target);
  if (ip === undefined) return fail(`${target}: Name or service not known\nCannot handle "host" cmdline arg \`${target}' on position 1 (argc 1)`, 2);
  const r = env.ctx.net.traceroute({ from: env.device, to: ip, maxHops, probes });
  const out = renderTraceroute(target, ip, r, numeric, maxHops);
  return { stdout: out.stdout, ...(out.stderr ? { stderr: out.stderr } : {}), code: out.code };
};

export const curl: Command = (args, _stdin, env) => {
  let silent = false;
  let showError = false;
  let maxTime: number | undefined;
  let connectTimeout: number | undefined;
  let headOnly = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-s' || a === '--silent') silent = true;
    else if (a === '-S' || a === '--show-error') showError = true;
    else if (a === '-sS' || a === '-Ss') silent = showError = true;
    else if (a === '-m' || a === '--max-time') maxTime = Number(args[++i]);
    else if (a === '--connect-timeout') connectTimeout = Number(args[++i]);
    else if (a === '-I' || a === '--head') headOnly = true;
    else if (a === '-v' || a === '-k' || a === '-L' || a === '-i') continue;
    else if (a === '-o' || a === '-H' || a === '-X' || a === '-d') i++;
    else if (a.startsWith('-')) return fail(`curl: option ${a}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`, 2);
    else url = a;
  }
  if (!url) return fail("curl: try 'curl --help' or 'curl --manual' for more information", 2);
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return fail(`curl: (3) URL using bad/illegal format or missing URL`, 3);
  const host = m[2]!;
  const port = m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80;
  const ip = resolveHost(env, host);
  if (ip === undefined) return fail(`curl: (6) Could not resolve host: ${host}`, 6);
  const r = env.ctx.net.connect({ from: env.device, to: ip, port, protocol: 'tcp' });
  const out = renderCurl({ host, port, path: m[4] ?? '/', silent, showError, headOnly, ...(maxTime !== undefined ? { maxTime } : {}), ...(connectTimeout !== undefined ? { connectTimeout } : {}) }, r);
  return { stdout: out.stdout, ...(out.stderr ? { stderr: out.stderr } : {}), code: out.code };
};

/** The nameserver of /etc/resolv.conf: kube-dns in a pod, systemd-resolved on a machine. */
function defaultResolver(env: ShellEnv): Ip {
  const cfg = env.config();
  if (cfg?.kind === 'pod' && env.cluster) {
    const dns = env.cluster.compiled.services.find((s) => s.namespace === 'kube-system' && s.name === 'kube-dns');
    if (dns?.clusterIPs[0] !== undefined) return dns.clusterIPs[0];
  }
  return parseIp('127.0.0.53')!;
}

export const dig: Command = (args, _stdin, env) => {
  let server: string | undefined;
  let reverse: string | undefined;
  let name: string | undefined;
  let type: DigQuery['type'] = 'A';
  let short = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('@')) server = a.slice(1);
    else if (a === '-x') reverse = args[++i];
    else if (a === '+short') short = true;
    else if (a.startsWith('+')) continue;
    else if (/^(A|PTR|AAAA|SRV|TXT|NS|SOA)$/i.test(a)) type = a.toUpperCase() as DigQuery['type'];
    else if (a === '-t') type = (args[++i] ?? 'A').toUpperCase() as DigQuery['type'];
    else name = a;
  }
  let qname = name ?? '.';
  if (reverse !== undefined) {
    const ip = parseIp(reverse);
    if (ip === null) return fail(`Invalid IP address ${reverse}`, 1);
    qname = ptrName(ip);
    type = 'PTR';
  }
  let serverIp: Ip;
  if (server !== undefined) {
    const s = resolveHost(env, server);
    if (s === undefined) return fail(`dig: couldn't get address for '${server}': not found`, 10);
    serverIp = s;
  } else serverIp = defaultResolver(env);
  const r = env.ctx.net.connect({ from: env.device, to: serverIp, port: 53, protocol: 'udp' });
  const out = renderDig({ argsText: args.join(' '), name: qname, type, server: serverIp, short }, r, env.wall(env.ctx.net.time));
  return ok(out.stdout, { code: out.code });
};

export const nslookup: Command = (args, _stdin, env) => {
  const name = args.find((a) => !a.startsWith('-'));
  const serverArg = args.filter((a) => !a.startsWith('-'))[1];
  if (!name) return fail('Usage: nslookup name [server]', 1);
  const serverIp = serverArg ? resolveHost(env, serverArg) : defaultResolver(env);
  if (serverIp === undefined) return fail(`nslookup: couldn't get address for '${serverArg}': not found`, 1);
  const ip = parseIp(name);
  const q: DigQuery = ip !== null ? { argsText: '', name: ptrName(ip), type: 'PTR', server: serverIp, short: true } : { argsText: '', name, type: 'A', server: serverIp, short: true };
  const r = env.ctx.net.connect({ from: env.device, to: serverIp, port: 53, protocol: 'udp' });
  const srv = formatIp(serverIp);
  if (!r.ok || r.app !== 'dns') return fail(`;; connection timed out; no servers could be reached\n`, 1);
  const out = renderDig(q, r, 0).stdout.trim();
  const head = `Server:\t\t${srv}\nAddress:\t${srv}#53\n\n`;
  if (!out) return fail(`${head}** server can't find ${ip !== null ? q.name : name}: NXDOMAIN\n`, 1);
  if (ip !== null) return ok(`${head}${q.name.replace(/\.$/, '')}\tname = ${out}\n\n`);
  return ok(`${head}Name:\t${name}\nAddress: ${out}\n\n`);
};
