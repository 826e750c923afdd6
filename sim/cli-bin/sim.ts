// npm run sim -- <lesson folder> [--exercise ID] [-c "DEVICE: command"]… [--json] [--wait SECONDS]
// Loads a lab headless, runs commands on its devices and prints the screens; --json dumps
// sessions, BGP tables, FIBs and the last probe trace for every device instead.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLab } from '../index.ts';
import { readLessonFiles } from '../lab/lesson-files.ts';
import { formatDiagnostic } from '../core/diagnostics.ts';
import { formatIp, formatPrefix } from '../core/ip.ts';

const args = process.argv.slice(2);
let folder: string | undefined;
let exercise: string | undefined;
let json = false;
let wait = 0;
const commands: [string, string][] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--exercise') exercise = args[++i];
  else if (a === '--json') json = true;
  else if (a === '--wait') wait = Number(args[++i]);
  else if (a === '-c' || a === '--command') {
    const c = args[++i] ?? '';
    const idx = c.indexOf(':');
    if (idx > 0) commands.push([c.slice(0, idx).trim(), c.slice(idx + 1).trim()]);
  } else folder = a;
}
if (!folder) {
  console.error('usage: npm run sim -- content/lessons/01-why-bgp [--exercise fix-remote-as] [-c "R2: show bgp summary"]… [--json]');
  process.exit(2);
}
if (existsSync(folder) && !statSync(folder).isDirectory()) folder = dirname(folder);
const { lab, diagnostics } = createLab({ files: readLessonFiles(folder), ...(exercise ? { exercise } : {}) });
for (const d of diagnostics) console.error(formatDiagnostic(d));
if (!lab) process.exit(1);
if (wait > 0) lab.wait(wait);
for (const [device, line] of commands) {
  const prompt = lab.prompt(device);
  const r = lab.exec(device, line);
  if (!json) console.log(`${prompt}${line}\n${r.output}`);
}
if (json) {
  const q = lab.query();
  const dump = q.deviceNames().map((name) => ({
    name,
    sessions: q.sessions(name).map((s) => ({ name: s.name, peer: formatIp(s.peer), state: s.state, reason: s.reason, lastError: s.lastError })),
    bgp: q.bgpRoutes(name).map((e) => ({
      prefix: formatPrefix(e.prefix),
      paths: e.paths.map((p) => ({ best: p.best, source: p.source, nextHop: formatIp(p.attrs.nextHop), asPath: p.attrs.asPath, reason: p.reason?.text })),
    })),
    fib: q.fib(name).map((f) => ({ dst: formatPrefix(f.prefix), type: f.type, proto: f.proto, nexthops: f.nexthops.map((n) => ({ ...(n.gateway !== undefined ? { gateway: formatIp(n.gateway) } : {}), dev: n.dev })) })),
  }));
  console.log(JSON.stringify({ time: lab.time(), devices: dump, lastTrace: lab.lastTrace(), checks: lab.grade() }, null, 2));
}
