import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileFilters, passesFilters } from './filter.ts';
import { isAwsError } from '../../api/errors.ts';

const rec = { eventName: 'MODIFY', dynamodb: { Keys: { id: { N: '101' } }, NewImage: { kind: { S: 'vote-up' }, tags: { SS: ['a', 'b'] } } } };
const pass = (pattern: unknown): boolean => passesFilters(compileFilters([JSON.stringify(pattern)]), rec);

describe('§6.7 filter patterns (check 57)', () => {
  it('matches typed DynamoDB JSON exactly; numbers are strings', () => {
    expect(pass({ dynamodb: { Keys: { id: { N: ['101'] } } } })).toBe(true);
    expect(pass({ dynamodb: { Keys: { id: { N: [101] } } } })).toBe(false);
    expect(pass({ dynamodb: { Keys: { id: { N: [{ numeric: ['=', 101] }] } } } })).toBe(false);
    expect(pass({ dynamodb: { NewImage: { kind: ['vote-up'] } } })).toBe(false); // untyped: the value is an object
  });

  it('prefix, anything-but, exists and list values', () => {
    expect(pass({ dynamodb: { NewImage: { kind: { S: [{ prefix: 'vote' }] } } } })).toBe(true);
    expect(pass({ eventName: [{ 'anything-but': ['REMOVE'] }] })).toBe(true);
    expect(pass({ eventName: [{ 'anything-but': { prefix: 'MOD' } }] })).toBe(false);
    expect(pass({ dynamodb: { NewImage: { missing: { S: [{ exists: false }] } } } })).toBe(true);
    expect(pass({ dynamodb: { NewImage: { kind: [{ exists: false }] } } })).toBe(true); // a typed attribute is not a leaf
    expect(pass({ dynamodb: { NewImage: { kind: { S: [{ exists: true }] } } } })).toBe(true);
    expect(pass({ dynamodb: { NewImage: { tags: { SS: ['b'] } } } })).toBe(true);
  });

  it('any filter passing is enough; no filters pass everything; bad patterns are InvalidParameterValueException', () => {
    expect(passesFilters(compileFilters(['{"eventName":["INSERT"]}', '{"eventName":["MODIFY"]}']), rec)).toBe(true);
    expect(passesFilters([], rec)).toBe(true);
    for (const bad of ['{', '[]', '{"a":1}', '{"a":[]}', '{"a":[{"wat":1}]}', '{"a":[{"numeric":[">"]}]}']) {
      let err: unknown;
      try {
        compileFilters([bad]);
      } catch (e) {
        err = e;
      }
      expect(isAwsError(err) && err.code).toBe('InvalidParameterValueException');
    }
  });

  it('an exact-value filter passes exactly the records holding that value (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (want, have) => {
        const r = { dynamodb: { NewImage: { v: { S: have } } } };
        return passesFilters(compileFilters([JSON.stringify({ dynamodb: { NewImage: { v: { S: [want] } } } })]), r) === (want === have);
      }),
    );
  });
});
