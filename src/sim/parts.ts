/**
 * The core's optional parts, injected. The consumers' handlers and checks, KCL applications,
 * Lambda's side (event source mappings, fan-out forwarders, the learner's Lambda handlers,
 * `sim.lambda`), global tables and Query/Scan are large and many runs use only some of them (an
 * imported stream or a table on its own none), so the browser's worker loads each as a chunk of its
 * own (`import()`) before it prepares a run that needs it (`partsFor`), and registers it here; the
 * core finds it here when it needs it. The core itself never awaits: a run whose part is missing
 * fails at once with `PartMissingError`, naming the part. Node (tests, tools) registers every part statically
 * (`parts/all.ts`).
 *
 * The registry is module state: the functions of a part, never world state, so a run's trace does
 * not depend on when a part was registered.
 *
 * May import: sim types, ./options.ts (the default shard lifetime and retention). May not import a
 * part's modules at run time (that would bundle it).
 */
import type { World } from './world.ts';
import type { ConsumerSpec, LambdaConsumerSpec, KclConsumerSpec, FanOutSpec } from './consumers/spec.ts';
import type { KclApi } from './consumers/kcl/index.ts';
import type { DestinationsApi, LambdaApi } from './lambda/index.ts';
import type { RegisteredHandler } from './handlers/index.ts';
import type { DownstreamHandler, HandlerSpec } from './handlers/types.ts';
import type { KeySchema, TableState } from './table/table.ts';
import type { SecondaryIndex, TypeOf } from './table/indexes.ts';
import type { Item } from './table/attributeValue.ts';
import type { ResolvedPath } from './table/expressions/paths.ts';
import type { ExpressionContext, ProjectionAst } from './table/expressions/index.ts';
import type { Consumption } from './table/capacity.ts';
import type { EventName } from './stream/record.ts';
import type { ReplicationDelivery } from './replication/state.ts';
import type { Intervention } from './faults/intervention.ts';
import type { GeneratedCall, GeneratedTraffic } from './workload.ts';
import type { Rng } from './kernel/rng.ts';
import { DEFAULT_RETENTION_MS, DEFAULT_SHARD_LIFETIME_MS } from './options.ts';

/**
 * What every consumer needs beside its kind's part: its downstream handler (`handlers/`: what it
 * does with a record, its idempotency) and the invariant checks (`checks/`) that judge it after each
 * of its steps and once at the end, writing `invariant-*` facts into the trace. Loaded with the
 * consumer's own part, so a trace never depends on whether it was there; a run with no consumer and
 * no global table gives it nothing to do.
 */
export interface ConsumersPart {
  createHandler(world: World, consumerId: string, spec: HandlerSpec): DownstreamHandler;
  registeredHandler(world: World, consumerId: string): RegisteredHandler | undefined;
  evaluateChecks(world: World, consumerId: string): void;
  finalChecks(world: World): void;
}

/** Global tables (`replication/`): adding replicas, describing them, replicating writes between Regions. */
export interface GlobalTablesPart {
  updateReplicas(world: World, table: TableState, input: Record<string, unknown>): void;
  replicaDescription(world: World, table: TableState): Record<string, unknown>;
  replicateCommitted(world: World, table: TableState, key: Item, keyString: string, newItem: Item | undefined, eventName: EventName): void;
  deliverReplication(world: World, delivery: ReplicationDelivery): void;
}

/**
 * Secondary indexes: declaring them (`table/indexApi.ts`: CreateTable's lists, UpdateTable's
 * updates, DescribeTable's view), and what an index holds of an item and what a write owes it
 * (`table/indexEntries.ts`), which the core's writes and the reads part ask only of a table that has
 * an index (so a run that declared one, which loaded the part).
 */
