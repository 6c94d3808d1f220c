/**
 * The run's index, built once per run in one pass over the (complete, append-only) trace: what the
 * frames need as columns. Because the trace is complete, whatever is an interval in time (a shard's
 * life, a record's trimming, a record's deliveries) is stored as its end points, so the value at any
 * time is a binary search, not a fold. What really is a fold (items, checkpoints, workers) lives in
 * `fold.ts` with its snapshots.
 *
 * May import: sim types, ./columns.ts, ./view.ts (key summaries). May not import: sim runtime, ui.
 */
import type { TraceEvent } from '../sim/index.ts';
import { BATCH_OUTCOMES, BATCH_TRIGGERS, EVENT_NAMES, MARK_KINDS, MAX_TICKS_PER_KIND, NO_CONSUMER } from './columns.ts';
import type { MarkKind, ShardStatus, StepKind, TickColumns } from './protocol.ts';
import { keySummary } from './view.ts';

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
  rec: {
    n: number;
    fact: Uint32Array;
    t: Float64Array;
    lane: Uint16Array;
    event: Uint8Array;
    key: Uint32Array;
    trimmedAt: Float64Array;
    seq: string[];
    /** The record's place on its shard, 1 for the shard's first record (trimmed ones still count). */
    ordinal: Uint32Array;
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
  recBySeq: Map<string, number>;
  keys: string[];
  keyStrings: string[];
  consumers: string[];
  /** Fact indices of writes and refused writes, in order. */
  writeFacts: Uint32Array;
  /** Fact indices per counted kind, to count by binary search. */
  rejectedFacts: Uint32Array;
  apiErrorFacts: Uint32Array;
  marks: { fact: Uint32Array; t: Float64Array; kind: Uint8Array; consumer: Uint16Array; lane: Int16Array };
}

export interface BatchIndex {
  t0: Float64Array;
  /** When it succeeded or failed (Infinity: never finished). */
  t1: Float64Array;
  consumer: Uint16Array;
  lane: Int16Array;
  worker: Uint16Array;
  /** Index into `BATCH_OUTCOMES` once finished. */
  outcome: Uint8Array;
  /** Index into `BATCH_TRIGGERS`. */
  trigger: Uint8Array;
  count: Uint16Array;
  /** Append time of the batch's last record (where the iterator stands after it), or NaN. */
  lastRecT: Float64Array;
}

export interface LeaseIndex {
  t0: Float64Array;
  /** When the holder lost it (taken, lost, deleted); Infinity while held. */
  t1: Float64Array;
  consumer: Uint16Array;
  lane: Int16Array;
  worker: Uint16Array;
}

const MARK = Object.fromEntries(MARK_KINDS.map((k, i) => [k, i])) as Record<MarkKind, number>;
const EVENT = Object.fromEntries(EVENT_NAMES.map((k, i) => [k, i])) as Record<string, number>;

function markKindOf(e: TraceEvent): MarkKind | undefined {
  switch (e.type) {
    case 'checkpoint':
      return 'checkpoint';
    case 'crash':
      return 'crash';
    case 'restart':
      return 'restart';
    case 'batch-delivered':
      return 'batch';
    case 'batch-failed':
      return 'batch-failed';
    case 'invariant-broken':
      return 'broken';
    case 'fault-injected':
      return 'fault';
    default:
      return undefined;
  }
}

