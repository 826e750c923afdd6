// Lessons 4 and 5 (the cluster and the Catalyst core switch) on the real lesson labs: the published
// switch config loads cleanly, the show commands render from the simulated network, and every
// exercise's published solution typed on the terminal passes its checks.
// Regenerate goldens: UPDATE_GOLDEN=1 npx vitest run sim/vendors/cisco-ios/lessons.test.ts

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../cli/golden.test.ts';
import { REPO, lessonLab, run, solve } from '../frr/lesson-transcript.test.ts';

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

  it('lesson 5: iBGP multipath on the switch (golden)', () => {
    const { lab, diagnostics } = lessonLab('05-service-advertisement', 'ecmp-at-the-switch');
    expect(diagnostics).toEqual([]);
    const { transcript } = solve(lab!);
    const out = run(lab!, [
      ['core-sw', 'show ip bgp'],
      ['core-sw', 'show ip route bgp'],
      ['core-sw', 'show ip route 172.16.0.1'],
      ['core-sw', 'show ip bgp 172.16.0.0'],
      ['core-sw', 'show ip route 172.15.32.1'],
      ['core-sw', 'show running-config | section bgp'],
    ]);
    expectGolden(join(here, 'testdata', 'lesson5-ecmp.golden.txt'), transcript + out);
  });

  const exercises = ['04-core-switch', '05-service-advertisement'].flatMap((l) =>
    readdirSync(join(REPO, 'content', 'lessons', l, 'exercises')).map((f) => [l, f.replace(/\.yaml$/, '')] as const),
  );
  it.each(exercises)('%s exercise %s: the typed solution passes every check', (lesson, ex) => {
    const { lab, diagnostics } = lessonLab(lesson, ex);
    expect(diagnostics).toEqual([]);
    const { failed, transcript } = solve(lab!);
    expect(transcript).not.toMatch(/^% /m);
    expect(failed).toEqual([]);
  });
});
