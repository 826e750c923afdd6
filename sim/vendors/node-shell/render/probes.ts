// ping (iputils 20211215), traceroute (2.1.x), curl (7.81) and dig (BIND 9.18) screens from
// the engine's probe results (model/query.ts). Times are the engine's virtual RTTs.

import { formatIp } from '../../../core/ip.ts';
import type { Ip } from '../../../core/ip.ts';
import type { ConnectResult, PingResult, TracerouteResult } from '../../../model/query.ts';
import { digWhen } from './clock.ts';

function ms(t: number): string {
  return t.toFixed(3);
}

export function renderPing(target: string, ip: Ip, r: PingResult, count: number, source?: Ip): { stdout: string; stderr?: string; code: number } {
  if (r.localError) return { stdout: '', stderr: `ping: ${r.localError}`, code: 2 };
  const addr = formatIp(ip);
  const out = [`PING ${target} (${addr}) ${source !== undefined ? `from ${formatIp(source)} : ` : ''}56(84) bytes of data.`];
  let errors = 0;
  const rtts: number[] = [];
  for (const rep of r.replies) {
    switch (rep.kind) {
      case 'echo-reply':
        out.push(`64 bytes from ${formatIp(rep.from)}: icmp_seq=${rep.seq} ttl=${rep.ttl} time=${rep.timeMs < 10 ? rep.timeMs.toFixed(3) : rep.timeMs.toFixed(rep.timeMs < 100 ? 1 : 0)} ms`);
        rtts.push(rep.timeMs);
        break;
      case 'ttl-exceeded':
        out.push(`From ${formatIp(rep.from)} icmp_seq=${rep.seq} Time to live exceeded`);
        errors++;
        break;
      case 'host-unreachable':
        out.push(`From ${formatIp(rep.from)} icmp_seq=${rep.seq} Destination Host Unreachable`);
        errors++;
        break;
      case 'net-unreachable':
        out.push(`From ${formatIp(rep.from)} icmp_seq=${rep.seq} Destination Net Unreachable`);
        errors++;
        break;
      case 'admin-prohibited':
        out.push(`From ${formatIp(rep.from)} icmp_seq=${rep.seq} Packet filtered`);
        errors++;
        break;
    }
  }
  const sent = r.sent || count;
  const recv = r.received;
  const loss = sent === 0 ? 0 : Math.round(((sent - recv) * 100) / sent);
  const avg = rtts.length ? rtts.reduce((a, b) => a + b, 0) / rtts.length : 0;
  const time = Math.max(0, (sent - 1) * 1000 + Math.round(recv ? avg : 60 + sent * 3));
  out.push('', `--- ${target} ping statistics ---`);
  out.push(`${sent} packets transmitted, ${recv} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${time}ms`);
  if (rtts.length) {
    const min = Math.min(...rtts);
    const max = Math.max(...rtts);
    const mdev = Math.sqrt(Math.max(0, rtts.reduce((a, b) => a + b * b, 0) / rtts.length - avg * avg));
    out.push(`rtt min/avg/max/mdev = ${ms(min)}/${ms(avg)}/${ms(max)}/${ms(mdev)} ms`);
  }
  return { stdout: `${out.join('\n')}\n`, code: recv > 0 ? 0 : 1 };
}

export function renderTraceroute(target: string, ip: Ip, r: TracerouteResult, numeric: boolean, maxHops = 30): { stdout: string; stderr?: string; code: number } {
  const head = `traceroute to ${target} (${formatIp(ip)}), ${maxHops} hops max, 60 byte packets`;
  if (r.localError) return { stdout: `${head}\n`, stderr: r.localError, code: 1 };
  const out = [head];
  for (const h of r.hops) {
    let line = `${String(h.ttl).padStart(2)} `;
    let last: Ip | undefined;
    for (const p of h.probes) {
      if (!p) {
        line += ' *';
        continue;
      }
      if (p.addr !== last) {
        line += numeric ? ` ${formatIp(p.addr)}` : ` ${formatIp(p.addr)} (${formatIp(p.addr)})`;
        last = p.addr;
      }
      line += `  ${ms(p.rttMs)} ms${p.note ? ` ${p.note}` : ''}`;
    }
    out.push(line);
  }
  return { stdout: `${out.join('\n')}\n`, code: 0 };
}

export interface CurlOptions {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly maxTime?: number;
  readonly connectTimeout?: number;
  readonly silent: boolean;
  readonly showError: boolean;
  readonly headOnly: boolean;
}

