/**
 * A KCL 3.x worker's loops, in place of KCL 1.x's taker (AWS: "KCL 3.x introduces a leader-based
 * approach for lease assignment"):
 * - `renew` (every failover/3 − 25 ms, as in 1.x): renews held leases; a renewal that finds the
 *   lease given to someone else while this worker is still its `checkpointOwner` starts a graceful
 *   handoff (the shard consumer finishes its batch, checkpoints and lets go); then discovers the
 *   leases the leader gave this worker and starts them — a handed-off lease only once the old owner
 *   let go, or after `gracefulLeaseHandoffTimeoutMillis` without a word from it.
 * - `assign` (every 2 × failover time): runs for leader; the leader plans and writes assignments.
 * - `report` (every `workerMetricsReporterFreqInMillis`): writes the worker's utilisation.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import { assignmentIntervalMs } from './config.ts';
import { listLeases, renewLease } from './leaseTable.ts';
import { assignLease, clearCheckpointOwner } from './handoffWrites.ts';
import { planAssignments } from './assignment.ts';
import { activeWorkers, decideLeader, heartbeatLock, reportMetrics } from './coordinator.ts';
import { observeScan } from './taker.ts';
import { releaseHandoff, startShardConsumer } from './shardConsumer.ts';
import { scheduleWorkerAction, type KclApp, type WorkerState } from './state.ts';

export function startWorker3(world: World, app: KclApp, w: WorkerState): void {
  w.processedSinceReport = 0;
  w.lastReportMs = world.nowMs;
  reportMetrics(world, app, w);
  scheduleWorkerAction(world, app, w, world.nowMs, 'assign');
  scheduleWorkerAction(world, app, w, world.nowMs + app.config.workerMetricsReporterFreqInMillis, 'report');
}

export function runReport(world: World, app: KclApp, w: WorkerState): void {
  reportMetrics(world, app, w);
  scheduleWorkerAction(world, app, w, world.nowMs + app.config.workerMetricsReporterFreqInMillis, 'report');
}

/** One assignment round: only the lock holder assigns. */
export function runAssignment(world: World, app: KclApp, w: WorkerState): void {
  if (decideLeader(world, app, w)) {
    w.observed = observeScan(w.observed, listLeases(world, app.leaseTable), world.nowMs);
    // A worker whose leases just expired gets nothing back until it reports again (it may be down).
    const active = activeWorkers(world, app).filter((r) => !(w.suspects.has(r.worker) && (r.reportedAtMs ?? 0) <= w.suspects.get(r.worker)!));
    const plan = planAssignments(w.observed, active, world.nowMs, {
      failoverMs: app.config.failoverTimeMillis - Math.max(0, w.skewMs),
      maxLeasesForWorker: app.config.maxLeasesForWorker,
    });
    for (const a of plan) {
      const previousOwner = a.lease.leaseOwner;
      const handoffFrom = a.reason === 'rebalance' ? previousOwner : undefined;
      if (!assignLease(world, app.leaseTable, a.lease, a.to, handoffFrom)) continue;
      if (a.reason === 'expired' && previousOwner !== undefined) w.suspects.set(previousOwner, world.nowMs);
      app.assignedFrom.set(a.lease.leaseKey, { ...(previousOwner !== undefined ? { previousOwner } : {}), reason: a.reason });
      record(world, { t: world.nowMs, type: 'lease-assigned', consumer: app.id, worker: w.id, shardId: a.lease.leaseKey, to: a.to, ...(previousOwner !== undefined ? { previousOwner } : {}), reason: a.reason });
    }
  }
  scheduleWorkerAction(world, app, w, world.nowMs + assignmentIntervalMs(app.config), 'assign');
}

export function renewAndDiscover(world: World, app: KclApp, w: WorkerState): void {
  heartbeatLock(world, app, w);
  for (const shardId of [...w.held.keys()].sort()) {
    const held = w.held.get(shardId)!;
    if (held.handoffTo !== undefined) {
      // Handing off with no consumer left to finish a batch: let go now.
      const sc = w.consumers.get(shardId);
      if (!sc || sc.state === 'SHUTDOWN_COMPLETE') releaseHandoff(world, app, w, shardId, held.handoffTo);
      continue;
    }
    const r = renewLease(world, app.leaseTable, shardId, w.id, held.counter);
    if (r.ok) {
      held.counter = r.counter;
      continue;
    }
    if (r.actual?.checkpointOwner === w.id && r.actual.leaseOwner !== undefined && r.actual.leaseOwner !== w.id) {
      held.handoffTo = r.actual.leaseOwner;
      continue;
    }
    w.held.delete(shardId);
    if (!r.actual) continue;
    const base = { t: world.nowMs, consumer: app.id, worker: w.id, shardId };
    const actualOwner = r.actual.leaseOwner;
    record(world, { ...base, type: 'lease-renewal-failed', expectedCounter: held.counter, actualCounter: r.actual.leaseCounter, ...(actualOwner !== undefined ? { actualOwner } : {}) });
    record(world, { ...base, type: 'lease-lost', detectedBy: 'renewal', ...(actualOwner !== undefined ? { newOwner: actualOwner } : {}) });
  }
  discover(world, app, w);
}

/** Starts the leases the leader gave this worker (KCL 3.x queries the lease table's leaseOwner index). */
function discover(world: World, app: KclApp, w: WorkerState): void {
  const leases = listLeases(world, app.leaseTable);
  w.observed = observeScan(w.observed, leases, world.nowMs);
  for (const lease of leases) {
    if (lease.leaseOwner !== w.id || w.held.has(lease.leaseKey) || lease.checkpoint === 'SHARD_END') continue;
    let counter = lease.leaseCounter;
    if (lease.checkpointOwner !== undefined) {
      const seen = w.observed.get(lease.leaseKey)!;
      if (world.nowMs - seen.lastChangeMs <= app.config.gracefulLeaseHandoffTimeoutMillis) continue;
      // The old owner never let go: take the lease anyway (its checkpoints now fail).
      const next = clearCheckpointOwner(world, app.leaseTable, lease.leaseKey, lease.checkpointOwner);
      if (next === undefined) continue;
      counter = next;
    }
    const from = app.assignedFrom.get(lease.leaseKey);
    const previousOwner = from?.previousOwner ?? lease.checkpointOwner;
    w.held.set(lease.leaseKey, { counter });
    record(world, {
      t: world.nowMs,
      type: 'lease-taken',
      consumer: app.id,
      worker: w.id,
      shardId: lease.leaseKey,
      ...(previousOwner !== undefined ? { previousOwner } : {}),
      reason: from?.reason === 'rebalance' ? 'handoff' : (from?.reason ?? 'new'),
      leaseCounter: counter,
    });
    const { checkpointOwner: _gone, ...rest } = lease;
    startShardConsumer(world, app, w, { ...rest, leaseCounter: counter });
  }
}
