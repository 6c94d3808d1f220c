/**
 * The one pass that builds a `RunIndex`: each fact, in trace order, goes to the lane, record, batch,
 * lease or mark it belongs to. Intervals are closed when their end fact arrives (a shard closing,
 * a record trimmed, a batch finishing), which is why the trace must be complete.
 *
 * May import: sim types, ./columns.ts, ./column.ts, ./packedTexts.ts, ./recordDeliveries.ts, ./view.ts (key summaries), ./prefixMap.ts, ./recordTimes.ts, ./seqIndex.ts, ./timeColumn.ts, ../bridge/seqTexts.ts, protocol types. May not import: sim runtime, ui.
 */
import type { TraceEvent } from '../sim/index.ts';
import { BATCH_OUTCOMES, BATCH_TRIGGERS, EVENT_NAMES, MARK_KINDS, NO_CONSUMER } from './columns.ts';
import type { MarkKind } from './protocol.ts';
import type { LaneInfo } from './runIndex.ts';
import { keySummary } from './view.ts';
import { PrefixMap, PrefixMaps, TextPrefixMap } from './prefixMap.ts';
import { Column, columns } from './column.ts';
import { RecordDeliveries } from './recordDeliveries.ts';
import { PackedTexts } from './packedTexts.ts';
import { LaneTrims, SparseTimes } from './recordTimes.ts';
import { SeqIndex } from './seqIndex.ts';
import { TimeColumn } from './timeColumn.ts';
import { SeqTexts } from '../bridge/seqTexts.ts';
import { recordHead } from './factReads.ts';

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
    case 'read-throttled':
      return 'throttled';
    default:
      return undefined;
  }
}

const TABLE_FACTS = new Set<TraceEvent['type']>(['table-created', 'table-deleted', 'replica-created', 'stream-enabled', 'stream-disabled']);

function seqReader(rec: { seq: SeqTexts }): (r: number) => string {
  return (r) => rec.seq.get(r) ?? '';
}

export class Builder {
  // Every field is replaced as a whole (never edited in place) when a fork starts from a parent's
  // builder (`indexFork.ts`): the fork's columns are block copies of the parent's prefix, its maps
  // layers over the parent's (`PrefixMap`), so a fork never writes into its parent's builder. The
  // one exception is `rec`, whose columns a fresh fork's builder assigns into its own `rec` object:
  // `seqOf` reads them through that object, not through the builder.
  // A record's eventID and sequence number, and a key's key string, read back by the maps keyed by them.
  readonly eventIdOf = (r: number): string => this.recEventIds.get(r) ?? '';
  readonly keyStringOf = (k: number): string => this.keyStrings[k] ?? '';
  lanes: LaneInfo[] = [];
  laneByShard = new Map<string, number>();
  keys: string[] = [];
  keyStrings: string[] = [];
  /** A key's number by its table and key string. */
  keyIdx = new PrefixMaps<string>(this.keyStringOf);
  consumers: string[] = [];
  consumerIdx = new PrefixMap<string>();
  /** The fact that named each consumer and worker first (to cut the lists at a fork). */
  consumerFact: number[] = [];
  workerFact: number[] = [];
  /** Tables' key attributes and streams' tables, with the fact that declared each, in trace order. */
  tableLog: Array<{ fact: number; table: string; keys: string[] }> = [];
  streamLog: Array<{ fact: number; streamArn: string; table: string }> = [];
  tableKeys = new Map<string, string[]>();
  streamTable = new Map<string, string>();
  // A record's and a mark's time is its fact's (`times`): not kept again per record (issue 16).
  // A record's fact grows with it: 16-bit steps from each 1,024's first (`timeColumn.ts`), 2 B a record, not 4.
  rec = { ...columns({ lane: Uint16Array, event: Uint8Array, key: Uint32Array, ordinal: Uint32Array, byService: Uint8Array }), fact: new TimeColumn(), seq: SeqTexts.empty() };
  /**
   * Reads `rec.seq` without holding the builder: the index keeps `recBySeq`, whose maps keep this
   * reader, and an imported run keeps no builder (nothing to fork). A reader closing over `this`
   * kept the whole builder alive with it, its eventID texts and map (45 B a record) included.
   */
  readonly seqOf = seqReader(this.rec);
  recEventIds = PackedTexts.empty();
  recByEventId = new TextPrefixMap(this.eventIdOf);
  /** Per lane, its records in order and the next untrimmed one. */
  laneRecords: Array<Column<Uint32Array>> = [];
  laneTrimmed: number[] = [];
  deliveries = new RecordDeliveries();
  /** Fact times, in trace order. */
  times = new TimeColumn();
  /** Where a forked builder was cut from its parent's (Infinity: built from fact 0). */
  cutMs = Infinity;
  /** Facts of writes and refused writes, 16-bit steps (`timeColumn.ts`; the extras share it when every write is the source's). */
  writeFacts = new TimeColumn();
  /** Facts that change the tables panel other than writes (a table or stream created, deleted, disabled). */
  tableFacts = Column.of(Uint32Array);
  rejectedFacts = Column.of(Uint32Array);
  apiErrorFacts = Column.of(Uint32Array);
  /** Marks other than records' (a record's mark is read from `rec`: `markIndex.ts`), `at` their number among all marks. */
  marks = columns({ fact: Uint32Array, kind: Uint8Array, consumer: Uint16Array, lane: Int16Array, at: Uint32Array });
  /** When records were trimmed (by lane trims) and harmed (the few that were): `recordTimes.ts`. */
  trims = new LaneTrims();
  harmAt = new SparseTimes();
  /** A record's index by its lane and sequence number. */
  recBySeq = new SeqIndex(this.seqOf);
  workers: string[] = [];
  workerIdx = new PrefixMap<string>();
  batches = columns({ t0: Float64Array, t1: Float64Array, consumer: Uint16Array, lane: Int16Array, worker: Uint16Array, outcome: Uint8Array, trigger: Uint8Array, count: Uint16Array, lastRecT: Float64Array });
  /** A retried batch is delivered again under its id: the id points at its latest delivery. */
  batchById = new PrefixMap<string>(undefined, Infinity, true);
  leases = columns({ t0: Float64Array, t1: Float64Array, consumer: Uint16Array, lane: Int16Array, worker: Uint16Array });
  /** Open lease interval per `${consumer}|${lane}`. */
  openLease = new Map<string, number>();
  expiries = columns({ t: Float64Array, consumer: Uint16Array, lane: Int16Array });
  /** The fact being added. */
  private at = 0;

