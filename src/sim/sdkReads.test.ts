/**
 * SDK v3 round trips of the read operations and secondary indexes: the official DynamoDBClient,
 * through `simRequestHandler(sim)`, sends Query, Scan, BatchGetItem, TransactGetItems and
 * UpdateTable's GlobalSecondaryIndexUpdates and parses what the simulation answers. The table is
 * the Developer Guide's `Music` example with its `AlbumTitle-index`.
 */
import { describe, expect, it } from 'vitest';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createSimulation } from './index.ts';
import { simRequestHandler } from './sdk.ts';

const SONGS = [
  { Artist: 'No One You Know', SongTitle: 'Call Me Today', AlbumTitle: 'Somewhat Famous', Year: 2015 },
  { Artist: 'No One You Know', SongTitle: 'My Dog Spot', AlbumTitle: 'Hey Now', Year: 2019 },
  { Artist: 'No One You Know', SongTitle: 'Somewhere Down The Road', AlbumTitle: 'Somewhat Famous', Year: 2015 },
  { Artist: 'Acme Band', SongTitle: 'Happy Day', AlbumTitle: 'Songs About Life', Year: 2020 },
  { Artist: 'Acme Band', SongTitle: 'PartiQL Rocks', AlbumTitle: 'Another Album Title', Year: 2021 },
];

async function music() {
  const sim = createSimulation({ seed: 3, epochMs: 1_700_000_000_000 });
  const ddb = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDSTREAMSCOPE', secretAccessKey: 'not-a-secret' },
    requestHandler: simRequestHandler(sim),
    maxAttempts: 1,
  });
  await ddb.send(new CreateTableCommand({
    TableName: 'Music',
    KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }, { AttributeName: 'SongTitle', KeyType: 'RANGE' }],
    AttributeDefinitions: [
      { AttributeName: 'Artist', AttributeType: 'S' },
      { AttributeName: 'SongTitle', AttributeType: 'S' },
      { AttributeName: 'AlbumTitle', AttributeType: 'S' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: [{
      IndexName: 'AlbumTitle-index',
      KeySchema: [{ AttributeName: 'AlbumTitle', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'ALL' },
    }],
  }));
  await ddb.send(new BatchWriteItemCommand({ RequestItems: { Music: SONGS.map((song) => ({ PutRequest: { Item: marshall(song) } })) } }));
  return ddb;
}

describe('AWS SDK v3: reads and indexes against the simulation', () => {
  it('QueryCommand: a partition in order, with a filter, a projection and consumed capacity', async () => {
    const ddb = await music();
    const out = await ddb.send(new QueryCommand({
      TableName: 'Music',
      KeyConditionExpression: 'Artist = :a AND begins_with(SongTitle, :t)',
      FilterExpression: '#y = :y',
      ProjectionExpression: 'SongTitle, AlbumTitle',
      ExpressionAttributeNames: { '#y': 'Year' },
      ExpressionAttributeValues: marshall({ ':a': 'No One You Know', ':t': 'S', ':y': 2015 }),
      ReturnConsumedCapacity: 'TOTAL',
    }));
    expect(out.Items!.map((i) => unmarshall(i))).toEqual([{ SongTitle: 'Somewhere Down The Road', AlbumTitle: 'Somewhat Famous' }]);
    expect(out.Count).toBe(1);
    expect(out.ScannedCount).toBe(1);
    expect(out.ConsumedCapacity).toEqual({ TableName: 'Music', CapacityUnits: 0.5 });
  });

  it('QueryCommand on a GSI, and pages with LastEvaluatedKey', async () => {
    const ddb = await music();
    const byAlbum = await ddb.send(new QueryCommand({
      TableName: 'Music', IndexName: 'AlbumTitle-index', KeyConditionExpression: 'AlbumTitle = :al',
      ExpressionAttributeValues: marshall({ ':al': 'Somewhat Famous' }), Limit: 1,
    }));
    expect(byAlbum.Items).toHaveLength(1);
    expect(Object.keys(unmarshall(byAlbum.LastEvaluatedKey!)).sort()).toEqual(['AlbumTitle', 'Artist', 'SongTitle']);
    const rest = await ddb.send(new QueryCommand({
      TableName: 'Music', IndexName: 'AlbumTitle-index', KeyConditionExpression: 'AlbumTitle = :al',
      ExpressionAttributeValues: marshall({ ':al': 'Somewhat Famous' }), ExclusiveStartKey: byAlbum.LastEvaluatedKey,
    }));
    expect(rest.Items).toHaveLength(1);
    expect(rest.Items![0]).not.toEqual(byAlbum.Items![0]);
  });

  it('ScanCommand with segments and Select COUNT', async () => {
    const ddb = await music();
    let total = 0;
    for (const Segment of [0, 1]) {
      const out = await ddb.send(new ScanCommand({ TableName: 'Music', Segment, TotalSegments: 2, Select: 'COUNT' }));
      expect(out.Items).toBeUndefined();
      total += out.Count!;
    }
    expect(total).toBe(SONGS.length);
  });

  it('BatchGetItemCommand and TransactGetItemsCommand', async () => {
    const ddb = await music();
    const key = (Artist: string, SongTitle: string) => marshall({ Artist, SongTitle });
    const batch = await ddb.send(new BatchGetItemCommand({
      RequestItems: { Music: { Keys: [key('Acme Band', 'Happy Day'), key('Acme Band', 'Nope')], ProjectionExpression: 'AlbumTitle' } },
    }));
    expect(batch.Responses!.Music!.map((i) => unmarshall(i))).toEqual([{ AlbumTitle: 'Songs About Life' }]);
    expect(batch.UnprocessedKeys).toEqual({});
    const tx = await ddb.send(new TransactGetItemsCommand({
      TransactItems: [{ Get: { TableName: 'Music', Key: key('Acme Band', 'PartiQL Rocks') } }, { Get: { TableName: 'Music', Key: key('x', 'y') } }],
    }));
    expect(tx.Responses!.map((r) => (r.Item ? unmarshall(r.Item).Year : null))).toEqual([2021, null]);
  });

  it('UpdateTableCommand adds a GSI that DescribeTable lists and Query reads; UPDATED_NEW of a nested path', async () => {
    const ddb = await music();
    await ddb.send(new UpdateTableCommand({
      TableName: 'Music',
      AttributeDefinitions: [{ AttributeName: 'Year', AttributeType: 'N' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'Year-index', KeySchema: [{ AttributeName: 'Year', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } } }],
    }));
    const table = (await ddb.send(new DescribeTableCommand({ TableName: 'Music' }))).Table!;
    expect(table.GlobalSecondaryIndexes!.map((g) => [g.IndexName, g.IndexStatus, g.ItemCount])).toEqual([['AlbumTitle-index', 'ACTIVE', 5], ['Year-index', 'ACTIVE', 5]]);
    const y2015 = await ddb.send(new QueryCommand({ TableName: 'Music', IndexName: 'Year-index', KeyConditionExpression: '#y = :y', ExpressionAttributeNames: { '#y': 'Year' }, ExpressionAttributeValues: marshall({ ':y': 2015 }) }));
    expect(y2015.Count).toBe(2);
    const updated = await ddb.send(new UpdateItemCommand({
      TableName: 'Music', Key: marshall({ Artist: 'Acme Band', SongTitle: 'Happy Day' }),
      UpdateExpression: 'SET Awards = :m', ExpressionAttributeValues: marshall({ ':m': { grammy: 1 } }), ReturnValues: 'UPDATED_NEW',
    }));
    expect(unmarshall(updated.Attributes!)).toEqual({ Awards: { grammy: 1 } });
  });
});
