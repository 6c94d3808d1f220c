/**
 * Builds a run from a scenario: a simulation with the scenario's settings and seed, its setup calls
 * at time 0, its scripted calls, its consumers and every intervention (the scenario's own, then the
 * user's), run to the scenario's end. The run is a function of (scenario, seed, interventions):
 * the worker host, the Node CLI and the tests all build runs here, so they replay alike.
 *
 * May import: sim (runtime), scenarios (types). May not import: ui, share, Worker globals.
 */
import { createSimulation, type Simulation } from '../sim/index.ts';
import { generateTraffic } from '../sim/workload.ts';
import type { Intervention } from '../sim/faults/intervention.ts';
import { disposeUserCode, useUserCodeSandbox } from '../sim/usercode/index.ts';
import { isUserCodeError, type UserCodeSandbox } from '../sim/usercode/types.ts';
import type { Scenario } from '../scenarios/types.ts';

export class ScenarioRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'invalid-scenario';
  }
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Added after the scenario's own interventions, in order. */
  interventions?: readonly Intervention[];
  /** Run only up to this time (default: the scenario's end). */
  untilMs?: number;
  /** Runs consumers' own code (the browser's nested worker, or node:vm in tests); none: such consumers fail to start. */
  sandbox?: UserCodeSandbox;
}

/** Creates the world and queues everything the scenario and the user asked for; runs nothing yet. */
export function prepareRun(scenario: Scenario, options: RunOptions = {}): Simulation {
  const sim = createSimulation({ ...scenario.simulation, seed: options.seed ?? scenario.seed });
  if (options.sandbox) useUserCodeSandbox(sim.world, options.sandbox);
  for (const call of scenario.setup) {
    try {
      sim.call(call.target, call.input, call.region);
    } catch (e) {
      // A setup call that fails is a bug in the scenario, not a lesson: say which call.
      throw new ScenarioRunError(`${scenario.id}: setup call ${call.target} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const spec of scenario.consumers ?? []) {
    try {
      sim.consumers.add(spec);
    } catch (e) {
      const where = isUserCodeError(e) && e.line !== undefined ? ` (line ${e.line}, column ${e.column ?? 1})` : '';
      throw new ScenarioRunError(`${scenario.id}: consumer ${spec.id} could not start: ${e instanceof Error ? e.message : String(e)}${where}`);
    }
  }
  for (const call of scenario.writes) {
    if (call.at > scenario.durationMs) throw new ScenarioRunError(`${scenario.id}: a call at ${call.at} ms is after the end (${scenario.durationMs} ms)`);
    sim.schedule(call.at, call.target, call.input, call.region);
  }
  for (const traffic of scenario.traffic ?? []) {
    if (traffic.toMs > scenario.durationMs) throw new ScenarioRunError(`${scenario.id}: generated traffic runs to ${traffic.toMs} ms, after the end (${scenario.durationMs} ms)`);
    // The workload stream is the world's own, so the same seed always expands to the same writes.
    for (const call of generateTraffic(traffic, sim.world.rng.workload)) sim.schedule(call.at, call.target, call.input);
  }
  for (const i of [...(scenario.interventions ?? []), ...(options.interventions ?? [])]) {
    if (i.at > scenario.durationMs) throw new ScenarioRunError(`${scenario.id}: an intervention at ${i.at} ms is after the end (${scenario.durationMs} ms)`);
    sim.intervene(i);
  }
  return sim;
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
    for (const traffic of scenario.traffic) calls.push(...generateTraffic(traffic, sim.world.rng.workload));
  }
  return calls.map((c, i) => ({ c, i })).sort((a, b) => a.c.at - b.c.at || a.i - b.i).map(({ c }) => c);
}

/** Builds and runs a scenario to its end (or `untilMs`). */
export async function buildRun(scenario: Scenario, options: RunOptions = {}): Promise<Simulation> {
  await options.sandbox?.prepare?.();
  const sim = prepareRun(scenario, options);
  const end = Math.min(options.untilMs ?? scenario.durationMs, scenario.durationMs);
  try {
    await sim.advanceTo(end);
  } finally {
    // User code runs only while the run is computed: its sandboxes go with it.
    disposeUserCode(sim.world);
  }
  if (end === scenario.durationMs) sim.finalChecks();
  return sim;
}
