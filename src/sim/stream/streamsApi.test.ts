/**
 * Conformance: the DynamoDB Streams API (reference §5, §10 checks 33–43, recordings 01, 06, 07,
 * 08, 09, 11): iterator types, iterator reuse and expiry, shard end, empty reads, Limit,
 * DescribeStream pagination and ShardFilter, ListStreams, and the error shapes.
 */
import { describe, expect, it } from 'vitest';
import {
  allShards,
  awsErrorOf,
  createTable,
  describeStream,
  getRecords,
  HOUR,
  iterator,
  MINUTE,
  newSim,
  put,
  readShard,
  s,
  n,
  STREAMS,
  update,
} from '../testing/harness.ts';

function oneShard() {
  const sim = newSim();
  const arn = createTable(sim)!;
  const shardId = allShards(sim, arn)[0]!.ShardId;
  return { sim, arn, shardId };
}

const pkOf = (r: { dynamodb: { Keys: Record<string, unknown> } }): string => (r.dynamodb.Keys.pk as { S: string }).S;

describe('GetShardIterator / GetRecords', () => {
  it('§10.37 iterators look like <StreamArn>|1|<opaque>; an open shard at its head returns Records: [] and a NextShardIterator (recording 07)', () => {
    const { sim, arn, shardId } = oneShard();
    const it0 = iterator(sim, arn, shardId, 'TRIM_HORIZON');
    expect(it0.startsWith(`${arn}|1|`)).toBe(true);
    expect(it0.length).toBeLessThanOrEqual(2048);
    const page = getRecords(sim, it0);
    expect(page.Records).toEqual([]);
    expect(page.NextShardIterator).toMatch(new RegExp(`^${arn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\|\\d\\|.+$`));
  });

  it('§10.35 AT_SEQUENCE_NUMBER starts at that record, AFTER_SEQUENCE_NUMBER at the next; AT StartingSequenceNumber gives the first (recording 01)', () => {
    const { sim, arn, shardId } = oneShard();
    for (const k of ['a', 'b', 'c']) put(sim, { pk: s(k) });
    const all = readShard(sim, arn, shardId).records;
    const start = describeStream(sim, arn).Shards[0]!.SequenceNumberRange.StartingSequenceNumber;
    expect(getRecords(sim, iterator(sim, arn, shardId, 'AT_SEQUENCE_NUMBER', start)).Records.map(pkOf)).toEqual(['a', 'b', 'c']);
    const seqB = all[1]!.dynamodb.SequenceNumber;
    expect(getRecords(sim, iterator(sim, arn, shardId, 'AT_SEQUENCE_NUMBER', seqB)).Records.map(pkOf)).toEqual(['b', 'c']);
    expect(getRecords(sim, iterator(sim, arn, shardId, 'AFTER_SEQUENCE_NUMBER', seqB)).Records.map(pkOf)).toEqual(['c']);
  });

  it('§10.34 LATEST returns only records written after the iterator was created', () => {
    const { sim, arn, shardId } = oneShard();
    put(sim, { pk: s('before') });
    const latest = iterator(sim, arn, shardId, 'LATEST');
    put(sim, { pk: s('after') });
    expect(getRecords(sim, latest).Records.map(pkOf)).toEqual(['after']);
  });

  it('§10.36 GetRecords returns at most Limit records, and Limit > 1000 is rejected with ValidationException', () => {
    const { sim, arn, shardId } = oneShard();
    for (let i = 0; i < 5; i++) put(sim, { pk: s(`k${i}`) });
    const it0 = iterator(sim, arn, shardId, 'TRIM_HORIZON');
    const p1 = getRecords(sim, it0, 2);
    expect(p1.Records.map(pkOf)).toEqual(['k0', 'k1']);
    expect(getRecords(sim, p1.NextShardIterator!, 2).Records.map(pkOf)).toEqual(['k2', 'k3']);
    const err = awsErrorOf(() => getRecords(sim, it0, 1001));
    expect(err.code).toBe('ValidationException');
    expect(awsErrorOf(() => sim.call(`${STREAMS}GetRecords`, { ShardIterator: it0, Limit: 0 })).code).toBe('ValidationException');
  });

  it('§5.4 an iterator is not consumed: reused within its life it returns the same records plus newer ones (recording 06)', () => {
    const { sim, arn, shardId } = oneShard();
    put(sim, { pk: s('id1'), version: n(1), data: { B: 'kA==' } });
    const start = describeStream(sim, arn).Shards[0]!.SequenceNumberRange.StartingSequenceNumber;
    const it0 = iterator(sim, arn, shardId, 'AT_SEQUENCE_NUMBER', start);
    const first = getRecords(sim, it0).Records;
    expect(first).toHaveLength(1);
    expect(first[0]!.dynamodb.NewImage).toEqual({ pk: s('id1'), version: n(1), data: { B: 'kA==' } });
    update(sim, { pk: s('id1') }, 'SET version = :v', { ':v': n(2) });
    sim.advanceBy(MINUTE);
    const again = getRecords(sim, it0).Records;
    expect(again).toHaveLength(2);
    expect(again[0]).toEqual(first[0]);
    expect(again[1]!.dynamodb.NewImage).toEqual({ pk: s('id1'), version: n(2), data: { B: 'kA==' } });
  });

  it('§10.40 an iterator used more than 15 min after it was issued fails with ExpiredIteratorException; NextShardIterator is fresh', () => {
    const { sim, arn, shardId } = oneShard();
    const it0 = iterator(sim, arn, shardId, 'TRIM_HORIZON');
    sim.advanceBy(15 * MINUTE);
    const next = getRecords(sim, it0).NextShardIterator!; // exactly 15 min: still valid
    sim.advanceBy(1);
    const err = awsErrorOf(() => getRecords(sim, it0));
    expect(err.code).toBe('ExpiredIteratorException');
    expect(err.__type).toBe('com.amazonaws.dynamodb.v20120810#ExpiredIteratorException');
    // Recovery: the iterator GetRecords handed out is new, so it is still valid.
    expect(getRecords(sim, next).Records).toEqual([]);
  });

  it('§10.39 a closed shard read past its last record returns no NextShardIterator', () => {
    const { sim, arn, shardId } = oneShard();
    put(sim, { pk: s('a') });
    sim.advanceBy(4 * HOUR - MINUTE);
    const it0 = iterator(sim, arn, shardId, 'TRIM_HORIZON');
    expect(getRecords(sim, it0).NextShardIterator).toBeDefined(); // still open
    sim.advanceBy(2 * MINUTE); // the shard rolls over under the reader's iterator
    const page = getRecords(sim, it0);
    expect(page.Records.map(pkOf)).toEqual(['a']);
    expect(page).not.toHaveProperty('NextShardIterator');
    // Empty closed shard: ends at once, also from LATEST.
    const child = allShards(sim, arn).find((x) => x.ParentShardId === shardId)!;
    sim.advanceBy(4 * HOUR);
    expect(getRecords(sim, iterator(sim, arn, child.ShardId, 'TRIM_HORIZON'))).toEqual({ Records: [] });
    expect(getRecords(sim, iterator(sim, arn, shardId, 'LATEST'))).toEqual({ Records: [] });
  });

  it('§10.35 a sequence number outside the shard, or malformed, is a ValidationException; a bad iterator too', () => {
    const { sim, arn, shardId } = oneShard();
    expect(awsErrorOf(() => iterator(sim, arn, shardId, 'AT_SEQUENCE_NUMBER', '123')).code).toBe('ValidationException');
    expect(awsErrorOf(() => iterator(sim, arn, shardId, 'AT_SEQUENCE_NUMBER', '1'.repeat(21))).code).toBe('ValidationException');
    expect(awsErrorOf(() => iterator(sim, arn, shardId, 'AT_TIMESTAMP')).code).toBe('ValidationException');
    expect(awsErrorOf(() => getRecords(sim, `${arn}|1|bm90IGFuIGl0ZXJhdG9y`)).code).toBe('ValidationException');
  });
});

