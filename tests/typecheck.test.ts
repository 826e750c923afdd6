// The simulator's purity is enforced by the compiler: sim/tsconfig.json has no DOM lib and no
// Node types, so any use of the DOM, of Node APIs or of site code fails here.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('typecheck', () => {
  it('sim/ compiles without DOM or Node types', { timeout: 240_000 }, () => {
    let output = '';
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'sim/tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output).toBe('');
  });
});
