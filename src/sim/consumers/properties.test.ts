/**
 * Property tests for consumers (fast-check prints the seed and path of any failure): random vote
 * workloads on a small key space (votes, vote changes, touches that move no count, withdrawals),
 * random crash / restart / lost-lease schedules for KCL applications of 2–3 workers with every
 * checkpoint-after-processing strategy, over 1–3 partitions with optional shard rollovers and
 * splits; and random crash / redelivery schedules for Lambda event source mappings. Reference §7.7,
 * §8, checks 63, 72, 73.
 *
 * Every run hosts several consumers of the same Votes stream side by side (one per handler mode),
 * with the same workers, strategy and faults, and checks:
 * (a) at-least-once: every record appended is processed by every consumer;
 * (b) idempotent handlers (event-id, sequence-number, item-version vote counters; the item-version
 *     replicator) end equal to what the Votes table implies, and never break an invariant;
 * (c) the naive vote counter is off by exactly the duplicate deliveries that changed counts
 *     (`harm: true`), and its `invariant-broken` facts name only those records — all of those that
 *     touch a candidate whose count is wrong at the end;
 * (d) without faults on a fixed set of shards, no consumer breaks any invariant or sees a record twice;
 *     with rollovers and splits, rebalancing steals leases and replays records even without faults;
 * (e) the same inputs give the same trace hash.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Simulation } from '../simulation.ts';
import type { Intervention } from '../faults/intervention.ts';
import type { CheckpointStrategy, ConsumerSpec, LambdaConsumerSpec } from './spec.ts';
import type { HandlerSpec } from '../handlers/types.ts';
import { consumerCounters } from './counters.ts';
import {
  CANDIDATES,
  impliedCounts,
  replicaMatchesSource,
  runCheckpointTradeoff,
  runPlanned,
  targetCounts,
  TRADEOFF_STRATEGIES,
  typed,
  voteDelta,
  votesRecords,
  VOTES,
  type VoteOp,
} from './propertyKit.ts';

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const WORKLOAD_END_MS = 50_000;
/** Crashed workers are restarted here at the latest. */
const RECOVER_AT_MS = 60_000;
/** Quiet time after recovery: lease expiry (failover 10 s, judged across taker scans every ~20 s), catch-up. */
const END_MS = RECOVER_AT_MS + 150_000;

const atArb = fc.integer({ min: 1_000, max: WORKLOAD_END_MS });
const voterArb = fc.integer({ min: 0, max: 4 });
const candidateArb = fc.integer({ min: 0, max: CANDIDATES.length - 1 });

const opArb: fc.Arbitrary<VoteOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ at: atArb, kind: fc.constant('vote' as const), voter: voterArb, candidate: candidateArb }) },
  { weight: 3, arbitrary: fc.record({ at: atArb, kind: fc.constant('change' as const), voter: voterArb, candidate: candidateArb }) },
  { weight: 2, arbitrary: fc.record({ at: atArb, kind: fc.constant('touch' as const), voter: voterArb }) },
  { weight: 2, arbitrary: fc.record({ at: atArb, kind: fc.constant('withdraw' as const), voter: voterArb }) },
);
const opsArb = fc.array(opArb, { minLength: 3, maxLength: 40, size: 'medium' });

const strategyArb: fc.Arbitrary<CheckpointStrategy> = fc.oneof(
  fc.constant<CheckpointStrategy>({ kind: 'every-record' }),
  fc.integer({ min: 2, max: 6 }).map((n): CheckpointStrategy => ({ kind: 'every-n-records', n })),
  fc.constant<CheckpointStrategy>({ kind: 'every-batch' }),
  fc.integer({ min: 500, max: 15_000 }).map((intervalMs): CheckpointStrategy => ({ kind: 'every-interval', intervalMs })),
);

type KclFault =
  | { at: number; worker: number; what: 'crash-now' | 'crash-before-checkpoint' | 'restart' | 'lose-lease' }
  | { at: number; worker: number; what: 'crash-mid-batch'; afterRecords: number };

