/**
 * The run's index, built once per run in one pass over the (complete, append-only) trace: what the
 * frames need as columns. Because the trace is complete, whatever is an interval in time (a shard's
 * life, a record's trimming, a record's deliveries) is stored as its end points, so the value at any
 * time is a binary search, not a fold. What really is a fold (items, checkpoints, workers) lives in
 * `fold.ts` with its snapshots. The one pass itself is `indexBuilder.ts`; the scrubber's ticks and
 * "step to the next crash" are `indexMarks.ts`.
 *
 * May import: sim types, ./indexBuilder.ts, ./column.ts, protocol types. May not import: sim runtime, ui.
 */
import type { TraceEvent } from '../sim/index.ts';
import type { BatchColumns, LeaseColumns, MarkColumns, RecordFixedColumns, ShardStatus } from './protocol.ts';
import { Builder } from './indexBuilder.ts';
import type { ReadonlyPrefixMap } from './prefixMap.ts';
import { views } from './column.ts';

export interface LaneInfo {
  shardId: string;
  streamArn: string;
  parentShardId?: string;
  partition: number;
  openedAtMs: number;
  closedAtMs: number;
  closeReason?: string;
  expiredAtMs: number;
}

export interface RunIndex {
  /** Fact times, in trace order (non-decreasing). */
  times: Float64Array;
  lanes: LaneInfo[];
  laneByShard: Map<string, number>;
  /** Every record, in append order: the frame's fixed columns (`ordinal` counts trimmed ones too) and what changes with time as its end points. */
  rec: RecordFixedColumns & {
    n: number;
    fact: Uint32Array;
    trimmedAt: Float64Array;
    seq: string[];
    /** Deliveries, CSR by record: times and the running maximum delivery count at each. */
    deliveryOffsets: Uint32Array;
    deliveryT: Float64Array;
    deliveryMax: Uint16Array;
    /** When a repeated delivery of the record changed a downstream result (Infinity: never). */
    harmAt: Float64Array;
  };
  /** Every batch handed to a consumer, in delivery order (the timeline's consumer lanes). */
  batches: BatchIndex;
  /** Who held which shard's lease when (KCL), in order of taking. */
  leases: LeaseIndex;
  /** Iterator expiries, in order. */
  expiries: { t: Float64Array; consumer: Uint16Array; lane: Int16Array };
  /** Worker names, indexed by `batches.worker` and `leases.worker`. */
  workers: string[];
  /** A record's index by its lane and sequence number (`${lane}|${seq}`), for checkpoints. */
  recBySeq: ReadonlyPrefixMap<string>;
  keys: string[];
  keyStrings: string[];
  consumers: string[];
  /** Fact indices of writes and refused writes, in order. */
  writeFacts: Uint32Array;
  /** Fact indices of tables and streams created, deleted or disabled (the tables panel's other changes). */
  tableFacts: Uint32Array;
  /** Fact indices per counted kind, to count by binary search. */
  rejectedFacts: Uint32Array;
  apiErrorFacts: Uint32Array;
  marks: MarkColumns & { fact: Uint32Array };
}

/** Every batch handed to a consumer (columns and their meaning in `frameColumns.ts`; `t1` Infinity: never finished). */
export type BatchIndex = Required<BatchColumns>;

/** Who held which shard's lease when (`t1` Infinity while held). */
export type LeaseIndex = LeaseColumns;

function deliveryColumns(b: Builder): Pick<RunIndex['rec'], 'deliveryOffsets' | 'deliveryT' | 'deliveryMax'> {
  const n = b.deliveries.length;
  const offsets = new Uint32Array(n + 1);
  let total = 0;
  for (let r = 0; r < n; r++) {
    offsets[r] = total;
    total += b.deliveriesOf(r).length;
  }
  offsets[n] = total;
  const deliveryT = new Float64Array(total);
  const deliveryMax = new Uint16Array(total);
  for (let r = 0; r < n; r++) {
    let max = 0;
    let at = offsets[r]!;
    for (const [t, count] of b.deliveriesOf(r)) {
      max = Math.max(max, count);
      deliveryT[at] = t;
      deliveryMax[at++] = Math.min(max, 0xffff);
    }
  }
  return { deliveryOffsets: offsets, deliveryT, deliveryMax };
}

/** A run's index with the builder that made it (kept so a fork can start from it: `indexFork.ts`). */
export interface IndexedTrace {
  index: RunIndex;
  builder: Builder;
}

/** One pass over the trace. */
export function buildRunIndex(trace: readonly TraceEvent[]): RunIndex {
  return indexTrace(trace).index;
}

/** Indexes facts [from, trace.length) into `builder` (a fresh one, or a fork's holding the first `from`), then the columns. */
export function indexTrace(trace: readonly TraceEvent[], builder = new Builder(), from = 0, timesBefore?: Float64Array): IndexedTrace {
  const times = new Float64Array(trace.length);
  if (timesBefore) times.set(timesBefore.subarray(0, from));
  for (let i = from; i < trace.length; i++) {
    const e = trace[i]!;
    times[i] = e.t;
    builder.add(e, i);
  }
  return { index: finishIndex(builder, times), builder };
}

/** The builder's lists as typed columns (copies: the builder may go on in a fork, the index stays). */
function finishIndex(b: Builder, times: Float64Array): RunIndex {
  // Views of the builder's columns, not copies (`column.ts`): finishing costs nothing per fact.
  const { seq, ...rec } = b.rec;
  return {
    times,
    lanes: b.lanes,
    laneByShard: b.laneByShard,
    rec: { n: b.rec.fact.length, ...views(rec), seq, ...deliveryColumns(b), harmAt: b.harmAt.view() },
    batches: views(b.batches),
    leases: views(b.leases),
    expiries: views(b.expiries),
    workers: b.workers,
    recBySeq: b.recBySeq,
    keys: b.keys,
    keyStrings: b.keyStrings,
    consumers: b.consumers,
    writeFacts: b.writeFacts.view(),
    tableFacts: b.tableFacts.view(),
    rejectedFacts: b.rejectedFacts.view(),
    apiErrorFacts: b.apiErrorFacts.view(),
    marks: views(b.marks),
  };
}

/** First index i with a[i] > x (a sorted ascending): how many entries are ≤ x. */
export function upperBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with a[i] ≥ x. */
export function lowerBound(a: ArrayLike<number>, x: number, lo = 0, hi = a.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function laneStatus(lane: LaneInfo, atMs: number): ShardStatus {
  return lane.expiredAtMs <= atMs ? 'expired' : lane.closedAtMs <= atMs ? 'closed' : 'open';
}

/** Most deliveries of record r to one consumer by `atMs`. */
export function deliveriesAt(index: RunIndex, r: number, atMs: number): number {
  const { deliveryOffsets, deliveryT, deliveryMax } = index.rec;
  const lo = deliveryOffsets[r]!;
  const k = upperBound(deliveryT, atMs, lo, deliveryOffsets[r + 1]!);
  return k === lo ? 0 : deliveryMax[k - 1]!;
}