class Builder {
  readonly lanes: LaneInfo[] = [];
  readonly laneByShard = new Map<string, number>();
  readonly keys: string[] = [];
  readonly keyStrings: string[] = [];
  readonly keyIdx = new Map<string, number>();
  readonly consumers: string[] = [];
  readonly consumerIdx = new Map<string, number>();
  readonly tableKeys = new Map<string, string[]>();
  readonly streamTable = new Map<string, string>();
  readonly rec = { fact: [] as number[], t: [] as number[], lane: [] as number[], event: [] as number[], key: [] as number[], trimmedAt: [] as number[], seq: [] as string[], ordinal: [] as number[] };
  readonly recByEventId = new Map<string, number>();
  /** Per lane, its records in order and the next untrimmed one. */
  readonly laneRecords: number[][] = [];
  readonly laneTrimmed: number[] = [];
  readonly deliveries: Array<Array<[number, number]>> = [];
  readonly writeFacts: number[] = [];
  readonly rejectedFacts: number[] = [];
  readonly apiErrorFacts: number[] = [];
  readonly marks = { fact: [] as number[], t: [] as number[], kind: [] as number[], consumer: [] as number[], lane: [] as number[] };
  readonly harmAt: number[] = [];
  readonly recBySeq = new Map<string, number>();
  readonly workers: string[] = [];
  readonly workerIdx = new Map<string, number>();
  readonly batches = { t0: [] as number[], t1: [] as number[], consumer: [] as number[], lane: [] as number[], worker: [] as number[], outcome: [] as number[], trigger: [] as number[], count: [] as number[], lastRecT: [] as number[] };
  readonly batchById = new Map<string, number>();
  readonly leases = { t0: [] as number[], t1: [] as number[], consumer: [] as number[], lane: [] as number[], worker: [] as number[] };
  /** Open lease interval per `${consumer}|${lane}`. */
  readonly openLease = new Map<string, number>();
  readonly expiries = { t: [] as number[], consumer: [] as number[], lane: [] as number[] };

  worker(name: string): number {
    let i = this.workerIdx.get(name);
    if (i === undefined) {
      i = this.workers.length;
      this.workers.push(name);
      this.workerIdx.set(name, i);
    }
    return i;
  }

  closeLease(consumer: number, lane: number, t: number, worker?: number): void {
    const k = `${consumer}|${lane}`;
    const open = this.openLease.get(k);
    if (open === undefined || (worker !== undefined && this.leases.worker[open] !== worker)) return;
    this.leases.t1[open] = t;
    this.openLease.delete(k);
  }

  /** Consumer facts the timeline draws beyond marks: batches, leases, expiries, harm. */
  addTimelineFact(e: TraceEvent): void {
    switch (e.type) {
      case 'batch-delivered': {
        const lane = this.laneByShard.get(e.shardId) ?? -1;
        const c = this.consumer(e.consumer);
        const last = this.recBySeq.get(`${lane}|${e.lastSequenceNumber}`);
        this.batchById.set(`${c}|${e.batchId}`, this.batches.t0.length);
        this.batches.t0.push(e.t);
        this.batches.t1.push(Infinity);
        this.batches.consumer.push(c);
        this.batches.lane.push(lane);
        this.batches.worker.push(this.worker(e.worker));
        this.batches.outcome.push(0);
        this.batches.trigger.push(Math.max(0, BATCH_TRIGGERS.indexOf(e.trigger)));
        this.batches.count.push(Math.min(e.eventIDs.length, 0xffff));
        this.batches.lastRecT.push(last === undefined ? NaN : this.rec.t[last]!);
        return;
      }
      case 'batch-succeeded':
      case 'batch-failed': {
        const b = this.batchById.get(`${this.consumer(e.consumer)}|${e.batchId}`);
        if (b === undefined || this.batches.t1[b] !== Infinity) return;
        this.batches.t1[b] = e.t;
        this.batches.outcome[b] = BATCH_OUTCOMES.indexOf(e.type === 'batch-succeeded' ? 'succeeded' : 'failed');
        return;
      }
      case 'lease-taken': {
        const c = this.consumer(e.consumer);
        const lane = this.laneByShard.get(e.shardId) ?? -1;
        this.closeLease(c, lane, e.t);
        this.openLease.set(`${c}|${lane}`, this.leases.t0.length);
        this.leases.t0.push(e.t);
        this.leases.t1.push(Infinity);
        this.leases.consumer.push(c);
        this.leases.lane.push(lane);
        this.leases.worker.push(this.worker(e.worker));
        return;
      }
      case 'lease-lost':
      case 'lease-deleted':
        this.closeLease(this.consumer(e.consumer), this.laneByShard.get(e.shardId) ?? -1, e.t, this.worker(e.worker));
        return;
      case 'crash': {
        // A crashed worker never finishes what it holds: its open batches end here.
        const c = this.consumer(e.consumer);
        const w = this.worker(e.worker);
        for (let b = 0; b < this.batches.t0.length; b++) {
          if (this.batches.t1[b] !== Infinity || this.batches.consumer[b] !== c || this.batches.worker[b] !== w) continue;
          this.batches.t1[b] = e.t;
          this.batches.outcome[b] = BATCH_OUTCOMES.indexOf('abandoned');
        }
        return;
      }
      case 'iterator-expired':
        this.expiries.t.push(e.t);
        this.expiries.consumer.push(this.consumer(e.consumer));
        this.expiries.lane.push(this.laneByShard.get(e.shardId) ?? -1);
        return;
      default:
    }
  }