const kclFaultArb: fc.Arbitrary<KclFault> = fc.oneof(
  fc.record({ at: atArb, worker: fc.nat(2), what: fc.constantFrom('crash-now' as const, 'crash-before-checkpoint' as const, 'restart' as const, 'lose-lease' as const) }),
  fc.record({ at: atArb, worker: fc.nat(2), what: fc.constant('crash-mid-batch' as const), afterRecords: fc.integer({ min: 0, max: 4 }) }),
);

interface KclCase {
  seed: number;
  partitions: number;
  /** Short shard lifetimes make lineages (parent before child, check 64) part of every failover. */
  shardLifetimeMs: number | undefined;
  /** Partition splits (split-shard): the partition's open shard closes, two children open. */
  splits: { at: number; partition: number }[];
  workers: number;
  strategy: CheckpointStrategy;
  ops: VoteOp[];
  faults: KclFault[];
  /** Both lease models face the same schedules: KCL 1.x stealing and KCL 3.x leader assignment with graceful handoff. */
  kclVersion: '1.x' | '3.x';
}

const kclCaseArb = (faults: fc.Arbitrary<KclFault[]>): fc.Arbitrary<KclCase> =>
  fc.record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    partitions: fc.integer({ min: 1, max: 3 }),
    shardLifetimeMs: fc.option(fc.integer({ min: 15_000, max: 60_000 }), { nil: undefined }),
    splits: fc.array(fc.record({ at: atArb, partition: fc.nat(3) }), { maxLength: 2 }),
    workers: fc.integer({ min: 2, max: 3 }),
    strategy: strategyArb,
    ops: opsArb,
    faults,
    kclVersion: fc.constantFrom('1.x' as const, '3.x' as const),
  });

// ---------------------------------------------------------------------------------------------
// The consumers of one run.

const NAIVE = 'naive';
const IDEMPOTENT_COUNTERS = [
  { id: 'eid', idempotency: 'event-id' },
  { id: 'seq', idempotency: 'sequence-number' },
  { id: 'ver', idempotency: 'item-version' },
] as const;
const REPLICA = 'replica';
const ALL_CONSUMERS = [NAIVE, ...IDEMPOTENT_COUNTERS.map((c) => c.id), REPLICA];

const counterTable = (id: string): string => `VoteCounts-${id}`;
const replicaTable = `${VOTES}-replica`;

function handlers(): { id: string; handler: HandlerSpec }[] {
  return [
    { id: NAIVE, handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: VOTES, targetTable: counterTable(NAIVE) } },
    ...IDEMPOTENT_COUNTERS.map((c) => ({ id: c.id, handler: { kind: 'vote-counter' as const, idempotency: c.idempotency, sourceTable: VOTES, targetTable: counterTable(c.id) } })),
    { id: REPLICA, handler: { kind: 'replicator', idempotency: 'item-version', sourceTable: VOTES, targetTable: replicaTable } },
  ];
}

const workerIds = (n: number): string[] => ['w1', 'w2', 'w3'].slice(0, n);

/** The faults as interventions on every consumer, then a restart of each worker left crashed. */
function kclInterventions(c: KclCase): Intervention[] {
  const faults = [...c.faults].map((f) => ({ ...f, worker: f.worker % c.workers })).sort((a, b) => a.at - b.at);
  const out: Intervention[] = [];
  const lastWasCrash = new Map<number, boolean>();
  for (const f of faults) {
    if (f.what === 'lose-lease') {
      // Another live worker takes one of this worker's leases; it stays a zombie until it notices (check 68).
      for (const id of ALL_CONSUMERS) out.push({ at: f.at, kind: 'lose-lease', target: `${id}/w${f.worker + 1}`, params: {} });
      continue;
    }
    lastWasCrash.set(f.worker, f.what !== 'restart');
    const params: Record<string, unknown> =
      f.what === 'crash-now' ? { when: 'now' } : f.what === 'crash-before-checkpoint' ? { when: 'before-checkpoint' } : f.what === 'crash-mid-batch' ? { when: 'mid-batch', afterRecords: f.afterRecords } : {};
    for (const id of ALL_CONSUMERS) out.push({ at: f.at, kind: f.what === 'restart' ? 'restart' : 'crash', target: `${id}/w${f.worker + 1}`, params });
  }
  for (const [worker, crashed] of [...lastWasCrash].sort((a, b) => a[0] - b[0])) {
    if (crashed) for (const id of ALL_CONSUMERS) out.push({ at: RECOVER_AT_MS, kind: 'restart', target: `${id}/w${worker + 1}`, params: {} });
  }
  for (const s of c.splits) out.push({ at: s.at, kind: 'split-shard', target: VOTES, params: { partition: s.partition } });
  return out.sort((a, b) => a.at - b.at);
}

