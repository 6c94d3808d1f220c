/**
 * `sim.lambda` and `sim.destinations`: the Lambda side of the simulation as a learner's code sees
 * it. Functions are registered in-process (`registerFunction(name, handler, options)`); event
 * source mappings are created, read, updated and deleted with AWS's request and response shapes.
 *
 * Every method is synchronous and returns plain values (or throws an AwsError, as the Lambda API
 * would). Code written for the AWS SDK awaits them, which works unchanged. Mappings only act when
 * simulated time moves (`await sim.advanceBy(ms)`): a new mapping is `Creating`, then `Enabled` a
 * second later, and polls its stream's shards four times a second.
 */
import type { World } from '../world.ts';
import { deleteFunction, functionArn, registerFunction, type FunctionOptions, type LambdaHandler } from './functions.ts';
import { destinationArns, received, type DestinationMessage, type OnFailureRecord } from './destinations.ts';
import { createMapping, deleteMapping, getMapping, listMappings, updateMapping, type EventSourceMappingConfiguration } from '../consumers/esm/control.ts';
import { esmState } from '../consumers/esm/state.ts';

export type { FunctionOptions, LambdaHandler } from './functions.ts';
export type { DestinationMessage, OnFailureRecord } from './destinations.ts';
export type { EventSourceMappingConfiguration } from '../consumers/esm/control.ts';

export interface LambdaApi {
  /** Registers (or replaces) a function; returns its ARN, `arn:aws:lambda:<region>:<account>:function:<name>`. */
  registerFunction(name: string, handler: LambdaHandler, options?: FunctionOptions): { FunctionName: string; FunctionArn: string };
  /** Deletes a function; its mappings stay (recorded case 21) and fail to invoke until it is back. */
  deleteFunction(name: string): void;
  createEventSourceMapping(input: Record<string, unknown>): EventSourceMappingConfiguration;
  getEventSourceMapping(input: { UUID: string }): EventSourceMappingConfiguration;
  updateEventSourceMapping(input: Record<string, unknown> & { UUID: string }): EventSourceMappingConfiguration;
  deleteEventSourceMapping(input: { UUID: string }): EventSourceMappingConfiguration;
  listEventSourceMappings(input?: { EventSourceArn?: string; FunctionName?: string; Marker?: string; MaxItems?: number }): {
    EventSourceMappings: EventSourceMappingConfiguration[];
    NextMarker?: string;
  };
  /**
   * How the halves of a bisected batch count retries (reference check 52 leaves it open):
   * 'reset-per-half' (default: a split costs nothing, each half has the full MaximumRetryAttempts)
   * or 'carry-over' (every failed invocation counts, and halves inherit the count).
   */
  setBisectRetryCounter(mode: 'reset-per-half' | 'carry-over'): void;
}

export interface DestinationsApi {
  /** The invocation records a destination (SQS queue, SNS topic or S3 bucket ARN) received, in order. */
  received(arn: string): OnFailureRecord[];
  /** The same with arrival time, kind and (S3) object key. */
  messages(arn: string): DestinationMessage[];
  /** Every destination that received something. */
  list(): string[];
}

export function createLambdaApi(world: World): LambdaApi {
  return {
    registerFunction(name, handler, options) {
      if (typeof handler !== 'function') throw new TypeError('handler must be a function (event, context) => response');
      registerFunction(world, name, { handler }, options);
      return { FunctionName: name, FunctionArn: functionArn(world, name) };
    },
    deleteFunction(name) {
      deleteFunction(world, name);
    },
    createEventSourceMapping: (input) => createMapping(world, input),
    getEventSourceMapping: (input) => getMapping(world, input),
    updateEventSourceMapping: (input) => updateMapping(world, input),
    deleteEventSourceMapping: (input) => deleteMapping(world, input),
    listEventSourceMappings: (input) => listMappings(world, input ?? {}),
    setBisectRetryCounter(mode) {
      if (mode !== 'reset-per-half' && mode !== 'carry-over') throw new RangeError(`unknown bisect retry counter mode ${String(mode)}`);
      esmState(world).bisectRetryCounter = mode;
    },
  };
}

export function createDestinationsApi(world: World): DestinationsApi {
  return {
    received: (arn) => received(world, arn).map((m) => m.record),
    messages: (arn) => received(world, arn),
    list: () => destinationArns(world),
  };
}

export { addLambdaConsumer } from '../consumers/esm/dataDriven.ts';
