import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AwsError } from '../api/errors.ts';
import type { AttributeValue, Item } from './attributeValue.ts';
import {
  addNumbers,
  attributeType,
  attributeValueSize,
  attributeValuesEqual,
  base64ByteLength,
  canonicalNumber,
  compareValues,
  itemSize,
  itemsEqual,
  itemsEqualBesideKey,
  keyString,
  subtractNumbers,
  utf8ByteLength,
  validateAttributeValue,
  validateItem,
} from './attributes.ts';

function validationMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AwsError);
    expect((e as AwsError).code).toBe('ValidationException');
    return (e as AwsError).message;
  }
  throw new Error('expected a ValidationException');
}

describe('canonicalNumber', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['+5', '5'],
    ['007', '7'],
    ['1.500', '1.5'],
    ['-0.0', '0'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['1E3', '1000'],
    ['1.5e-2', '0.015'],
    ['-12.34E+1', '-123.4'],
    ['0e999999999999', '0'],
    ['100', '100'],
    ['1E-130', `0.${'0'.repeat(129)}1`],
  ])('%s → %s', (input, expected) => {
    expect(canonicalNumber(input)).toBe(expected);
  });

  it('accepts 38 significant digits and the range limits', () => {
    const d38 = '12345678901234567890123456789012345678';
    expect(canonicalNumber(d38)).toBe(d38);
    expect(canonicalNumber(`${'9'.repeat(38)}E88`)).toBe('9'.repeat(38) + '0'.repeat(88));
    expect(canonicalNumber('1' + '0'.repeat(50))).toBe('1' + '0'.repeat(50));
  });

  it('rejects what DynamoDB rejects', () => {
    expect(validationMessage(() => canonicalNumber('abc'))).toBe('The parameter cannot be converted to a numeric value: abc');
    for (const bad of ['', '.', '-', '1e', '1.2.3', ' 1', '0x10', 'NaN', 'Infinity', '1e+']) {
      expect(validationMessage(() => canonicalNumber(bad))).toMatch(/cannot be converted to a numeric value/);
    }
    expect(validationMessage(() => canonicalNumber('1'.repeat(39)))).toMatch(/more than 38 significant digits/);
    expect(validationMessage(() => canonicalNumber('1E126'))).toMatch(/^Number overflow/);
    expect(validationMessage(() => canonicalNumber('1E-131'))).toMatch(/^Number underflow/);
    expect(validationMessage(() => canonicalNumber('1E9999999999'))).toMatch(/^Number overflow/);
    expect(validationMessage(() => canonicalNumber('1E-9999999999'))).toMatch(/^Number underflow/);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(30), fc.integer({ min: -60, max: 60 }), (m, frac, exp) => {
        const s = `${m}${frac ? '.' + '0'.repeat(frac) : ''}e${exp}`;
        const c = canonicalNumber(s);
        expect(canonicalNumber(c)).toBe(c);
      }),
    );
  });
});

describe('addNumbers / subtractNumbers', () => {
  it('is exact', () => {
    expect(addNumbers('0.1', '0.2')).toBe('0.3');
    expect(subtractNumbers('0.3', '0.1')).toBe('0.2');
    expect(addNumbers('1', '-1')).toBe('0');
    expect(addNumbers('99999999999999999999999999999999999999', '-1')).toBe('99999999999999999999999999999999999998');
    expect(addNumbers('1E100', '1E100')).toBe('2' + '0'.repeat(100));
    expect(subtractNumbers('5', '7.25')).toBe('-2.25');
  });

  it('refuses a result beyond 38 digits', () => {
    expect(validationMessage(() => addNumbers('99999999999999999999999999999999999999', '1E-5'))).toMatch(/38 significant digits/);
  });

  // Mantissas and exponents small enough that every sum stays within 38 significant digits.
  const decimal = fc
    .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: -10, max: 10 }))
    .map(([m, e]) => canonicalNumber(`${m}e${e}`));

  it('is commutative, and subtraction inverts addition', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const sum = addNumbers(a, b);
        expect(addNumbers(b, a)).toBe(sum);
        expect(subtractNumbers(sum, b)).toBe(a);
        expect(compareValues({ N: sum }, { N: a })).toBe(compareValues({ N: b }, { N: '0' }));
      }),
    );
  });
});

