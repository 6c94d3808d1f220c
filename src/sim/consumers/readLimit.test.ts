/**
 * The two-reader limit as consumers meet it. AWS: "More than 2 processes are reading from the same
 * streams shard at the same time. Exceeding this limit may result in request throttling."
 * (DynamoDB Streams API reference, LimitExceededException, API_streams_GetRecords.html); Lambda
 * polls each shard 4 times a second (with-ddb.html); KCL retries a failed task after
 * taskBackoffTimeMillis. The rule itself is tested in sim/stream/readLimit.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runPlan } from '../runPlan.ts';
import type { Simulation } from '../simulation.ts';
import { typed, votesPlan, VOTES, type VoteOp } from './propertyKit.ts';
import type { ConsumerSpec } from './spec.ts';
import { consumerCounters } from './counters.ts';

const ops: VoteOp[] = Array.from({ length: 12 }, (_, i) => ({ at: 1_000 + i * 700, kind: 'vote' as const, voter: i, candidate: i % 3 }));

function lambda(id: string): ConsumerSpec {
  return {
    id,
    kind: 'lambda',
    handler: { kind: 'vote-counter', idempotency: 'event-id', sourceTable: VOTES, targetTable: `Counts-${id}` },
    mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 },
  };
}

function kcl(id: string): ConsumerSpec {
  return {
    id,
    kind: 'kcl',
    handler: { kind: 'vote-counter', idempotency: 'event-id', sourceTable: VOTES, targetTable: `Counts-${id}` },
    workers: ['w1'],
    checkpoint: { kind: 'every-batch' },
    config: { initialPositionInStream: 'TRIM_HORIZON' },
  };
}

function run(consumers: ConsumerSpec[]): Promise<Simulation> {
  const plan = votesPlan({ seed: 5, partitions: 1, consumers, ops, interventions: [], endMs: 30_000 });
  // The scenario default: two readers per shard (votesPlan raises it for the property tests).
  return runPlan({ ...plan, simulation: { ...plan.simulation, readersPerShard: 2 } });
}

/** When each consumer first processed each vote (voter's key → ms; event ids differ between runs). */
function firstProcessed(sim: Simulation, consumer: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of typed(sim.trace, 'record-processed')) if (e.consumer === consumer && !out.has(e.keyString)) out.set(e.keyString, e.t);
  return out;
}

describe('three consumers on one shard', () => {
  it('two Lambda mappings on one shard are never throttled (LimitExceededException: "more than 2 processes")', async () => {
    const sim = await run([lambda('a'), lambda('b')]);
    expect(typed(sim.trace, 'read-throttled')).toEqual([]);
  });

  it('a third Lambda mapping is throttled, backs off to its next poll and falls behind, but loses nothing', async () => {
    const two = await run([lambda('a'), lambda('b')]);
    const three = await run([lambda('a'), lambda('b'), lambda('c')]);
    const throttled = typed(three.trace, 'read-throttled');
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((e) => e.readers === 3 && e.worker === 'poller')).toBe(true);
    // Every mapping still processes every record once.
    for (const id of ['a', 'b', 'c']) expect(consumerCounters(three.trace, id).recordsProcessed).toBe(ops.length);
    // …but later than without the third reader: the summed delay over all records and mappings grows.
    const base = firstProcessed(two, 'a');
    let lateness = 0;
    for (const id of ['a', 'b', 'c']) for (const [key, t] of firstProcessed(three, id)) lateness += t - base.get(key)!;
    expect(lateness).toBeGreaterThan(0);
  });

  it('a throttled KCL worker retries after taskBackoffTimeMillis (500 ms), not before', async () => {
    const sim = await run([kcl('app-1'), kcl('app-2'), kcl('app-3')]);
    const throttled = typed(sim.trace, 'read-throttled');
    expect(throttled.length).toBeGreaterThan(0);
    for (const t of throttled) {
      const next = typed(sim.trace, 'batch-delivered').find((b) => b.consumer === t.consumer && b.t >= t.t);
      if (next) expect(next.t - t.t).toBeGreaterThanOrEqual(500);
    }
    for (const id of ['app-1', 'app-2', 'app-3']) expect(consumerCounters(sim.trace, id).recordsProcessed).toBe(ops.length);
  });
});
