/**
 * Test kit: a scenario run to its end with world snapshots taken on the way, as the host takes
 * them for forks — shared by the fork tests (same hash as a recompute) and the forked-index tests.
 *
 * May import: sim run plan, ../runScenario.ts. May not import: ui.
 */
import type { Scenario } from '../../scenarios/types.ts';
import type { Intervention } from '../../sim/faults/intervention.ts';
import { finishRun } from '../../sim/runPlan.ts';
import type { Simulation, SimulationSnapshot } from '../../sim/simulation.ts';
import { NotForkableError } from '../../sim/snapshot.ts';
import { prepareRun } from '../runScenario.ts';

/** Runs `scenario` (with `interventions`) to its end, snapshotting at `cuts` (ms); null when the world cannot be copied. */
export async function runWithSnapshots(scenario: Scenario, cuts: number[], interventions?: Intervention[]): Promise<{ sim: Simulation; snapshots: SimulationSnapshot[] } | null> {
  const sim = prepareRun(scenario, interventions ? { interventions } : {});
  const snapshots: SimulationSnapshot[] = [];
  try {
    await finishRun(sim, scenario, scenario.durationMs, async (s, end) => {
      for (const cut of cuts) {
        if (cut >= end) break;
        await s.advanceTo(cut);
        snapshots.push(s.snapshot());
      }
      await s.advanceTo(end);
    });
  } catch (e) {
    if (e instanceof NotForkableError) return null;
    throw e;
  }
  return { sim, snapshots };
}
