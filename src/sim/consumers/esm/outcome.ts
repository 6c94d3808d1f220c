/**
 * What the ESM does with an invocation's result (reference §6.4–6.6, checks 48–56): checkpoint a
 * successful batch, cut a partial failure at the lowest reported sequence number, retry a failed
 * batch with back-off until MaximumRetryAttempts, bisect it when BisectBatchOnFunctionError is on,
 * discard it (and report it to the on-failure destination) when retries or MaximumRecordAgeInSeconds
 * run out, and close a shard once everything in it is done. Touches: the mapping's state, the
 * trace, the destinations' mailboxes.
 */
import type { World } from '../../world.ts';
import { epochAt, record } from '../../world.ts';
import { deliver, destinationKind } from '../../lambda/destinations.ts';
import { functionArn, newUuid } from '../../lambda/functions.ts';
import type { DiscardCondition } from './events.ts';
import { onFailureRecord, s3ObjectKey } from './lambdaEvent.ts';
import type { Batch, Lane, Mapping, ShardRun } from './state.ts';
import { esmState, workerName } from './state.ts';
import { activateReadyShards, discoverShards, isIdle } from './reader.ts';

/** Back-off before the n-th retry of a batch: 1 s, 2 s, 4 s … capped at 60 s (AWS backs off; its curve is not documented). */
export function retryDelayMs(failures: number): number {
  let d = 1_000;
  for (let i = 1; i < failures && d < 60_000; i++) d *= 2;
  return Math.min(d, 60_000);
}

function newBatch(m: Mapping, records: Batch['records'], trigger: Batch['trigger'], failures: number): Batch {
  return { id: m.nextBatchId++, records, trigger, invokeCount: 0, failures };
}

/** Moves the checkpoint over every leading record that is done (records-read order = shard order). */
export function advanceCheckpoint(world: World, m: Mapping, run: ShardRun, worker: string): void {
  let i = 0;
  while (i < run.window.length && run.window[i]!.done) i++;
  if (i === 0) return;
  const seq = run.window[i - 1]!.record.dynamodb.SequenceNumber;
  run.window.splice(0, i);
  if (run.checkpoint === seq) return;
  run.checkpoint = seq;
  record(world, { t: world.nowMs, type: 'checkpoint', consumer: m.consumerId, worker, shardId: run.shardId, value: seq, strategy: 'lambda' });
}

/** A shard read to its end with nothing left in flight is finished; its children may start. */
export function finishIfDone(world: World, m: Mapping, run: ShardRun): void {
  if (run.status !== 'active' || !run.readToEnd || run.window.some((f) => !f.done) || !isIdle(run)) return;
  run.status = 'finished';
  record(world, { t: world.nowMs, type: 'checkpoint', consumer: m.consumerId, worker: 'poller', shardId: run.shardId, value: 'SHARD_END', strategy: 'lambda' });
  discoverShards(world, m);
  activateReadyShards(m);
}

export function succeed(world: World, m: Mapping, run: ShardRun, lane: Lane, batch: Batch): void {
  const worker = workerName(lane.index);
  if (m.loseNextCheckpoint) {
    // A `crash before-checkpoint` fault: the poller dies after the function succeeded, so the same
    // batch is delivered again. Not a function error: it does not count against retries.
    m.loseNextCheckpoint = false;
    record(world, { t: world.nowMs, type: 'crash', consumer: m.consumerId, worker, reason: 'poller crashed before checkpointing a successful batch' });
    batch.trigger = 'redelivery';
    return;
  }
  for (const f of batch.records) f.done = true;
  record(world, { t: world.nowMs, type: 'batch-succeeded', consumer: m.consumerId, worker, shardId: run.shardId, batchId: batch.id });
  lane.batches.shift();
  m.lastSuccess = { shardId: run.shardId, lane: lane.index, records: batch.records };
  m.lastProcessingResult = 'OK';
  advanceCheckpoint(world, m, run, worker);
  finishIfDone(world, m, run);
}

function exhausted(m: Mapping, batch: Batch): boolean {
  const r = m.config.MaximumRetryAttempts;
  return r !== -1 && batch.failures > r;
}

/** Records before `fromIndex` succeeded; the rest become a new batch with a fresh retry count (case 29). */
export function partiallyFail(world: World, m: Mapping, run: ShardRun, lane: Lane, batch: Batch, fromIndex: number, seq: string): void {
  const worker = workerName(lane.index);
  record(world, { t: world.nowMs, type: 'batch-failed', consumer: m.consumerId, worker, shardId: run.shardId, batchId: batch.id, error: 'ReportBatchItemFailures', failedSequenceNumber: seq });
  m.lastProcessingResult = 'PROBLEM: Function call failed';
  if (fromIndex === 0) {
    // Nothing succeeded: it is the same batch again, and that retry counts (case 29: 4 invokes with 3 retries).
    retryOrDiscard(world, m, run, lane, batch);
    return;
  }
  for (const f of batch.records.slice(0, fromIndex)) f.done = true;
  lane.batches.splice(0, 1, newBatch(m, batch.records.slice(fromIndex), 'partial-retry', 0));
  lane.notBeforeMs = world.nowMs + retryDelayMs(1);
  advanceCheckpoint(world, m, run, worker);
}