export interface IndexesPart {
  parseIndexes(input: Record<string, unknown>, table: { keySchema: KeySchema; billingMode: TableState['billingMode'] }, typeOf: TypeOf): SecondaryIndex[];
  describeIndexes(table: TableState): Record<string, unknown>;
  updateGlobalIndexes(table: TableState, input: Record<string, unknown>): void;
  indexKeyNames(table: TableState, index: SecondaryIndex): string[];
  inIndex(index: SecondaryIndex, item: Item): boolean;
  projectToIndex(table: TableState, index: SecondaryIndex, item: Item): Item;
  /** Refuses a write whose item carries an index key of the wrong type, or an empty one. */
  checkIndexKeys(table: TableState, item: Item): void;
  /** Adds the index writes of one item write to its consumption. */
  addIndexWrites(out: Consumption, table: TableState, oldItem: Item | undefined, newItem: Item | undefined, transactional: boolean): void;
}

/** KCL applications: `consumers/kcl/`. */
export interface KclPart {
  addKclConsumer(world: World, spec: KclConsumerSpec, handler: DownstreamHandler): unknown;
  createKclApi(world: World): KclApi;
}

/** Lambda: functions, event source mappings, destinations, fan-out, the learner's handlers. */
export interface LambdaPart {
  addLambdaConsumer(world: World, spec: LambdaConsumerSpec, handler: DownstreamHandler): unknown;
  addFanOutConsumer(world: World, spec: LambdaConsumerSpec & { fanOut: FanOutSpec }): void;
  addUserCodeLambdaConsumer(world: World, spec: LambdaConsumerSpec, reg: RegisteredHandler): unknown;
  createLambdaApi(world: World): LambdaApi;
  createDestinationsApi(world: World): DestinationsApi;
  /** Reads an UpdateEventSourceMapping request's settings as Lambda does; throws Lambda's AwsError for a wrong one. */
  readSettings(request: Record<string, unknown>): unknown;
  /** A run-time UpdateEventSourceMapping of the consumer's mapping: why it did not apply, or undefined. */
  updateConsumerMapping(world: World, consumerId: string, request: Record<string, unknown>): string | undefined;
}

/**
 * Projections (`table/reads/projection.ts`): a read's ProjectionExpression or AttributesToGet (GetItem,
 * Query and Scan, the many-key reads), an UpdateItem's ReturnValues UPDATED_OLD / UPDATED_NEW. No built-in scenario asks for one; a plan's
 * call or write intervention that does needs it, and so does the learner's code (which may).
 */
export interface ProjectionsPart {
  /** A request's projection read and checked (with its ExpressionAttributeNames). */
  readProjection(body: Record<string, unknown>): ResolvedPath[] | undefined;
  /** The item reduced to `paths`. */
  projectItem(item: Item, paths: readonly ResolvedPath[]): Item;
  /** A Query's or Scan's projection, parsed (its placeholders checked with the rest of its expressions). */
  projectionOf(input: Record<string, unknown>): ProjectionAst | undefined;
  resolveProjection(ast: ProjectionAst, ctx: ExpressionContext): ResolvedPath[];
}

/** Query and Scan (`table/reads/query.ts`, `scan.ts`, their pages): no built-in scenario's run calls them. */
export interface ReadsPart {
  query(world: World, input: Record<string, unknown>): unknown;
  scan(world: World, input: Record<string, unknown>): unknown;
  /** A Query against tables as `lookup` finds them (the Table panel's, at the playhead). */
  queryTable(lookup: (name: string) => TableState, input: Record<string, unknown>): Record<string, unknown>;
}

/**
 * The interventions that send a request when their time comes (`faults/write.ts`, `settings.ts`):
 * a scheduled write, a mapping or table update; and the forms' checks of one before it is
 * scheduled. Crashes, restarts and the other faults are the core's (`faults/apply.ts`): a run
 * without such a request never needs this part; the forms load it on their first check.
 */
