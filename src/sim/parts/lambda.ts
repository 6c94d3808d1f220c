/**
 * The Lambda part (`../parts.ts`): event source mappings, functions and destinations, fan-out
 * forwarders and the learner's Lambda handlers; a chunk of its own in the browser's worker, loaded
 * before a run with a Lambda consumer is prepared.
 */
import type { LambdaPart } from '../parts.ts';
import type { World } from '../world.ts';
import { isAwsError } from '../api/errors.ts';
import { addLambdaConsumer, createDestinationsApi, createLambdaApi } from '../lambda/index.ts';
import { addFanOutConsumer } from '../consumers/fanout.ts';
import { addUserCodeLambdaConsumer } from '../usercode/lambda.ts';
import { updateMapping } from '../consumers/esm/control.ts';
import { esmState } from '../consumers/esm/state.ts';
import { readSettings } from '../consumers/esm/config.ts';

function updateConsumerMapping(world: World, consumerId: string, request: Record<string, unknown>): string | undefined {
  const m = esmState(world).byConsumer.get(consumerId);
  if (!m || m.deleted) return `no Lambda event source mapping named ${consumerId}`;
  try {
    updateMapping(world, { UUID: m.uuid, ...request });
  } catch (e) {
    if (isAwsError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return undefined;
}

export const lambdaPart: LambdaPart = { addLambdaConsumer, addFanOutConsumer, addUserCodeLambdaConsumer, createLambdaApi, createDestinationsApi, readSettings, updateConsumerMapping };
