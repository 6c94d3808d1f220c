/**
 * The ESM's stream reader: finds shards with DescribeStream, keeps parent-before-child order
 * (reference §6.3), anchors iterators with GetShardIterator and reads with GetRecords through
 * `callOperation`, exactly as a real poller would, so iterator expiry, trimmed data and shard ends
 * behave as on AWS. Read records are checked against the filters (consumed when none matches) and
 * queued on the lane their partition key hashes to. Touches: the mapping's state, the trace (through
 * the Streams API and its own facts). Reads `world.streams` only to skip empty reads at the head of
 * an open shard, which are outcome-equivalent to calling GetRecords and getting nothing.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import { callOperation } from '../../api/call.ts';
import { isAwsError } from '../../api/errors.ts';
import type { StreamRecord } from '../../stream/record.ts';
import type { ShardState, StreamState } from '../../stream/shards.ts';
import { keyString } from '../../table/attributes.ts';
import type { Fetched, Lane, Mapping, Resume, ShardRun } from './state.ts';
import { passesFilters } from './filter.ts';
import { toLambdaRecord } from './lambdaEvent.ts';
import { asReader, noteRead } from '../../stream/readLimit.ts';

const STREAMS = 'DynamoDBStreams_20120810.';

interface DescribedShard {
  ShardId: string;
  ParentShardId?: string;
  SequenceNumberRange: { EndingSequenceNumber?: string };
}

export function streamOf(world: World, m: Mapping): StreamState | undefined {
  return world.streams.get(m.eventSourceArn);
}

function shardOf(world: World, m: Mapping, run: ShardRun): ShardState | undefined {
  return streamOf(world, m)?.shardById.get(run.shardId);
}

function newLane(index: number): Lane {
  return { index, queue: [], batches: [], notBeforeMs: 0 };
}

export function isIdle(run: ShardRun): boolean {
  return run.lanes.every((l) => l.queue.length === 0 && l.batches.length === 0 && !l.inflight);
}

function describeAll(world: World, m: Mapping): DescribedShard[] | undefined {
  const shards: DescribedShard[] = [];
  let start: string | undefined;
  try {
    do {
      const out = callOperation(world, `${STREAMS}DescribeStream`, { StreamArn: m.eventSourceArn, ...(start ? { ExclusiveStartShardId: start } : {}) }) as {
        StreamDescription: { Shards: DescribedShard[]; LastEvaluatedShardId?: string };
      };
      shards.push(...out.StreamDescription.Shards);
      start = out.StreamDescription.LastEvaluatedShardId;
    } while (start !== undefined);
  } catch (e) {
    if (isAwsError(e)) return undefined; // the stream is gone (past retention): nothing to read
    throw e;
  }
  return shards;
}

/**
 * Adds shards not seen before. At the first discovery StartingPosition applies: LATEST starts open
 * shards at their tip and skips closed ones; shards found later (children) start at TRIM_HORIZON so
 * nothing written to them is lost. A child waits until its parent is finished, if we know the parent.
 */
export function discoverShards(world: World, m: Mapping): void {
  const described = describeAll(world, m);
  if (!described) return;
  const first = !m.discovered;
  m.discovered = true;
  for (const d of described) {
    if (m.shards.has(d.ShardId)) continue;
    const closed = d.SequenceNumberRange.EndingSequenceNumber !== undefined;
    const latest = first && m.config.StartingPosition === 'LATEST';
    const run: ShardRun = {
      shardId: d.ShardId,
      ...(d.ParentShardId ? { parentShardId: d.ParentShardId } : {}),
      status: latest && closed ? 'finished' : 'waiting-parent',
      iteratorIssuedAtMs: 0,
      nextIndex: 0,
      resume: latest ? { kind: 'LATEST' } : { kind: 'TRIM_HORIZON' },
      readToEnd: false,
      lastFetchMs: -1,
      lanes: [newLane(0)],
      window: [],
    };
    m.shards.set(d.ShardId, run);
    m.shardOrder.push(d.ShardId);
  }
  m.shardOrder.sort();
  activateReadyShards(m);
}

