// Golden terminal transcripts on real labs (the engine, the Calico layer and these shells
// together). Each testdata/transcripts/<name>.yaml names a lab (inline or a lesson folder)
// and a script of terminal lines per device; the output is testdata/transcripts/<name>.txt.
// Regenerate with UPDATE_GOLDEN=1 npx vitest run sim/vendors/node-shell/transcripts.test.ts

import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLab } from '../../lab/create-lab.ts';
import { registerRouterPlatform } from '../../lab/registry.ts';
import { createFrrFrontEnd } from '../frr/index.ts';
import { parseYaml, toPlain } from '../calico/yaml/source.ts';
import { registerCalicoLab } from './register.ts';

registerCalicoLab();
registerRouterPlatform('frr', createFrrFrontEnd);

const DIR = join(__dirname, 'testdata', 'transcripts');
const ROOT = join(__dirname, '..', '..', '..');

interface Script {
  /** A lesson folder (relative to the repo) or inline files. */
  lesson?: string;
  exercise?: string;
  files?: Record<string, string>;
  steps: { device: string; line: string }[];
}

function readFolder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|txt|frr|ios|vrp|cfg|conf)$/.test(e)) out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function transcript(s: Script): string {
  const files = s.lesson ? readFolder(join(ROOT, s.lesson)) : (s.files ?? {});
  const { lab, diagnostics } = createLab({ files, ...(s.exercise ? { exercise: s.exercise } : {}) });
  if (!lab) return `lab failed: ${diagnostics.map((d) => d.message).join('; ')}\n`;
  const out: string[] = [];
  for (const st of s.steps) {
    const prompt = lab.prompt(st.device);
    const r = lab.exec(st.device, st.line);
    out.push(`${prompt}${st.line}`);
    if (r.output !== '') out.push(r.output);
  }
  return `${out.join('\n')}\n`;
}

const scripts = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort() : [];

describe('terminal transcripts on real labs', () => {
  it.each(scripts)('%s', (f) => {
    const s = toPlain(parseYaml(readFileSync(join(DIR, f), 'utf8')).docs[0]!.root) as Script;
    const got = transcript(s);
    const golden = join(DIR, f.replace(/\.yaml$/, '.txt'));
    if (process.env['UPDATE_GOLDEN'] || !existsSync(golden)) writeFileSync(golden, got);
    expect(got).toBe(readFileSync(golden, 'utf8'));
  });
});
