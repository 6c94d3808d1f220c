/**
 * Conformance: TransactWriteItems and the stream (reference §1.2, §10 checks 9–10, recordings 04
 * and 05): one record per changed item, none for ConditionCheck or unchanged actions, nothing when
 * cancelled, CancellationReasons, and ClientRequestToken idempotency.
 */
import { describe, expect, it } from 'vitest';
import { awsErrorOf, createTable, DDB, getItem, MINUTE, newSim, put, records, s, n } from '../testing/harness.ts';
import type { Simulation } from '../simulation.ts';

const T = 'tbl';

function transact(sim: Simulation, items: unknown[], extra: Record<string, unknown> = {}): unknown {
  return sim.call(`${DDB}TransactWriteItems`, { TransactItems: items, ...extra });
}

const keyOf = (r: { dynamodb: { Keys: Record<string, unknown> } }): string => (r.dynamodb.Keys.pk as { S: string }).S;

describe('TransactWriteItems', () => {
  it('§10.9 records of recording 04: one per changed item, nothing for unchanged Put/Update, Update on a missing key is INSERT', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    put(sim, { pk: s('Fred') });
    expect(transact(sim, [{ Put: { TableName: T, Item: { pk: s('Fred') } } }, { Put: { TableName: T, Item: { pk: s('NewKey') } } }])).toEqual({});
    transact(sim, [
      { Update: { TableName: T, Key: { pk: s('NewKey') }, UpdateExpression: 'SET attr1 = :v1, attr2 = :v2', ExpressionAttributeValues: { ':v1': s('value1'), ':v2': s('value2') } } },
    ]);
    transact(sim, [{ Update: { TableName: T, Key: { pk: s('NonExistentKey') }, UpdateExpression: 'SET attr1 = :v1', ExpressionAttributeValues: { ':v1': s('value1') } } }]);
    transact(sim, [
      { Delete: { TableName: T, Key: { pk: s('NewKey') } } },
      { Put: { TableName: T, Item: { pk: s('Fred'), name: s('Fred') } } },
      { Update: { TableName: T, Key: { pk: s('NonExistentKey') }, UpdateExpression: 'SET attr1 = :v1', ExpressionAttributeValues: { ':v1': s('value1') } } },
    ]);
    const recs = records(sim, arn);
    expect(recs.map((r) => `${r.eventName} ${keyOf(r)}`)).toEqual([
      'INSERT Fred',
      'INSERT NewKey',
      'MODIFY NewKey',
      'INSERT NonExistentKey',
      'REMOVE NewKey',
      'MODIFY Fred',
    ]);
    expect(recs.map((r) => r.dynamodb.SizeBytes)).toEqual([12, 16, 46, 43, 38, 26]);
    expect(recs[3]!.dynamodb).not.toHaveProperty('OldImage');
    expect(recs[4]!.dynamodb.OldImage).toEqual({ pk: s('NewKey'), attr1: s('value1'), attr2: s('value2') });
  });

  it('§10.9 n changing actions plus m ConditionChecks emit n records and none for the checks', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    put(sim, { pk: s('guard'), open: { BOOL: true } });
    const before = records(sim, arn).length;
    transact(sim, [
      { ConditionCheck: { TableName: T, Key: { pk: s('guard') }, ConditionExpression: '#o = :t', ExpressionAttributeNames: { '#o': 'open' }, ExpressionAttributeValues: { ':t': { BOOL: true } } } },
      { ConditionCheck: { TableName: T, Key: { pk: s('absent') }, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: T, Item: { pk: s('a') } } },
      { Put: { TableName: T, Item: { pk: s('b') } } },
      { Update: { TableName: T, Key: { pk: s('c') }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': n(1) } } },
    ]);
    const recs = records(sim, arn).slice(before);
    expect(recs.map((r) => `${r.eventName} ${keyOf(r)}`).sort()).toEqual(['INSERT a', 'INSERT b', 'INSERT c']);
  });

  it('§10.9 a cancelled transaction changes nothing, emits nothing and names a reason per action', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    put(sim, { pk: s('a'), v: n(1) });
    const err = awsErrorOf(() =>
      transact(sim, [
        { Put: { TableName: T, Item: { pk: s('b') } } },
        { Update: { TableName: T, Key: { pk: s('a') }, UpdateExpression: 'SET v = :v', ConditionExpression: 'v = :old', ExpressionAttributeValues: { ':v': n(2), ':old': n(9) } } },
        { Delete: { TableName: T, Key: { pk: s('z') } } },
      ]),
    );
    expect(err.code).toBe('TransactionCanceledException');
    expect(err.__type).toBe('com.amazonaws.dynamodb.v20120810#TransactionCanceledException');
    expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]');
    expect(err.extra.CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }, { Code: 'None' }]);
    expect(getItem(sim, { pk: s('b') })).toBeUndefined();
    expect(getItem(sim, { pk: s('a') })).toEqual({ pk: s('a'), v: n(1) });
    expect(records(sim, arn)).toHaveLength(1);
  });

  it('§1.2 two actions on one item are rejected (ValidationException) and emit nothing', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    const err = awsErrorOf(() => transact(sim, [{ Put: { TableName: T, Item: { pk: s('a') } } }, { Delete: { TableName: T, Key: { pk: s('a') } } }]));
    expect(err.code).toBe('ValidationException');
    expect(records(sim, arn)).toEqual([]);
  });

  it('§1.2 a repeat with the same ClientRequestToken within 10 minutes succeeds without changes or records', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    const req = [{ Update: { TableName: T, Key: { pk: s('ctr') }, UpdateExpression: 'ADD c :one', ExpressionAttributeValues: { ':one': n(1) } } }];
    transact(sim, req, { ClientRequestToken: 'tok-1' });
    sim.advanceBy(5 * MINUTE);
    expect(transact(sim, req, { ClientRequestToken: 'tok-1' })).toEqual({});
    expect(getItem(sim, { pk: s('ctr') })).toEqual({ pk: s('ctr'), c: n(1) });
    expect(records(sim, arn)).toHaveLength(1);
    // Same token, different request: IdempotentParameterMismatchException.
    const other = [{ Put: { TableName: T, Item: { pk: s('x') } } }];
    expect(awsErrorOf(() => transact(sim, other, { ClientRequestToken: 'tok-1' })).code).toBe('IdempotentParameterMismatchException');
    // After the window the token is forgotten and the request applies again.
    sim.advanceBy(6 * MINUTE);
    transact(sim, req, { ClientRequestToken: 'tok-1' });
    expect(getItem(sim, { pk: s('ctr') })).toEqual({ pk: s('ctr'), c: n(2) });
    expect(records(sim, arn).map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);
  });

  it('§10.9 a transaction across a streamed and an unstreamed table emits one record (recording 05)', () => {
    const sim = newSim();
    const arn = createTable(sim, 'tbl')!;
    createTable(sim, 'nostream', null);
    transact(sim, [{ Put: { TableName: 'nostream', Item: { pk: s('Fred') } } }, { Put: { TableName: T, Item: { pk: s('Fred') } } }]);
    const recs = records(sim, arn);
    expect(recs).toHaveLength(1);
    expect(recs[0]!.dynamodb.SizeBytes).toBe(12);
    expect(getItem(sim, { pk: s('Fred') }, 'nostream')).toEqual({ pk: s('Fred') });
  });
});
