// The fold in isolation, on hand-written facts: what appears, changes and disappears at which time.
import { describe, expect, it } from 'vitest';
import type { StreamRecord, TraceEvent } from '../../sim/index.ts';
import { factCountAt, foldView } from './foldOracle.ts';
import { keySummary } from '../view.ts';

const ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/Votes/stream/2023-11-14T22:13:20.000';

function record(eventName: StreamRecord['eventName'], voterId: string, seq: string): StreamRecord {
  return {
    eventID: `id-${seq}`,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: { ApproximateCreationDateTime: 1, Keys: { voterId: { S: voterId } }, SequenceNumber: seq, SizeBytes: 10, StreamViewType: 'KEYS_ONLY' },
  };
}

const trace: TraceEvent[] = [
  { t: 0, type: 'table-created', table: 'Votes', keyAttributes: ['voterId'] },
  { t: 0, type: 'stream-enabled', table: 'Votes', streamArn: ARN, viewType: 'KEYS_ONLY' },
  { t: 0, type: 'shard-opened', streamArn: ARN, shardId: 'shard-a', partition: 0, startingSequenceNumber: '100' },
  { t: 10, type: 'write', table: 'Votes', op: 'PutItem', key: { voterId: { S: 'zoe' } }, keyString: 'k:zoe', outcome: 'INSERT', newItem: { voterId: { S: 'zoe' }, candidate: { S: 'Otter' } } },
  { t: 10, type: 'record-appended', streamArn: ARN, shardId: 'shard-a', keyString: 'k:zoe', record: record('INSERT', 'zoe', '110') },
  { t: 20, type: 'write', table: 'Votes', op: 'PutItem', key: { voterId: { S: 'ada' } }, keyString: 'k:ada', outcome: 'INSERT', newItem: { voterId: { S: 'ada' }, votedAt: { N: '5' } } },
  { t: 20, type: 'record-appended', streamArn: ARN, shardId: 'shard-a', keyString: 'k:ada', record: record('INSERT', 'ada', '125') },
  { t: 30, type: 'write-rejected', table: 'Votes', op: 'PutItem', key: { voterId: { S: 'ada' } }, keyString: 'k:ada', reason: 'ConditionalCheckFailed' },
  { t: 30, type: 'api-error', target: 'DynamoDB_20120810.PutItem', code: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
  { t: 40, type: 'shard-closed', streamArn: ARN, shardId: 'shard-a', reason: 'rollover', endingSequenceNumber: '125' },
  { t: 40, type: 'shard-opened', streamArn: ARN, shardId: 'shard-b', parentShardId: 'shard-a', partition: 0, startingSequenceNumber: '200' },
  { t: 50, type: 'write', table: 'Votes', op: 'DeleteItem', key: { voterId: { S: 'zoe' } }, keyString: 'k:zoe', outcome: 'REMOVE' },
  { t: 50, type: 'record-appended', streamArn: ARN, shardId: 'shard-b', keyString: 'k:zoe', record: record('REMOVE', 'zoe', '230') },
  { t: 60, type: 'records-trimmed', streamArn: ARN, shardId: 'shard-a', count: 1, lastSequenceNumber: '110' },
];

describe('foldView', () => {
  it('shows the table and its open shard before any write', () => {
    const v = foldView(trace, 0);
    expect(v.tables).toHaveLength(1);
    expect(v.tables[0]!.items).toEqual([]);
    expect(v.streams[0]!.shards.map((s) => [s.shardId, s.status])).toEqual([['shard-a', 'open']]);
    expect(v.streams[0]!.label).toBe('2023-11-14T22:13:20.000');
    expect(v.counts).toEqual({ facts: 3, writes: 0, rejected: 0, records: 0, apiErrors: 0 });
  });

  it('sorts items by key and lists columns key-first', () => {
    const v = foldView(trace, 35);
    const table = v.tables[0]!;
    expect(table.items.map((r) => r.keySummary)).toEqual(['ada', 'zoe']);
    expect(table.attributeNames).toEqual(['voterId', 'candidate', 'votedAt']);
    expect(v.writes.map((w) => [w.keySummary, w.outcome])).toEqual([
      ['ada', 'rejected'],
      ['ada', 'INSERT'],
      ['zoe', 'INSERT'],
    ]);
    expect(v.counts.rejected).toBe(1);
    expect(v.counts.apiErrors).toBe(1);
  });

  it('keeps lineage, removes deleted items and greys trimmed records', () => {
    const v = foldView(trace, 1_000);
    expect(v.tables[0]!.items.map((r) => r.keySummary)).toEqual(['ada']);
    const [a, b] = v.streams[0]!.shards;
    expect(a).toMatchObject({ shardId: 'shard-a', status: 'closed', closedAtMs: 40, closeReason: 'rollover' });
    expect(b).toMatchObject({ shardId: 'shard-b', status: 'open', parentShardId: 'shard-a' });
    expect(a!.records.map((r) => [r.sequenceNumber, r.trimmed])).toEqual([
      ['110', true],
      ['125', false],
    ]);
    expect(b!.records[0]).toMatchObject({ eventName: 'REMOVE', keySummary: 'zoe', atMs: 50 });
  });

  it('is structured-clone safe (no Maps or class instances cross the boundary)', () => {
    const v = foldView(trace, 1_000);
    expect(structuredClone(v)).toEqual(v);
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });
});

describe('factCountAt', () => {
  it('counts facts at or before a time', () => {
    expect(factCountAt(trace, -1)).toBe(0);
    expect(factCountAt(trace, 0)).toBe(3);
    expect(factCountAt(trace, 29)).toBe(7);
    expect(factCountAt(trace, 30)).toBe(9);
    expect(factCountAt(trace, 99)).toBe(trace.length);
  });
});

describe('keySummary', () => {
  it('joins key values in key-schema order', () => {
    expect(keySummary({ sk: { N: '7' }, pk: { S: 'ada' } }, ['pk', 'sk'])).toBe('ada / 7');
  });
});

describe('global tables', () => {
  const EU = 'arn:aws:dynamodb:eu-west-1:123456789012:table/Votes/stream/2023-11-14T22:13:20.000';
  const vote = (t: number, region: string, op: string, candidate: string): TraceEvent => ({
    t, type: 'write', table: 'Votes', op, key: { voterId: { S: 'v7' } }, keyString: 'k:v7', outcome: 'INSERT', newItem: { voterId: { S: 'v7' }, candidate: { S: candidate } }, region,
  });
  const facts: TraceEvent[] = [
    { t: 0, type: 'table-created', table: 'Votes', keyAttributes: ['voterId'] },
    { t: 0, type: 'stream-enabled', table: 'Votes', streamArn: ARN, viewType: 'NEW_AND_OLD_IMAGES' },
    { t: 0, type: 'replica-created', table: 'Votes', region: 'eu-west-1', homeRegion: 'us-east-1', tableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/Votes' },
    { t: 0, type: 'stream-enabled', table: 'Votes', streamArn: EU, viewType: 'NEW_AND_OLD_IMAGES' },
    vote(10, 'eu-west-1', 'PutItem', 'green'),
    vote(900, 'us-east-1', 'Replication', 'green'),
  ];

  it('shows each replica as its own table, named by its Region outside the home Region', () => {
    const v = foldView(facts, 1_000);
    expect(v.tables.map((t) => [t.name, t.streamArn, t.items.length])).toEqual([
      ['Votes', ARN, 1],
      ['Votes (eu-west-1)', EU, 1],
    ]);
    expect(v.streams.map((s) => s.table)).toEqual(['Votes', 'Votes (eu-west-1)']);
    expect(v.writes.map((w) => [w.table, w.op])).toEqual([['Votes', 'Replication'], ['Votes (eu-west-1)', 'PutItem']]);
    expect(foldView(facts, 500).tables.map((t) => t.items.length)).toEqual([0, 1]);
  });
});
