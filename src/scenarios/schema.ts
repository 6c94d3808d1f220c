/**
 * The scenario format, version 1, as a zod schema: the one definition that built-in scenarios,
 * scenario files and share links are checked against. Limits are part of the format, so a link
 * that asks for 10^9 writes or a negative time is refused with a message naming the field, before
 * anything runs.
 *
 * May import: zod, sim types (`import type`). May not import: worker, ui, share, any sim runtime.
 */
import { z } from 'zod';

// zod probes whether it may compile validators with `new Function`; the app's Content Security
// Policy forbids eval, so the probe itself would be reported as a violation. Validate without it.
// Every zod schema of the app is built after this module, which the share schema imports too.
z.config({ jitless: true });
import type { FaultKind } from '../sim/faults/intervention.ts';
import type { CheckName } from '../sim/checks/index.ts';
import type { ConsumerCounters } from '../sim/consumers/counters.ts';
import type { ProcessEffect } from '../sim/consumers/events.ts';

/** The largest simulated span a scenario may cover: 8 days (retention is 24 h; lessons fit easily). */
export const MAX_DURATION_MS = 8 * 24 * 3_600_000;
export const MAX_SCRIPTED_CALLS = 5_000;
export const MAX_INTERVENTIONS = 200;

const timeMs = z.number().int('must be a whole number of milliseconds').min(0, 'must not be negative').max(MAX_DURATION_MS, 'is past the longest run a scenario may have (8 days)');

const awsInput = z.record(z.string(), z.unknown());

/** An AWS Region name such as `us-east-1` or `eu-west-1`. */
export const RegionNameSchema = z.string().max(32).regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a Region name such as eu-west-1');

/** One AWS JSON 1.0 call, e.g. `{ target: 'DynamoDB_20120810.PutItem', input: { TableName, Item } }`. */
export const CallSchema = z.object({
  target: z.string().regex(/^(DynamoDB|DynamoDBStreams)_20120810\.[A-Za-z]+$/, 'must be a DynamoDB or DynamoDB Streams target like DynamoDB_20120810.PutItem'),
  input: awsInput,
  /**
   * Added in v1 (optional, so older scenarios and links still open): the Region whose endpoint the
   * call goes to, for a global table's replica there. Default: the home Region (`simulation.region`).
   */
  region: RegionNameSchema.optional(),
});

export const ScriptedCallSchema = CallSchema.extend({ at: timeMs });

const idempotency = z.enum(['none', 'event-id', 'sequence-number', 'item-version', 'user']);

/** The longest user code a scenario (and so a link) may carry, in characters. */
export const MAX_USER_CODE_CHARS = 20_000;

export const HandlerSpecSchema = z
  .object({
    kind: z.enum(['vote-counter', 'replicator', 'search-indexer', 'ttl-archiver', 'task-counter']),
    /** Added in v1; `user` added with user code: the learner's `code` does the writing. */
    idempotency,
    sourceTable: z.string().min(3).max(255),
    targetTable: z.string().min(3).max(255).optional(),
    /** Added with user code (optional, so v1 links still open): the learner's JavaScript handler module. */
    code: z.string().max(MAX_USER_CODE_CHARS).optional(),
  })
  .refine((h) => (h.idempotency === 'user') === (h.code !== undefined), {
    message: 'code goes with idempotency "user", and idempotency "user" needs code',
    path: ['code'],
  });

export const CheckpointStrategySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('before-processing') }),
  z.object({ kind: z.literal('every-record') }),
  z.object({ kind: z.literal('every-n-records'), n: z.number().int().min(1).max(10_000) }),
  z.object({ kind: z.literal('every-batch') }),
  z.object({ kind: z.literal('every-interval'), intervalMs: z.number().int().min(100).max(3_600_000) }),
]);

const consumerId = z.string().regex(/^[a-z][a-z0-9-]{2,31}$/, 'must be 3 to 32 lowercase letters, digits and dashes, starting with a letter (it also names the KCL lease table)');

