/**
 * Packs what the view needs at the playhead: the frame for one animation frame (columns as typed
 * arrays within the visible window, plus a small structured part), and the whole `SimView` for
 * tools and tests. Reads the run's index (intervals) and the fold's state (tables, consumers).
 *
 * May import: sim types, ./runIndex.ts, ./fold.ts, ./view.ts helpers, ./columns.ts, ./frameTail.ts, ./colourKeys.ts (types), protocol types.
 * May not import: sim runtime, comlink, ui.
 */
import type { AttributeValue, FactList } from '../sim/index.ts';
import { EVENT_NAMES, MAX_FRAME_ITEMS, MAX_FRAME_WRITES } from './columns.ts';
import type { FoldState, TableState } from './fold.ts';
import type { BatchColumns, ConsumerLaneView, ConsumerView, Frame, FramePart, FrameRequest, ItemRow, LeaseColumns, LaneView, RecordView, ShardView, SimView, StreamView, TableView, ViewCounts, WriteView } from './protocol.ts';
import { laneStatus, lowerBound, lowerBoundBy, upperBound, upperBoundBy, type RunIndex } from './runIndex.ts';
import { keySummary, replicaViewName } from './view.ts';
import type { ColourBy, ColourKeys } from './colourKeys.ts';
import { batchesFor, marksFor, recordsFor } from './frameTail.ts';
import { cutWindow } from './olderCounts.ts';
import { recordHead } from './factReads.ts';

/** Plain code-unit order, as view.ts sorts (locale-free, same in Node and every browser). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function tableView(t: TableState, maxItems: number, index?: RunIndex): TableView {
  // The first `maxItems` in the panel's order (key summary, then key string); only those rows are built.
  const capped = t.items.first(maxItems);
  const items = index && t.keyAttributes.includes('leaseKey') ? capped.map((row) => withCheckpointOrdinal(index, row)) : capped;
  const others = new Set<string>();
  for (const row of items) for (const name of Object.keys(row.item)) if (!t.keyAttributes.includes(name)) others.add(name);
  return {
    name: t.name,
    keyAttributes: t.keyAttributes,
    attributeNames: [...t.keyAttributes, ...[...others].sort(compareText)],
    items,
    ...(t.items.size > maxItems ? { itemCount: t.items.size } : {}),
    ...(t.streamArn ? { streamArn: t.streamArn } : {}),
  };
}

const stringOf = (v: AttributeValue | undefined): string | undefined => (v !== undefined && 'S' in v ? v.S : undefined);

/** A lease row names its checkpoint by the record's place on the leased shard, as every other panel does. */
function withCheckpointOrdinal(index: RunIndex, row: ItemRow): ItemRow {
  const shardId = stringOf(row.item.leaseKey);
  const checkpoint = stringOf(row.item.checkpoint);
  if (shardId === undefined || checkpoint === undefined) return row;
  const ordinal = ordinalOf(index, shardId, checkpoint);
  return ordinal === undefined ? row : { ...row, checkpointOrdinal: ordinal };
}

function countsAt(index: RunIndex, factCount: number): ViewCounts {
  const recordFacts = index.rec.fact.lowerBound(factCount);
  const writeFacts = index.writeFacts.lowerBound(factCount);
  const rejected = lowerBound(index.rejectedFacts, factCount);
  return { facts: factCount, writes: writeFacts - rejected, rejected, records: recordFacts, apiErrors: lowerBound(index.apiErrorFacts, factCount) };
}

