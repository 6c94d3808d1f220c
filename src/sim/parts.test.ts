import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasPart, PART_NAMES, PartMissingError, partsFor, registerPart, unregisterPartsForTest, type PartName, type Parts } from './parts.ts';
import { createSimulation } from './simulation.ts';
import { prepareRun, runPlan, type RunPlan } from './runPlan.ts';
import { settingsRequestProblem } from './faults/settings.ts';
import { consumersPart } from './parts/consumers.ts';
import { globalTablesPart } from './parts/globalTables.ts';
import { indexesPart } from './parts/indexes.ts';
import { kclPart } from './parts/kcl.ts';
import { lambdaPart } from './parts/lambda.ts';
import { projectionsPart } from './parts/projections.ts';
import { readsPart } from './parts/reads.ts';
import { scheduledRequestsPart } from './parts/scheduledRequests.ts';
import { shardLifecyclePart } from './parts/shardLifecycle.ts';
import { trafficPart } from './parts/traffic.ts';
import { transactionsPart } from './parts/transactions.ts';
import { tableSettingsPart } from './parts/tableSettings.ts';
import type { ConsumerSpec } from './consumers/spec.ts';

const ALL: Parts = { consumers: consumersPart, globalTables: globalTablesPart, indexes: indexesPart, kcl: kclPart, lambda: lambdaPart, projections: projectionsPart, reads: readsPart, scheduledRequests: scheduledRequestsPart, shardLifecycle: shardLifecyclePart, traffic: trafficPart, transactions: transactionsPart, tableSettings: tableSettingsPart };

function only(names: readonly PartName[]): void {
  unregisterPartsForTest();
  for (const n of names) registerPart(n, ALL[n] as never);
}

afterEach(() => only(PART_NAMES));