export const LambdaConsumerSchema = z.object({
  id: consumerId,
  kind: z.literal('lambda'),
  handler: HandlerSpecSchema,
  mapping: z.object({
    BatchSize: z.number().int().min(1).max(10_000).optional(),
    MaximumBatchingWindowInSeconds: z.number().int().min(0).max(300).optional(),
    StartingPosition: z.enum(['TRIM_HORIZON', 'LATEST']),
    ParallelizationFactor: z.number().int().min(1).max(10).optional(),
    BisectBatchOnFunctionError: z.boolean().optional(),
    MaximumRetryAttempts: z.number().int().min(-1).max(10_000).optional(),
    MaximumRecordAgeInSeconds: z.number().int().min(-1).max(604_800).optional(),
    FunctionResponseTypes: z.array(z.literal('ReportBatchItemFailures')).max(1).optional(),
    FilterCriteria: z.object({ Filters: z.array(z.object({ Pattern: z.string().max(4096) })).max(10) }).optional(),
    DestinationConfig: z.object({ OnFailure: z.object({ Destination: z.string().max(256) }).optional() }).optional(),
  }),
  invocationMs: z.object({ base: z.number().int().min(1).max(900_000), perRecord: z.number().int().min(0).max(60_000) }).optional(),
  /** Added in v1 (optional): forward each record to an SNS topic / EventBridge bus with subscribers. */
  fanOut: z.object({ via: z.enum(['sns', 'eventbridge']), deliveryMs: z.number().int().min(0).max(60_000), subscribers: z.array(consumerId).min(1).max(10) }).optional(),
});

export const KclConsumerSchema = z.object({
  id: consumerId,
  kind: z.literal('kcl'),
  handler: HandlerSpecSchema,
  workers: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)).min(1).max(8),
  checkpoint: CheckpointStrategySchema,
  config: z
    .object({
      /** Added in v1 (optional): the lease model; absent means KCL 3.x. */
      kclVersion: z.enum(['1.x', '3.x']).optional(),
      failoverTimeMillis: z.number().int().min(1_000).max(600_000).optional(),
      maxRecords: z.number().int().min(1).max(1_000).optional(),
      idleTimeBetweenReadsInMillis: z.number().int().min(100).max(60_000).optional(),
      initialPositionInStream: z.enum(['TRIM_HORIZON', 'LATEST']).optional(),
      parentShardPollIntervalMillis: z.number().int().min(100).max(600_000).optional(),
      shardSyncIntervalMillis: z.number().int().min(1_000).max(3_600_000).optional(),
      /** Added in v1 (optional): KCL's maxLeasesForWorker, the most leases one worker holds. */
      maxLeasesForWorker: z.number().int().min(1).max(1_000).optional(),
      processRecordMs: z.number().int().min(0).max(60_000).optional(),
    })
    .optional(),
});

export const ConsumerSpecSchema = z.discriminatedUnion('kind', [LambdaConsumerSchema, KclConsumerSchema]).refine((c) => c.kind === 'lambda' || c.handler.idempotency !== 'user', {
  message: 'user code runs as a Lambda handler only',
  path: ['handler', 'idempotency'],
});

const FAULT_KIND_VALUES = [
  'crash', 'restart', 'redeliver-batch', 'reorder', 'poison-record', 'slow-handler',
  'expire-iterator', 'lose-lease', 'split-shard', 'skew-clock', 'update-mapping', 'update-table', 'add-worker',
] as const satisfies readonly FaultKind[];

/** A fault: `{ at, kind, target, params }` with flat params (numbers, flags, short strings). */
export const FaultInterventionSchema = z.object({
  at: timeMs,
  kind: z.enum(FAULT_KIND_VALUES),
  target: z.string().min(1).max(128),
  params: z.record(z.string(), z.union([z.string().max(256), z.number(), z.boolean()])).optional(),
});

/** The largest AWS request a `write` intervention may carry, as JSON (a DynamoDB item may be 400 KB; a lesson's is small). */
export const MAX_WRITE_REQUEST_CHARS = 4_096;

/**
 * Added in v1 (optional, so older links still open): a user's own write at `at`, made by the core
 * like a scripted call (`src/sim/faults/write.ts`). `target` is the table; `params.input` is the
 * PutItem / UpdateItem / DeleteItem request exactly as AWS takes it. The core validates its content
 * (attribute values, expressions) with AWS's messages; here only its shape and size are bounded.
 */