/** The latest `max` writes among the first `factCount` facts, most recent first. */
function writesAt(index: RunIndex, trace: FactList, factCount: number, max: number, keyAttributes: (table: string) => string[], homeRegions: ReadonlyMap<string, string>): WriteView[] {
  const end = index.writeFacts.lowerBound(factCount);
  const out: WriteView[] = [];
  for (let w = end - 1; w >= 0 && out.length < max; w--) {
    const e = trace.at(index.writeFacts.get(w))!;
    if (e.type === 'write') {
      out.push({ atMs: e.t, table: replicaViewName(homeRegions, e.table, e.region), op: e.op, keyString: e.keyString, keySummary: keySummary(e.key, keyAttributes(e.table)), outcome: e.outcome, ...(e.byService ? { byService: true } : {}) });
    } else if (e.type === 'write-rejected') {
      out.push({ atMs: e.t, table: replicaViewName(homeRegions, e.table, e.region), op: e.op, keyString: e.keyString, keySummary: keySummary(e.key, keyAttributes(e.table)), outcome: 'rejected', reason: e.reason });
    }
  }
  return out;
}

function laneView(index: RunIndex, lane: number, atMs: number): LaneView {
  const l = index.lanes[lane]!;
  const closed = l.closedAtMs <= atMs;
  return {
    shardId: l.shardId,
    streamArn: l.streamArn,
    ...(l.parentShardId ? { parentShardId: l.parentShardId } : {}),
    partition: l.partition,
    openedAtMs: l.openedAtMs,
    ...(closed ? { closedAtMs: l.closedAtMs, closeReason: l.closeReason ?? 'closed' } : {}),
    status: laneStatus(l, atMs),
  };
}

/** Lanes opened by `atMs`, in the order they opened. */
function lanesAt(index: RunIndex, atMs: number): LaneView[] {
  const out: LaneView[] = [];
  for (let lane = 0; lane < index.lanes.length && index.lanes[lane]!.openedAtMs <= atMs; lane++) out.push(laneView(index, lane, atMs));
  return out;
}

/** A record's place on its shard (`RunIndex.rec.ordinal`) by shard and sequence number; undefined if not a record of the run. */
export function ordinalOf(index: RunIndex, shardId: string, sequenceNumber: string): number | undefined {
  const lane = index.laneByShard.get(shardId);
  const r = lane === undefined ? undefined : index.recBySeq.get(lane, sequenceNumber);
  return r === undefined ? undefined : index.rec.ordinal[r];
}

function consumersAt(index: RunIndex, state: FoldState): ConsumerView[] {
  const byId = new Map<string, ConsumerView>(index.consumers.map((id) => [id, { id, checkpoints: [], workers: [], broken: [] }]));
  const of = (id: string) => byId.get(id) ?? byId.set(id, { id, checkpoints: [], workers: [], broken: [] }).get(id)!;
  for (const c of state.checkpoints.values()) {
    const ordinal = ordinalOf(index, c.shardId, c.value);
    of(c.consumer).checkpoints.push({ shardId: c.shardId, value: c.value, atMs: c.atMs, worker: c.worker, ...(ordinal !== undefined ? { ordinal } : {}) });
  }
  for (const w of state.workers.values()) of(w.consumer).workers.push({ worker: w.worker, status: w.status, sinceMs: w.sinceMs });
  for (const b of state.broken.values()) of(b.consumer).broken.push({ check: b.check, message: b.message, atMs: b.atMs });
  return [...byId.values()];
}

function streamsMeta(state: FoldState): Array<Omit<StreamView, 'shards'>> {
  return [...state.streams.values()].map((s) => ({ ...s }));
}

export interface FrameContext {
  runId: number;
  index: RunIndex;
  trace: FactList;
  durationMs: number;
  /** The scenario's `view.colourBy`: records coloured by that attribute's value (colourKeys.ts). */
  colourBy?: ColourBy;
}

/**
 * One frame at `request.atMs` from the fold state at that time. `colourKeys`: the records' colours
 * by `ctx.colourBy` (`colourKeys.ts`, a chunk the host loads for such a run), else by item.
 */
