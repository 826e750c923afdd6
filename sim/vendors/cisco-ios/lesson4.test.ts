// Lesson 4 (the cluster and the Catalyst core switch) on the real lesson lab: the published
// switch config loads cleanly, the show commands render from the simulated network, and every
// exercise's published solution typed on the terminal passes its checks.
// Regenerate goldens: UPDATE_GOLDEN=1 npx vitest run sim/vendors/cisco-ios/lesson4.test.ts

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../cli/golden.test.ts';
import { REPO, lessonLab, run, solve } from '../frr/lesson-transcript.ts';

const here = new URL('.', import.meta.url).pathname;
const LESSON = '04-core-switch';

describe('lesson 4 on the real lab', () => {
  it('core-sw screens (golden)', () => {
    const { lab, diagnostics } = lessonLab(LESSON);
    expect(diagnostics).toEqual([]);
    const out = run(lab!, [
      ['core-sw', 'enable'],
      ['core-sw', 'show ip bgp summary'],
      ['core-sw', 'show ip bgp'],
      ['core-sw', 'show ip bgp 172.15.190.0'],
      ['core-sw', 'show ip route'],
      ['core-sw', 'show ip route 172.15.190.2'],
      ['core-sw', 'show ip interface brief'],
      ['core-sw', 'show vlan brief'],
      ['core-sw', 'ping 172.15.190.2'],
      ['core-sw', 'traceroute 172.15.190.2'],
      ['core-sw', 'show running-config | section bgp'],
    ]);
    expect(out).toMatch(/^192\.168\.83\.36 .* \d+$/m);
    expectGolden(join(here, 'testdata', 'lesson4-screens.golden.txt'), out);
  });

  const exercises = readdirSync(join(REPO, 'content', 'lessons', LESSON, 'exercises')).map((f) => f.replace(/\.yaml$/, ''));
  it.each(exercises)('exercise %s: the typed solution passes every check', (ex) => {
    const { lab, diagnostics } = lessonLab(LESSON, ex);
    expect(diagnostics).toEqual([]);
    const { failed, transcript } = solve(lab!);
    expect(transcript).not.toMatch(/^% /m);
    expect(failed).toEqual([]);
  });
});
