/**
 * Secondary indexes against AWS's documentation. Sources named in titles:
 * [GSI] Developer Guide, "Using Global Secondary Indexes in DynamoDB" (GSI.html): the GameScores
 *       table (UserId, GameTitle) with the GameTitleIndex (GameTitle, TopScore).
 * [LSI] Developer Guide, "Local secondary indexes" (LSI.html).
 * [CT] API Reference, CreateTable; [UT] API Reference, UpdateTable (GlobalSecondaryIndexUpdates).
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../simulation.ts';
import { awsErrorOf, DDB, newSim, s, n } from '../testing/harness.ts';
import type { Item } from './attributeValue.ts';

const GAME_SCORES = {
  TableName: 'GameScores',
  KeySchema: [{ AttributeName: 'UserId', KeyType: 'HASH' }, { AttributeName: 'GameTitle', KeyType: 'RANGE' }],
  AttributeDefinitions: [
    { AttributeName: 'UserId', AttributeType: 'S' },
    { AttributeName: 'GameTitle', AttributeType: 'S' },
    { AttributeName: 'TopScore', AttributeType: 'N' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
  GlobalSecondaryIndexes: [{
    IndexName: 'GameTitleIndex',
    KeySchema: [{ AttributeName: 'GameTitle', KeyType: 'HASH' }, { AttributeName: 'TopScore', KeyType: 'RANGE' }],
    Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['Wins'] },
  }],
  LocalSecondaryIndexes: [{
    IndexName: 'ByScore',
    KeySchema: [{ AttributeName: 'UserId', KeyType: 'HASH' }, { AttributeName: 'TopScore', KeyType: 'RANGE' }],
    Projection: { ProjectionType: 'KEYS_ONLY' },
  }],
};

function gameScores(): Simulation {
  const sim = newSim();
  sim.call(`${DDB}CreateTable`, GAME_SCORES);
  const rows: [string, string, number, number][] = [
    ['101', 'Galaxy Invaders', 5842, 21], ['101', 'Meteor Blasters', 1000, 12], ['102', 'Galaxy Invaders', 0, 0],
    ['103', 'Galaxy Invaders', 2317, 40], ['103', 'Starship X', 42, 4],
  ];
  for (const [u, g, score, wins] of rows) {
    sim.call(`${DDB}PutItem`, { TableName: 'GameScores', Item: { UserId: s(u), GameTitle: s(g), TopScore: n(score), Wins: n(wins), Losses: n(1) } });
  }
  // No TopScore: absent from both indexes (a sparse index).
  sim.call(`${DDB}PutItem`, { TableName: 'GameScores', Item: { UserId: s('104'), GameTitle: s('Galaxy Invaders') } });
  return sim;
}

type Desc = { Table: { LocalSecondaryIndexes?: Record<string, unknown>[]; GlobalSecondaryIndexes?: Record<string, unknown>[]; AttributeDefinitions: unknown[] } };
const describe_ = (sim: Simulation): Desc['Table'] => sim.call<Desc>(`${DDB}DescribeTable`, { TableName: 'GameScores' }).Table;
const query = (sim: Simulation, input: Record<string, unknown>) => sim.call<{ Items?: Item[]; Count: number; LastEvaluatedKey?: Item }>(`${DDB}Query`, { TableName: 'GameScores', ...input });

describe('secondary indexes', () => {
  it('[CT] CreateTable keeps both kinds of index and DescribeTable shows them with their item counts', () => {
    const t = describe_(gameScores());
    expect(t.GlobalSecondaryIndexes).toEqual([expect.objectContaining({
      IndexName: 'GameTitleIndex', IndexStatus: 'ACTIVE', ItemCount: 5,
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['Wins'] },
      KeySchema: [{ AttributeName: 'GameTitle', KeyType: 'HASH' }, { AttributeName: 'TopScore', KeyType: 'RANGE' }],
      IndexArn: expect.stringMatching(/:table\/GameScores\/index\/GameTitleIndex$/),
    })]);
    expect(t.LocalSecondaryIndexes).toEqual([expect.objectContaining({ IndexName: 'ByScore', ItemCount: 5, Projection: { ProjectionType: 'KEYS_ONLY' } })]);
  });

  it('[GSI] a GSI query returns the game\'s top scores, highest first, projected as declared', () => {
    const out = query(gameScores(), {
      IndexName: 'GameTitleIndex', KeyConditionExpression: 'GameTitle = :g AND TopScore > :min', ScanIndexForward: false,
      ExpressionAttributeValues: { ':g': s('Galaxy Invaders'), ':min': n(0) },
    });
    expect(out.Items).toEqual([
      { UserId: s('101'), GameTitle: s('Galaxy Invaders'), TopScore: n(5842), Wins: n(21) },
      { UserId: s('103'), GameTitle: s('Galaxy Invaders'), TopScore: n(2317), Wins: n(40) },
    ]);
  });

  it('[GSI] the index is maintained on every write: an update moves the entry, a delete removes it', () => {
    const sim = gameScores();
    sim.call(`${DDB}UpdateItem`, { TableName: 'GameScores', Key: { UserId: s('102'), GameTitle: s('Galaxy Invaders') }, UpdateExpression: 'SET TopScore = :s', ExpressionAttributeValues: { ':s': n(9000) } });
    sim.call(`${DDB}DeleteItem`, { TableName: 'GameScores', Key: { UserId: s('101'), GameTitle: s('Galaxy Invaders') } });
    const out = query(sim, { IndexName: 'GameTitleIndex', KeyConditionExpression: 'GameTitle = :g', ExpressionAttributeValues: { ':g': s('Galaxy Invaders') }, ScanIndexForward: false });
    expect(out.Items!.map((i) => i.UserId)).toEqual([s('102'), s('103')]);
  });

  it('[GSI] strongly consistent reads and ALL_ATTRIBUTES on a partial projection are refused', () => {
    const sim = gameScores();
    const base = { IndexName: 'GameTitleIndex', KeyConditionExpression: 'GameTitle = :g', ExpressionAttributeValues: { ':g': s('x') } };
    expect(awsErrorOf(() => query(sim, { ...base, ConsistentRead: true })).message).toBe('Consistent reads are not supported on global secondary indexes');
    expect(awsErrorOf(() => query(sim, { ...base, Select: 'ALL_ATTRIBUTES' })).message)
      .toBe('One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index GameTitleIndex because its projection type is not ALL');
    expect(awsErrorOf(() => query(sim, { ...base, IndexName: 'Nope' })).message).toBe('The table does not have the specified index: Nope');
  });

  it('[LSI] an LSI query orders one partition by the other sort key; ALL_ATTRIBUTES fetches from the table', () => {
    const sim = gameScores();
    const keys = query(sim, { IndexName: 'ByScore', KeyConditionExpression: 'UserId = :u', ExpressionAttributeValues: { ':u': s('101') } });
    expect(keys.Items).toEqual([
      { UserId: s('101'), TopScore: n(1000), GameTitle: s('Meteor Blasters') },
      { UserId: s('101'), TopScore: n(5842), GameTitle: s('Galaxy Invaders') },
    ]);
    expect(keys.Items!.map(Object.keys)).toEqual([['UserId', 'TopScore', 'GameTitle'], ['UserId', 'TopScore', 'GameTitle']]);
    const all = query(sim, { IndexName: 'ByScore', KeyConditionExpression: 'UserId = :u', ExpressionAttributeValues: { ':u': s('101') }, Select: 'ALL_ATTRIBUTES', ConsistentRead: true });
    expect(all.Items![0]!.Losses).toEqual(n(1));
  });

  it('[GSI] a write with an index key of the wrong type is refused; an item without it stays out of the index', () => {
    const sim = gameScores();
    const e = awsErrorOf(() => sim.call(`${DDB}PutItem`, { TableName: 'GameScores', Item: { UserId: s('9'), GameTitle: s('G'), TopScore: s('high') } }));
    expect(e.message).toBe('One or more parameter values were invalid: Type mismatch for Index Key TopScore Expected: N Actual: S IndexName: ByScore');
    expect(query(sim, { IndexName: 'GameTitleIndex', KeyConditionExpression: 'GameTitle = :g', ExpressionAttributeValues: { ':g': s('Galaxy Invaders') } }).Count).toBe(3);
  });

  it('[CT] index declarations are validated as DynamoDB validates them', () => {
    const sim = newSim();
    const create = (patch: Record<string, unknown>) => awsErrorOf(() => sim.call(`${DDB}CreateTable`, { ...GAME_SCORES, ...patch })).message;
    expect(create({ LocalSecondaryIndexes: [{ ...GAME_SCORES.LocalSecondaryIndexes[0], KeySchema: [{ AttributeName: 'GameTitle', KeyType: 'HASH' }, { AttributeName: 'TopScore', KeyType: 'RANGE' }] }] }))
      .toMatch(/^One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: ByScore/);
    expect(create({ GlobalSecondaryIndexes: [{ ...GAME_SCORES.GlobalSecondaryIndexes[0], Projection: { ProjectionType: 'INCLUDE' } }] }))
      .toBe('One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified');
    expect(create({ AttributeDefinitions: [...GAME_SCORES.AttributeDefinitions, { AttributeName: 'Extra', AttributeType: 'S' }] }))
      .toBe('One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
    expect(create({ KeySchema: [{ AttributeName: 'GameTitle', KeyType: 'RANGE' }, { AttributeName: 'UserId', KeyType: 'HASH' }] }))
      .toBe('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  });

  it('[UT] UpdateTable adds a GSI (backfilled, queryable at once here) and deletes it', () => {
    const sim = gameScores();
    sim.call(`${DDB}UpdateTable`, {
      TableName: 'GameScores',
      AttributeDefinitions: [{ AttributeName: 'Wins', AttributeType: 'N' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'ByWins', KeySchema: [{ AttributeName: 'GameTitle', KeyType: 'HASH' }, { AttributeName: 'Wins', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } } }],
    });
    const out = query(sim, { IndexName: 'ByWins', KeyConditionExpression: 'GameTitle = :g AND Wins >= :w', ExpressionAttributeValues: { ':g': s('Galaxy Invaders'), ':w': n(20) } });
    expect(out.Items!.map((i) => i.Wins)).toEqual([n(21), n(40)]);
    expect(describe_(sim).AttributeDefinitions).toContainEqual({ AttributeName: 'Wins', AttributeType: 'N' });
    sim.call(`${DDB}UpdateTable`, { TableName: 'GameScores', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'ByWins' } }] });
    expect(describe_(sim).GlobalSecondaryIndexes!.map((g) => g.IndexName)).toEqual(['GameTitleIndex']);
    expect(describe_(sim).AttributeDefinitions).not.toContainEqual({ AttributeName: 'Wins', AttributeType: 'N' });
    expect(awsErrorOf(() => sim.call(`${DDB}UpdateTable`, { TableName: 'GameScores', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'ByWins' } }] })).code).toBe('ResourceNotFoundException');
  });

  it('[API] ReturnConsumedCapacity INDEXES splits a write between the table and each index it touches', () => {
    const sim = gameScores();
    const out = sim.call<{ ConsumedCapacity: unknown }>(`${DDB}PutItem`, { TableName: 'GameScores', Item: { UserId: s('200'), GameTitle: s('G'), TopScore: n(1) }, ReturnConsumedCapacity: 'INDEXES' });
    expect(out.ConsumedCapacity).toEqual({
      TableName: 'GameScores', CapacityUnits: 3, Table: { CapacityUnits: 1 },
      LocalSecondaryIndexes: { ByScore: { CapacityUnits: 1 } }, GlobalSecondaryIndexes: { GameTitleIndex: { CapacityUnits: 1 } },
    });
  });
});
