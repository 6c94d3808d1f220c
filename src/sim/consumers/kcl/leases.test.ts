/**
 * KCL lease table, failover, balancing and parent-before-child, driven through a whole simulation.
 */
import { describe, expect, test } from 'vitest';
import { addKclConsumer, createKclApi } from './index.ts';
import { DDB, factsOf, kclWorld, loggingFactory, recordingHandler, shardIds, writeItems } from './testkit.ts';
import type { KclConsumerSpec } from '../spec.ts';

function spec(over: Partial<KclConsumerSpec> = {}): KclConsumerSpec {
  const h = recordingHandler();
  return { id: 'app', kind: 'kcl', handler: h.spec, workers: ['w1', 'w2'], checkpoint: { kind: 'every-batch' }, config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON' }, ...over };
}

describe('lease table (reference §7.2)', () => {
  test('check 61/69: one lease per shard in a PAY_PER_REQUEST table named after the application; first-start leases use the initial position', async () => {
    const { sim, streamArn } = kclWorld({ partitions: 2 });
    const { factory } = loggingFactory();
    createKclApi(sim.world).createApplication({ applicationName: 'orders-app', streamArn, workers: ['w1'], processorFactory: factory, config: { kclVersion: '1.x' } });
    await sim.advanceBy(1);
    const table = sim.call<{ Table: { BillingModeSummary: { BillingMode: string }; KeySchema: unknown; StreamSpecification?: unknown } }>(`${DDB}DescribeTable`, { TableName: 'orders-app' }).Table;
    expect(table.BillingModeSummary.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.KeySchema).toEqual([{ AttributeName: 'leaseKey', KeyType: 'HASH' }]);
    expect(table.StreamSpecification).toBeUndefined();
    const item = sim.call<{ Item: Record<string, unknown> }>(`${DDB}GetItem`, { TableName: 'orders-app', Key: { leaseKey: { S: shardIds(sim, streamArn)[0]! } } }).Item;
    expect(Object.keys(item).sort()).toEqual(['checkpoint', 'checkpointSubSequenceNumber', 'leaseCounter', 'leaseKey', 'leaseOwner', 'ownerSwitchesSinceCheckpoint']);
    const leases = createKclApi(sim.world).leases('orders-app');
    expect(leases.map((l) => l.leaseKey)).toEqual(shardIds(sim, streamArn));
    // KCL 1.x default initial position: LATEST.
    expect(leases.every((l) => l.checkpoint === 'LATEST' && l.leaseOwner === 'w1')).toBe(true);
    // Lease-table writes are ordinary write facts.
    expect(factsOf(sim.trace, 'write').filter((w) => w.table === 'orders-app').length).toBeGreaterThanOrEqual(4);
  });

  test('check 62: a racing taker whose expected leaseCounter no longer matches fails', () => {
    const { sim, streamArn } = kclWorld();
    createKclApi(sim.world).createApplication({ applicationName: 'app', streamArn, workers: ['w1'], processorFactory: loggingFactory().factory, config: { kclVersion: '1.x' } });
    const shard = shardIds(sim, streamArn)[0]!;
    const counter = createKclApi(sim.world).leases('app')[0]!.leaseCounter;
    const take = (expected: number): unknown =>
      sim.call(`${DDB}UpdateItem`, {
        TableName: 'app',
        Key: { leaseKey: { S: shard } },
        UpdateExpression: 'SET leaseOwner = :o, leaseCounter = :n',
        ConditionExpression: 'leaseCounter = :c',
        ExpressionAttributeValues: { ':o': { S: 'intruder' }, ':n': { N: String(expected + 1) }, ':c': { N: String(expected) } },
      });
    expect(() => take(counter - 1)).toThrow(/conditional request failed/);
  });
});

describe('failover and balancing (reference §7.3, §7.7)', () => {
  test('check 63 (§7.7): a crashed worker’s lease moves after the failover time and the new owner resumes after the checkpoint', async () => {
    const { sim } = kclWorld();
    const h = recordingHandler();
    addKclConsumer(sim.world, { ...spec(), checkpoint: { kind: 'every-n-records', n: 10 } }, h);
    writeItems(sim, 25);
    await sim.advanceBy(5_000);
    expect(h.seen.map((s) => s.worker)).toEqual(Array(25).fill('w1'));
    sim.intervene({ at: 5_000, kind: 'crash', target: 'app/w1', params: { when: 'now' } });
    await sim.advanceBy(60_000);
    const taken = factsOf(sim.trace, 'lease-taken').find((f) => f.worker === 'w2');
    expect(taken).toMatchObject({ reason: 'expired', previousOwner: 'w1' });
    expect(taken!.t).toBeGreaterThan(5_000 + 10_000);
    const byW2 = h.seen.filter((s) => s.worker === 'w2');
    // Checkpoint was at record 20: records 21–25 are delivered again, nothing earlier.
    expect(byW2.map((s) => s.eventID)).toEqual(h.seen.slice(20, 25).map((s) => s.eventID));
    expect(byW2.every((s) => s.deliveryCount === 2)).toBe(true);
  });

  test('check 71: lease balancing with 2 workers and 4 shards ends 2/2', async () => {
    const { sim } = kclWorld({ partitions: 4 });
    addKclConsumer(sim.world, spec(), recordingHandler());
    await sim.advanceBy(120_000);
    const workers = createKclApi(sim.world).workers('app');
    expect(workers.map((w) => w.leases.length)).toEqual([2, 2]);
    expect(factsOf(sim.trace, 'lease-taken').filter((f) => f.reason === 'stolen').length).toBeGreaterThanOrEqual(2);
  });

  test('§7.3: a restarted worker does not get its old leases back until they expire', async () => {
    const { sim } = kclWorld();
    addKclConsumer(sim.world, { ...spec(), workers: ['w1'] }, recordingHandler());
    await sim.advanceBy(5_000);
    sim.intervene({ at: 5_000, kind: 'restart', target: 'app/w1' });
    await sim.advanceBy(1);
    expect(createKclApi(sim.world).workers('app')[0]).toMatchObject({ alive: true, incarnation: 2, leases: [] });
    await sim.advanceBy(60_000);
    const retaken = factsOf(sim.trace, 'lease-taken').filter((f) => f.t > 5_000);
    expect(retaken).toHaveLength(1);
    expect(retaken[0]).toMatchObject({ worker: 'w1', reason: 'expired', previousOwner: 'w1' });
    expect(retaken[0]!.t).toBeGreaterThan(5_000 + 10_000);
  });
});

describe('parent before child (reference §7.4)', () => {
  test('check 64: a child shard waits for its parent’s SHARD_END; per-item order holds across the split', async () => {
    const { sim, streamArn } = kclWorld();
    const h = recordingHandler();
    addKclConsumer(sim.world, { ...spec(), workers: ['w1'], config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON', processRecordMs: 200, maxRecords: 20, shardSyncIntervalMillis: 1_000 } }, h);
    writeItems(sim, 200);
    await sim.advanceBy(1_000);
    const parent = shardIds(sim, streamArn)[0]!;
    sim.splitShard(streamArn, parent);
    writeItems(sim, 20, 'k', 1); // same keys again, now in the children
    await sim.advanceBy(120_000);
    const end = factsOf(sim.trace, 'checkpoint').find((c) => c.shardId === parent && c.value === 'SHARD_END');
    expect(end).toBeDefined();
    const childBatches = factsOf(sim.trace, 'batch-delivered').filter((b) => b.shardId !== parent);
    expect(childBatches.length).toBeGreaterThan(0);
    expect(Math.min(...childBatches.map((b) => b.t))).toBeGreaterThanOrEqual(end!.t);
    const waits = factsOf(sim.trace, 'shard-consumer-state').filter((s) => s.blockedBy?.includes(parent));
    expect(waits.length).toBeGreaterThan(0);
    // Every key k0..k19 was seen first with v=i (parent) then again (child): parents first.
    const processed = factsOf(sim.trace, 'record-processed');
    for (let i = 0; i < 20; i++) {
      const shards = processed.filter((p) => p.keyString === `S${String(`k${i}`.length)}:k${i}`).map((p) => p.shardId);
      expect(shards[0]).toBe(parent);
      expect(shards[shards.length - 1]).not.toBe(parent);
    }
  });

  test('check 64: a parent with no lease does not block its child', async () => {
    const { sim, streamArn } = kclWorld();
    const shard = shardIds(sim, streamArn)[0]!;
    // The lease table exists already (as after an earlier run), naming a parent that has no lease.
    sim.call(`${DDB}CreateTable`, { TableName: 'app', KeySchema: [{ AttributeName: 'leaseKey', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'leaseKey', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' });
    sim.call(`${DDB}PutItem`, {
      TableName: 'app',
      Item: { leaseKey: { S: shard }, leaseCounter: { N: '0' }, checkpoint: { S: 'TRIM_HORIZON' }, ownerSwitchesSinceCheckpoint: { N: '0' }, parentShardId: { SS: ['shardId-00000001699999999999-0badf00d'] } },
    });
    const { log, factory } = loggingFactory();
    createKclApi(sim.world).createApplication({ applicationName: 'app', streamArn, workers: ['w1'], processorFactory: factory, config: { kclVersion: '1.x' } });
    writeItems(sim, 3);
    await sim.advanceBy(5_000);
    expect(log.batches.map((b) => b.records.length)).toEqual([3]);
  });

  test('check 65: a processor that does not checkpoint SHARD_END at TERMINATE keeps the children from ever starting', async () => {
    const { sim, streamArn } = kclWorld();
    const { log, factory } = loggingFactory({ skipShardEnd: true });
    createKclApi(sim.world).createApplication({ applicationName: 'app', streamArn, workers: ['w1'], processorFactory: factory, config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON', shardSyncIntervalMillis: 1_000 } });
    writeItems(sim, 5);
    await sim.advanceBy(2_000);
    const parent = shardIds(sim, streamArn)[0]!;
    sim.splitShard(streamArn, parent);
    writeItems(sim, 5, 'after');
    await sim.advanceBy(300_000);
    expect(log.batches.every((b) => b.shardId === parent)).toBe(true);
    expect(factsOf(sim.trace, 'processor-shutdown')).toEqual([expect.objectContaining({ shardId: parent, reason: 'TERMINATE', checkpointed: false })]);
    const consumers = createKclApi(sim.world).workers('app')[0]!.shardConsumers;
    expect(consumers.filter((c) => c.shardId !== parent).map((c) => c.state)).toEqual(['WAITING_ON_PARENT_SHARDS', 'WAITING_ON_PARENT_SHARDS']);
    // The adapter keeps retrying the shutdown; the processor is asked again and again.
    expect(log.shutdowns.length).toBeGreaterThan(10);
  });

  test('reorder fault child-before-parent: the worker skips the parent check and reads a child before its parent ends (§9 gotcha 4)', async () => {
    const { sim, streamArn } = kclWorld();
    const h = recordingHandler();
    addKclConsumer(sim.world, { ...spec(), workers: ['w1'], config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON', processRecordMs: 200, maxRecords: 20, shardSyncIntervalMillis: 1_000 } }, h);
    sim.intervene({ at: 0, kind: 'reorder', target: 'app', params: { mode: 'child-before-parent' } });
    writeItems(sim, 200);
    await sim.advanceBy(1_000);
    const parent = shardIds(sim, streamArn)[0]!;
    sim.splitShard(streamArn, parent);
    writeItems(sim, 20, 'k', 1);
    await sim.advanceBy(120_000);
    const end = factsOf(sim.trace, 'checkpoint').find((c) => c.shardId === parent && c.value === 'SHARD_END')!;
    const firstChild = factsOf(sim.trace, 'batch-delivered').find((b) => b.shardId !== parent)!;
    expect(firstChild.t).toBeLessThan(end.t);
  });
});
