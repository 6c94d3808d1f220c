/**
 * A scenario's scheduled calls, expanded for an exported script (./bridgeRuns.ts, in the export's
 * chunk): apart from ./runScenario.ts so that the worker's core does not carry it.
 *
 * May import: sim (runtime), scenarios (types). May not import: ui, share, Worker globals.
 */
import { createSimulation } from '../sim/simulation.ts';
import { part } from '../sim/parts.ts';
import type { Scenario } from '../scenarios/types.ts';

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
