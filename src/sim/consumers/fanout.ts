/**
 * The fan-out pattern, the way out of the two-reader limit (AWS: "more than two processes reading
 * from the same stream shard at the same time can result in throttling"): ONE Lambda function reads
 * the stream and publishes every record to an SNS topic or an EventBridge bus, which delivers it to
 * each subscriber. Only the function reads the shard, however many subscribers there are.
 *
 * The smallest model that shows it: the forwarder is an ordinary event source mapping whose function
 * publishes instead of applying a handler; the topic delivers each record `deliveryMs` later to every
 * subscriber, and each subscriber applies its own copy of the handler to its own target. Simplified
 * (the scenario says so): delivery is exactly once, in publish order, after a fixed delay — real SNS
 * and EventBridge deliver at least once, may reorder, and retry failed deliveries on their own
 * policies; there is no message size limit, filter policy or dead-letter queue here.
 *
 * Subscribers are registered as consumers, so their deliveries are `record-processed` facts and the
 * checks judge their targets like any other consumer's. Plain data in the world: the topics live in
 * `moduleState(world, 'fanout')`, handlers are looked up in the world at each delivery.
 */
import type { World } from '../world.ts';
import { moduleState, record } from '../world.ts';
import type { StreamRecord } from '../stream/record.ts';
import type { LambdaConsumerSpec, FanOutSpec } from './spec.ts';
import { createHandler, registeredHandler } from '../handlers/index.ts';
import { noteDelivery, registerConsumer, scheduleConsumerAction } from './runtime.ts';
import { MAX_TIMEOUT_MS, registerFunction, type BuiltinInvocation } from '../lambda/functions.ts';
import { createMapping } from './esm/control.ts';
import { DEFAULT_INVOCATION_MS } from './esm/dataDriven.ts';

interface Delivery {
  record: StreamRecord;
  keyString: string;
  shardId: string;
  batchId: number;
}

function topics(world: World): Map<string, FanOutSpec> {
  return moduleState(world, 'fanout', () => new Map<string, FanOutSpec>());
}

const VIA_NAME = { sns: 'SNS topic', eventbridge: 'EventBridge bus' } as const;

/** The function's body: publish each record of the batch; the topic schedules one delivery per subscriber. */
function publishBatch(world: World, inv: BuiltinInvocation): unknown {
  const topic = topics(world).get(inv.consumer)!;
  for (const { record: rec, keyString } of inv.records) {
    const deliveryCount = noteDelivery(world, inv.consumer, rec.eventID);
    record(world, { t: world.nowMs, type: 'record-processed', consumer: inv.consumer, worker: inv.worker, shardId: inv.shardId, batchId: inv.batchId, eventID: rec.eventID, sequenceNumber: rec.dynamodb.SequenceNumber, keyString, deliveryCount, effect: 'applied' });
    for (const sub of topic.subscribers) {
      const d: Delivery = { record: rec, keyString, shardId: inv.shardId, batchId: inv.batchId };
      scheduleConsumerAction(world, sub, world.nowMs + topic.deliveryMs, 'deliver', d);
    }
  }
  return { batchItemFailures: [] };
}

/** One delivery to one subscriber: its handler applies the record to its own target. */
function deliver(world: World, subscriber: string, via: FanOutSpec['via'], d: Delivery): void {
  const handler = registeredHandler(world, subscriber)!.handler;
  const ctx = { consumer: subscriber, worker: via, shardId: d.shardId, batchId: d.batchId, deliveryCount: noteDelivery(world, subscriber, d.record.eventID) };
  const result = handler.process(world, d.record, ctx);
  record(world, {
    t: world.nowMs,
    type: 'record-processed',
    consumer: subscriber,
    worker: via,
    shardId: d.shardId,
    batchId: d.batchId,
    eventID: d.record.eventID,
    sequenceNumber: d.record.dynamodb.SequenceNumber,
    keyString: d.keyString,
    deliveryCount: ctx.deliveryCount,
    effect: result.effect,
    ...(result.harm !== undefined ? { harm: result.harm } : {}),
  });
}

/** Adds a forwarding Lambda consumer and its topic's subscribers. */
export function addFanOutConsumer(world: World, spec: LambdaConsumerSpec & { fanOut: FanOutSpec }): void {
  const table = world.tables.get(spec.handler.sourceTable);
  const streamArn = table?.stream?.arn;
  if (!streamArn) throw new Error(`Lambda consumer ${spec.id}: table ${spec.handler.sourceTable} has no enabled stream`);
  const { via, deliveryMs } = spec.fanOut;
  if (!Number.isInteger(deliveryMs) || deliveryMs < 0) throw new RangeError(`fan-out deliveryMs must be a whole number ≥ 0; got ${deliveryMs}`);
  const subscribers = [...spec.fanOut.subscribers];
  if (subscribers.length === 0 || new Set([...subscribers, spec.id]).size !== subscribers.length + 1) throw new RangeError(`fan-out of ${spec.id}: subscriber ids must be unique and differ from the function's`);
  topics(world).set(spec.id, { via, deliveryMs, subscribers });
  for (const sub of subscribers) {
    const { targetTable, ...rest } = spec.handler;
    createHandler(world, sub, { ...rest, ...(targetTable !== undefined ? { targetTable: `${targetTable}-${sub}` } : {}) });
    registerConsumer(world, { id: sub, kind: 'lambda', handle: (w, _action, payload) => deliver(w, sub, via, payload as Delivery), applyFault: () => false });
    record(world, { t: world.nowMs, type: 'consumer-started', consumer: sub, kind: 'lambda', label: `${sub}: subscriber of ${spec.id}'s ${VIA_NAME[via]} (${spec.handler.kind}, ${spec.handler.idempotency})` });
  }
  const timing = Object.freeze({ ...(spec.invocationMs ?? DEFAULT_INVOCATION_MS) });
  const durationMs = Object.freeze((event: { Records: readonly unknown[] }) => timing.base + timing.perRecord * event.Records.length);
  registerFunction(world, spec.id, { builtin: Object.freeze(publishBatch) }, { durationMs, timeoutMs: MAX_TIMEOUT_MS });
  createMapping(world, { ...spec.mapping, FunctionName: spec.id, EventSourceArn: streamArn }, spec.id);
}
