/**
 * One shard consumer per held lease, stepping through KCL 1.x's states (reference §7.4–7.6):
 * WAITING_ON_PARENT_SHARDS (polls parent leases until each existing one is at SHARD_END; a parent
 * without a lease does not block — check 64) → INITIALIZING (reads the checkpoint, calls
 * `initialize`) → PROCESSING (GetRecords with `maxRecords`, `processRecords` for non-empty batches
 * only, idle time after empty reads; an exception from processRecords is swallowed and the batch
 * skipped — check 66; expired iterators reopen after the last delivered record; a trimmed position
 * restarts at TRIM_HORIZON — check 70) → SHUTTING_DOWN (TERMINATE at shard end, retried until the
 * processor checkpoints SHARD_END — check 65; ZOMBIE once the lease is gone — check 67/68) →
 * SHUTDOWN_COMPLETE.
 *
 * Each step runs as a scheduled `shard` action of the application at simulated time; the consumer's
 * `gen` makes ticks of a replaced consumer inert. Uses the Streams API and the lease table only.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import { callOperation } from '../../api/call.ts';
import { isAwsError } from '../../api/errors.ts';
import type { StreamRecord } from '../../stream/record.ts';
import { deliveryCount } from '../runtime.ts';
import { extraProcessingMs } from '../../faults/consumerFaults.ts';
import type { ShardConsumerState } from './events.ts';
import { getLease, type Lease } from './leaseTable.ts';
import { clearCheckpointOwner } from './handoffWrites.ts';
import { makeCheckpointer } from './checkpointer.ts';
import { makeProcessor, WorkerCrashedSignal, type ProcessRecordsInput } from './processor.ts';
import { crashWorker, scheduleWorkerAction, type KclApp, type ShardConsumer, type WorkerActionPayload, type WorkerState } from './state.ts';
import { syncShards } from './shardSync.ts';
import { asReader } from '../../stream/readLimit.ts';

const STREAMS = 'DynamoDBStreams_20120810.';
const SEQUENCE = /^\d+$/;

function setState(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer, state: ShardConsumerState, blockedBy?: string[]): void {
  sc.state = state;
  record(world, { t: world.nowMs, type: 'shard-consumer-state', consumer: app.id, worker: w.id, shardId: sc.shardId, state, ...(blockedBy ? { blockedBy } : {}) });
}

function tickAt(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer, atMs: number): void {
  scheduleWorkerAction(world, app, w, atMs, 'shard', { shardId: sc.shardId, gen: sc.gen });
}

/** Starts consuming a lease this worker just took. A finished (SHARD_END) lease needs no consumer. */
export function startShardConsumer(world: World, app: KclApp, w: WorkerState, lease: Lease): void {
  const old = w.consumers.get(lease.leaseKey);
  if (old && old.state !== 'SHUTDOWN_COMPLETE') shutdownZombie(world, app, w, old);
  if (lease.checkpoint === 'SHARD_END') return;
  const sc: ShardConsumer = {
    shardId: lease.leaseKey,
    gen: app.nextGen++,
    state: 'WAITING_ON_PARENT_SHARDS',
    parentShardIds: lease.parentShardIds,
    position: lease.checkpoint,
    lastCheckpoint: lease.checkpoint,
    shardEndReached: false,
    phase: 'processing',
    terminateReported: false,
  };
  w.consumers.set(sc.shardId, sc);
  setState(world, app, w, sc, 'WAITING_ON_PARENT_SHARDS');
  tickAt(world, app, w, sc, world.nowMs);
}

/** One scheduled step of a shard consumer. */
export function tickShardConsumer(world: World, app: KclApp, w: WorkerState, p: WorkerActionPayload): void {
  const sc = p.shardId !== undefined ? w.consumers.get(p.shardId) : undefined;
  if (!sc || sc.gen !== p.gen || sc.state === 'SHUTDOWN_COMPLETE') return;
  // KCL checks before every task whether it still holds the lease; if not, the consumer is a zombie.
  const held = w.held.get(sc.shardId);
  if (!held) {
    shutdownZombie(world, app, w, sc);
    return;
  }
  // KCL 3.x graceful handoff: the batch in hand is done; checkpoint and let the new owner go on.
  if (held.handoffTo !== undefined) {
    handOff(world, app, w, sc, held.handoffTo);
    return;
  }
  if (sc.state === 'WAITING_ON_PARENT_SHARDS' && !parentsDone(world, app, w, sc)) return;
  if (sc.state === 'INITIALIZING' && !initialize(world, app, w, sc)) return;
  if (sc.state === 'PROCESSING') {
    if (sc.shardEndReached) {
      setState(world, app, w, sc, 'SHUTTING_DOWN');
      record(world, { t: world.nowMs, type: 'shard-ended', consumer: app.id, worker: w.id, shardId: sc.shardId });
    } else {
      processOnce(world, app, w, sc);
      return;
    }
  }
  if (sc.state === 'SHUTTING_DOWN') shutdownTerminate(world, app, w, sc);
}