export interface ScheduledRequestsPart {
  /** Applies a `write` intervention: why it did nothing, or undefined. */
  applyWrite(world: World, i: Intervention): string | undefined;
  /** Applies an `update-mapping` or `update-table` intervention: why it did nothing, or undefined. */
  applySettingChange(world: World, i: Intervention): string | undefined;
  /** Why a scheduled write's request would fail, or undefined. */
  writeRequestProblem(operation: unknown, input: unknown): string | undefined;
  /** Why a setting change (`update-mapping`, `update-table`) would fail, or undefined. */
  settingsRequestProblem(kind: unknown, params: unknown): string | undefined;
}

/**
 * Transactions and batch operations (`table/transactions.ts`, `table/reads/multiGet.ts`,
 * `table/batchWrite.ts`): TransactWriteItems, TransactGetItems, BatchGetItem, BatchWriteItem. A plan that calls them needs it, and so does a consumer whose
 * handler guards its writes with a transaction (every idempotency mode but `none`) or runs the
 * learner's code (which may call them).
 */
export interface TransactionsPart {
  transactWriteItems(world: World, input: Record<string, unknown>): unknown;
  transactGetItems(world: World, input: Record<string, unknown>): unknown;
  batchGetItem(world: World, input: Record<string, unknown>): unknown;
  /** `owned`: the input is the simulation's own copy (`api/dispatch.ts`). */
  batchWriteItem(world: World, input: Record<string, unknown>, owned: boolean): unknown;
}

/**
 * Changing a table (`table/tableSettings.ts`): UpdateTable, DeleteTable, UpdateTimeToLive,
 * DescribeTimeToLive, and the TTL process (`table/ttl.ts`), which only UpdateTimeToLive switches on.
 * A plan that calls them needs it, and so does a run with an `update-table` intervention (its change
 * is an UpdateTable). The learner's code cannot call them.
 */
export interface TableSettingsPart {
  updateTable(world: World, input: Record<string, unknown>): unknown;
  deleteTable(world: World, input: Record<string, unknown>): unknown;
  updateTimeToLive(world: World, input: Record<string, unknown>): unknown;
  describeTimeToLive(world: World, input: Record<string, unknown>): unknown;
  /** Queues the TTL process's check of an item just written to a table with TTL on. */
  scheduleTtlCheck(world: World, table: TableState, keyString: string, item: Item): void;
  /** A queued TTL check (a `ttl-check` event): deletes the item if it is still expired. */
  ttlCheck(world: World, tableName: string, keyString: string): void;
}

/**
 * Shard rollover, splits and trimming (`stream/shardLifecycle.ts`): a run reaches them only when it
 * lasts a shard's lifetime or the retention (each queued no earlier than that after time 0), or
 * splits a shard on purpose. Short runs (the default one) never need it.
 */
export interface ShardLifecyclePart {
  rollOver(world: World, streamArn: string, shardId: string): void;
  splitPartition(world: World, table: TableState, partitionId: number): void;
  /** Applies a `split-shard` intervention: why it did nothing, or undefined. */
  applySplit(world: World, i: Intervention): string | undefined;
  trim(world: World): void;
}

/** Generated traffic (`workload.ts`): a plan's compact traffic expanded into calls; no built-in scenario has any. */
export interface TrafficPart {
  generateTraffic(t: GeneratedTraffic, rng: Rng): GeneratedCall[];
}

export interface Parts {
  consumers: ConsumersPart;
  globalTables: GlobalTablesPart;
  indexes: IndexesPart;
  kcl: KclPart;
  lambda: LambdaPart;
  projections: ProjectionsPart;
  reads: ReadsPart;
  scheduledRequests: ScheduledRequestsPart;
  shardLifecycle: ShardLifecyclePart;
  traffic: TrafficPart;
  transactions: TransactionsPart;
  tableSettings: TableSettingsPart;
}

export type PartName = keyof Parts;

export const PART_NAMES: readonly PartName[] = ['consumers', 'globalTables', 'indexes', 'kcl', 'lambda', 'projections', 'reads', 'scheduledRequests', 'shardLifecycle', 'traffic', 'transactions', 'tableSettings'];

