import { describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { esmWorld, facts, putItem } from './testkit.ts';

const keysOf = (e: DynamoDBStreamEvent): string[] => e.Records.map((r) => r.dynamodb!.Keys!.pk!.S!);

describe('ESM delivery', () => {
  it('§2.6, case 20: the event is {Records} with eventSourceARN added, base64 binary, epoch-second timestamps; the context is Lambda-like', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    const events: DynamoDBStreamEvent[] = [];
    const contexts: { name: string; version: string; arn: string; id: string; remaining: number }[] = [];
    lambda.registerFunction('fn', (event, ctx) => {
      events.push(event);
      contexts.push({ name: ctx.functionName, version: ctx.functionVersion, arn: ctx.invokedFunctionArn, id: ctx.awsRequestId, remaining: ctx.getRemainingTimeInMillis() });
    });
    lambda.createEventSourceMapping({ FunctionName: 'fn', BatchSize: 1, StartingPosition: 'TRIM_HORIZON', EventSourceArn: streamArn, MaximumBatchingWindowInSeconds: 1, MaximumRetryAttempts: 1 });
    await sim.advanceBy(2_000);
    putItem(sim, 'hello world', { binary_key: { B: 'Zm9vYmFy' } });
    await sim.advanceBy(5_000);
    expect(events).toHaveLength(1);
    const rec = events[0]!.Records[0]!;
    expect(Object.keys(events[0]!)).toEqual(['Records']);
    expect(rec).toEqual({
      eventID: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'hello world' } },
        NewImage: { pk: { S: 'hello world' }, binary_key: { B: 'Zm9vYmFy' } },
        SequenceNumber: expect.stringMatching(/^\d{21,40}$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_IMAGE',
      },
      eventSourceARN: streamArn,
    });
    expect(Math.floor(Math.log10(rec.dynamodb!.ApproximateCreationDateTime!))).toBe(9);
    expect(contexts[0]).toMatchObject({ name: 'fn', version: '$LATEST', arn: 'arn:aws:lambda:us-east-1:123456789012:function:fn', remaining: 3000 });
    expect(contexts[0]!.id).toBe(facts(sim, 'invocation-started')[0]!.requestId);
    // The function may mutate its event without touching the stream.
    rec.dynamodb!.Keys!.pk!.S = 'mutated';
    expect(facts(sim, 'record-appended')[0]!.record.dynamodb.Keys.pk).toEqual({ S: 'hello world' });
  });

  it('§1.3 / §2.6: a TTL deletion reaches the function with lower-case userIdentity {type, principalId}; the TTL-only filter selects it', async () => {
    const { sim, lambda, streamArn } = esmWorld({ viewType: 'NEW_AND_OLD_IMAGES', options: { ttlDeletionDelayMs: 1_000 } });
    sim.call('DynamoDB_20120810.UpdateTimeToLive', { TableName: 'tbl', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } });
    const events: DynamoDBStreamEvent[] = [];
    lambda.registerFunction('fn', (e) => void events.push(e));
    lambda.createEventSourceMapping({
      FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: '{"userIdentity":{"type":["Service"],"principalId":["dynamodb.amazonaws.com"]}}' }] },
    });
    putItem(sim, 'kept');
    putItem(sim, 'expiring', { ttl: { N: String(1_700_000_000 + 5) } });
    await sim.advanceBy(60_000);
    const all = events.flatMap((e) => e.Records);
    expect(all.map((r) => [r.eventName, r.dynamodb!.Keys!.pk!.S, r.userIdentity])).toEqual([['REMOVE', 'expiring', { type: 'Service', principalId: 'dynamodb.amazonaws.com' }]]);
    expect(facts(sim, 'records-filtered').flatMap((f) => f.eventIDs)).toHaveLength(2);
  });

  it('check 57: non-matching records are consumed without an invocation; a batch with no match invokes nothing', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    const seen: string[][] = [];
    lambda.registerFunction('fn', (e) => void seen.push(keysOf(e)));
    lambda.createEventSourceMapping({
      FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: '{"dynamodb":{"NewImage":{"kind":{"S":[{"prefix":"vote"}]},"n":{"N":["101"]}}}}' }] },
    });
    await sim.advanceBy(2_000);
    putItem(sim, 'a', { kind: { S: 'comment' }, n: { N: '101' } });
    putItem(sim, 'b', { kind: { S: 'vote-up' }, n: { N: '101' } });
    putItem(sim, 'c', { kind: { S: 'vote-down' }, n: { N: '7' } });
    await sim.advanceBy(5_000);
    putItem(sim, 'd', { kind: { S: 'comment' }, n: { N: '101' } });
    await sim.advanceBy(5_000);
    expect(seen).toEqual([['b']]);
    expect(facts(sim, 'invocation-started')).toHaveLength(1);
    // All four are consumed: the checkpoint passed the last filtered record.
    const last = facts(sim, 'record-appended')[3]!.record.dynamodb.SequenceNumber;
    expect(facts(sim, 'checkpoint').at(-1)!.value).toBe(last);
  });

  it('check 57 (numeric): numeric matchers never match DynamoDB N values, which are strings', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    let n = 0;
    lambda.registerFunction('fn', () => void n++);
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', FilterCriteria: { Filters: [{ Pattern: '{"dynamodb":{"NewImage":{"n":{"N":[{"numeric":[">",0]}]}}}}' }] } });
    putItem(sim, 'a', { n: { N: '5' } });
    await sim.advanceBy(5_000);
    expect(n).toBe(0);
  });

  it('§6.1: BatchSize caps a batch; a batching window waits to fill it', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    const sizes: [number, number][] = [];
    lambda.registerFunction('fn', (e) => void sizes.push([sim.now(), e.Records.length]));
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 3, MaximumBatchingWindowInSeconds: 2 });
    await sim.advanceBy(2_000);
    for (const k of ['a', 'b', 'c', 'd']) putItem(sim, k);
    await sim.advanceBy(500);
    putItem(sim, 'e');
    await sim.advanceBy(10_000);
    expect(sizes.map(([, n]) => n)).toEqual([3, 2]);
    expect(sizes[1]![0] - sizes[0]![0]).toBeGreaterThanOrEqual(2_000);
  });

  it('§6.1: LATEST skips what was written before the mapping started reading', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    const seen: string[] = [];
    lambda.registerFunction('fn', (e) => void seen.push(...keysOf(e)));
    putItem(sim, 'before');
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'LATEST' });
    await sim.advanceBy(2_000);
    putItem(sim, 'after');
    await sim.advanceBy(2_000);
    expect(seen).toEqual(['after']);
  });

  it('checks 46–47: ParallelizationFactor 1 keeps one invocation per shard; 4 runs up to 4 at once and keeps per-key order', async () => {
    for (const factor of [1, 4]) {
      const { sim, lambda, streamArn } = esmWorld();
      const order = new Map<string, number[]>();
      let inFlight = 0;
      let maxInFlight = 0;
      lambda.registerFunction(
        'fn',
        async (e) => {
          inFlight = facts(sim, 'invocation-started').length - facts(sim, 'invocation-finished').length;
          maxInFlight = Math.max(maxInFlight, inFlight);
          for (const r of e.Records) {
            const [key, v] = r.dynamodb!.NewImage!.tag!.S!.split('#') as [string, string];
            order.set(key, [...(order.get(key) ?? []), Number(v)]);
          }
          await Promise.resolve();
        },
        { durationMs: 1_000 },
      );
      lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 2, ParallelizationFactor: factor });
      for (let v = 0; v < 6; v++) for (const key of ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8']) putItem(sim, key, { tag: { S: `${key}#${v}` } });
      await sim.advanceBy(120_000);
      expect([...order.values()].every((vs) => vs.join() === '0,1,2,3,4,5')).toBe(true);
      if (factor === 1) expect(maxInFlight).toBe(1);
      else expect(maxInFlight).toBeGreaterThan(1);
      expect(maxInFlight).toBeLessThanOrEqual(factor);
      const lanes = new Set(facts(sim, 'batch-delivered').map((b) => b.worker));
      expect(lanes.size).toBe(factor === 1 ? 1 : 4);
    }
  });

  it('§6.3 / gotcha 4: after a rollover (4 h) the child is read only once its parent is done', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    const seen: [number, string][] = [];
    lambda.registerFunction('fn', (e) => void seen.push(...keysOf(e).map((k): [number, string] => [sim.now(), k])), { durationMs: 2_000 });
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 1 });
    await sim.advanceTo(4 * 3_600_000 - 5_000);
    for (let i = 0; i < 5; i++) putItem(sim, `parent-${i}`);
    await sim.advanceTo(4 * 3_600_000 + 1);
    for (let i = 0; i < 3; i++) putItem(sim, `child-${i}`);
    await sim.advanceBy(60_000);
    const opened = facts(sim, 'shard-opened');
    expect(opened).toHaveLength(2);
    expect(opened[1]!.parentShardId).toBe(opened[0]!.shardId);
    expect(seen.map(([, k]) => k)).toEqual(['parent-0', 'parent-1', 'parent-2', 'parent-3', 'parent-4', 'child-0', 'child-1', 'child-2']);
    const ends = facts(sim, 'checkpoint').filter((c) => c.value === 'SHARD_END');
    expect(ends.map((c) => c.shardId)).toEqual([opened[0]!.shardId]);
    const firstChild = facts(sim, 'batch-delivered').find((b) => b.shardId === opened[1]!.shardId)!;
    expect(firstChild.t).toBeGreaterThanOrEqual(ends[0]!.t);
  });

  it('async handlers are awaited deterministically: the same run twice gives the same trace hash', async () => {
    const run = async (): Promise<string> => {
      const { sim, lambda, streamArn } = esmWorld({ partitions: 3 });
      lambda.registerFunction(
        'fn',
        async (e) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          for (const r of e.Records) sim.call('DynamoDB_20120810.PutItem', { TableName: 'copy', Item: r.dynamodb!.NewImage });
          return e.Records.some((r) => r.dynamodb!.Keys!.pk!.S === 'k3') && Math.floor(sim.now() / 1000) % 2 === 0 ? Promise.reject(new Error('flaky')) : null;
        },
        { durationMs: (e) => 100 + 10 * e.Records.length },
      );
      sim.call('DynamoDB_20120810.CreateTable', { TableName: 'copy', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' });
      lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 2, ParallelizationFactor: 2, MaximumRetryAttempts: 3 });
      for (let i = 0; i < 12; i++) sim.schedule(1_000 + i * 300, 'DynamoDB_20120810.PutItem', { TableName: 'tbl', Item: { pk: { S: `k${i % 5}` }, v: { N: String(i) } } });
      await sim.advanceBy(60_000);
      expect(facts(sim, 'invocation-started').length).toBeGreaterThan(3);
      return sim.traceHash();
    };
    expect(await run()).toBe(await run());
  });
});