describe('DescribeStream / ListStreams', () => {
  it('§10.43 DescribeStream pages with Limit / ExclusiveStartShardId / LastEvaluatedShardId and sees every shard once', () => {
    const sim = newSim({ partitions: { tbl: 5 } });
    const arn = createTable(sim)!;
    const all = describeStream(sim, arn).Shards.map((x) => x.ShardId);
    expect(all).toHaveLength(5);
    const p1 = describeStream(sim, arn, { Limit: 2 });
    expect(p1.Shards).toHaveLength(2);
    expect(p1.LastEvaluatedShardId).toBe(p1.Shards[1]!.ShardId);
    const p2 = describeStream(sim, arn, { Limit: 2, ExclusiveStartShardId: p1.LastEvaluatedShardId });
    expect(p2.Shards.map((x) => x.ShardId)).not.toContain(p1.LastEvaluatedShardId); // exclusive (recording 08)
    expect(allShards(sim, arn, 2).map((x) => x.ShardId)).toEqual(all);
    expect(allShards(sim, arn, 5).map((x) => x.ShardId)).toEqual(all);
    expect(awsErrorOf(() => describeStream(sim, arn, { Limit: 101 })).code).toBe('ValidationException');
  });

  it('§5.2 ShardFilter CHILD_SHARDS returns only the children of one parent', () => {
    const sim = newSim({ partitions: { tbl: 2 } });
    const arn = createTable(sim)!;
    const [a, b] = allShards(sim, arn);
    sim.splitShard(arn, a!.ShardId);
    sim.advanceBy(4 * HOUR + 1); // b rolls over (one child); a's children roll over too
    const kids = describeStream(sim, arn, { ShardFilter: { Type: 'CHILD_SHARDS', ShardId: a!.ShardId } }).Shards;
    expect(kids).toHaveLength(2);
    for (const k of kids) expect(k.ParentShardId).toBe(a!.ShardId);
    const kidsB = describeStream(sim, arn, { ShardFilter: { Type: 'CHILD_SHARDS', ShardId: b!.ShardId } }).Shards;
    expect(kidsB).toHaveLength(1);
    expect(awsErrorOf(() => describeStream(sim, arn, { ShardFilter: { Type: 'PARENT' } })).code).toBe('ValidationException');
  });

  it('§5.2 DescribeStream describes the stream as recording 01 shows', () => {
    const sim = newSim({ epochMs: 1_700_000_000_123 });
    sim.advanceBy(5);
    const arn = createTable(sim, 'tbl', 'KEYS_ONLY')!;
    const d = describeStream(sim, arn);
    expect(d).toMatchObject({
      StreamArn: arn,
      StreamLabel: '2023-11-14T22:13:20.128',
      StreamStatus: 'ENABLED',
      StreamViewType: 'KEYS_ONLY',
      TableName: 'tbl',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });
    expect(d.CreationRequestDateTime).toBe(1_700_000_000.128);
    expect(arn.endsWith(`/stream/${d.StreamLabel}`)).toBe(true);
  });

  it('§10.42 an unknown stream gives ResourceNotFoundException with the recorded message shape (recording 09)', () => {
    const sim = newSim();
    createTable(sim);
    const missing = 'arn:aws:dynamodb:us-east-1:123456789012:table/non-existent/stream/2024-11-18T14:36:44.149';
    for (const call of [
      () => describeStream(sim, missing),
      () => sim.call(`${STREAMS}GetShardIterator`, { StreamArn: missing, ShardId: 'shardId-00000000000000000000-00000000', ShardIteratorType: 'LATEST' }),
    ]) {
      const err = awsErrorOf(call);
      expect(err.code).toBe('ResourceNotFoundException');
      expect(err.__type).toBe('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException');
      expect(err.message).toBe(`Requested resource not found: Stream: ${missing} not found`);
    }
  });

  it('§5.1 ListStreams(TableName) returns [{StreamArn, TableName, StreamLabel}] and no LastEvaluatedStreamArn (recording 11)', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    createTable(sim, 'other');
    const out = sim.call<{ Streams: { StreamArn: string; StreamLabel: string; TableName: string }[] }>(`${STREAMS}ListStreams`, { TableName: 'tbl' });
    expect(Object.keys(out)).toEqual(['Streams']);
    expect(out.Streams).toHaveLength(1);
    expect(out.Streams[0]).toEqual({ StreamArn: arn, TableName: 'tbl', StreamLabel: arn.split('/stream/')[1] });
    const all = sim.call<{ Streams: unknown[] }>(`${STREAMS}ListStreams`, {});
    expect(all.Streams).toHaveLength(2);
    const p1 = sim.call<{ Streams: { StreamArn: string }[]; LastEvaluatedStreamArn?: string }>(`${STREAMS}ListStreams`, { Limit: 1 });
    expect(p1.LastEvaluatedStreamArn).toBe(p1.Streams[0]!.StreamArn);
    const p2 = sim.call<{ Streams: { StreamArn: string }[]; LastEvaluatedStreamArn?: string }>(`${STREAMS}ListStreams`, { Limit: 1, ExclusiveStartStreamArn: p1.LastEvaluatedStreamArn });
    expect(p2.Streams).toHaveLength(1);
    expect(p2.Streams[0]!.StreamArn).not.toBe(p1.Streams[0]!.StreamArn);
    expect(p2).not.toHaveProperty('LastEvaluatedStreamArn');
  });
});