describe('equality and ordering', () => {
  it('compares deeply, sets as sets, numbers by value, maps regardless of order', () => {
    expect(attributeValuesEqual({ N: '1.0' }, { N: '1' })).toBe(true);
    expect(attributeValuesEqual({ S: '1' }, { N: '1' })).toBe(false);
    expect(attributeValuesEqual({ SS: ['a', 'b'] }, { SS: ['b', 'a'] })).toBe(true);
    expect(attributeValuesEqual({ SS: ['a', 'b'] }, { SS: ['a'] })).toBe(false);
    expect(attributeValuesEqual({ NS: ['1', '2.0'] }, { NS: ['2', '1'] })).toBe(true);
    expect(attributeValuesEqual({ L: [{ S: 'a' }, { S: 'b' }] }, { L: [{ S: 'b' }, { S: 'a' }] })).toBe(false);
    expect(attributeValuesEqual({ M: { a: { N: '1' }, b: { NULL: true } } }, { M: { b: { NULL: true }, a: { N: '1' } } })).toBe(true);
    expect(attributeValuesEqual({ M: { a: { N: '1' } } }, { M: { b: { N: '1' } } })).toBe(false);
    expect(attributeValuesEqual({ BOOL: true }, { BOOL: false })).toBe(false);
    expect(attributeValuesEqual({ B: 'AQI=' }, { B: 'AQI=' })).toBe(true);
  });

  it('itemsEqual handles absent items', () => {
    expect(itemsEqual(undefined, undefined)).toBe(true);
    expect(itemsEqual({}, undefined)).toBe(false);
    expect(itemsEqual({ a: { S: 'x' } }, { a: { S: 'x' } })).toBe(true);
    expect(itemsEqual({ a: { S: 'x' } }, { a: { S: 'x' }, b: { S: 'y' } })).toBe(false);
    expect(itemsEqual({ a: { S: 'x' }, b: { S: 'y' } }, { a: { S: 'x' } })).toBe(false);
  });

  it('itemsEqual is attribute-wise equality with the same attribute names (walked without key arrays)', () => {
    const value = fc.oneof(fc.constantFrom('1', '1.0', '2').map((N): AttributeValue => ({ N })), fc.constantFrom('x', 'y').map((S): AttributeValue => ({ S })));
    const item = fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__'), value) as fc.Arbitrary<Item>;
    fc.assert(
      fc.property(item, item, (a, b) => {
        const names = Object.keys(a);
        const expected = names.length === Object.keys(b).length && names.every((k) => Object.hasOwn(b, k) && attributeValuesEqual(a[k]!, b[k]!));
        expect(itemsEqual(a, b)).toBe(expected);
        expect(itemsEqual(a, a)).toBe(true);
      }),
    );
  });

  it('itemsEqualBesideKey is itemsEqual for two versions with equal keys', () => {
    const value = fc.oneof(fc.constantFrom('1', '1.0', '2').map((N): AttributeValue => ({ N })), fc.constantFrom('x', 'y').map((S): AttributeValue => ({ S })));
    const rest = fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__'), value) as fc.Arbitrary<Item>;
    const key = fc.tuple(fc.constantFrom('1', '1.0', '10'), fc.constantFrom('1', '1.0'));
    fc.assert(
      fc.property(rest, rest, key, fc.boolean(), (x, y, [pk, sk], withRange) => {
        const a = { ...x, pk: { N: pk }, ...(withRange ? { sk: { N: sk } } : {}) } as Item;
        const b = { ...y, pk: { N: pk === '1.0' ? '1' : pk }, ...(withRange ? { sk: { N: sk } } : {}) } as Item;
        expect(itemsEqualBesideKey(a, b, 'pk', withRange ? 'sk' : undefined)).toBe(itemsEqual(a, b));
      }),
    );
    expect(itemsEqualBesideKey(undefined, { pk: { S: 'a' } }, 'pk', undefined)).toBe(false);
    expect(itemsEqualBesideKey(undefined, undefined, 'pk', undefined)).toBe(true);
  });

  it('itemsEqualBesideKey never takes an inherited attribute for one of the new version (names of Object.prototype)', () => {
    // The no-op check must not read b[k] alone (session 19 measured that shortcut): for a name b
    // lacks, it is a method of Object.prototype (or the prototype itself, for __proto__), and the
    // answer must still be "not equal", without throwing.
    const value = fc.oneof(
      fc.constantFrom('1', '1.0', '2', '-0', '01', '1e0', '123456').map((N): AttributeValue => ({ N })),
      fc.constantFrom('x', 'y', '').map((S): AttributeValue => ({ S })),
      fc.constant<AttributeValue>({ NULL: true }),
      fc.constantFrom<AttributeValue>({ SS: ['a', 'b'] }, { SS: ['b', 'a'] }, { NS: ['1', '2.0'] }, { M: { a: { N: '1' } } }, { L: [{ S: 'x' }] }, { BOOL: true }),
    );
    const names = fc.constantFrom('a', 'b', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf');
    const rest = fc.dictionary(names, value, { maxKeys: 4 }) as fc.Arbitrary<Item>;
    fc.assert(
      fc.property(rest, rest, fc.boolean(), (x, y, same) => {
        const a = { ...x, pk: { S: 'k' } } as Item;
        const b = (same ? { ...x, pk: { S: 'k' } } : { ...y, pk: { S: 'k' } }) as Item;
        const keys = Object.keys(a);
        const expected = keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && attributeValuesEqual(a[k]!, b[k]!));
        expect(itemsEqualBesideKey(a, b, 'pk', undefined)).toBe(expected);
        expect(itemsEqualBesideKey(b, a, 'pk', undefined)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
    // An attribute the new version lacks but inherits: equal texts or not, not equal.
    const polluted = Object.create({ c: { S: 'x' } }) as Item;
    polluted.pk = { S: 'k' };
    polluted.d = { S: 'y' };
    expect(itemsEqualBesideKey({ pk: { S: 'k' }, c: { S: 'x' } }, polluted, 'pk', undefined)).toBe(false);
    expect(itemsEqualBesideKey({ pk: { S: 'k' }, constructor: { N: '1' } }, { pk: { S: 'k' }, d: { N: '1' } }, 'pk', undefined)).toBe(false);
  });

  it('orders numbers exactly, strings by UTF-8 bytes, binary unsigned', () => {
    expect(compareValues({ N: '10' }, { N: '9' })).toBe(1);
    expect(compareValues({ N: '-10' }, { N: '-9' })).toBe(-1);
    expect(compareValues({ N: '0.30000000000000000000000000000000000001' }, { N: '0.3' })).toBe(1);
    expect(compareValues({ N: '2.50' }, { N: '2.5' })).toBe(0);
    expect(compareValues({ S: 'a' }, { S: 'b' })).toBe(-1);
    expect(compareValues({ S: 'Z' }, { S: 'a' })).toBe(-1);
    // U+FF5E (3 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 …) in UTF-8, though not in UTF-16.
    expect(compareValues({ S: '\uff5e' }, { S: '😀' })).toBe(-1);
    expect(compareValues({ S: 'ab' }, { S: 'a' })).toBe(1);
    expect(compareValues({ B: '/w==' }, { B: 'AQ==' })).toBe(1); // 0xff > 0x01
    expect(compareValues({ S: '1' }, { N: '1' })).toBeUndefined();
    expect(compareValues({ BOOL: true }, { BOOL: true })).toBeUndefined();
  });
});

describe('validateAttributeValue', () => {
  it('returns a canonical copy', () => {
    const input = { M: { n: { N: '+1.50' }, l: { L: [{ NS: ['1e1', '2'] }] } } };
    const out = validateAttributeValue(input, 'Item.x');
    expect(out).toEqual({ M: { n: { N: '1.5' }, l: { L: [{ NS: ['10', '2'] }] } } });
    expect(out).not.toBe(input);
    expect(input.M.n.N).toBe('+1.50');
  });

  it('rejects malformed values, naming the path', () => {
    expect(validationMessage(() => validateAttributeValue({}, 'Item.a'))).toMatch(/empty, must contain exactly one.*Item\.a/);
    expect(validationMessage(() => validateAttributeValue({ S: 'x', N: '1' }, 'Item.a'))).toMatch(/more than one datatypes/);
    expect(validationMessage(() => validateAttributeValue({ S: 1 }, 'Item.a'))).toMatch(/Item\.a/);
    expect(validationMessage(() => validateAttributeValue({ N: 'abc' }, 'Item.a'))).toMatch(/numeric value: abc.*Item\.a/);
    expect(validationMessage(() => validateAttributeValue({ B: '***' }, 'Item.a'))).toMatch(/base64/);
    expect(validationMessage(() => validateAttributeValue({ SS: [] }, 'Item.a'))).toMatch(/An string set {2}may not be empty/);
    expect(validationMessage(() => validateAttributeValue({ SS: ['a', 'a'] }, 'Item.a'))).toMatch(/contains duplicates/);
    expect(validationMessage(() => validateAttributeValue({ NS: ['1', '1.0'] }, 'Item.a'))).toMatch(/contains duplicates/);
    expect(validationMessage(() => validateAttributeValue({ NULL: false }, 'Item.a'))).toMatch(/Null attribute value/);
    expect(validationMessage(() => validateAttributeValue({ BOOL: 'true' }, 'Item.a'))).toMatch(/BOOL/);
    expect(validationMessage(() => validateAttributeValue({ L: [{ N: 'x' }] }, 'Item.a'))).toMatch(/Item\.a\[0\]/);
    expect(validationMessage(() => validateAttributeValue({ M: { b: { Q: 1 } } }, 'Item.a'))).toMatch(/Item\.a\.b/);
    expect(validationMessage(() => validateAttributeValue(null, 'Item.a'))).toMatch(/Item\.a/);
  });

  it('validateItem keeps odd attribute names as own data properties', () => {
    const item = validateItem(JSON.parse('{"__proto__": {"S": "x"}, "a": {"N": "01"}}'), 'Item');
    expect(Object.keys(item)).toEqual(['__proto__', 'a']);
    expect(item.a).toEqual({ N: '1' });
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect(validationMessage(() => validateItem([], 'Item'))).toMatch(/Item/);
  });

  it('attributeType names the type', () => {
    expect(attributeType({ NULL: true })).toBe('NULL');
    expect(attributeType({ BS: ['AA=='] })).toBe('BS');
  });
});

describe('sizes', () => {
  it('counts UTF-8 and base64 bytes', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
    expect(base64ByteLength('')).toBe(0);
    expect(base64ByteLength('AQ==')).toBe(1);
    expect(base64ByteLength('AQI=')).toBe(2);
    expect(base64ByteLength('AQID')).toBe(3);
  });

  it('sizes values by the documented rules', () => {
    expect(attributeValueSize({ N: '101' })).toBe(3);
    expect(attributeValueSize({ N: '10' })).toBe(2);
    expect(attributeValueSize({ N: '12345' })).toBe(4);
    expect(attributeValueSize({ BOOL: false })).toBe(1);
    expect(attributeValueSize({ NULL: true })).toBe(1);
    expect(attributeValueSize({ SS: ['ab', 'c'] })).toBe(3);
    expect(attributeValueSize({ L: [] })).toBe(3);
    expect(attributeValueSize({ L: [{ S: 'ab' }, { N: '1' }] })).toBe(3 + 3 + 3);
    expect(attributeValueSize({ M: { ab: { S: 'xyz' } } })).toBe(3 + 1 + 2 + 3);
  });

  it('matches the developer guide examples', () => {
    const cases: [Item, number][] = [
      [{ ForumName: { S: 'DynamoDB' }, Subject: { S: 'DynamoDB Thread 3' } }, 41],
      [{ Id: { N: '101' } }, 5],
      [{ Message: { S: 'New item!' }, Id: { N: '101' } }, 21],
      [{ Message: { S: 'This item has changed' }, Id: { N: '101' } }, 33],
    ];
    for (const [item, size] of cases) expect(itemSize(item)).toBe(size);
  });
});

describe('keyString', () => {
  it('is canonical and type-tagged', () => {
    expect(keyString({ pk: { N: '1.0' } }, ['pk'])).toBe(keyString({ pk: { N: '1' } }, ['pk']));
    expect(keyString({ pk: { S: '1' } }, ['pk'])).not.toBe(keyString({ pk: { N: '1' } }, ['pk']));
    expect(keyString({ pk: { S: 'a' }, sk: { S: 'b' }, x: { S: 'y' } }, ['pk', 'sk'])).toBe('S1:aS1:b');
    expect(validationMessage(() => keyString({ pk: { S: 'a' } }, ['pk', 'sk']))).toMatch(/key element does not match/);
    expect(validationMessage(() => keyString({ pk: { BOOL: true } }, ['pk']))).toMatch(/key element does not match/);
  });

  it('is collision-free', () => {
    const scalar: fc.Arbitrary<AttributeValue> = fc.oneof(
      fc.string().map((S) => ({ S })),
      fc.integer().map((n) => ({ N: String(n) })),
    );
    fc.assert(
      fc.property(scalar, scalar, scalar, scalar, (a, b, c, d) => {
        const k1 = keyString({ pk: a, sk: b }, ['pk', 'sk']);
        const k2 = keyString({ pk: c, sk: d }, ['pk', 'sk']);
        const same = attributeValuesEqual(a, c) && attributeValuesEqual(b, d);
        expect(k1 === k2).toBe(same);
      }),
    );
  });
});

describe('the plain-integer fast paths agree with the general decimal path', () => {
  // "n.0" always takes the general parser; a plain integer takes the fast path.
  const integers = fc.oneof(
    fc.bigInt({ min: -(10n ** 38n) + 1n, max: 10n ** 38n - 1n }).map(String),
    fc.integer({ min: -1000, max: 1000 }).map((n) => String(n * 1000)),
  );
  it('canonicalNumber, sizes and equality', () => {
    fc.assert(
      fc.property(integers, integers, (a, b) => {
        expect(canonicalNumber(a)).toBe(canonicalNumber(`${a}.0`));
        expect(attributeValueSize({ N: a })).toBe(attributeValueSize({ N: `${a}.0` }));
        expect(attributeValuesEqual({ N: a }, { N: b })).toBe(compareValues({ N: a }, { N: b }) === 0);
        expect(attributeValuesEqual({ N: a }, { N: `${a}.0` })).toBe(true);
      }),
    );
  });
  it('leaves non-canonical spellings to the general path', () => {
    for (const [input, expected] of [['-0', '0'], ['007', '7'], ['+5', '5'], ['1' + '0'.repeat(40), '1' + '0'.repeat(40)]] as const) {
      expect(canonicalNumber(input)).toBe(expected);
    }
    expect(attributeValueSize({ N: '-0' })).toBe(2);
    expect(attributeValueSize({ N: '1200' })).toBe(2);
  });
});