export function renderCurl(o: CurlOptions, r: ConnectResult): { stdout: string; stderr?: string; code: number } {
  const err = (code: number, text: string): { stdout: string; stderr?: string; code: number } =>
    o.silent && !o.showError ? { stdout: '', code } : { stdout: '', stderr: `curl: (${code}) ${text}`, code };
  if (!r.ok) {
    const target = `${o.host} port ${o.port}`;
    switch (r.failure) {
      case 'refused':
        return err(7, `Failed to connect to ${target} after 0 ms: Connection refused`);
      case 'unreachable':
        return err(7, `Failed to connect to ${target} after 3068 ms: No route to host`);
      case 'no-route':
        return err(7, `Failed to connect to ${target} after 0 ms: Network is unreachable`);
      default: {
        const limit = o.connectTimeout ?? o.maxTime;
        if (limit !== undefined) return err(28, `${o.connectTimeout !== undefined ? 'Connection timeout' : 'Connection timed out'} after ${Math.round(limit * 1000) + 1} ms`);
        return err(28, `Failed to connect to ${target} after 130954 ms: Connection timed out`);
      }
    }
  }
  if (r.app === 'echoserver') {
    const who = r.appData?.['pod'] ?? r.server ?? 'echoserver';
    if (o.headOnly) return { stdout: 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nDate: Wed, 01 Jan 2025 10:00:00 GMT\r\nContent-Length: 120\r\n\r\n', code: 0 };
    const hostHeader = o.port === 80 ? o.host : `${o.host}:${o.port}`;
    return { stdout: `Request served by ${who}\n\nHTTP/1.1 GET ${o.path}\n\nHost: ${hostHeader}\nAccept: */*\nUser-Agent: curl/7.81.0\n`, code: 0 };
  }
  if (r.app === 'http') return { stdout: `<html><body><h1>It works!</h1></body></html>\n`, code: 0 };
  if (r.app === 'bgp') return err(1, 'Received HTTP/0.9 when not allowed');
  return err(52, 'Empty reply from server');
}

/** Wire length of a domain name. */
function nameLen(fqdn: string): number {
  const labels = fqdn.replace(/\.$/, '').split('.').filter(Boolean);
  return labels.reduce((a, l) => a + l.length + 1, 0) + 1;
}

export interface DigQuery {
  readonly argsText: string;
  readonly name: string;
  readonly type: 'A' | 'PTR' | 'AAAA' | 'SRV' | 'TXT' | 'NS' | 'SOA';
  readonly server: Ip;
  readonly short: boolean;
}

/** The DNS app answers from its record map (compile/services.ts dnsRecords). */
export function dnsAnswer(data: Readonly<Record<string, string>>, q: DigQuery): { status: 'NOERROR' | 'NXDOMAIN'; answers: string[] } {
  const key = q.type === 'PTR' ? `PTR ${ptrToIp(q.name)}` : `${q.type} ${q.name.endsWith('.') ? q.name : `${q.name}.`}`;
  const v = data[key];
  if (v !== undefined) return { status: 'NOERROR', answers: [v] };
  // A name that exists with another type answers NOERROR with no records.
  const exists = Object.keys(data).some((k) => k.endsWith(` ${q.name.endsWith('.') ? q.name : `${q.name}.`}`));
  return { status: exists ? 'NOERROR' : 'NXDOMAIN', answers: [] };
}

export function ptrName(ip: Ip): string {
  return `${formatIp(ip).split('.').reverse().join('.')}.in-addr.arpa.`;
}

function ptrToIp(name: string): string {
  const parts = name.replace(/\.in-addr\.arpa\.?$/, '').split('.');
  return parts.reverse().join('.');
}

export function renderDig(q: DigQuery, r: ConnectResult, when: number): { stdout: string; code: number } {
  const server = formatIp(q.server);
  const qname = q.name.endsWith('.') ? q.name : `${q.name}.`;
  if (!r.ok || r.app !== 'dns') {
    const why = r.ok ? 'end of file' : r.failure === 'refused' ? 'connection refused' : r.failure === 'no-route' || r.failure === 'unreachable' ? 'host unreachable' : 'timed out';
    const errs = `;; communications error to ${server}#53: ${why}\n`.repeat(why === 'timed out' ? 3 : 1);
    if (q.short) return { stdout: errs + ';; no servers could be reached\n', code: 9 };
    return { stdout: `${errs}\n; <<>> DiG 9.18.28-0ubuntu0.22.04.1-Ubuntu <<>> ${q.argsText}\n; (1 server found)\n;; global options: +cmd\n;; no servers could be reached\n\n`, code: 9 };
  }
  const data = r.appData ?? {};
  const a = dnsAnswer(data, q);
  if (q.short) return { stdout: a.answers.map((x) => `${x}\n`).join(''), code: 0 };
  const domain = data['domain'] ?? 'cluster.local';
  const id = (q.name.length * 7919 + q.server) % 65536;
  const ansLines = a.answers.map((v) => `${qname}\t30\tIN\t${q.type}\t${v}`);
  const soa = `${domain}.\t30\tIN\tSOA\tns.dns.${domain}. hostmaster.${domain}. ${Math.floor(when)} 7200 1800 86400 30`;
  const questionLen = nameLen(qname) + 4;
  const answerLen = a.answers.reduce((acc, v) => acc + 2 + 10 + (q.type === 'A' ? 4 : nameLen(v)), 0);
  const authLen = a.status === 'NXDOMAIN' ? 2 + 10 + nameLen(`ns.dns.${domain}.`) + nameLen(`hostmaster.${domain}.`) + 20 : 0;
  const size = 12 + questionLen + answerLen + authLen + 11;
  const L = [
    '',
    `; <<>> DiG 9.18.28-0ubuntu0.22.04.1-Ubuntu <<>> ${q.argsText}`,
    ';; global options: +cmd',
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${a.status}, id: ${id}`,
    `;; flags: qr aa rd; QUERY: 1, ANSWER: ${a.answers.length}, AUTHORITY: ${a.status === 'NXDOMAIN' ? 1 : 0}, ADDITIONAL: 1`,
    ';; WARNING: recursion requested but not available',
    '',
    ';; OPT PSEUDOSECTION:',
    '; EDNS: version: 0, flags:; udp: 1232',
    ';; QUESTION SECTION:',
    `;${qname}\t\tIN\t${q.type}`,
    '',
  ];
  if (ansLines.length) L.push(';; ANSWER SECTION:', ...ansLines, '');
  if (a.status === 'NXDOMAIN') L.push(';; AUTHORITY SECTION:', soa, '');
  L.push(';; Query time: 0 msec', `;; SERVER: ${server}#53(${server}) (UDP)`, `;; WHEN: ${digWhen(when)}`, `;; MSG SIZE  rcvd: ${size}`, '');
  return { stdout: `${L.join('\n')}\n`, code: 0 };
}
