// Every shipped scenario, run through the simulator and compared fact by fact with what real
// BIRD 1.6 and FRR 8.4 did (tests/conformance/results). See sim/conformance/compare.ts for
// the few deliberate, declared differences.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../../sim/index.ts';
import { parseScenario } from '../../sim/conformance/scenario.ts';
import { runScenario } from '../../sim/conformance/run.ts';
import { clusterFactory } from '../../sim/lab/registry.ts';

const dir = join(import.meta.dirname, 'scenarios');
const scenarios = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

function mismatches(file: string, calico: 'harness' | 'layer'): string[] {
  const { scenario, diagnostics } = parseScenario(readFileSync(join(dir, file), 'utf8'), file);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const recorded = JSON.parse(readFileSync(join(import.meta.dirname, 'results', file.replace('.yaml', '.json')), 'utf8'));
  const report = runScenario(scenario!, recorded, { calico });
  const bad = report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  for (const p of report.phases) {
    if (!p.converged) bad.push(`${p.name}: did not converge`);
    for (const f of p.facts) if (!f.ok) bad.push(`${p.name} ${f.device}: ${f.fact}: expected ${f.expected}, got ${f.actual}`);
  }
  const total = report.phases.reduce((a, p) => a + p.facts.length, 0);
  expect(total).toBeGreaterThan(20);
  return bad;
}

describe('conformance: engine with the harness rendering of Calico nodes', () => {
  for (const f of scenarios) it(f, () => expect(mismatches(f, 'harness')).toEqual([]));
});

describe.runIf(clusterFactory() !== undefined)('conformance: Calico layer + engine (what the lab runs)', () => {
  for (const f of scenarios) it(f, () => expect(mismatches(f, 'layer')).toEqual([]));
});
