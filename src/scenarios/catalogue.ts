/**
 * The built-in scenarios, in the order the picker shows them.
 *
 * Data only. May import: scenario files and ./types.ts. May not import sim, worker or ui at runtime.
 */
import type { Scenario } from './types.ts';
import { votingBooth } from './votingBooth.ts';

export const scenarios: readonly Scenario[] = [votingBooth];

export const defaultScenarioId = votingBooth.id;

/** The scenario with this id, or undefined (callers decide how to report an unknown id). */
export function findScenario(id: string): Scenario | undefined {
  return scenarios.find((s) => s.id === id);
}
