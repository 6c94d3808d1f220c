/**
 * The official AWS SDK v3 clients against the simulation through `simRequestHandler(sim)`: the
 * whole path from CreateTable to GetRecords, the SDK-parsed shapes, and errors arriving as the
 * SDK's typed exception classes.
 */
import { describe, expect, it } from 'vitest';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ResourceInUseException,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createSimulation, type Simulation } from './index.ts';
import { simRequestHandler } from './sdk.ts';

const EPOCH_MS = 1_700_000_000_000;

function clients(sim: Simulation) {
  const config = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDSTREAMSCOPE', secretAccessKey: 'not-a-secret' },
    requestHandler: simRequestHandler(sim),
    maxAttempts: 1,
  };
  return { ddb: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
}

async function setup() {
  const sim = createSimulation({ seed: 7, epochMs: EPOCH_MS, partitions: { Music: 1 } });
  const { ddb, streams } = clients(sim);
  const created = await ddb.send(
    new CreateTableCommand({
      TableName: 'Music',
      KeySchema: [
        { AttributeName: 'Artist', KeyType: 'HASH' },
        { AttributeName: 'SongTitle', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'Artist', AttributeType: 'S' },
        { AttributeName: 'SongTitle', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  return { sim, ddb, streams, streamArn: created.TableDescription!.LatestStreamArn! };
}

describe('AWS SDK v3 against the simulation', () => {
  it('runs the full path: CreateTable → writes → DescribeTable → ListStreams → DescribeStream → GetShardIterator → GetRecords', async () => {
    const { sim, ddb, streams, streamArn } = await setup();
    const key = { Artist: 'No One You Know', SongTitle: 'Call Me Today' };

    await ddb.send(new PutItemCommand({ TableName: 'Music', Item: marshall({ ...key, Year: 2020, Tags: new Set(['a', 'b']) }), ConditionExpression: 'attribute_not_exists(Artist)' }));
    sim.advanceBy(1500);
    const failing = ddb.send(new PutItemCommand({ TableName: 'Music', Item: marshall({ ...key, Year: 1999 }), ConditionExpression: 'attribute_not_exists(Artist)' }));
    const err = await failing.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConditionalCheckFailedException);
    expect((err as Error).name).toBe('ConditionalCheckFailedException');
    expect((err as ConditionalCheckFailedException).$metadata.httpStatusCode).toBe(400);
    expect((err as Error).message).toBe('The conditional request failed');

    const updated = await ddb.send(
      new UpdateItemCommand({
        TableName: 'Music',
        Key: marshall(key),
        UpdateExpression: 'SET #y = #y + :one',
        ExpressionAttributeNames: { '#y': 'Year' },
        ExpressionAttributeValues: marshall({ ':one': 1 }),
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(unmarshall(updated.Attributes!)).toEqual({ ...key, Year: 2021, Tags: new Set(['a', 'b']) });
    const got = await ddb.send(new GetItemCommand({ TableName: 'Music', Key: marshall(key) }));
    expect(unmarshall(got.Item!).Year).toBe(2021);
    await ddb.send(new DeleteItemCommand({ TableName: 'Music', Key: marshall(key) }));

    const table = await ddb.send(new DescribeTableCommand({ TableName: 'Music' }));
    expect(table.Table!.LatestStreamArn).toBe(streamArn);
    expect(table.Table!.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(table.Table!.CreationDateTime).toEqual(new Date(EPOCH_MS));

    const listed = await streams.send(new ListStreamsCommand({ TableName: 'Music' }));
    expect(listed.Streams).toEqual([{ StreamArn: streamArn, TableName: 'Music', StreamLabel: table.Table!.LatestStreamLabel }]);
    expect(listed.LastEvaluatedStreamArn).toBeUndefined();

    const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const desc = described.StreamDescription!;
    expect(desc.StreamStatus).toBe('ENABLED');
    expect(desc.CreationRequestDateTime).toBeInstanceOf(Date);
    expect(desc.KeySchema).toEqual([
      { AttributeName: 'Artist', KeyType: 'HASH' },
      { AttributeName: 'SongTitle', KeyType: 'RANGE' },
    ]);
    expect(desc.Shards).toHaveLength(1);
    const shard = desc.Shards![0]!;

    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }));
    const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
    expect(page.NextShardIterator).toBeDefined();
    const recs = page.Records!;
    expect(recs.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const [ins, mod, rem] = recs as [(typeof recs)[0], (typeof recs)[0], (typeof recs)[0]];
    expect(ins.dynamodb!.ApproximateCreationDateTime).toEqual(new Date(EPOCH_MS));
    expect(mod.dynamodb!.ApproximateCreationDateTime).toEqual(new Date(EPOCH_MS + 1000)); // 1.5 s rounded down
    expect(unmarshall(ins.dynamodb!.NewImage as never)).toEqual({ ...key, Year: 2020, Tags: new Set(['a', 'b']) });
    expect(unmarshall(mod.dynamodb!.OldImage as never).Year).toBe(2020);
    expect(unmarshall(mod.dynamodb!.NewImage as never).Year).toBe(2021);
    expect(rem.dynamodb!.NewImage).toBeUndefined();
    expect(unmarshall(rem.dynamodb!.Keys as never)).toEqual(key);
    expect(ins.eventSource).toBe('aws:dynamodb');
    expect(ins.awsRegion).toBe('us-east-1');
    expect(typeof ins.dynamodb!.SizeBytes).toBe('number');
    expect(ins.dynamodb!.SequenceNumber).toMatch(/^\d{21,40}$/);
    expect(ins.userIdentity).toBeUndefined();
  });

  it('binary values travel as base64 and come back as bytes in GetItem and GetRecords (recording 06)', async () => {
    const { ddb, streams, streamArn } = await setup();
    const item = { Artist: 'id1', SongTitle: 's', version: 1, data: new Uint8Array([0x90]) };
    await ddb.send(new PutItemCommand({ TableName: 'Music', Item: marshall(item) }));
    const got = await ddb.send(new GetItemCommand({ TableName: 'Music', Key: marshall({ Artist: 'id1', SongTitle: 's' }) }));
    expect(unmarshall(got.Item!)).toEqual(item);
    const shardId = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription!.Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const [rec] = (await streams.send(new GetRecordsCommand({ ShardIterator }))).Records!;
    expect(unmarshall(rec!.dynamodb!.NewImage as never)).toEqual(item);
    // SizeBytes counts the raw byte, not its base64 text: Keys 19 (Artist+id1, SongTitle+s) +
    // NewImage 19 + version (7 + 2) + data (4 + 1) = 52.
    expect(rec!.dynamodb!.SizeBytes).toBe(52);
  });

  it('TTL deletions arrive with userIdentity {Type, PrincipalId} as the SDK models it', async () => {
    const { sim, ddb, streams, streamArn } = await setup();
    sim.call('DynamoDB_20120810.UpdateTimeToLive', { TableName: 'Music', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } });
    await ddb.send(new PutItemCommand({ TableName: 'Music', Item: marshall({ Artist: 'a', SongTitle: 's', ttl: EPOCH_MS / 1000 }) }));
    sim.advanceBy(sim.options.ttlDeletionDelayMs);
    const shardId = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription!.Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const recs = (await streams.send(new GetRecordsCommand({ ShardIterator }))).Records!;
    expect(recs.map((r) => r.eventName)).toEqual(['INSERT', 'REMOVE']);
    expect(recs[1]!.userIdentity).toEqual({ Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
  });

  it('errors arrive as the SDK\'s typed exceptions: ExpiredIterator, TrimmedDataAccess, ResourceNotFound, ResourceInUse, TransactionCanceled', async () => {
    const { sim, ddb, streams, streamArn } = await setup();
    await ddb.send(new PutItemCommand({ TableName: 'Music', Item: marshall({ Artist: 'a', SongTitle: 's' }) }));
    const shardId = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription!.Shards![0]!.ShardId!;
    const seq = (await streams.send(new GetRecordsCommand({
      ShardIterator: (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator,
    }))).Records![0]!.dynamodb!.SequenceNumber!;

    const old = (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'LATEST' }))).ShardIterator;
    sim.advanceBy(16 * 60_000);
    const expired = await streams.send(new GetRecordsCommand({ ShardIterator: old })).catch((e: unknown) => e);
    expect(expired).toBeInstanceOf(ExpiredIteratorException);
    expect((expired as Error).name).toBe('ExpiredIteratorException');

    sim.advanceBy(24 * 3_600_000);
    const trimmed = await streams
      .send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: seq }))
      .catch((e: unknown) => e);
    // The shard closed at 4 h and is listed until 28 h; its first record (t = 0) is trimmed.
    expect(trimmed).toBeInstanceOf(TrimmedDataAccessException);
    expect((trimmed as Error).name).toBe('TrimmedDataAccessException');

    const missing = `${streamArn.split('/stream/')[0]}-nope/stream/2024-11-18T14:36:44.149`;
    const notFound = await streams.send(new DescribeStreamCommand({ StreamArn: missing })).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ResourceNotFoundException);
    expect((notFound as Error).message).toBe(`Requested resource not found: Stream: ${missing} not found`);

    const inUse = await ddb.send(new UpdateTableCommand({ TableName: 'Music', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } })).catch((e: unknown) => e);
    expect(inUse).toBeInstanceOf(ResourceInUseException);

    const cancelled = await ddb
      .send(new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'Music', Item: marshall({ Artist: 'x', SongTitle: 'y' }) } },
          { ConditionCheck: { TableName: 'Music', Key: marshall({ Artist: 'none', SongTitle: 'none' }), ConditionExpression: 'attribute_exists(Artist)' } },
        ],
      }))
      .catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(TransactionCanceledException);
    expect((cancelled as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
  });

  it('TrimmedDataAccessException on an open shard surfaces as the SDK class', async () => {
    const sim = createSimulation({ seed: 3, epochMs: EPOCH_MS, partitions: { Music: 1 }, shardLifetimeMs: 100 * 3_600_000 });
    const { ddb, streams } = clients(sim);
    const created = await ddb.send(new CreateTableCommand({
      TableName: 'Music',
      KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'Artist', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    }));
    const streamArn = created.TableDescription!.LatestStreamArn!;
    await ddb.send(new PutItemCommand({ TableName: 'Music', Item: marshall({ Artist: 'a' }) }));
    const shard = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription!.Shards![0]!;
    sim.advanceBy(25 * 3_600_000);
    const err = await streams
      .send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: shard.SequenceNumberRange!.StartingSequenceNumber! }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrimmedDataAccessException);
    expect((err as Error).name).toBe('TrimmedDataAccessException');
  });

  it('a client in a replica\'s Region reads and writes that replica of a global table', async () => {
    const sim = createSimulation({ seed: 5, epochMs: EPOCH_MS, partitions: { Music: 1 }, replicationDelayMinMs: 800, replicationDelayMaxMs: 800 });
    const { ddb } = clients(sim);
    await ddb.send(new CreateTableCommand({
      TableName: 'Music',
      KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'Artist', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }));
    await ddb.send(new UpdateTableCommand({ TableName: 'Music', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] }));
    const eu = new DynamoDBClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDSTREAMSCOPE', secretAccessKey: 'not-a-secret' }, requestHandler: simRequestHandler(sim), maxAttempts: 1 });
    await eu.send(new PutItemCommand({ TableName: 'Music', Item: marshall({ Artist: 'a' }) }));
    const described = await eu.send(new DescribeTableCommand({ TableName: 'Music' }));
    expect(described.Table!.TableArn).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/Music');
    expect(described.Table!.Replicas).toEqual([{ RegionName: 'us-east-1', ReplicaStatus: 'ACTIVE' }]);
    expect(described.Table!.GlobalTableVersion).toBe('2019.11.21');
    expect((await ddb.send(new GetItemCommand({ TableName: 'Music', Key: marshall({ Artist: 'a' }) }))).Item).toBeUndefined();
    await sim.advanceBy(800);
    expect((await ddb.send(new GetItemCommand({ TableName: 'Music', Key: marshall({ Artist: 'a' }) }))).Item).toEqual(marshall({ Artist: 'a' }));
  });
});
