/**
 * How consumers plug into the world. A consumer (a Lambda event source mapping, a KCL application)
 * is a `ConsumerRuntime` registered under an id; its work is scheduled on the world's event queue as
 * `{ kind: 'consumer', consumerId, action, payload }` events, and `step()` hands each one back to it.
 * A runtime may return a promise from `handle` when it awaits a user's async function; the world
 * then waits for it before running anything else, so the run stays deterministic.
 */
import type { World } from '../world.ts';
import { schedule } from '../world.ts';
import type { Intervention } from '../faults/intervention.ts';

export interface ConsumerRuntime {
  readonly id: string;
  readonly kind: 'lambda' | 'kcl';
  /** Runs one scheduled action of this consumer at the world's current time. */
  handle(world: World, action: string, payload: unknown): void | Promise<void>;
  /** Applies a fault aimed at this consumer; returns false when the fault does not apply to it. */
  applyFault(world: World, fault: Intervention): boolean;
}

export function registerConsumer(world: World, runtime: ConsumerRuntime): void {
  if (world.consumers.has(runtime.id)) throw new Error(`A consumer named ${runtime.id} already exists`);
  world.consumers.set(runtime.id, runtime);
}

/** Queues an action of a consumer at `atMs` (never in the past). */
export function scheduleConsumerAction(world: World, consumerId: string, atMs: number, action: string, payload?: unknown): void {
  schedule(world, atMs, { kind: 'consumer', consumerId, action, payload });
}

/**
 * Counts deliveries per consumer and record: the n-th time a consumer is handed a record, this
 * returns n. Redeliveries after crashes and retries are what the timeline badges as ×2, ×3.
 */
export function noteDelivery(world: World, consumerId: string, eventID: string): number {
  let counts = world.deliveryCounts.get(consumerId);
  if (!counts) {
    counts = new Map();
    world.deliveryCounts.set(consumerId, counts);
  }
  const n = (counts.get(eventID) ?? 0) + 1;
  counts.set(eventID, n);
  return n;
}

export function deliveryCount(world: World, consumerId: string, eventID: string): number {
  return world.deliveryCounts.get(consumerId)?.get(eventID) ?? 0;
}
