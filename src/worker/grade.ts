/**
 * Grading a challenge attempt: the learner's code and settings run on the challenge's visible run
 * and on every hidden variant, each built and run as every run is (`sim/runPlan.ts`) but apart from
 * the loaded run, and each judged against the challenge's goals (`challenges/judge.ts`). The learner's
 * code runs in the injected sandbox (the browser's nested module worker; `node:vm` in tests), never
 * anywhere else.
 *
 * No Worker or DOM globals: the host calls it in the worker, the unit tests and the bench in Node.
 * May import: sim, scenarios, challenges, ./inputs.ts, ./runScenario.ts, ./parts.ts, protocol types.
 */
import { consumerCounters } from '../sim/consumers/counters.ts';
import { finishRun } from '../sim/runPlan.ts';
import type { Simulation } from '../sim/index.ts';
import type { UserCodeSandbox } from '../sim/usercode/types.ts';
import type { CountersOf } from '../scenarios/claims.ts';
import { checkAttempt, runSpec, type RunSpec } from '../challenges/attempt.ts';
import { judgeRun, type GoalFailure } from '../challenges/judge.ts';
import type { Challenge } from '../challenges/schema.ts';
import { prepareInputs, resolveSource } from './inputs.ts';
import { prepareRun } from './runScenario.ts';
import { loadPartsFor } from './parts.ts';

/** One variant's grade. `hidden`: not the run the learner sees before grading. */
export interface VariantGrade {
  id: string;
  label: string;
  hidden: boolean;
  passed: boolean;
  traceHash: string;
}

/** The first failure of a grade: the goal, the variant it broke in, and the run to show it in. */
export type GradeFailure = GoalFailure & { variant: string; variantLabel: string; hidden: boolean; run: RunSpec };

export interface GradeResult {
  challengeId: string;
  passed: boolean;
  /** Every variant that ran, in the challenge's order (the visible run first). */
  variants: VariantGrade[];
  failure?: GradeFailure;
  /** The attempt could not be run at all (a setting not allowed, code that does not parse): why. */
  refused?: string;
}

/** Sent between variants. */
export interface GradeProgress {
  done: number;
  total: number;
  variant: string;
}

export interface GradeOptions {
  sandbox?: UserCodeSandbox;
  onProgress?: (p: GradeProgress) => void;
  /** Runs a prepared simulation to its end; the host passes slices that yield to its messages. */
  advance?: (sim: Simulation, endMs: number) => Promise<void>;
}

const countersOf: CountersOf = (trace, consumer) => consumerCounters(trace, consumer) as unknown as ReturnType<CountersOf>;

/** The simulation of one run of a grade, computed to its end. */
async function runOne(spec: RunSpec, options: GradeOptions): Promise<Simulation> {
  const source = { id: spec.scenarioId, edits: spec.edits };
  await prepareInputs(source, []);
  const { scenario } = resolveSource(source);
  const sandbox = scenario.consumers?.some((c) => c.handler.code !== undefined) ? options.sandbox : undefined;
  await Promise.all([loadPartsFor(scenario), sandbox?.prepare?.()]);
  const sim = prepareRun(scenario, { seed: spec.seed ?? scenario.seed, ...(sandbox ? { sandbox } : {}) });
  return finishRun(sim, scenario, scenario.durationMs, options.advance);
}

/**
 * Grades `rawAttempt` (checked against the challenge first) on every variant. Every variant runs,
 * so a pass lists them all and a failure still says which others held; the failure reported is the
 * first variant's (the visible run before the hidden ones).
 */
export async function gradeAttempt(challenge: Challenge, rawAttempt: unknown, options: GradeOptions = {}): Promise<GradeResult> {
  const checked = checkAttempt(challenge, rawAttempt);
  if (!checked.ok) return { challengeId: challenge.id, passed: false, variants: [], refused: checked.message };
  const variants: VariantGrade[] = [];
  let failure: GradeFailure | undefined;
  for (const [i, variant] of challenge.variants.entries()) {
    options.onProgress?.({ done: i, total: challenge.variants.length, variant: variant.label });
    const spec = runSpec(challenge, variant, checked.attempt);
    let sim: Simulation;
    try {
      sim = await runOne(spec, options);
    } catch (e) {
      // A run the core cannot build (code that does not parse, a consumer that cannot start) is the attempt's fault.
      return { challengeId: challenge.id, passed: false, variants, refused: e instanceof Error ? e.message : String(e) };
    }
    const broke = judgeRun(challenge.goals, sim.trace, countersOf);
    const hidden = variant.id !== 'visible';
    variants.push({ id: variant.id, label: variant.label, hidden, passed: !broke, traceHash: sim.traceHash() });
    if (broke && !failure) failure = { ...broke, variant: variant.id, variantLabel: variant.label, hidden, run: spec };
  }
  options.onProgress?.({ done: challenge.variants.length, total: challenge.variants.length, variant: '' });
  return { challengeId: challenge.id, passed: !failure, variants, ...(failure ? { failure } : {}) };
}
