import { describe, expect, it } from 'vitest';
import { scenarios } from './catalogue.ts';
import { loadScenario, scenarioIds } from './lazyCatalogue.ts';

describe('lazyCatalogue', () => {
  it('has the catalogue\'s ids in its order, each loading the very same scenario', async () => {
    expect(scenarioIds).toEqual(scenarios.map((s) => s.id));
    for (const s of scenarios) expect(await loadScenario(s.id)).toBe(s);
  });

  it('gives undefined for an unknown id, including Object.prototype names', () => {
    expect(loadScenario('nope')).toBeUndefined();
    expect(loadScenario('constructor')).toBeUndefined();
  });
});
