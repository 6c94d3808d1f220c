/**
 * Conformance: which item writes produce stream records (reference §1, §10 checks 1–8), with the
 * facts of the AWS recordings 01–04 restated as the project's own fixtures.
 */
import { describe, expect, it } from 'vitest';
import { awsErrorOf, createTable, del, DDB, getItem, newSim, put, records, s, n, update } from '../testing/harness.ts';
import { heldByPutScratch } from './items.ts';

function setup(view: 'KEYS_ONLY' | 'NEW_AND_OLD_IMAGES' = 'NEW_AND_OLD_IMAGES') {
  const sim = newSim();
  const arn = createTable(sim, 'tbl', view)!;
  return { sim, arn };
}

describe('table → stream: which writes emit records', () => {
  it('§10.1 PutItem on an absent key emits exactly one INSERT whose Keys is the item key', () => {
    const { sim, arn } = setup();
    put(sim, { pk: s('a'), v: n(1) });
    const recs = records(sim, arn);
    expect(recs).toHaveLength(1);
    expect(recs[0]!.eventName).toBe('INSERT');
    expect(recs[0]!.dynamodb.Keys).toEqual({ pk: s('a') });
  });

  it('§10.2 PutItem of an item identical to the stored one emits no record (recording 01 op4)', () => {
    const { sim, arn } = setup('KEYS_ONLY');
    put(sim, { pk: s('Fred') });
    put(sim, { pk: s('Fred') });
    // Number equality is by value: "1.0" and "1" are the same number, so this is still a no-op.
    put(sim, { pk: s('x'), v: n('1') });
    put(sim, { pk: s('x'), v: n('1.0') });
    expect(records(sim, arn).map((r) => r.eventName)).toEqual(['INSERT', 'INSERT']);
  });

  it('§10.3 UpdateItem setting attributes to their current values emits no record (recording 03)', () => {
    const { sim, arn } = setup();
    const v = { ':v1': s('value1'), ':v2': s('value2') };
    update(sim, { pk: s('my-item-id') }, 'SET attr1 = :v1, attr2 = :v2', v);
    update(sim, { pk: s('my-item-id') }, 'SET attr1 = :v1, attr2 = :v2', v);
    update(sim, { pk: s('my-item-id') }, 'SET attr1 = :v1, attr2 = :v2', { ':v1': s('value2'), ':v2': s('value3') });
    const recs = records(sim, arn);
    expect(recs.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);
    expect(recs[1]!.dynamodb.OldImage).toEqual({ pk: s('my-item-id'), attr1: s('value1'), attr2: s('value2') });
    expect(recs[1]!.dynamodb.NewImage).toEqual({ pk: s('my-item-id'), attr1: s('value2'), attr2: s('value3') });
  });

  it('§10.4 PutItem over an existing item with different content emits one MODIFY (not REMOVE + INSERT), old image whole', () => {
    const { sim, arn } = setup();
    put(sim, { pk: s('a'), dropped: s('x'), kept: n(1) });
    put(sim, { pk: s('a'), kept: n(2) });
    const recs = records(sim, arn);
    expect(recs.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);
    expect(recs[1]!.dynamodb.OldImage).toEqual({ pk: s('a'), dropped: s('x'), kept: n(1) });
    expect(recs[1]!.dynamodb.NewImage).toEqual({ pk: s('a'), kept: n(2) });
  });

  it('§10.5 UpdateItem on an absent key creates the item and emits INSERT with NewImage only', () => {
    const { sim, arn } = setup();
    update(sim, { pk: s('new') }, 'SET a = :a', { ':a': s('x') });
    expect(getItem(sim, { pk: s('new') })).toEqual({ pk: s('new'), a: s('x') });
    const [rec] = records(sim, arn);
    expect(rec!.eventName).toBe('INSERT');
    expect(rec!.dynamodb.NewImage).toEqual({ pk: s('new'), a: s('x') });
    expect('OldImage' in rec!.dynamodb).toBe(false);
  });

  it('§10.5 / §1.2 UpdateItem REMOVE-only on an absent key creates nothing and emits nothing (scylladb#28368)', () => {
    const { sim, arn } = setup();
    update(sim, { pk: s('ghost') }, 'REMOVE a, b');
    expect(getItem(sim, { pk: s('ghost') })).toBeUndefined();
    expect(records(sim, arn)).toEqual([]);
  });

  it('§10.3 UpdateItem REMOVE of an attribute the item lacks emits nothing', () => {
    const { sim, arn } = setup();
    put(sim, { pk: s('a'), x: n(1) });
    update(sim, { pk: s('a') }, 'REMOVE absentAttr');
    expect(records(sim, arn)).toHaveLength(1);
  });

  it('§10.6 DeleteItem on an existing item emits one REMOVE; on an absent key it emits nothing', () => {
    const { sim, arn } = setup();
    put(sim, { pk: s('a') });
    del(sim, { pk: s('a') });
    del(sim, { pk: s('a') });
    del(sim, { pk: s('never') });
    const recs = records(sim, arn);
    expect(recs.map((r) => r.eventName)).toEqual(['INSERT', 'REMOVE']);
    expect(recs[1]!.dynamodb.OldImage).toEqual({ pk: s('a') });
    expect('NewImage' in recs[1]!.dynamodb).toBe(false);
  });

  it('§10.7 a false condition fails with ConditionalCheckFailedException (with __type) and emits nothing', () => {
    const { sim, arn } = setup();
    put(sim, { pk: s('a'), v: n(1) }, { ConditionExpression: 'attribute_not_exists(pk)' });
    const err = awsErrorOf(() => put(sim, { pk: s('a'), v: n(2) }, { ConditionExpression: 'attribute_not_exists(pk)' }));
    expect(err.code).toBe('ConditionalCheckFailedException');
    expect(err.__type).toBe('com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException');
    expect(err.message).toBe('The conditional request failed');
    const updErr = awsErrorOf(() => update(sim, { pk: s('a') }, 'SET v = :v', { ':v': n(9), ':min': n(5) }, { ConditionExpression: 'v > :min' }));
    expect(updErr.code).toBe('ConditionalCheckFailedException');
    const delErr = awsErrorOf(() => del(sim, { pk: s('a') }, { ConditionExpression: 'v = :x', ExpressionAttributeValues: { ':x': n(7) } }));
    expect(delErr.code).toBe('ConditionalCheckFailedException');
    expect(getItem(sim, { pk: s('a') })).toEqual({ pk: s('a'), v: n(1) });
    expect(records(sim, arn).map((r) => r.eventName)).toEqual(['INSERT']);
    expect(sim.trace.filter((e) => e.type === 'write-rejected')).toHaveLength(3);
  });

  it('§10.7 ReturnValuesOnConditionCheckFailure ALL_OLD puts the old item in the error', () => {
    const { sim } = setup();
    put(sim, { pk: s('a'), v: n(1) });
    const err = awsErrorOf(() =>
      put(sim, { pk: s('a') }, { ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
    );
    expect(err.extra).toEqual({ Item: { pk: s('a'), v: n(1) } });
  });

  it('§10.8 BatchWriteItem of k effective puts/deletes emits k records; an identical put emits none (recording 02)', () => {
    const { sim, arn } = setup();
    put(sim, { pk: s('Fred') });
    const r1 = sim.call(`${DDB}BatchWriteItem`, {
      RequestItems: { tbl: [{ PutRequest: { Item: { pk: s('Fred') } } }, { PutRequest: { Item: { pk: s('NewKey') } } }] },
    });
    expect(r1).toEqual({ UnprocessedItems: {} });
    sim.call(`${DDB}BatchWriteItem`, {
      RequestItems: { tbl: [{ DeleteRequest: { Key: { pk: s('NewKey') } } }, { PutRequest: { Item: { pk: s('Fred'), name: s('Fred') } } }] },
    });
    const recs = records(sim, arn);
    expect(recs.map((r) => `${r.eventName} ${r.dynamodb.Keys.pk && 'S' in r.dynamodb.Keys.pk ? r.dynamodb.Keys.pk.S : ''}`)).toEqual([
      'INSERT Fred',
      'INSERT NewKey',
      'REMOVE NewKey',
      'MODIFY Fred',
    ]);
    // SizeBytes fixture from recording 02 (key attribute renamed `pk`: 2 chars like `id`).
    expect(recs.map((r) => r.dynamodb.SizeBytes)).toEqual([12, 16, 16, 26]);
  });

  it('§10.8 BatchWriteItem with the same key twice is rejected as a whole and emits nothing', () => {
    const { sim, arn } = setup();
    const err = awsErrorOf(() =>
      sim.call(`${DDB}BatchWriteItem`, {
        RequestItems: { tbl: [{ PutRequest: { Item: { pk: s('a') } } }, { DeleteRequest: { Key: { pk: s('a') } } }] },
      }),
    );
    expect(err.code).toBe('ValidationException');
    expect(err.message).toBe('Provided list of item keys contains duplicates');
    expect(records(sim, arn)).toEqual([]);
  });

  it('§10.8 BatchWriteItem with more than 25 requests is rejected before any write', () => {
    const { sim, arn } = setup();
    const reqs = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { pk: s(`k${i}`) } } }));
    expect(awsErrorOf(() => sim.call(`${DDB}BatchWriteItem`, { RequestItems: { tbl: reqs } })).code).toBe('ValidationException');
    expect(records(sim, arn)).toEqual([]);
  });

  it('§1.1 a table without a stream records nothing anywhere and writes still work', () => {
    const sim = newSim();
    expect(createTable(sim, 'plain', null)).toBeUndefined();
    put(sim, { pk: s('a') }, {}, 'plain');
    expect(getItem(sim, { pk: s('a') }, 'plain')).toEqual({ pk: s('a') });
    expect(sim.trace.filter((e) => e.type === 'record-appended')).toEqual([]);
  });

  it('§1.2 PutItem returns an empty body; ReturnValues ALL_OLD returns the replaced item', () => {
    const { sim } = setup();
    expect(put(sim, { pk: s('a'), v: n(1) })).toEqual({});
    expect(put(sim, { pk: s('a'), v: n(2) }, { ReturnValues: 'ALL_OLD' })).toEqual({ Attributes: { pk: s('a'), v: n(1) } });
  });

  it('§10.7 legacy Expected / AttributeUpdates are refused rather than ignored (ignoring them wrote through a guard)', () => {
    const { sim, arn } = setup();
    put(sim, { pk: s('a'), v: n(1) });
    const e1 = awsErrorOf(() => put(sim, { pk: s('a'), v: n(2) }, { Expected: { pk: { Exists: false } } }));
    expect(e1.code).toBe('ValidationException');
    expect(e1.message).toMatch(/Expected/);
    const e2 = awsErrorOf(() => sim.call(`${DDB}UpdateItem`, { TableName: 'tbl', Key: { pk: s('b') }, AttributeUpdates: { v: { Action: 'PUT', Value: n(1) } } }));
    expect(e2.code).toBe('ValidationException');
    expect(getItem(sim, { pk: s('a') })).toEqual({ pk: s('a'), v: n(1) });
    expect(getItem(sim, { pk: s('b') })).toBeUndefined();
    expect(records(sim, arn)).toHaveLength(1);
  });

  it('§10.30 per-item order: records of one item keep write order across many interleaved writes', () => {
    const { sim, arn } = setup();
    for (let i = 0; i < 20; i++) {
      update(sim, { pk: s(`k${i % 3}`) }, 'SET v = :v', { ':v': n(i) });
    }
    const recs = records(sim, arn);
    for (const k of ['k0', 'k1', 'k2']) {
      const vs = recs.filter((r) => JSON.stringify(r.dynamodb.Keys) === JSON.stringify({ pk: s(k) })).map((r) => Number((r.dynamodb.NewImage!.v as { N: string }).N));
      expect(vs).toEqual([...vs].sort((a, b) => a - b));
    }
  });
});