export const WriteInterventionSchema = z
  .object({
    at: timeMs,
    kind: z.literal('write'),
    target: z.string().min(3).max(255),
    params: z
      .object({
        operation: z.enum(['PutItem', 'UpdateItem', 'DeleteItem']),
        input: z
          .object({
            TableName: z.string().min(3).max(255),
            Item: awsInput.optional(),
            Key: awsInput.optional(),
            UpdateExpression: z.string().max(1_024).optional(),
            ConditionExpression: z.string().max(1_024).optional(),
            ExpressionAttributeNames: z.record(z.string().max(255), z.string().max(255)).optional(),
            ExpressionAttributeValues: awsInput.optional(),
            ReturnValues: z.string().max(16).optional(),
          })
          .strict()
          .refine((i) => JSON.stringify(i).length <= MAX_WRITE_REQUEST_CHARS, `must be at most ${MAX_WRITE_REQUEST_CHARS} characters as JSON`),
      })
      .strict(),
  })
  .refine((w) => w.params.input.TableName === w.target, { message: 'the request names another table than the target', path: ['params', 'input', 'TableName'] });

export const InterventionSchema = z.discriminatedUnion('kind', [FaultInterventionSchema, WriteInterventionSchema]);

/** The numeric per-consumer counters a lesson may state (`src/sim/consumers/counters.ts`). */
export const COUNTER_FIELDS = [
  'recordsProcessed', 'deliveries', 'reprocessed', 'checkpointWrites', 'batches', 'retries', 'failures',
  'failedRecords', 'harmfulDuplicates', 'crashes', 'iteratorAgeMaxMs',
] as const satisfies readonly (keyof ConsumerCounters)[];

/** Records per handler effect (`ConsumerCounters.effects`), as `effects.<effect>`. */
export const EFFECT_FIELDS = [
  'effects.applied', 'effects.skipped-duplicate', 'effects.skipped-stale', 'effects.ignored', 'effects.failed',
] as const satisfies readonly `effects.${ProcessEffect}`[];

/** Which facts a narration step waits for, or a claim is about: a fact type and top-level field values. */
export const FactMatchSchema = z.object({ fact: z.string().max(64), match: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() });

const bounds = {
  equals: z.number().int().min(0).optional(),
  atLeast: z.number().int().min(0).optional(),
  atMost: z.number().int().min(0).optional(),
};

/**
 * Added in v1 (optional): a fact of the run that a narration step or its predict prompt states,
 * as an assertion over the trace (`src/scenarios/claims.ts`). `within: 'stop'` (the default) reads
 * the trace up to the step's stop, as the learner has seen it; `'after'` from the stop on (what
 * happens next); `'run'` the whole run. The
 * scenario tests fail when a run stops making a claim true, so the prose cannot drift from the run.
 * - `stops-at`: the step stops at this simulated time.
 * - `seen`: how many facts match (default: at least one).
 * - `ahead`: a matching fact comes after the stop, at a later time (a predict prompt must not be
 *   answered by what is already drawn at its pause).
 * - `order`: the first fact matching `first` comes before the first matching `then`.
 * - `shards`: the keys' first records landed on one shard (`same`) or on pairwise different ones.
 * - `key-order`: the consumer processed the key's records in sequence-number order (`kept`), or at
 *   least once processed a record older than the one before it (`went-back`: a retry re-applying).
 * - `counter`: a consumer counter (`src/sim/consumers/counters.ts`), as the stream panel shows it.
 */
/** What part of the run a claim reads: up to the stop (default), after it, or all of it. */
const claimScope = z.enum(['stop', 'after', 'run']).optional();

export const ClaimSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stops-at'), atMs: timeMs }),
  z.object({ kind: z.literal('seen'), of: FactMatchSchema, within: claimScope, ...bounds }),
  z.object({ kind: z.literal('ahead'), of: FactMatchSchema }),
  z.object({ kind: z.literal('order'), first: FactMatchSchema, then: FactMatchSchema, within: claimScope }),
  z.object({ kind: z.literal('shards'), keys: z.array(z.string().max(256)).min(2).max(12), same: z.boolean() }),
  z.object({ kind: z.literal('key-order'), consumer: z.string().min(1).max(32), keyString: z.string().max(256), order: z.enum(['kept', 'went-back']), within: claimScope }),
  z.object({ kind: z.literal('counter'), consumer: z.string().min(1).max(32), field: z.enum([...COUNTER_FIELDS, ...EFFECT_FIELDS]), within: claimScope, ...bounds }),
]);

