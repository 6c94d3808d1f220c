/**
 * The wire frame's columns: typed arrays the worker fills and transfers (not copies) each frame —
 * records, batches, leases, consumer marks — and the per-run chunk of sequence numbers. TYPES
 * ONLY, re-exported by `protocol.ts` (import them from there).
 *
 * May import: nothing at runtime.
 */

/** Sequence numbers of the run's records `[from, from + values.length)`, in run (append) order. */
export interface SequenceChunk {
  from: number;
  values: string[];
}


/** Stream records appended by the playhead within the window, in append order; parallel columns. */
export interface RecordColumns {
  t: Float64Array;
  /** Index into `Frame.lanes`. */
  lane: Uint16Array;
  /** Index into `EVENT_NAMES` (worker/columns.ts). */
  event: Uint8Array;
  /** Index into `LoadResult.keys`: also the record's colour. */
  key: Uint32Array;
  /** 1 once retention has trimmed it. */
  trimmed: Uint8Array;
  /** Most deliveries to one consumer by the playhead (2+ is a redelivery). */
  deliveries: Uint16Array;
  /** 1 once a repeated delivery of it changed a downstream result (a harmful duplicate). */
  harm: Uint8Array;
  /** The record's place on its shard (1, 2, 3…): the short label that sorts as sequence numbers do. */
  ordinal: Uint32Array;
  /** 1 for a record of the service's own write: a TTL deletion (`userIdentity` dynamodb.amazonaws.com), drawn apart from user deletes. */
  byService: Uint8Array;
}

/** Batches handed to consumers that overlap the window, in delivery order (the timeline's consumer lanes). */
export interface BatchColumns {
  /** Delivered at. */
  t0: Float64Array;
  /** Finished at (succeeded or failed), or NaN while pending at the playhead. */
  t1: Float64Array;
  /** Index into `LoadResult.consumers`. */
  consumer: Uint16Array;
  /** Index into `Frame.lanes`, or -1. */
  lane: Int16Array;
  /** Index into `Frame.workers`. */
  worker: Uint16Array;
  /** Index into `BATCH_OUTCOMES` (worker/columns.ts), at the playhead. */
  outcome: Uint8Array;
  /** Index into `BATCH_TRIGGERS` (worker/columns.ts). */
  trigger: Uint8Array;
  /** Records in the batch. */
  count: Uint16Array;
  /**
   * Append time of the batch's last record, or NaN (where the consumer's iterator stands after it:
   * the timeline's caret moves there, and back to the checkpoint when a new owner re-reads).
   * Optional so hand-made test frames may leave it out.
   */
  lastRecT?: Float64Array;
}

/** KCL leases held in the window: who held a shard's lease from when to when. */
export interface LeaseColumns {
  t0: Float64Array;
  /** Lost at, or NaN while still held at the playhead. */
  t1: Float64Array;
  consumer: Uint16Array;
  lane: Int16Array;
  /** Index into `Frame.workers`. */
  worker: Uint16Array;
}

/** Where one consumer stands on one shard at the playhead (carets and flags on the timeline). */
export interface ConsumerLaneView {
  /** Index into `LoadResult.consumers`. */
  consumer: number;
  /** Index into `Frame.lanes`. */
  lane: number;
  /** Append time of the last record handed to it on this shard (its iterator sits just after). */
  iteratorMs?: number;
  /** Append time of the record its last checkpoint names. */
  checkpointMs?: number;
  /** The checkpoint value (a sequence number or a sentinel such as SHARD_END). */
  checkpoint?: string;
  /** When its iterator expired, if it has not read since. */
  expiredAtMs?: number;
  /** The worker holding its lease at the playhead (KCL). */
  leaseHolder?: string;
}

/** Consumer marks (checkpoints, crashes, batches, broken checks, faults) in the window, by time. */
export interface MarkColumns {
  t: Float64Array;
  /** Index into `MARK_KINDS` (worker/columns.ts). */
  kind: Uint8Array;
  /** Index into `LoadResult.consumers`, or 65535 for none (a fault on a table). */
  consumer: Uint16Array;
  /** Index into `Frame.lanes`, or -1 when the mark belongs to no shard. */
  lane: Int16Array;
}

