/**
 * "Build and run a scenario", written once. A `RunPlan` is what a scenario asks of the core (its
 * settings, setup calls at time 0, consumers, scripted calls, generated traffic, interventions and
 * end), as plain data: the scenario format (`src/scenarios`) satisfies it without the core knowing
 * that format. The worker host, the Node CLI, the tests and the property kits all build runs here,
 * so they replay alike: trace = run(plan, seed, interventions). A run forked from a world snapshot
 * goes on in `runFork.ts`.
 */
import { createSimulation, type Simulation } from './simulation.ts';
import { moduleState } from './world.ts';
import type { SimulationOptions } from './options.ts';
import type { ConsumerSpec } from './consumers/spec.ts';
import type { Intervention } from './faults/intervention.ts';
import type { GeneratedTraffic } from './workload.ts';
import { part } from './parts.ts';
import { disposeUserCode, useUserCodeSandbox } from './usercode/index.ts';
import { isUserCodeError, type UserCodeSandbox } from './usercode/types.ts';

export interface PlannedCall {
  target: string;
  input: unknown;
  /** The Region whose endpoint the call goes to; absent for the home Region. */
  region?: string;
}

export interface RunPlan {
  /** Names the plan in error messages. */
  id: string;
  seed: number;
  durationMs: number;
  simulation?: Omit<SimulationOptions, 'seed'>;
  setup: readonly PlannedCall[];
  consumers?: readonly ConsumerSpec[];
  writes: ReadonlyArray<PlannedCall & { at: number }>;
  traffic?: readonly GeneratedTraffic[];
  interventions?: readonly Intervention[];
}

export interface RunOptions {
  /** Overrides the plan's seed. */
  seed?: number;
  /** Added after the plan's own interventions, in order. */
  interventions?: readonly Intervention[];
  /** Run only up to this time (default: the plan's end). */
  untilMs?: number;
  /** Runs consumers' own code (the browser's nested worker, or node:vm in tests); none: such consumers fail to start. */
  sandbox?: UserCodeSandbox;
}

/** A plan the core cannot build (a failing setup call, a call after the end). Named like the host's error kind. */
export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'invalid-scenario';
  }
}

/** Creates the world and queues everything the plan and the user asked for; runs nothing yet. */
export function prepareRun(plan: RunPlan, options: RunOptions = {}): Simulation {
  const sim = createSimulation({ ...plan.simulation, seed: options.seed ?? plan.seed });
  if (options.sandbox) useUserCodeSandbox(sim.world, options.sandbox);
  for (const call of plan.setup) {
    try {
      sim.call(call.target, call.input, call.region);
    } catch (e) {
      // A setup call that fails is a bug in the scenario, not a lesson: say which call.
      throw new PlanError(`${plan.id}: setup call ${call.target} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  for (const spec of plan.consumers ?? []) {
    try {
      sim.consumers.add(spec);
    } catch (e) {
      const where = isUserCodeError(e) && e.line !== undefined ? ` (line ${e.line}, column ${e.column ?? 1})` : '';
      throw new PlanError(`${plan.id}: consumer ${spec.id} could not start: ${e instanceof Error ? e.message : String(e)}${where}`);
    }
  }
  for (const call of plan.writes) {
    if (call.at > plan.durationMs) throw new PlanError(`${plan.id}: a call at ${call.at} ms is after the end (${plan.durationMs} ms)`);
    sim.schedule(call.at, call.target, call.input, call.region);
  }
  for (const traffic of plan.traffic ?? []) {
    if (traffic.toMs > plan.durationMs) throw new PlanError(`${plan.id}: generated traffic runs to ${traffic.toMs} ms, after the end (${plan.durationMs} ms)`);
    // The workload stream is the world's own, so the same seed always expands to the same writes.
    // A part (`parts.ts`): `partsFor` names it for a plan with traffic.
    for (const call of part('traffic').generateTraffic(traffic, sim.world.rng.workload)) sim.schedule(call.at, call.target, call.input);
  }
  const user = options.interventions ?? [];
  for (const i of [...(plan.interventions ?? []), ...user]) {
    if (i.at > plan.durationMs) throw new PlanError(`${plan.id}: an intervention at ${i.at} ms is after the end (${plan.durationMs} ms)`);
    sim.intervene(i);
  }
  // Where the user's interventions sit in the queue's order, for `forkRun` (`runFork.ts`).
  Object.assign(userInterventions(sim), { lastSeq: sim.world.queue.pushed - 1, nextRunTimeSeq: sim.world.queue.pushed });
  return sim;
}

/** Sequence numbers around the user's interventions; a module of the world, so snapshots carry it. */
export function userInterventions(sim: Simulation): { lastSeq: number; nextRunTimeSeq: number } {
  return moduleState(sim.world, 'run-plan', () => ({ lastSeq: -1, nextRunTimeSeq: 0 }));
}

/**
 * Runs a prepared simulation to `endMs` (never past the plan's end) by `advance`, which the host
 * replaces with slices that yield to its messages; then frees the user's code and, at the plan's
 * end, runs the end-of-run checks.
 */
export async function finishRun(sim: Simulation, plan: Pick<RunPlan, 'durationMs'>, endMs = plan.durationMs, advance: (sim: Simulation, endMs: number) => Promise<void> = (s, end) => s.advanceTo(end)): Promise<Simulation> {
  const end = Math.min(endMs, plan.durationMs);
  try {
    await advance(sim, end);
  } finally {
    // User code runs only while the run is computed: its sandboxes go with it.
    disposeUserCode(sim.world);
  }
  if (end === plan.durationMs) sim.finalChecks();
  return sim;
}

/** Builds and runs a plan to its end (or `untilMs`). */
export async function runPlan(plan: RunPlan, options: RunOptions = {}): Promise<Simulation> {
  await options.sandbox?.prepare?.();
  return finishRun(prepareRun(plan, options), plan, options.untilMs);
}
