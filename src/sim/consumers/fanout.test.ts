/**
 * The fan-out pattern (fanout.ts): one forwarding function reads the shard, its topic delivers
 * every record to each subscriber. AWS's statement in the first title is the reason it exists.
 */
import { describe, expect, test } from 'vitest';
import { kclWorld, factsOf, writeItems } from './kcl/testkit.ts';

async function run(subscribers: string[]) {
  const { sim } = kclWorld({ partitions: 1 });
  sim.consumers.add({ id: 'fwd', kind: 'lambda', handler: { kind: 'replicator', idempotency: 'item-version', sourceTable: 'src' }, mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 }, fanOut: { via: 'sns', deliveryMs: 100, subscribers } });
  writeItems(sim, 20);
  await sim.advanceBy(10_000);
  return sim;
}

describe('fan-out through an SNS topic', () => {
  test('"more than two processes reading from the same stream shard at the same time can result in throttling": five subscribers, still one reader, never throttled', async () => {
    const sim = await run(['s-one', 's-two', 's-three', 's-four', 's-five']);
    expect(factsOf(sim.trace, 'read-throttled')).toEqual([]);
    expect(new Set(factsOf(sim.trace, 'batch-delivered').map((b) => b.consumer))).toEqual(new Set(['fwd']));
    for (const s of ['s-one', 's-five']) expect(factsOf(sim.trace, 'record-processed').filter((p) => p.consumer === s && p.effect === 'applied')).toHaveLength(20);
  });

  test('each subscriber gets each published record deliveryMs later, in publish order, into its own target', async () => {
    const sim = await run(['s-one', 's-two']);
    const published = factsOf(sim.trace, 'record-processed').filter((p) => p.consumer === 'fwd');
    const got = factsOf(sim.trace, 'record-processed').filter((p) => p.consumer === 's-two');
    expect(got.map((p) => p.eventID)).toEqual(published.map((p) => p.eventID));
    expect(got.map((p) => p.t)).toEqual(published.map((p) => p.t + 100));
    expect([...sim.world.tables.keys()].filter((n) => n.startsWith('src-replica-s-') && !n.endsWith('-idempotency')).sort()).toEqual(['src-replica-s-one', 'src-replica-s-two']);
  });

  test('subscriber ids must be unique and differ from the function', async () => {
    const { sim } = kclWorld({ partitions: 1 });
    expect(() => sim.consumers.add({ id: 'fwd', kind: 'lambda', handler: { kind: 'replicator', idempotency: 'none', sourceTable: 'src' }, mapping: { StartingPosition: 'TRIM_HORIZON' }, fanOut: { via: 'eventbridge', deliveryMs: 0, subscribers: ['fwd'] } })).toThrow(/unique/);
  });
});
