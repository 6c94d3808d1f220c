import { describe, expect, it } from 'vitest';
import { challenges } from './catalogue.ts';
import { CHALLENGE_LIST } from './list.ts';
import { scenarioIds } from '../scenarios/lazyCatalogue.ts';

describe('the challenge catalogue', () => {
  it('has at least eight challenges with unique ids, each on a built-in scenario', () => {
    expect(challenges.length).toBeGreaterThanOrEqual(8);
    expect(new Set(challenges.map((c) => c.id)).size).toBe(challenges.length);
    for (const c of challenges) expect(scenarioIds, c.id).toContain(c.scenario);
  });

  it('the gallery\'s light list says the same as the catalogue, in the same order', () => {
    expect(CHALLENGE_LIST).toEqual(challenges.map((c) => ({ id: c.id, title: c.title, teaches: c.teaches, mode: c.allow.code ? 'code' : 'settings' })));
  });

  it('every wrong attempt names a goal that exists, and settings challenges offer their start and solution values', () => {
    for (const c of challenges) {
      expect(c.wrong.breaks, c.id).toBeLessThan(c.goals.length);
      expect(c.hints.length, c.id).toBeGreaterThan(0);
    }
  });
});