describe('the core’s optional parts', () => {
  it('partsFor names a part exactly when the plan uses it, in PART_NAMES order', () => {
    const consumer = fc.record({ kind: fc.constantFrom<ConsumerSpec['kind']>('kcl', 'lambda'), code: fc.boolean() }).map(({ kind, code }) => ({ kind, handler: code ? { code: 'x' } : {} }) as ConsumerSpec);
    const call = fc.record({ target: fc.constantFrom('DynamoDB_20120810.PutItem', 'DynamoDB_20120810.Query', 'DynamoDB_20120810.Scan', 'DynamoDB_20120810.GetItem', 'DynamoDB_20120810.TransactWriteItems', 'DynamoDB_20120810.BatchGetItem', 'DynamoDB_20120810.BatchWriteItem'), at: fc.nat(), input: fc.constantFrom<unknown>({}, { ProjectionExpression: 'a' }, { ReturnValues: 'UPDATED_OLD' }, { ReturnValues: 'ALL_NEW' }, { RequestItems: { T: { Keys: [], AttributesToGet: ['a'] } } }, { TransactItems: [{ Get: { TableName: 'T', ProjectionExpression: 'b' } }] }) });
    fc.assert(
      fc.property(fc.array(consumer, { maxLength: 6 }), fc.array(call, { maxLength: 4 }), fc.array(call, { maxLength: 4 }), (consumers, setup, writes) => {
        const reads = consumers.some((c) => c.handler.code !== undefined) || [...setup, ...writes].some((c) => /\.(Query|Scan)$/.test(c.target));
        const transactions = consumers.some((c) => c.handler.code !== undefined) || [...setup, ...writes].some((c) => /\.(TransactWriteItems|BatchGetItem|BatchWriteItem)$/.test(c.target));
        const projections = consumers.some((c) => c.handler.code !== undefined) || [...setup, ...writes].some((c) => /ProjectionExpression|AttributesToGet|UPDATED_/.test(JSON.stringify(c.input)));
        const used = (p: PartName) => (p === 'reads' ? reads : p === 'transactions' ? transactions : p === 'projections' ? projections : p === 'consumers' ? consumers.length > 0 : consumers.some((c) => c.kind === p));
        expect(partsFor({ consumers, setup, writes })).toEqual(PART_NAMES.filter(used));
      }),
    );
  });

  it('projections: a GetItem or UpdateItem that asks for one fails naming the part without it, answers alike with it; one that does not needs nothing', () => {
    only([]);
    const sim = createSimulation({ seed: 1 });
    sim.call('DynamoDB_20120810.CreateTable', { TableName: 'Tab', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
    sim.call('DynamoDB_20120810.PutItem', { TableName: 'Tab', Item: { k: { S: 'a' }, x: { N: '1' }, y: { S: 'y' } } });
    const key = { TableName: 'Tab', Key: { k: { S: 'a' } } };
    expect(sim.call('DynamoDB_20120810.GetItem', key)).toEqual({ Item: { k: { S: 'a' }, x: { N: '1' }, y: { S: 'y' } } });
    // The checks of a request without a projection stay the core's.
    expect(() => sim.call('DynamoDB_20120810.GetItem', { ...key, ExpressionAttributeNames: { '#x': 'x' } })).toThrow('ExpressionAttributeNames can only be specified when using expressions');
    expect(() => sim.call('DynamoDB_20120810.GetItem', { ...key, ExpressionAttributeValues: { ':x': { N: '1' } } })).toThrow('ExpressionAttributeValues can only be specified');
    const update = { ...key, UpdateExpression: 'SET x = :v', ExpressionAttributeValues: { ':v': { N: '2' } } };
    expect(sim.call('DynamoDB_20120810.UpdateItem', { ...update, ReturnValues: 'ALL_NEW' })).toMatchObject({ Attributes: { x: { N: '2' } } });
    expect(() => sim.call('DynamoDB_20120810.GetItem', { ...key, ProjectionExpression: '#x', ExpressionAttributeNames: { '#x': 'x' } })).toThrow('part "projections"');
    expect(() => sim.call('DynamoDB_20120810.GetItem', { ...key, AttributesToGet: ['y'] })).toThrow('part "projections"');
    expect(() => sim.call('DynamoDB_20120810.UpdateItem', { ...update, ReturnValues: 'UPDATED_OLD' })).toThrow('part "projections"');
    only(['projections']);
    expect(sim.call('DynamoDB_20120810.GetItem', { ...key, ProjectionExpression: '#x', ExpressionAttributeNames: { '#x': 'x' } })).toEqual({ Item: { x: { N: '2' } } });
    expect(sim.call('DynamoDB_20120810.GetItem', { ...key, AttributesToGet: ['y'] })).toEqual({ Item: { y: { S: 'y' } } });
    expect(sim.call('DynamoDB_20120810.UpdateItem', { ...update, ExpressionAttributeValues: { ':v': { N: '3' } }, ReturnValues: 'UPDATED_OLD' })).toMatchObject({ Attributes: { x: { N: '2' } } });
    // A scheduled write that asks for one needs it too.
    const write = { at: 5, kind: 'write', params: { operation: 'UpdateItem', input: { ...update, ReturnValues: 'UPDATED_NEW' } } };
    expect(partsFor({}, [write])).toEqual(['projections', 'scheduledRequests']);
    expect(partsFor({}, [{ ...write, params: { ...write.params, input: update } }])).toEqual(['scheduledRequests']);
  });

  it('a Query or Scan without the reads part fails naming it; with it, answers', () => {
    only(['kcl', 'lambda']);
    const sim = createSimulation({ seed: 1 });
    sim.call('DynamoDB_20120810.CreateTable', { TableName: 'Tab', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
    expect(() => sim.call('DynamoDB_20120810.Scan', { TableName: 'Tab' })).toThrow('part "reads"');
    only(PART_NAMES);
    expect(sim.call('DynamoDB_20120810.Scan', { TableName: 'Tab' })).toMatchObject({ Count: 0 });
  });

  it('the consumers part (its checks) and global tables: a plan that adds a replica needs both (and UpdateTable’s part); a run with nothing to judge runs without them to the same trace', () => {
    const createTable = { target: 'DynamoDB_20120810.CreateTable', input: { TableName: 'Tab' } };
    const addReplica = { target: 'DynamoDB_20120810.UpdateTable', input: { TableName: 'Tab', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] } };
    expect(partsFor({ setup: [createTable] })).toEqual([]);
    expect(partsFor({ setup: [createTable], writes: [addReplica] })).toEqual(['consumers', 'globalTables', 'tableSettings']);
    const traceOf = (names: readonly PartName[], replica: boolean) => {
      only(names);
      const sim = createSimulation({ seed: 3 });
      sim.call('DynamoDB_20120810.CreateTable', { TableName: 'Tab', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } });
      if (replica) sim.call(addReplica.target, addReplica.input);
      for (let i = 0; i < 5; i++) sim.call('DynamoDB_20120810.PutItem', { TableName: 'Tab', Item: { k: { S: `k${i}` } } });
      return sim.advanceTo(10_000).then(() => {
        sim.finalChecks();
        return sim.traceHash();
      });
    };
    return (async () => {
      expect(await traceOf([], false)).toBe(await traceOf(PART_NAMES, false));
      await expect(traceOf(['globalTables', 'tableSettings'], true)).rejects.toThrow('part "consumers"');
      await expect(Promise.resolve().then(() => traceOf(['tableSettings'], true))).rejects.toThrow('part "globalTables"');
      // Adding a replica is an UpdateTable: the table settings part's.
      await expect(Promise.resolve().then(() => traceOf(['consumers', 'globalTables'], true))).rejects.toThrow('part "tableSettings"');
      await expect(traceOf(PART_NAMES, true)).resolves.toMatch(/./);
    })();
  });

  it('secondary indexes: a plan that declares one needs the part; a table without one is made, described and written without it', () => {
    const table = (extra: Record<string, unknown> = {}) => ({ TableName: 'Tab', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST', ...extra });
    const gsi = {
      AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'ByG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    };
    const create = (input: Record<string, unknown>) => ({ target: 'DynamoDB_20120810.CreateTable', input });
    expect(partsFor({ setup: [create(table())] })).toEqual([]);
    expect(partsFor({ setup: [create(table({ GlobalSecondaryIndexes: null }))] })).toEqual([]);
    expect(partsFor({ setup: [create(table(gsi))] })).toEqual(['indexes']);
    expect(partsFor({ writes: [{ target: 'DynamoDB_20120810.UpdateTable', input: { TableName: 'Tab', GlobalSecondaryIndexUpdates: [] } }] })).toEqual(['indexes', 'tableSettings']);
    only(PART_NAMES.filter((n) => n !== 'indexes'));
    const sim = createSimulation({ seed: 1 });
    sim.call('DynamoDB_20120810.CreateTable', table());
    sim.call('DynamoDB_20120810.PutItem', { TableName: 'Tab', Item: { k: { S: 'a' }, g: { S: 'x' } } });
    const described = sim.call('DynamoDB_20120810.DescribeTable', { TableName: 'Tab' }) as { Table: Record<string, unknown> };
    expect(described.Table.GlobalSecondaryIndexes).toBeUndefined();
    // Reading an index the table does not have is AWS's error, not a missing part.
    expect(() => sim.call('DynamoDB_20120810.Query', { TableName: 'Tab', IndexName: 'ByG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': { S: 'x' } } })).toThrow('The table does not have the specified index: ByG');
    expect(() => sim.call('DynamoDB_20120810.CreateTable', table({ TableName: 'Tab2', ...gsi }))).toThrow('part "indexes"');
    only(PART_NAMES);
    sim.call('DynamoDB_20120810.CreateTable', table({ TableName: 'Tab2', ...gsi }));
    expect((sim.call('DynamoDB_20120810.DescribeTable', { TableName: 'Tab2' }) as { Table: Record<string, unknown> }).Table.GlobalSecondaryIndexes).toHaveLength(1);
  });

  it('a mapping change is checked by the Lambda part’s validators; without the part there is no mapping to check', () => {
    only(PART_NAMES);
    expect(settingsRequestProblem('update-mapping', { BatchSize: 0 })).toMatch(/batchSize/);
    expect(settingsRequestProblem('update-mapping', { BatchSize: 10 })).toBeUndefined();
    only(['kcl']);
    expect(settingsRequestProblem('update-mapping', { BatchSize: 0 })).toBeUndefined();
    expect(settingsRequestProblem('update-mapping', { Nope: 1 })).toMatch(/no setting Nope/);
  });

  it('scheduled writes and setting changes: a plan or a user with one needs their part, other faults do not; a run applies one only with it', async () => {
    const write = { at: 2_000, kind: 'write' as const, target: 'Tab', params: { operation: 'PutItem', input: { TableName: 'Tab', Item: { k: { S: 'w' } } } } };
    expect(partsFor({ interventions: [{ at: 1_000, kind: 'crash', target: 'c' }] })).toEqual([]);
    expect(partsFor({ interventions: [write] })).toEqual(['scheduledRequests']);
    expect(partsFor({}, [{ at: 1, kind: 'update-table', target: 'Tab' }])).toEqual(['scheduledRequests', 'tableSettings']);
    expect(partsFor({}, [{ at: 1, kind: 'update-mapping', target: 'm' }])).toEqual(['scheduledRequests']);
    expect(partsFor({}, [{ at: 1, kind: 'split-shard', target: 'Tab' }])).toEqual(['shardLifecycle']);
    const itemAfterWrite = async () => {
      const sim = createSimulation({ seed: 1 });
      sim.call('DynamoDB_20120810.CreateTable', { TableName: 'Tab', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' });
      sim.intervene(write);
      await sim.advanceTo(5_000);
      return sim.call('DynamoDB_20120810.GetItem', { TableName: 'Tab', Key: { k: { S: 'w' } } });
    };
    only(PART_NAMES.filter((n) => n !== 'scheduledRequests'));
    await expect(Promise.resolve().then(itemAfterWrite)).rejects.toThrow('part "scheduledRequests"');
    only(PART_NAMES);
    expect(await itemAfterWrite()).toEqual({ Item: { k: { S: 'w' } } });
  });

  it('generated traffic: a plan with some needs the traffic part, and is prepared only with it', () => {
    const traffic = { table: 'Tab', fromMs: 0, toMs: 5_000, ratePerSecond: 10, keys: { attribute: 'k', prefix: 'k', count: 20 }, mix: { put: 1 }, attributes: {} };
    const table = { target: 'DynamoDB_20120810.CreateTable', input: { TableName: 'Tab', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' } };
    const plan = { id: 'traffic', seed: 1, durationMs: 10_000, setup: [table], writes: [], traffic: [traffic] };
    expect(partsFor({ ...plan, traffic: [] })).toEqual([]);
    expect(partsFor(plan)).toEqual(['traffic']);
    only(PART_NAMES.filter((n) => n !== 'traffic'));
    expect(() => prepareRun(plan)).toThrow('part "traffic"');
    only(PART_NAMES);
    // About 50 calls queued besides what the plan without traffic queues.
    expect(prepareRun(plan).world.queue.size - prepareRun({ ...plan, traffic: [] }).world.queue.size).toBeGreaterThan(30);
  });

  it('shard rollover, splits and trimming: a run as long as a shard\'s lifetime or the retention, or one that splits a shard, needs the part; a shorter one runs to the same trace without it', async () => {
    const table = { target: 'DynamoDB_20120810.CreateTable', input: { TableName: 'Tab', AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } } };
    expect(partsFor({ durationMs: 4 * 3_600_000 - 1 })).toEqual([]);
    expect(partsFor({ durationMs: 4 * 3_600_000 })).toEqual(['shardLifecycle']);
    expect(partsFor({ durationMs: 90_000, simulation: { retentionMs: 90_000 } })).toEqual(['shardLifecycle']);
    expect(partsFor({ durationMs: 90_000, simulation: { shardLifetimeMs: 90_001, retentionMs: 90_001 } })).toEqual([]);
    expect(partsFor({ durationMs: 90_000, interventions: [{ at: 1_000, kind: 'split-shard', target: 'Tab' }] })).toEqual(['shardLifecycle']);
    const minute = 60_000;
    const plan = fc.record({
      durationMs: fc.integer({ min: 1, max: 8 }).map((m) => m * minute),
      lifetimeMs: fc.integer({ min: 1, max: 8 }).map((m) => m * minute),
      jitterMs: fc.constantFrom(0, 30_000),
      retentionMs: fc.integer({ min: 1, max: 8 }).map((m) => m * minute),
      split: fc.option(fc.integer({ min: 1, max: 59 }).map((s) => s * 1_000), { nil: undefined }),
    });
    const traceOf = async (p: { durationMs: number; lifetimeMs: number; jitterMs: number; retentionMs: number; split: number | undefined }, names: readonly PartName[]) => {
      only(names);
      const run: RunPlan = {
        id: 'lifecycle',
        seed: 5,
        durationMs: p.durationMs,
        simulation: { shardLifetimeMs: p.lifetimeMs, shardLifetimeJitterMs: p.jitterMs, retentionMs: p.retentionMs },
        setup: [table],
        writes: Array.from({ length: 8 }, (_, i) => ({ at: i * 7_000, target: 'DynamoDB_20120810.PutItem', input: { TableName: 'Tab', Item: { k: { S: `k${i % 3}` } } } })),
        interventions: p.split === undefined ? [] : [{ at: p.split, kind: 'split-shard', target: 'Tab' }],
      };
      const sim = await runPlan(run);
      return { hash: sim.traceHash(), needs: partsFor(run) };
    };
    // Without the part a run gives the very trace it gives with it, or fails naming the part (a
    // rollover queued past the end, after a lifetime plus its jitter, never comes); and partsFor
    // names the part for every run that fails.
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const whole = await traceOf(p, PART_NAMES);
        const without = await traceOf(p, PART_NAMES.filter((n) => n !== 'shardLifecycle')).catch((e: unknown) => e as Error);
        if (without instanceof Error) {
          expect(without.message).toContain('part "shardLifecycle"');
          expect(whole.needs).toContain('shardLifecycle');
        } else {
          expect(without.hash).toBe(whole.hash);
        }
      }),
      { numRuns: 60 },
    );
    const short = { durationMs: 3 * minute, lifetimeMs: 4 * minute, jitterMs: 0, retentionMs: 5 * minute, split: undefined };
    expect((await traceOf(short, [])).hash).toBe((await traceOf(short, PART_NAMES)).hash);
    await expect(traceOf({ ...short, lifetimeMs: 2 * minute }, [])).rejects.toThrow('part "shardLifecycle"');
    await expect(traceOf({ ...short, retentionMs: 2 * minute }, [])).rejects.toThrow('part "shardLifecycle"');
    await expect(traceOf({ ...short, split: 10_000 }, [])).rejects.toThrow('part "shardLifecycle"');
  });

  it('sim.kcl and sim.lambda need their part only when used', () => {
    only([]);
    const sim = createSimulation({ seed: 1 });
    expect(sim.consumers.ids()).toEqual([]);
    expect(() => sim.kcl).toThrow(PartMissingError);
    expect(() => sim.lambda).toThrow(PartMissingError);
    expect(() => sim.destinations).toThrow(PartMissingError);
    only(PART_NAMES);
    expect(hasPart('kcl') && hasPart('lambda')).toBe(true);
    expect(typeof sim.kcl.createApplication).toBe('function');
    expect(sim.destinations.list()).toEqual([]);
  });
});
