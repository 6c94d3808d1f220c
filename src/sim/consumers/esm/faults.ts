/**
 * Faults aimed at a mapping (`target` = the consumer id, or `consumer/lane-k` for one lane):
 * - `crash` when 'now' (default): in-flight invocations die (a timeout), so their batches are retried;
 *   'mid-batch' (params.afterRecords k, default 1): the next invocation processes k records, then fails;
 *   'before-checkpoint': the next successful batch is not checkpointed and is delivered again;
 * - `poison-record`, `slow-handler`: the shared fault state, consulted on every invocation;
 * - `redeliver-batch`: the last successful batch is delivered again (Lambda is at-least-once);
 * - `reorder` with mode 'parallel-batches': ParallelizationFactor (params.factor, default 4) —
 *   per-key order holds, order across keys does not; with mode 'shards': one shard is held back
 *   (params.shardId, params.delayMs) so the others run ahead;
 * - `expire-iterator`: the poller's iterators are dropped and re-anchored after the last record read.
 * Other kinds (restart, lose-lease, skew-clock, other reorder modes) do not apply to Lambda.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import type { Intervention } from '../../faults/intervention.ts';
import { addPoison, setSlowHandler } from '../../faults/consumerFaults.ts';
import { scheduleConsumerAction } from '../runtime.ts';
import type { Mapping } from './state.ts';
import { workerName } from './state.ts';

function laneFilter(fault: Intervention): string | undefined {
  const slash = fault.target.indexOf('/');
  return slash < 0 ? undefined : fault.target.slice(slash + 1);
}

function crashNow(world: World, m: Mapping, only: string | undefined): boolean {
  let any = false;
  for (const id of m.shardOrder) {
    for (const lane of m.shards.get(id)!.lanes) {
      const inv = lane.inflight;
      const worker = workerName(lane.index);
      if (!inv || (only !== undefined && only !== worker)) continue;
      inv.result = { kind: 'timeout', message: 'Runtime.ExitError: the execution environment crashed (crash fault)' };
      inv.endMs = world.nowMs;
      record(world, { t: world.nowMs, type: 'crash', consumer: m.consumerId, worker, reason: 'function crashed mid-invocation' });
      scheduleConsumerAction(world, m.consumerId, world.nowMs, 'complete', { invocationId: inv.id, shardId: id, lane: lane.index });
      any = true;
    }
  }
  return any;
}

function crash(world: World, m: Mapping, fault: Intervention): boolean {
  const when = fault.params?.when ?? 'now';
  if (when === 'now') {
    crashNow(world, m, laneFilter(fault));
    return true; // nothing in flight: the crash hit an idle environment, which Lambda simply replaces
  }
  if (when === 'mid-batch') {
    const k = fault.params?.afterRecords;
    m.pendingCrashAfterRecords = typeof k === 'number' && Number.isInteger(k) && k >= 0 ? k : 1;
    return true;
  }
  if (when === 'before-checkpoint') {
    m.loseNextCheckpoint = true;
    return true;
  }
  return false;
}

function redeliver(m: Mapping): boolean {
  const last = m.lastSuccess;
  const run = last ? m.shards.get(last.shardId) : undefined;
  const lane = last && run?.lanes[last.lane];
  if (!last || !run || !lane || run.status === 'finished') return false;
  const batch = { id: m.nextBatchId++, records: last.records, trigger: 'redelivery' as const, invokeCount: 0, failures: 0 };
  // Behind the batch in flight, if any; otherwise next.
  lane.batches.splice(lane.inflight ? 1 : 0, 0, batch);
  return true;
}

/**
 * `reorder` with mode 'shards': one shard (params.shardId, or the first active one) is held back for
 * params.delayMs (default 30 s) while the others go on, so records written later on other shards
 * are processed first. Order across shards was never promised; order per item still holds.
 */
function holdShard(world: World, m: Mapping, fault: Intervention): boolean {
  const wanted = fault.params?.shardId;
  const shardId = typeof wanted === 'string' ? wanted : m.shardOrder.find((id) => m.shards.get(id)?.status === 'active');
  if (shardId === undefined || !m.shards.has(shardId)) return false;
  const delay = fault.params?.delayMs;
  const delayMs = typeof delay === 'number' && Number.isFinite(delay) && delay > 0 ? delay : 30_000;
  (m.heldShards ??= new Map()).set(shardId, world.nowMs + delayMs);
  return true;
}

export function applyEsmFault(world: World, m: Mapping, fault: Intervention): boolean {
  switch (fault.kind) {
    case 'crash':
      return crash(world, m, fault);
    case 'poison-record':
      return addPoison(world, m.consumerId, fault.params);
    case 'slow-handler':
      return setSlowHandler(world, m.consumerId, fault.params);
    case 'redeliver-batch':
      return redeliver(m);
    case 'reorder': {
      if (fault.params?.mode === 'shards') return holdShard(world, m, fault);
      if (fault.params?.mode !== 'parallel-batches') return false;
      const f = fault.params.factor;
      m.config = { ...m.config, ParallelizationFactor: typeof f === 'number' && Number.isInteger(f) && f >= 2 && f <= 10 ? f : 4 };
      return true;
    }
    case 'expire-iterator':
      for (const run of m.shards.values()) {
        if (run.iterator === undefined) continue;
        delete run.iterator;
        record(world, { t: world.nowMs, type: 'iterator-expired', consumer: m.consumerId, worker: 'poller', shardId: run.shardId });
      }
      return true;
    default:
      return false;
  }
}