async function runKcl(c: KclCase): Promise<Simulation> {
  const consumers: ConsumerSpec[] = handlers().map(({ id, handler }) => ({
    id,
    kind: 'kcl',
    handler,
    workers: workerIds(c.workers),
    checkpoint: c.strategy,
    config: { kclVersion: c.kclVersion, initialPositionInStream: 'TRIM_HORIZON' },
  }));
  return runPlanned({ seed: c.seed, partitions: c.partitions, shardLifetimeMs: c.shardLifetimeMs, consumers, ops: c.ops, interventions: kclInterventions(c), endMs: END_MS });
}

// ---------------------------------------------------------------------------------------------
// The properties, as assertions on a finished run.

function brokenOf(sim: Simulation, consumer: string) {
  return typed(sim.trace, 'invariant-broken').filter((f) => f.consumer === consumer);
}

/** (a) every record of the Votes stream was processed (not failed) at least once by `consumer`. */
function expectAtLeastOnce(sim: Simulation, consumer: string): void {
  const done = new Set(typed(sim.trace, 'record-processed').filter((p) => p.consumer === consumer && p.effect !== 'failed').map((p) => p.eventID));
  const missing = [...votesRecords(sim).keys()].filter((id) => !done.has(id));
  expect(missing, `${consumer}: records never processed`).toEqual([]);
}

const sortedEntries = (m: Map<string, number>): [string, number][] => [...m].filter(([, v]) => v !== 0).sort((a, b) => (a[0] < b[0] ? -1 : 1));

/** (b) idempotent consumers: targets equal what the table implies, and no invariant ever broke. */
function expectIdempotentCorrect(sim: Simulation): void {
  const implied = sortedEntries(impliedCounts(sim));
  for (const { id } of IDEMPOTENT_COUNTERS) {
    expect(sortedEntries(targetCounts(sim, counterTable(id))), `${id}: counts`).toEqual(implied);
    expect(brokenOf(sim, id).map((b) => b.message), `${id}: invariants`).toEqual([]);
  }
  const { source, replica } = replicaMatchesSource(sim, replicaTable);
  expect(replica, `${REPLICA}: items`).toEqual(source);
  expect(brokenOf(sim, REPLICA).map((b) => b.message), `${REPLICA}: invariants`).toEqual([]);
}

/**
 * (c) the naive counter: target − implied, per candidate, is the sum of the vote deltas of its
 * harmful duplicates; every applied redelivery is one; the broken invariants name only them, and
 * every one of them that touches a candidate still wrong at the end.
 */