/** BlockOnParentShardTask: true when the consumer may go on; otherwise polls again later. */
function parentsDone(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer): boolean {
  // The reorder fault (child-before-parent) makes this worker skip the check, as a naive consumer would.
  const blocking = w.ignoreParents
    ? []
    : sc.parentShardIds.filter((parent) => {
        const lease = getLease(world, app.leaseTable, parent);
        return lease !== undefined && lease.checkpoint !== 'SHARD_END';
      });
  if (blocking.length > 0) {
    const known = sc.blockedBy?.join(',');
    if (known !== blocking.join(',')) setState(world, app, w, sc, 'WAITING_ON_PARENT_SHARDS', blocking);
    sc.blockedBy = blocking;
    tickAt(world, app, w, sc, world.nowMs + app.config.parentShardPollIntervalMillis);
    return false;
  }
  setState(world, app, w, sc, 'INITIALIZING');
  return true;
}

/** InitializeTask: reads the lease's checkpoint and hands it to a new processor. */
function initialize(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer): boolean {
  const lease = getLease(world, app.leaseTable, sc.shardId);
  if (!lease || lease.leaseOwner !== w.id) {
    w.held.delete(sc.shardId);
    const newOwner = lease?.leaseOwner;
    record(world, { t: world.nowMs, type: 'lease-lost', consumer: app.id, worker: w.id, shardId: sc.shardId, detectedBy: 'initialize', ...(newOwner !== undefined ? { newOwner } : {}) });
    shutdownZombie(world, app, w, sc);
    return false;
  }
  sc.lastCheckpoint = lease.checkpoint;
  sc.position = lease.checkpoint;
  if (lease.checkpoint === 'SHARD_END') {
    setState(world, app, w, sc, 'SHUTDOWN_COMPLETE');
    return false;
  }
  sc.processor = makeProcessor(app.processorFactory, { applicationName: app.id, worker: w.id, shardId: sc.shardId });
  sc.checkpointer = makeCheckpointer(world, app, w, sc);
  try {
    sc.processor.initialize(sc.shardId, lease.checkpoint);
  } catch (e) {
    if (!stillRunning(w, sc)) return false;
    // KCL logs a failed initialize and retries it after a back-off.
    record(world, { t: world.nowMs, type: 'processing-error-swallowed', consumer: app.id, worker: w.id, shardId: sc.shardId, batchId: 0, error: describe(e), eventIDs: [] });
    tickAt(world, app, w, sc, world.nowMs + app.config.taskBackoffTimeMillis);
    return false;
  }
  setState(world, app, w, sc, 'PROCESSING');
  return true;
}

function stillRunning(w: WorkerState, sc: ShardConsumer): boolean {
  return w.alive && w.consumers.get(sc.shardId) === sc;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Reads once and processes what came back; schedules the next step. */
function processOnce(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer): void {
  const got = readBatch(world, app, w, sc);
  if (!stillRunning(w, sc)) return;
  if (got === 'retry') {
    tickAt(world, app, w, sc, world.nowMs + app.config.taskBackoffTimeMillis);
    return;
  }
  if (got.end) sc.shardEndReached = true;
  if (got.records.length === 0) {
    tickAt(world, app, w, sc, world.nowMs + (sc.shardEndReached ? 0 : app.config.idleTimeBetweenReadsInMillis));
    return;
  }
  const busyMs = processBatch(world, app, w, sc, got.records);
  if (busyMs !== undefined && stillRunning(w, sc)) tickAt(world, app, w, sc, world.nowMs + busyMs);
}

function iteratorRequest(position: string): Record<string, string> {
  if (SEQUENCE.test(position)) return { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: position };
  return { ShardIteratorType: position === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON' };
}

/** The adapter's default SKIP_RECORDS_TO_TRIM_HORIZON: a trimmed position silently restarts at the horizon. */
function resetToTrimHorizon(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer): void {
  record(world, { t: world.nowMs, type: 'iterator-reset-to-trim-horizon', consumer: app.id, worker: w.id, shardId: sc.shardId, requested: sc.position });
  sc.position = 'TRIM_HORIZON';
  delete sc.iterator;
}

/** Opens an iterator at the consumer's position; undefined when the shard no longer exists (treated as its end). */
function openIterator(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer): string | undefined {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const out = callOperation(world, `${STREAMS}GetShardIterator`, { StreamArn: app.streamArn, ShardId: sc.shardId, ...iteratorRequest(sc.position) }) as { ShardIterator: string };
      return out.ShardIterator;
    } catch (e) {
      if (!isAwsError(e)) throw e;
      if (e.code === 'TrimmedDataAccessException' && sc.position !== 'TRIM_HORIZON') resetToTrimHorizon(world, app, w, sc);
      else if (e.code === 'ResourceNotFoundException') return undefined;
      else throw e;
    }
  }
  return undefined;
}

