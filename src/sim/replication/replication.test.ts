/**
 * Global tables (version 2019.11.21): replicas added with UpdateTable ReplicaUpdates, each with its
 * own stream in its Region; writes replicated after a seeded delay; last writer wins (reference §8).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DDB, newSim, records, s } from '../testing/harness.ts';
import type { Simulation } from '../simulation.ts';
import type { Item } from '../table/attributeValue.ts';
import type { TraceEvent } from '../trace/events.ts';
import { isAwsError } from '../api/errors.ts';
import { compareStamps } from './stamps.ts';

const EU = 'eu-west-1';
const US = 'us-east-1';

function globalSim(options: Parameters<typeof newSim>[0] = {}, billing: 'PAY_PER_REQUEST' | 'PROVISIONED' = 'PAY_PER_REQUEST'): Simulation {
  const sim = newSim({ partitions: { Votes: 1 }, ...options });
  sim.call(`${DDB}CreateTable`, {
    TableName: 'Votes',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    ...(billing === 'PAY_PER_REQUEST' ? { BillingMode: 'PAY_PER_REQUEST' } : { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }),
  });
  return sim;
}

function addReplica(sim: Simulation, region = EU): void {
  sim.call(`${DDB}UpdateTable`, { TableName: 'Votes', ReplicaUpdates: [{ Create: { RegionName: region } }] });
}

function put(sim: Simulation, region: string, item: Item): void {
  sim.call(`${DDB}PutItem`, { TableName: 'Votes', Item: item }, region);
}

function streamArn(sim: Simulation, region: string): string {
  return sim.call<{ Table: { LatestStreamArn: string } }>(`${DDB}DescribeTable`, { TableName: 'Votes' }, region).Table.LatestStreamArn;
}

function itemIn(sim: Simulation, region: string, pk: string): Item | undefined {
  return sim.call<{ Item?: Item }>(`${DDB}GetItem`, { TableName: 'Votes', Key: { pk: s(pk) } }, region).Item;
}

function facts<T extends TraceEvent['type']>(sim: Simulation, type: T): Extract<TraceEvent, { type: T }>[] {
  return sim.trace.filter((f): f is Extract<TraceEvent, { type: T }> => f.type === type);
}

function errorOf(fn: () => unknown): { code: string; message: string } | undefined {
  try {
    fn();
  } catch (e) {
    if (isAwsError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  return undefined;
}

describe('adding a replica (UpdateTable ReplicaUpdates)', () => {
  it('creates a replica with its own ARN and stream in its Region, and DescribeTable lists the other replicas', async () => {
    const sim = globalSim();
    addReplica(sim);
    const home = sim.call<{ Table: Record<string, unknown> }>(`${DDB}DescribeTable`, { TableName: 'Votes' }).Table;
    const eu = sim.call<{ Table: Record<string, unknown> }>(`${DDB}DescribeTable`, { TableName: 'Votes' }, EU).Table;
    expect(home.GlobalTableVersion).toBe('2019.11.21');
    expect(home.Replicas).toEqual([{ RegionName: EU, ReplicaStatus: 'ACTIVE' }]);
    expect(eu.Replicas).toEqual([{ RegionName: US, ReplicaStatus: 'ACTIVE' }]);
    expect(eu.TableArn).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/Votes');
    // No stream before: adding a replica enables NEW_AND_OLD_IMAGES everywhere.
    expect(home.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(String(eu.LatestStreamArn)).toMatch(/^arn:aws:dynamodb:eu-west-1:123456789012:table\/Votes\/stream\//);
    expect(String(home.LatestStreamArn)).toMatch(/^arn:aws:dynamodb:us-east-1:/);
    await sim.advanceBy(0);
    expect(facts(sim, 'replica-created').map((f) => [f.region, f.homeRegion])).toEqual([[EU, US]]);
  });

  it('refuses a provisioned table, a replica in the home Region or twice in one Region, and a table that does not exist there', () => {
    const prov = globalSim({}, 'PROVISIONED');
    expect(errorOf(() => addReplica(prov))).toEqual({ code: 'ValidationException', message: 'Table write capacity should either be Pay-Per-Request or AutoScaled.' });
    const sim = globalSim();
    expect(errorOf(() => addReplica(sim, US))?.code).toBe('ValidationException');
    addReplica(sim);
    expect(errorOf(() => addReplica(sim))?.code).toBe('ValidationException');
    expect(errorOf(() => put(sim, 'ap-south-1', { pk: s('a') }))?.code).toBe('ResourceNotFoundException');
    expect(errorOf(() => sim.call(`${DDB}UpdateTable`, { TableName: 'Votes', StreamSpecification: { StreamEnabled: false } }))?.code).toBe('ValidationException');
  });

  it('lists each Region\'s own streams (ListStreams per endpoint)', () => {
    const sim = globalSim();
    addReplica(sim);
    const list = (region: string) => sim.call<{ Streams: { StreamArn: string }[] }>('DynamoDBStreams_20120810.ListStreams', { TableName: 'Votes' }, region).Streams.map((x) => x.StreamArn);
    expect(list(US)).toEqual([streamArn(sim, US)]);
    expect(list(EU)).toEqual([streamArn(sim, EU)]);
  });

  it('backfills the items the table already holds, without stream records', () => {
    const sim = globalSim();
    put(sim, US, { pk: s('a'), v: s('1') });
    addReplica(sim);
    expect(itemIn(sim, EU, 'a')).toEqual({ pk: s('a'), v: s('1') });
    expect(records(sim, streamArn(sim, EU))).toEqual([]);
  });
});

describe('replication', () => {
  it('applies a write locally at once, and in the other Region after the replication delay, with a record in each stream', async () => {
    const sim = globalSim({ replicationDelayMinMs: 700, replicationDelayMaxMs: 700 });
    addReplica(sim);
    sim.schedule(1_000, `${DDB}PutItem`, { TableName: 'Votes', Item: { pk: s('voter-7'), candidate: s('green') } }, EU);
    await sim.advanceTo(1_000);
    expect(itemIn(sim, EU, 'voter-7')).toBeDefined();
    expect(itemIn(sim, US, 'voter-7')).toBeUndefined();
    await sim.advanceTo(1_700);
    expect(itemIn(sim, US, 'voter-7')).toEqual({ pk: s('voter-7'), candidate: s('green') });
    const eu = records(sim, streamArn(sim, EU));
    const us = records(sim, streamArn(sim, US));
    expect(eu.map((r) => [r.eventName, r.awsRegion])).toEqual([['INSERT', EU]]);
    expect(us.map((r) => [r.eventName, r.awsRegion])).toEqual([['INSERT', US]]);
    // Version 2019.11.21 adds no aws:rep:* attributes.
    expect(Object.keys(us[0]!.dynamodb.NewImage!)).toEqual(['pk', 'candidate']);
    const writes = facts(sim, 'write').filter((w) => w.keyString === 'S7:voter-7');
    expect(writes.map((w) => [w.t, w.region, w.op])).toEqual([[1_000, EU, 'PutItem'], [1_700, US, 'Replication']]);
    expect(facts(sim, 'replicated')).toMatchObject([{ t: 1_700, fromRegion: EU, toRegion: US, writtenAtMs: 1_000, outcome: 'INSERT', eventID: us[0]!.eventID }]);
  });

  it('last writer wins: of two concurrent writes in two Regions, the older is discarded where the newer already is', async () => {
    const sim = globalSim({ replicationDelayMinMs: 500, replicationDelayMaxMs: 1_500 });
    addReplica(sim);
    sim.schedule(12_301, `${DDB}PutItem`, { TableName: 'Votes', Item: { pk: s('voter-7'), candidate: s('blue') } }, US);
    sim.schedule(12_650, `${DDB}PutItem`, { TableName: 'Votes', Item: { pk: s('voter-7'), candidate: s('green') } }, EU);
    await sim.advanceTo(20_000);
    for (const r of [US, EU]) expect(itemIn(sim, r, 'voter-7')?.candidate).toEqual(s('green'));
    expect(facts(sim, 'replication-discarded')).toMatchObject([{ fromRegion: US, toRegion: EU, writtenAtMs: 12_301, keptRegion: EU, keptWrittenAtMs: 12_650 }]);
    // us-east-1's stream holds both changes: the local blue, then the replicated green.
    const us = records(sim, streamArn(sim, US));
    expect(us.map((r) => [r.eventName, r.dynamodb.NewImage?.candidate])).toEqual([['INSERT', s('blue')], ['MODIFY', s('green')]]);
    // eu-west-1's stream never saw blue.
    expect(records(sim, streamArn(sim, EU)).map((r) => r.dynamodb.NewImage?.candidate)).toEqual([s('green')]);
  });

  it('is inert without replicas: no region on write facts, no replication stream draws', async () => {
    const sim = globalSim();
    put(sim, US, { pk: s('a') });
    await sim.advanceBy(5_000);
    // The fact reads its fields from the write columns: no region when read, none in its JSON.
    const write = facts(sim, 'write')[0]!;
    expect(write.region).toBeUndefined();
    expect(JSON.parse(JSON.stringify(write))).not.toHaveProperty('region');
    expect(sim.world.modules.has('replication')).toBe(false);
  });

  it('orders stamps by time, then Region name, then write order', () => {
    expect(compareStamps({ atMs: 1, region: 'us-east-1', n: 9 }, { atMs: 2, region: 'eu-west-1', n: 0 })).toBeLessThan(0);
    expect(compareStamps({ atMs: 2, region: 'eu-west-1', n: 9 }, { atMs: 2, region: 'us-east-1', n: 0 })).toBeLessThan(0);
    expect(compareStamps({ atMs: 2, region: 'eu-west-1', n: 1 }, { atMs: 2, region: 'eu-west-1', n: 2 })).toBeLessThan(0);
  });
});

describe('property: replicas converge to the last writer', () => {
  const REGIONS = [US, EU, 'ap-south-1'] as const;
  const writeArb = fc.record({
    at: fc.integer({ min: 0, max: 4_000 }),
    region: fc.constantFrom(...REGIONS),
    key: fc.constantFrom('a', 'b', 'c'),
    del: fc.boolean(),
  });

  it('after replication settles every replica holds the same items: the last effective write per key in (time, Region, order)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 1_000 }), async (writes, seed) => {
        const sim = globalSim({ seed, replicationDelayMinMs: 200, replicationDelayMaxMs: 1_200 });
        addReplica(sim, EU);
        addReplica(sim, 'ap-south-1');
        writes.forEach((w, i) => {
          const input = w.del ? { TableName: 'Votes', Key: { pk: s(w.key) } } : { TableName: 'Votes', Item: { pk: s(w.key), v: s(`w${i}`) } };
          sim.schedule(w.at, `${DDB}${w.del ? 'DeleteItem' : 'PutItem'}`, input, w.region);
        });
        await sim.advanceTo(10_000);
        // The oracle: local writes that changed their replica (no-ops are not replicated), in stamp order.
        const local = facts(sim, 'write').filter((f) => f.op !== 'Replication' && f.outcome !== 'no-op');
        const ordered = local
          .map((f, n) => ({ f, n }))
          .sort((x, y) => compareStamps({ atMs: x.f.t, region: x.f.region!, n: x.n }, { atMs: y.f.t, region: y.f.region!, n: y.n }));
        const expected = new Map<string, Item | undefined>();
        for (const { f } of ordered) expected.set(f.keyString, f.newItem);
        for (const region of REGIONS) {
          for (const key of ['a', 'b', 'c']) {
            const want = expected.has(`S1:${key}`) ? expected.get(`S1:${key}`) : itemIn(sim, US, key);
            expect(itemIn(sim, region, key)).toEqual(want);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
