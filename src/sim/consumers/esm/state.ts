/**
 * The ESM's in-memory state: mappings, and per mapping the shards it reads, their lanes (the
 * ParallelizationFactor's concurrent batches) and the batches in them. Plain data kept in the
 * world's module state under 'lambda-esm'. Types and lookups only: no behaviour.
 */
import type { World } from '../../world.ts';
import { moduleState } from '../../world.ts';
import type { StreamRecord } from '../../stream/record.ts';
import type { EsmState } from './events.ts';
import type { EsmConfig } from './config.ts';
import type { CompiledFilter } from './filter.ts';

/** A record the poller has read and not yet finished with. */
export interface Fetched {
  record: StreamRecord;
  seq: bigint;
  /** Index in the shard's record list (for trim checks). */
  index: number;
  keyString: string;
  /** When the record entered the stream (simulated ms). */
  arrivedAtMs: number;
  /** When the poller read it (the batching window starts here). */
  fetchedAtMs: number;
  lane: number;
  /** Processed, filtered out or discarded: the checkpoint may pass it. */
  done: boolean;
}

export interface Batch {
  id: number;
  records: Fetched[];
  trigger: 'poll' | 'retry' | 'bisect' | 'partial-retry' | 'redelivery';
  /** Invocations of exactly this batch so far (approximateInvokeCount). */
  invokeCount: number;
  /** Failed invocations counted against MaximumRetryAttempts. */
  failures: number;
  lastRequestId?: string;
  lastFunctionError?: string | null;
}

export interface Invocation {
  id: number;
  requestId: string;
  batch: Batch;
  startMs: number;
  endMs: number;
  result: { kind: 'returned'; response: unknown } | { kind: 'threw'; message: string } | { kind: 'timeout'; message: string };
}

export interface Lane {
  index: number;
  /** Read records waiting for a batch, in shard order. */
  queue: Fetched[];
  /** Formed batches; the first is in flight or waiting for its retry. */
  batches: Batch[];
  inflight?: Invocation;
  /** No invocation before this time (retry back-off). */
  notBeforeMs: number;
}

export type Resume = { kind: 'TRIM_HORIZON' } | { kind: 'LATEST' } | { kind: 'AFTER'; seq: string };

export interface ShardRun {
  shardId: string;
  parentShardId?: string;
  status: 'waiting-parent' | 'active' | 'finished';
  iterator?: string;
  iteratorIssuedAtMs: number;
  /** Index in the shard's records of the next record to read. */
  nextIndex: number;
  /** Where to re-anchor if the iterator is lost: after the last record read. */
  resume: Resume;
  /** The first anchor's position, made concrete (LATEST pinned): where to restart with no checkpoint. */
  baseResume?: Resume;
  /** Read to SHARD_END: nothing more will come. */
  readToEnd: boolean;
  lastFetchMs: number;
  lanes: Lane[];
  /** Records read, in order, not yet passed by the checkpoint. */
  window: Fetched[];
  checkpoint?: string;
}

export interface Mapping {
  uuid: string;
  consumerId: string;
  functionName: string;
  eventSourceArn: string;
  config: EsmConfig;
  filters: CompiledFilter[];
  state: EsmState;
  stateTransitionReason: string;
  lastProcessingResult: string;
  lastModifiedMs: number;
  /** Bumped on every state change so a superseded scheduled transition does nothing. */
  transitionSeq: number;
  deleted: boolean;
  discovered: boolean;
  shards: Map<string, ShardRun>;
  /** Shards in creation order (their ids sort by creation time). */
  shardOrder: string[];
  nextBatchId: number;
  nextInvocationId: number;
  tickAtMs?: number;
  lastSuccess?: { shardId: string; lane: number; records: Fetched[] };
  pendingCrashAfterRecords?: number;
  loseNextCheckpoint: boolean;
  /** Shards a `reorder` (mode 'shards') fault holds back, until the given time. */
  heldShards?: Map<string, number>;
}

export interface EsmModule {
  mappings: Map<string, Mapping>;
  byConsumer: Map<string, Mapping>;
  /** How halves of a bisected batch count retries (reference check 52 leaves it open). */
  bisectRetryCounter: 'reset-per-half' | 'carry-over';
}

export function esmState(world: World): EsmModule {
  return moduleState(world, 'lambda-esm', (): EsmModule => ({ mappings: new Map(), byConsumer: new Map(), bisectRetryCounter: 'reset-per-half' }));
}

export function workerName(lane: number): string {
  return `lane-${lane}`;
}
