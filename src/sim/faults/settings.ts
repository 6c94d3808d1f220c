/**
 * Run-time setting changes, made at the playhead through the API an AWS user would call:
 *
 * - `update-mapping` (target: a Lambda consumer id): UpdateEventSourceMapping with the params as its
 *   request (`BatchSize`, `BisectBatchOnFunctionError`, `Enabled`, …). Lambda applies new settings
 *   from the next batch it reads; the batch in flight finishes as it was. `FunctionResponseTypes` is
 *   flat here: `'ReportBatchItemFailures'` or `''` (none).
 * - `update-table` (target: a table): UpdateTable with a StreamSpecification. `StreamEnabled: false`
 *   disables the stream; a `StreamViewType` different from the current one disables the stream and
 *   enables a new one (two UpdateTable calls: AWS refuses a second stream while one is enabled). The
 *   new stream has a new ARN: mappings keep reading the old one until its shards end, as on AWS.
 *
 * `settingsRequestProblem` checks such a change beforehand with the core's own validators, so the
 * app shows Lambda's or DynamoDB's message in place before anything is scheduled.
 *
 * May import: the core's parts (the Lambda part checks and applies a mapping change), api/call.ts. May not import: worker, ui, the ESM's modules (they are the Lambda part's).
 */
import type { World } from '../world.ts';
import { callOperation } from '../api/call.ts';
import { isAwsError } from '../api/errors.ts';
import { optionalPart } from '../parts.ts';
import type { Intervention } from './intervention.ts';

/** The UpdateEventSourceMapping settings a run-time change may carry, flat. */
export const MAPPING_SETTINGS = [
  'BatchSize', 'MaximumBatchingWindowInSeconds', 'ParallelizationFactor', 'BisectBatchOnFunctionError',
  'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'FunctionResponseTypes', 'Enabled',
] as const;

export const STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const;

/** Flat params → the UpdateEventSourceMapping request body (without the UUID). */
export function mappingRequest(params: Record<string, unknown> = {}): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (k === 'FunctionResponseTypes') request[k] = v === '' || v === undefined ? [] : [v];
    else request[k] = v;
  }
  return request;
}

/** What is wrong with a run-time change, in AWS's words, or undefined when it would be sent. */
export function settingsRequestProblem(kind: unknown, params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return 'the change must be an object of settings';
  const p = params as Record<string, unknown>;
  if (kind === 'update-mapping') {
    const unknown = Object.keys(p).filter((k) => !(MAPPING_SETTINGS as readonly string[]).includes(k));
    if (unknown.length > 0) return `UpdateEventSourceMapping has no setting ${unknown.join(', ')} that Streamscope changes at run time`;
    if (p.Enabled !== undefined && typeof p.Enabled !== 'boolean') return 'Enabled must be a boolean';
    // Lambda's own validators are in the Lambda part; a run without it has no mapping to change,
    // which applying the change reports (`applyMappingUpdate`).
    const lambda = optionalPart('lambda');
    try {
      lambda?.readSettings(mappingRequest(p));
    } catch (e) {
      if (isAwsError(e)) return e.message;
      throw e;
    }
    return undefined;
  }
  if (kind === 'update-table') {
    const view = p.StreamViewType;
    if (p.StreamEnabled === false) return view === undefined ? undefined : 'One or more parameter values were invalid: StreamViewType cannot be specified when StreamEnabled is false';
    if (!(STREAM_VIEW_TYPES as readonly unknown[]).includes(view)) {
      return `1 validation error detected: Value '${String(view)}' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [${STREAM_VIEW_TYPES.join(', ')}]`;
    }
    return undefined;
  }
  return `${String(kind)} is not a setting change`;
}

function applyMappingUpdate(world: World, i: Intervention): string | undefined {
  // Without the Lambda part loaded the world has no mapping at all.
  const lambda = optionalPart('lambda');
  return lambda ? lambda.updateConsumerMapping(world, i.target, mappingRequest(i.params)) : `no Lambda event source mapping named ${i.target}`;
}

function applyTableUpdate(world: World, i: Intervention): string | undefined {
  const table = world.tables.get(i.target);
  if (!table) return `no table named ${i.target}`;
  const view = i.params?.StreamViewType;
  const call = (spec: Record<string, unknown>) => callOperation(world, 'DynamoDB_20120810.UpdateTable', { TableName: i.target, StreamSpecification: spec });
  try {
    if (i.params?.StreamEnabled === false) {
      call({ StreamEnabled: false });
      return undefined;
    }
    if (table.stream?.viewType === view) return `the stream of ${i.target} already has view type ${String(view)}`;
    if (table.stream) call({ StreamEnabled: false });
    call({ StreamEnabled: true, StreamViewType: view });
  } catch (e) {
    if (isAwsError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return undefined;
}

/** Applies a setting change now; returns why it did not apply, or undefined. */
export function applySettingChange(world: World, i: Intervention): string | undefined {
  const problem = settingsRequestProblem(i.kind, i.params ?? {});
  if (problem) return problem;
  return i.kind === 'update-mapping' ? applyMappingUpdate(world, i) : applyTableUpdate(world, i);
}