/** A narration step: shown when a matching fact appears; `predict` asks before revealing. */
export const NarrationStepSchema = z.object({
  until: FactMatchSchema,
  text: z.string().max(2_000),
  predict: z.object({ question: z.string().max(500), choices: z.array(z.string().max(200)).min(2).max(6), answer: z.number().int().min(0) }).optional(),
  /** Added in v1 (optional): what the step's text and its predict answer state about the run, as checks. */
  claims: z.array(ClaimSchema).max(12).optional(),
});

export const SimulationSettingsSchema = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/).optional(),
    accountId: z.string().regex(/^\d{12}$/).optional(),
    epochMs: z.number().int().min(0).max(4_102_444_800_000).optional(),
    shardLifetimeMs: z.number().int().min(60_000).max(MAX_DURATION_MS).optional(),
    shardLifetimeJitterMs: z.number().int().min(0).max(3_600_000).optional(),
    retentionMs: z.number().int().min(60_000).max(MAX_DURATION_MS).optional(),
    iteratorExpiryMs: z.number().int().min(1_000).max(3_600_000).optional(),
    ttlDeletionDelayMs: z.number().int().min(0).max(MAX_DURATION_MS).optional(),
    partitions: z.record(z.string(), z.number().int().min(1).max(16)).optional(),
    /** Added in v1: global tables, the shortest delay before a write reaches another Region's replica. */
    replicationDelayMinMs: z.number().int().min(1).max(600_000).optional(),
    /** Added in v1: global tables, the longest such delay; each write draws uniformly in [min, max]. */
    replicationDelayMaxMs: z.number().int().min(1).max(600_000).optional(),
  })
  .strict()
  .refine((s) => s.replicationDelayMinMs === undefined || s.replicationDelayMaxMs === undefined || s.replicationDelayMaxMs >= s.replicationDelayMinMs, {
    message: 'replicationDelayMaxMs must not be below replicationDelayMinMs',
    path: ['replicationDelayMaxMs'],
  });

export const CHECK_NAMES = [
  'target-matches-records', 'target-matches-source', 'at-least-once', 'exactly-once', 'per-item-order',
  'trimmed-unread', 'checkpoint-monotonic',
] as const satisfies readonly CheckName[];

/**
 * What must be true at the end of a run for a scenario to have made its lesson; the golden test
 * runs every built-in scenario and checks it. Added in v1.
 */
export const LessonSchema = z.object({
  /**
   * Invariant verdicts. `broken`: at least one `invariant-broken` fact for that consumer (and check,
   * when named) during the run; `holds`: none.
   */
  checks: z
    .array(
      z.object({
        consumer: z.string().min(1).max(32),
        check: z.enum(CHECK_NAMES).optional(),
        expect: z.enum(['broken', 'holds']),
      }),
    )
    .max(30),
  /**
   * Counter values at the end of the run (`consumerCounters(trace, consumer)`): a counter field, or
   * `effects.<effect>` for the records the handler treated that way. At least one bound.
   */
  counters: z
    .array(
      z
        .object({
          consumer: z.string().min(1).max(32),
          field: z.enum([...COUNTER_FIELDS, ...EFFECT_FIELDS]),
          equals: z.number().int().min(0).optional(),
          atLeast: z.number().int().min(0).optional(),
          atMost: z.number().int().min(0).optional(),
        })
        .refine((c) => c.equals !== undefined || c.atLeast !== undefined || c.atMost !== undefined, 'needs equals, atLeast or atMost'),
    )
    .max(30)
    .optional(),
  /**
   * Added in v1: global tables at the end of the run (`replicas-converged` / `replicas-diverged`
   * facts). `overwritten`: how many writes last writer wins dropped. `readers`: consumers that must
   * have processed both a record of a local write and one of a replicated write of the table.
   */
  replication: z
    .array(
      z.object({
        table: z.string().min(3).max(255),
        expect: z.enum(['converged', 'diverged']),
        overwritten: z.number().int().min(0).max(10_000).optional(),
        readers: z.array(z.string().min(1).max(32)).max(6).optional(),
      }),
    )
    .max(10)
    .optional(),
});

