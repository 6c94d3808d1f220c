/**
 * `step(world)`: pops the next queued event, moves the clock to its time and applies it. The only
 * place scheduled work runs; the rules it calls are named after the domain.
 */
import type { ScheduledEvent, World } from './world.ts';
import type { Scheduled } from './kernel/queue.ts';
import { isAwsError } from './api/errors.ts';
import { callInRegion, callOperation } from './api/call.ts';
import { unreachable } from './kernel/assert.ts';
import { applyIntervention } from './faults/apply.ts';
import { part } from './parts.ts';

function isPromise(v: unknown): v is Promise<void> {
  return typeof (v as { then?: unknown } | undefined)?.then === 'function';
}

/**
 * Applies the next queued event. Returns false when the queue is empty. When the event awaits a
 * user's async function (a Lambda handler), returns a promise; nothing else may run until it settles.
 */
export function step(world: World): boolean | Promise<boolean> {
  const next = world.queue.pop();
  if (!next) return false;
  return apply(world, next);
}

/** Applies one event taken from the queue. */
function apply(world: World, next: Scheduled<ScheduledEvent>): boolean | Promise<boolean> {
  world.nowMs = Math.max(world.nowMs, next.timeMs);
  const ev = next.event;
  switch (ev.kind) {
    case 'call':
      try {
        if (ev.region === undefined) callOperation(world, ev.target, ev.input, true);
        else callInRegion(world, ev.region, ev.target, ev.input, true);
      } catch (e) {
        // A scripted call that fails is part of the story (a rejected vote): it is in the trace.
        // Its input is the JSON copy `Simulation.schedule` made: the operation owns it.
        if (!isAwsError(e)) throw e;
      }
      break;
    // Both come only after a shard's lifetime or the retention: the shard lifecycle part, which
    // `partsFor` names for a run that long.
    case 'shard-rollover':
      part('shardLifecycle').rollOver(world, ev.streamArn, ev.shardId);
      break;
    case 'trim':
      part('shardLifecycle').trim(world);
      break;
    // Queued only for a table with TTL on, which UpdateTimeToLive (the table settings part) turned on.
    case 'ttl-check':
      part('tableSettings').ttlCheck(world, ev.table, ev.keyString);
      break;
    case 'consumer': {
      const consumer = world.consumers.get(ev.consumerId);
      const pending = consumer?.handle(world, ev.action, ev.payload);
      // The checks judge each consumer as it goes, right after each of its steps.
      if (isPromise(pending)) {
        return pending.then(() => {
          part('consumers').evaluateChecks(world, ev.consumerId);
          return true;
        });
      }
      if (consumer) part('consumers').evaluateChecks(world, ev.consumerId);
      break;
    }
    case 'intervention':
      applyIntervention(world, ev.intervention);
      break;
    case 'replication':
      part('globalTables').deliverReplication(world, ev.delivery);
      break;
    default:
      unreachable(ev, 'scheduled event');
  }
  return true;
}

/**
 * Runs every event due at or before `timeMs`, then sets the clock to `timeMs`. Synchronous unless an
 * event awaits an async function; then it returns a promise that finishes the run.
 */
export function runUntil(world: World, timeMs: number): void | Promise<void> {
  for (;;) {
    // Taken only when due: one look at the queue per event, not a peek and then a pop.
    const next = world.queue.popDue(timeMs);
    if (!next) break;
    const r = apply(world, next);
    if (isPromise(r)) return r.then(() => runUntil(world, timeMs));
  }
  world.nowMs = Math.max(world.nowMs, timeMs);
}
