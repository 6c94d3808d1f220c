/**
 * The record processor contract, shaped like KCL 1.x's IRecordProcessor (reference §7.5):
 * `initialize`, `processRecords` (non-empty batches only), `shutdown(reason)`, and a checkpointer
 * whose `checkpoint()` / `checkpoint(sequenceNumber)` write the lease table. Processors are
 * synchronous: their simulated duration is `processRecordMs` per record. Types and error classes
 * only; no world access.
 */
import type { StreamRecord } from '../../stream/record.ts';
import type { CheckpointValue } from '../events.ts';
import type { ShutdownReason } from './events.ts';

export interface RecordProcessorCheckpointer {
  /**
   * `checkpoint()`: the last record delivered (SHARD_END during a TERMINATE shutdown).
   * `checkpoint(seq)`: that record; throws IllegalArgumentException when `seq` is below the last
   * checkpoint or above the largest delivered, ShutdownException when the lease is gone (check 67).
   */
  checkpoint(sequenceNumber?: string): void;
}

export interface ProcessRecordsInput {
  worker: string;
  shardId: string;
  batchId: number;
  /**
   * Call after each record is fully handled: it is where a `crash` fault with `when: 'mid-batch'`
   * lands. A processor that never calls it is crashed when processRecords returns instead.
   */
  recordDone(): void;
}

export interface RecordProcessor {
  initialize(shardId: string, checkpoint: CheckpointValue): void;
  processRecords(records: StreamRecord[], checkpointer: RecordProcessorCheckpointer, input: ProcessRecordsInput): void;
  shutdown(reason: ShutdownReason, checkpointer: RecordProcessorCheckpointer): void;
}

export interface ProcessorContext {
  applicationName: string;
  worker: string;
  shardId: string;
}

/**
 * Makes one processor per shard a worker starts consuming (KCL's IRecordProcessorFactory): a
 * function (a learner's own, which a world snapshot cannot copy), or an object whose processors are
 * data (the scenarios' handler processors), which a snapshot copies, so such runs fork.
 */
export type ProcessorFactory = ((ctx: ProcessorContext) => RecordProcessor) | ProcessorMaker;

export interface ProcessorMaker {
  create(ctx: ProcessorContext): RecordProcessor;
}

/** A processor from either kind of factory. */
export function makeProcessor(factory: ProcessorFactory, ctx: ProcessorContext): RecordProcessor {
  return typeof factory === 'function' ? factory(ctx) : factory.create(ctx);
}

/** KCL's InvalidStateException / IllegalArgumentException from `checkpoint(seq)`. */
export class KclIllegalArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalArgumentException';
  }
}

/** KCL's ShutdownException: this worker no longer holds the shard's lease. */
export class KclShutdownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShutdownException';
  }
}

/**
 * Thrown through a processor when its worker crashes under it (a `crash` fault). Not a KCL type: it
 * unwinds the processor's stack so the crashed worker does nothing more. Processors should not catch it.
 */
export class WorkerCrashedSignal extends Error {
  constructor(worker: string) {
    super(`worker ${worker} crashed`);
    this.name = 'WorkerCrashed';
  }
}
