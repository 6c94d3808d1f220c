/**
 * Downstream handlers: `createHandler(world, consumerId, spec)` builds the handler a consumer hands
 * each delivered record to, and `processRecord` is the call consumers make (poison check, then the
 * handler). Handlers write their targets through the table operations, so effects are trace facts.
 *
 * Also keeps, per consumer, which eventIDs it has applied: an oracle that says when a delivery is a
 * harmful duplicate (it repeated an earlier application and changed the target). The oracle never
 * decides what a handler does; the idempotency modes (modes.ts) do that with table state only.
 *
 * State lives in `moduleState(world, 'handlers')`: the registry (read by the checks) and the oracle.
 */
import type { World } from '../world.ts';
import { moduleState } from '../world.ts';
import type { StreamRecord } from '../stream/record.ts';
import { keyAttributeNames } from '../table/table.ts';
import { isPoison } from '../faults/consumerFaults.ts';
import { HandlerError, type DownstreamHandler, type HandlerSpec, type ProcessContext, type ProcessResult } from './types.ts';
import { kindLogic } from './kinds.ts';
import { viewOf } from './records.ts';
import { MODES, type HandlerParts } from './modes.ts';
import { ensureTable, tableChangedSince } from './writes.ts';

export { HandlerError } from './types.ts';
export type { DownstreamHandler, HandlerSpec, HandlerKind, Idempotency, ProcessContext, ProcessResult } from './types.ts';

interface HandlersState {
  /** The handler of each consumer, with its parts: the checks read specs and targets here. */
  byConsumer: Map<string, RegisteredHandler>;
  /** Per consumer, the eventIDs it has applied (the harm oracle). */
  applied: Map<string, Set<string>>;
}

export interface RegisteredHandler {
  handler: DownstreamHandler;
  parts: HandlerParts;
}

function state(world: World): HandlersState {
  return moduleState(world, 'handlers', () => ({ byConsumer: new Map(), applied: new Map() }));
}

/** The handler registered for a consumer, if it has one (a learner's own Lambda function has none). */
export function registeredHandler(world: World, consumerId: string): RegisteredHandler | undefined {
  return state(world).byConsumer.get(consumerId);
}

/** Consumers that have a registered handler, in registration order. */
export function registeredConsumers(world: World): string[] {
  return [...state(world).byConsumer.keys()];
}

/** Table names allow [a-zA-Z0-9_.-]; a consumer id may hold anything. */
function sanitize(id: string): string {
  return id.replace(/[^a-zA-Z0-9_.-]/g, '-');
}

function appliedSet(world: World, consumerId: string): Set<string> {
  const s = state(world);
  let set = s.applied.get(consumerId);
  if (!set) s.applied.set(consumerId, (set = new Set()));
  return set;
}

/** Data and a method, no closure: a world snapshot copies it together with its parts (sim/snapshot.ts). */
class Handler implements DownstreamHandler {
  constructor(
    readonly spec: HandlerSpec,
    readonly targetTable: string,
    private readonly parts: HandlerParts,
  ) {}

  process(world: World, record: StreamRecord, ctx: ProcessContext): ProcessResult {
    return processWith(world, this.parts, this.spec, record, ctx);
  }
}

/**
 * Builds (and registers) the handler of `consumerId`. The target defaults to the kind's name
 * suffixed with the consumer id (`VoteCounts-naive`), so two consumers of one table each get
 * their own target to compare side by side.
 */
export function createHandler(world: World, consumerId: string, spec: HandlerSpec): DownstreamHandler {
  const logic = kindLogic(spec.kind);
  if (spec.idempotency !== 'user' && !(spec.idempotency in MODES)) throw new RangeError(`unknown idempotency mode: ${String(spec.idempotency)}`);
  const source = world.tables.get(spec.sourceTable);
  const targetTable = spec.targetTable ?? `${logic.defaultTarget(spec.sourceTable)}-${sanitize(consumerId)}`;
  const parts: HandlerParts = {
    consumerId,
    logic,
    targetTable,
    targetSchema: logic.targetSchema(source?.keySchema),
    ledgerTable: `${targetTable}-idempotency`,
    sourceKeyNames: source ? keyAttributeNames(source.keySchema) : undefined,
  };
  const handler = new Handler(spec, targetTable, parts);
  state(world).byConsumer.set(consumerId, { handler, parts });
  return handler;
}

/** The source table may be created after the handler: take its key schema once it exists. */
function resolveSource(world: World, parts: HandlerParts, spec: HandlerSpec): void {
  if (parts.sourceKeyNames) return;
  const source = world.tables.get(spec.sourceTable);
  if (!source) return;
  parts.sourceKeyNames = keyAttributeNames(source.keySchema);
  parts.targetSchema = parts.logic.targetSchema(source.keySchema);
}

/** Creates the handler's target (and ledger) on first use; the source's key schema is taken once it exists. */
export function prepareTargets(world: World, parts: HandlerParts, spec: HandlerSpec): void {
  resolveSource(world, parts, spec);
  ensureTable(world, parts.targetTable, parts.targetSchema, parts.consumerId);
  if (spec.idempotency !== 'none') ensureTable(world, parts.ledgerTable, { hash: { name: 'pk', type: 'S' } }, parts.consumerId);
}

/** Whether this consumer applied this record before (the harm oracle); `noteApplied` records one more. */
export function wasApplied(world: World, consumerId: string, eventID: string): boolean {
  return appliedSet(world, consumerId).has(eventID);
}

export function noteApplied(world: World, consumerId: string, eventID: string): void {
  appliedSet(world, consumerId).add(eventID);
}

function processWith(world: World, parts: HandlerParts, spec: HandlerSpec, record: StreamRecord, ctx: ProcessContext): ProcessResult {
  if (spec.idempotency === 'user') throw new Error(`${parts.consumerId}: a user-code handler runs in its sandbox, not here`);
  prepareTargets(world, parts, spec);
  const view = viewOf(record);
  const applied = appliedSet(world, parts.consumerId);
  const appliedBefore = applied.has(record.eventID);
  const from = world.trace.length;
  const effect = parts.logic.relevant(view) ? MODES[spec.idempotency](world, parts, { view, ctx, appliedBefore }) : 'ignored';
  if (effect === 'applied') applied.add(record.eventID);
  const harm = appliedBefore && effect === 'applied' && tableChangedSince(world, parts.targetTable, from);
  return harm ? { effect, harm: true } : { effect };
}

/**
 * What a consumer calls for each delivered record: fails with HandlerError when the record is poison
 * for this consumer (a `poison-record` fault), else applies the handler and returns its result.
 * `keyString` is the record's item key string (as in the `record-appended` fact).
 */
export function processRecord(world: World, handler: DownstreamHandler, record: StreamRecord, ctx: ProcessContext, keyString: string): ProcessResult {
  if (isPoison(world, ctx.consumer, record, keyString)) {
    throw new HandlerError(`${ctx.consumer}'s handler cannot process record ${record.dynamodb.SequenceNumber} (poison record)`, record.dynamodb.SequenceNumber);
  }
  return handler.process(world, record, ctx);
}
