/**
 * The wire frame's columns: typed arrays the worker fills and transfers (not copies) each frame —
 * records, batches, leases, consumer marks — and the per-run chunk of sequence numbers. The run's
 * index (`runIndex.ts`) holds the same columns for the whole run and declares them from these (one
 * definition). TYPES ONLY, re-exported by `protocol.ts` (import them from there).
 *
 * May import: nothing at runtime.
 */

/** Sequence numbers of the run's records `[from, from + values.length)`, in run (append) order. */
export interface SequenceChunk {
  from: number;
  values: string[];
}


/**
 * A record's columns that never change once it is appended: the run index (`runIndex.ts` `rec`)
 * and the frame's records share this one definition.
 */
export interface RecordFixedColumns {
  t: Float64Array;
  /** Index into `Frame.lanes`. */
  lane: Uint16Array;
  /** Index into `EVENT_NAMES` (worker/columns.ts). */
  event: Uint8Array;
  /** Index into `LoadResult.keys`: also the record's colour unless `colour` is present. */
  key: Uint32Array;
  /** The record's place on its shard (1, 2, 3…): the short label that sorts as sequence numbers do. */
  ordinal: Uint32Array;
  /** 1 for a record of the service's own write: a TTL deletion (`userIdentity` dynamodb.amazonaws.com), drawn apart from user deletes. */
  byService: Uint8Array;
}

/** A record's columns that change with the playhead (values at `Frame.atMs`). */
export interface RecordPlayheadColumns {
  /** 1 once retention has trimmed it. */
  trimmed: Uint8Array;
  /** Most deliveries to one consumer by the playhead (2+ is a redelivery). */
  deliveries: Uint16Array;
  /** 1 once a repeated delivery of it changed a downstream result (a harmful duplicate). */
  harm: Uint8Array;
}

/** Stream records appended by the playhead within the window, in append order; parallel columns. */
export interface RecordColumns extends RecordFixedColumns, RecordPlayheadColumns {
  /**
   * Index into `Frame.colourKey.values` (`COLOUR_NONE` in worker/columns.ts: the record lacks the attribute): present
   * only when the scenario colours records by an attribute (`view.colourBy`), not by item.
   */
  colour?: Uint32Array;
}

/**
 * Only the tail (issue 16.2): when the request said which records the client holds
 * (`FrameRequest.knownRecords`), `Frame.records` carries only rows `[sentFrom, to)` of the run's
 * records, and the rows it already holds whose playhead columns changed since its `atMs`. The
 * client's store (`worker/frameStore.ts`) puts the whole window `[Frame.recordFrom, to)` back.
 */
export interface RecordTail {
  to: number;
  sentFrom: number;
  /** Run indices of held rows whose playhead columns changed, with their new values. */
  changed: { index: Uint32Array } & RecordPlayheadColumns;
}

/**
 * Likewise for batches (`FrameRequest.knownBatches`) when the window's batches are one run of the
 * run's batches `[from, to)` (they nearly always are; otherwise the frame has no `batchTail` and
 * carries them whole): `Frame.batches` carries rows `[sentFrom, to)`, and the held ones that
 * finished since the client's `atMs` (or, going back, had not yet) with their `t1` and `outcome`.
 */
export interface BatchTail {
  from: number;
  to: number;
  sentFrom: number;
  changed: { index: Uint32Array; t1: Float64Array; outcome: Uint8Array };
}

/** Likewise for marks (`FrameRequest.knownMarks`): `Frame.marks` carries rows `[sentFrom, to)` of the run's marks; the window is `[from, to)` (`sentFrom === from`: all of it). */
export interface MarkTail {
  from: number;
  to: number;
  sentFrom: number;
}

/**
 * Batches handed to consumers that overlap the window, in delivery order (the timeline's consumer
 * lanes). In the run's index (`BatchIndex`): every batch, finished or not, with `t1` Infinity for
 * one that never finished and `outcome` its final one.
 */
export interface BatchColumns {
  /** Delivered at. */
  t0: Float64Array;
  /** Finished at (succeeded or failed), or NaN while pending at the playhead (in the index: Infinity, never finished). */
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

/** KCL leases held in the window: who held a shard's lease from when to when (in the index: every lease, in order of taking). */
export interface LeaseColumns {
  t0: Float64Array;
  /** Lost at, or NaN while still held at the playhead (in the index: Infinity while held). */
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


/** What the client already holds of the run's columns (`FrameRequest`): the frame leaves it out. */
export interface ColumnsHeld {
  /**
   * The run records whose sequence numbers the client already holds (`[from, to)` in run order, of
   * run `runId`): the frame then carries only the ones it lacks (`Frame.sequenceChunk`).
   */
  knownSequence?: { runId: number; from: number; to: number };
  /**
   * The run records whose columns the client holds (`[from, to)` of run `runId`, their playhead
   * columns as at `atMs`): the frame then carries only the tail and what changed (`Frame.recordTail`).
   */
  knownRecords?: { runId: number; from: number; to: number; atMs: number };
  /** The run's marks `[from, to)` the client holds: the frame carries only the rest (`Frame.markTail`). */
  knownMarks?: { runId: number; from: number; to: number };
  /** The run's batches `[from, to)` the client holds, their `t1` and `outcome` as at `atMs` (`Frame.batchTail`). */
  knownBatches?: { runId: number; from: number; to: number; atMs: number };
  /** The `key` of the older records' counts the client holds (`Frame.olderCounts`). */
  knownOlderCounts?: string;
}

/**
 * The window's records older than those the frame holds one by one (`olderCounts.ts`): per lane, how
 * many fall in each of `buckets` equal slices of `[fromMs, toMs]` (the visible window).
 */
export interface OlderRecordCounts {
  /** Names these counts: sent back as `knownOlderCounts`, it gets `olderCountsHeld` instead of them. */
  key: string;
  fromMs: number;
  toMs: number;
  buckets: number;
  lanes: number;
  /** `counts[lane * buckets + slice]`. */
  counts: Uint32Array;
  /** All of them: the window's records before `Frame.recordFrom`. */
  total: number;
}

/** A frame's tails (`Frame`), and what its colour column means. */
export interface FrameTails {
  /** On the wire only: `records` holds just the tail the client lacked (the client's store puts the window back and removes this). */
  recordTail?: RecordTail;
  /** Where the window's marks are in the run, and which of them `marks` holds (the client's store removes this). */
  markTail?: MarkTail;
  /** Where the window's batches are in the run, which of them `batches` holds and which held ones changed (the client's store removes this). */
  batchTail?: BatchTail;
  /** What `records.colour` means when the scenario colours records by an attribute (`view.colourBy`). */
  colourKey?: { attribute: string; label: string; values: string[] };
  /** The sequence numbers of the window's records that the request's `knownSequence` did not cover. */
  sequenceChunk: SequenceChunk;
  /** The window's records before `recordFrom`, as counts (absent: there are none). */
  olderCounts?: OlderRecordCounts;
  /** On the wire only: the counts are the ones the client holds (its store puts them back and removes this). */
  olderCountsHeld?: true;
}
