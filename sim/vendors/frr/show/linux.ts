// vtysh `ping WORD` / `traceroute WORD` run the Linux tools (vtysh.c execute_command). The
// screens are iputils ping (runs until Ctrl-C: we show five probes, then ^C) and Debian's
// traceroute 2.1.

import type { Ip } from '../../../core/ip.ts';
import { formatIp, parseIp } from '../../../core/ip.ts';
import type { PingResult, TracerouteResult } from '../../../model/query.ts';

function ms(t: number): string {
  return t.toFixed(3);
}

export function renderLinuxPing(target: string, r: PingResult): string {
  const ip = parseIp(target);
  if (ip === null) return `ping: ${target}: Name or service not known`;
  if (r.localError) return `ping: connect: ${r.localError.replace(/^connect: /, '')}`;
  const out = [`PING ${target} (${target}) 56(84) bytes of data.`];
  let errors = 0;
  for (const rep of r.replies) {
    if (rep.kind === 'echo-reply') out.push(`64 bytes from ${formatIp(rep.from)}: icmp_seq=${rep.seq} ttl=${rep.ttl} time=${ms(rep.timeMs)} ms`);
    else {
      errors++;
      const why =
        rep.kind === 'ttl-exceeded'
          ? 'Time to live exceeded'
          : rep.kind === 'net-unreachable'
            ? 'Destination Net Unreachable'
            : rep.kind === 'admin-prohibited'
              ? 'Packet filtered'
              : 'Destination Host Unreachable';
      out.push(`From ${formatIp(rep.from)} icmp_seq=${rep.seq} ${why}`);
    }
  }
  out.push('^C', `--- ${target} ping statistics ---`);
  const loss = r.sent === 0 ? 0 : Math.round((100 * (r.sent - r.received)) / r.sent);
  const time = Math.max(0, (r.sent - 1) * 1000 + 2);
  out.push(`${r.sent} packets transmitted, ${r.received} received, ${errors ? `+${errors} errors, ` : ''}${loss}% packet loss, time ${time}ms`);
  const times = r.replies.filter((x) => x.kind === 'echo-reply').map((x) => x.timeMs);
  if (times.length) {
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / times.length);
    out.push(`rtt min/avg/max/mdev = ${ms(min)}/${ms(avg)}/${ms(max)}/${ms(mdev)} ms`);
  }
  return out.join('\n');
}

export function renderLinuxTraceroute(target: string, r: TracerouteResult, maxHops = 30): string {
  const ip: Ip | null = parseIp(target);
  if (ip === null) return `${target}: Name or service not known\nCannot handle "host" cmdline arg \`${target}' on position 1 (argc 1)`;
  const out = [`traceroute to ${target} (${target}), ${maxHops} hops max, 60 byte packets`];
  if (r.localError) return `connect: ${r.localError}`;
  for (const h of r.hops) {
    let line = String(h.ttl).padStart(2) + ' ';
    let last: Ip | undefined;
    for (const p of h.probes) {
      if (!p) {
        line += ' *';
        continue;
      }
      if (p.addr !== last) line += ` ${formatIp(p.addr)} (${formatIp(p.addr)})`;
      last = p.addr;
      line += `  ${ms(p.rttMs)} ms${p.note ? ` ${p.note}` : ''}`;
    }
    out.push(line);
  }
  return out.join('\n');
}