export function packFrame(ctx: FrameContext, state: FoldState, request: FrameRequest, atMs: number, held: ReadonlySet<FramePart> = new Set(), colourKeys?: ColourKeys): Frame {
  const { index, trace } = ctx;
  const rec = index.rec;
  const fromMs = Math.max(0, request.fromMs ?? 0);
  const toMs = Math.min(atMs, request.toMs ?? Infinity);
  const first = lowerBoundBy(rec.n, rec.t, fromMs);
  const end = Math.max(first, upperBoundBy(rec.n, rec.t, toMs));
  // The newest records one by one, the older ones of the window as counts (olderCounts.ts).
  const { start, ...older } = cutWindow(index, ctx.runId, request, fromMs, request.toMs ?? Math.max(toMs, ctx.durationMs), first, end);
  // Sequence numbers only for the records the client lacks (it keeps a per-run table).
  const known = request.knownSequence?.runId === ctx.runId ? request.knownSequence : undefined;
  let sFrom = start;
  let sTo = end;
  if (known && known.from <= start && known.to >= start) sFrom = Math.min(end, known.to);
  else if (known && known.from <= end && known.to >= end && known.from > start) sTo = known.from;
  const sequenceChunk = { from: sFrom, values: rec.seq.slice(sFrom, Math.max(sFrom, sTo)) };
  // Only what the client lacks of the window's records and marks (frameTail.ts).
  const recordPart = recordsFor(index, ctx.runId, request, start, end, atMs, colourKeys?.codes);
  const m0 = lowerBoundBy(index.marks.n, index.marks.t, fromMs);
  const markPart = marksFor(index, ctx.runId, request, m0, Math.max(m0, upperBoundBy(index.marks.n, index.marks.t, toMs)));
  const nextR = upperBoundBy(rec.n, rec.t, atMs);
  const nextFact = nextR < rec.n ? trace.at(rec.fact.get(nextR)) : undefined;
  const keyAttributes = (table: string) => state.tables.get(table)?.keyAttributes ?? [];
  return {
    runId: ctx.runId,
    atMs,
    factCount: state.factCount,
    ...recordPart,
    recordFrom: start,
    sequenceChunk,
    sequenceNumbers: [],
    recordsOmitted: start - first,
    ...older,
    ...markPart,
    ...(colourKeys ? { colourKey: { attribute: colourKeys.attribute, label: colourKeys.label, values: colourKeys.values } } : {}),
    lanes: lanesAt(index, atMs),
    // A part the client holds at this version (`held`, frameParts.ts) is left empty.
    tables: held.has('tables') ? [] : [...state.tables.values()].map((t) => tableView(t, MAX_FRAME_ITEMS, index)),
    streams: streamsMeta(state),
    writes: held.has('writes') ? [] : writesAt(index, trace, state.factCount, MAX_FRAME_WRITES, keyAttributes, state.homeRegions),
    counts: countsAt(index, state.factCount),
    consumers: consumersAt(index, state),
    ...(nextFact?.type === 'record-appended'
      ? { nextRecord: { atMs: nextFact.t, shardId: nextFact.shardId, sequenceNumber: recordHead(nextFact).dynamodb.SequenceNumber, keyString: nextFact.keyString } }
      : {}),
    ...selectedBody(ctx, request, atMs),
    window: { fromMs, toMs },
    ...batchesFor(index, ctx.runId, request, fromMs, toMs, atMs, () => batchesIn(index, fromMs, toMs, atMs)),
    leases: leasesIn(index, fromMs, toMs, atMs),
    workers: index.workers,
    consumerLanes: consumerLanesAt(index, state, atMs),
    ...(state.replicaVerdicts.size > 0 ? { replicas: [...state.replicaVerdicts.values()] } : {}),
  };
}

