// The value cache (./valueCache.ts) changes no item: the JSON of every item it shares values in is
// the JSON it had, for random items of every attribute type; and values spelt alike end as one object.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Item } from '../../sim/table/attributeValue.ts';
import { ValueCache } from './valueCache.ts';

const scalar = fc.oneof(
  fc.record({ S: fc.oneof(fc.constantFrom('open', 'closed', 'a'), fc.string({ maxLength: 40 })) }),
  fc.record({ N: fc.oneof(fc.constantFrom('0', '1', '12'), fc.integer().map(String)) }),
  fc.record({ BOOL: fc.boolean() }),
  fc.constant({ NULL: true as const }),
  fc.record({ SS: fc.array(fc.constantFrom('x', 'y'), { minLength: 1, maxLength: 2 }) }),
  fc.record({ M: fc.record({ inner: fc.record({ S: fc.constantFrom('open', 'x') }) }) }),
  fc.record({ L: fc.array(fc.record({ N: fc.constantFrom('1', '2') }), { maxLength: 2 }) }),
);
const item = fc.dictionary(fc.constantFrom('pk', 'status', 'count', 'flag', 'note', 'tags', 'nested', 'list'), scalar, { minKeys: 1 }) as fc.Arbitrary<Item>;

describe('ValueCache', () => {
  it('leaves every item spelt as it was, and shares values spelt alike', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), (items) => {
        const cache = new ValueCache();
        const before = items.map((i) => JSON.stringify(i));
        const shared = items.map((i) => cache.share(i));
        expect(shared.map((i) => JSON.stringify(i))).toEqual(before);
        // The same spelling twice in a row: the second takes the first's objects.
        const text = before[0] ?? '{"a":{"S":"x"}}';
        const first = cache.share(JSON.parse(text) as Item);
        const again = cache.share(JSON.parse(text) as Item);
        for (const name in again) {
          const v = again[name] as Record<string, unknown>;
          const cached = (typeof v.S === 'string' && v.S.length <= 32) || typeof v.N === 'string' || typeof v.BOOL === 'boolean';
          if (cached) expect(again[name]).toBe(first[name]);
          else expect(again[name]).not.toBe(first[name]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