function expectNaiveErrorExplained(sim: Simulation): { harmful: number } {
  const records = votesRecords(sim);
  const processed = typed(sim.trace, 'record-processed').filter((p) => p.consumer === NAIVE);
  const harm = processed.filter((p) => p.harm);
  // A repeated application is a harmful duplicate, and only that (a Lambda record may be delivered in a
  // batch that crashed before reaching it, so a delivery count above 1 alone proves nothing).
  const applied = new Set<string>();
  const unflagged: string[] = [];
  for (const p of processed) {
    if (p.effect !== 'applied') continue;
    if (applied.has(p.eventID) !== (p.harm === true)) unflagged.push(`${p.eventID} delivery ${p.deliveryCount}${p.harm ? ' flagged' : ' not flagged'}`);
    applied.add(p.eventID);
  }
  expect(unflagged, 'harm flags vs repeated applications').toEqual([]);
  const expectedError = new Map<string, number>();
  for (const p of harm) for (const [c, d] of voteDelta(records.get(p.eventID)!)) expectedError.set(c, (expectedError.get(c) ?? 0) + d);
  const target = targetCounts(sim, counterTable(NAIVE));
  const implied = impliedCounts(sim);
  const error = new Map<string, number>();
  for (const c of new Set([...target.keys(), ...implied.keys()])) error.set(c, (target.get(c) ?? 0) - (implied.get(c) ?? 0));
  expect(sortedEntries(error), 'count error = Σ deltas of harmful duplicates').toEqual(sortedEntries(expectedError));
  // The signed total: a duplicated vote adds one, a duplicated withdrawal removes one, a change moves one.
  const signed = [...error.values()].reduce((a, b) => a + b, 0);
  const byEvent = (name: string) => harm.filter((p) => records.get(p.eventID)!.eventName === name).length;
  expect(signed).toBe(byEvent('INSERT') - byEvent('REMOVE'));

  const broken = brokenOf(sim, NAIVE);
  const named = new Set(broken.flatMap((b) => b.eventIDs));
  const harmIds = new Set(harm.map((p) => p.eventID));
  expect([...named].filter((id) => !harmIds.has(id)), 'named records that were not harmful duplicates').toEqual([]);
  const wrong = new Set([...error].filter(([, v]) => v !== 0).map(([c]) => c));
  const mustName = [...harmIds].filter((id) => [...voteDelta(records.get(id)!).keys()].some((c) => wrong.has(c)));
  expect(mustName.filter((id) => !named.has(id)), 'harmful duplicates behind a wrong count that no broken invariant names').toEqual([]);
  if (wrong.size > 0) expect(broken.some((b) => b.check === 'target-matches-source')).toBe(true);
  if (harmIds.size === 0) expect(broken.map((b) => b.message)).toEqual([]);
  // The counters agree with the facts.
  expect(consumerCounters(sim.trace, NAIVE).harmfulDuplicates).toBe(harm.length);
  return { harmful: harm.length };
}

function expectAllProperties(sim: Simulation): { harmful: number } {
  for (const id of ALL_CONSUMERS) expectAtLeastOnce(sim, id);
  expectIdempotentCorrect(sim);
  return expectNaiveErrorExplained(sim);
}

/** Property budgets: small runs, so the suite stays well under a minute. `CONSUMER_PROPERTY_SCALE=20` soaks longer. */
const SCALE = Math.max(1, Number(process.env.CONSUMER_PROPERTY_SCALE ?? 1) || 1);
const RUNS = { kcl: 100 * SCALE, kclQuiet: 30 * SCALE, determinism: 10 * SCALE, lambda: 60 * SCALE };
const TIMEOUT_MS = 120_000 * SCALE;