/** What each part is, in words for an error message (the core's, and the worker's when a part's chunk fails to load). */
export const PART_TITLES: Record<PartName, string> = { consumers: 'consumers\' handlers and checks', globalTables: 'global tables', indexes: 'secondary indexes', kcl: 'KCL applications', lambda: 'Lambda event source mappings', projections: 'projections', reads: 'Query and Scan', scheduledRequests: 'scheduled writes and setting changes', shardLifecycle: 'shard rollover, splits and trimming', traffic: 'generated traffic', transactions: 'transactions and batch operations', tableSettings: 'table settings (UpdateTable, DeleteTable, TTL)' };

/** A run needed a part nobody registered: in the browser, a chunk that was not loaded first. */
export class PartMissingError extends Error {
  constructor(readonly part: PartName) {
    super(`the simulator's ${PART_TITLES[part]} (part "${part}") is not loaded: load it before preparing the run`);
    this.name = 'PartMissingError';
  }
}

const registered: Partial<Parts> = {};

export function registerPart<N extends PartName>(name: N, part: Parts[N]): void {
  registered[name] = part;
}

export function hasPart(name: PartName): boolean {
  return registered[name] !== undefined;
}

/** The registered part, or throws `PartMissingError`. */
export function part<N extends PartName>(name: N): Parts[N] {
  const found = registered[name];
  if (found === undefined) throw new PartMissingError(name);
  return found as Parts[N];
}

/** The registered part, or undefined (for code that has nothing to do without it). */
export function optionalPart<N extends PartName>(name: N): Parts[N] | undefined {
  return registered[name] as Parts[N] | undefined;
}

/** Forgets every part (tests of the loading path only). */
export function unregisterPartsForTest(): Partial<Parts> {
  const before = { ...registered };
  for (const name of PART_NAMES) delete registered[name];
  return before;
}

/**
 * The parts one consumer needs: its handler and checks, its kind's; the learner's code may also
 * Query and Scan, ask for projections, and call transactions and batch operations, which an
 * idempotent handler's guarded writes are.
 */
export function partsForConsumer(spec: ConsumerSpec): PartName[] {
  const kind: PartName = spec.kind === 'kcl' ? 'kcl' : 'lambda';
  if (spec.handler.code !== undefined) return ['consumers', kind, 'projections', 'reads', 'transactions'];
  return spec.handler.idempotency !== undefined && spec.handler.idempotency !== 'none' ? ['consumers', kind, 'transactions'] : ['consumers', kind];
}

const READ_TARGET = /\.(Query|Scan)$/;
const TABLE_SETTINGS_TARGET = /\.(UpdateTable|DeleteTable|UpdateTimeToLive|DescribeTimeToLive)$/;
const TRANSACTION_TARGET = /\.(TransactWriteItems|TransactGetItems|BatchGetItem|BatchWriteItem)$/;

/** A call that adds a replica (UpdateTable's `ReplicaUpdates`): the run has a global table (its part), which the consumers part's checks judge at its end. */
function addsReplica(call: { readonly input?: unknown }): boolean {
  return typeof call.input === 'object' && call.input !== null && 'ReplicaUpdates' in call.input;
}

type PlannedCall = { readonly target: string; readonly input?: unknown };

/** A call that declares a secondary index (CreateTable's lists, UpdateTable's `GlobalSecondaryIndexUpdates`). */
function declaresIndex(call: PlannedCall): boolean {
  if (typeof call.input !== 'object' || call.input === null) return false;
  const input = call.input as Record<string, unknown>;
  return (input.LocalSecondaryIndexes ?? null) !== null || (input.GlobalSecondaryIndexes ?? null) !== null || input.GlobalSecondaryIndexUpdates !== undefined;
}

/**
 * Whether a call's input or an intervention asks for a projection anywhere in it (a GetItem's, a
 * Get inside a TransactGetItems or BatchGetItem, a Query's, a scheduled write's ReturnValues): the
 * projections part's. Plans are JSON data, so their JSON is searched for the parameter at any depth
 * (a value spelling one only loads the part for nothing).
 */