/** Parent before child: a shard starts once its parent (if the mapping knows it) is finished. */
export function activateReadyShards(m: Mapping): void {
  for (const id of m.shardOrder) {
    const run = m.shards.get(id)!;
    if (run.status !== 'waiting-parent') continue;
    const parent = run.parentShardId ? m.shards.get(run.parentShardId) : undefined;
    if (!parent || parent.status === 'finished') run.status = 'active';
  }
}

function iteratorRequest(m: Mapping, run: ShardRun): Record<string, unknown> {
  const base = { StreamArn: m.eventSourceArn, ShardId: run.shardId };
  return run.resume.kind === 'AFTER' ? { ...base, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: run.resume.seq } : { ...base, ShardIteratorType: run.resume.kind };
}

/** The shard is gone or its data was trimmed: say so and move the position as AWS would. */
function resetPosition(world: World, m: Mapping, run: ShardRun, code: string): void {
  if (code === 'TrimmedDataAccessException') {
    record(world, { t: world.nowMs, type: 'shard-position-reset', consumer: m.consumerId, shardId: run.shardId, reason: 'trimmed', to: 'TRIM_HORIZON' });
    run.resume = { kind: 'TRIM_HORIZON' };
  } else {
    record(world, { t: world.nowMs, type: 'shard-position-reset', consumer: m.consumerId, shardId: run.shardId, reason: 'shard-expired', to: 'SHARD_END' });
    run.readToEnd = true;
  }
  delete run.iterator;
}

/** Gets a fresh iterator at the run's resume point. Returns false when there is nothing to read. */
function anchor(world: World, m: Mapping, run: ShardRun): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const out = callOperation(world, `${STREAMS}GetShardIterator`, iteratorRequest(m, run)) as { ShardIterator: string };
      run.iterator = out.ShardIterator;
      run.iteratorIssuedAtMs = world.nowMs;
      const shard = shardOf(world, m, run);
      if (shard) {
        const r = run.resume;
        run.nextIndex = r.kind === 'TRIM_HORIZON' ? shard.trimmedCount : r.kind === 'LATEST' ? shard.records.length : shard.records.upperBound(BigInt(r.seq));
        // LATEST is a moment, not a place: pin it, so a later re-anchor resumes from here.
        if (r.kind === 'LATEST') run.resume = shard.records.length > 0 ? { kind: 'AFTER', seq: shard.records.sequenceNumberAt(shard.records.length - 1) } : { kind: 'TRIM_HORIZON' };
      }
      run.baseResume ??= run.resume;
      return true;
    } catch (e) {
      if (!isAwsError(e) || (e.code !== 'TrimmedDataAccessException' && e.code !== 'ResourceNotFoundException')) throw e;
      resetPosition(world, m, run, e.code);
      if (run.readToEnd) return false;
    }
  }
  return false;
}

function laneOf(m: Mapping, run: ShardRun, rec: StreamRecord, hashKey: string): number {
  if (run.lanes.length === 1) return 0;
  const v = rec.dynamodb.Keys[hashKey];
  const text = JSON.stringify(v ?? null);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % run.lanes.length;
}

/** A new ParallelizationFactor takes effect once every lane of the shard is idle, keeping per-key order. */
function resizeLanes(m: Mapping, run: ShardRun): void {
  const want = m.config.ParallelizationFactor;
  if (run.lanes.length === want || !isIdle(run)) return;
  run.lanes = Array.from({ length: want }, (_, i) => newLane(i));
}

function queued(run: ShardRun): number {
  return run.lanes.reduce((n, l) => n + l.queue.length, 0);
}

/** Whether a GetRecords call now could return anything; false only at the head of an open shard. */
function worthReading(world: World, m: Mapping, run: ShardRun): boolean {
  const shard = shardOf(world, m, run);
  if (!shard || shard.closedAtMs !== undefined || shard.records.length > run.nextIndex) return true;
  // Refresh the iterator now and then, as a poller reading an empty shard 4 times a second would.
  return world.nowMs - run.iteratorIssuedAtMs >= world.options.iteratorExpiryMs / 2;
}

