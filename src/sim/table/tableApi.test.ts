/**
 * Conformance: the stream lifecycle on the control plane (reference §3, §10 checks 21–25,
 * recordings 05 and 10): where the stream fields appear, enabling and disabling, and what a
 * disable + re-enable does to the old stream.
 */
import { describe, expect, it } from 'vitest';
import { allShards, awsErrorOf, createTable, DDB, describeStream, HOUR, newSim, put, readShard, s, STREAMS } from '../testing/harness.ts';
import type { Simulation } from '../simulation.ts';

const LABEL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;
const STREAM_FIELDS = ['StreamSpecification', 'LatestStreamArn', 'LatestStreamLabel'];

type TableDescription = Record<string, unknown> & { TableArn: string; TableStatus: string; LatestStreamArn?: string; LatestStreamLabel?: string };

function create(sim: Simulation, spec?: unknown): TableDescription {
  return sim.call<{ TableDescription: TableDescription }>(`${DDB}CreateTable`, {
    TableName: 'tbl',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
    ...(spec !== undefined ? { StreamSpecification: spec } : {}),
  }).TableDescription;
}

function setStream(sim: Simulation, spec: unknown): TableDescription {
  return sim.call<{ TableDescription: TableDescription }>(`${DDB}UpdateTable`, { TableName: 'tbl', StreamSpecification: spec }).TableDescription;
}

function describeTable(sim: Simulation): TableDescription {
  return sim.call<{ Table: TableDescription }>(`${DDB}DescribeTable`, { TableName: 'tbl' }).Table;
}

