/**
 * The event source mapping control plane: Create/Get/Update/Delete/ListEventSourceMappings with
 * AWS's request and response shapes, validation and errors (reference §6.1–6.2, checks 45 and 58,
 * recorded cases 20–25). Creating a mapping registers its ConsumerRuntime; the state machine then
 * runs on the event queue. Touches: the ESM module state, the consumer registry, the trace.
 */
import type { World } from '../../world.ts';
import { record } from '../../world.ts';
import { registerConsumer } from '../runtime.ts';
import { functionArn, functionNameOf, getFunction, newUuid } from '../../lambda/functions.ts';
import { applySettings, defaultConfig, lambdaError, readSettings, startingPosition, type EsmConfig } from './config.ts';
import type { Mapping } from './state.ts';
import { esmState } from './state.ts';
import { EsmRuntime, scheduleTick, transitionTo } from './runtime.ts';

export interface EventSourceMappingConfiguration extends Omit<EsmConfig, 'FilterCriteria'> {
  UUID: string;
  EventSourceArn: string;
  EventSourceMappingArn: string;
  FunctionArn: string;
  FilterCriteria?: EsmConfig['FilterCriteria'];
  /** Epoch seconds, as the Lambda API's JSON carries timestamps. */
  LastModified: number;
  LastProcessingResult: string;
  State: string;
  StateTransitionReason: string;
}

function notFound(): Error {
  return lambdaError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
}

function requireObject(input: unknown): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw lambdaError('InvalidParameterValueException', 'The request body must be a JSON object');
  return input as Record<string, unknown>;
}

export function describeMapping(world: World, m: Mapping): EventSourceMappingConfiguration {
  const { FilterCriteria, ...config } = m.config;
  return {
    ...config,
    DestinationConfig: { OnFailure: { ...config.DestinationConfig.OnFailure } },
    FunctionResponseTypes: [...config.FunctionResponseTypes],
    ...(FilterCriteria ? { FilterCriteria: { Filters: FilterCriteria.Filters.map((f) => ({ ...f })) } } : {}),
    UUID: m.uuid,
    EventSourceArn: m.eventSourceArn,
    EventSourceMappingArn: `arn:aws:lambda:${world.options.region}:${world.options.accountId}:event-source-mapping:${m.uuid}`,
    FunctionArn: functionArn(world, m.functionName),
    LastModified: (world.options.epochMs + m.lastModifiedMs) / 1000,
    LastProcessingResult: m.lastProcessingResult,
    State: m.state,
    StateTransitionReason: m.stateTransitionReason,
  };
}

function resolveFunction(world: World, v: unknown): string {
  const name = typeof v === 'string' ? functionNameOf(v) : undefined;
  if (v === undefined || v === null) throw lambdaError('InvalidParameterValueException', "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null.");
  if (name === undefined || !getFunction(world, name)) {
    throw lambdaError('ResourceNotFoundException', `Function not found: ${typeof v === 'string' && v.startsWith('arn:') ? v : functionArn(world, String(v))}`, 404);
  }
  return name;
}

function checkDuplicate(world: World, arn: string, fn: string, except?: Mapping): void {
  for (const other of esmState(world).mappings.values()) {
    if (other === except || other.deleted || other.eventSourceArn !== arn || other.functionName !== fn) continue;
    // Case 23, word for word (the spaces inside the quotes are AWS's).
    throw lambdaError(
      'ResourceConflictException',
      `The event source arn (" ${arn} ") and function (" ${fn} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${other.uuid}`,
      409,
    );
  }
}

function consumerIdFor(world: World, fn: string, uuid: string, wanted?: string): string {
  if (wanted !== undefined) return wanted;
  return world.consumers.has(fn) ? `${fn}:${uuid.slice(0, 8)}` : fn;
}

