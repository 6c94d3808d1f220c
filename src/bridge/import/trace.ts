/**
 * An imported stream as trace facts, so the worker host indexes it with the same machinery as a
 * run and the timeline, scrubber, table and inspector all work unchanged.
 *
 * - Time: each record sits at its `ApproximateCreationDateTime` relative to the earliest one. AWS
 *   gives whole seconds, so records that share a second are spread evenly across it in input order
 *   (said in the UI). Facts are then ordered by time, as a trace must be.
 * - Lanes (lanes.ts) become `shard-opened` / `shard-closed`; each record a `record-appended` on its
 *   lane, preceded by a `write` fact with the item as the record shows it (NewImage; the keys alone
 *   when the view type carries no new image), so the table panel shows each item's history. Both
 *   are light facts that read their fields from the record (./importedFacts.ts), and neither is
 *   kept: the trace (`ImportedFacts`) holds per fact a number, and builds a record's fact when it is
 *   read (two objects per record of a million were a fifth of an import's heap, and the collector's).
 * - Findings become `invariant-broken` facts of a pseudo-consumer `findings` at the later record's
 *   time, which the timeline marks in red and "next broken check" steps to.
 *
 * Pure. May import: sim types, ../attributes.ts, ./lanes.ts, ./factOrder.ts, ./importedFacts.ts, ./recordColumns.ts, ../types.ts. May not import: sim runtime, worker, ui.
 */
import type { TraceEvent } from '../../sim/trace/events.ts';
import type { FactList } from '../../sim/trace/trace.ts';
import type { Item } from '../../sim/table/attributeValue.ts';
import { keyText } from '../attributes.ts';
import type { Finding, ImportedRecordList, ImportedStream, ImportedStreamView } from '../types.ts';
import { importLanes, type ImportLane } from './lanes.ts';
import { appendClass, writeClass, type AppendClass, type ImportedAppend, type ImportedWrite, type WriteClass } from './importedFacts.ts';
import { streamView } from './recordColumns.ts';
import { factOrder, type FactOrder } from './factOrder.ts';

/** The pseudo-consumer that carries findings in the trace. */
export const FINDINGS_CONSUMER = 'findings';
/** The table name shown when the input does not name one. */
export const IMPORTED_TABLE = 'Imported';
/** The stream ARN used when the input does not give one. */
export const IMPORTED_STREAM_ARN = 'arn:aws:dynamodb:unknown:000000000000:table/Imported/stream/imported';

export interface ImportedTrace {
  trace: ImportedFacts;
  /** Time of the last fact plus a margin: the timeline's end. */
  durationMs: number;
  /** Epoch ms of time 0 (the earliest record's second). */
  epochMs: number;
  table: string;
  streamArn: string;
  /** Per record (by input index), its time on the timeline. */
  recordTimes: number[];
  /** The lanes the records were placed on (`importLanes`). */
  lanes: ImportLane[];
}

/** Order among facts at the same instant: the table, stream and shard come before their records. */
const PHASE: Partial<Record<TraceEvent['type'], number>> = { 'table-created': 0, 'stream-enabled': 1, 'shard-opened': 2, write: 3, 'record-appended': 4, 'invariant-broken': 5, 'shard-closed': 6 };

function before(a: TraceEvent, b: TraceEvent): number {
  return a.t - b.t || (PHASE[a.type] ?? 9) - (PHASE[b.type] ?? 9);
}

/**
 * Items ordered by `cmp` (time, then phase), stably (equals keep the order they were made in). The
 * first `placed` (tables, lanes, records) are usually in order already — one lane, records in time
 * order — so only the items after them are sorted and merged in; otherwise all are sorted.
 */
export function inOrder<T = TraceEvent>(items: T[], placed: number, cmp?: (a: T, b: T) => number): T[];
/** The same for refs in an Int32Array (an import's facts: a million records' refs pushed to an array were about a quarter of building its trace). */
export function inOrder(items: Int32Array, placed: number, cmp: (a: number, b: number) => number): Int32Array;
export function inOrder<T>(items: T[] | Int32Array, placed: number, cmp: (a: T, b: T) => number = before as unknown as (a: T, b: T) => number): T[] | Int32Array {
  // One body for both: an Int32Array sorts (stably) and slices as an array does.
  const all = items as T[];
  for (let i = 1; i < placed; i++) if (cmp(all[i - 1]!, all[i]!) > 0) return all.sort(cmp);
  const late = all.slice(placed).sort(cmp);
  if (late.length === 0) return items;
  const out = (items instanceof Int32Array ? new Int32Array(items.length) : new Array<T>(items.length)) as T[];
  let a = 0;
  let b = 0;
  for (let k = 0; k < out.length; k++) out[k] = b >= late.length || (a < placed && cmp(all[a]!, late[b]!) <= 0) ? all[a++]! : late[b++]!;
  return out;
}

