import { describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { BUCKET, esmWorld, facts, putItem, QUEUE, TOPIC } from './testkit.ts';

const keysOf = (e: DynamoDBStreamEvent): string[] => e.Records.map((r) => r.dynamodb!.Keys!.pk!.S!);

/** A function that records each event's keys and fails when the batch holds a key in `bad`. */
function recorder(bad: string[] = []): { calls: string[][]; fn: (e: DynamoDBStreamEvent) => null } {
  const calls: string[][] = [];
  return {
    calls,
    fn: (e) => {
      const keys = keysOf(e);
      calls.push(keys);
      if (keys.some((k) => bad.includes(k))) throw new Error(`cannot process ${keys.join(',')}`);
      return null;
    },
  };
}

describe('ESM failure handling', () => {
  it('check 48: a failing batch blocks its shard (same first sequence number) while another shard continues', async () => {
    const { sim, lambda, streamArn } = esmWorld({ partitions: 2 });
    const r = recorder(['bad']);
    lambda.registerFunction('fn', r.fn);
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 1 });
    const shardOf = (pk: string): string => facts(sim, 'record-appended').find((f) => f.keyString.endsWith(`:${pk}`))!.shardId;
    putItem(sim, 'bad');
    // Find keys on each shard: the bad record's shard and the other one.
    const keys = Array.from({ length: 60 }, (_, i) => `item-${i * 7919}-${'z'.repeat(i % 7)}`);
    for (const k of keys) putItem(sim, k);
    const blocked = shardOf('bad');
    const sameShard = keys.filter((k) => shardOf(k) === blocked);
    const otherShard = keys.filter((k) => shardOf(k) !== blocked);
    expect(sameShard.length).toBeGreaterThan(0);
    expect(otherShard.length).toBeGreaterThan(0);
    await sim.advanceBy(120_000);
    const delivered = r.calls.flat();
    expect(otherShard.every((k) => delivered.includes(k))).toBe(true);
    expect(sameShard.some((k) => delivered.includes(k))).toBe(false);
    const badDeliveries = facts(sim, 'batch-delivered').filter((b) => b.shardId === blocked);
    expect(badDeliveries.length).toBeGreaterThan(3);
    expect(new Set(badDeliveries.map((b) => b.firstSequenceNumber)).size).toBe(1);
  });

  it('checks 49–50, case 26: MaximumRetryAttempts 1 → 2 invocations, then discard and one SQS record without records', async () => {
    const { sim, lambda, destinations, streamArn } = esmWorld();
    const r = recorder(['x']);
    lambda.registerFunction('fn', r.fn);
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 1, MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: QUEUE } } });
    putItem(sim, 'x');
    putItem(sim, 'y');
    await sim.advanceBy(60_000);
    expect(r.calls).toEqual([['x'], ['x'], ['y']]);
    const seq = facts(sim, 'record-appended')[0]!.record.dynamodb.SequenceNumber;
    const [msg, ...rest] = destinations.received(QUEUE);
    expect(rest).toEqual([]);
    expect(msg).toMatchObject({
      requestContext: { functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      DDBStreamBatchInfo: { startSequenceNumber: seq, endSequenceNumber: seq, batchSize: 1, streamArn },
    });
    expect(msg!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(msg!.DDBStreamBatchInfo.approximateArrivalOfFirstRecord).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(msg!.DDBStreamBatchInfo.shardId).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
    expect('payload' in msg!).toBe(false);
    expect(msg!.requestContext.requestId).toBe(facts(sim, 'invocation-started')[1]!.requestId);
  });

  it('cases 27–28: SNS gets the same record; S3 also gets the failed event as payload', async () => {
    for (const dest of [TOPIC, BUCKET]) {
      const { sim, lambda, destinations, streamArn } = esmWorld();
      lambda.registerFunction('fn', recorder(['x']).fn);
      lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 1, MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: dest } } });
      putItem(sim, 'x');
      await sim.advanceBy(30_000);
      const [msg] = destinations.messages(dest);
      expect(msg!.record.requestContext.approximateInvokeCount).toBe(2);
      if (dest === BUCKET) {
        expect(msg!.record.payload!.Records.map((r) => [r.eventSourceARN, r.dynamodb!.SequenceNumber])).toEqual([[streamArn, msg!.record.DDBStreamBatchInfo.startSequenceNumber]]);
        expect(msg!.key).toMatch(new RegExp(`^aws/lambda/[0-9a-f-]{36}/${msg!.record.DDBStreamBatchInfo.shardId}/\\d{4}/\\d\\d/\\d\\d/\\d{4}-\\d\\d-\\d\\dT\\d\\d\\.\\d\\d\\.\\d\\d-`));
      } else {
        expect('payload' in msg!.record).toBe(false);
      }
    }
  });

  it('check 52: bisect 8 records with poison r6 and MaximumRetryAttempts 2 isolates r6, reports it alone, then [r7,r8]', async () => {
    const { sim, lambda, destinations, streamArn } = esmWorld();
    const r = recorder(['r6']);
    lambda.registerFunction('fn', r.fn);
    for (let i = 1; i <= 8; i++) putItem(sim, `r${i}`);
    lambda.createEventSourceMapping({
      FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 8,
      BisectBatchOnFunctionError: true, MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: QUEUE } },
    });
    await sim.advanceBy(120_000);
    const R = (...n: number[]): string[] => n.map((i) => `r${i}`);
    expect(r.calls).toEqual([R(1, 2, 3, 4, 5, 6, 7, 8), R(1, 2, 3, 4), R(5, 6, 7, 8), R(5, 6), R(5), R(6), R(6), R(6), R(7, 8)]);
    expect(r.calls.flat().filter((k) => k === 'r5')).toHaveLength(4);
    const seq6 = facts(sim, 'record-appended')[5]!.record.dynamodb.SequenceNumber;
    expect(destinations.received(QUEUE).map((m) => [m.DDBStreamBatchInfo.batchSize, m.DDBStreamBatchInfo.startSequenceNumber, m.DDBStreamBatchInfo.endSequenceNumber, m.requestContext.approximateInvokeCount])).toEqual([[1, seq6, seq6, 3]]);
    expect(facts(sim, 'batch-bisected')).toHaveLength(3);
  });

  it("check 52 (configurable counter): 'carry-over' counts the failures that split the batch", async () => {
    const { sim, lambda, streamArn } = esmWorld();
    lambda.setBisectRetryCounter('carry-over');
    const r = recorder(['r6']);
    lambda.registerFunction('fn', r.fn);
    for (let i = 1; i <= 8; i++) putItem(sim, `r${i}`);
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 8, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 2 });
    await sim.advanceBy(120_000);
    // [1-8] fails (1), [5-8] fails (2), [5,6] fails (3 > 2): discarded whole; r5 is lost with r6.
    expect(r.calls.map((c) => c.join(''))).toEqual(['r1r2r3r4r5r6r7r8', 'r1r2r3r4', 'r5r6r7r8', 'r5r6', 'r7r8']);
  });

  it('check 53: ReportBatchItemFailures naming r4 and r7 of r1..r10 → the next invocation starts at r4', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    const calls: string[][] = [];
    lambda.registerFunction('fn', (e) => {
      calls.push(keysOf(e));
      if (calls.length > 1) return {};
      const seq = (k: string): string => e.Records.find((r) => r.dynamodb!.Keys!.pk!.S === k)!.dynamodb!.SequenceNumber!;
      return { batchItemFailures: [{ itemIdentifier: seq('r7') }, { itemIdentifier: seq('r4') }] };
    });
    for (let i = 1; i <= 10; i++) putItem(sim, `r${i}`);
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    await sim.advanceBy(30_000);
    expect(calls.map((c) => c.join(' '))).toEqual(['r1 r2 r3 r4 r5 r6 r7 r8 r9 r10', 'r4 r5 r6 r7 r8 r9 r10']);
    const r3 = facts(sim, 'record-appended')[2]!.record.dynamodb.SequenceNumber;
    expect(facts(sim, 'checkpoint').map((c) => c.value)[0]).toBe(r3);
  });

  it('case 29: one poison record among 6 (BatchSize 3, retries 3): others once, it 5 times, DLQ invokeCount 4 batchSize 1', async () => {
    const { sim, lambda, destinations, streamArn } = esmWorld();
    const seen: string[] = [];
    lambda.registerFunction('fn', (e) => {
      seen.push(...keysOf(e));
      return { batchItemFailures: e.Records.filter((r) => r.dynamodb!.NewImage!.should_fail!.BOOL).map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber! })) };
    });
    for (let i = 0; i < 6; i++) putItem(sim, `testId${i}`, { should_fail: { BOOL: i === 5 } });
    lambda.createEventSourceMapping({
      FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 3, MaximumBatchingWindowInSeconds: 1,
      MaximumRetryAttempts: 3, FunctionResponseTypes: ['ReportBatchItemFailures'], DestinationConfig: { OnFailure: { Destination: QUEUE } },
    });
    await sim.advanceBy(120_000);
    for (let i = 0; i < 5; i++) expect(seen.filter((k) => k === `testId${i}`)).toHaveLength(1);
    expect(seen.filter((k) => k === 'testId5')).toHaveLength(5);
    const seq5 = facts(sim, 'record-appended')[5]!.record.dynamodb.SequenceNumber;
    const msgs = destinations.received(QUEUE);
    expect(msgs.map((m) => [m.requestContext.approximateInvokeCount, m.requestContext.condition, m.responseContext.functionError, m.DDBStreamBatchInfo.batchSize, m.DDBStreamBatchInfo.startSequenceNumber])).toEqual([
      [4, 'RetryAttemptsExhausted', null, 1, seq5],
    ]);
    // Check 59: every redelivery carries the same eventID and SequenceNumber.
    const deliveries = facts(sim, 'batch-delivered').filter((b) => b.eventIDs.includes(facts(sim, 'record-appended')[5]!.record.eventID));
    expect(deliveries).toHaveLength(5);
  });

  it('case 30 / check 54: malformed batchItemFailures or a throw fail the whole batch (4 invocations with 3 retries)', async () => {
    const variants: (() => unknown)[] = [
      () => ({ batchItemFailures: [{ itemIdentifier: 123 }] }),
      () => ({ batchItemFailures: [{ itemIdentifier: '' }] }),
      () => ({ batchItemFailures: [{ itemIdentifier: null }] }),
      () => ({ batchItemFailures: [{ foo: 123 }] }),
      () => ({ batchItemFailures: [{ foo: null }] }),
      () => {
        throw new Error('division by zero');
      },
    ];
    for (const [i, respond] of variants.entries()) {
      const { sim, lambda, destinations, streamArn } = esmWorld();
      let n = 0;
      lambda.registerFunction('fn', () => {
        n++;
        return respond();
      });
      lambda.createEventSourceMapping({
        FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 3, MaximumRetryAttempts: 3,
        FunctionResponseTypes: ['ReportBatchItemFailures'], DestinationConfig: { OnFailure: { Destination: QUEUE } },
      });
      putItem(sim, 'hello world', { binary_key: { B: 'Zm9vYmFy' } });
      await sim.advanceBy(60_000);
      expect(n).toBe(4);
      const [msg] = destinations.received(QUEUE);
      expect([msg!.requestContext.approximateInvokeCount, msg!.responseContext.functionError]).toEqual([4, i === 5 ? 'Unhandled' : null]);
    }
  });

  it('case 31 / checks 54–55: [], null, {}, {batchItemFailures: []|null} succeed; failures are ignored without ReportBatchItemFailures', async () => {
    const responses: unknown[] = [[], null, {}, { batchItemFailures: [] }, { batchItemFailures: null }, 'ignored'];
    for (const response of responses) {
      for (const types of [['ReportBatchItemFailures'], []]) {
        const { sim, lambda, streamArn } = esmWorld();
        let n = 0;
        lambda.registerFunction('fn', () => {
          n++;
          return response;
        });
        lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BatchSize: 1, MaximumRetryAttempts: 2, FunctionResponseTypes: types });
        putItem(sim, 'a');
        await sim.advanceBy(30_000);
        expect(n).toBe(1);
      }
    }
    // Check 55: a partial response while the feature is off checkpoints the whole batch.
    const { sim, lambda, streamArn } = esmWorld();
    let n = 0;
    lambda.registerFunction('fn', (e) => {
      n++;
      return { batchItemFailures: [{ itemIdentifier: e.Records[0]!.dynamodb!.SequenceNumber }] };
    });
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON' });
    putItem(sim, 'a');
    await sim.advanceBy(30_000);
    expect(n).toBe(1);
  });

  it('check 56: bisect + ReportBatchItemFailures + a partial response retries only from the reported record', async () => {
    const { sim, lambda, streamArn } = esmWorld();
    const calls: string[] = [];
    lambda.registerFunction('fn', (e) => {
      calls.push(keysOf(e).join(''));
      const bad = e.Records.find((r) => r.dynamodb!.Keys!.pk!.S === 'c');
      return calls.length === 1 && bad ? { batchItemFailures: [{ itemIdentifier: bad.dynamodb!.SequenceNumber }] } : null;
    });
    for (const k of ['a', 'b', 'c', 'd']) putItem(sim, k);
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    await sim.advanceBy(30_000);
    expect(calls).toEqual(['abcd', 'cd']);
  });

  it('§6.4: MaximumRecordAgeInSeconds discards a batch retried past the age, with condition MaximumRecordAgeExceeded', async () => {
    const { sim, lambda, destinations, streamArn } = esmWorld();
    const r = recorder(['old']);
    lambda.registerFunction('fn', r.fn);
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', MaximumRecordAgeInSeconds: 60, DestinationConfig: { OnFailure: { Destination: QUEUE } } });
    putItem(sim, 'old');
    await sim.advanceBy(120_000);
    putItem(sim, 'new');
    await sim.advanceBy(5_000);
    const [msg] = destinations.received(QUEUE);
    expect(msg!.requestContext.condition).toBe('MaximumRecordAgeExceeded');
    expect(r.calls.at(-1)).toEqual(['new']);
    const discardedAt = facts(sim, 'batch-discarded')[0]!.t;
    expect(discardedAt).toBeGreaterThan(60_000);
    expect(discardedAt).toBeLessThan(120_000);
  });

  it('check 48 / gotcha 6: with default retries a poison record blocks its shard until it is trimmed (24 h), then is discarded', async () => {
    const { sim, lambda, destinations, streamArn } = esmWorld();
    const r = recorder(['bad']);
    lambda.registerFunction('fn', r.fn);
    lambda.createEventSourceMapping({ FunctionName: 'fn', EventSourceArn: streamArn, StartingPosition: 'TRIM_HORIZON', DestinationConfig: { OnFailure: { Destination: QUEUE } } });
    putItem(sim, 'bad');
    await sim.advanceBy(60_000);
    putItem(sim, 'next');
    await sim.advanceBy(25 * 3_600_000);
    expect(destinations.received(QUEUE)).toHaveLength(1);
    expect(r.calls.at(-1)).toEqual(['next']);
    expect(r.calls.length).toBeGreaterThan(1000);
  });
});
