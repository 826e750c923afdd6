// Test helper: a lab of FRR front ends on the engine's Network, wired like the capture lab in
// testdata/real/capture.py (ToR, three nodes, a spine). Used by the golden tests.

import { parseIfAddr, parsePrefix } from '../../core/ip.ts';
import type { StaticRoute } from '../../model/device.ts';
import type { ExecContext } from '../../model/frontend.ts';
import { Network } from '../../engine/network.ts';
import type { DeviceFrontEnd } from '../../model/frontend.ts';

export interface FixtureDevice {
  readonly name: string;
  readonly make: () => { frontEnd: DeviceFrontEnd; diagnostics: unknown[] };
}

export class MiniLab {
  readonly net = new Network();
  readonly fes = new Map<string, DeviceFrontEnd>();

  add(fe: DeviceFrontEnd): void {
    this.fes.set(fe.device, fe);
    this.net.setDevice(fe.deviceConfig().config);
  }

  ctx(device: string): ExecContext {
    return {
      net: this.net,
      commit: () => {
        this.net.setDevice(this.fes.get(device)!.deviceConfig().config);
        return this.net.settle();
      },
      daemon: (d, a) => this.net.daemon(d, a),
      link: (d, i, up) => this.net.link(d, i, up),
      wait: (s) => this.net.advance(s),
    };
  }

  /** Runs lines on a device and returns a transcript "prompt+line\noutput". */
  transcript(device: string, lines: readonly string[]): string {
    const fe = this.fes.get(device)!;
    const out: string[] = [];
    for (const l of lines) {
      const prompt = fe.prompt();
      if (l.endsWith('?')) {
        out.push(prompt + l, fe.help(l.slice(0, -1), this.ctx(device)));
        continue;
      }
      const r = fe.exec(l, this.ctx(device));
      out.push(prompt + l);
      if (r.output !== '') out.push(r.output);
    }
    return out.join('\n') + '\n';
  }
}

export const blackhole = (p: string): StaticRoute => ({ prefix: parsePrefix(p)!, nexthops: [], type: 'blackhole' });
export const ifaddr = (s: string) => parseIfAddr(s)!;

/**
 * The lesson-7 ToR lab exactly as testdata/real/capture.py builds it: tor (AS 64501), nodes
 * n1..n3 (AS 64512, FRR standing in for BIRD), spine1 (AS 64500, ebgp-requires-policy on).
 * `configs` are the frr.conf texts (testdata/real/tor-lab/configs.json).
 */
export function torLab(configs: Readonly<Record<string, string>>, create: (o: import('./frontend.ts').RouterFrontEndOptions) => { frontEnd: DeviceFrontEnd; diagnostics: unknown[] }): MiniLab {
  const lab = new MiniLab();
  lab.add(create({ device: 'tor', ports: [{ name: 'eth0', segment: 'rack-a' }, { name: 'eth1', segment: 'uplink' }, { name: 'lo', loopback: true }], startupConfig: configs.tor! }).frontEnd);
  const nodes: [string, string, string][] = [
    ['n1', '10.0.20.11/26', '10.244.1.0/26'],
    ['n2', '10.0.20.12/26', '10.244.2.0/26'],
    ['n3', '10.0.20.13/26', '10.244.3.0/26'],
  ];
  for (const [n, ip, block] of nodes) {
    lab.add(
      create({
        device: n,
        ports: [{ name: 'eth0', segment: 'rack-a', addresses: [ifaddr(ip)] }],
        kernelRoutes: [blackhole(block), blackhole('10.96.0.0/12')],
        startupConfig: configs[n]!,
      }).frontEnd,
    );
  }
  lab.add(create({ device: 'spine1', ports: [{ name: 'eth0', segment: 'uplink', addresses: [ifaddr('10.0.20.254/29')] }], startupConfig: configs.spine1! }).frontEnd);
  lab.net.settle();
  lab.net.advance(8);
  return lab;
}
