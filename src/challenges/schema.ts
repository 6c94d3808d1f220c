/**
 * The challenge format: an exercise the simulation grades. A challenge is data beside the scenarios —
 * a built-in scenario (plus settings edits), a goal (checks that must hold at the end of the run,
 * budgets on a consumer's counters, facts that must be seen), what the learner may change (their
 * handler code, a named set of settings, each with its allowed values), hints revealed one at a
 * time, and hidden variants (other seeds, fault schedules, workloads) that the grade runs too, so an
 * answer tuned to the visible run fails. Reference and wrong solutions live with it: the unit tests
 * grade them.
 *
 * May import: zod, scenarios (schema, edits), sim types. May not import: sim runtime, worker, ui, share.
 */
import { z } from 'zod';
import { CHECK_NAMES, COUNTER_FIELDS, EFFECT_FIELDS, FactMatchSchema, MAX_USER_CODE_CHARS } from '../scenarios/schema.ts';
import { ScenarioEditSchema, ScenarioEditsSchema } from '../scenarios/edits.ts';

// As in scenarios/schema.ts: the CSP forbids eval, so zod must not probe for `new Function`.
z.config({ jitless: true });

const bounds = {
  equals: z.number().int().min(0).optional(),
  atLeast: z.number().int().min(0).optional(),
  atMost: z.number().int().min(0).optional(),
};

/**
 * One thing that must be true at the end of every run the grade makes. `says` is the goal in the
 * learner's words, shown in the panel and in a failing grade.
 * - `check`: the invariant check never broke for the consumer (no `invariant-broken` fact).
 * - `counter`: a consumer counter (`sim/consumers/counters.ts`) within bounds at the end of the run,
 *   e.g. a budget of checkpoint writes.
 * - `seen`: how many facts match (default: at least one), e.g. the poison record reached the
 *   on-failure destination.
 * - `converged`: the global table's replicas hold the same items at the end (`replicas-converged`).
 */
export const GoalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('check'), says: z.string().max(300), consumer: z.string().max(32), check: z.enum(CHECK_NAMES) }),
  z.object({ kind: z.literal('counter'), says: z.string().max(300), consumer: z.string().max(32), field: z.enum([...COUNTER_FIELDS, ...EFFECT_FIELDS]), ...bounds }),
  z.object({ kind: z.literal('seen'), says: z.string().max(300), of: FactMatchSchema, ...bounds }),
  z.object({ kind: z.literal('converged'), says: z.string().max(300), table: z.string().max(255) }),
]);

/** A setting the learner may change: a path into the scenario (as an edit's) and the values it may take. */
export const AllowedSettingSchema = z.object({
  path: ScenarioEditSchema.shape.p,
  label: z.string().max(120),
  choices: z.array(z.object({ label: z.string().max(120), value: z.unknown() })).min(2).max(12),
});

/** What the learner submits: their handler code and/or setting edits. Travels in an attempt link. */
export const AttemptSchema = z
  .object({
    code: z.string().max(MAX_USER_CODE_CHARS).optional(),
    settings: ScenarioEditsSchema.optional(),
  })
  .strict();

/** A hidden (or the visible) run: another seed and/or edits to the challenge's scenario. */
export const VariantSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  /** What differs, in words ("the crash comes after the first vote"): shown once the variant ran. */
  label: z.string().max(200),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  edits: ScenarioEditsSchema.optional(),
});

export const ChallengeSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  title: z.string().max(120),
  /** What the challenge teaches, in one sentence. */
  teaches: z.string().max(300),
  /** The situation and the task, for the panel. */
  brief: z.string().max(1_500),
  /** The built-in scenario it starts from, and edits that set the exercise up. */
  scenario: z.string().max(64),
  edits: ScenarioEditsSchema.optional(),
  goals: z.array(GoalSchema).min(1).max(12),
  /**
   * What the learner may change: the handler code of one Lambda consumer (it runs in the user-code
   * sandbox in place of the built-in handler) and/or these settings.
   */
  allow: z.object({ code: z.object({ consumer: z.string().max(32) }).optional(), settings: z.array(AllowedSettingSchema).max(8).optional() }),
  /** The attempt the panel starts from (the naive template, the setting that fails). */
  start: AttemptSchema,
  hints: z.array(z.string().max(600)).min(1).max(6),
  /** The visible run first (id `visible`), then the hidden ones. */
  variants: z.array(VariantSchema).min(2).max(8),
  /** The reference solution, graded in the unit tests and behind a reveal on the instructor's page. */
  solution: AttemptSchema,
  /** Why the solution works, for the instructor's page. */
  explanation: z.string().max(1_200),
  /** A deliberately wrong attempt and the goal (index into `goals`) it must fail. */
  wrong: z.object({ attempt: AttemptSchema, breaks: z.number().int().min(0) }),
});

export type Goal = z.infer<typeof GoalSchema>;
export type Attempt = z.infer<typeof AttemptSchema>;
export type Variant = z.infer<typeof VariantSchema>;
export type AllowedSetting = z.infer<typeof AllowedSettingSchema>;
export type Challenge = z.infer<typeof ChallengeSchema>;