/** CreateEventSourceMapping. `consumerId` (not an AWS field) names the consumer in the trace. */
export function createMapping(world: World, rawInput: unknown, consumerId?: string): EventSourceMappingConfiguration {
  const input = requireObject(rawInput);
  const arn = input.EventSourceArn;
  if (typeof arn !== 'string' || arn === '') throw lambdaError('InvalidParameterValueException', "1 validation error detected: Value null at 'eventSourceArn' failed to satisfy constraint: Member must not be null.");
  const fn = resolveFunction(world, input.FunctionName);
  const stream = world.streams.get(arn);
  if (!stream || (stream.disabledAtMs !== undefined && stream.disabledAtMs + world.options.retentionMs <= world.nowMs)) {
    throw lambdaError('InvalidParameterValueException', `Stream not found: ${arn}`);
  }
  const start = startingPosition(input, arn);
  const { settings, filters } = readSettings(input);
  checkDuplicate(world, arn, fn);
  const enabled = input.Enabled === undefined || input.Enabled === null ? true : input.Enabled === true;
  const uuid = newUuid(world);
  const m: Mapping = {
    uuid,
    consumerId: consumerIdFor(world, fn, uuid, consumerId),
    functionName: fn,
    eventSourceArn: arn,
    config: defaultConfig(start, settings),
    filters: filters ?? [],
    state: 'Creating',
    stateTransitionReason: 'User action',
    lastProcessingResult: 'No records processed',
    lastModifiedMs: world.nowMs,
    transitionSeq: 0,
    deleted: false,
    discovered: false,
    shards: new Map(),
    shardOrder: [],
    nextBatchId: 1,
    nextInvocationId: 1,
    loseNextCheckpoint: false,
  };
  const state = esmState(world);
  registerConsumer(world, new EsmRuntime(m.consumerId, uuid));
  state.mappings.set(uuid, m);
  state.byConsumer.set(m.consumerId, m);
  record(world, { t: world.nowMs, type: 'consumer-started', consumer: m.consumerId, kind: 'lambda', label: `Lambda ${fn}` });
  transitionTo(world, m, 'Creating', enabled ? 'Enabled' : 'Disabled');
  return describeMapping(world, m);
}

function findMapping(world: World, rawInput: unknown): Mapping {
  const uuid = requireObject(rawInput).UUID;
  const m = typeof uuid === 'string' ? esmState(world).mappings.get(uuid) : undefined;
  if (!m) throw notFound();
  return m;
}

export function getMapping(world: World, input: unknown): EventSourceMappingConfiguration {
  return describeMapping(world, findMapping(world, input));
}

/** UpdateEventSourceMapping: settings change at once; Enabled drives Disabling/Enabling (check 58). */
export function updateMapping(world: World, rawInput: unknown): EventSourceMappingConfiguration {
  const input = requireObject(rawInput);
  const m = findMapping(world, input);
  if (m.deleted) throw lambdaError('ResourceInUseException', `Cannot update the event source mapping because it is in use. UUID: ${m.uuid}`);
  const fn = input.FunctionName === undefined || input.FunctionName === null ? m.functionName : resolveFunction(world, input.FunctionName);
  const { settings, filters } = readSettings(input);
  const changed = Object.keys(settings).length > 0 || fn !== m.functionName;
  if (fn !== m.functionName) checkDuplicate(world, m.eventSourceArn, fn, m);
  m.functionName = fn;
  m.config = applySettings(m.config, settings);
  if (filters) m.filters = filters;
  m.lastModifiedMs = world.nowMs;
  const enabled = input.Enabled;
  const isOn = m.state === 'Enabled' || m.state === 'Enabling' || m.state === 'Updating' || m.state === 'Creating';
  if (enabled === false && isOn) transitionTo(world, m, 'Disabling', 'Disabled');
  else if (enabled === true && !isOn) transitionTo(world, m, 'Enabling', 'Enabled');
  else if (changed && m.state === 'Enabled') {
    transitionTo(world, m, 'Updating', 'Enabled');
    scheduleTick(world, m);
  }
  return describeMapping(world, m);
}

export function deleteMapping(world: World, input: unknown): EventSourceMappingConfiguration {
  const m = findMapping(world, input);
  if (!m.deleted) {
    m.deleted = true;
    transitionTo(world, m, 'Deleting', 'Deleted');
  }
  return describeMapping(world, m);
}

export function listMappings(world: World, rawInput: unknown = {}): { EventSourceMappings: EventSourceMappingConfiguration[]; NextMarker?: string } {
  const input = requireObject(rawInput ?? {});
  const arn = typeof input.EventSourceArn === 'string' ? input.EventSourceArn : undefined;
  const fn = typeof input.FunctionName === 'string' ? functionNameOf(input.FunctionName) : undefined;
  const max = typeof input.MaxItems === 'number' && input.MaxItems >= 1 ? Math.min(10_000, Math.floor(input.MaxItems)) : 100;
  const marker = typeof input.Marker === 'string' ? Number(input.Marker) : 0;
  const all = [...esmState(world).mappings.values()].filter((m) => (arn === undefined || m.eventSourceArn === arn) && (fn === undefined || m.functionName === fn));
  const start = Number.isInteger(marker) && marker > 0 ? marker : 0;
  const page = all.slice(start, start + max);
  return { EventSourceMappings: page.map((m) => describeMapping(world, m)), ...(start + max < all.length ? { NextMarker: String(start + max) } : {}) };
}
