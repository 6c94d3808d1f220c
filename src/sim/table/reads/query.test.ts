/**
 * Conformance of Query against AWS's documented behaviour. Each title names its source:
 * [KC] Developer Guide, "Key condition expressions for query" (Query.KeyConditionExpressions.html)
 * [QP] Developer Guide, "Paginating table query results" (Query.Pagination.html)
 * [QF] Developer Guide, "Filter expressions for query" (Query.FilterExpression.html)
 * [API] API Reference, Query (API_Query.html)
 * The table is the guide's `Reply` example: partition key `Id`, sort key `ReplyDateTime`.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../simulation.ts';
import { awsErrorOf, DDB, newSim, s, n } from '../../testing/harness.ts';
import type { Item } from '../attributeValue.ts';

interface QueryOut { Items?: Item[]; Count: number; ScannedCount: number; LastEvaluatedKey?: Item; ConsumedCapacity?: Record<string, unknown> }

function replyTable(): Simulation {
  const sim = newSim();
  sim.call(`${DDB}CreateTable`, {
    TableName: 'Reply',
    KeySchema: [{ AttributeName: 'Id', KeyType: 'HASH' }, { AttributeName: 'ReplyDateTime', KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: 'Id', AttributeType: 'S' }, { AttributeName: 'ReplyDateTime', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  const thread = 'Amazon DynamoDB#DynamoDB Thread 1';
  for (const [date, by] of [['2015-09-15T19:58:22.947Z', 'User A'], ['2015-09-22T19:58:22.947Z', 'User B'], ['2015-09-29T19:58:22.514Z', 'User A'], ['2015-10-06T19:58:22.514Z', 'User C']] as const) {
    sim.call(`${DDB}PutItem`, { TableName: 'Reply', Item: { Id: s(thread), ReplyDateTime: s(date), PostedBy: s(by), Message: s(`reply on ${date}`) } });
  }
  sim.call(`${DDB}PutItem`, { TableName: 'Reply', Item: { Id: s('Amazon DynamoDB#DynamoDB Thread 2'), ReplyDateTime: s('2015-09-15T19:58:22.947Z'), PostedBy: s('User A') } });
  return sim;
}

const THREAD = { ':id': s('Amazon DynamoDB#DynamoDB Thread 1') };

function q(sim: Simulation, input: Record<string, unknown>): QueryOut {
  return sim.call<QueryOut>(`${DDB}Query`, { TableName: 'Reply', ...input });
}

const dates = (out: QueryOut): string[] => (out.Items ?? []).map((i) => (i.ReplyDateTime as { S: string }).S);

describe('Query: key conditions', () => {
  it('[KC] a partition key equality returns the partition in ascending sort-key order', () => {
    const out = q(replyTable(), { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD });
    expect(out.Count).toBe(4);
    expect(out.ScannedCount).toBe(4);
    expect(dates(out)).toEqual(['2015-09-15T19:58:22.947Z', '2015-09-22T19:58:22.947Z', '2015-09-29T19:58:22.514Z', '2015-10-06T19:58:22.514Z']);
  });

  it('[KC] every sort-key operator: =, <, <=, >, >=, BETWEEN and begins_with', () => {
    const sim = replyTable();
    const cases: [string, Item, number][] = [
      ['ReplyDateTime = :a', { ':a': s('2015-09-22T19:58:22.947Z') }, 1],
      ['ReplyDateTime < :a', { ':a': s('2015-09-22T19:58:22.947Z') }, 1],
      ['ReplyDateTime <= :a', { ':a': s('2015-09-22T19:58:22.947Z') }, 2],
      ['ReplyDateTime > :a', { ':a': s('2015-09-22T19:58:22.947Z') }, 2],
      ['ReplyDateTime >= :a', { ':a': s('2015-09-22T19:58:22.947Z') }, 3],
      ['ReplyDateTime BETWEEN :a AND :b', { ':a': s('2015-09-20'), ':b': s('2015-10-01') }, 2],
      ['begins_with(ReplyDateTime, :a)', { ':a': s('2015-09') }, 3],
    ];
    for (const [cond, values, count] of cases) {
      const out = q(sim, { KeyConditionExpression: `Id = :id AND ${cond}`, ExpressionAttributeValues: { ...THREAD, ...values } });
      expect(out.Count, cond).toBe(count);
    }
  });

  it('[KC] the sort-key condition may come first, and names may be placeholders', () => {
    const out = q(replyTable(), {
      KeyConditionExpression: '#d > :a AND #i = :id',
      ExpressionAttributeNames: { '#d': 'ReplyDateTime', '#i': 'Id' },
      ExpressionAttributeValues: { ...THREAD, ':a': s('2015-09-25') },
    });
    expect(out.Count).toBe(2);
  });

  it('[KC] refuses what a key condition cannot hold, with DynamoDB\'s messages', () => {
    const sim = replyTable();
    const err = (cond: string, values: Item = THREAD) => awsErrorOf(() => q(sim, { KeyConditionExpression: cond, ExpressionAttributeValues: values })).message;
    expect(err('Id = :id OR Id = :id')).toBe('Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR');
    expect(err('Id = :id AND contains(ReplyDateTime, :id)')).toBe('Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: contains');
    expect(err('Id < :id')).toBe('Query key condition not supported');
    expect(err('ReplyDateTime = :id')).toBe('Query condition missed key schema element: Id');
    expect(err('Id = :id AND PostedBy = :id')).toBe('Query condition missed key schema element: ReplyDateTime');
    expect(err('Id = :n', { ':n': n(1) })).toBe('One or more parameter values were invalid: Condition parameter type does not match schema type');
    expect(err('Id = :id AND ReplyDateTime BETWEEN :b AND :a', { ...THREAD, ':a': s('a'), ':b': s('b') })).toMatch(/^Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound/);
    expect(awsErrorOf(() => q(sim, {})).message).toBe('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  });
});

describe('Query: order, pages and filters', () => {
  it('[API] ScanIndexForward false returns the partition in descending order', () => {
    const out = q(replyTable(), { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, ScanIndexForward: false });
    expect(dates(out)[0]).toBe('2015-10-06T19:58:22.514Z');
  });

  it('[QP] Limit pages through the partition with LastEvaluatedKey / ExclusiveStartKey, forwards and backwards', () => {
    const sim = replyTable();
    for (const forward of [true, false]) {
      const seen: string[] = [];
      let start: Item | undefined;
      let pages = 0;
      do {
        const out = q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, Limit: 3, ScanIndexForward: forward, ...(start ? { ExclusiveStartKey: start } : {}) });
        seen.push(...dates(out));
        start = out.LastEvaluatedKey;
        pages++;
      } while (start);
      expect(pages).toBe(2);
      expect(seen).toHaveLength(4);
      expect(new Set(seen).size).toBe(4);
    }
  });

  it('[QP] a page that reaches Limit carries LastEvaluatedKey even when nothing follows; the next page is empty without one', () => {
    const sim = replyTable();
    const first = q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, Limit: 4 });
    expect(first.LastEvaluatedKey).toEqual({ Id: THREAD[':id'], ReplyDateTime: s('2015-10-06T19:58:22.514Z') });
    const second = q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, Limit: 4, ExclusiveStartKey: first.LastEvaluatedKey });
    expect(second).toEqual({ Items: [], Count: 0, ScannedCount: 0 });
  });

  it('[QP] a page stops after 1 MB read, with LastEvaluatedKey, whatever the Limit', () => {
    const sim = replyTable();
    const big = 'x'.repeat(300 * 1024);
    for (let i = 0; i < 5; i++) sim.call(`${DDB}PutItem`, { TableName: 'Reply', Item: { Id: s('big'), ReplyDateTime: s(String(i)), body: s(big) } });
    const out = q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: { ':id': s('big') } });
    expect(out.Count).toBe(4); // 3 × 300 KB < 1 MB, so the fourth is read too; then 1 MB is reached
    expect(out.LastEvaluatedKey).toEqual({ Id: s('big'), ReplyDateTime: s('3') });
  });

  it('[QF] FilterExpression applies after the read: Count counts matches, ScannedCount what was read', () => {
    const out = q(replyTable(), { KeyConditionExpression: 'Id = :id', FilterExpression: 'PostedBy = :u', ExpressionAttributeValues: { ...THREAD, ':u': s('User A') } });
    expect(out.Count).toBe(2);
    expect(out.ScannedCount).toBe(4);
  });

  it('[QF] a filter on a key attribute is refused', () => {
    const e = awsErrorOf(() => q(replyTable(), { KeyConditionExpression: 'Id = :id', FilterExpression: 'ReplyDateTime > :d', ExpressionAttributeValues: { ...THREAD, ':d': s('x') } }));
    expect(e.message).toBe('Filter Expression can only contain non-primary key attributes: Primary key attribute: ReplyDateTime');
  });

  it('[API] Select COUNT returns no Items; SPECIFIC_ATTRIBUTES needs a projection; ConsistentRead is accepted on a table', () => {
    const sim = replyTable();
    const count = q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, Select: 'COUNT', ConsistentRead: true });
    expect(count).toEqual({ Count: 4, ScannedCount: 4 });
    expect(awsErrorOf(() => q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, Select: 'SPECIFIC_ATTRIBUTES' })).message)
      .toBe('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
    const projected = q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, ProjectionExpression: 'PostedBy' });
    expect(projected.Items![0]).toEqual({ PostedBy: s('User A') });
  });

  it('[API] ExclusiveStartKey must be the table key, inside the queried partition', () => {
    const sim = replyTable();
    expect(awsErrorOf(() => q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, ExclusiveStartKey: { Id: THREAD[':id'] } })).message)
      .toBe('The provided starting key is invalid: The provided key element does not match the schema');
    expect(awsErrorOf(() => q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, ExclusiveStartKey: { Id: s('other'), ReplyDateTime: s('x') } })).message)
      .toBe('The provided starting key is outside query boundaries based on provided conditions');
  });

  it('[API] ReturnConsumedCapacity TOTAL: 0.5 unit per 4 KB read, eventually consistent; 1 when strongly consistent', () => {
    const sim = replyTable();
    const out = q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, ReturnConsumedCapacity: 'TOTAL' });
    expect(out.ConsumedCapacity).toEqual({ TableName: 'Reply', CapacityUnits: 0.5 });
    const strong = q(sim, { KeyConditionExpression: 'Id = :id', ExpressionAttributeValues: THREAD, ReturnConsumedCapacity: 'INDEXES', ConsistentRead: true });
    expect(strong.ConsumedCapacity).toEqual({ TableName: 'Reply', CapacityUnits: 1, Table: { CapacityUnits: 1 } });
  });

  it('validates the request before looking the table up (a missing table with a bad Limit is a ValidationException)', () => {
    const sim = newSim();
    expect(awsErrorOf(() => sim.call(`${DDB}Query`, { TableName: 'Nope', KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': s('x') }, Limit: 0 })).code).toBe('ValidationException');
    expect(awsErrorOf(() => sim.call(`${DDB}Query`, { TableName: 'Nope', KeyConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': s('x') } })).code).toBe('ResourceNotFoundException');
  });
});
