import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AttributeValue, Item } from '../sim/table/attributeValue.ts';
import { itemsEqual, itemText, keyText } from './attributes.ts';

/** Numbers in several spellings of few values, so equal-but-differently-spelt pairs are common. */
const number = fc.constantFrom('1', '1.0', '01', '2', '2e0', '-0', '0', '10', '1e1', '0.5', '.5');
const name = fc.constantFrom('pk', 'sk', 'a', 'b', 'Z', '1', 'é');
const scalar: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.constantFrom('x', 'y', '"q"').map((S) => ({ S })),
  number.map((N) => ({ N })),
  fc.constantFrom('AA==', 'AQ==').map((B) => ({ B })),
  fc.boolean().map((BOOL) => ({ BOOL })),
  fc.constant({ NULL: true as const }),
  fc.uniqueArray(number, { minLength: 1, maxLength: 3 }).map((NS) => ({ NS })),
  fc.uniqueArray(fc.constantFrom('x', 'y', 'z'), { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
);
const value: fc.Arbitrary<AttributeValue> = fc.letrec<{ v: AttributeValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }).map((L) => ({ L })),
    fc.dictionary(name, tie('v'), { maxKeys: 3 }).map((M) => ({ M: M as Item })),
  ),
})).v;
const item = fc.dictionary(name, value, { maxKeys: 4 }) as fc.Arbitrary<Item>;
const keyValue = fc.oneof(fc.constantFrom('x', 'y', 'a"b', 'ü').map((S) => ({ S })), number.map((N) => ({ N })), fc.constantFrom('AA==').map((B) => ({ B })));
const keys = fc.dictionary(name, keyValue, { minKeys: 1, maxKeys: 2 }) as fc.Arbitrary<Item>;

/** The same value spelt another way: numbers with a leading zero, sets in reverse order. */
const zeroLed = (n: string) => (n.startsWith('-') ? `-0${n.slice(1)}` : `0${n}`);
function respell(v: AttributeValue): AttributeValue {
  if ('N' in v) return { N: zeroLed(v.N) };
  if ('NS' in v) return { NS: [...v.NS].reverse().map(zeroLed) };
  if ('SS' in v) return { SS: [...v.SS].reverse() };
  if ('L' in v) return { L: v.L.map(respell) };
  if ('M' in v) return { M: respellItem(v.M) };
  return v;
}
function respellItem(item: Item): Item {
  return Object.fromEntries(Object.entries(item).reverse().map(([k, v]) => [k, respell(v)]));
}

describe('attribute comparisons', () => {
  it('items spelt differently are equal when their canonical forms are', () => {
    fc.assert(
      fc.property(item, (a) => {
        expect(itemsEqual(a, respellItem(a))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('itemsEqual is equality of the canonical text, whatever the spelling', () => {
    fc.assert(
      fc.property(item, item, (a, b) => {
        expect(itemsEqual(a, b)).toBe(itemText(a) === itemText(b));
        expect(itemsEqual(a, a)).toBe(true);
        expect(itemsEqual(a, JSON.parse(JSON.stringify(a)) as Item)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keyText spells a key as itemText does', () => {
    fc.assert(fc.property(fc.oneof(keys, item), (k) => {
        expect(keyText(k)).toBe(itemText(k));
      }), { numRuns: 500 });
  });

});
