/**
 * Batches and invocations (reference §6.1, §6.4): a lane forms a batch from its queue (BatchSize,
 * MaximumBatchingWindowInSeconds, the 6 MB payload cap), drops it if it is too old, and invokes the
 * function synchronously: the lane waits for the result, which takes effect at start + duration
 * (or start + timeout) through a scheduled `complete` action. The function's code runs at the
 * start, so its side effects happen then; an async function is awaited before anything else runs.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import { noteDelivery, scheduleConsumerAction } from '../runtime.ts';
import { durationOf, getFunction, lambdaContext, newUuid, type FunctionEntry } from '../../lambda/functions.ts';
import { extraProcessingMs, isPoison } from '../../faults/consumerFaults.ts';
import type { Batch, Invocation, Lane, Mapping, ShardRun } from './state.ts';
import { workerName } from './state.ts';
import { fetch, streamOf } from './reader.ts';
import { discard, fail, partiallyFail, succeed } from './outcome.ts';
import { readBatchResponse, toLambdaEvent } from './lambdaEvent.ts';
import type { InvocationOutcome } from './events.ts';
import { isUserCodeError } from '../../usercode/types.ts';

const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** A function that cannot be found is a pre-invoke error: retried, never counted (check 51). */
const MISSING_FUNCTION_RETRY_MS = 10_000;

export function isPromise(v: unknown): v is Promise<unknown> {
  return typeof (v as { then?: unknown } | null | undefined)?.then === 'function';
}

function rbif(m: Mapping): boolean {
  return m.config.FunctionResponseTypes.includes('ReportBatchItemFailures');
}

function ready(world: World, m: Mapping, run: ShardRun, lane: Lane): boolean {
  const n = lane.queue.length;
  if (n === 0) return false;
  const windowMs = m.config.MaximumBatchingWindowInSeconds * 1000;
  return windowMs === 0 || n >= m.config.BatchSize || run.readToEnd || world.nowMs >= lane.queue[0]!.fetchedAtMs + windowMs;
}

function formBatch(world: World, m: Mapping, run: ShardRun, lane: Lane): Batch | undefined {
  if (!ready(world, m, run, lane)) fetch(world, m, run);
  if (!ready(world, m, run, lane)) return undefined;
  let bytes = 0;
  let n = 0;
  while (n < lane.queue.length && n < m.config.BatchSize) {
    const size = lane.queue[n]!.record.dynamodb.SizeBytes;
    if (n > 0 && bytes + size > MAX_PAYLOAD_BYTES) break;
    bytes += size;
    n++;
  }
  return { id: m.nextBatchId++, records: lane.queue.splice(0, n), trigger: 'poll', invokeCount: 0, failures: 0 };
}

/** Too old to invoke: past MaximumRecordAgeInSeconds, or trimmed from the stream meanwhile (24 h). */
function tooOld(world: World, m: Mapping, run: ShardRun, batch: Batch): boolean {
  const maxAge = m.config.MaximumRecordAgeInSeconds;
  const oldest = Math.min(...batch.records.map((f) => f.arrivedAtMs));
  if (maxAge !== -1 && world.nowMs - oldest > maxAge * 1000) return true;
  const shard = streamOf(world, m)?.shardById.get(run.shardId);
  return shard !== undefined && batch.records.some((f) => f.index < shard.trimmedCount);
}

/** Invokes the lane's next batch if the lane is free; may return a promise (an async function). */
export function tryLane(world: World, m: Mapping, run: ShardRun, lane: Lane): void | Promise<void> {
  for (;;) {
    if (lane.inflight || world.nowMs < lane.notBeforeMs || m.deleted) return;
    let batch = lane.batches[0];
    if (!batch) {
      batch = formBatch(world, m, run, lane);
      if (!batch) return;
      lane.batches.push(batch);
    }
    if (!tooOld(world, m, run, batch)) return invoke(world, m, run, lane, batch);
    discard(world, m, run, lane, batch, 'MaximumRecordAgeExceeded');
  }
}

function deliverBatch(world: World, m: Mapping, run: ShardRun, lane: Lane, batch: Batch): void {
  const counts = batch.records.map((f) => noteDelivery(world, m.consumerId, f.record.eventID));
  const first = batch.records[0]!.record;
  const last = batch.records[batch.records.length - 1]!.record;
  record(world, {
    t: world.nowMs,
    type: 'batch-delivered',
    consumer: m.consumerId,
    worker: workerName(lane.index),
    streamArn: m.eventSourceArn,
    shardId: run.shardId,
    batchId: batch.id,
    eventIDs: batch.records.map((f) => f.record.eventID),
    firstSequenceNumber: first.dynamodb.SequenceNumber,
    lastSequenceNumber: last.dynamodb.SequenceNumber,
    attempt: Math.max(...counts),
    trigger: batch.trigger,
  });
}

function missingFunction(world: World, m: Mapping, run: ShardRun, lane: Lane, batch: Batch): void {
  const error = `ResourceNotFoundException: Function not found: ${m.functionName}`;
  record(world, { t: world.nowMs, type: 'batch-failed', consumer: m.consumerId, worker: workerName(lane.index), shardId: run.shardId, batchId: batch.id, error });
  m.lastProcessingResult = 'PROBLEM: Function not found';
  lane.notBeforeMs = world.nowMs + MISSING_FUNCTION_RETRY_MS;
}

