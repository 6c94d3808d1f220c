/**
 * DynamoDB's limits, validation order and messages. Sources named in titles:
 * [Q] Developer Guide, "Quotas in Amazon DynamoDB" (ServiceQuotas.html): item 400 KB, partition
 *     key value 2048 bytes, sort key value 1024 bytes, expressions 4 KB, 25 items per
 *     BatchWriteItem, 100 per transaction.
 * [E] Developer Guide, "Error handling with DynamoDB" (Programming.Errors.html): ValidationException,
 *     SerializationException, ResourceNotFoundException.
 * [U] Developer Guide, "Update expressions" (Expressions.UpdateExpressions.html) and API Reference,
 *     UpdateItem ReturnValues.
 * [C] Developer Guide, "Read/write capacity mode" (read-write-operations.html).
 */
import { describe, expect, it } from 'vitest';
import { awsErrorOf, createTable, DDB, getItem, newSim, put, s, n, update } from '../testing/harness.ts';
import type { Item } from './attributeValue.ts';

function table(range = false) {
  const sim = newSim();
  createTable(sim, 'tbl', null, { range });
  return sim;
}

describe('limits', () => {
  it('[Q] an item over 400 KB is refused, by PutItem and by an UpdateItem that grows it', () => {
    const sim = table();
    expect(awsErrorOf(() => put(sim, { pk: s('a'), v: s('x'.repeat(500 * 1024)) })).message).toBe('Item size has exceeded the maximum allowed size');
    put(sim, { pk: s('a'), v: s('x'.repeat(300 * 1024)) });
    expect(awsErrorOf(() => update(sim, { pk: s('a') }, 'SET w = :w', { ':w': s('y'.repeat(200 * 1024)) })).message).toBe('Item size to update has exceeded the maximum allowed size');
    put(sim, { pk: s('b'), v: s('x'.repeat(400 * 1024 - 5)) }); // "pk" + "b" + "v" + value: exactly 400 KB
  });

  it('[Q] counts a string by its UTF-8 bytes at the limit, whatever its length in UTF-16 units', () => {
    // Validation bounds a string by 3 bytes a unit; past the limit by that bound, the item is sized exactly.
    const sim = table();
    put(sim, { pk: s('c'), v: s('😀'.repeat(102_399)) }); // 4 bytes in 2 units each: 4 + 409,596 = exactly 400 KB
    expect(getItem(sim, { pk: s('c') })?.v).toEqual(s('😀'.repeat(102_399)));
    // '€' is 3 bytes in 1 unit: 4 + 409,599 bytes, 3 over.
    expect(awsErrorOf(() => put(sim, { pk: s('d'), v: s('€'.repeat(136_533)) })).message).toBe('Item size has exceeded the maximum allowed size');
    expect(getItem(sim, { pk: s('d') })).toBeUndefined();
  });

  it('[Q] key values over 2048 (partition) and 1024 (sort) bytes are refused', () => {
    const sim = table(true);
    expect(awsErrorOf(() => put(sim, { pk: s('p'.repeat(2049)), sk: s('a') })).message)
      .toBe('One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes');
    expect(awsErrorOf(() => put(sim, { pk: s('a'), sk: s('é'.repeat(513)) })).message)
      .toBe('One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes');
    put(sim, { pk: s('p'.repeat(2048)), sk: s('s'.repeat(1024)) });
  });

  it('[Q] an expression over 4 KB is refused', () => {
    const sim = table();
    const long = `attribute_not_exists(pk) OR ${Array.from({ length: 500 }, () => 'v = :v').join(' OR ')}`;
    expect(awsErrorOf(() => put(sim, { pk: s('a') }, { ConditionExpression: long, ExpressionAttributeValues: { ':v': n(1) } })).message)
      .toMatch(/^Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: \d+$/);
  });

  it('counts an expression in UTF-8 bytes: 4,096 pass, 4,097 are refused, whatever its length in UTF-16 units', () => {
    const sim = table();
    const padded = (bytes: number, pad: string, padBytes: number): string => {
      const head = 'attribute_not_exists(pk)';
      const room = bytes - head.length;
      return head + pad.repeat(Math.floor(room / padBytes)) + ' '.repeat(room % padBytes);
    };
    // Padded with spaces (a byte each), then with no-break spaces (two bytes, one UTF-16 unit each).
    for (const [pad, padBytes] of [[' ', 1], ['\u00a0', 2]] as const) {
      const ok = padded(4096, pad, padBytes);
      const over = padded(4097, pad, padBytes);
      expect(new TextEncoder().encode(ok).length).toBe(4096);
      const okError = (() => {
        try {
          put(sim, { pk: s(`k${padBytes}`) }, { ConditionExpression: ok });
          return '';
        } catch (e) {
          return (e as Error).message;
        }
      })();
      expect(okError).not.toMatch(/Expression size/);
      expect(awsErrorOf(() => put(sim, { pk: s('a') }, { ConditionExpression: over })).message).toBe(
        'Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097',
      );
    }
  });

  it('[Q][E] more than 25 writes in a BatchWriteItem is a ValidationException, even for a missing table', () => {
    const sim = newSim();
    const requests = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { pk: s(`k${i}`) } } }));
    const e = awsErrorOf(() => sim.call(`${DDB}BatchWriteItem`, { RequestItems: { Missing: requests } }));
    expect(e.code).toBe('ValidationException');
    expect(e.message).toMatch(/Member must have length less than or equal to 25/);
  });
});