describe('KCL consumers under random crash / restart / lost-lease schedules (reference §7.7, §8; checks 63, 68, 72, 73)', () => {
  it(
    '(a) at-least-once, (b) idempotent targets right, (c) the naive error is exactly its harmful duplicates',
    async () => {
      let withHarm = 0;
      await fc.assert(
        fc.asyncProperty(kclCaseArb(fc.array(kclFaultArb, { minLength: 1, maxLength: 4 })), async (c) => {
          const sim = await runKcl(c);
          if (expectAllProperties(sim).harmful > 0) withHarm++;
        }),
        { numRuns: RUNS.kcl },
      );
      // The schedules must actually produce duplicates often enough for (c) to mean something.
      expect(withHarm).toBeGreaterThan(RUNS.kcl / 5);
    },
    TIMEOUT_MS,
  );

  it(
    '(d) without faults on a fixed set of shards, no consumer breaks an invariant or sees a record twice',
    async () => {
      const quiet = kclCaseArb(fc.constant([])).map((c): KclCase => ({ ...c, shardLifetimeMs: undefined, splits: [] }));
      await fc.assert(
        fc.asyncProperty(quiet, async (c) => {
          const sim = await runKcl(c);
          for (const id of ALL_CONSUMERS) expectAtLeastOnce(sim, id);
          expect(typed(sim.trace, 'invariant-broken').map((b) => `${b.consumer}: ${b.message}`)).toEqual([]);
          expect(typed(sim.trace, 'record-processed').filter((p) => p.deliveryCount > 1)).toEqual([]);
          expectIdempotentCorrect(sim);
          expect(sortedEntries(targetCounts(sim, counterTable(NAIVE)))).toEqual(sortedEntries(impliedCounts(sim)));
        }),
        { numRuns: RUNS.kclQuiet },
      );
    },
    TIMEOUT_MS,
  );

  it(
    '(d) without faults but with rollovers and splits, a record comes twice only after its lease was stolen in rebalancing',
    async () => {
      // New child leases make the taker rebalance (steal, §7.3); the thief resumes after the last
      // checkpoint, so the records processed since then are replayed (§7.7) even though nothing failed.
      const rolling = kclCaseArb(fc.constant([])).map((c): KclCase => ({ ...c, shardLifetimeMs: c.shardLifetimeMs ?? 30_000 }));
      await fc.assert(
        fc.asyncProperty(rolling, async (c) => {
          const sim = await runKcl(c);
          const steals = typed(sim.trace, 'lease-taken').filter((l) => l.reason === 'stolen');
          const unexplained = typed(sim.trace, 'record-processed').filter(
            (p) => p.deliveryCount > 1 && !steals.some((s) => s.consumer === p.consumer && s.shardId === p.shardId && s.t <= p.t),
          );
          expect(unexplained).toEqual([]);
          expect(typed(sim.trace, 'crash')).toEqual([]);
          expectAllProperties(sim);
        }),
        { numRuns: RUNS.kclQuiet },
      );
    },
    TIMEOUT_MS,
  );

  it(
    '(e) determinism: the same workload, strategy and faults give the same trace hash',
    async () => {
      await fc.assert(
        fc.asyncProperty(kclCaseArb(fc.array(kclFaultArb, { maxLength: 4 })), async (c) => {
          const a = await runKcl(c);
          const b = await runKcl(c);
          expect(b.trace.length).toBe(a.trace.length);
          expect(b.traceHash()).toBe(a.traceHash());
        }),
        { numRuns: RUNS.determinism },
      );
    },
    TIMEOUT_MS,
  );
  it('regression: a MODIFY that moves no vote is not named as the cause of a wrong count', async () => {
    // Found by (c): the checks recorded every `ignored` record as an incident ("lacks an image the
    // handler needs?"), so this harmless touch was named beside the real duplicate.
    const c: KclCase = {
      seed: 1,
      partitions: 1,
      shardLifetimeMs: undefined,
      splits: [],
      workers: 2,
      strategy: { kind: 'every-n-records', n: 2 },
      ops: [
        { at: 1000, kind: 'change', voter: 0, candidate: 1 },
        { at: 1001, kind: 'change', voter: 0, candidate: 1 },
      ],
      faults: [{ at: 1001, worker: 0, what: 'crash-mid-batch', afterRecords: 0 }],
      kclVersion: '1.x',
    };
    const sim = await runKcl(c);
    const [vote, touch] = [...votesRecords(sim).keys()];
    const named = new Set(brokenOf(sim, NAIVE).flatMap((b) => b.eventIDs));
    expect(named).toEqual(new Set([vote]));
    expect(named.has(touch!)).toBe(false);
    expectAllProperties(sim);
  });
});

// ---------------------------------------------------------------------------------------------
// Lambda.

type LambdaFault =
  | { at: number; what: 'crash-now' | 'crash-before-checkpoint' | 'redeliver-batch' }
  | { at: number; what: 'crash-mid-batch'; afterRecords: number };

const lambdaFaultArb: fc.Arbitrary<LambdaFault> = fc.oneof(
  fc.record({ at: atArb, what: fc.constantFrom('crash-now' as const, 'crash-before-checkpoint' as const, 'redeliver-batch' as const) }),
  fc.record({ at: atArb, what: fc.constant('crash-mid-batch' as const), afterRecords: fc.integer({ min: 0, max: 4 }) }),
);

