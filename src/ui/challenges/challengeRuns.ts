/**
 * Between a challenge and the runs the app shows: the visible run with the learner's attempt (what
 * the timeline shows while they work), the attempt read back from such a run's edits (an attempt
 * link carries just those), and the attempt link's payload. Part of the challenge panel's chunk.
 *
 * May import: challenges (data, attempt), share schema types, protocol types. May not import: worker runtime, React.
 */
import { runSpec } from '../../challenges/attempt.ts';
import type { Attempt, Challenge } from '../../challenges/schema.ts';
import type { ScenarioEdit } from '../../scenarios/edits.ts';
import type { LinkPayload } from '../../share/schema.ts';
import type { ScenarioSource } from '../../worker/protocol.ts';

/** The challenge's visible run with this attempt, as the worker loads it. */
export function visibleSource(challenge: Challenge, attempt: Attempt): Extract<ScenarioSource, { id: string }> {
  const spec = runSpec(challenge, challenge.variants[0]!, attempt);
  return { id: spec.scenarioId, edits: spec.edits };
}

/**
 * The attempt a visible run's edits hold: what follows the challenge's own edits — the allowed
 * settings (the last edit of a path wins) and the code edit. Undefined when the edits are not of
 * this challenge's visible run.
 */
export function attemptFromEdits(challenge: Challenge, edits: readonly ScenarioEdit[]): Attempt | undefined {
  const own = challenge.edits ?? [];
  if (edits.length < own.length || own.some((e, i) => JSON.stringify(e) !== JSON.stringify(edits[i]))) return undefined;
  const codePath = challenge.allow.code ? `consumers/${challenge.allow.code.consumer}/handler/code` : undefined;
  const settings = new Map<string, ScenarioEdit>();
  let code: string | undefined;
  for (const e of edits.slice(own.length)) {
    if (e.p === codePath && typeof e.v === 'string') code = e.v;
    else if (!codePath || !e.p.startsWith(`consumers/${challenge.allow.code!.consumer}/handler/`)) settings.set(e.p, e);
  }
  return { ...(code !== undefined ? { code } : {}), ...(settings.size > 0 ? { settings: [...settings.values()] } : {}) };
}

/** The attempt link's payload: the visible run with the attempt, and which challenge it is for. */
export function attemptPayload(challenge: Challenge, attempt: Attempt): LinkPayload {
  const source = visibleSource(challenge, attempt);
  return { v: 1, scenario: { id: source.id }, ...(source.edits?.length ? { edits: [...source.edits] } : {}), challenge: { id: challenge.id } };
}
