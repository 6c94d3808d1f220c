/**
 * The checkpointer handed to a record processor (KCL 1.x RecordProcessorCheckpointer, reference §7.5,
 * check 67). It validates `checkpoint(seq)`, writes the lease table conditionally on the holder's
 * counter and owner, and learns of a lost lease when that write fails. It is also where the
 * `before-checkpoint` crash fault lands. Touches the world only through the lease table and the trace.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import type { CheckpointValue } from '../events.ts';
import { checkpointLease, getLease } from './leaseTable.ts';
import { checkpointLease3 } from './handoffWrites.ts';
import { KclIllegalArgumentError, KclShutdownError, WorkerCrashedSignal, type RecordProcessorCheckpointer } from './processor.ts';
import { crashWorker, type KclApp, type ShardConsumer, type WorkerState } from './state.ts';

const SEQUENCE = /^\d{1,40}$/;

function isSequence(v: CheckpointValue | undefined): v is string {
  return v !== undefined && SEQUENCE.test(v);
}

/** The value `checkpoint(seq)` may write, or why not. */
export function validateCheckpoint(seq: string, lastCheckpoint: CheckpointValue, largestDelivered: string | undefined): string | undefined {
  if (!SEQUENCE.test(seq)) return `Could not checkpoint at invalid sequence number ${seq}`;
  if (lastCheckpoint === 'SHARD_END') return `Could not checkpoint at ${seq}: the shard is already checkpointed at SHARD_END`;
  // Sequence numbers of different lengths only compare correctly as integers (reference §4).
  if (isSequence(lastCheckpoint) && BigInt(seq) < BigInt(lastCheckpoint)) {
    return `Could not checkpoint at sequence number ${seq}: it is before the last checkpoint value ${lastCheckpoint}`;
  }
  if (largestDelivered === undefined || BigInt(seq) > BigInt(largestDelivered)) {
    return `Could not checkpoint at sequence number ${seq}: it is after the largest permitted value ${largestDelivered ?? '(nothing delivered yet)'}`;
  }
  return undefined;
}

/**
 * A class over plain references (no closure): a world snapshot copies it with the world, app, worker
 * and shard consumer it points at, so KCL runs fork (`sim/snapshot.ts`).
 */
class Checkpointer implements RecordProcessorCheckpointer {
  private readonly incarnation: number;

  constructor(
    private readonly world: World,
    private readonly app: KclApp,
    private readonly w: WorkerState,
    private readonly sc: ShardConsumer,
  ) {
    this.incarnation = w.incarnation;
  }

  checkpoint(sequenceNumber?: string): void {
    const { world, app, w, sc } = this;
    if (!w.alive || w.incarnation !== this.incarnation) throw new WorkerCrashedSignal(w.id);
    if (w.pendingCrash?.when === 'before-checkpoint') {
      crashWorker(world, app, w, 'before-checkpoint');
      throw new WorkerCrashedSignal(w.id);
    }
    if (sc.phase === 'zombie') throw new KclShutdownError(`Can't update checkpoint - instance doesn't hold the lease for shard ${sc.shardId}`);
    let value: CheckpointValue | undefined;
    if (sequenceNumber === undefined) {
      value = sc.phase === 'terminate' ? 'SHARD_END' : sc.largestDelivered;
    } else {
      const problem = validateCheckpoint(sequenceNumber, sc.lastCheckpoint, sc.largestDelivered);
      if (problem) throw new KclIllegalArgumentError(problem);
      value = sequenceNumber;
    }
    // KCL writes only when the value changes.
    if (value === undefined || value === sc.lastCheckpoint) return;
    writeCheckpoint(world, app, w, sc, value);
  }
}

export function makeCheckpointer(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer): RecordProcessorCheckpointer {
  return new Checkpointer(world, app, w, sc);
}

function writeCheckpoint(world: World, app: KclApp, w: WorkerState, sc: ShardConsumer, value: CheckpointValue): void {
  const held = w.held.get(sc.shardId);
  if (!held) throw new KclShutdownError(`Can't update checkpoint - instance doesn't hold the lease for shard ${sc.shardId}`);
  // KCL 3.x: the owner, or the checkpoint owner during a graceful handoff, may write the checkpoint.
  const counter = app.config.kclVersion === '3.x' ? checkpointLease3(world, app.leaseTable, sc.shardId, w.id, value) : checkpointLease(world, app.leaseTable, sc.shardId, w.id, held.counter, value);
  if (counter === undefined) {
    // The conditional write failed: someone else holds the lease now. KCL drops it at once.
    w.held.delete(sc.shardId);
    const now = getLease(world, app.leaseTable, sc.shardId);
    record(world, {
      t: world.nowMs,
      type: 'lease-lost',
      consumer: app.id,
      worker: w.id,
      shardId: sc.shardId,
      detectedBy: 'checkpoint',
      ...(now?.leaseOwner !== undefined ? { newOwner: now.leaseOwner } : {}),
    });
    throw new KclShutdownError(`Can't update checkpoint - instance doesn't hold the lease for shard ${sc.shardId}`);
  }
  held.counter = counter;
  sc.lastCheckpoint = value;
  record(world, { t: world.nowMs, type: 'checkpoint', consumer: app.id, worker: w.id, shardId: sc.shardId, value, strategy: app.strategyName });
}
