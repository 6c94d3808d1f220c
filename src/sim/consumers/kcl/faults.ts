/**
 * Faults aimed at a KCL application (`target` = application, or `application/worker`):
 * - `crash` (params.when 'now' | 'before-checkpoint' | 'mid-batch' with params.afterRecords k, default 1):
 *   the worker stops renewing, taking and reading; in-flight work is lost;
 * - `restart`: a new incarnation with no leases (a live worker is crashed first) — §7.3;
 * - `lose-lease` (params.shardId, optional params.to): another live worker takes the lease (or, with
 *   none, it is evicted); the old holder is a zombie until its next renewal or checkpoint fails (check 68);
 * - `expire-iterator`: the workers' current shard iterators become older than the expiry;
 * - `skew-clock` (params.skewMs): ahead (+) its taker judges leases expired skewMs early; behind (−)
 *   its renewer fires |skewMs| late;
 * - `slow-handler`, `poison-record`: shared consumer fault state;
 * - `reorder` with params.mode 'child-before-parent' (params.enabled false turns it off): the worker
 *   skips the parent check, so a child shard can be read before its parent is finished.
 * - `add-worker` (target = the application, params.worker): one more worker starts now (scaling out at
 *   run time, which KCL allows); it has no leases and balances by stealing;
 * `redeliver-batch` does not apply: KCL never re-sends a batch by itself (replays come from failover).
 * Returns false when a fault does not apply; `applyIntervention` records that with a note.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import type { Intervention } from '../../faults/intervention.ts';
import { addPoison, setSlowHandler } from '../../faults/consumerFaults.ts';
import { decodeIterator, encodeIterator } from '../../stream/iterators.ts';
import { evictLease, getLease } from './leaseTable.ts';
import { crashWorker, type KclApp, type WorkerState } from './state.ts';
import { newWorker, startWorker, takeOne } from './worker.ts';

type Params = Record<string, unknown>;

export type CrashWhen = 'now' | 'before-checkpoint' | 'mid-batch';

/** Crashes a worker now, or arms a crash for a precise point of its next batch. */
export function crashOrArm(world: World, app: KclApp, w: WorkerState, when: CrashWhen, afterRecords = 1): boolean {
  if (!w.alive) return false;
  if (when === 'now') crashWorker(world, app, w, 'now');
  else if (when === 'before-checkpoint') w.pendingCrash = { when };
  else w.pendingCrash = { when, afterRecords: Math.max(0, Math.floor(afterRecords)) };
  return true;
}

export function restartWorker(world: World, app: KclApp, w: WorkerState): void {
  crashWorker(world, app, w, 'restart');
  record(world, { t: world.nowMs, type: 'restart', consumer: app.id, worker: w.id });
  startWorker(world, app, w);
}

function crashFault(world: World, app: KclApp, workers: WorkerState[], p: Params): boolean {
  const when = p.when ?? 'now';
  if (when !== 'now' && when !== 'before-checkpoint' && when !== 'mid-batch') return false;
  const k = typeof p.afterRecords === 'number' ? p.afterRecords : 1;
  let any = false;
  for (const w of workers) any = crashOrArm(world, app, w, when, k) || any;
  return any;
}

/** Takes a lease away from its holder: another live worker takes it, or it is evicted. */
export function loseLease(world: World, app: KclApp, workers: WorkerState[], p: Params): boolean {
  const wanted = typeof p.shardId === 'string' ? p.shardId : undefined;
  const holder = workers.find((w) => w.alive && (wanted === undefined ? w.held.size > 0 : w.held.has(wanted)));
  if (!holder) return false;
  const shardId = wanted ?? [...holder.held.keys()].sort()[0]!;
  const lease = getLease(world, app.leaseTable, shardId);
  if (!lease) return false;
  const others = [...app.workers.values()].filter((w) => w.alive && w !== holder);
  const named = typeof p.to === 'string' ? others.find((w) => w.id === p.to) : undefined;
  // Otherwise the least loaded live worker, as a balancing taker would pick.
  const taker = named ?? others.sort((a, b) => a.held.size - b.held.size || (a.id < b.id ? -1 : 1))[0];
  if (taker) return takeOne(world, app, taker, lease, 'stolen');
  return evictLease(world, app.leaseTable, lease);
}

function expireIterators(world: World, workers: WorkerState[]): boolean {
  let any = false;
  for (const w of workers) {
    if (!w.alive) continue;
    any = true;
    for (const sc of w.consumers.values()) {
      if (sc.iterator === undefined) continue;
      // Re-issue the same position as if handed out longer ago than the expiry: the next read fails.
      const it = decodeIterator(sc.iterator);
      sc.iterator = encodeIterator({ ...it, issuedAtMs: world.nowMs - world.options.iteratorExpiryMs - 1 });
    }
  }
  return any;
}

function targetWorkers(app: KclApp, target: string): WorkerState[] | undefined {
  const slash = target.indexOf('/');
  if (slash < 0) return [...app.workers.values()];
  const w = app.workers.get(target.slice(slash + 1));
  return w ? [w] : undefined;
}

export function applyKclFault(world: World, app: KclApp, i: Intervention): boolean {
  const workers = targetWorkers(app, i.target);
  if (!workers) return false;
  const p: Params = i.params ?? {};
  switch (i.kind) {
    case 'crash':
      return crashFault(world, app, workers, p);
    case 'restart':
      for (const w of workers) restartWorker(world, app, w);
      return true;
    case 'lose-lease':
      return loseLease(world, app, workers, p);
    case 'expire-iterator':
      return expireIterators(world, workers);
    case 'skew-clock':
      if (typeof p.skewMs !== 'number' || !Number.isFinite(p.skewMs)) return false;
      for (const w of workers) w.skewMs = p.skewMs;
      return true;
    case 'slow-handler':
      return setSlowHandler(world, app.id, p);
    case 'poison-record':
      return addPoison(world, app.id, p);
    case 'reorder':
      if (p.mode !== 'child-before-parent') return false;
      for (const w of workers) w.ignoreParents = p.enabled !== false;
      return true;
    case 'add-worker': {
      // Scaling out at run time, as starting one more worker process would: no leases, it balances by stealing.
      const id = p.worker;
      if (i.target.includes('/') || typeof id !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(id) || app.workers.has(id)) return false;
      const w = newWorker(id);
      app.workers.set(id, w);
      startWorker(world, app, w);
      return true;
    }
    case 'redeliver-batch':
    case 'split-shard':
      return false;
    default:
      return false;
  }
}