/** Generated writes at most a scenario may ask for, over all its traffic entries. */
export const MAX_GENERATED_CALLS = 20_000;

const attributeName = z.string().min(1).max(255);

/** Generated traffic (`src/sim/workload.ts`): rate, key space with hot keys, operation mix. Added in v1. */
export const GeneratedTrafficSchema = z
  .object({
    table: z.string().min(3).max(255),
    fromMs: timeMs,
    toMs: timeMs,
    ratePerSecond: z.number().min(0.001).max(1_000),
    keys: z.object({
      attribute: attributeName,
      prefix: z.string().max(64),
      count: z.number().int().min(1).max(100_000),
      hot: z.object({ count: z.number().int().min(1).max(100_000), share: z.number().min(0).max(1) }).optional(),
    }),
    mix: z.object({ put: z.number().min(0).max(1_000).optional(), update: z.number().min(0).max(1_000).optional(), delete: z.number().min(0).max(1_000).optional() }),
    attributes: z.record(attributeName, z.array(z.string().max(256)).min(1).max(50)),
    putCondition: z.enum(['none', 'put-if-absent']).optional(),
  })
  .refine((t) => t.toMs >= t.fromMs, { message: 'toMs must not be before fromMs', path: ['toMs'] });

export const ScenarioSchema = z.object({
  /** Stable id used in links, the CLI and golden files (kebab case). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be kebab-case, at most 64 characters'),
  title: z.string().min(1).max(120),
  /** One or two sentences shown beside the picture: what the learner should notice. */
  summary: z.string().max(1_000),
  seed: z.number().int().min(0).max(0xffffffff),
  /** The run is computed up to this simulated time; playback stops there. */
  durationMs: timeMs.refine((v) => v > 0, 'must be positive'),
  simulation: SimulationSettingsSchema.optional(),
  /** Calls made at time 0, in order, before any scripted write (CreateTable, UpdateTimeToLive, …). */
  setup: z.array(CallSchema).max(50),
  /** Scripted calls; a failed one is recorded in the trace, not thrown. */
  writes: z.array(ScriptedCallSchema).max(MAX_SCRIPTED_CALLS, `at most ${MAX_SCRIPTED_CALLS} scripted calls`),
  /** Added in v1: generated traffic, expanded with the seeded workload stream. */
  traffic: z
    .array(GeneratedTrafficSchema)
    .max(8)
    .refine((ts) => ts.reduce((n, t) => n + Math.ceil(((t.toMs - t.fromMs) / 1000) * t.ratePerSecond), 0) <= MAX_GENERATED_CALLS, {
      message: `asks for more than ${MAX_GENERATED_CALLS} generated writes in all`,
    })
    .optional(),
  /** Added in v1: how the scenario is best watched; a link's or the user's own choice wins. */
  view: z
    .object({
      speed: z.number().min(0.25).max(10_000).optional(),
      /** Colour records by this attribute of their item image (a vote's candidate), not by item; `label` names it in the legend. */
      colourBy: z.object({ attribute: z.string().min(1).max(255), label: z.string().min(1).max(40).optional() }).strict().optional(),
    })
    .strict()
    .optional(),
  /** Added in v1: consumers reading the stream. */
  consumers: z.array(ConsumerSpecSchema).max(6).optional(),
  /** Added in v1: faults injected at given times. */
  interventions: z.array(InterventionSchema).max(MAX_INTERVENTIONS).optional(),
  /** Added in v1: narration steps. */
  narration: z.array(NarrationStepSchema).max(100).optional(),
  /** Added in v1: what must be true at the end for the lesson to be made (checked by the golden test). */
  lesson: LessonSchema.optional(),
});

export type ScenarioV1 = z.infer<typeof ScenarioSchema>;
export type Lesson = z.infer<typeof LessonSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type InterventionV1 = z.infer<typeof InterventionSchema>;

/** One problem found in a scenario: where (a dotted path) and what was expected. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** Validates unknown data as a scenario; never throws. */
export function parseScenario(data: unknown): { ok: true; scenario: ScenarioV1 } | { ok: false; issues: ScenarioIssue[] } {
  const r = ScenarioSchema.safeParse(data);
  if (r.success) return { ok: true, scenario: r.data };
  return {
    ok: false,
    issues: r.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.') || '(scenario)', message: i.message })),
  };
}