/** Batches delivered by the playhead that overlap [fromMs, toMs]; outcome as known at the playhead. */
export function batchesIn(index: RunIndex, fromMs: number, toMs: number, atMs: number): BatchColumns {
  const b = index.batches;
  const end = upperBound(b.t0, Math.min(toMs, atMs));
  const picked: number[] = [];
  for (let i = 0; i < end; i++) if (Math.min(b.t1[i]!, atMs) >= fromMs) picked.push(i);
  const n = picked.length;
  const out: BatchColumns = { t0: new Float64Array(n), t1: new Float64Array(n), consumer: new Uint16Array(n), lane: new Int16Array(n), worker: new Uint16Array(n), outcome: new Uint8Array(n), trigger: new Uint8Array(n), count: new Uint16Array(n) };
  const lastRecT = (out.lastRecT = new Float64Array(n));
  for (let k = 0; k < n; k++) {
    const i = picked[k]!;
    const done = b.t1[i]! <= atMs;
    out.t0[k] = b.t0[i]!;
    out.t1[k] = done ? b.t1[i]! : NaN;
    out.consumer[k] = b.consumer[i]!;
    out.lane[k] = b.lane[i]!;
    out.worker[k] = b.worker[i]!;
    out.outcome[k] = done ? b.outcome[i]! : 0;
    out.trigger[k] = b.trigger[i]!;
    out.count[k] = b.count[i]!;
    lastRecT[k] = b.lastRecT[i]!;
  }
  return out;
}

/** Leases taken by the playhead that overlap [fromMs, toMs]. */
export function leasesIn(index: RunIndex, fromMs: number, toMs: number, atMs: number): LeaseColumns {
  const l = index.leases;
  const picked: number[] = [];
  for (let i = 0; i < l.t0.length; i++) if (l.t0[i]! <= Math.min(toMs, atMs) && Math.min(l.t1[i]!, atMs) >= fromMs) picked.push(i);
  const n = picked.length;
  const out: LeaseColumns = { t0: new Float64Array(n), t1: new Float64Array(n), consumer: new Uint16Array(n), lane: new Int16Array(n), worker: new Uint16Array(n) };
  for (let k = 0; k < n; k++) {
    const i = picked[k]!;
    out.t0[k] = l.t0[i]!;
    out.t1[k] = l.t1[i]! <= atMs ? l.t1[i]! : NaN;
    out.consumer[k] = l.consumer[i]!;
    out.lane[k] = l.lane[i]!;
    out.worker[k] = l.worker[i]!;
  }
  return out;
}

/** Per consumer and shard at the playhead: the iterator (last delivered record), the checkpoint, an expiry, the lease holder. */
export function consumerLanesAt(index: RunIndex, state: FoldState, atMs: number): ConsumerLaneView[] {
  const byKey = new Map<string, ConsumerLaneView>();
  const of = (consumer: number, lane: number) => {
    const k = `${consumer}|${lane}`;
    let v = byKey.get(k);
    if (!v) byKey.set(k, (v = { consumer, lane }));
    return v;
  };
  const b = index.batches;
  const lastRead = new Map<string, number>();
  for (let i = 0, end = upperBound(b.t0, atMs); i < end; i++) {
    if (b.lane[i]! < 0) continue;
    const v = of(b.consumer[i]!, b.lane[i]!);
    if (!Number.isNaN(b.lastRecT[i]!)) v.iteratorMs = Math.max(v.iteratorMs ?? -Infinity, b.lastRecT[i]!);
    lastRead.set(`${v.consumer}|${v.lane}`, b.t0[i]!);
  }
  const x = index.expiries;
  for (let i = 0; i < x.t.length && x.t[i]! <= atMs; i++) {
    if (x.lane[i]! < 0) continue;
    const k = `${x.consumer[i]!}|${x.lane[i]!}`;
    const v = of(x.consumer[i]!, x.lane[i]!);
    if ((lastRead.get(k) ?? -Infinity) <= x.t[i]!) v.expiredAtMs = x.t[i]!;
  }
  for (const [k, readAt] of lastRead) {
    const v = byKey.get(k)!;
    if (v.expiredAtMs !== undefined && readAt > v.expiredAtMs) delete v.expiredAtMs;
  }
  const consumerIdx = new Map(index.consumers.map((id, i) => [id, i]));
  for (const c of state.checkpoints.values()) {
    const consumer = consumerIdx.get(c.consumer);
    const lane = index.laneByShard.get(c.shardId);
    if (consumer === undefined || lane === undefined) continue;
    const v = of(consumer, lane);
    v.checkpoint = c.value;
    const r = index.recBySeq.get(lane, c.value);
    if (r !== undefined) v.checkpointMs = index.rec.t(r);
    else if (c.value === 'SHARD_END') v.checkpointMs = index.lanes[lane]!.closedAtMs;
  }
  const l = index.leases;
  for (let i = 0; i < l.t0.length && l.t0[i]! <= atMs; i++) {
    if (l.lane[i]! < 0 || l.t1[i]! <= atMs) continue;
    of(l.consumer[i]!, l.lane[i]!).leaseHolder = index.workers[l.worker[i]!]!;
  }
  return [...byKey.values()].sort((a, c) => a.consumer - c.consumer || a.lane - c.lane);
}

