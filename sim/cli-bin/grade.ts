// npm run grade -- <lesson>/<exercise> [files…]
// Grades an exercise from files, headless: YAML files are applied like `calicoctl apply -f`,
// transcripts replay terminal lines. A transcript is either `<device>.cli` (one command per
// line) or any text file whose lines look like prompts: `R2# show bgp summary`,
// `R1(config)# router bgp 65001`, `[R1-bgp]peer …`, `root@node1:~# calicoctl get bgppeer`.
// Prints each check and exits 1 when any fails.
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { createLab } from '../index.ts';
import { readLessonFiles } from '../lab/lesson-files.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';

const [target, ...inputs] = process.argv.slice(2);
if (!target || !target.includes('/')) {
  console.error('usage: npm run grade -- <lesson>/<exercise> [answer.yaml] [R2.cli] [session.txt] …');
  process.exit(2);
}
const [lesson, exercise] = target.split('/') as [string, string];
const dir = join('content', 'lessons', lesson);
if (!existsSync(join(dir, 'lab.yaml'))) {
  console.error(`no lesson ${lesson} (looked in ${dir})`);
  process.exit(2);
}
const { lab, diagnostics } = createLab({ files: readLessonFiles(dir), exercise });
for (const d of diagnostics) console.error(formatDiagnostic(d));
if (!lab) process.exit(2);
const devices = new Set(lab.devices().map((d) => d.name));

// Prompt shapes of the CLIs: IOS/FRR "R1#", "R1(config-router)#", VRP "<R1>" / "[R1-bgp]", shells "root@n1:~#".
const PROMPT = /^(?:\[?([A-Za-z0-9_.-]+)(?:\([^)]*\))?[#>]|<([A-Za-z0-9_.-]+)>|\[([A-Za-z0-9_.-]+)(?:-[^\]]*)?\]|[a-z]+@([A-Za-z0-9_.-]+):[^#$]*[#$])\s?(.*)$/;

for (const input of inputs) {
  const text = readFileSync(input, 'utf8');
  const ext = extname(input);
  if (ext === '.yaml' || ext === '.yml') {
    const r = lab.apply(basename(input), text);
    console.log(`${basename(input)}: ${r.message}`);
    for (const d of r.diagnostics) console.log(`  ${formatDiagnostic(d)}`);
    continue;
  }
  const asDevice = basename(input, ext);
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim()) continue;
    if (ext === '.cli' && devices.has(asDevice)) {
      lab.exec(asDevice, line);
      continue;
    }
    const m = PROMPT.exec(line);
    const dev = m ? (m[1] ?? m[2] ?? m[3] ?? m[4]) : undefined;
    if (m && dev && devices.has(dev)) lab.exec(dev, m[5] ?? '');
  }
}
lab.settle();
let failed = 0;
for (const r of lab.grade()) {
  if (!r.pass) failed++;
  console.log(`${r.pass ? 'PASS' : 'FAIL'}  ${r.title}\n      ${r.reason}`);
}
console.log(`\n${lab.grade().length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
