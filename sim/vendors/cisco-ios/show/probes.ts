// IOS `ping` and `traceroute` screens:
//   Type escape sequence to abort.
//   Sending 5, 100-byte ICMP Echos to 172.15.190.2, timeout is 2 seconds:
//   Packet sent with a source address of 192.168.83.1      (with `source`)
//   !!!!!                                                  (. timeout, U unreachable)
//   Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms
// and "Tracing the route to X" / "VRF info: …" / "  1 192.168.83.36 1 msec 1 msec 1 msec".

import { formatIp } from '../../../core/ip.ts';
import type { PingResult, TracerouteResult } from '../../../model/query.ts';

const ms = (t: number): number => Math.max(1, Math.round(t));

export function iosPing(target: string, r: PingResult, count: number): string {
  const out = ['Type escape sequence to abort.', `Sending ${count}, 100-byte ICMP Echos to ${target}, timeout is 2 seconds:`];
  if (r.source !== null) out.push(`Packet sent with a source address of ${formatIp(r.source)} `);
  if (r.localError) {
    out.push('.'.repeat(count), `Success rate is 0 percent (0/${count})`);
    return out.join('\n');
  }
  const bySeq = new Map(r.replies.map((x) => [x.seq, x]));
  let marks = '';
  for (let seq = 1; seq <= count; seq++) {
    const rep = bySeq.get(seq);
    marks += !rep ? '.' : rep.kind === 'echo-reply' ? '!' : rep.kind === 'ttl-exceeded' ? '&' : 'U';
  }
  out.push(marks);
  const times = r.replies.filter((x) => x.kind === 'echo-reply').map((x) => ms(x.timeMs));
  const pct = Math.floor((100 * times.length) / count);
  out.push(
    times.length
      ? `Success rate is ${pct} percent (${times.length}/${count}), round-trip min/avg/max = ${Math.min(...times)}/${Math.round(times.reduce((a, b) => a + b, 0) / times.length)}/${Math.max(...times)} ms`
      : `Success rate is 0 percent (0/${count})`,
  );
  return out.join('\n');
}

export function iosTraceroute(target: string, r: TracerouteResult): string {
  const out = ['Type escape sequence to abort.', `Tracing the route to ${target}`, 'VRF info: (vrf in name/id, vrf out name/id)'];
  for (const h of r.hops) {
    let line = String(h.ttl).padStart(3);
    let last: number | undefined;
    for (const p of h.probes) {
      if (!p) {
        line += ' * ';
        continue;
      }
      line += p.addr !== last ? ` ${formatIp(p.addr)} ${ms(p.rttMs)} msec` : ` ${ms(p.rttMs)} msec`;
      last = p.addr;
    }
    out.push(line);
  }
  return out.join('\n');
}