function retryOrDiscard(world: World, m: Mapping, run: ShardRun, lane: Lane, batch: Batch): void {
  batch.failures++;
  if (exhausted(m, batch)) {
    discard(world, m, run, lane, batch, 'RetryAttemptsExhausted');
    return;
  }
  batch.trigger = 'retry';
  lane.notBeforeMs = world.nowMs + retryDelayMs(batch.failures);
}

/** A failed invocation (error, timeout, malformed response): bisect, retry or discard. */
export function fail(world: World, m: Mapping, run: ShardRun, lane: Lane, batch: Batch, error: string): void {
  const worker = workerName(lane.index);
  record(world, { t: world.nowMs, type: 'batch-failed', consumer: m.consumerId, worker, shardId: run.shardId, batchId: batch.id, error });
  m.lastProcessingResult = 'PROBLEM: Function call failed';
  if (!m.config.BisectBatchOnFunctionError || batch.records.length < 2) {
    retryOrDiscard(world, m, run, lane, batch);
    return;
  }
  // Check 52: splitting does not consume retries ('reset-per-half', the default). 'carry-over'
  // counts every failed invocation, splits included, and hands the count down to the halves.
  const carry = esmState(world).bisectRetryCounter === 'carry-over';
  if (carry) {
    batch.failures++;
    if (exhausted(m, batch)) {
      discard(world, m, run, lane, batch, 'RetryAttemptsExhausted');
      return;
    }
  }
  const mid = Math.ceil(batch.records.length / 2);
  const first = newBatch(m, batch.records.slice(0, mid), 'bisect', carry ? batch.failures : 0);
  const second = newBatch(m, batch.records.slice(mid), 'bisect', carry ? batch.failures : 0);
  lane.batches.splice(0, 1, first, second);
  record(world, { t: world.nowMs, type: 'batch-bisected', consumer: m.consumerId, worker, shardId: run.shardId, batchId: batch.id, halves: [first.id, second.id] });
}

/** Gives up on a batch: its records count as processed, and the destination hears about it. */
export function discard(world: World, m: Mapping, run: ShardRun, lane: Lane, batch: Batch, condition: DiscardCondition): void {
  const worker = workerName(lane.index);
  const records = batch.records.map((f) => f.record);
  for (const f of batch.records) f.done = true;
  record(world, {
    t: world.nowMs,
    type: 'batch-discarded',
    consumer: m.consumerId,
    worker,
    shardId: run.shardId,
    batchId: batch.id,
    condition,
    eventIDs: records.map((r) => r.eventID),
    firstSequenceNumber: records[0]!.dynamodb.SequenceNumber,
    lastSequenceNumber: records[records.length - 1]!.dynamodb.SequenceNumber,
    approximateInvokeCount: batch.invokeCount,
  });
  const dest = m.config.DestinationConfig.OnFailure.Destination;
  if (dest !== undefined) report(world, m, run, batch, condition, dest);
  if (lane.batches[0] === batch) lane.batches.shift();
  advanceCheckpoint(world, m, run, worker);
  finishIfDone(world, m, run);
}

function report(world: World, m: Mapping, run: ShardRun, batch: Batch, condition: DiscardCondition, dest: string): void {
  const kind = destinationKind(dest) ?? 'sqs';
  const records = batch.records.map((f) => f.record);
  const info = onFailureRecord(
    {
      requestId: batch.lastRequestId ?? newUuid(world),
      functionArn: functionArn(world, m.functionName),
      condition,
      approximateInvokeCount: batch.invokeCount,
      functionError: batch.lastFunctionError ?? null,
      nowEpochMs: epochAt(world),
      shardId: run.shardId,
      streamArn: m.eventSourceArn,
      records,
    },
    kind === 's3',
  );
  const key = kind === 's3' ? s3ObjectKey(m.uuid, run.shardId, epochAt(world), world.rng.consumers.hex(16)) : '';
  deliver(world, dest, info, key);
  record(world, {
    t: world.nowMs,
    type: 'destination-received',
    consumer: m.consumerId,
    destination: dest,
    destinationKind: kind,
    condition,
    shardId: run.shardId,
    batchSize: records.length,
    startSequenceNumber: info.DDBStreamBatchInfo.startSequenceNumber,
    endSequenceNumber: info.DDBStreamBatchInfo.endSequenceNumber,
  });
}