  worker(name: string): number {
    let i = this.workerIdx.get(name);
    if (i === undefined) {
      i = this.workers.length;
      this.workers.push(name);
      this.workerFact.push(this.at);
      this.workerIdx.set(name, i);
    }
    return i;
  }

  closeLease(consumer: number, lane: number, t: number, worker?: number): void {
    const k = `${consumer}|${lane}`;
    const open = this.openLease.get(k);
    if (open === undefined || (worker !== undefined && this.leases.worker.get(open) !== worker)) return;
    this.leases.t1.set(open, t);
    this.openLease.delete(k);
  }

  /** Consumer facts the timeline draws beyond marks: batches, leases, expiries, harm. */
  addTimelineFact(e: TraceEvent): void {
    switch (e.type) {
      case 'batch-delivered': {
        const lane = this.laneByShard.get(e.shardId) ?? -1;
        const c = this.consumer(e.consumer);
        const last = this.recBySeq.get(lane, e.lastSequenceNumber);
        this.batchById.set(`${c}|${e.batchId}`, this.batches.t0.length);
        this.batches.t0.push(e.t);
        this.batches.t1.push(Infinity);
        this.batches.consumer.push(c);
        this.batches.lane.push(lane);
        this.batches.worker.push(this.worker(e.worker));
        this.batches.outcome.push(0);
        this.batches.trigger.push(Math.max(0, BATCH_TRIGGERS.indexOf(e.trigger)));
        this.batches.count.push(Math.min(e.eventIDs.length, 0xffff));
        this.batches.lastRecT.push(last === undefined ? NaN : this.times.get(this.rec.fact.get(last)));
        return;
      }
      case 'batch-succeeded':
      case 'batch-failed': {
        const b = this.batchById.get(`${this.consumer(e.consumer)}|${e.batchId}`);
        if (b === undefined || this.batches.t1.get(b) !== Infinity) return;
        this.batches.t1.set(b, e.t);
        this.batches.outcome.set(b, BATCH_OUTCOMES.indexOf(e.type === 'batch-succeeded' ? 'succeeded' : 'failed'));
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
      case 'lease-handed-off':
      case 'lease-deleted':
        this.closeLease(this.consumer(e.consumer), this.laneByShard.get(e.shardId) ?? -1, e.t, this.worker(e.worker));
        return;
      case 'crash': {
        // A crashed worker never finishes what it holds: its open batches end here.
        const c = this.consumer(e.consumer);
        const w = this.worker(e.worker);
        for (let b = 0; b < this.batches.t0.length; b++) {
          if (this.batches.t1.get(b) !== Infinity || this.batches.consumer.get(b) !== c || this.batches.worker.get(b) !== w) continue;
          this.batches.t1.set(b, e.t);
          this.batches.outcome.set(b, BATCH_OUTCOMES.indexOf('abandoned'));
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
      this.consumerFact.push(this.at);
      this.consumerIdx.set(id, i);
    }
    return i;
  }

  key(table: string, keyString: string, summary: () => string): number {
    let i = this.keyIdx.get(table, keyString);
    if (i === undefined) {
      i = this.keys.length;
      this.keys.push(summary());
      this.keyStrings.push(keyString);
      this.keyIdx.set(table, keyString, i);
    }
    return i;
  }

  add(e: TraceEvent, i: number): void {
    this.at = i;
    this.times.push(e.t);
    if (TABLE_FACTS.has(e.type)) this.tableFacts.push(i);
    switch (e.type) {
      case 'table-created':
        this.tableKeys.set(e.table, e.keyAttributes);
        this.tableLog.push({ fact: i, table: e.table, keys: e.keyAttributes });
        return;
      case 'stream-enabled':
        this.streamTable.set(e.streamArn, e.table);
        this.streamLog.push({ fact: i, streamArn: e.streamArn, table: e.table });
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
        this.laneRecords.push(Column.of(Uint32Array));
        this.trims.addLane();
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
        const at = Math.min(list.length, this.laneTrimmed[lane]! + Math.max(0, e.count));
        this.trims.trim(lane, at, e.t);
        this.laneTrimmed[lane] = at;
        return;
      }
      case 'record-processed': {
        const r = this.recByEventId.get(e.eventID);
        if (r !== undefined) {
          this.deliveries.add(r, e.t, e.deliveryCount, this.at);
          if (e.harm) this.harmAt.setFirst(r, e.t);
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
    // Read once: the core builds a record each time it is read (sim/stream/appendedFact.ts); an
    // imported record's head parses no item.
    const record = recordHead(e);
    const r = this.rec.fact.length;
    this.rec.fact.push(i);
    this.rec.lane.push(lane);
    this.rec.event.push(EVENT[record.eventName] ?? 0);
    this.rec.key.push(this.key(table, e.keyString, () => keySummary(record.dynamodb.Keys, this.tableKeys.get(table) ?? [])));
    this.rec.seq.push(record.dynamodb.SequenceNumber);
    this.recEventIds.push(record.eventID);
    this.recByEventId.set(record.eventID, r);
    this.recBySeq.set(lane, record.dynamodb.SequenceNumber, r);
    this.laneRecords[lane]!.push(r);
    this.rec.ordinal.push(this.laneRecords[lane]!.length);
    this.rec.byService.push(record.userIdentity?.PrincipalId === 'dynamodb.amazonaws.com' ? 1 : 0);
    this.deliveries.addRecord();
  }

  addConsumerMark(e: TraceEvent, i: number): void {
    const kind = markKindOf(e);
    if (!kind) return;
    const consumer = 'consumer' in e && typeof e.consumer === 'string' ? this.consumer(e.consumer) : NO_CONSUMER;
    const lane = 'shardId' in e && typeof e.shardId === 'string' ? (this.laneByShard.get(e.shardId) ?? -1) : -1;
    this.addMark(e.t, i, kind, consumer, lane);
  }

  addMark(_t: number, fact: number, kind: MarkKind, consumer: number, lane: number): void {
    // Before it: the other marks so far, and a mark for each record so far (all of them at earlier facts).
    this.marks.at.push(this.marks.fact.length + this.rec.fact.length);
    this.marks.fact.push(fact);
    this.marks.kind.push(MARK[kind]);
    this.marks.consumer.push(consumer);
    this.marks.lane.push(lane);
  }
}
