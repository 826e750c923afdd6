// Reads a lesson folder's text files into the map createLab takes (Node-only helper for the
// headless tools and tests; the site embeds the same files at build time).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const TEXT = /\.(ya?ml|cfg|conf|txt|vrp|ios|frr|json)$/;

export function readLessonFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (TEXT.test(name)) out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}