/** The parts of an imported trace's record facts (`ImportedFacts.recordFacts`). */
export interface ImportedRecordFacts {
  records: ImportedRecordList;
  /** Record i's time on the timeline. */
  times: Float64Array | Int32Array;
  /** Record i's key: its number in `keyStrings`. */
  keyIdOf: (i: number) => number;
  keyStrings: readonly string[];
  /** Record i's lane, by its number in `shardIds` and `streamArns`. */
  laneIds: Uint8Array | Uint16Array | Int32Array;
  shardIds: readonly string[];
  streamArns: readonly string[];
}

/**
 * An imported stream's facts in trace order. Each fact is a ref: a record's write (2·record) or
 * its record-appended (2·record + 1), or `~k` for the k-th of the few other facts (table, stream,
 * lanes, findings), read from `order` (./factOrder.ts: one Int32 a record, or none). A record's
 * fact is built when read, from the record, its time, its item's key string and its lane's class:
 * equal, field for field and in JSON, to the one kept before.
 */
export class ImportedFacts implements FactList {
  constructor(
    private readonly order: FactOrder,
    private readonly others: readonly TraceEvent[],
    private readonly records: ImportedRecordList,
    private readonly times: Float64Array | Int32Array,
    /** Record i's key: its number in `keyStrings` (`keyIds`). */
    private readonly keyIdOf: (i: number) => number,
    private readonly keyStrings: readonly string[],
    private readonly laneIds: Uint8Array | Uint16Array | Int32Array,
    private readonly appends: readonly AppendClass[],
    private readonly Write: WriteClass,
  ) {}

  get length(): number {
    return this.order.length;
  }

  at(index: number): TraceEvent | undefined {
    const ref = this.order.ref(index);
    if (ref === undefined) return undefined;
    if (ref < 0) return this.others[~ref];
    const i = ref >> 1;
    const t = this.times[i]!;
    const keyString = this.keyStrings[this.keyIdOf(i)]!;
    // A write reads only the record's event name and items: the columns spell out no strings for it.
    return (ref & 1 ? new this.appends[this.laneIds[i]!]!(t, keyString, this.records, i) : new this.Write(t, keyString, this.records.writeSource(i))) as TraceEvent;
  }

  /** The table every record's write is to. */
  get writeTable(): string {
    return (this.Write.prototype as ImportedWrite).table;
  }

  /** Fact `index`'s ref: record i's write 2·i, its record-appended 2·i + 1, or ~k for the k-th other fact. */
  ref(index: number): number | undefined {
    return this.order.ref(index);
  }

  /**
   * What a record's two facts are read from (`at` builds them from these): a pass over a million
   * facts reads a record's parts here instead of building its facts and spelling its record
   * (worker/importPlacing.ts).
   */
  recordFacts(): ImportedRecordFacts {
    const lanes = this.appends.map((A) => A.prototype as ImportedAppend);
    return {
      records: this.records,
      times: this.times,
      keyIdOf: this.keyIdOf,
      keyStrings: this.keyStrings,
      laneIds: this.laneIds,
      shardIds: lanes.map((l) => l.shardId),
      streamArns: lanes.map((l) => l.streamArn),
    };
  }

  /**
   * The facts that are not a record's write or append, ascending: the table, the stream, the lanes
   * and the findings. Every other fact is a write to the imported table or its record on a lane, so
   * a pass after tables, owners or consumers' facts reads these few (worker/run.ts `buildExtras`).
   */
  otherFacts(): Int32Array {
    return this.order.otherFacts();
  }

  *[Symbol.iterator](): Iterator<TraceEvent> {
    for (let i = 0; i < this.order.length; i++) yield this.at(i)!;
  }
}

