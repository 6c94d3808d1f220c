/**
 * The batch codes of the frame's columns. The UI may not import worker/columns.ts at runtime (it
 * talks to the worker through client.ts), so the lists are repeated here and typed as the worker's:
 * a change on either side fails to compile until both agree.
 *
 * May import: worker columns (types only).
 */
import type { BATCH_OUTCOMES as WorkerOutcomes, BATCH_TRIGGERS as WorkerTriggers } from '../../worker/columns.ts';

export const BATCH_OUTCOMES: typeof WorkerOutcomes = ['pending', 'succeeded', 'failed', 'abandoned'];
export const BATCH_TRIGGERS: typeof WorkerTriggers = ['poll', 'retry', 'bisect', 'partial-retry', 'redelivery'];
