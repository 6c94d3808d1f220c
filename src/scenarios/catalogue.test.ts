// Scenario data sanity until the zod schema arrives: ids unique, calls in time order, inside the run.
import { describe, expect, it } from 'vitest';
import { defaultScenarioId, findScenario, scenarios } from './catalogue.ts';

describe('catalogue', () => {
  it('has unique kebab-case ids and a default that exists', () => {
    const ids = scenarios.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(findScenario(defaultScenarioId)).toBeDefined();
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s: scripted calls are in time order within the run', (_id, s) => {
    const times = s.writes.map((w) => w.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => t >= 0 && t <= s.durationMs)).toBe(true);
    expect(Number.isSafeInteger(s.seed)).toBe(true);
  });
});
