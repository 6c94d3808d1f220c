/**
 * Trace facts specific to Lambda event source mappings (reference §6): the mapping's state machine,
 * each invocation's start and end, bisections, discards, records consumed by filters, reports to
 * on-failure destinations and shard position resets. Shared consumer facts (batch-delivered,
 * record-processed, checkpoint, ...) are in ../events.ts. Types only.
 */

export type EsmState = 'Creating' | 'Enabling' | 'Enabled' | 'Updating' | 'Disabling' | 'Disabled' | 'Deleting';

export type DiscardCondition = 'RetryAttemptsExhausted' | 'MaximumRecordAgeExceeded';

export type InvocationOutcome =
  /** The function returned and the ESM counts the whole batch as processed. */
  | 'success'
  /** ReportBatchItemFailures named records: the batch is checkpointed before the lowest one. */
  | 'partial-failure'
  /** The function threw, returned a malformed batchItemFailures, or crashed. */
  | 'error'
  /** The invocation ran past the function's timeout (or was killed by a crash fault). */
  | 'timeout';

export type EsmTraceEvent =
  | { t: number; type: 'mapping-state-changed'; consumer: string; uuid: string; functionName: string; streamArn: string; state: EsmState; reason: string }
  | {
      t: number;
      type: 'invocation-started';
      consumer: string;
      functionName: string;
      requestId: string;
      worker: string;
      shardId: string;
      batchId: number;
      recordCount: number;
      /** The n-th invocation of this batch (its retry count + 1). */
      invokeCount: number;
      /** When the result takes effect (start + duration, or start + timeout). */
      endsAt: number;
    }
  | {
      t: number;
      type: 'invocation-finished';
      consumer: string;
      functionName: string;
      requestId: string;
      worker: string;
      shardId: string;
      batchId: number;
      outcome: InvocationOutcome;
      error?: string;
      failedSequenceNumber?: string;
    }
  | { t: number; type: 'batch-bisected'; consumer: string; worker: string; shardId: string; batchId: number; halves: [number, number] }
  | {
      t: number;
      type: 'batch-discarded';
      consumer: string;
      worker: string;
      shardId: string;
      batchId: number;
      condition: DiscardCondition;
      eventIDs: string[];
      firstSequenceNumber: string;
      lastSequenceNumber: string;
      approximateInvokeCount: number;
    }
  /** Records no filter matched: consumed without an invocation (reference §6.7). */
  | { t: number; type: 'records-filtered'; consumer: string; shardId: string; eventIDs: string[] }
  | {
      t: number;
      type: 'destination-received';
      consumer: string;
      destination: string;
      destinationKind: 'sqs' | 'sns' | 's3';
      condition: DiscardCondition;
      shardId: string;
      batchSize: number;
      startSequenceNumber: string;
      endSequenceNumber: string;
    }
  /** The poller lost its place (its position was trimmed, or the shard expired) and moved on. */
  | { t: number; type: 'shard-position-reset'; consumer: string; shardId: string; reason: 'trimmed' | 'shard-expired'; to: 'TRIM_HORIZON' | 'SHARD_END' };
