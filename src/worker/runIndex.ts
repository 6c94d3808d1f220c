/**
 * The run's index, built once per run in one pass over the (complete, append-only) trace: what the
 * frames need as columns. Because the trace is complete, whatever is an interval in time (a shard's
 * life, a record's trimming, a record's deliveries) is stored as its end points, so the value at any
 * time is a binary search, not a fold. What really is a fold (items, checkpoints, workers) lives in
 * `fold.ts` with its snapshots. The one pass itself is `indexBuilder.ts`; the scrubber's ticks and
 * "step to the next crash" are `indexMarks.ts`.
 *
 * May import: sim types, ./indexBuilder.ts, ./markIndex.ts, ./column.ts, ../bridge/seqTexts.ts, ./recordDeliveries.ts, ./timeColumn.ts, protocol types. May not import: sim runtime, ui.
 */
import type { FactList } from '../sim/index.ts';
import type { BatchColumns, LeaseColumns, RecordFixedColumns, ShardStatus } from './protocol.ts';
import { MarkIndex } from './markIndex.ts';
import { Builder } from './indexBuilder.ts';
import type { ReadonlyPrefixMaps } from './prefixMap.ts';
import { views } from './column.ts';
import type { RecordDeliveries } from './recordDeliveries.ts';
import type { SeqTexts } from '../bridge/seqTexts.ts';
import type { FactTimes } from './timeColumn.ts';

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
  /** Fact times, in trace order (non-decreasing), 2 bytes a fact mostly (`timeColumn.ts`). */
  times: FactTimes;
  lanes: LaneInfo[];
  laneByShard: Map<string, number>;
  /** Every record, in append order: the frame's fixed columns (`ordinal` counts trimmed ones too) and what changes with time as its end points. */
  rec: Omit<RecordFixedColumns, 't'> & {
    /** Record r's time (its fact's: `times`), non-decreasing in r. */
    t: (r: number) => number;
    n: number;
    /** Record r's fact, ascending in r (`timeColumn.ts`: 16-bit steps). */
    fact: FactTimes;
    /** When record r was trimmed (Infinity: never). */
    trimmedAt: (r: number) => number;
    /** Sequence numbers, a double and a byte each (shared with a forked run's index up to its cut: `seqTexts.ts`). */
    seq: SeqTexts;
    /** Each record's deliveries (`deliveriesAt`). */
    deliveries: RecordDeliveries;
    /** When a repeated delivery of the record changed a downstream result (Infinity: never). */
    harmAt: (r: number) => number;
  };
  /** Every batch handed to a consumer, in delivery order (the timeline's consumer lanes). */
  batches: BatchIndex;
  /** Who held which shard's lease when (KCL), in order of taking. */
  leases: LeaseIndex;
  /** Iterator expiries, in order. */
  expiries: { t: Float64Array; consumer: Uint16Array; lane: Int16Array };
  /** Worker names, indexed by `batches.worker` and `leases.worker`. */
  workers: string[];
  /** A record's index by its lane and sequence number, for checkpoints. */
  recBySeq: ReadonlyPrefixMaps<number>;
  keys: string[];
  keyStrings: string[];
  consumers: string[];
  /** Fact indices of writes and refused writes, in order. */
  writeFacts: FactTimes;
  /** Fact indices of tables and streams created, deleted or disabled (the tables panel's other changes). */
  tableFacts: Uint32Array;
  /** Fact indices per counted kind, to count by binary search. */
  rejectedFacts: Uint32Array;
  apiErrorFacts: Uint32Array;
  /** Every mark, records' too, in fact order (`markIndex.ts`); `marks.t(m)` is non-decreasing in m. */
  marks: MarkIndex;
}

/** Every batch handed to a consumer (columns and their meaning in `frameColumns.ts`; `t1` Infinity: never finished). */
export type BatchIndex = Required<BatchColumns>;

/** Who held which shard's lease when (`t1` Infinity while held). */
export type LeaseIndex = LeaseColumns;

/** A run's index with the builder that made it (kept so a fork can start from it: `indexFork.ts`). */
export interface IndexedTrace {
  index: RunIndex;
  builder: Builder;
}

/** One pass over the trace. */
export function buildRunIndex(trace: FactList): RunIndex {
  return indexTrace(trace).index;
}

/** Indexes facts [from, trace.length) into `builder` (a fresh one, or a fork's holding the first `from`), then the columns. */
export function indexTrace(trace: FactList, builder = new Builder(), from = 0): IndexedTrace {
  if (builder.times.length !== from) throw new RangeError(`a builder holding ${builder.times.length} facts cannot go on from fact ${from}`);
  for (let i = from; i < trace.length; i++) builder.add(trace.at(i)!, i);
  return { index: finishIndex(builder), builder };
}

/** The builder's columns as the index reads them. */
function finishIndex(b: Builder): RunIndex {
  // Views of the builder's columns, not copies (`column.ts`): finishing costs nothing per fact, so
  // an intervention's index costs only its new facts.
  const { seq, fact: _fact, ...rec } = b.rec;
  // The builder's own columns (not views): an index answered early reads what the builder sets later.
  const { lane, ordinal } = b.rec;
  const { trims, harmAt } = b;
  const times = b.times.view();
  const recFacts = b.rec.fact.view();
  const marks = views(b.marks);
  return {
    times,
    lanes: b.lanes,
    laneByShard: b.laneByShard,
    rec: { n: b.rec.fact.length, ...views(rec), fact: recFacts, seq, deliveries: b.deliveries, t: (r) => times.get(recFacts.get(r)), trimmedAt: (r) => trims.at(lane.get(r), ordinal.get(r) - 1), harmAt: (r) => harmAt.at(r) },
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
    marks: new MarkIndex(recFacts.length, recFacts, rec.lane.view(), marks, (f) => times.get(f)),
  };
}

// The binary searches live beside the columns they search (`column.ts`); the index's readers take them from here.
export { lowerBound, lowerBoundBy, upperBound, upperBoundBy } from './column.ts';

export function laneStatus(lane: LaneInfo, atMs: number): ShardStatus {
  return lane.expiredAtMs <= atMs ? 'expired' : lane.closedAtMs <= atMs ? 'closed' : 'open';
}

/** Most deliveries of record r to one consumer by `atMs`. */
export function deliveriesAt(index: RunIndex, r: number, atMs: number): number {
  return index.rec.deliveries.countAt(r, atMs);
}
