/**
 * Data-driven Lambda consumers (a scenario's `LambdaConsumerSpec`): a built-in function named after
 * the consumer that hands each record of its event, in order, to the downstream handler, and an
 * event source mapping on the handler's source table's stream. Per record it records what the
 * handler did (`record-processed`, with the delivery count); a poison record (a fault, or a
 * HandlerError) throws, or is reported in `batchItemFailures` when the mapping uses
 * ReportBatchItemFailures; a `crash mid-batch` fault stops the invocation after k records.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import type { LambdaConsumerSpec } from '../spec.ts';
import type { DownstreamHandler } from '../../handlers/types.ts';
import { HandlerError } from '../../handlers/types.ts';
import { registeredHandler } from '../../handlers/index.ts';
import { deliveryCount } from '../runtime.ts';
import { isPoison } from '../../faults/consumerFaults.ts';
import { MAX_TIMEOUT_MS, registerFunction, type BuiltinInvocation } from '../../lambda/functions.ts';
import { createMapping, type EventSourceMappingConfiguration } from './control.ts';

/** The simulated duration of a data-driven invocation when the spec gives none. */
export const DEFAULT_INVOCATION_MS = { base: 50, perRecord: 10 };

function crashed(world: World, inv: BuiltinInvocation, after: number): Error {
  record(world, { t: world.nowMs, type: 'crash', consumer: inv.consumer, worker: inv.worker, reason: `function crashed after ${after} of ${inv.records.length} record(s)` });
  return new Error(`Runtime.ExitError: the function crashed after ${after} record(s) (crash fault)`);
}

function runBatch(world: World, handler: DownstreamHandler, inv: BuiltinInvocation): unknown {
  for (let i = 0; i < inv.records.length; i++) {
    if (inv.crashAfterRecords !== undefined && i >= inv.crashAfterRecords) throw crashed(world, inv, inv.crashAfterRecords);
    const { record: rec, keyString } = inv.records[i]!;
    const seq = rec.dynamodb.SequenceNumber;
    const ctx = { consumer: inv.consumer, worker: inv.worker, shardId: inv.shardId, batchId: inv.batchId, deliveryCount: deliveryCount(world, inv.consumer, rec.eventID) };
    const base = { t: world.nowMs, type: 'record-processed' as const, consumer: inv.consumer, worker: inv.worker, shardId: inv.shardId, batchId: inv.batchId, eventID: rec.eventID, sequenceNumber: seq, keyString, deliveryCount: ctx.deliveryCount };
    try {
      if (isPoison(world, inv.consumer, rec, keyString)) throw new HandlerError(`poison record ${seq}`, seq);
      const result = handler.process(world, rec, ctx);
      record(world, { ...base, effect: result.effect, ...(result.harm !== undefined ? { harm: result.harm } : {}) });
    } catch (e) {
      if (!(e instanceof HandlerError)) throw e;
      record(world, { ...base, effect: 'failed' });
      // AWS's documented pattern: report the failing record and stop; everything after it is retried.
      if (inv.reportItemFailures) return { batchItemFailures: [{ itemIdentifier: seq }] };
      throw e;
    }
  }
  // A batch no longer than k still dies before the function returns: its effects are done, the
  // result is lost, and the retry applies them again. That is the duplicate the fault exists to show.
  if (inv.crashAfterRecords !== undefined) throw crashed(world, inv, inv.records.length);
  return { batchItemFailures: [] };
}

function handlerOf(world: World, consumerId: string): DownstreamHandler {
  const registered = registeredHandler(world, consumerId);
  if (!registered) throw new Error(`Lambda consumer ${consumerId} has no downstream handler`);
  return registered.handler;
}

/** Adds a data-driven Lambda consumer; returns its mapping as CreateEventSourceMapping would. */
export function addLambdaConsumer(world: World, spec: LambdaConsumerSpec, handler: DownstreamHandler): EventSourceMappingConfiguration {
  const table = world.tables.get(spec.handler.sourceTable);
  const streamArn = table?.stream?.arn;
  if (!streamArn) throw new Error(`Lambda consumer ${spec.id}: table ${spec.handler.sourceTable} has no enabled stream`);
  const timing = { ...(spec.invocationMs ?? DEFAULT_INVOCATION_MS) };
  const consumerId = spec.id;
  // A handler registered in the world is looked up in the world each run: the function then holds
  // no state of this world and is frozen, so a snapshot of the world may share it (sim/snapshot.ts).
  // A handler handed in from outside (tests) stays in a closure, and such a world is not forkable.
  const builtin = registeredHandler(world, consumerId)?.handler === handler
    ? Object.freeze((w: World, inv: BuiltinInvocation) => runBatch(w, handlerOf(w, consumerId), inv))
    : (w: World, inv: BuiltinInvocation) => runBatch(w, handler, inv);
  const durationMs = Object.freeze((event: { Records: readonly unknown[] }) => timing.base + timing.perRecord * event.Records.length);
  Object.freeze(timing);
  registerFunction(world, spec.id, { builtin }, { durationMs, timeoutMs: MAX_TIMEOUT_MS });
  return createMapping(world, { ...spec.mapping, FunctionName: spec.id, EventSourceArn: streamArn }, spec.id);
}
