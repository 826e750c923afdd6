// The BIRD files we render, checked by a real BIRD 1.6.8 (`bird -p -c bird.cfg`), when the
// `bird` binary is installed (apt-get install -y bird); skipped otherwise. Calico's BIRD fork
// knows `krt_tunnel`, stock BIRD does not, so that one statement is replaced by a no-op.
// What we call invalid (bird.config diagnostics) BIRD must call invalid, and vice versa.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIfAddr, parsePrefix } from '../../../core/ip.ts';
import { CalicoCluster } from '../cluster.ts';
import { parseYaml, toPlain } from '../yaml/source.ts';
import type { BirdFiles } from './bird-config.ts';

const hasBird = spawnSync('bird', ['--version']).status !== null && spawnSync('bird', ['--version']).error === undefined;
const DIR = join(__dirname, '..', 'testdata');

function birdParse(files: BirdFiles): { ok: boolean; message: string } {
  const dir = mkdtempSync(join(tmpdir(), 'calico-bird-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text.replace(/krt_tunnel = "[^"]*";/g, 'print "krt_tunnel";'));
    const r = spawnSync('bird', ['-p', '-c', 'bird.cfg'], { cwd: dir, encoding: 'utf8' });
    return { ok: r.status === 0, message: `${r.stderr ?? ''}${r.stdout ?? ''}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function clusterOf(text: string): CalicoCluster {
  const split = text.split(/^---\s*$/m);
  const header = toPlain(parseYaml(split[0]!).docs[0]?.root ?? null) as { hosts: { name: string; ip: string; labels?: Record<string, string>; blocks?: string[] }[]; steps?: string[] };
  const c = new CalicoCluster(
    't',
    header.hosts.map((h) => ({
      name: h.name,
      interfaces: [{ name: 'eth0', addresses: [parseIfAddr(h.ip)!], segment: 'lan' }],
      staticRoutes: [],
      labels: h.labels ?? {},
      blocks: (h.blocks ?? []).map((b) => parsePrefix(b)!),
    })),
  );
  c.applyFile('in', split.slice(1).join('---\n'));
  c.compile();
  for (const s of header.steps ?? []) {
    c.applyFile('step', s);
    c.compile();
  }
  return c;
}

const inputs = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

describe.skipIf(!hasBird)('real BIRD parses what we render', () => {
  it.each(inputs)('%s', (f) => {
    const c = clusterOf(readFileSync(join(DIR, f), 'utf8'));
    for (const [node, e] of c.compiled.explain) {
      const r = birdParse(e.files);
      const weSayValid = e.configErrors.length === 0;
      expect({ node, ok: r.ok, message: weSayValid ? '' : r.message.replace(/^bird: \S+ /, '') }).toEqual({
        node,
        ok: weSayValid,
        message: weSayValid ? '' : e.configErrors[0],
      });
      if (!weSayValid) {
        // The diagnostic points where BIRD does (`bird: bird.cfg:LINE:COL message`).
        const at = /^bird: bird\.cfg:(\d+):(\d+) /.exec(r.message);
        const d = c.compiled.diagnostics.find((x) => x.code === 'bird.config' && x.span?.file === `${node}:/etc/calico/confd/config/bird.cfg`);
        expect({ node, line: d?.span?.line, column: d?.span?.column }).toEqual({ node, line: Number(at?.[1]), column: Number(at?.[2]) });
      }
    }
  });
});
