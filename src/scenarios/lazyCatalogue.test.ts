import { readFileSync } from 'node:fs';
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

  it('fetches the shared builders (helpers.ts, a chunk of its own in the worker) beside exactly the scenarios whose module imports them, and the default one imports none', () => {
    const source = readFileSync(new URL('./lazyCatalogue.ts', import.meta.url), 'utf8');
    const entries = [...source.matchAll(/\['([\w-]+)', \[\[[^\]]*\], (withHelpers\()?\(\) => import\('\.\/(\w+)\.ts'\)/g)].map((m) => ({ id: m[1]!, withHelpers: m[2] !== undefined, file: m[3]! }));
    expect(entries.map((e) => e.id)).toEqual(scenarioIds);
    for (const e of entries) {
      const imports = /from '\.\/helpers\.ts'/.test(readFileSync(new URL(`./${e.file}.ts`, import.meta.url), 'utf8'));
      expect(e.withHelpers, e.id).toBe(imports);
    }
    expect(entries.find((e) => e.id === 'voting-booth')?.withHelpers).toBe(false);
  });
});