/** One GetRecords call for the shard (at most one per tick), if lanes need records. */
export function fetch(world: World, m: Mapping, run: ShardRun): void {
  if (run.status !== 'active' || run.readToEnd || run.lastFetchMs === world.nowMs) return;
  resizeLanes(m, run);
  if (queued(run) >= m.config.BatchSize * run.lanes.length * 2) return;
  if (!run.iterator || world.nowMs - run.iteratorIssuedAtMs >= world.options.iteratorExpiryMs) {
    if (!anchor(world, m, run)) return;
  }
  const reader = { consumer: m.consumerId, worker: 'poller' };
  if (!worthReading(world, m, run)) {
    // The skipped call is an empty read: the poller still counts as one of the shard's readers.
    noteRead(world, m.eventSourceArn, run.shardId, reader);
    return;
  }
  run.lastFetchMs = world.nowMs;
  let out: { Records: StreamRecord[]; NextShardIterator?: string };
  try {
    const request = { ShardIterator: run.iterator, Limit: Math.min(1000, m.config.BatchSize * run.lanes.length) };
    out = asReader(world, reader, () => callOperation(world, `${STREAMS}GetRecords`, request)) as typeof out;
  } catch (e) {
    if (!isAwsError(e)) throw e;
    // Throttled (more than two readers on the shard): the poller backs off to its next poll.
    if (e.code === 'LimitExceededException') return;
    if (e.code === 'ExpiredIteratorException') {
      record(world, { t: world.nowMs, type: 'iterator-expired', consumer: m.consumerId, worker: 'poller', shardId: run.shardId });
      delete run.iterator;
    } else if (e.code === 'TrimmedDataAccessException' || e.code === 'ResourceNotFoundException') {
      resetPosition(world, m, run, e.code);
    } else throw e;
    return;
  }
  run.iterator = out.NextShardIterator;
  run.iteratorIssuedAtMs = world.nowMs;
  if (out.NextShardIterator === undefined) run.readToEnd = true;
  accept(world, m, run, out.Records);
}

function accept(world: World, m: Mapping, run: ShardRun, records: readonly StreamRecord[]): void {
  const stream = streamOf(world, m);
  const shard = shardOf(world, m, run);
  const keyNames = stream ? stream.keySchema.map((k) => k.AttributeName) : [];
  const hashKey = keyNames[0] ?? '';
  const filtered: string[] = [];
  for (const rec of records) {
    const seq = BigInt(rec.dynamodb.SequenceNumber);
    const index = shard ? shard.records.upperBound(seq) - 1 : run.nextIndex;
    const f: Fetched = {
      record: rec,
      seq,
      index,
      keyString: keyNames.length > 0 ? keyString(rec.dynamodb.Keys, keyNames) : '',
      arrivedAtMs: shard && index >= 0 && index < shard.records.length ? shard.records.timeAt(index) : world.nowMs,
      fetchedAtMs: world.nowMs,
      lane: laneOf(m, run, rec, hashKey),
      done: false,
    };
    run.nextIndex = index + 1;
    run.resume = { kind: 'AFTER', seq: rec.dynamodb.SequenceNumber };
    run.window.push(f);
    if (m.filters.length > 0 && !passesFilters(m.filters, toLambdaRecord(rec, m.eventSourceArn))) {
      f.done = true;
      filtered.push(rec.eventID);
    } else {
      run.lanes[f.lane]!.queue.push(f);
    }
  }
  if (filtered.length > 0) record(world, { t: world.nowMs, type: 'records-filtered', consumer: m.consumerId, shardId: run.shardId, eventIDs: filtered });
}

/** Forgets everything read but not processed; the next read resumes after the checkpoint (check 58). */
export function rewindToCheckpoint(run: ShardRun): void {
  if (run.status === 'finished') return;
  for (const lane of run.lanes) {
    lane.queue = [];
    lane.batches = [];
    lane.notBeforeMs = 0;
  }
  run.window = [];
  run.readToEnd = false;
  delete run.iterator;
  const base: Resume = run.baseResume ?? run.resume;
  run.resume = run.checkpoint !== undefined ? { kind: 'AFTER', seq: run.checkpoint } : base;
}
