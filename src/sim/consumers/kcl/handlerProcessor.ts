/**
 * Record processors built from a downstream handler and a checkpoint strategy, for data-driven KCL
 * consumers (scenarios, share links). Each record goes to the handler with its delivery count; a
 * poison record (or a HandlerError) makes processRecords throw, which KCL swallows: the rest of the
 * batch is skipped and the checkpoint stays put (check 66). Strategies (reference §8, check 72):
 * - `before-processing`: checkpoint the batch's last record, then process (at-most-once);
 * - `every-record`, `every-n-records` (n), `every-batch`, `every-interval` (intervalMs): after processing
 *   (at-least-once; the longer the interval, the fewer writes and the more replay after a crash);
 * - at TERMINATE every strategy checkpoints SHARD_END, so children can start (check 65).
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import type { StreamRecord } from '../../stream/record.ts';
import { keyString } from '../../table/attributes.ts';
import { noteDelivery } from '../runtime.ts';
import type { CheckpointStrategy } from '../spec.ts';
import { isPoison } from '../../faults/consumerFaults.ts';
import { HandlerError, type DownstreamHandler, type ProcessContext, type ProcessResult } from '../../handlers/types.ts';
import type { ProcessorFactory, ProcessorMaker, ProcessRecordsInput, RecordProcessor, RecordProcessorCheckpointer } from './processor.ts';
import type { ShutdownReason } from './events.ts';

export interface HandlerProcessorContext {
  world: World;
  consumer: string;
  keyNames: string[];
  handler: DownstreamHandler;
  strategy: CheckpointStrategy;
}

/** A readable name for `checkpoint` facts and labels. */
export function strategyName(s: CheckpointStrategy): string {
  switch (s.kind) {
    case 'every-n-records':
      return `every-${s.n}-records`;
    case 'every-interval':
      return `every-${s.intervalMs}ms`;
    default:
      return s.kind;
  }
}

export function checkStrategy(s: CheckpointStrategy): void {
  if (s.kind === 'every-n-records' && (!Number.isInteger(s.n) || s.n < 1)) throw new RangeError(`every-n-records needs a whole n ≥ 1; got ${s.n}`);
  if (s.kind === 'every-interval' && (!Number.isFinite(s.intervalMs) || s.intervalMs < 0)) throw new RangeError(`every-interval needs intervalMs ≥ 0; got ${s.intervalMs}`);
}

/** Hands one record to the handler and records what it did; rethrows the handler's failure. */
function processOne(c: HandlerProcessorContext, rec: StreamRecord, input: ProcessRecordsInput): void {
  const { world } = c;
  const key = keyString(rec.dynamodb.Keys, c.keyNames);
  const ctx: ProcessContext = { consumer: c.consumer, worker: input.worker, shardId: input.shardId, batchId: input.batchId, deliveryCount: noteDelivery(world, c.consumer, rec.eventID) };
  const fact = (r: ProcessResult): void =>
    record(world, {
      t: world.nowMs,
      type: 'record-processed',
      consumer: c.consumer,
      worker: input.worker,
      shardId: input.shardId,
      batchId: input.batchId,
      eventID: rec.eventID,
      sequenceNumber: rec.dynamodb.SequenceNumber,
      keyString: key,
      deliveryCount: ctx.deliveryCount,
      effect: r.effect,
      ...(r.harm ? { harm: true } : {}),
    });
  if (isPoison(world, c.consumer, rec, key)) {
    fact({ effect: 'failed' });
    throw new HandlerError(`poison record ${rec.dynamodb.SequenceNumber}`, rec.dynamodb.SequenceNumber);
  }
  let result: ProcessResult;
  try {
    result = c.handler.process(world, rec, ctx);
  } catch (e) {
    if (e instanceof HandlerError) fact({ effect: 'failed' });
    throw e;
  }
  fact(result);
}

/**
 * A processor as plain data and a class (no closure): a world snapshot copies it with the world it
 * points at, so KCL runs fork at the playhead instead of recomputing from time 0 (`sim/snapshot.ts`).
 */
class HandlerProcessor implements RecordProcessor {
  private sinceCheckpoint = 0;
  private lastCheckpointAt: number;

  constructor(private readonly c: HandlerProcessorContext) {
    this.lastCheckpointAt = c.world.nowMs;
  }

  private checkpointAt(cp: RecordProcessorCheckpointer, seq: string): void {
    cp.checkpoint(seq);
    this.sinceCheckpoint = 0;
    this.lastCheckpointAt = this.c.world.nowMs;
  }

  initialize(): void {
    this.lastCheckpointAt = this.c.world.nowMs;
  }

  processRecords(records: StreamRecord[], cp: RecordProcessorCheckpointer, input: ProcessRecordsInput): void {
    const s = this.c.strategy;
    if (s.kind === 'before-processing') this.checkpointAt(cp, records[records.length - 1]!.dynamodb.SequenceNumber);
    for (const rec of records) {
      processOne(this.c, rec, input);
      input.recordDone();
      this.sinceCheckpoint++;
      const seq = rec.dynamodb.SequenceNumber;
      if (s.kind === 'every-record') this.checkpointAt(cp, seq);
      else if (s.kind === 'every-n-records' && this.sinceCheckpoint >= s.n) this.checkpointAt(cp, seq);
      else if (s.kind === 'every-interval' && this.c.world.nowMs - this.lastCheckpointAt >= s.intervalMs) this.checkpointAt(cp, seq);
    }
    if (s.kind === 'every-batch') cp.checkpoint();
  }

  shutdown(reason: ShutdownReason, cp: RecordProcessorCheckpointer): void {
    // TERMINATE: SHARD_END so the children may start. ZOMBIE: checkpointing is not allowed.
    if (reason === 'TERMINATE' || reason === 'REQUESTED') cp.checkpoint();
  }
}

/** Makes a `HandlerProcessor` per shard; data too, for the same reason. */
class HandlerProcessorFactory implements ProcessorMaker {
  constructor(private readonly c: HandlerProcessorContext) {}

  create(): RecordProcessor {
    return new HandlerProcessor(this.c);
  }
}

export function handlerProcessorFactory(c: HandlerProcessorContext): ProcessorFactory {
  checkStrategy(c.strategy);
  return new HandlerProcessorFactory(c);
}
