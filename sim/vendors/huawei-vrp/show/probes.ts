// VRP `ping` and `tracert` screens (eNSP AR transcripts):
//   "  PING 10.0.1.2: 56  data bytes, press CTRL_C to break"
//   "    Reply from 10.0.1.2: bytes=56 Sequence=1 ttl=254 time=30 ms" / "    Request time out"
//   "  --- 10.0.1.2 ping statistics ---" + counts, "0.00% packet loss",
//   "    round-trip min/avg/max = 20/30/40 ms"
//   " traceroute to  10.0.1.2(10.0.1.2), max hops: 30 ,packet length: 40,press CTRL_C to break "
//   " 1 10.0.13.3 20 ms  10 ms  10 ms "

import { formatIp } from '../../../core/ip.ts';
import type { PingResult, TracerouteResult } from '../../../model/query.ts';

const ms = (t: number): number => Math.max(1, Math.round(t));

export function vrpPing(target: string, r: PingResult, count: number): string {
  const out = [`  PING ${target}: 56  data bytes, press CTRL_C to break`];
  const bySeq = new Map(r.replies.map((x) => [x.seq, x]));
  for (let seq = 1; seq <= Math.max(count, r.sent); seq++) {
    const rep = bySeq.get(seq);
    if (rep && rep.kind === 'echo-reply') out.push(`    Reply from ${formatIp(rep.from)}: bytes=56 Sequence=${seq} ttl=${rep.ttl} time=${ms(rep.timeMs)} ms`);
    else out.push('    Request time out');
  }
  const sent = Math.max(count, r.sent);
  out.push('', `  --- ${target} ping statistics ---`, `    ${sent} packet(s) transmitted`, `    ${r.received} packet(s) received`);
  out.push(`    ${(sent === 0 ? 0 : (100 * (sent - r.received)) / sent).toFixed(2)}% packet loss`);
  const times = r.replies.filter((x) => x.kind === 'echo-reply').map((x) => ms(x.timeMs));
  if (times.length) out.push(`    round-trip min/avg/max = ${Math.min(...times)}/${Math.round(times.reduce((a, b) => a + b, 0) / times.length)}/${Math.max(...times)} ms`);
  return out.join('\n') + '\n';
}

export function vrpTracert(target: string, r: TracerouteResult): string {
  const out = ['', ` traceroute to  ${target}(${target}), max hops: 30 ,packet length: 40,press CTRL_C to break `];
  for (const h of r.hops) {
    let line = String(h.ttl).padStart(2);
    let last: number | undefined;
    for (const p of h.probes) {
      if (!p) {
        line += '  *';
        continue;
      }
      line += p.addr !== last ? ` ${formatIp(p.addr)} ${ms(p.rttMs)} ms ` : ` ${ms(p.rttMs)} ms `;
      last = p.addr;
    }
    out.push('', line.replace(/ {2}\*$/, '  * '));
  }
  return out.join('\n');
}
