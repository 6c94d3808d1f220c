import { describe, expect, it } from 'vitest';
import { buildWriteRequest, toAttributeValue, type WriteFields } from './WriteForm.tsx';

const fields = (patch: Partial<WriteFields>): WriteFields => ({ operation: 'PutItem', item: '', update: '', condition: '', names: '', values: '', ...patch });

describe('the Table form', () => {
  it('turns plain JSON into DynamoDB attribute values', () => {
    expect(toAttributeValue({ a: 'x', n: 2, ok: true, none: null, list: [1, 'y'] })).toEqual({
      M: { a: { S: 'x' }, n: { N: '2' }, ok: { BOOL: true }, none: { NULL: true }, list: { L: [{ N: '1' }, { S: 'y' }] } },
    });
  });

  it('builds the AWS request of each operation', () => {
    expect(buildWriteRequest('Votes', fields({ item: '{"voterId": "zed", "candidate": "Heron"}', condition: 'attribute_not_exists(voterId)' }))).toEqual({
      ok: true,
      input: { TableName: 'Votes', Item: { voterId: { S: 'zed' }, candidate: { S: 'Heron' } }, ConditionExpression: 'attribute_not_exists(voterId)' },
    });
    expect(buildWriteRequest('Votes', fields({ operation: 'UpdateItem', item: '{"voterId": "zed"}', update: 'SET #c = :c', names: '{"#c": "candidate"}', values: '{":c": "Otter"}' }))).toEqual({
      ok: true,
      input: { TableName: 'Votes', Key: { voterId: { S: 'zed' } }, UpdateExpression: 'SET #c = :c', ExpressionAttributeNames: { '#c': 'candidate' }, ExpressionAttributeValues: { ':c': { S: 'Otter' } } },
    });
    expect(buildWriteRequest('Votes', fields({ operation: 'DeleteItem', item: '{"voterId": "zed"}' }))).toEqual({ ok: true, input: { TableName: 'Votes', Key: { voterId: { S: 'zed' } } } });
  });

  it('says which field is wrong', () => {
    expect(buildWriteRequest('Votes', fields({ item: '{"voterId": ' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^Item: not valid JSON/) });
    expect(buildWriteRequest('Votes', fields({ operation: 'DeleteItem', item: '' }))).toEqual({ ok: false, message: 'Key: required' });
    expect(buildWriteRequest('Votes', fields({ item: '{"voterId": "a"}', values: '[1]' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^Values: must be a JSON object/) });
    expect(buildWriteRequest('Votes', fields({ item: '{"voterId": "a"}', names: '{"#c": 1}' }))).toMatchObject({ ok: false, message: expect.stringMatching(/^Names: #c/) });
  });
});

describe('the Table form across operations (#20.9) and its Query', () => {
  it('sends only the names and values the operation\'s expressions use: a Delete after an Update is not refused', () => {
    const shared = { item: '{"voterId": "zed"}', names: '{"#c": "candidate"}', values: '{":c": "Otter"}' };
    expect(buildWriteRequest('Votes', fields({ operation: 'DeleteItem', ...shared }))).toEqual({ ok: true, input: { TableName: 'Votes', Key: { voterId: { S: 'zed' } } } });
    expect(buildWriteRequest('Votes', fields({ operation: 'DeleteItem', ...shared, condition: '#c = :c' }))).toEqual({
      ok: true,
      input: { TableName: 'Votes', Key: { voterId: { S: 'zed' } }, ConditionExpression: '#c = :c', ExpressionAttributeNames: { '#c': 'candidate' }, ExpressionAttributeValues: { ':c': { S: 'Otter' } } },
    });
  });

  it('builds a Query from the key condition, filter, index and order', () => {
    expect(buildWriteRequest('Votes', fields({
      operation: 'Query', keyCondition: 'candidate = :c', filter: 'attribute_exists(#t)', index: 'byCandidate', descending: true,
      names: '{"#t": "votedAt", "#unused": "x"}', values: '{":c": "Otter"}',
    }))).toEqual({
      ok: true,
      input: {
        TableName: 'Votes', KeyConditionExpression: 'candidate = :c', FilterExpression: 'attribute_exists(#t)', IndexName: 'byCandidate', ScanIndexForward: false,
        ExpressionAttributeNames: { '#t': 'votedAt' }, ExpressionAttributeValues: { ':c': { S: 'Otter' } },
      },
    });
    expect(buildWriteRequest('Votes', fields({ operation: 'Query' }))).toEqual({ ok: false, message: 'Key condition: required, e.g. pk = :pk' });
  });
});
