/**
 * The settings forms' model, pure: reading a scenario's knobs (a consumer's settings, a table's
 * billing, stream and TTL, the generated workload), writing a changed value back into a draft
 * scenario, and deciding which changes AWS takes at run time (UpdateEventSourceMapping) and which
 * recompute the run from 0 (a scenario edit). A new consumer, a new scenario and "What if" choices
 * are made here too, so the components only lay out fields.
 *
 * May import: scenario types and catalogue data. May not import: React, worker runtime, sim runtime.
 */
import type { Scenario } from '../../scenarios/types.ts';

export type ConsumerSpec = NonNullable<Scenario['consumers']>[number];
export type LambdaSpec = Extract<ConsumerSpec, { kind: 'lambda' }>;
export type KclSpec = Extract<ConsumerSpec, { kind: 'kcl' }>;
export type Mapping = LambdaSpec['mapping'];
export type Traffic = NonNullable<Scenario['traffic']>[number];

const CREATE_TABLE = 'DynamoDB_20120810.CreateTable';
const UPDATE_TTL = 'DynamoDB_20120810.UpdateTimeToLive';

/** The mapping settings UpdateEventSourceMapping changes at run time (flat, as the `update-mapping` intervention takes them). */
export const RUNTIME_MAPPING_KEYS = ['BatchSize', 'MaximumBatchingWindowInSeconds', 'ParallelizationFactor', 'BisectBatchOnFunctionError', 'MaximumRetryAttempts', 'MaximumRecordAgeInSeconds', 'FunctionResponseTypes'] as const;

/** Lambda's defaults for what a scenario leaves out (CreateEventSourceMapping). */
export const MAPPING_DEFAULTS = { BatchSize: 100, MaximumBatchingWindowInSeconds: 0, ParallelizationFactor: 1, BisectBatchOnFunctionError: false, MaximumRetryAttempts: -1, MaximumRecordAgeInSeconds: -1 } as const;

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** The draft with one consumer replaced. */
export function withConsumer(draft: Scenario, id: string, next: ConsumerSpec): Scenario {
  return { ...draft, consumers: (draft.consumers ?? []).map((c) => (c.id === id ? next : c)) };
}

/** The mapping with one setting set, or removed (back to Lambda's default) when `value` is undefined. */
export function withMappingSetting(mapping: Mapping, key: keyof Mapping, value: unknown): Mapping {
  const next = clone(mapping) as Record<string, unknown>;
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next as Mapping;
}

/**
 * The `update-mapping` params that take `from` to `to` (the run-time-changeable settings only), or
 * null when nothing run-time-changeable differs. A removed setting goes back to Lambda's default.
 */
export function runtimeMappingChange(from: Mapping, to: Mapping): Record<string, string | number | boolean> | null {
  const params: Record<string, string | number | boolean> = {};
  for (const key of RUNTIME_MAPPING_KEYS) {
    if (key === 'FunctionResponseTypes') {
      const a = from.FunctionResponseTypes?.length ? 'ReportBatchItemFailures' : '';
      const b = to.FunctionResponseTypes?.length ? 'ReportBatchItemFailures' : '';
      if (a !== b) params[key] = b;
      continue;
    }
    const a = from[key] ?? MAPPING_DEFAULTS[key];
    const b = to[key] ?? MAPPING_DEFAULTS[key];
    if (a !== b) params[key] = b;
  }
  return Object.keys(params).length > 0 ? params : null;
}

/** Whether the only differences between two mappings are ones UpdateEventSourceMapping makes at run time. */
export function onlyRuntimeChanges(from: Mapping, to: Mapping): boolean {
  const strip = (m: Mapping) => {
    const rest = clone(m) as Record<string, unknown>;
    for (const key of RUNTIME_MAPPING_KEYS) delete rest[key];
    return JSON.stringify(Object.keys(rest).sort().map((k) => [k, rest[k]]));
  };
  return strip(from) === strip(to);
}