type ReadResult = { records: StreamRecord[]; end: boolean } | 'retry';

function readBatch(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer): ReadResult {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (sc.iterator === undefined) {
      const it = openIterator(world, app, w, sc);
      if (it === undefined) return { records: [], end: true };
      sc.iterator = it;
    }
    try {
      const request = { ShardIterator: sc.iterator, Limit: app.config.maxRecords };
      const out = asReader(world, { consumer: app.id, worker: w.id }, () => callOperation(world, `${STREAMS}GetRecords`, request)) as { Records: StreamRecord[]; NextShardIterator?: string };
      if (out.NextShardIterator !== undefined) sc.iterator = out.NextShardIterator;
      else delete sc.iterator;
      return { records: out.Records, end: out.NextShardIterator === undefined };
    } catch (e) {
      if (!isAwsError(e)) throw e;
      // Throttled (more than two readers on the shard): the task fails and is retried after a back-off.
      if (e.code === 'LimitExceededException') return 'retry';
      if (e.code === 'ExpiredIteratorException') {
        // Reopen after the last record delivered (or at the checkpoint when none was).
        record(world, { t: world.nowMs, type: 'iterator-expired', consumer: app.id, worker: w.id, shardId: sc.shardId });
        delete sc.iterator;
      } else if (e.code === 'TrimmedDataAccessException') {
        resetToTrimHorizon(world, app, w, sc);
      } else if (e.code === 'ResourceNotFoundException') {
        return { records: [], end: true };
      } else {
        throw e;
      }
    }
  }
  return 'retry';
}

/** The crash fault `mid-batch`: counts records handled and crashes the worker after the k-th. */
function midBatchHook(world: World, app: KclApp, w: WorkerState): () => void {
  return () => {
    const pending = w.pendingCrash;
    if (!w.alive || pending?.when !== 'mid-batch') return;
    pending.afterRecords--;
    if (pending.afterRecords <= 0) {
      crashWorker(world, app, w, 'mid-batch');
      throw new WorkerCrashedSignal(w.id);
    }
  };
}

/** Hands a non-empty batch to the processor; returns how long it keeps the consumer busy, undefined after a crash. */
function processBatch(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer, records: StreamRecord[]): number | undefined {
  const batchId = app.nextBatchId++;
  const first = records[0]!;
  const lastSeq = records[records.length - 1]!.dynamodb.SequenceNumber;
  const attempt = 1 + deliveryCount(world, app.id, first.eventID);
  const base = { t: world.nowMs, consumer: app.id, worker: w.id, shardId: sc.shardId, batchId };
  record(world, {
    ...base,
    type: 'batch-delivered',
    streamArn: app.streamArn,
    eventIDs: records.map((r) => r.eventID),
    firstSequenceNumber: first.dynamodb.SequenceNumber,
    lastSequenceNumber: lastSeq,
    attempt,
    trigger: attempt > 1 ? 'redelivery' : 'poll',
  });
  sc.largestDelivered = lastSeq;
  sc.position = lastSeq;
  w.processedSinceReport += records.length;
  if (w.pendingCrash?.when === 'mid-batch' && w.pendingCrash.afterRecords <= 0) {
    crashWorker(world, app, w, 'mid-batch');
    return undefined;
  }
  const handledBefore = w.pendingCrash?.when === 'mid-batch' ? w.pendingCrash.afterRecords : undefined;
  const input: ProcessRecordsInput = { worker: w.id, shardId: sc.shardId, batchId, recordDone: midBatchHook(world, app, w) };
  try {
    sc.processor!.processRecords(records, sc.checkpointer!, input);
  } catch (e) {
    if (!stillRunning(w, sc)) return undefined;
    // KCL's ProcessTask catches and logs: the batch is skipped and the checkpoint does not move (check 66).
    const error = describe(e);
    record(world, { ...base, t: world.nowMs, type: 'batch-failed', error });
    record(world, { ...base, t: world.nowMs, type: 'processing-error-swallowed', error, eventIDs: records.map((r) => r.eventID) });
    return busyFor(world, app, records.length);
  }
  if (!stillRunning(w, sc)) return undefined;
  // A processor that never reports records done crashes when processRecords returns.
  if (handledBefore !== undefined && w.pendingCrash?.when === 'mid-batch' && w.pendingCrash.afterRecords === handledBefore) {
    crashWorker(world, app, w, 'mid-batch');
    return undefined;
  }
  record(world, { ...base, t: world.nowMs, type: 'batch-succeeded' });
  return busyFor(world, app, records.length);
}

