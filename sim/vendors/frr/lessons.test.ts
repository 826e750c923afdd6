// FRR on the real lesson labs (lesson 1: two routers; lesson 7: ToR/spine fabric): published
// configs load cleanly, the show commands the lessons name render from the simulated network,
// and every exercise's published solution typed on the terminal passes its checks.
// Regenerate goldens: UPDATE_GOLDEN=1 npx vitest run sim/vendors/frr/lessons.test.ts

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../cli/golden.test.ts';
import { REPO, lessonLab, run, solve } from './lesson-transcript.test.ts';

const here = new URL('.', import.meta.url).pathname;

const exercisesOf = (lesson: string): string[] => readdirSync(join(REPO, 'content', 'lessons', lesson, 'exercises')).map((f) => f.replace(/\.yaml$/, ''));

describe('lesson 1 (two FRR routers)', () => {
  it('screens (golden)', () => {
    const { lab, diagnostics } = lessonLab('01-why-bgp');
    expect(diagnostics).toEqual([]);
    const out = run(lab!, [
      ['R1', 'show bgp ipv4 unicast summary'],
      ['R2', 'show ip bgp'],
      ['R2', 'show ip route'],
      ['R2', 'show bgp ipv4 unicast 192.0.2.1/32'],
      ['R1', 'show running-config'],
    ]);
    expectGolden(join(here, 'testdata', 'lesson1-screens.golden.txt'), out);
  });
  it.each(exercisesOf('01-why-bgp'))('exercise %s: the typed solution passes', (ex) => {
    const { lab, diagnostics } = lessonLab('01-why-bgp', ex);
    expect(diagnostics).toEqual([]);
    const { failed, transcript } = solve(lab!);
    expect(transcript).not.toMatch(/^% /m);
    expect(failed).toEqual([]);
  });
});

describe('lesson 7 (ToR eBGP and route filtering)', () => {
  it('screens (golden)', () => {
    const { lab, diagnostics } = lessonLab('07-tor-ebgp');
    expect(diagnostics).toEqual([]);
    const out = run(lab!, [
      ['tor-a', 'show bgp ipv4 unicast summary'],
      ['tor-a', 'show bgp ipv4 unicast'],
      ['tor-a', 'show bgp ipv4 unicast 10.244.20.0/26'],
      ['tor-a', 'show ip route bgp'],
      ['tor-a', 'show bgp ipv4 unicast neighbors 10.0.20.11 received-routes'],
      ['tor-a', 'show ip prefix-list'],
      ['tor-a', 'show route-map ACCEPT-K8S'],
      ['spine1', 'show bgp ipv4 unicast summary'],
      ['spine1', 'show ip route'],
      ['edge', 'show bgp ipv4 unicast summary'],
      ['tor-b', 'show bgp ipv4 unicast summary json'],
    ]);
    expect(out).toMatch(/Total number of neighbors 4/);
    expectGolden(join(here, 'testdata', 'lesson7-screens.golden.txt'), out);
  });
  it.each(exercisesOf('07-tor-ebgp'))('exercise %s: the typed solution passes', (ex) => {
    const { lab, diagnostics } = lessonLab('07-tor-ebgp', ex);
    expect(diagnostics).toEqual([]);
    const { failed, transcript } = solve(lab!);
    expect(transcript).not.toMatch(/^% /m);
    expect(failed).toEqual([]);
  });
});

describe('lesson 9 (troubleshooting, FRR routers)', () => {
  it.each(exercisesOf('09-troubleshooting'))('exercise %s: the typed solution passes', (ex) => {
    const { lab, diagnostics } = lessonLab('09-troubleshooting', ex);
    expect(diagnostics).toEqual([]);
    const { failed } = solve(lab!);
    expect(failed).toEqual([]);
  });
});
