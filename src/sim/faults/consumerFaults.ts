/**
 * Fault state shared by every consumer kind: records marked as poison for a consumer (its handler
 * fails on them, every time), and extra per-record processing time (a slow handler). Consumers
 * consult these before handing a record to the downstream handler.
 */
import type { World } from '../world.ts';
import { moduleState } from '../world.ts';
import type { StreamRecord } from '../stream/record.ts';
import type { Intervention } from './intervention.ts';

interface PoisonRule {
  consumer: string;
  keyString?: string;
  sequenceNumber?: string;
  eventName?: string;
}

interface ConsumerFaultState {
  poison: PoisonRule[];
  /** consumer id → extra ms per record. */
  slowMs: Map<string, number>;
}

function state(world: World): ConsumerFaultState {
  return moduleState(world, 'consumer-faults', () => ({ poison: [], slowMs: new Map() }));
}

/** Registers a `poison-record` intervention; returns false when it names no record. */
export function addPoison(world: World, consumer: string, params: Intervention['params'] = {}): boolean {
  const rule: PoisonRule = { consumer };
  if (typeof params.keyString === 'string') rule.keyString = params.keyString;
  if (typeof params.sequenceNumber === 'string') rule.sequenceNumber = params.sequenceNumber;
  if (typeof params.eventName === 'string') rule.eventName = params.eventName;
  if (rule.keyString === undefined && rule.sequenceNumber === undefined && rule.eventName === undefined) return false;
  state(world).poison.push(rule);
  return true;
}

/** Whether the consumer's handler must fail on this record; `keyString` is the record's item key string. */
export function isPoison(world: World, consumer: string, record: StreamRecord, keyString: string): boolean {
  return state(world).poison.some(
    (r) =>
      r.consumer === consumer &&
      (r.keyString === undefined || r.keyString === keyString) &&
      (r.sequenceNumber === undefined || r.sequenceNumber === record.dynamodb.SequenceNumber) &&
      (r.eventName === undefined || r.eventName === record.eventName),
  );
}

/** Registers a `slow-handler` intervention: params.extraMs per record (0 restores normal speed). */
export function setSlowHandler(world: World, consumer: string, params: Intervention['params'] = {}): boolean {
  const extra = params.extraMs;
  if (typeof extra !== 'number' || !Number.isFinite(extra) || extra < 0) return false;
  state(world).slowMs.set(consumer, extra);
  return true;
}

export function extraProcessingMs(world: World, consumer: string): number {
  return state(world).slowMs.get(consumer) ?? 0;
}