  consumer(id: string): number {
    let i = this.consumerIdx.get(id);
    if (i === undefined) {
      i = this.consumers.length;
      this.consumers.push(id);
      this.consumerIdx.set(id, i);
    }
    return i;
  }

  key(table: string, keyString: string, summary: () => string): number {
    const id = `${table}\u0000${keyString}`;
    let i = this.keyIdx.get(id);
    if (i === undefined) {
      i = this.keys.length;
      this.keys.push(summary());
      this.keyStrings.push(keyString);
      this.keyIdx.set(id, i);
    }
    return i;
  }

  add(e: TraceEvent, i: number): void {
    switch (e.type) {
      case 'table-created':
        this.tableKeys.set(e.table, e.keyAttributes);
        return;
      case 'stream-enabled':
        this.streamTable.set(e.streamArn, e.table);
        return;
      case 'write':
        this.writeFacts.push(i);
        return;
      case 'write-rejected':
        this.writeFacts.push(i);
        this.rejectedFacts.push(i);
        this.addMark(e.t, i, 'rejected', NO_CONSUMER, -1);
        return;
      case 'api-error':
        this.apiErrorFacts.push(i);
        return;
      case 'shard-opened':
        this.laneByShard.set(e.shardId, this.lanes.length);
        this.lanes.push({
          shardId: e.shardId,
          streamArn: e.streamArn,
          ...(e.parentShardId ? { parentShardId: e.parentShardId } : {}),
          partition: e.partition,
          openedAtMs: e.t,
          closedAtMs: Infinity,
          expiredAtMs: Infinity,
        });
        this.laneRecords.push([]);
        this.laneTrimmed.push(0);
        return;
      case 'shard-closed': {
        const lane = this.lanes[this.laneByShard.get(e.shardId) ?? -1];
        if (lane && lane.closedAtMs === Infinity) {
          lane.closedAtMs = e.t;
          lane.closeReason = e.reason;
        }
        return;
      }
      case 'shard-expired': {
        const lane = this.lanes[this.laneByShard.get(e.shardId) ?? -1];
        if (lane && lane.expiredAtMs === Infinity) lane.expiredAtMs = e.t;
        return;
      }
      case 'record-appended':
        this.addRecord(e, i);
        return;
      case 'records-trimmed': {
        const lane = this.laneByShard.get(e.shardId);
        if (lane === undefined) return;
        const list = this.laneRecords[lane]!;
        let at = this.laneTrimmed[lane]!;
        for (let left = e.count; left > 0 && at < list.length; left--, at++) this.rec.trimmedAt[list[at]!] = e.t;
        this.laneTrimmed[lane] = at;
        return;
      }
      case 'record-processed': {
        const r = this.recByEventId.get(e.eventID);
        if (r !== undefined) {
          this.deliveries[r]!.push([e.t, e.deliveryCount]);
          if (e.harm && this.harmAt[r] === Infinity) this.harmAt[r] = e.t;
        }
        return;
      }
      default:
        this.addTimelineFact(e);
        this.addConsumerMark(e, i);
    }
  }

