/**
 * What a consumer's verdict line says for one check. A check can hold, be broken, wait for the end
 * of the run, or not apply: `exactly-once` is a promise only an idempotent handler makes, so for a
 * naive handler "exactly-once ✓ holds" beside "Harmful duplicates 1" would read as a contradiction.
 * There the line says the handler does not claim it, and points at the duplicates it did harm with.
 *
 * Pure. May import: nothing. May not import: React, worker runtime.
 */

export type VerdictKind = 'holds' | 'broken' | 'waiting' | 'not-claimed';

export interface Verdict {
  kind: VerdictKind;
  /** The mark beside the check's name. */
  mark: string;
  /** The state in words. */
  text: string;
}

export interface VerdictInput {
  /** When the check broke (and is not restored), if it did. */
  brokenAtMs?: number;
  /** The check is judged only at the end of the run, which the playhead has not reached. */
  waiting: boolean;
  /** The handler's idempotency mode from the scenario (`none` = naive), when known. */
  idempotency?: string;
  /** Redeliveries that changed a result, by the playhead. */
  harmfulDuplicates: number;
}

/** Checks that are promises only some handlers make: the check's name → does this handler make it? */
const CLAIMED: Record<string, (idempotency: string | undefined) => boolean> = {
  'exactly-once': (mode) => mode !== 'none',
};

export function verdictOf(check: string, input: VerdictInput, formatTime: (ms: number) => string): Verdict {
  if (input.brokenAtMs !== undefined) return { kind: 'broken', mark: '✗', text: `broken at ${formatTime(input.brokenAtMs)}` };
  const claimed = CLAIMED[check];
  // A naive handler's run can still have had no duplicate (at-most-once checkpoints first): then the
  // check's own verdict stands; once a redelivery did harm, the line says what the handler lacks.
  if (claimed && !claimed(input.idempotency) && input.harmfulDuplicates > 0) {
    const n = input.harmfulDuplicates;
    return {
      kind: 'not-claimed',
      mark: '–',
      text: `not claimed: the handler is naive, and ${n} redelivered ${n === 1 ? 'record' : 'records'} changed the result again (harmful duplicates)`,
    };
  }
  if (input.waiting) return { kind: 'waiting', mark: '…', text: 'checked at the end' };
  return { kind: 'holds', mark: '✓', text: 'holds' };
}