/**
 * Record i's key number (`keyIds[i]`), read through the records' own key numbers when they have
 * them (./recordColumns.ts `keyId`: records of one Keys spelling share one) and every record of one
 * of those has one key number here: a number per item then, not per record (4 B a record).
 */
function keyReader(records: ImportedRecordList, keyIds: Int32Array): (i: number) => number {
  const columns = records as ImportedRecordList & { keyId?: (i: number) => number };
  if (typeof columns.keyId !== 'function') return (i) => keyIds[i]!;
  const byColumnKey: number[] = [];
  for (let i = 0; i < keyIds.length; i++) {
    const c = columns.keyId(i);
    const k = byColumnKey[c];
    if (k === undefined) byColumnKey[c] = keyIds[i]!;
    else if (k !== keyIds[i]) return (r) => keyIds[r]!;
  }
  return byColumns(columns as { keyId: (i: number) => number }, Int32Array.from(byColumnKey, (k) => k ?? -1));
}

/** Made apart from `keyReader`: a closure there would share its scope with the ones holding `keyIds`, and keep them. */
function byColumns(columns: { keyId: (i: number) => number }, held: Int32Array): (i: number) => number {
  return (i) => held[columns.keyId(i)]!;
}

/**
 * Record i's time on the timeline, from its second: records sharing a second are spread across it,
 * in input order. Records in order of their seconds (a stream read in order: most inputs) share a
 * second as one run of records, counted as they come; otherwise they are grouped by second first.
 */
function spreadInSeconds(records: ImportedRecordList, first: number): number[] {
  const n = records.length;
  const recordTimes = new Array<number>(n).fill(0);
  /** The k-th of `count` records of `second`. */
  const timeIn = (second: number, k: number, count: number) => (second - first) * 1000 + Math.floor((k * 1000) / count);
  let ordered = true;
  for (let i = 1; i < n && ordered; i++) ordered = records.seconds(i - 1) <= records.seconds(i);
  if (ordered) {
    for (let i = 0, j = 0; i < n; i = j) {
      const second = records.seconds(i);
      while (j < n && records.seconds(j) === second) j++;
      for (let k = 0; k < j - i; k++) recordTimes[i + k] = timeIn(second, k, j - i);
    }
    return recordTimes;
  }
  const perSecond = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const second = records.seconds(i);
    const list = perSecond.get(second);
    if (list) list.push(i);
    else perSecond.set(second, [i]);
  }
  for (const [second, list] of perSecond) list.forEach((r, k) => (recordTimes[r] = timeIn(second, k, list.length)));
  return recordTimes;
}

