/**
 * Interventions: faults and changes a user (or a scenario) injects at a simulated time. Each is
 * plain data, `{ at, kind, target, params }`, so scenarios and share links can carry them and a run
 * with them replays identically.
 */

export const FAULT_KINDS = [
  /** Crash a worker or a function: params.when = 'now' | 'before-checkpoint' | 'mid-batch', params.afterRecords = k. */
  'crash',
  /** Restart a crashed worker. */
  'restart',
  /** Deliver the consumer's last batch again. */
  'redeliver-batch',
  /** Process out of order: params.mode = 'shards' (Lambda: hold one shard back, params.shardId/delayMs) | 'parallel-batches' (Lambda) | 'child-before-parent' (KCL). */
  'reorder',
  /** Make the handler fail on matching records: params.keyString or params.sequenceNumber. */
  'poison-record',
  /** Slow the handler: params.extraMs per record (lag until records are trimmed). */
  'slow-handler',
  /** Expire the consumer's shard iterators now. */
  'expire-iterator',
  /** Take a lease away from a worker: params.shardId. */
  'lose-lease',
  /** Split a table partition's open shard: target = table name, params.shardId. */
  'split-shard',
  /** Skew a worker's clock: params.skewMs. */
  'skew-clock',
  /** A user's own write: target = table name, params = { operation: 'PutItem' | 'UpdateItem' | 'DeleteItem', input: the AWS request } (`write.ts`). */
  'write',
  /** UpdateEventSourceMapping at run time: target = a Lambda consumer, params = the settings (`settings.ts`). */
  'update-mapping',
  /** A KCL application scales out at run time: target = the application, params.worker = the new worker's id. */
  'add-worker',
  /** UpdateTable's StreamSpecification at run time: target = table, params.StreamViewType or StreamEnabled: false (`settings.ts`). */
  'update-table',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Intervention {
  /** Simulated time, ms since the start of the run. */
  at: number;
  kind: FaultKind;
  /** A consumer id, `consumer/worker` for one worker, or a table name for split-shard and write. */
  target: string;
  params?: Record<string, unknown>;
}
