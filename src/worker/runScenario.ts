/**
 * A scenario as a run: the scenario format satisfies the core's `RunPlan` (`sim/runPlan.ts`, where
 * building and running is written once), so this file only names it for the worker, and expands a
 * scenario's scheduled calls for an exported script.
 *
 * May import: sim (runtime), scenarios (types). May not import: ui, share, Worker globals.
 */
import { createSimulation, type Simulation } from '../sim/simulation.ts';
import { part } from '../sim/parts.ts';
import { prepareRun as preparePlan, runPlan, type RunOptions } from '../sim/runPlan.ts';
import type { Scenario } from '../scenarios/types.ts';

export type { RunOptions } from '../sim/runPlan.ts';

/** Creates the world and queues everything the scenario and the user asked for; runs nothing yet. */
export function prepareRun(scenario: Scenario, options: RunOptions = {}): Simulation {
  return preparePlan(scenario, options);
}

/**
 * The scenario's scripted writes and its generated traffic expanded, in the order the run makes them
 * (by time; at one instant, scripted before generated, as the queue orders them): what an exported
 * script replays. Traffic is drawn from the workload stream of a world with the same seed, exactly
 * as `prepareRun` draws it.
 */
export function scheduledCalls(scenario: Scenario, seed = scenario.seed): Array<{ at: number; target: string; input: Record<string, unknown> }> {
  const calls = scenario.writes.map((c) => ({ at: c.at, target: c.target, input: c.input }));
  if (scenario.traffic?.length) {
    const sim = createSimulation({ ...scenario.simulation, seed });
    // The traffic part (sim/parts.ts) is loaded: the run being exported was computed with it.
    for (const traffic of scenario.traffic) calls.push(...part('traffic').generateTraffic(traffic, sim.world.rng.workload));
  }
  return calls.map((c, i) => ({ c, i })).sort((a, b) => a.c.at - b.c.at || a.i - b.i).map(({ c }) => c);
}

/** Builds and runs a scenario to its end (or `untilMs`). */
export function buildRun(scenario: Scenario, options: RunOptions = {}): Promise<Simulation> {
  return runPlan(scenario, options);
}
