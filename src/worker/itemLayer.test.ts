import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ItemLayer } from './itemLayer.ts';
import { smallest } from './smallest.ts';

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
const op = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: key as fc.Arbitrary<string>, value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), key: key as fc.Arbitrary<string> }),
);

describe('ItemLayer', () => {
  it('reads, sizes and iterates (order included) as a Map after the same sets and deletes, leaving its base alone', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key as fc.Arbitrary<string>, fc.integer())), fc.array(op, { maxLength: 40 }), (baseEntries, ops) => {
        const base = new Map(baseEntries);
        const before = [...base];
        const map = new Map(base);
        const layer = new ItemLayer(base);
        for (const o of ops) {
          if (o.kind === 'set') {
            expect(layer.set(o.key, o.value)).toBe(layer);
            map.set(o.key, o.value);
          } else expect(layer.delete(o.key)).toBe(map.delete(o.key));
          expect(layer.size).toBe(map.size);
        }
        expect([...layer]).toEqual([...map]);
        expect([...layer.keys()]).toEqual([...map.keys()]);
        expect([...layer.values()]).toEqual([...map.values()]);
        for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) {
          expect(layer.has(k)).toBe(map.has(k));
          expect(layer.get(k)).toBe(map.get(k));
        }
        expect([...base]).toEqual(before);
        expect(new Map(layer)).toEqual(map);
      }),
      { numRuns: 500 },
    );
  });

  it('lists its first k values in an order as smallest() over its values does, from a base sorted once', () => {
    // Values carry their key, so no two compare equal (as a table's rows ordered by key).
    const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    fc.assert(
      fc.property(fc.array(fc.tuple(key as fc.Arbitrary<string>, fc.nat(99))), fc.array(op, { maxLength: 30 }), fc.nat(9), (baseEntries, ops, k) => {
        const base = new Map(baseEntries.map(([k2, n]) => [k2, `${n}:${k2}`]));
        const first = new ItemLayer(base);
        expect(first.smallest(k, order)).toEqual(smallest(first.values(), k, order));
        const layer = new ItemLayer(base);
        for (const o of ops) {
          if (o.kind === 'set') layer.set(o.key, `${o.value}:${o.key}`);
          else layer.delete(o.key);
        }
        expect(layer.smallest(k, order)).toEqual(smallest(layer.values(), k, order));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a key set to undefined apart from a missing one', () => {
    const layer = new ItemLayer<number | undefined>(new Map([['a', 1]]));
    layer.delete('a');
    layer.set('a', undefined);
    expect(layer.has('a')).toBe(true);
    expect(layer.get('a')).toBeUndefined();
    expect(layer.size).toBe(1);
  });
});
