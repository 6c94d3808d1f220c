/**
 * Conformance: the two-reader limit. AWS's API reference for DynamoDB Streams' LimitExceededException
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html#API_streams_GetRecords_Errors):
 * "More than 2 processes are reading from the same streams shard at the same time. Exceeding this
 * limit may result in request throttling." The developer guide's quotas page (ServiceQuotas.html):
 * plan for no more than two processes reading one shard at a time. Reference §5.5 and check 44.
 * AWS documents no exact rule; Streamscope's (two at a time, turns of a second) is `readLimit.ts`.
 */
import { describe, expect, it } from 'vitest';
import { callOperation } from '../api/call.ts';
import { allShards, awsErrorOf, createTable, iterator, newSim, put, s, STREAMS } from '../testing/harness.ts';
import { asReader, READ_WINDOW_MS, TURN_MS } from './readLimit.ts';
import type { Simulation } from '../simulation.ts';

function setup() {
  const sim = newSim();
  const arn = createTable(sim)!;
  const shardId = allShards(sim, arn)[0]!.ShardId;
  put(sim, { pk: s('a') });
  return { sim, arn, shardId };
}

function readAs(sim: Simulation, arn: string, shardId: string, consumer: string): 'ok' | string {
  const it = iterator(sim, arn, shardId, 'TRIM_HORIZON');
  try {
    asReader(sim.world, { consumer, worker: 'w1' }, () => callOperation(sim.world, `${STREAMS}GetRecords`, { ShardIterator: it }));
    return 'ok';
  } catch (e) {
    return awsErrorOf(() => {
      throw e;
    }).code;
  }
}

describe('more than two processes reading one shard (LimitExceededException)', () => {
  it('API_streams_GetRecords: two processes reading a shard at once are not throttled', () => {
    const { sim, arn, shardId } = setup();
    expect([readAs(sim, arn, shardId, 'a'), readAs(sim, arn, shardId, 'b'), readAs(sim, arn, shardId, 'a'), readAs(sim, arn, shardId, 'b')]).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(sim.trace.some((e) => e.type === 'read-throttled')).toBe(false);
  });

  it('API_streams_GetRecords: "More than 2 processes are reading from the same streams shard at the same time … may result in request throttling": the third gets LimitExceededException', () => {
    const { sim, arn, shardId } = setup();
    expect([readAs(sim, arn, shardId, 'a'), readAs(sim, arn, shardId, 'b'), readAs(sim, arn, shardId, 'c')]).toEqual(['ok', 'ok', 'LimitExceededException']);
    const fact = sim.trace.find((e) => e.type === 'read-throttled');
    expect(fact).toMatchObject({ consumer: 'c', worker: 'w1', shardId, readers: 3 });
    // The refusal is an AWS error of GetRecords, as a poller's SDK would see it.
    expect(sim.trace.some((e) => e.type === 'api-error' && e.code === 'LimitExceededException' && e.target === `${STREAMS}GetRecords`)).toBe(true);
  });

  it('the throttled readers take turns: over three turns each of three readers is refused once, so all fall behind', async () => {
    const { sim, arn, shardId } = setup();
    const refused = new Map<string, number>();
    for (let turn = 0; turn < 3; turn++) {
      for (const r of ['a', 'b', 'c']) if (readAs(sim, arn, shardId, r) !== 'ok') refused.set(r, (refused.get(r) ?? 0) + 1);
      await sim.advanceBy(TURN_MS);
    }
    expect(Object.fromEntries(refused)).toEqual({ a: 1, b: 1, c: 1 });
  });

  it('a reader that stopped reading leaves: after READ_WINDOW_MS without a call the other two read freely', async () => {
    const { sim, arn, shardId } = setup();
    readAs(sim, arn, shardId, 'a');
    readAs(sim, arn, shardId, 'b');
    expect(readAs(sim, arn, shardId, 'c')).toBe('LimitExceededException');
    await sim.advanceBy(READ_WINDOW_MS + 1);
    // c stops; a and b go on in every turn.
    for (let i = 0; i < 4; i++) {
      expect([readAs(sim, arn, shardId, 'a'), readAs(sim, arn, shardId, 'b')]).toEqual(['ok', 'ok']);
      await sim.advanceBy(250);
    }
  });

  it('calls made without a reader (the learner’s own sim.call) are neither counted nor refused', () => {
    const { sim, arn, shardId } = setup();
    readAs(sim, arn, shardId, 'a');
    readAs(sim, arn, shardId, 'b');
    const it = iterator(sim, arn, shardId, 'TRIM_HORIZON');
    expect(() => sim.call(`${STREAMS}GetRecords`, { ShardIterator: it })).not.toThrow();
  });

  it('each shard has its own limit: three readers spread over two shards are not throttled', () => {
    const sim = newSim({ partitions: { tbl: 2 } });
    const arn = createTable(sim)!;
    const [s1, s2] = allShards(sim, arn).map((x) => x.ShardId);
    expect([readAs(sim, arn, s1!, 'a'), readAs(sim, arn, s1!, 'b'), readAs(sim, arn, s2!, 'c')]).toEqual(['ok', 'ok', 'ok']);
  });
});
