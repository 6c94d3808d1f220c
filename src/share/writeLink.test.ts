// A user's write (the Table form's `write` intervention) travels in a link and comes back the same.
import { expect, it } from 'vitest';
import { decodeLink, encodeLink } from './codec.ts';

it('a write intervention round-trips through a link', () => {
  const write = {
    at: 5_000,
    kind: 'write' as const,
    target: 'Votes',
    params: { operation: 'UpdateItem' as const, input: { TableName: 'Votes', Key: { voterId: { S: 'zed' } }, UpdateExpression: 'SET #c = :c', ExpressionAttributeNames: { '#c': 'candidate' }, ExpressionAttributeValues: { ':c': { S: 'Heron' } }, ConditionExpression: 'attribute_exists(voterId)' } },
  };
  const r = decodeLink(encodeLink({ v: 1, scenario: { id: 'voting-booth' }, interventions: [write], at: 5_000 }));
  expect(r.ok && r.payload.interventions).toEqual([write]);
});