  addRecord(e: Extract<TraceEvent, { type: 'record-appended' }>, i: number): void {
    const lane = this.laneByShard.get(e.shardId);
    if (lane === undefined) return;
    const table = this.streamTable.get(e.streamArn) ?? '';
    const r = this.rec.fact.length;
    this.rec.fact.push(i);
    this.rec.t.push(e.t);
    this.rec.lane.push(lane);
    this.rec.event.push(EVENT[e.record.eventName] ?? 0);
    this.rec.key.push(this.key(table, e.keyString, () => keySummary(e.record.dynamodb.Keys, this.tableKeys.get(table) ?? [])));
    this.rec.trimmedAt.push(Infinity);
    this.rec.seq.push(e.record.dynamodb.SequenceNumber);
    this.recByEventId.set(e.record.eventID, r);
    this.recBySeq.set(`${lane}|${e.record.dynamodb.SequenceNumber}`, r);
    this.harmAt.push(Infinity);
    this.laneRecords[lane]!.push(r);
    this.rec.ordinal.push(this.laneRecords[lane]!.length);
    this.deliveries.push([]);
    this.addMark(e.t, i, 'record', NO_CONSUMER, lane);
  }

  addConsumerMark(e: TraceEvent, i: number): void {
    const kind = markKindOf(e);
    if (!kind) return;
    const consumer = 'consumer' in e && typeof e.consumer === 'string' ? this.consumer(e.consumer) : NO_CONSUMER;
    const lane = 'shardId' in e && typeof e.shardId === 'string' ? (this.laneByShard.get(e.shardId) ?? -1) : -1;
    this.addMark(e.t, i, kind, consumer, lane);
  }

  addMark(t: number, fact: number, kind: MarkKind, consumer: number, lane: number): void {
    this.marks.fact.push(fact);
    this.marks.t.push(t);
    this.marks.kind.push(MARK[kind]);
    this.marks.consumer.push(consumer);
    this.marks.lane.push(lane);
  }
}

function deliveryColumns(deliveries: Array<Array<[number, number]>>): Pick<RunIndex['rec'], 'deliveryOffsets' | 'deliveryT' | 'deliveryMax'> {
  const offsets = new Uint32Array(deliveries.length + 1);
  let total = 0;
  for (let r = 0; r < deliveries.length; r++) {
    offsets[r] = total;
    total += deliveries[r]!.length;
  }
  offsets[deliveries.length] = total;
  const deliveryT = new Float64Array(total);
  const deliveryMax = new Uint16Array(total);
  for (let r = 0; r < deliveries.length; r++) {
    let max = 0;
    let at = offsets[r]!;
    for (const [t, count] of deliveries[r]!) {
      max = Math.max(max, count);
      deliveryT[at] = t;
      deliveryMax[at++] = Math.min(max, 0xffff);
    }
  }
  return { deliveryOffsets: offsets, deliveryT, deliveryMax };
}

