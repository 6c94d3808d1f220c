/**
 * Downstream handlers: what a consumer does with each record (count votes, replicate, index,
 * archive, count tasks). Every handler comes naive and idempotent, so a learner can see why
 * idempotency matters. Handlers write their targets as simulated DynamoDB tables through the world,
 * so their effects are facts in the trace like any other write.
 */
import type { World } from '../world.ts';
import type { StreamRecord } from '../stream/record.ts';
import type { ProcessEffect } from '../consumers/events.ts';

export type HandlerKind = 'vote-counter' | 'replicator' | 'search-indexer' | 'ttl-archiver' | 'task-counter';

/**
 * How a handler avoids applying a record twice:
 * - `none`: naive, applies every delivery;
 * - `event-id`: a conditional write records each eventID applied (put-if-absent) in the same transaction;
 * - `sequence-number`: a per-shard high-water mark of applied sequence numbers, checked conditionally;
 * - `item-version`: the target keeps the source item's version (its last sequence number) and a
 *   conditional write applies only newer versions, which also fixes reordering.
 * - `user`: the learner's own code (`HandlerSpec.code`) does the writing; the kind still says what
 *   the target should hold, so the checks judge it like a built-in handler.
 */
export type Idempotency = 'none' | 'event-id' | 'sequence-number' | 'item-version' | 'user';

export interface HandlerSpec {
  kind: HandlerKind;
  idempotency: Idempotency;
  /** The table whose stream feeds the handler. */
  sourceTable: string;
  /** The downstream table it writes; a default name is derived from the consumer id when absent. */
  targetTable?: string;
  /**
   * With idempotency `user`: the learner's JavaScript, a module exporting
   * `async function handler(event, context)` (Lambda consumers only). Run in a sandbox.
   */
  code?: string;
}

/** Where a record came from and how often this consumer has seen it. */
export interface ProcessContext {
  consumer: string;
  worker: string;
  shardId: string;
  batchId: number;
  /** The n-th delivery of this record to this consumer (1 for the first). */
  deliveryCount: number;
}

export interface ProcessResult {
  effect: ProcessEffect;
  /** True when this delivery repeated an earlier application and changed the target again. */
  harm?: boolean;
}

/** Thrown by a handler for a record it cannot process (a poison record). */
export class HandlerError extends Error {
  constructor(
    message: string,
    readonly sequenceNumber: string,
  ) {
    super(message);
    this.name = 'HandlerError';
  }
}

export interface DownstreamHandler {
  readonly spec: HandlerSpec;
  /** The downstream table this handler writes. */
  readonly targetTable: string;
  /** Applies one record downstream at the world's current time. Throws HandlerError for a poison record. */
  process(world: World, record: StreamRecord, ctx: ProcessContext): ProcessResult;
}
