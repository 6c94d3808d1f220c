/**
 * An attempt against its challenge: checked (only the settings the challenge allows, only their
 * allowed values; code only where the challenge asks for code) and turned into what a run needs —
 * the built-in scenario, the edits (the challenge's, then the variant's, then the learner's), the
 * seed, and the code that replaces the scenario's first consumer.
 *
 * May import: ./schema.ts, scenarios (edits types). May not import: sim runtime, worker, ui, share.
 */
import type { ScenarioEdit } from '../scenarios/edits.ts';
import { AttemptSchema, type AllowedSetting, type Attempt, type Challenge, type Variant } from './schema.ts';

/**
 * What one run of a grade is: a built-in scenario with edits (the learner's code among them, as the
 * handler of the consumer it replaces) and a seed (absent: the scenario's). The app loads the same
 * `{ id, edits }` to show a failing run, so what it shows is what was graded.
 */
export interface RunSpec {
  scenarioId: string;
  edits: ScenarioEdit[];
  seed?: number;
}

/** JSON with sorted keys, to compare a submitted value with an allowed one. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v));
}

/** The index of the allowed choice `value` is, or -1. */
export function choiceIndex(setting: AllowedSetting, value: unknown): number {
  const c = canonical(value);
  return setting.choices.findIndex((choice) => canonical(choice.value) === c);
}

/** The attempt, validated against the challenge, or the reason it is refused (in words). */
export function checkAttempt(challenge: Challenge, raw: unknown): { ok: true; attempt: Attempt } | { ok: false; message: string } {
  const parsed = AttemptSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: `The attempt is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(attempt)'}: ${i.message}`).join('; ')}` };
  const attempt = parsed.data;
  if (attempt.code !== undefined && !challenge.allow.code) return { ok: false, message: `${challenge.title} is solved with settings, not code.` };
  if (attempt.code === undefined && challenge.allow.code && challenge.start.code !== undefined) return { ok: false, message: 'This challenge grades your handler: the attempt has no code.' };
  const allowed = challenge.allow.settings ?? [];
  for (const edit of attempt.settings ?? []) {
    const setting = allowed.find((s) => s.path === edit.p);
    if (!setting) return { ok: false, message: `${edit.p} is not one of the settings this challenge lets you change (${allowed.map((s) => s.label).join(', ') || 'none'}).` };
    if (choiceIndex(setting, edit.v) < 0) return { ok: false, message: `${setting.label}: ${JSON.stringify(edit.v)} is not one of the values offered (${setting.choices.map((c) => c.label).join(', ')}).` };
  }
  return { ok: true, attempt };
}

/** The run a grade makes for one variant: the learner's settings go last, so a variant cannot undo them. */
export function runSpec(challenge: Challenge, variant: Variant, attempt: Attempt): RunSpec {
  return {
    scenarioId: challenge.scenario,
    edits: [...(challenge.edits ?? []), ...(variant.edits ?? []), ...(attempt.settings ?? []), ...codeEdits(challenge, attempt)],
    ...(variant.seed !== undefined ? { seed: variant.seed } : {}),
  };
}

/** The learner's code as edits: the consumer's handler becomes `user` with this code (the sandbox runs it). */
function codeEdits(challenge: Challenge, attempt: Attempt): ScenarioEdit[] {
  const target = challenge.allow.code?.consumer;
  if (!target || attempt.code === undefined) return [];
  return [
    { p: `consumers/${target}/handler/idempotency`, v: 'user' },
    { p: `consumers/${target}/handler/code`, v: attempt.code },
  ];
}

/** The value a setting has in an attempt (its edit), else in the challenge's start, else its first choice. */
export function settingValue(challenge: Challenge, attempt: Attempt, setting: AllowedSetting): unknown {
  const own = attempt.settings?.find((e) => e.p === setting.path) ?? challenge.start.settings?.find((e) => e.p === setting.path);
  return own ? own.v : setting.choices[0]!.value;
}