/** One pass over the trace. */
export function buildRunIndex(trace: readonly TraceEvent[]): RunIndex {
  const b = new Builder();
  const times = new Float64Array(trace.length);
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i]!;
    times[i] = e.t;
    b.add(e, i);
  }
  return {
    times,
    lanes: b.lanes,
    laneByShard: b.laneByShard,
    rec: {
      n: b.rec.fact.length,
      fact: Uint32Array.from(b.rec.fact),
      t: Float64Array.from(b.rec.t),
      lane: Uint16Array.from(b.rec.lane),
      event: Uint8Array.from(b.rec.event),
      key: Uint32Array.from(b.rec.key),
      trimmedAt: Float64Array.from(b.rec.trimmedAt),
      seq: b.rec.seq,
      ordinal: Uint32Array.from(b.rec.ordinal),
      ...deliveryColumns(b.deliveries),
      harmAt: Float64Array.from(b.harmAt),
    },
    batches: {
      t0: Float64Array.from(b.batches.t0),
      t1: Float64Array.from(b.batches.t1),
      consumer: Uint16Array.from(b.batches.consumer),
      lane: Int16Array.from(b.batches.lane),
      worker: Uint16Array.from(b.batches.worker),
      outcome: Uint8Array.from(b.batches.outcome),
      trigger: Uint8Array.from(b.batches.trigger),
      count: Uint16Array.from(b.batches.count),
      lastRecT: Float64Array.from(b.batches.lastRecT),
    },
    leases: {
      t0: Float64Array.from(b.leases.t0),
      t1: Float64Array.from(b.leases.t1),
      consumer: Uint16Array.from(b.leases.consumer),
      lane: Int16Array.from(b.leases.lane),
      worker: Uint16Array.from(b.leases.worker),
    },
    expiries: { t: Float64Array.from(b.expiries.t), consumer: Uint16Array.from(b.expiries.consumer), lane: Int16Array.from(b.expiries.lane) },
    workers: b.workers,
    recBySeq: b.recBySeq,
    keys: b.keys,
    keyStrings: b.keyStrings,
    consumers: b.consumers,
    writeFacts: Uint32Array.from(b.writeFacts),
    rejectedFacts: Uint32Array.from(b.rejectedFacts),
    apiErrorFacts: Uint32Array.from(b.apiErrorFacts),
    marks: {
      fact: Uint32Array.from(b.marks.fact),
      t: Float64Array.from(b.marks.t),
      kind: Uint8Array.from(b.marks.kind),
      consumer: Uint16Array.from(b.marks.consumer),
      lane: Int16Array.from(b.marks.lane),
    },
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

/** The scrubber's ticks: notable facts, at most `MAX_TICKS_PER_KIND` per kind (one per time bucket). */
export function buildTicks(index: RunIndex, durationMs: number): TickColumns {
  const t: number[] = [];
  const kind: number[] = [];
  const buckets = MARK_KINDS.map(() => new Set<number>());
  const width = Math.max(durationMs, 1) / MAX_TICKS_PER_KIND;
  const skip = new Set<number>([MARK_KINDS.indexOf('batch')]);
  for (let m = 0; m < index.marks.t.length; m++) {
    const k = index.marks.kind[m]!;
    if (skip.has(k)) continue;
    const bucket = Math.floor(index.marks.t[m]! / width);
    if (buckets[k]!.has(bucket)) continue;
    buckets[k]!.add(bucket);
    t.push(index.marks.t[m]!);
    kind.push(k);
  }
  return { t: Float64Array.from(t), kind: Uint8Array.from(kind) };
}

const STEP_MARKS: Record<Exclude<StepKind, 'any'>, number[]> = {
  crash: [MARK_KINDS.indexOf('crash')],
  checkpoint: [MARK_KINDS.indexOf('checkpoint')],
  'crash-or-checkpoint': [MARK_KINDS.indexOf('crash'), MARK_KINDS.indexOf('checkpoint')],
  broken: [MARK_KINDS.indexOf('broken')],
  record: [MARK_KINDS.indexOf('record')],
};

/** The time of the next (1) or previous (-1) fact of a kind strictly after/before `fromMs`, or null. */
export function stepTarget(index: RunIndex, fromMs: number, direction: 1 | -1, kind: StepKind): number | null {
  if (kind === 'any') {
    if (direction === 1) {
      const i = upperBound(index.times, fromMs);
      return i < index.times.length ? index.times[i]! : null;
    }
    const i = lowerBound(index.times, fromMs);
    return i > 0 ? index.times[i - 1]! : null;
  }
  const wanted = STEP_MARKS[kind];
  const { t, kind: kinds } = index.marks;
  if (direction === 1) {
    for (let m = upperBound(t, fromMs); m < t.length; m++) if (wanted.includes(kinds[m]!)) return t[m]!;
  } else {
    for (let m = lowerBound(t, fromMs) - 1; m >= 0; m--) if (wanted.includes(kinds[m]!)) return t[m]!;
  }
  return null;
}