export function importedTrace(input: ImportedStream | ImportedStreamView, findings: readonly Finding[]): ImportedTrace {
  const stream = streamView(input);
  const table = stream.tableName ?? IMPORTED_TABLE;
  const streamArn = stream.streamArn ?? IMPORTED_STREAM_ARN;
  const { records } = stream;
  let first = records.length > 0 ? records.seconds(0) : 0;
  for (let i = 1; i < records.length; i++) first = Math.min(first, records.seconds(i));

  const recordTimes = spreadInSeconds(records, first);

  const lanes = importLanes(stream);
  // Facts in the order they are made (as refs: see `ImportedFacts`); a stable sort by time and
  // phase then keeps that order among equals. Counted first: the table, the stream, each lane's
  // opening (and closing), each record's two facts and each finding.
  const others: TraceEvent[] = [];
  const refs = new Int32Array(2 + lanes.length + lanes.filter((l) => l.closed).length + 2 * records.length + findings.length);
  let made = 0;
  const add = (fact: TraceEvent) => (refs[made++] = ~(others.push(fact) - 1));
  add({ t: 0, type: 'table-created', table, keyAttributes: [...stream.keyAttributes] });
  add({ t: 0, type: 'stream-enabled', table, streamArn, viewType: stream.viewType ?? 'NEW_AND_OLD_IMAGES' });

  // A shard was there before the capture began: a root lane opens at time 0, a child lane when its
  // parent's last record is past (or at its own first record, if that comes earlier).
  const spanOf = (lane: (typeof lanes)[number]) => {
    let first = Infinity;
    let last = 0;
    for (const i of lane.records) {
      first = Math.min(first, recordTimes[i]!);
      last = Math.max(last, recordTimes[i]!);
    }
    return { first, last };
  };
  const byId = new Map(lanes.map((l) => [l.id, l]));
  const keyStrings: string[] = [];
  const keyIdOf = new Map<string, number>();
  // Records of one item usually share their Keys object (the scanner's, or shared by the findings): spelt out once.
  const keyIdOfKeys = new Map<Item, number>();
  const columns = records as typeof records & { keyId?: (i: number) => number };
  const columnKey = typeof columns.keyId === 'function' ? (i: number) => columns.keyId!(i) : undefined;
  const byColumnKey: number[] = [];
  const keyIds = new Int32Array(records.length);
  // A lane's number in the fewest bytes its count allows (one byte up to 256 shards).
  const laneIds = lanes.length <= 0x100 ? new Uint8Array(records.length) : lanes.length <= 0x10000 ? new Uint16Array(records.length) : new Int32Array(records.length);
  const appends: AppendClass[] = [];
  let end = 0;
  lanes.forEach((lane, partition) => {
    const { first, last: lastRecord } = spanOf(lane);
    const parent = lane.parentShardId ? byId.get(lane.parentShardId) : undefined;
    const parentEnd = parent ? spanOf(parent).last : 0;
    const opened = parent ? Math.min(first, parentEnd) : 0;
    const last = Math.max(opened, lane.records.length > 0 ? lastRecord : opened);
    end = Math.max(end, last);
    const firstSeq = lane.records.length > 0 ? records.sequenceNumber(lane.records[0]!) : '0';
    add({ t: opened, type: 'shard-opened', streamArn, shardId: lane.id, ...(lane.parentShardId ? { parentShardId: lane.parentShardId } : {}), partition, startingSequenceNumber: lane.startingSequenceNumber ?? firstSeq });
    appends.push(appendClass(streamArn, lane.id));
    for (const i of lane.records) {
      // The columns' own key number first (a number per Keys spelling): no map of objects asked a million times.
      const c = columnKey === undefined ? -1 : columnKey(i);
      let k = c >= 0 ? byColumnKey[c] : undefined;
      if (k === undefined) {
        const keys = records.keys(i);
        k = keyIdOfKeys.get(keys);
        if (k === undefined) {
          const text = keyText(keys);
          // One string per item, not per record (a million records of 50,000 items).
          k = keyIdOf.get(text);
          if (k === undefined) keyIdOf.set(text, (k = keyStrings.push(text) - 1));
          keyIdOfKeys.set(keys, k);
        }
        if (c >= 0) byColumnKey[c] = k;
      }
      keyIds[i] = k;
      laneIds[i] = partition;
      refs[made++] = 2 * i;
      refs[made++] = 2 * i + 1;
    }
    if (lane.closed) add({ t: last, type: 'shard-closed', streamArn, shardId: lane.id, reason: 'rollover', ...(lane.endingSequenceNumber ? { endingSequenceNumber: lane.endingSequenceNumber } : {}) });
  });

  const placed = made;
  for (const f of findings) {
    const at = Math.max(...f.records.map((i) => recordTimes[i] ?? 0));
    add({ t: at, type: 'invariant-broken', check: f.kind, consumer: FINDINGS_CONSUMER, message: f.message, eventIDs: [...f.eventIDs] });
  }
  // Whole milliseconds from the first second: 32 bits hold 24 days of capture, and a longer one keeps doubles.
  const times = recordTimes.every((t) => (t | 0) === t) ? Int32Array.from(recordTimes) : Float64Array.from(recordTimes);
  const tOf = (ref: number) => (ref < 0 ? others[~ref]!.t : times[ref >> 1]!);
  const phaseOf = (ref: number) => (ref < 0 ? (PHASE[others[~ref]!.type] ?? 9) : ref & 1 ? PHASE['record-appended']! : PHASE.write!);
  if (made !== refs.length) throw new Error(`An imported trace made ${made} facts where it counted ${refs.length}`);
  const order = factOrder(inOrder(refs, placed, (a, b) => tOf(a) - tOf(b) || phaseOf(a) - phaseOf(b)), times);
  const trace = new ImportedFacts(order, others, records, times, keyReader(records, keyIds), keyStrings, laneIds, appends, writeClass(table));

  const span = Math.max(end, 1_000);
  return {
    trace,
    durationMs: span + Math.max(1_000, Math.round(span * 0.02)),
    epochMs: first * 1000,
    table,
    streamArn,
    recordTimes,
    lanes,
  };
}
