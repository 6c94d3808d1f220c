/**
 * A KCL worker's background loops (reference §7.3): the lease renewer (every failover/3 − 25 ms),
 * the lease taker (every 2 × (failover + 25 ms)) and the periodic shard sync, plus starting and
 * restarting a worker. Each loop is a scheduled action of the application carrying the worker's
 * incarnation, so a crashed worker's timers do nothing. A restarted worker is a new incarnation with
 * no leases and an empty taker memory: it gets leases back only by expiry or stealing.
 * Uses the lease table, the shard consumers and the trace.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import { renewerIntervalMs, takerIntervalMs } from './config.ts';
import { listLeases, renewLease, takeLease, type Lease } from './leaseTable.ts';
import { computeLeasesToTake, observeScan } from './taker.ts';
import { syncShards } from './shardSync.ts';
import { startShardConsumer } from './shardConsumer.ts';
import { scheduleWorkerAction, type KclApp, type WorkerState } from './state.ts';
import { renewAndDiscover, startWorker3 } from './kcl3Worker.ts';

export function newWorker(id: string): WorkerState {
  return { id, incarnation: 0, alive: false, held: new Map(), observed: new Map(), consumers: new Map(), skewMs: 0, ignoreParents: false, processedSinceReport: 0, lastReportMs: 0, suspects: new Map() };
}

/** Starts (or restarts) a worker: shard sync first, then the renewer and the taker start at once. */
export function startWorker(world: World, app: KclApp, w: WorkerState): void {
  w.incarnation++;
  w.alive = true;
  w.held.clear();
  w.observed.clear();
  w.consumers.clear();
  delete w.pendingCrash;
  record(world, { t: world.nowMs, type: 'worker-started', consumer: app.id, worker: w.id, incarnation: w.incarnation });
  syncShards(world, app, w);
  // KCL 3.x: no taker; the worker reports its utilisation and runs for leader instead.
  if (app.config.kclVersion === '3.x') startWorker3(world, app, w);
  else scheduleWorkerAction(world, app, w, world.nowMs, 'take');
  scheduleWorkerAction(world, app, w, world.nowMs + renewInterval(app, w), 'renew');
  scheduleWorkerAction(world, app, w, world.nowMs + app.config.shardSyncIntervalMillis, 'sync');
}

/**
 * The renewer's period on this worker's clock. A clock running behind (negative skew) makes its
 * timers fire late by that much, so its renewals can fall behind its leases' failover time.
 */
function renewInterval(app: KclApp, w: WorkerState): number {
  return renewerIntervalMs(app.config) + Math.max(0, -w.skewMs);
}

export function runSync(world: World, app: KclApp, w: WorkerState): void {
  syncShards(world, app, w);
  scheduleWorkerAction(world, app, w, world.nowMs + app.config.shardSyncIntervalMillis, 'sync');
}

/** Renews every held lease; a failed renewal means the lease was taken (or deleted) meanwhile. */
export function runRenewer(world: World, app: KclApp, w: WorkerState): void {
  if (app.config.kclVersion === '3.x') {
    renewAndDiscover(world, app, w);
    scheduleWorkerAction(world, app, w, world.nowMs + renewInterval(app, w), 'renew');
    return;
  }
  for (const shardId of [...w.held.keys()].sort()) {
    const held = w.held.get(shardId)!;
    const r = renewLease(world, app.leaseTable, shardId, w.id, held.counter);
    if (r.ok) {
      held.counter = r.counter;
      continue;
    }
    w.held.delete(shardId);
    // A finished lease deleted by cleanup is not news; a lease someone else now holds is.
    if (!r.actual) continue;
    const base = { t: world.nowMs, consumer: app.id, worker: w.id, shardId };
    record(world, {
      ...base,
      type: 'lease-renewal-failed',
      expectedCounter: held.counter,
      actualCounter: r.actual.leaseCounter,
      ...(r.actual.leaseOwner !== undefined ? { actualOwner: r.actual.leaseOwner } : {}),
    });
    record(world, { ...base, type: 'lease-lost', detectedBy: 'renewal', ...(r.actual.leaseOwner !== undefined ? { newOwner: r.actual.leaseOwner } : {}) });
  }
  scheduleWorkerAction(world, app, w, world.nowMs + renewInterval(app, w), 'renew');
}

/** Scans the lease table and takes what KCL's taker would (expired first, else steal one). */
export function runTaker(world: World, app: KclApp, w: WorkerState): void {
  w.observed = observeScan(w.observed, listLeases(world, app.leaseTable), world.nowMs);
  const decisions = computeLeasesToTake(w.id, w.observed, world.nowMs, {
    // A clock running ahead (positive skew) measures every wait as longer: leases look expired early.
    failoverMs: app.config.failoverTimeMillis - Math.max(0, w.skewMs),
    maxLeasesToStealAtOneTime: app.config.maxLeasesToStealAtOneTime,
    maxLeasesForWorker: app.config.maxLeasesForWorker,
  });
  for (const d of decisions) takeOne(world, app, w, d.lease, d.reason);
  scheduleWorkerAction(world, app, w, world.nowMs + takerIntervalMs(app.config), 'take');
}

/** Conditionally takes one observed lease for `w`; on success starts its shard consumer. */
export function takeOne(world: World, app: KclApp, w: WorkerState, lease: Lease, reason: 'new' | 'expired' | 'stolen'): boolean {
  const counter = takeLease(world, app.leaseTable, lease, w.id);
  if (counter === undefined) return false; // another worker renewed or took it since the scan
  w.held.set(lease.leaseKey, { counter });
  record(world, {
    t: world.nowMs,
    type: 'lease-taken',
    consumer: app.id,
    worker: w.id,
    shardId: lease.leaseKey,
    ...(lease.leaseOwner !== undefined ? { previousOwner: lease.leaseOwner } : {}),
    reason,
    leaseCounter: counter,
  });
  startShardConsumer(world, app, w, { ...lease, leaseOwner: w.id, leaseCounter: counter });
  return true;
}