function selectedBody(ctx: FrameContext, request: FrameRequest, atMs: number): Pick<Frame, 'selectedRecord'> {
  const sel = request.selected;
  if (!sel) return {};
  const lane = ctx.index.laneByShard.get(sel.shardId);
  const rec = ctx.index.rec;
  const end = upperBoundBy(rec.n, rec.t, atMs);
  for (let r = 0; r < end; r++) {
    if (rec.lane[r] === lane && rec.seq.get(r) === sel.sequenceNumber) {
      const e = ctx.trace.at(rec.fact.get(r));
      return e?.type === 'record-appended' ? { selectedRecord: e.record } : {};
    }
  }
  return {};
}

/** The transferable buffers of a frame (for comlink `transfer`). */
export function frameBuffers(frame: Frame): ArrayBuffer[] {
  const cols = [...Object.values(frame.records), ...(frame.olderCounts ? [frame.olderCounts.counts] : []), ...Object.values(frame.recordTail?.changed ?? {}), ...Object.values(frame.marks), ...Object.values(frame.batches), ...Object.values(frame.batchTail?.changed ?? {}), ...Object.values(frame.leases)] as ArrayBufferView[];
  return cols.map((c) => c.buffer as ArrayBuffer);
}

/** The whole picture at `atMs`, uncapped, in the shape `foldView` gives (tools and tests). */
export function fullView(ctx: FrameContext, state: FoldState, atMs: number): SimView {
  const { index, trace } = ctx;
  const rec = index.rec;
  const end = upperBoundBy(rec.n, rec.t, atMs);
  const shards = new Map<string, ShardView>();
  for (let lane = 0; lane < index.lanes.length && index.lanes[lane]!.openedAtMs <= atMs; lane++) {
    const { streamArn: _arn, ...l } = laneView(index, lane, atMs);
    shards.set(index.lanes[lane]!.shardId, { ...l, records: [] });
  }
  for (let r = 0; r < end; r++) {
    const e = trace.at(rec.fact.get(r));
    const shard = shards.get(index.lanes[rec.lane[r]!]!.shardId);
    if (e?.type !== 'record-appended' || !shard) continue;
    const view: RecordView = {
      atMs: e.t,
      sequenceNumber: rec.seq.get(r)!,
      eventName: EVENT_NAMES[rec.event[r]!]!,
      keyString: e.keyString,
      keySummary: index.keys[rec.key[r]!]!,
      ordinal: rec.ordinal[r]!,
      trimmed: rec.trimmedAt(r) <= atMs,
      record: e.record,
    };
    shard.records.push(view);
  }
  const streams: StreamView[] = streamsMeta(state).map((s) => ({
    ...s,
    shards: index.lanes.filter((l) => l.streamArn === s.streamArn && shards.has(l.shardId)).map((l) => shards.get(l.shardId)!),
  }));
  const keyAttributes = (table: string) => state.tables.get(table)?.keyAttributes ?? [];
  return {
    atMs,
    tables: [...state.tables.values()].map((t) => tableView(t, Infinity, index)),
    streams,
    writes: writesAt(index, trace, state.factCount, Infinity, keyAttributes, state.homeRegions),
    counts: countsAt(index, state.factCount),
  };
}
