// Lesson 6 (AS per rack, Huawei R1/R2 from the eNSP lab) on the real lesson lab: the published
// configs load without diagnostics, the display commands the lesson names render from the
// simulated network, and every exercise's published solution typed on the terminal passes.
// Regenerate goldens: UPDATE_GOLDEN=1 npx vitest run sim/vendors/huawei-vrp/lesson6.test.ts

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../cli/golden.test.ts';
import { REPO, lessonLab, run, solve } from '../frr/lesson-transcript.test.ts';

const here = new URL('.', import.meta.url).pathname;
const LESSON = '06-as-per-rack';

describe('lesson 6 on the real lab', () => {
  it('R1/R2 screens (golden)', () => {
    const { lab, diagnostics } = lessonLab(LESSON);
    expect(diagnostics).toEqual([]);
    const out = run(lab!, [
      ['R1', 'display bgp peer'],
      ['R1', 'display bgp routing-table'],
      ['R1', 'display ip routing-table'],
      ['R1', 'display ip routing-table protocol bgp'],
      ['R1', 'display bgp routing-table 10.244.107.192'],
      ['R1', 'display bgp routing-table peer 192.168.219.10 received-routes'],
      ['R1', 'display bgp routing-table peer 192.168.219.10 advertised-routes'],
      ['R1', 'display ip interface brief'],
      ['R1', 'tracert 192.168.219.20'],
      ['R1', 'ping -a 10.30.81.118 10.244.107.193'],
      ['R2', 'display bgp peer'],
      ['R2', 'display bgp routing-table'],
      ['R2', 'ping 10.30.81.118'],
      ['R2', 'ping -a 20.20.20.20 10.30.81.127'],
      ['R2', 'system-view'],
      ['R2', 'bgp 64513'],
      ['R2', 'display this'],
      ['R2', 'return'],
      ['R2', 'display current-configuration configuration bgp'],
    ]);
    expect(out).toMatch(/Peers in established state : 4/);
    expectGolden(join(here, 'testdata', 'lesson6-screens.golden.txt'), out);
  });

  const exercises = readdirSync(join(REPO, 'content', 'lessons', LESSON, 'exercises')).map((f) => f.replace(/\.yaml$/, ''));
  it.each(exercises)('exercise %s: the typed solution passes every check', (ex) => {
    const { lab, diagnostics } = lessonLab(LESSON, ex);
    expect(diagnostics).toEqual([]);
    const { failed, transcript } = solve(lab!);
    expect(transcript).not.toMatch(/Error:/);
    expect(failed).toEqual([]);
  });

  it('configure-r1 typed on the terminal (golden)', () => {
    const { lab } = lessonLab(LESSON, 'configure-r1');
    const { transcript } = solve(lab!);
    const after = run(lab!, [
      ['R1', 'display bgp peer'],
      ['R1', 'display current-configuration configuration bgp'],
    ]);
    expectGolden(join(here, 'testdata', 'lesson6-configure-r1.golden.txt'), transcript + after);
  });
});