/** The index of the CreateTable setup call of `table`, or -1. */
export function createTableIndex(scenario: Scenario, table: string): number {
  return scenario.setup.findIndex((c) => c.target === CREATE_TABLE && c.input.TableName === table);
}

/** Tables the scenario creates, in order. */
export function tablesOf(scenario: Scenario): string[] {
  return scenario.setup.filter((c) => c.target === CREATE_TABLE).map((c) => String(c.input.TableName));
}

export interface TableKnobs {
  billing: 'PAY_PER_REQUEST' | 'PROVISIONED';
  readCapacity: number;
  writeCapacity: number;
  /** undefined: no stream. */
  streamViewType: string | undefined;
  /** The TTL attribute, when TTL is on. */
  ttlAttribute: string | undefined;
}

export function tableKnobs(scenario: Scenario, table: string): TableKnobs {
  const input = scenario.setup[createTableIndex(scenario, table)]?.input ?? {};
  const pt = input.ProvisionedThroughput as { ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined;
  const stream = input.StreamSpecification as { StreamEnabled?: boolean; StreamViewType?: string } | undefined;
  const ttl = scenario.setup.find((c) => c.target === UPDATE_TTL && c.input.TableName === table)?.input.TimeToLiveSpecification as { Enabled?: boolean; AttributeName?: string } | undefined;
  return {
    billing: input.BillingMode === 'PAY_PER_REQUEST' ? 'PAY_PER_REQUEST' : 'PROVISIONED',
    readCapacity: pt?.ReadCapacityUnits ?? 5,
    writeCapacity: pt?.WriteCapacityUnits ?? 5,
    streamViewType: stream?.StreamEnabled ? stream.StreamViewType : undefined,
    ttlAttribute: ttl?.Enabled ? ttl.AttributeName : undefined,
  };
}

/**
 * How many partitions (hence open shards) the table starts with: the core's rule (one per 3,000 RCU
 * or 1,000 WCU; 4 for a new on-demand table), unless the scenario pins the count.
 */
export function partitionsOf(scenario: Scenario, table: string, k: TableKnobs = tableKnobs(scenario, table)): number {
  const pinned = scenario.simulation?.partitions?.[table];
  if (pinned !== undefined) return pinned;
  if (k.billing === 'PAY_PER_REQUEST') return 4;
  return Math.min(64, Math.max(1, Math.ceil(k.readCapacity / 3000 + k.writeCapacity / 1000)));
}

/** The draft with the table's knobs applied to its CreateTable call (and its UpdateTimeToLive call). */
export function withTableKnobs(draft: Scenario, table: string, k: TableKnobs): Scenario {
  const index = createTableIndex(draft, table);
  if (index < 0) return draft;
  const setup = clone(draft.setup);
  const input = setup[index]!.input;
  input.BillingMode = k.billing;
  if (k.billing === 'PROVISIONED') input.ProvisionedThroughput = { ReadCapacityUnits: k.readCapacity, WriteCapacityUnits: k.writeCapacity };
  else delete input.ProvisionedThroughput;
  input.StreamSpecification = k.streamViewType ? { StreamEnabled: true, StreamViewType: k.streamViewType } : { StreamEnabled: false };
  const ttlAt = setup.findIndex((c) => c.target === UPDATE_TTL && c.input.TableName === table);
  if (k.ttlAttribute) {
    const call = { target: UPDATE_TTL, input: { TableName: table, TimeToLiveSpecification: { Enabled: true, AttributeName: k.ttlAttribute } } };
    if (ttlAt >= 0) setup[ttlAt] = call;
    else setup.splice(index + 1, 0, call);
  } else if (ttlAt >= 0) setup.splice(ttlAt, 1);
  return { ...draft, setup };
}

/** The partition key attribute of a table, from its CreateTable call. */
export function partitionKeyOf(scenario: Scenario, table: string): string {
  const input = scenario.setup[createTableIndex(scenario, table)]?.input;
  const schema = (input?.KeySchema ?? []) as Array<{ AttributeName: string; KeyType: string }>;
  return schema.find((k) => k.KeyType === 'HASH')?.AttributeName ?? 'id';
}

/** Generated traffic a scenario without any gets when the learner turns the workload knobs. */
export function defaultTraffic(scenario: Scenario, table: string): Traffic {
  return {
    table,
    fromMs: Math.min(1_000, scenario.durationMs),
    toMs: Math.max(Math.min(1_000, scenario.durationMs), Math.floor(scenario.durationMs * 0.8)),
    ratePerSecond: 1,
    keys: { attribute: partitionKeyOf(scenario, table), prefix: 'k', count: 20 },
    mix: { put: 1 },
    attributes: { candidate: ['Otter', 'Heron', 'Badger'] },
  };
}

/** A consumer id not used yet: `<base>`, `<base>-2`, … */
export function freshConsumerId(scenario: Scenario, base: string): string {
  const used = new Set((scenario.consumers ?? []).map((c) => c.id));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A new consumer of the first streamed table, with the first consumer's handler kind (naive), Lambda's or KCL's defaults. */
export function newConsumer(scenario: Scenario, kind: 'lambda' | 'kcl'): ConsumerSpec {
  const table = tablesOf(scenario).find((t) => tableKnobs(scenario, t).streamViewType) ?? tablesOf(scenario)[0] ?? 'Votes';
  const handlerKind = scenario.consumers?.[0]?.handler.kind ?? 'vote-counter';
  const handler = { kind: handlerKind, idempotency: 'none' as const, sourceTable: table };
  if (kind === 'lambda') return { id: freshConsumerId(scenario, 'function'), kind, handler, mapping: { StartingPosition: 'TRIM_HORIZON' } };
  return { id: freshConsumerId(scenario, 'kcl-app'), kind, handler, workers: ['w1', 'w2'], checkpoint: { kind: 'every-batch' }, config: { kclVersion: '3.x', initialPositionInStream: 'TRIM_HORIZON' } };
}

/** The draft without a consumer, and without the scenario's interventions aimed at it. */
export function withoutConsumer(draft: Scenario, id: string): Scenario {
  const aimed = (target: string) => target === id || target.startsWith(`${id}/`);
  return {
    ...draft,
    consumers: (draft.consumers ?? []).filter((c) => c.id !== id),
    ...(draft.interventions ? { interventions: draft.interventions.filter((i) => !aimed(i.target)) } : {}),
  };
}

/** "New scenario": an empty Votes table with a stream, generated votes, and one naive Lambda counter. */
export function blankScenario(): Scenario {
  return {
    id: 'my-scenario',
    title: 'New scenario',
    summary: 'An empty Votes table with a stream, generated votes and one Lambda counter. Change any setting and watch what the stream and the counter do.',
    seed: 1,
    durationMs: 60_000,
    setup: [
      {
        target: CREATE_TABLE,
        input: {
          TableName: 'Votes',
          AttributeDefinitions: [{ AttributeName: 'voterId', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'voterId', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        },
      },
    ],
    writes: [],
    traffic: [{ table: 'Votes', fromMs: 1_000, toMs: 45_000, ratePerSecond: 2, keys: { attribute: 'voterId', prefix: 'voter', count: 30 }, mix: { put: 3, update: 1 }, attributes: { candidate: ['Otter', 'Heron', 'Badger'] } }],
    consumers: [{ id: 'counter', kind: 'lambda', handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: 'Votes' }, mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 } }],
  };
}

/** The scenario saved as the learner's own copy: a new id and title, so it never passes for the built-in one. */
export function asCopy(scenario: Scenario): Scenario {
  const id = scenario.id.endsWith('-copy') ? scenario.id : `${scenario.id.slice(0, 59)}-copy`;
  const title = scenario.title.endsWith('(my copy)') ? scenario.title : `${scenario.title.slice(0, 110)} (my copy)`;
  const { lesson: _lesson, ...rest } = scenario;
  return { ...rest, id, title };
}
