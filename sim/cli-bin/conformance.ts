// npm run conformance -- [folder] [--verbose] [--only NAME]
// Runs every scenario in <folder>/scenarios against <folder>/results/<name>.json and prints a
// per-scenario, per-fact report. Exit code 1 on any mismatch.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, basename, extname } from 'node:path';
import '../index.ts';
import { parseScenario } from '../conformance/scenario.ts';
import { runScenario } from '../conformance/run.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const harness = args.includes('--harness-calico');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
const folder = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--only') ?? 'tests/conformance';

const scenDir = existsSync(join(folder, 'scenarios')) ? join(folder, 'scenarios') : folder;
const resDir = existsSync(join(folder, 'results')) ? join(folder, 'results') : folder;
const files = readdirSync(scenDir).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.startsWith('.')).sort();
let failed = 0;
let passed = 0;
let facts = 0;
let factFails = 0;
for (const f of files) {
  const name = basename(f, extname(f));
  if (only && name !== only) continue;
  const resPath = join(resDir, `${name}.json`);
  if (!existsSync(resPath) || resDir === scenDir && f.endsWith('.json')) continue;
  const { scenario, diagnostics } = parseScenario(readFileSync(join(scenDir, f), 'utf8'), f);
  if (!scenario) {
    console.log(`✗ ${name}: ${diagnostics.map(formatDiagnostic).join('; ')}`);
    failed++;
    continue;
  }
  const report = runScenario(scenario, JSON.parse(readFileSync(resPath, 'utf8')), harness ? { calico: 'harness' } : {});
  const n = report.phases.reduce((a, p) => a + p.facts.length, 0);
  const bad = report.phases.reduce((a, p) => a + p.facts.filter((x) => !x.ok).length, 0);
  facts += n;
  factFails += bad;
  console.log(`${report.ok ? '✓' : '✗'} ${name}: ${n - bad}/${n} facts match`);
  for (const d of report.diagnostics) console.log(`    ${formatDiagnostic(d)}`);
  for (const p of report.phases) {
    const pbad = p.facts.filter((x) => !x.ok);
    console.log(`  phase ${p.name}: ${p.facts.length - pbad.length}/${p.facts.length}${p.converged ? '' : ' (did not converge)'}`);
    for (const x of verbose ? p.facts : pbad) {
      console.log(`    ${x.ok ? 'ok ' : 'BAD'} ${x.device}: ${x.fact}: expected ${x.expected || '(none)'}${x.ok ? '' : `, got ${x.actual || '(none)'}`}`);
    }
  }
  if (report.ok) passed++;
  else failed++;
}
console.log(`\n${passed} scenario(s) match, ${failed} differ; ${facts - factFails}/${facts} facts match`);
process.exit(failed > 0 ? 1 : 0);
