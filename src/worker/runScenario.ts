/**
 * A scenario as a run: the scenario format satisfies the core's `RunPlan` (`sim/runPlan.ts`, where
 * building and running is written once), so this file only names it for the worker (an exported
 * script's calls: ./scheduledCalls.ts).
 *
 * May import: sim (runtime), scenarios (types). May not import: ui, share, Worker globals.
 */
import type { Simulation } from '../sim/simulation.ts';
import { prepareRun as preparePlan, runPlan, type RunOptions } from '../sim/runPlan.ts';
import type { Scenario } from '../scenarios/types.ts';

export type { RunOptions } from '../sim/runPlan.ts';

/** Creates the world and queues everything the scenario and the user asked for; runs nothing yet. */
export function prepareRun(scenario: Scenario, options: RunOptions = {}): Simulation {
  return preparePlan(scenario, options);
}

/** Builds and runs a scenario to its end (or `untilMs`). */
export function buildRun(scenario: Scenario, options: RunOptions = {}): Promise<Simulation> {
  return runPlan(scenario, options);
}
