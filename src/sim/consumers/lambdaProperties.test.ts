/**
 * Property tests for Lambda event source mappings (fast-check prints the seed and path of any
 * failure): random vote workloads with random crash / redelivery schedules, batch sizes, batching
 * windows and bisect, over 1–2 partitions with optional rollovers and splits; every run hosts one
 * consumer per handler mode and checks at-least-once, idempotent targets right, and the naive
 * counter's error explained by exactly its harmful duplicates (consumerProperties.testkit.ts).
 * Then the checkpoint interval trade-off on the bench workload. Reference §6.4, §7.5, §8; checks
 * 48, 59, 72, 73.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Simulation } from '../simulation.ts';
import type { Intervention } from '../faults/intervention.ts';
import type { LambdaConsumerSpec } from './spec.ts';
import { runCheckpointTradeoff, runPlanned, TRADEOFF_STRATEGIES, VOTES, type VoteOp } from './propertyKit.ts';
import { END_MS, atArb, opsArb, handlers, expectAllProperties } from './consumerProperties.testkit.ts';

/** Property budgets: small runs, so the suite stays well under a minute. `CONSUMER_PROPERTY_SCALE=20` soaks longer. */
const SCALE = Math.max(1, Number(process.env.CONSUMER_PROPERTY_SCALE ?? 1) || 1);
const RUNS = { kcl: 100 * SCALE, kclQuiet: 30 * SCALE, determinism: 10 * SCALE, lambda: 60 * SCALE };
const TIMEOUT_MS = 120_000 * SCALE;

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