function busyFor(world: World, app: KclApp, count: number): number {
  return count * (app.config.processRecordMs + extraProcessingMs(world, app.id));
}

/** ShutdownTask for TERMINATE: the processor should checkpoint SHARD_END; until it does, the adapter retries. */
function shutdownTerminate(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer): void {
  sc.phase = 'terminate';
  try {
    sc.processor?.shutdown('TERMINATE', sc.checkpointer!);
  } catch (e) {
    if (!stillRunning(w, sc)) return;
    if (!(e instanceof Error && e.name === 'ShutdownException')) {
      record(world, { t: world.nowMs, type: 'processing-error-swallowed', consumer: app.id, worker: w.id, shardId: sc.shardId, batchId: 0, error: describe(e), eventIDs: [] });
    }
  }
  if (!stillRunning(w, sc)) return;
  const done = sc.lastCheckpoint === 'SHARD_END';
  if (!sc.terminateReported || done) {
    record(world, { t: world.nowMs, type: 'processor-shutdown', consumer: app.id, worker: w.id, shardId: sc.shardId, reason: 'TERMINATE', checkpointed: done });
    sc.terminateReported = true;
  }
  if (!done) {
    // "Application didn't checkpoint at end of shard": the adapter runs the shutdown again later.
    tickAt(world, app, w, sc, world.nowMs + app.config.taskBackoffTimeMillis);
    return;
  }
  setState(world, app, w, sc, 'SHUTDOWN_COMPLETE');
  // KCL syncs shards when one ends, so the children's leases appear without waiting for the timer.
  syncShards(world, app, w);
}

/**
 * KCL 3.x graceful handoff (shutdown reason REQUESTED): the processor is asked to checkpoint
 * (`shutdownRequested` in KCL 3.x), then the worker removes itself as `checkpointOwner` and the new
 * owner resumes from that checkpoint, so nothing processed here is processed again.
 */
function handOff(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer, to: string): void {
  sc.phase = 'requested';
  setState(world, app, w, sc, 'SHUTTING_DOWN');
  if (sc.processor) {
    try {
      sc.processor.shutdown('REQUESTED', sc.checkpointer!);
    } catch (e) {
      if (e instanceof WorkerCrashedSignal || !stillRunning(w, sc)) return;
      record(world, { t: world.nowMs, type: 'processing-error-swallowed', consumer: app.id, worker: w.id, shardId: sc.shardId, batchId: 0, error: describe(e), eventIDs: [] });
    }
    const checkpointed = sc.largestDelivered === undefined || sc.lastCheckpoint === sc.largestDelivered;
    record(world, { t: world.nowMs, type: 'processor-shutdown', consumer: app.id, worker: w.id, shardId: sc.shardId, reason: 'REQUESTED', checkpointed });
  }
  releaseHandoff(world, app, w, sc.shardId, to);
  setState(world, app, w, sc, 'SHUTDOWN_COMPLETE');
  if (w.consumers.get(sc.shardId) === sc) w.consumers.delete(sc.shardId);
}

/** The old owner lets go of a lease it is handing off: it is no longer its checkpoint owner. */
export function releaseHandoff(world: World, app: KclApp, w: WorkerState, shardId: string, to: string): void {
  w.held.delete(shardId);
  if (clearCheckpointOwner(world, app.leaseTable, shardId, w.id) === undefined) return;
  const lease = getLease(world, app.leaseTable, shardId);
  record(world, { t: world.nowMs, type: 'lease-handed-off', consumer: app.id, worker: w.id, shardId, to, checkpoint: lease?.checkpoint ?? 'TRIM_HORIZON' });
}

/** ZOMBIE: the lease is gone; the processor is told, and may no longer checkpoint (check 67/68). */
export function shutdownZombie(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer): void {
  sc.phase = 'zombie';
  setState(world, app, w, sc, 'SHUTTING_DOWN');
  if (sc.processor) {
    try {
      sc.processor.shutdown('ZOMBIE', sc.checkpointer!);
    } catch (e) {
      if (e instanceof WorkerCrashedSignal) return;
    }
    record(world, { t: world.nowMs, type: 'processor-shutdown', consumer: app.id, worker: w.id, shardId: sc.shardId, reason: 'ZOMBIE', checkpointed: false });
  }
  setState(world, app, w, sc, 'SHUTDOWN_COMPLETE');
  if (w.consumers.get(sc.shardId) === sc) w.consumers.delete(sc.shardId);
}
