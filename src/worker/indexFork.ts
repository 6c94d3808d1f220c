/**
 * Indexing a forked run without indexing its past again (issue 19): a run forked from a world
 * snapshot has exactly its parent's first `facts` facts, so the parent's builder, cut back to that
 * fact, is the fork's builder after them. Only the new suffix is then indexed.
 *
 * Cutting back needs to know which fact set each value, and the builder stores times: the cut is
 * sound because the snapshot was taken between two instants — every fact before it is at or before
 * `atMs` and every fact after it later (`cutIsClean`); otherwise the caller indexes from fact 0.
 * Intervals closed after the cut (a shard closed, a record trimmed, a batch finished, a lease lost)
 * are open again; columns (fact times, deliveries too) are block-copied up to the cut (`column.ts`), small lists sliced; the large maps (records by eventID and by
 * sequence number, batches by id) are shared through `PrefixMap` layers, not copied.
 *
 * The forked index equals the index of the same trace built from fact 0 (`indexFork.test.ts`).
 *
 * May import: sim types, ./indexBuilder.ts, ./runIndex.ts, ./prefixMap.ts, ./column.ts. May not import: sim runtime, ui.
 */
import type { FactList } from '../sim/index.ts';
import { Builder } from './indexBuilder.ts';
import { indexTrace, lowerBound, upperBound, type IndexedTrace } from './runIndex.ts';
import { cutColumns } from './column.ts';

/** Whether `facts` splits the trace between instants: the facts before are at ≤ `atMs`, the ones after later. */
export function cutIsClean(trace: FactList, facts: number, atMs: number): boolean {
  if (facts > trace.length) return false;
  return (facts === 0 || trace.at(facts - 1)!.t <= atMs) && (facts === trace.length || trace.at(facts)!.t > atMs);
}

const open = (t: number, cutMs: number) => (t > cutMs ? Infinity : t);

/** The parent's builder as it stood after its first `facts` facts (all at or before `cutMs`). */
export function builderAt(parent: Builder, facts: number, cutMs: number): Builder {
  const b = new Builder();
  const nRec = parent.rec.fact.lowerBound(facts);
  const nBatch = upperBound(parent.batches.t0.view(), cutMs);
  const nLease = upperBound(parent.leases.t0.view(), cutMs);
  b.lanes = parent.lanes
    .filter((l) => l.openedAtMs <= cutMs)
    .map((l) => {
      const lane = { ...l, closedAtMs: open(l.closedAtMs, cutMs), expiredAtMs: open(l.expiredAtMs, cutMs) };
      if (lane.closedAtMs === Infinity) delete lane.closeReason;
      return lane;
    });
  b.laneByShard = new Map(b.lanes.map((l, i) => [l.shardId, i]));
  // Keys are numbered as records first name them, so the records before the cut name the first ones.
  let nKeys = 0;
  for (let r = 0; r < nRec; r++) nKeys = Math.max(nKeys, parent.rec.key.get(r) + 1);
  b.keys = parent.keys.slice(0, nKeys);
  b.keyStrings = parent.keyStrings.slice(0, nKeys);
  b.keyIdx = parent.keyIdx.fork(nKeys, b.keyStringOf);
  const nConsumers = lowerBound(parent.consumerFact, facts);
  b.consumers = parent.consumers.slice(0, nConsumers);
  b.consumerFact = parent.consumerFact.slice(0, nConsumers);
  b.consumerIdx = parent.consumerIdx.fork(nConsumers);
  const nWorkers = lowerBound(parent.workerFact, facts);
  b.workers = parent.workers.slice(0, nWorkers);
  b.workerFact = parent.workerFact.slice(0, nWorkers);
  b.workerIdx = parent.workerIdx.fork(nWorkers);
  b.tableLog = parent.tableLog.filter((x) => x.fact < facts);
  b.streamLog = parent.streamLog.filter((x) => x.fact < facts);
  for (const x of b.tableLog) b.tableKeys.set(x.table, x.keys);
  for (const x of b.streamLog) b.streamTable.set(x.streamArn, x.table);
  const { seq, fact, ...numeric } = parent.rec;
  // Into the fork's own `rec` object, which its `seqOf` reads (`Builder.seqOf`).
  Object.assign(b.rec, cutColumns(numeric, nRec), { fact: fact.cut(nRec), seq: seq.cut(nRec) });
  b.recEventIds = parent.recEventIds.cut(nRec);
  b.recByEventId = parent.recByEventId.fork(nRec, b.eventIdOf);
  b.recBySeq = parent.recBySeq.fork(nRec, b.seqOf);
  b.laneRecords = parent.laneRecords.slice(0, b.lanes.length).map((list) => list.cut(lowerBound(list.view(), nRec)));
  b.trims = parent.trims.cut(b.lanes.length, cutMs);
  b.laneTrimmed = b.laneRecords.map((list, lane) => Math.min(b.trims.trimmed(lane), list.length));
  b.deliveries = parent.deliveries.cut(facts, nRec);
  b.times = parent.times.cut(facts);
  b.cutMs = cutMs;
  b.harmAt = parent.harmAt.cut(nRec, cutMs);
  b.writeFacts = parent.writeFacts.cut(parent.writeFacts.lowerBound(facts));
  b.tableFacts = parent.tableFacts.cut(lowerBound(parent.tableFacts.view(), facts));
  b.rejectedFacts = parent.rejectedFacts.cut(lowerBound(parent.rejectedFacts.view(), facts));
  b.apiErrorFacts = parent.apiErrorFacts.cut(lowerBound(parent.apiErrorFacts.view(), facts));
  b.marks = cutColumns(parent.marks, lowerBound(parent.marks.fact.view(), facts));
  b.batches = cutColumns(parent.batches, nBatch);
  for (let i = 0; i < nBatch; i++) {
    if (b.batches.t1.get(i) <= cutMs) continue;
    b.batches.t1.set(i, Infinity);
    b.batches.outcome.set(i, 0);
  }
  b.batchById = parent.batchById.fork(nBatch);
  b.leases = cutColumns(parent.leases, nLease);
  for (let i = 0; i < nLease; i++) {
    b.leases.t1.set(i, open(b.leases.t1.get(i), cutMs));
    if (b.leases.t1.get(i) === Infinity) b.openLease.set(`${b.leases.consumer.get(i)}|${b.leases.lane.get(i)}`, i);
  }
  b.expiries = cutColumns(parent.expiries, upperBound(parent.expiries.t.view(), cutMs));
  return b;
}

/**
 * The index of `trace`, whose first `facts` facts are `parentTrace`'s (a fork from a snapshot at
 * `atMs`): the parent's builder cut back there plus the new facts. Undefined when the cut is not
 * clean (the caller then indexes the whole trace).
 */
export function forkIndex(parent: IndexedTrace, parentTrace: FactList, trace: FactList, facts: number, atMs: number, cut?: Builder): IndexedTrace | undefined {
  if (!cutIsClean(parentTrace, facts, atMs) || !cutIsClean(trace, facts, atMs)) return undefined;
  // `cut`: the parent's builder already cut back at `facts` (prepared while the playhead rested, `forks.ts`).
  return indexTrace(trace, cut ?? builderAt(parent.builder, facts, atMs), facts);
}
