/**
 * The KCL module's state: applications (one lease table each), their workers, the leases each
 * worker believes it holds, its taker's observations, and one shard consumer per held lease. Lives
 * in `moduleState(world, 'kcl')`; only the KCL module reads or writes it. Also the small helpers
 * every KCL file shares (the crash transition, scheduling a worker's timers).
 */
import type { World } from '../../world.ts';
import { moduleState, record } from '../../world.ts';
import { scheduleConsumerAction } from '../runtime.ts';
import type { CheckpointValue } from '../events.ts';
import type { ResolvedKclConfig } from './config.ts';
import type { ProcessorFactory, RecordProcessor, RecordProcessorCheckpointer } from './processor.ts';
import type { ShardConsumerState, ShutdownReason } from './events.ts';
import type { Lease } from './leaseTable.ts';

/** What the taker remembers of a lease between scans: expiry is judged by the observer (reference §7.3). */
export interface ObservedLease {
  lease: Lease;
  /** Time the taker last saw the counter change; -Infinity: never renewed. */
  lastChangeMs: number;
}

export interface ShardConsumer {
  shardId: string;
  /** Changes when the consumer is replaced, so its stale scheduled ticks are ignored. */
  gen: number;
  state: ShardConsumerState;
  parentShardIds: string[];
  processor?: RecordProcessor;
  checkpointer?: RecordProcessorCheckpointer;
  iterator?: string;
  /** Where to (re)open an iterator: after this sequence number, or at a sentinel. */
  position: CheckpointValue;
  /** Largest sequence number handed to the processor: the ceiling for `checkpoint(seq)`. */
  largestDelivered?: string;
  /** The checkpoint this consumer last read or wrote. */
  lastCheckpoint: CheckpointValue;
  shardEndReached: boolean;
  shutdownReason?: ShutdownReason;
  /** Phase the checkpointer is in: processing, TERMINATE (checkpoint() = SHARD_END) or ZOMBIE (refused). */
  phase: 'processing' | 'terminate' | 'zombie' | 'requested';
  /** The TERMINATE shutdown was already reported once (retries are silent). */
  terminateReported: boolean;
  /** Parents it last found unfinished, so a poll that finds the same ones is not a new fact. */
  blockedBy?: string[];
}

export type PendingCrash = { when: 'before-checkpoint' } | { when: 'mid-batch'; afterRecords: number };

export interface WorkerState {
  id: string;
  /** Bumped on every (re)start; timers of an older incarnation are ignored. */
  incarnation: number;
  alive: boolean;
  /** Leases this worker believes it holds: shardId → the counter it last wrote (KCL 3.x: and the worker it is handing it to). */
  held: Map<string, { counter: number; handoffTo?: string }>;
  observed: Map<string, ObservedLease>;
  consumers: Map<string, ShardConsumer>;
  pendingCrash?: PendingCrash;
  /** skew-clock fault: its clock runs this far ahead (+) or behind (−). */
  skewMs: number;
  /** reorder fault (child-before-parent): its shard consumers skip the parent check. */
  ignoreParents: boolean;
  /** KCL 3.x: records processed since its last utilisation report (the sim's stand-in for CPU). */
  processedSinceReport: number;
  lastReportMs: number;
  /** KCL 3.x: the leader lock as this worker last saw it, to judge its expiry as the lock client does. */
  lockSeen?: { owner: string; version: number; sinceMs: number };
  /** KCL 3.x leader's memory: workers whose leases it found expired, and when (inactive until they report again). */
  suspects: Map<string, number>;
}

export interface KclApp {
  id: string;
  leaseTable: string;
  streamArn: string;
  config: ResolvedKclConfig;
  processorFactory: ProcessorFactory;
  /** Named in `checkpoint` facts. */
  strategyName: string;
  workers: Map<string, WorkerState>;
  nextBatchId: number;
  nextGen: number;
  /** Key attribute names of the stream's table, for record key strings. */
  keyNames: string[];
  /** KCL 3.x: why the leader gave each lease to its owner, for the owner's `lease-taken` fact. */
  assignedFrom: Map<string, { previousOwner?: string; reason: 'new' | 'expired' | 'rebalance' }>;
}

export function kclApps(world: World): Map<string, KclApp> {
  return moduleState(world, 'kcl', () => new Map<string, KclApp>());
}

export function findApp(world: World, applicationName: string): KclApp {
  const app = kclApps(world).get(applicationName);
  if (!app) throw new Error(`No KCL application named ${applicationName}`);
  return app;
}

export function findWorker(app: KclApp, workerId: string): WorkerState {
  const w = app.workers.get(workerId);
  if (!w) throw new Error(`KCL application ${app.id} has no worker ${workerId}`);
  return w;
}

/** Payload of every scheduled worker action; the incarnation makes a dead worker's timers inert. */
export interface WorkerActionPayload {
  worker: string;
  incarnation: number;
  shardId?: string;
  gen?: number;
}

export type WorkerAction = 'renew' | 'take' | 'sync' | 'shard' | 'assign' | 'report';

export function scheduleWorkerAction(world: World, app: KclApp, w: WorkerState, atMs: number, action: WorkerAction, extra: { shardId?: string; gen?: number } = {}): void {
  const payload: WorkerActionPayload = { worker: w.id, incarnation: w.incarnation, ...extra };
  scheduleConsumerAction(world, app.id, atMs, action, payload);
}

/**
 * A crash: the worker stops renewing, taking and reading at once; in-flight work is lost and its
 * processors are not shut down. Its leases stay in the table until another worker sees them expire.
 */
export function crashWorker(world: World, app: KclApp, w: WorkerState, reason: string): void {
  if (!w.alive) return;
  w.alive = false;
  w.held.clear();
  w.consumers.clear();
  w.observed.clear();
  delete w.pendingCrash;
  delete w.lockSeen;
  record(world, { t: world.nowMs, type: 'crash', consumer: app.id, worker: w.id, reason });
}

export function isCurrent(w: WorkerState, p: WorkerActionPayload): boolean {
  return w.alive && w.incarnation === p.incarnation;
}