function asksProjection(v: unknown): boolean {
  return /"(ProjectionExpression|AttributesToGet)"|"ReturnValues":"UPDATED_/.test(JSON.stringify(v) ?? '');
}

/** The interventions that send a request at their time (the scheduled requests part's). */
const REQUEST_KINDS: ReadonlySet<unknown> = new Set(['write', 'update-mapping', 'update-table']);

/** An `update-table` intervention: its change is an UpdateTable (the table settings part's). */
function changesTable(i: unknown): boolean {
  return typeof i === 'object' && i !== null && (i as { kind?: unknown }).kind === 'update-table';
}

function sendsRequest(i: unknown): boolean {
  return typeof i === 'object' && i !== null && REQUEST_KINDS.has((i as { kind?: unknown }).kind);
}

/** What `partsFor` reads of a plan (a scenario, a `RunPlan`). */
export interface PartsPlan {
  readonly durationMs?: number;
  readonly simulation?: { readonly shardLifetimeMs?: number; readonly retentionMs?: number };
  readonly consumers?: readonly ConsumerSpec[];
  readonly setup?: readonly PlannedCall[];
  readonly writes?: readonly PlannedCall[];
  readonly traffic?: readonly unknown[];
  readonly interventions?: readonly unknown[];
}

function splitsShard(i: unknown): boolean {
  return typeof i === 'object' && i !== null && (i as { kind?: unknown }).kind === 'split-shard';
}

/**
 * Whether a run of this length reaches a shard's rollover or a trim: a shard's is queued at its
 * opening (time 0 at the earliest) plus its lifetime and a jitter of 0 or more, a trim at a record's
 * time or a shard's closing plus the retention, so neither comes before its period. A plan that
 * names no length (the interventions alone) adds nothing here.
 */
function outlivesShards(plan: Pick<PartsPlan, 'durationMs' | 'simulation'>): boolean {
  if (plan.durationMs === undefined) return false;
  const lifetime = plan.simulation?.shardLifetimeMs ?? DEFAULT_SHARD_LIFETIME_MS;
  const retention = plan.simulation?.retentionMs ?? DEFAULT_RETENTION_MS;
  return plan.durationMs >= Math.min(lifetime, retention);
}

/**
 * The parts a run of this plan needs (its length and shard settings, its consumers, its setup and
 * scheduled calls, its generated traffic, its own interventions and the user's, `interventions`),
 * in `PART_NAMES` order.
 */
export function partsFor(plan: PartsPlan, interventions: readonly unknown[] = []): PartName[] {
  const need = new Set<PartName>();
  const allInterventions = [...(plan.interventions ?? []), ...interventions];
  if ((plan.traffic?.length ?? 0) > 0) need.add('traffic');
  if (allInterventions.some(sendsRequest)) need.add('scheduledRequests');
  if (outlivesShards(plan) || allInterventions.some(splitsShard)) need.add('shardLifecycle');
  for (const spec of plan.consumers ?? []) for (const p of partsForConsumer(spec)) need.add(p);
  const calls = [...(plan.setup ?? []), ...(plan.writes ?? [])];
  if (calls.some((c) => READ_TARGET.test(c.target))) need.add('reads');
  if (calls.some((c) => TRANSACTION_TARGET.test(c.target))) need.add('transactions');
  if (calls.some((c) => TABLE_SETTINGS_TARGET.test(c.target)) || allInterventions.some(changesTable)) need.add('tableSettings');
  if (calls.some(declaresIndex)) need.add('indexes');
  if (calls.some((c) => asksProjection(c.input)) || allInterventions.some((i) => asksProjection(i))) need.add('projections');
  if (calls.some(addsReplica)) {
    need.add('globalTables');
    need.add('consumers');
  }
  return PART_NAMES.filter((p) => need.has(p));
}
