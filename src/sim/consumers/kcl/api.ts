/**
 * The KCL module's public surface:
 * - `addKclConsumer(world, spec, handler)`: a data-driven KCL application (a scenario's consumer) whose
 *   record processor applies a downstream handler and checkpoints by `spec.checkpoint`;
 * - `createKclApi(world)`: the programmatic API (to be exposed as `sim.kcl`): applications with a
 *   learner's own record processors, worker crashes and restarts, and read-only views of leases
 *   and workers. Every call acts at the world's current simulated time.
 */
import type { World } from '../../world.ts';
import type { KclConsumerSpec } from '../spec.ts';
import type { DownstreamHandler } from '../../handlers/types.ts';
import { addWorker, createApplication, type KclApplicationOptions } from './application.ts';
import { crashOrArm, restartWorker } from './faults.ts';
import { handlerProcessorFactory, strategyName } from './handlerProcessor.ts';
import { listLeases, type Lease } from './leaseTable.ts';
import { findApp, findWorker, type KclApp } from './state.ts';
import type { ShardConsumerState } from './events.ts';

/** Starts a KCL application for a consumer spec; its stream is the handler's source table's current stream. */
export function addKclConsumer(world: World, spec: KclConsumerSpec, handler: DownstreamHandler): KclApp {
  const table = world.tables.get(handler.spec.sourceTable);
  const streamArn = table?.stream?.arn;
  if (!streamArn) throw new Error(`KCL consumer ${spec.id}: table ${handler.spec.sourceTable} has no enabled stream`);
  const keyNames = world.streams.get(streamArn)!.keySchema.map((k) => k.AttributeName);
  const name = strategyName(spec.checkpoint);
  return createApplication(world, {
    applicationName: spec.id,
    streamArn,
    workers: spec.workers,
    ...(spec.config ? { config: spec.config } : {}),
    processorFactory: handlerProcessorFactory({ world, consumer: spec.id, keyNames, handler, strategy: spec.checkpoint }),
    strategyName: name,
    label: `KCL ${spec.id}: ${handler.spec.kind} (${handler.spec.idempotency}), ${spec.workers.length} worker${spec.workers.length === 1 ? '' : 's'}, checkpoint ${name}`,
  });
}

export interface KclWorkerView {
  id: string;
  alive: boolean;
  incarnation: number;
  /** Leases it believes it holds (a zombie still lists a lease it has lost until it notices). */
  leases: string[];
  shardConsumers: { shardId: string; state: ShardConsumerState }[];
}

/** When a crash lands: now, at the next checkpoint attempt, or after k more records. */
export type CrashPoint = 'now' | 'before-checkpoint' | { midBatchAfterRecords: number };

export interface KclApi {
  /** Creates the lease table and starts every worker now. Returns the application name (= lease table name). */
  createApplication(options: KclApplicationOptions): { applicationName: string; leaseTable: string };
  /** Adds a worker to a running application: it starts with no leases and balances by stealing. */
  addWorker(applicationName: string, workerId: string): void;
  /** Crashes a worker (or arms a crash); false when it is already down. */
  crashWorker(applicationName: string, workerId: string, when?: CrashPoint): boolean;
  /** Restarts a worker as a new incarnation with no leases (a live one is crashed first). */
  restartWorker(applicationName: string, workerId: string): void;
  /** The lease table's rows, by shard id. */
  leases(applicationName: string): Lease[];
  workers(applicationName: string): KclWorkerView[];
}

export function createKclApi(world: World): KclApi {
  return {
    createApplication(options) {
      const app = createApplication(world, options);
      return { applicationName: app.id, leaseTable: app.leaseTable };
    },
    addWorker(applicationName, workerId) {
      addWorker(world, findApp(world, applicationName), workerId);
    },
    crashWorker(applicationName, workerId, when = 'now') {
      const app = findApp(world, applicationName);
      const w = findWorker(app, workerId);
      if (typeof when === 'object') return crashOrArm(world, app, w, 'mid-batch', when.midBatchAfterRecords);
      return crashOrArm(world, app, w, when);
    },
    restartWorker(applicationName, workerId) {
      const app = findApp(world, applicationName);
      restartWorker(world, app, findWorker(app, workerId));
    },
    leases(applicationName) {
      return listLeases(world, findApp(world, applicationName).leaseTable);
    },
    workers(applicationName) {
      return [...findApp(world, applicationName).workers.values()].map((w) => ({
        id: w.id,
        alive: w.alive,
        incarnation: w.incarnation,
        leases: [...w.held.keys()].sort(),
        shardConsumers: [...w.consumers.values()].map((sc) => ({ shardId: sc.shardId, state: sc.state })).sort((a, b) => (a.shardId < b.shardId ? -1 : 1)),
      }));
    },
  };
}