interface LambdaCase {
  seed: number;
  partitions: number;
  shardLifetimeMs: number | undefined;
  splits: { at: number; partition: number }[];
  batchSize: number;
  window: number;
  bisect: boolean;
  ops: VoteOp[];
  faults: LambdaFault[];
}

const lambdaCaseArb: fc.Arbitrary<LambdaCase> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  partitions: fc.integer({ min: 1, max: 2 }),
  shardLifetimeMs: fc.option(fc.integer({ min: 15_000, max: 60_000 }), { nil: undefined }),
  splits: fc.array(fc.record({ at: atArb, partition: fc.nat(3) }), { maxLength: 2 }),
  batchSize: fc.integer({ min: 1, max: 10 }),
  window: fc.constantFrom(0, 0, 1, 2),
  bisect: fc.boolean(),
  ops: opsArb,
  faults: fc.array(lambdaFaultArb, { minLength: 1, maxLength: 5 }),
});

async function runLambda(c: LambdaCase): Promise<Simulation> {
  const consumers: LambdaConsumerSpec[] = handlers().map(({ id, handler }) => ({
    id,
    kind: 'lambda',
    handler,
    mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: c.batchSize, MaximumBatchingWindowInSeconds: c.window, BisectBatchOnFunctionError: c.bisect },
    invocationMs: { base: 200, perRecord: 20 },
  }));
  const interventions: Intervention[] = [];
  for (const f of [...c.faults].sort((a, b) => a.at - b.at)) {
    const kind = f.what === 'redeliver-batch' ? 'redeliver-batch' : 'crash';
    const params: Record<string, unknown> =
      f.what === 'crash-now' ? { when: 'now' } : f.what === 'crash-before-checkpoint' ? { when: 'before-checkpoint' } : f.what === 'crash-mid-batch' ? { when: 'mid-batch', afterRecords: f.afterRecords } : {};
    for (const { id } of consumers) interventions.push({ at: f.at, kind, target: id, params });
  }
  for (const s of c.splits) interventions.push({ at: s.at, kind: 'split-shard', target: VOTES, params: { partition: s.partition } });
  interventions.sort((a, b) => a.at - b.at);
  return runPlanned({ seed: c.seed, partitions: c.partitions, shardLifetimeMs: c.shardLifetimeMs, consumers, ops: c.ops, interventions, endMs: END_MS });
}

describe('Lambda consumers under random crash / redelivery schedules (reference §6.4, §8; checks 48, 59, 73)', () => {
  it(
    'at-least-once; idempotent targets right; the naive error is exactly its harmful duplicates',
    async () => {
      await fc.assert(
        fc.asyncProperty(lambdaCaseArb, async (c) => {
          expectAllProperties(await runLambda(c));
        }),
        { numRuns: RUNS.lambda },
      );
    },
    TIMEOUT_MS,
  );
});

// ---------------------------------------------------------------------------------------------
// The checkpoint trade-off, on the exact workload of tools/bench/checkpoints.ts.

describe('checkpoint interval trade-off on the bench workload (check 72, §7.5)', () => {
  it('checkpoint writes fall and reprocessed records rise from every record to every batch; each replay is a harmful duplicate', async () => {
    const rows = [];
    for (const s of TRADEOFF_STRATEGIES) rows.push(await runCheckpointTradeoff(s, s.kind));
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.checkpointWrites).toBeLessThan(rows[i - 1]!.checkpointWrites);
      expect(rows[i]!.reprocessed).toBeGreaterThan(rows[i - 1]!.reprocessed);
    }
    for (const r of rows) {
      expect(r.recordsProcessed).toBe(800);
      expect(r.crashes).toBe(2);
      expect(r.harmfulDuplicates).toBe(r.reprocessed);
      expect(r.countError).toBe(r.reprocessed);
    }
    // Every record checkpointed: only the record in hand at each of the two crashes comes again.
    expect(rows[0]).toMatchObject({ checkpointWrites: 800, reprocessed: 2 });
    // Every batch: the whole part of each crashed batch handled before the crash (78 + 41).
    expect(rows.at(-1)).toMatchObject({ reprocessed: 119 });
  });
});