describe('stream lifecycle on the table', () => {
  it('§3 / recording 05 + 10: a table created without a stream (or StreamEnabled false) has no stream fields at all', () => {
    for (const spec of [undefined, { StreamEnabled: false }]) {
      const sim = newSim();
      const created = create(sim, spec);
      for (const f of STREAM_FIELDS) expect(created).not.toHaveProperty(f);
      for (const f of STREAM_FIELDS) expect(describeTable(sim)).not.toHaveProperty(f);
      expect(created.TableStatus).toBe('CREATING');
    }
  });

  it('§10.24 CreateTable with a stream answers CREATING with the stream fields; LatestStreamArn = TableArn + /stream/ + ISO-8601 label with ms', () => {
    const sim = newSim({ region: 'eu-central-1', accountId: '111111111111', epochMs: Date.UTC(2015, 4, 11, 21, 21, 33, 291) });
    const t = create(sim, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(t.TableStatus).toBe('CREATING');
    expect(t.TableArn).toBe('arn:aws:dynamodb:eu-central-1:111111111111:table/tbl');
    expect(t.LatestStreamLabel).toBe('2015-05-11T21:21:33.291');
    expect(t.LatestStreamLabel).toMatch(LABEL);
    expect(t.LatestStreamArn).toBe(`${t.TableArn}/stream/${t.LatestStreamLabel}`);
    expect(t.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    const d = describeTable(sim);
    expect(d.TableStatus).toBe('ACTIVE');
    expect(d.LatestStreamArn).toBe(t.LatestStreamArn);
    expect(d.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
  });

  it('§3 / recording 10: UpdateTable enabling a stream answers UPDATING with the new stream fields already present', () => {
    const sim = newSim();
    create(sim, { StreamEnabled: false });
    sim.advanceBy(1234);
    const t = setStream(sim, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(t.TableStatus).toBe('UPDATING');
    expect(t.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    expect(t.LatestStreamArn).toBe(`${t.TableArn}/stream/${t.LatestStreamLabel}`);
    expect(describeStream(sim, t.LatestStreamArn!).StreamStatus).toBe('ENABLED');
  });

  it('§3 / recordings 01, 05, 10: BillingModeSummary appears for on-demand tables only; KeySchema and AttributeDefinitions echo the request', () => {
    const sim = newSim();
    const onDemand = create(sim, { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
    expect(onDemand.BillingModeSummary).toEqual({ BillingMode: 'PAY_PER_REQUEST' });
    expect(onDemand.ProvisionedThroughput).toEqual({ NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
    const provisioned = sim.call<{ TableDescription: TableDescription }>(`${DDB}CreateTable`, {
      TableName: 'Users',
      KeySchema: [{ AttributeName: 'Username', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'Username', AttributeType: 'S' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    }).TableDescription;
    expect(provisioned).not.toHaveProperty('BillingModeSummary');
    expect(provisioned.ProvisionedThroughput).toEqual({ NumberOfDecreasesToday: 0, ReadCapacityUnits: 5, WriteCapacityUnits: 5 });
    expect(provisioned.KeySchema).toEqual([{ AttributeName: 'Username', KeyType: 'HASH' }]);
    expect(provisioned.AttributeDefinitions).toEqual([{ AttributeName: 'Username', AttributeType: 'S' }]);
    expect(provisioned.DeletionProtectionEnabled).toBe(false);
    // A 5/5 provisioned table has one partition, so one shard (recordings 01–06).
    expect(describeStream(sim, provisioned.LatestStreamArn!).Shards).toHaveLength(1);
  });

  it('§10.21 enabling a stream on a table that already has one → ResourceInUseException; disabling without one → ValidationException', () => {
    const sim = newSim();
    create(sim, { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
    const e1 = awsErrorOf(() => setStream(sim, { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' }));
    expect(e1.code).toBe('ResourceInUseException');
    // §10.23 changing the view type in place is rejected the same way.
    expect(awsErrorOf(() => setStream(sim, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' })).code).toBe('ResourceInUseException');
    setStream(sim, { StreamEnabled: false });
    const e2 = awsErrorOf(() => setStream(sim, { StreamEnabled: false }));
    expect(e2.code).toBe('ValidationException');
    expect(e2.__type).toBe('com.amazonaws.dynamodb.v20120810#ValidationException');
    // A stream without a view type is refused.
    expect(awsErrorOf(() => setStream(sim, { StreamEnabled: true })).code).toBe('ValidationException');
  });

  it('§10.22 disable + re-enable gives a new ARN and label; the old stream\'s shards are all closed and stay readable for 24 h', () => {
    const sim = newSim({ partitions: { tbl: 3 } });
    const oldArn = createTable(sim)!;
    put(sim, { pk: s('a') });
    put(sim, { pk: s('b') });
    sim.advanceBy(1000);
    setStream(sim, { StreamEnabled: false });
    expect(describeTable(sim)).not.toHaveProperty('StreamSpecification');
    put(sim, { pk: s('c') }); // no stream: no record anywhere
    const t = setStream(sim, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(t.LatestStreamArn).not.toBe(oldArn);
    expect(t.LatestStreamLabel).not.toBe(oldArn.split('/stream/')[1]);
    const old = describeStream(sim, oldArn);
    expect(old.StreamStatus).toBe('DISABLED');
    expect(old.Shards).toHaveLength(3);
    for (const sh of old.Shards) expect(sh.SequenceNumberRange.EndingSequenceNumber).toBeDefined();
    const oldRecords = old.Shards.flatMap((sh) => {
      const r = readShard(sim, oldArn, sh.ShardId);
      expect(r.ended).toBe(true);
      return r.records.map((x) => (x.dynamodb.Keys.pk as { S: string }).S);
    });
    expect(oldRecords.sort()).toEqual(['a', 'b']);
    put(sim, { pk: s('d') });
    const newKeys = allShards(sim, t.LatestStreamArn!).flatMap((sh) => readShard(sim, t.LatestStreamArn!, sh.ShardId).records);
    expect(newKeys.map((x) => (x.dynamodb.Keys.pk as { S: string }).S)).toEqual(['d']);
    // ListStreams lists both until the old one expires.
    expect(sim.call<{ Streams: unknown[] }>(`${STREAMS}ListStreams`, { TableName: 'tbl' }).Streams).toHaveLength(2);
    sim.advanceBy(24 * HOUR);
    expect(awsErrorOf(() => describeStream(sim, oldArn)).code).toBe('ResourceNotFoundException');
    expect(sim.call<{ Streams: unknown[] }>(`${STREAMS}ListStreams`, { TableName: 'tbl' }).Streams).toHaveLength(1);
  });

  it('§10.25 StreamStatus only takes ENABLING / ENABLED / DISABLING / DISABLED', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    const seen = new Set<string>([describeStream(sim, arn).StreamStatus]);
    setStream(sim, { StreamEnabled: false });
    seen.add(describeStream(sim, arn).StreamStatus);
    for (const st of seen) expect(['ENABLING', 'ENABLED', 'DISABLING', 'DISABLED']).toContain(st);
  });

  it('§3 DeleteTable closes the stream; its records stay readable until retention ends', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    put(sim, { pk: s('a') });
    sim.call(`${DDB}DeleteTable`, { TableName: 'tbl' });
    const d = describeStream(sim, arn);
    expect(d.StreamStatus).toBe('DISABLED');
    expect(readShard(sim, arn, d.Shards[0]!.ShardId).records).toHaveLength(1);
    expect(awsErrorOf(() => describeTable(sim)).code).toBe('ResourceNotFoundException');
    // A new table of the same name gets a different stream.
    const again = createTable(sim)!;
    expect(again).not.toBe(arn);
  });
});
