/**
 * The codes used in frame columns, shared by the host (which packs them) and the UI (which reads
 * them through `worker/client.ts`), plus the frame's size limits. Plain constants, no logic.
 *
 * May import: ./protocol.ts types. May not import: sim runtime, ui.
 */
import type { MarkKind, StepKind } from './protocol.ts';

/** `MarkColumns.kind` and `TickColumns.kind` index this list. */
export const MARK_KINDS = ['record', 'checkpoint', 'crash', 'restart', 'batch', 'batch-failed', 'broken', 'fault', 'rejected', 'throttled'] as const satisfies readonly MarkKind[];

/** `RecordColumns.event` indexes this list. */
export const EVENT_NAMES = ['INSERT', 'MODIFY', 'REMOVE'] as const;

/** `BatchColumns.outcome` indexes this list (`pending`: not finished by the playhead; `abandoned`: its worker crashed first). */
export const BATCH_OUTCOMES = ['pending', 'succeeded', 'failed', 'abandoned'] as const;

/** `BatchColumns.trigger` indexes this list: why the batch was handed over. */
export const BATCH_TRIGGERS = ['poll', 'retry', 'bisect', 'partial-retry', 'redelivery'] as const;

/** `RecordColumns.colour` of a record whose image lacks the attribute records are coloured by. */
export const COLOUR_NONE = 0xffffffff;

/** `MarkColumns.consumer` for a mark that belongs to no consumer (a fault aimed at a table). */
export const NO_CONSUMER = 0xffff;

export const STEP_KINDS = ['any', 'crash', 'checkpoint', 'crash-or-checkpoint', 'broken', 'record'] as const satisfies readonly StepKind[];

/** A frame holds at most this many records; the rest of the window is counted in `recordsOmitted`. */
export const MAX_FRAME_RECORDS = 5_000;
export const MAX_FRAME_WRITES = 200;
export const MAX_FRAME_ITEMS = 500;
/** The scrubber shows at most this many ticks per kind (downsampled by time bucket). */
export const MAX_TICKS_PER_KIND = 1_500;
