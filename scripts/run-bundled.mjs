// Runs a TypeScript entry point bundled by esbuild (no keepNames helpers, like the browser
// build), so benchmarks measure the simulator rather than the TypeScript loader.
// Usage: node scripts/run-bundled.mjs <entry.ts> [args…]
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join, basename } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
const outdir = join('node_modules', '.cache', 'bundled');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, basename(entry).replace(/\.ts$/, '.mjs'));
await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning', packages: 'external' });
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(join(process.cwd(), outfile)).href);
