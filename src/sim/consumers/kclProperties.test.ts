/**
 * Property tests for KCL consumers (fast-check prints the seed and path of any failure): random vote
 * workloads on a small key space (votes, vote changes, touches that move no count, withdrawals),
 * random crash / restart / lost-lease schedules for KCL applications of 2–3 workers with every
 * checkpoint-after-processing strategy, over 1–3 partitions with optional shard rollovers and
 * splits (Lambda event source mappings: lambdaProperties.test.ts; what both share:
 * consumerProperties.testkit.ts). Reference §7.7, §8, checks 63, 72, 73.
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
import type { CheckpointStrategy, ConsumerSpec } from './spec.ts';
import { impliedCounts, runPlanned, targetCounts, typed, votesRecords, VOTES, type VoteOp } from './propertyKit.ts';
import { RECOVER_AT_MS, END_MS, atArb, opsArb, NAIVE, ALL_CONSUMERS, counterTable, handlers, workerIds, brokenOf, expectAtLeastOnce, sortedEntries, expectIdempotentCorrect, expectAllProperties } from './consumerProperties.testkit.ts';

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