function invoke(world: World, m: Mapping, run: ShardRun, lane: Lane, batch: Batch): void | Promise<void> {
  const fn = getFunction(world, m.functionName);
  if (!fn) return missingFunction(world, m, run, lane, batch);
  deliverBatch(world, m, run, lane, batch);
  const requestId = newUuid(world);
  batch.invokeCount++;
  batch.lastRequestId = requestId;
  const crashAfter = m.pendingCrashAfterRecords;
  delete m.pendingCrashAfterRecords;
  const records = batch.records.map((f) => f.record);
  const event = toLambdaEvent(records, m.eventSourceArn);
  const duration = durationOf(fn, event) + extraProcessingMs(world, m.consumerId) * records.length;
  const timedOut = duration > fn.timeoutMs;
  const inv: Invocation = { id: m.nextInvocationId++, requestId, batch, startMs: world.nowMs, endMs: world.nowMs + (timedOut ? fn.timeoutMs : duration), result: { kind: 'returned', response: null } };
  lane.inflight = inv;
  const worker = workerName(lane.index);
  record(world, { t: world.nowMs, type: 'invocation-started', consumer: m.consumerId, functionName: fn.name, requestId, worker, shardId: run.shardId, batchId: batch.id, recordCount: records.length, invokeCount: batch.invokeCount, endsAt: inv.endMs });
  const settle = (result: Invocation['result']): void => {
    inv.result = timedOut ? { kind: 'timeout', message: `Task timed out after ${(fn.timeoutMs / 1000).toFixed(2)} seconds` } : fn.builtin ? result : applyFaults(world, m, batch, result, crashAfter);
    scheduleConsumerAction(world, m.consumerId, inv.endMs, 'complete', { invocationId: inv.id, shardId: run.shardId, lane: lane.index });
  };
  let r: unknown;
  try {
    r = runCode(world, m, fn, event, requestId, { worker, shardId: run.shardId, batch, crashAfter });
  } catch (e) {
    return settle({ kind: 'threw', message: errorText(e) });
  }
  if (!isPromise(r)) return settle({ kind: 'returned', response: r });
  return r.then(
    (response) => settle({ kind: 'returned', response }),
    // User code stopped after its wall-clock limit is a Lambda timeout (usercode/lambda.ts).
    (e: unknown) => settle(isUserCodeError(e) && e.kind === 'timeout' ? { kind: 'timeout', message: `Task timed out: ${e.message}` } : { kind: 'threw', message: errorText(e) }),
  );
}

function runCode(world: World, m: Mapping, fn: FunctionEntry, event: ReturnType<typeof toLambdaEvent>, requestId: string, at: { worker: string; shardId: string; batch: Batch; crashAfter: number | undefined }): unknown {
  if (fn.builtin) {
    return fn.builtin(world, {
      consumer: m.consumerId,
      worker: at.worker,
      shardId: at.shardId,
      batchId: at.batch.id,
      records: at.batch.records.map((f) => ({ record: f.record, keyString: f.keyString })),
      reportItemFailures: rbif(m),
      requestId,
      ...(at.crashAfter !== undefined ? { crashAfterRecords: at.crashAfter } : {}),
    });
  }
  return fn.handler!(event, lambdaContext(world, fn, requestId));
}

/** Faults on a user's function, which cannot be stopped mid-way: they change its result instead. */
function applyFaults(world: World, m: Mapping, batch: Batch, result: Invocation['result'], crashAfter: number | undefined): Invocation['result'] {
  if (crashAfter !== undefined) return { kind: 'threw', message: `Runtime.ExitError: the function crashed after ${crashAfter} record(s) (crash fault)` };
  const poisoned = batch.records.findIndex((f) => isPoison(world, m.consumerId, f.record, f.keyString));
  if (poisoned < 0) return result;
  const seq = batch.records[poisoned]!.record.dynamodb.SequenceNumber;
  if (rbif(m)) return { kind: 'returned', response: { batchItemFailures: [{ itemIdentifier: seq }] } };
  return { kind: 'threw', message: `PoisonRecord: the function cannot process record ${seq} (poison-record fault)` };
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** The scheduled end of an invocation: its result takes effect now. */
export function complete(world: World, m: Mapping, payload: { invocationId: number; shardId: string; lane: number }): void {
  const run = m.shards.get(payload.shardId);
  const lane = run?.lanes[payload.lane];
  const inv = lane?.inflight;
  if (!run || !lane || !inv || inv.id !== payload.invocationId) return;
  delete lane.inflight;
  const batch = inv.batch;
  const res = inv.result;
  const verdict = res.kind === 'returned' && rbif(m) ? readBatchResponse(res.response, batch.records.map((f) => f.record.dynamodb.SequenceNumber)) : undefined;
  const outcome: InvocationOutcome = res.kind === 'timeout' ? 'timeout' : res.kind === 'threw' || verdict?.kind === 'failure' ? 'error' : verdict?.kind === 'partial' ? 'partial-failure' : 'success';
  const error = res.kind !== 'returned' ? res.message : verdict?.kind === 'failure' ? `Invalid batchItemFailures: ${verdict.reason}` : undefined;
  record(world, {
    t: world.nowMs,
    type: 'invocation-finished',
    consumer: m.consumerId,
    functionName: m.functionName,
    requestId: inv.requestId,
    worker: workerName(lane.index),
    shardId: run.shardId,
    batchId: batch.id,
    outcome,
    ...(error !== undefined ? { error } : {}),
    ...(verdict?.kind === 'partial' ? { failedSequenceNumber: verdict.sequenceNumber } : {}),
  });
  // A batch dropped meanwhile (the mapping was disabled or deleted) has nothing left to update.
  if (m.deleted || lane.batches[0] !== batch) return;
  batch.lastFunctionError = res.kind === 'returned' ? null : 'Unhandled';
  if (outcome === 'success') succeed(world, m, run, lane, batch);
  else if (verdict?.kind === 'partial') partiallyFail(world, m, run, lane, batch, verdict.fromIndex, verdict.sequenceNumber);
  else fail(world, m, run, lane, batch, error ?? 'Unhandled');
}
