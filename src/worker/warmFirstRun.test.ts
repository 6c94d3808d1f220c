import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { warmFirstRun } from './warmFirstRun.ts';
import { SIM_WORKER_NAME } from './firstRun.ts';
import type { Scenario } from '../scenarios/types.ts';

describe('warmFirstRun', () => {
  it('starts the fetches of the run the worker’s name names (not the other scenarios’ builders), and for a plain name only those builders', () => {
    const loadScenario = vi.fn((_id: string): Promise<Scenario> | undefined => Promise.reject(new Error('offline')));
    const prefetchScenarioParts = vi.fn();
    const loadScenarioHelpers = vi.fn(() => Promise.reject(new Error('offline')));
    expect(warmFirstRun(`${SIM_WORKER_NAME} first-run=voting-booth`, { loadScenario, prefetchScenarioParts, loadScenarioHelpers })).toBe('voting-booth');
    expect(loadScenario).toHaveBeenCalledWith('voting-booth');
    expect(prefetchScenarioParts).toHaveBeenCalledWith('voting-booth');
    expect(loadScenarioHelpers).not.toHaveBeenCalled();
    loadScenario.mockClear();
    prefetchScenarioParts.mockClear();
    expect(warmFirstRun(SIM_WORKER_NAME, { loadScenario, prefetchScenarioParts, loadScenarioHelpers })).toBeUndefined();
    expect(loadScenario).not.toHaveBeenCalled();
    expect(prefetchScenarioParts).not.toHaveBeenCalled();
    expect(loadScenarioHelpers).toHaveBeenCalledTimes(1);
  });

  it('is the worker entry’s first import, so it evaluates before the rest of the core', () => {
    const firstImport = readFileSync('src/worker/sim.worker.ts', 'utf8').match(/^import\s[^;]*?['"]([^'"]+)['"]/m)?.[1];
    expect(firstImport).toBe('./warmFirstRun.ts');
  });
});