describe("PutItem's shared prepared write", () => {
  it('holds nothing of a world once a put returns or throws, and each put reads its own world', () => {
    const a = setup();
    put(a.sim, { pk: s('k'), v: n(1) });
    expect(heldByPutScratch()).toEqual([]);
    const failed = awsErrorOf(() => put(a.sim, { pk: s('k'), v: n(2) }, { ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }));
    expect(failed.code).toBe('ConditionalCheckFailedException');
    expect(failed.extra.Item).toEqual({ pk: s('k'), v: n(1) });
    expect(heldByPutScratch()).toEqual([]);
    // Another world, the same key: its put finds no old item (nothing of the first world's is read).
    const b = setup();
    expect(put(b.sim, { pk: s('k'), v: n(3) }, { ReturnValues: 'ALL_OLD', ReturnConsumedCapacity: 'TOTAL' })).toEqual({ ConsumedCapacity: { TableName: 'tbl', CapacityUnits: 1 } });
    expect(put(a.sim, { pk: s('k'), v: n(4) }, { ReturnValues: 'ALL_OLD' })).toEqual({ Attributes: { pk: s('k'), v: n(1) } });
    expect(heldByPutScratch()).toEqual([]);
    expect(records(b.sim, b.arn).map((r) => r.eventName)).toEqual(['INSERT']);
    expect(records(a.sim, a.arn).map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);
  });
});