describe('validation order and wording', () => {
  it('[E] a malformed request to a missing table is a ValidationException, not ResourceNotFound', () => {
    const sim = newSim();
    expect(awsErrorOf(() => sim.call(`${DDB}PutItem`, { TableName: 'Missing', Item: { pk: { S: 1 } } })).code).toBe('ValidationException');
    expect(awsErrorOf(() => sim.call(`${DDB}UpdateItem`, { TableName: 'Missing', Key: { pk: s('a') }, UpdateExpression: 'SET' })).code).toBe('ValidationException');
    expect(awsErrorOf(() => sim.call(`${DDB}GetItem`, { TableName: 'Missing', Key: { pk: s('a') } })).code).toBe('ResourceNotFoundException');
  });

  it('[E] a wrongly typed JSON member is a SerializationException worded as AWS words it', () => {
    const sim = table();
    const e = awsErrorOf(() => sim.call(`${DDB}GetItem`, { TableName: 'tbl', Key: { pk: s('a') }, ConsistentRead: 'yes' }));
    expect(e.code).toBe('SerializationException');
    expect(e.message).toBe('STRING_VALUE can not be converted to a Boolean');
    expect(awsErrorOf(() => sim.call(`${DDB}GetItem`, { TableName: 7, Key: { pk: s('a') } })).message).toBe('NUMBER_VALUE can not be converted to a String');
    expect(awsErrorOf(() => sim.call(`${DDB}Query`, { TableName: 'tbl', Limit: '5' })).message).toBe('STRING_VALUE can not be converted to an Integer');
  });

  it('[E] a Key of the wrong type or shape does not match the schema', () => {
    const sim = table();
    for (const Key of [{ pk: n(1) }, { other: s('a') }, { pk: s('a'), extra: s('b') }]) {
      expect(awsErrorOf(() => sim.call(`${DDB}GetItem`, { TableName: 'tbl', Key })).message).toBe('The provided key element does not match the schema');
    }
  });

  it('[E] CreateTable refuses a RANGE key listed first and capacity above the account quota', () => {
    const sim = newSim();
    const base = { TableName: 'Tbl', AttributeDefinitions: [{ AttributeName: 'a', AttributeType: 'S' }, { AttributeName: 'b', AttributeType: 'S' }] };
    expect(awsErrorOf(() => sim.call(`${DDB}CreateTable`, { ...base, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'b', KeyType: 'RANGE' }, { AttributeName: 'a', KeyType: 'HASH' }] })).message)
      .toBe('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
    const e = awsErrorOf(() => sim.call(`${DDB}CreateTable`, { ...base, KeySchema: [{ AttributeName: 'a', KeyType: 'HASH' }, { AttributeName: 'b', KeyType: 'RANGE' }], ProvisionedThroughput: { ReadCapacityUnits: 40001, WriteCapacityUnits: 5 } }));
    expect(e.code).toBe('LimitExceededException');
  });
});

describe('update expressions and ReturnValues', () => {
  const item: Item = { pk: s('a'), b: { M: { a: n(1), keep: s('k') } }, c: { L: [n(10), n(20)] } };

  it('[U] parenthesised operands are accepted: SET b.c = ((c[1]) + (b.a))', () => {
    const sim = table();
    put(sim, item);
    update(sim, { pk: s('a') }, 'SET b.c = ((c[1]) + (b.a))');
    expect(getItem(sim, { pk: s('a') })!.b).toEqual({ M: { a: n(1), keep: s('k'), c: n(21) } });
    expect(awsErrorOf(() => update(sim, { pk: s('a') }, 'SET b.c = (c[1] + b.a) + b.a')).code).toBe('ValidationException');
  });

  it('[U] REMOVE and DELETE on a path whose parent is missing are invalid for update', () => {
    const sim = table();
    put(sim, item);
    const invalid = 'The document path provided in the update expression is invalid for update';
    expect(awsErrorOf(() => update(sim, { pk: s('a') }, 'REMOVE x.y')).message).toBe(invalid);
    expect(awsErrorOf(() => update(sim, { pk: s('a') }, 'DELETE x.y :s', { ':s': { SS: ['a'] } })).message).toBe(invalid);
    update(sim, { pk: s('a') }, 'DELETE b.tags :s', { ':s': { SS: ['a'] } }); // the map exists: a no-op
  });

  it('[U] UPDATED_OLD and UPDATED_NEW return only the nested paths the update wrote', () => {
    const sim = table();
    put(sim, item);
    const old = update(sim, { pk: s('a') }, 'SET b.a = :v', { ':v': n(2) }, { ReturnValues: 'UPDATED_OLD' });
    expect(old).toEqual({ Attributes: { b: { M: { a: n(1) } } } });
    const fresh = update(sim, { pk: s('a') }, 'SET b.a = :v, c[0] = :w', { ':v': n(3), ':w': n(11) }, { ReturnValues: 'UPDATED_NEW' });
    expect(fresh).toEqual({ Attributes: { b: { M: { a: n(3) } }, c: { L: [n(11)] } } });
  });

  it('[C] ReturnConsumedCapacity: one write unit per KB of the larger image; GetItem half a unit per 4 KB', () => {
    const sim = table();
    expect(put(sim, { pk: s('a'), v: s('x'.repeat(1500)) }, { ReturnConsumedCapacity: 'TOTAL' })).toEqual({ ConsumedCapacity: { TableName: 'tbl', CapacityUnits: 2 } });
    expect(sim.call(`${DDB}GetItem`, { TableName: 'tbl', Key: { pk: s('a') }, ProjectionExpression: 'pk', ReturnConsumedCapacity: 'TOTAL' }))
      .toEqual({ Item: { pk: s('a') }, ConsumedCapacity: { TableName: 'tbl', CapacityUnits: 0.5 } });
  });
});
