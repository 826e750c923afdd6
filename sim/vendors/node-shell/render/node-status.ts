// `calicoctl node status` (calicoctl/commands/node/status.go, C331): reads BIRD's `show
// protocols`, keeps BGP rows named Global_/Node_/Mesh_ with at least 6 fields, and prints
// them with tablewriter.

import { renderTable } from './tablewriter.ts';
import { birdSince } from './clock.ts';
import type { BirdCtx } from './bird.ts';
import { protocolRows } from './bird.ts';

const KIND: Record<string, string> = { Mesh: 'node-to-node mesh', Global: 'global', Node: 'node specific' };

export interface StatusInput {
  readonly bird: BirdCtx;
  readonly felixRunning: boolean;
  readonly birdRunning: boolean;
  /** bird6 is modelled as running with no peers (IPv6 is out of scope). */
  readonly bird6Running: boolean;
}

function peerRows(c: BirdCtx): string[][] {
  const now = c.wall(c.net.time);
  const rows: string[][] = [];
  for (const r of protocolRows(c)) {
    if (r.proto !== 'BGP') continue;
    const m = /^(Global|Node|Mesh)_(.+)$/.exec(r.name);
    if (!m) continue;
    // The row as BIRD prints it, split on whitespace: name proto table state since info…
    const since = birdSince(c.wall(r.since), now);
    const fields = [r.name, 'BGP', 'master', r.state, since, ...r.info.split(/\s+/).filter(Boolean)];
    if (fields.length < 6) continue;
    rows.push([m[2]!.replace(/_/g, '.'), KIND[m[1]!]!, r.state, since, fields.slice(5).join(' ')]);
  }
  return rows;
}

export function nodeStatus(s: StatusInput): { stdout: string; stderr?: string; code: number } {
  if (!s.felixRunning) return { stdout: '', stderr: 'Calico process is not running.', code: 1 };
  let out = 'Calico process is running.\n';
  if (s.birdRunning || s.bird6Running) {
    if (s.birdRunning) {
      out += '\nIPv4 BGP status\n';
      const rows = peerRows(s.bird);
      out += rows.length === 0 ? 'No IPv4 peers found.\n' : renderTable(['Peer address', 'Peer type', 'State', 'Since', 'Info'], rows);
    } else out += "\nINFO: BIRDv4 process: 'bird' is not running.\n";
    if (s.bird6Running) out += '\nIPv6 BGP status\nNo IPv6 peers found.\n';
    else out += "\nINFO: BIRDv6 process: 'bird6' is not running.\n";
  } else out += '\nThe BGP backend process (BIRD) is not running.\n';
  return { stdout: `${out}\n`, code: 0 };
}
