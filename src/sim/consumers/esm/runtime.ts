/**
 * The mapping as a consumer of the world: its ConsumerRuntime. Three scheduled actions drive it:
 * `transition` (the state machine: Creating → Enabled, Disabling → Disabled, ...), `tick` (the
 * poller: every 250 ms, AWS's 4 polls a second, each active shard's free lanes read and invoke) and
 * `complete` (an invocation's result takes effect). Shards and lanes run in a fixed order and an
 * async function is awaited before the next lane runs, so a run is a function of its inputs.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import type { ConsumerRuntime } from '../runtime.ts';
import { scheduleConsumerAction } from '../runtime.ts';
import type { Intervention } from '../../faults/intervention.ts';
import type { EsmState } from './events.ts';
import { esmState, type Mapping, type ShardRun } from './state.ts';
import { discoverShards, rewindToCheckpoint, streamOf } from './reader.ts';
import { complete, isPromise, tryLane } from './invoke.ts';
import { advanceCheckpoint, finishIfDone } from './outcome.ts';
import { applyEsmFault } from './faults.ts';

export const POLL_INTERVAL_MS = 250;
/** How long Creating, Enabling, Updating, Disabling and Deleting last (AWS: seconds to minutes). */
export const TRANSITION_MS = 1_000;

const POLLING: readonly EsmState[] = ['Enabled', 'Updating'];

/** Runs thunks in order, awaiting any that return a promise before starting the next. */
export function inSequence(tasks: readonly (() => void | Promise<void>)[], from = 0): void | Promise<void> {
  for (let i = from; i < tasks.length; i++) {
    const r = tasks[i]!();
    if (isPromise(r)) return r.then(() => inSequence(tasks, i + 1));
  }
}

export function setState(world: World, m: Mapping, state: EsmState, reason = 'User action'): void {
  m.state = state;
  m.stateTransitionReason = reason;
  m.transitionSeq++;
  record(world, { t: world.nowMs, type: 'mapping-state-changed', consumer: m.consumerId, uuid: m.uuid, functionName: m.functionName, streamArn: m.eventSourceArn, state, reason });
}

/** Enters a transitional state now and the settled one TRANSITION_MS later. */
export function transitionTo(world: World, m: Mapping, now: EsmState, then: EsmState | 'Deleted'): void {
  setState(world, m, now);
  scheduleConsumerAction(world, m.consumerId, world.nowMs + TRANSITION_MS, 'transition', { seq: m.transitionSeq, to: then });
}

function scheduleTick(world: World, m: Mapping): void {
  if (m.deleted || !POLLING.includes(m.state) || !hasWork(world, m)) return;
  const at = (Math.floor(world.nowMs / POLL_INTERVAL_MS) + 1) * POLL_INTERVAL_MS;
  if (m.tickAtMs !== undefined && m.tickAtMs <= at) return; // the pending tick comes first
  m.tickAtMs = at;
  scheduleConsumerAction(world, m.consumerId, at, 'tick', { at });
}

/** False once every shard is finished and the stream can make no new ones (it was disabled or is gone). */
function hasWork(world: World, m: Mapping): boolean {
  if (!m.discovered) return true;
  if ([...m.shards.values()].some((r) => r.status !== 'finished')) return true;
  return streamOf(world, m)?.status === 'ENABLED';
}

function runShard(world: World, m: Mapping, run: ShardRun): void | Promise<void> {
  const lanes = run.lanes.slice();
  const tasks = lanes.map((lane) => () => tryLane(world, m, run, lane));
  const after = (): void => {
    advanceCheckpoint(world, m, run, 'poller');
    finishIfDone(world, m, run);
  };
  const r = inSequence(tasks);
  if (isPromise(r)) return r.then(after);
  after();
}

function tick(world: World, m: Mapping, at: number): void | Promise<void> {
  if (at !== m.tickAtMs) return; // superseded
  delete m.tickAtMs;
  if (m.deleted || !POLLING.includes(m.state)) return;
  if (!m.discovered || [...m.shards.values()].every((r) => r.status === 'finished')) discoverShards(world, m);
  // A shard held back by a reorder fault sits out until its time: the other shards run ahead.
  const held = m.heldShards;
  const runs = m.shardOrder.map((id) => m.shards.get(id)!).filter((r) => r.status === 'active' && (held?.get(r.shardId) ?? 0) <= at);
  const r = inSequence(runs.map((run) => () => runShard(world, m, run)));
  if (isPromise(r)) return r.then(() => scheduleTick(world, m));
  scheduleTick(world, m);
}

function settle(world: World, m: Mapping, payload: { seq: number; to: EsmState | 'Deleted' }): void {
  if (payload.seq !== m.transitionSeq) return; // a later change superseded this one
  if (payload.to === 'Deleted') {
    esmState(world).mappings.delete(m.uuid);
    return;
  }
  setState(world, m, payload.to, m.stateTransitionReason);
  if (payload.to === 'Disabled') for (const run of m.shards.values()) rewindToCheckpoint(run);
  if (payload.to === 'Enabled') scheduleTick(world, m);
}

/**
 * Data and methods only (the mapping is looked up by its UUID in the world it runs in, not held in
 * a closure), so a snapshot of the world copies it and the copy runs on the copied world.
 */
export class EsmRuntime implements ConsumerRuntime {
  readonly kind = 'lambda' as const;

  constructor(
    readonly id: string,
    private readonly uuid: string,
  ) {}

  private mapping(world: World): Mapping | undefined {
    return esmState(world).mappings.get(this.uuid);
  }

  handle(world: World, action: string, payload: unknown): void | Promise<void> {
    const m = this.mapping(world);
    if (!m) return;
    if (action === 'tick') return tick(world, m, (payload as { at: number }).at);
    if (action === 'complete') {
      complete(world, m, payload as { invocationId: number; shardId: string; lane: number });
      scheduleTick(world, m);
      return;
    }
    if (action === 'transition') settle(world, m, payload as { seq: number; to: EsmState | 'Deleted' });
  }

  applyFault(world: World, fault: Intervention): boolean {
    const m = this.mapping(world);
    if (!m || m.deleted) return false;
    const applied = applyEsmFault(world, m, fault);
    if (applied) scheduleTick(world, m);
    return applied;
  }
}

export { scheduleTick };
