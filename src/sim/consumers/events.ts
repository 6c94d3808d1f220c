/**
 * Trace facts shared by every kind of consumer (Lambda event source mappings, KCL workers): what was
 * delivered, what the downstream handler did with each record, checkpoints, crashes and broken
 * invariants. Consumer-kind-specific facts live beside each kind (esm/events.ts, kcl/events.ts).
 */

/** A checkpoint value: a sequence number or one of KCL's sentinels. */
export type CheckpointValue = string | 'TRIM_HORIZON' | 'LATEST' | 'SHARD_END';

/** What a downstream handler did with one delivered record. */
export type ProcessEffect =
  /** Changed the downstream target. */
  | 'applied'
  /** Recognised as already applied (idempotency filter) and skipped. */
  | 'skipped-duplicate'
  /** Older than what the target holds (item-version or sequence check) and skipped. */
  | 'skipped-stale'
  /** Not relevant to this handler (e.g. a MODIFY the archiver ignores). */
  | 'ignored'
  /** The handler threw on this record. */
  | 'failed';

export type ConsumerTraceEvent =
  | { t: number; type: 'consumer-started'; consumer: string; kind: 'lambda' | 'kcl'; label: string }
  | {
      t: number;
      type: 'batch-delivered';
      consumer: string;
      /** The worker (KCL) or the function invocation lane (Lambda) that received it. */
      worker: string;
      streamArn: string;
      shardId: string;
      batchId: number;
      eventIDs: string[];
      firstSequenceNumber: string;
      lastSequenceNumber: string;
      /** 1 for the first attempt of this batch's records, more on retries. */
      attempt: number;
      trigger: 'poll' | 'retry' | 'bisect' | 'partial-retry' | 'redelivery';
    }
  | {
      t: number;
      type: 'record-processed';
      consumer: string;
      worker: string;
      shardId: string;
      batchId: number;
      eventID: string;
      sequenceNumber: string;
      keyString: string;
      /** How many times this consumer has now been handed this record, this time included. */
      deliveryCount: number;
      effect: ProcessEffect;
      /** True when a repeated delivery changed the downstream result: a harmful duplicate. */
      harm?: boolean;
    }
  | { t: number; type: 'batch-succeeded'; consumer: string; worker: string; shardId: string; batchId: number }
  | { t: number; type: 'batch-failed'; consumer: string; worker: string; shardId: string; batchId: number; error: string; failedSequenceNumber?: string }
  | { t: number; type: 'checkpoint'; consumer: string; worker: string; shardId: string; value: CheckpointValue; strategy: string }
  | { t: number; type: 'crash'; consumer: string; worker: string; reason: string }
  | { t: number; type: 'restart'; consumer: string; worker: string }
  | { t: number; type: 'iterator-expired'; consumer: string; worker: string; shardId: string }
  | { t: number; type: 'fault-injected'; kind: string; target: string; params: Record<string, unknown>; applied: boolean; note?: string }
  | { t: number; type: 'invariant-broken'; check: string; consumer: string; message: string; eventIDs: string[] }
  | { t: number; type: 'invariant-restored'; check: string; consumer: string; message: string };
