/**
 * The invariant checks' names, as `invariant-broken` facts carry them, and what each one means, for
 * the UI. Apart from ./state.ts so that the worker's core, which lists them for a run, does not
 * carry the checks' state code, which the consumers' part loads.
 *
 * Data only. May import: nothing.
 */

/** The checks, by the name they carry in `invariant-broken` facts. */
export const CHECKS = {
  'target-matches-records': 'The downstream target equals what the records processed so far imply, each applied once, in per-item order.',
  'target-matches-source': 'At the end of the run, the downstream target equals what the source table implies.',
  'at-least-once': 'Every record the consumer moved past (checkpointed) was processed at least once.',
  'exactly-once': 'A handler that claims idempotency never applies a record twice.',
  'per-item-order': 'No record is applied after a newer record of the same item.',
  'trimmed-unread': 'No record is trimmed from the stream before the consumer read it.',
  'checkpoint-monotonic': 'A shard’s checkpoint never moves backwards.',
} as const;

export type CheckName = keyof typeof CHECKS;
