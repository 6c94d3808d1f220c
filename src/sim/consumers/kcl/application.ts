/**
 * A KCL application as a consumer runtime: its lease table, its workers and the dispatch of their
 * scheduled actions (renew, take, sync, shard). Creating one creates the lease table, registers the
 * runtime under the application name and starts every worker at the current simulated time.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import { registerConsumer, type ConsumerRuntime } from '../runtime.ts';
import { resolveKclConfig, type KclConfig } from './config.ts';
import { ensureLeaseTable } from './leaseTable.ts';
import type { ProcessorFactory } from './processor.ts';
import { tickShardConsumer } from './shardConsumer.ts';
import { isCurrent, kclApps, type KclApp, type WorkerActionPayload } from './state.ts';
import { newWorker, runRenewer, runSync, runTaker, startWorker } from './worker.ts';
import { applyKclFault } from './faults.ts';
import { ensureCoordinatorTables } from './coordinator.ts';
import { runAssignment, runReport } from './kcl3Worker.ts';

export interface KclApplicationOptions {
  /** Names the application, its consumer id and its lease table (3–255 of [a-zA-Z0-9_.-]). */
  applicationName: string;
  streamArn: string;
  /** Worker ids; each runs the whole KCL loop. */
  workers: string[];
  config?: KclConfig;
  processorFactory: ProcessorFactory;
  /** What `checkpoint` facts name as their strategy (default 'processor'). */
  strategyName?: string;
  /** Shown in the `consumer-started` fact. */
  label?: string;
}

const APP_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

function handleAction(world: World, app: KclApp, action: string, payload: unknown): void {
  const p = payload as WorkerActionPayload;
  const w = app.workers.get(p.worker);
  if (!w || !isCurrent(w, p)) return; // a timer of a crashed or restarted incarnation
  switch (action) {
    case 'renew':
      runRenewer(world, app, w);
      break;
    case 'take':
      runTaker(world, app, w);
      break;
    case 'sync':
      runSync(world, app, w);
      break;
    case 'shard':
      tickShardConsumer(world, app, w, p);
      break;
    case 'assign':
      runAssignment(world, app, w);
      break;
    case 'report':
      runReport(world, app, w);
      break;
    default:
      throw new Error(`Unknown KCL action ${action}`);
  }
}

function validate(world: World, o: KclApplicationOptions): void {
  if (!APP_NAME.test(o.applicationName)) throw new RangeError(`KCL applicationName must be 3–255 characters of [a-zA-Z0-9_.-]; got ${o.applicationName}`);
  if (kclApps(world).has(o.applicationName) || world.consumers.has(o.applicationName)) throw new Error(`A consumer named ${o.applicationName} already exists`);
  if (!world.streams.has(o.streamArn)) throw new Error(`No stream ${o.streamArn}`);
  if (o.workers.length === 0) throw new RangeError('A KCL application needs at least one worker');
  if (new Set(o.workers).size !== o.workers.length) throw new RangeError('KCL worker ids must be unique');
  for (const id of o.workers) if (!id || id.includes('/')) throw new RangeError(`Invalid KCL worker id ${JSON.stringify(id)}: it may not be empty or contain '/'`);
}

export function createApplication(world: World, o: KclApplicationOptions): KclApp {
  validate(world, o);
  const config = resolveKclConfig(o.config);
  ensureLeaseTable(world, o.applicationName);
  if (config.kclVersion === '3.x') ensureCoordinatorTables(world, o.applicationName);
  const stream = world.streams.get(o.streamArn)!;
  const app: KclApp = {
    id: o.applicationName,
    leaseTable: o.applicationName,
    streamArn: o.streamArn,
    config,
    processorFactory: o.processorFactory,
    strategyName: o.strategyName ?? 'processor',
    workers: new Map(o.workers.map((id) => [id, newWorker(id)])),
    nextBatchId: 1,
    nextGen: 1,
    keyNames: stream.keySchema.map((k) => k.AttributeName),
    assignedFrom: new Map(),
  };
  kclApps(world).set(app.id, app);
  // The application is looked up in the world it is handed (frozen functions, no state of their
  // own): a world snapshot then copies the application with its world, and the run can fork.
  const id = app.id;
  const runtime: ConsumerRuntime = {
    id,
    kind: 'kcl',
    handle: Object.freeze((wld: World, action: string, payload: unknown) => handleAction(wld, kclApps(wld).get(id)!, action, payload)),
    applyFault: Object.freeze((wld: World, intervention: Parameters<ConsumerRuntime['applyFault']>[1]) => applyKclFault(wld, kclApps(wld).get(id)!, intervention)),
  };
  registerConsumer(world, runtime);
  const label = o.label ?? `KCL application ${app.id} (${o.workers.length} worker${o.workers.length === 1 ? '' : 's'})`;
  record(world, { t: world.nowMs, type: 'consumer-started', consumer: app.id, kind: 'kcl', label });
  for (const w of app.workers.values()) startWorker(world, app, w);
  return app;
}

/** Adds a worker to a running application (scale out); it starts at once with no leases. */
export function addWorker(world: World, app: KclApp, workerId: string): void {
  if (app.workers.has(workerId)) throw new Error(`KCL application ${app.id} already has a worker ${workerId}`);
  if (!workerId || workerId.includes('/')) throw new RangeError(`Invalid KCL worker id ${JSON.stringify(workerId)}`);
  const w = newWorker(workerId);
  app.workers.set(workerId, w);
  startWorker(world, app, w);
}
