/**
 * Consumers as plain data, so scenarios and share links can carry them. Programmatic use (a
 * learner's own async Lambda handler) goes through `sim.lambda` instead; both end in the same
 * runtimes. A learner's JavaScript can travel as data too: a Lambda consumer whose handler has
 * idempotency `user` and `code` runs it in the injected sandbox (`sim/usercode/`).
 */
import type { HandlerSpec } from '../handlers/types.ts';

/**
 * When a KCL record processor checkpoints:
 * - `before-processing`: the batch's last sequence number before processing it (at-most-once);
 * - `every-record`: after each record;
 * - `every-n-records`: after every n records;
 * - `every-batch`: after each processRecords call;
 * - `every-interval`: at the first record processed at least `intervalMs` after the last checkpoint.
 */
export type CheckpointStrategy =
  | { kind: 'before-processing' }
  | { kind: 'every-record' }
  | { kind: 'every-n-records'; n: number }
  | { kind: 'every-batch' }
  | { kind: 'every-interval'; intervalMs: number };

/** The ESM settings a scenario may set, in AWS's CreateEventSourceMapping names. */
export interface EsmSettings {
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  StartingPosition: 'TRIM_HORIZON' | 'LATEST';
  ParallelizationFactor?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  MaximumRecordAgeInSeconds?: number;
  FunctionResponseTypes?: 'ReportBatchItemFailures'[];
  FilterCriteria?: { Filters: { Pattern: string }[] };
  DestinationConfig?: { OnFailure?: { Destination: string } };
}

export interface LambdaConsumerSpec {
  id: string;
  kind: 'lambda';
  handler: HandlerSpec;
  mapping: EsmSettings;
  /** Simulated duration of one invocation: a fixed part plus a part per record. */
  invocationMs?: { base: number; perRecord: number };
  /**
   * The fan-out pattern: instead of applying its handler, the function publishes each record to an
   * SNS topic or EventBridge bus, which delivers it `deliveryMs` later to every subscriber; each
   * subscriber applies a copy of the handler to its own target (`<target>-<subscriber>`).
   */
  fanOut?: FanOutSpec;
}

export interface FanOutSpec {
  via: 'sns' | 'eventbridge';
  deliveryMs: number;
  /** Subscriber ids (each also a consumer id in the trace). */
  subscribers: string[];
}

export interface KclConsumerSpec {
  id: string;
  kind: 'kcl';
  handler: HandlerSpec;
  /** Worker ids; each runs the whole KCL loop (renewer, taker, shard sync, one processor per lease). */
  workers: string[];
  checkpoint: CheckpointStrategy;
  config?: {
    /** Lease model: '3.x' (default: a leader assigns leases by utilisation, graceful handoff) or '1.x' (workers take and steal leases). */
    kclVersion?: '1.x' | '3.x';
    failoverTimeMillis?: number;
    maxRecords?: number;
    idleTimeBetweenReadsInMillis?: number;
    initialPositionInStream?: 'TRIM_HORIZON' | 'LATEST';
    parentShardPollIntervalMillis?: number;
    shardSyncIntervalMillis?: number;
    /** KCL's maxLeasesForWorker: the most leases one worker holds (default: no cap). */
    maxLeasesForWorker?: number;
    /** Simulated time to process one record. */
    processRecordMs?: number;
  };
}

export type ConsumerSpec = LambdaConsumerSpec | KclConsumerSpec;
