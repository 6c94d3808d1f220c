/**
 * Data-driven consumers: a `ConsumerSpec` (what scenarios and share links carry) becomes a running
 * consumer with its downstream handler. Lambda specs get a built-in function and an event source
 * mapping; KCL specs get an application with its workers and lease table. Both come from the core's
 * injected parts (`../parts.ts`), the handler from the consumers part: a missing one fails here,
 * before anything is added.
 */
import type { World } from '../world.ts';
import type { ConsumerSpec } from './spec.ts';
import { unreachable } from '../kernel/assert.ts';
import { part } from '../parts.ts';

export interface ConsumersApi {
  /** Starts a consumer described as data, at the current simulated time. */
  add(spec: ConsumerSpec): void;
  /** Ids of the consumers running in this world. */
  ids(): string[];
}

export function addConsumer(world: World, spec: ConsumerSpec): void {
  // Looked up first, so a missing part registers no handler.
  const consumers = part('consumers');
  const lambda = spec.kind === 'lambda' ? part('lambda') : undefined;
  const kcl = spec.kind === 'kcl' ? part('kcl') : undefined;
  // A forwarder applies no handler itself: its subscribers do.
  if (spec.kind === 'lambda' && spec.fanOut && spec.handler.idempotency !== 'user') {
    lambda!.addFanOutConsumer(world, { ...spec, fanOut: spec.fanOut });
    return;
  }
  const handler = consumers.createHandler(world, spec.id, spec.handler);
  if (spec.handler.idempotency === 'user') {
    // The learner's own code: Lambda only for now (a KCL processRecords is a later step).
    if (spec.kind !== 'lambda') throw new Error(`consumer ${spec.id}: user code runs as a Lambda handler only`);
    lambda!.addUserCodeLambdaConsumer(world, spec, consumers.registeredHandler(world, spec.id)!);
    return;
  }
  switch (spec.kind) {
    case 'lambda':
      lambda!.addLambdaConsumer(world, spec, handler);
      break;
    case 'kcl':
      kcl!.addKclConsumer(world, spec, handler);
      break;
    default:
      unreachable(spec, 'consumer kind');
  }
}

export function createConsumersApi(world: World): ConsumersApi {
  return {
    add: (spec) => addConsumer(world, spec),
    ids: () => [...world.consumers.keys()],
  };
}
