import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateAttributeValue, validateItem, validateItemSized, validatedItemSize, validatedItemSizeBound, validateSizedItem } from './attributeValidation.ts';
import { itemSize } from './itemSize.ts';
import { keyString } from './attributes.ts';

/** Wire values of every type, numbers in canonical and other spellings, strings with any characters. */
const number = fc.oneof(
  fc.integer().map(String),
  fc.tuple(fc.integer({ min: -999, max: 999 }), fc.nat(999)).map(([w, f]) => `${w}.${f}`),
  fc.constantFrom('007', '-0', '+5', '1e3', '0.000', '12300', '1.50'),
);
const base64 = fc.constantFrom('', 'AQ==', 'AQI=', 'AQID', 'AAECAwQ=');
const name = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', 'é', '😀'));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string().map((S) => ({ S })),
    number.map((N) => ({ N })),
    base64.map((B) => ({ B })),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 4 }).map((SS) => ({ SS })),
    fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 4 }).map((ns) => ({ NS: ns.map(String) })),
    fc.constant({ BS: ['AQ==', 'AQI='] }),
    fc.array(tie('value'), { maxLength: 3 }).map((L) => ({ L })),
    fc.dictionary(name, tie('value'), { maxKeys: 3 }).map((M) => ({ M })),
  ),
}));
const item = fc.dictionary(name, value, { maxKeys: 5 });

describe('validateSizedItem', () => {
  it('is validateItem, sized in the same walk: the size is itemSize of the validated item', () => {
    fc.assert(
      fc.property(item, (raw) => {
        const sized = validateSizedItem(raw, 'Item');
        const plain = validateItem(raw, 'Item');
        expect(sized.item).toEqual(plain);
        expect(JSON.stringify(sized.item)).toBe(JSON.stringify(plain));
        expect(sized.size).toBe(itemSize(plain));
      }),
    );
  });

  it('sizes each item of a run right when the names at a position repeat, change or nest (the name-length memo)', () => {
    // Items that share most of their names in the same order, some names swapped for others of
    // another UTF-8 length (or rebuilt with the same text), some values nested maps over the same names.
    const names = fc.constantFrom('pk', 'sk', 'é', '😀', 'votedAt', 'a'.repeat(20));
    const shared = fc.oneof(
      fc.string().map((S) => ({ S })),
      fc.integer().map((n) => ({ N: String(n) })),
      fc.dictionary(names, fc.string().map((S) => ({ S })), { maxKeys: 3 }).map((M) => ({ M })),
    );
    const runItem = fc.array(fc.tuple(names, shared), { maxLength: 20 }).map((pairs) => {
      const out: Record<string, unknown> = {};
      for (const [n, v] of pairs) out[n.split('').join('')] = v;
      return out;
    });
    fc.assert(
      fc.property(fc.array(runItem, { minLength: 1, maxLength: 8 }), fc.boolean(), (items, adopt) => {
        for (const raw of items) {
          const sized = validateSizedItem(raw, 'Item', adopt);
          expect(sized.size).toBe(itemSize(validateItem(raw, 'Item')));
        }
      }),
    );
  });

  it('adopting, keeps what is already valid and copies the rest: the same item either way', () => {
    fc.assert(
      fc.property(item, (raw) => {
        const before = JSON.stringify(raw);
        const adopted = validateSizedItem(raw, 'Item', true);
        const copied = validateSizedItem(raw, 'Item');
        expect(JSON.stringify(adopted.item)).toBe(JSON.stringify(copied.item));
        expect(adopted.size).toBe(copied.size);
        expect(JSON.stringify(raw)).toBe(before);
        // Kept whole only when nothing needed a change.
        if (adopted.item === raw) expect(before).toBe(JSON.stringify(copied.item));
      }),
    );
    const valid = { pk: { S: 'a' }, n: { N: '12' } };
    expect(validateSizedItem(valid, 'Item', true).item).toBe(valid);
    expect(validateSizedItem(valid, 'Item').item).not.toBe(valid);
    const partly = { pk: { S: 'a' }, n: { N: '1.50' }, s: { S: 'b' } };
    const out = validateSizedItem(partly, 'Item', true).item;
    expect(out).not.toBe(partly);
    expect(out).toEqual({ pk: { S: 'a' }, n: { N: '1.5' }, s: { S: 'b' } });
    expect(out.pk).toBe(partly.pk);
    expect(out.s).toBe(partly.s);
  });

  it('validateItemSized knows the size, or a bound of it (a lone S and a name count 3 bytes a UTF-16 unit), never less', () => {
    fc.assert(
      fc.property(item, fc.boolean(), (raw, adopt) => {
        const validated = validateItemSized(raw, 'Item', adopt);
        const exact = validatedItemSize();
        const bound = validatedItemSizeBound();
        const size = itemSize(validated);
        if (exact !== undefined) expect(exact).toBe(size);
        expect(bound).toBeGreaterThanOrEqual(size);
      }),
    );
    // Names count 3 bytes a UTF-16 unit too: a map's size is known exactly only when it is empty.
    validateItemSized({ n: { N: '12' }, b: { BOOL: true } }, 'Item');
    expect(validatedItemSize()).toBeUndefined();
    expect(validatedItemSizeBound()).toBe(3 + 2 + 3 + 1);
    validateItemSized({}, 'Item');
    expect(validatedItemSize()).toBe(0);
    validateItemSized({ s: { S: '😀é' } }, 'Item');
    expect(validatedItemSize()).toBeUndefined();
    expect(validatedItemSizeBound()).toBe(3 * 1 + 3 * 3);
  });

  it('sizes a nested map and list as the developer guide counts them', () => {
    const { size } = validateSizedItem({ m: { M: { ab: { S: 'xyz' } } }, l: { L: [{ S: 'ab' }, { N: '1.0' }] } }, 'Item');
    expect(size).toBe(1 + (3 + 1 + 2 + 3) + 1 + (3 + 3 + 3));
  });
});

describe('keyString from remembered parts', () => {
  it('gives the same text as building it, whatever was asked before', () => {
    const scalar = fc.oneof(fc.string().map((S) => ({ S })), number.map((N) => ({ N })));
    fc.assert(
      fc.property(fc.array(fc.tuple(scalar, scalar), { minLength: 1, maxLength: 20 }), (keys) => {
        for (const [pk, sk] of keys) {
          const part = (v: { S: string } | { N: string }): string => {
            if ('S' in v) return `S${v.S.length}:${v.S}`;
            const n = (validateItem({ v }, 'k').v as { N: string }).N;
            return `N${n.length}:${n}`;
          };
          const expected = part(pk) + part(sk);
          expect(keyString({ pk, sk }, ['pk', 'sk'])).toBe(expected);
        }
      }),
    );
  });
});

describe('validateAttributeValue on odd shapes (the quick path for lone S and N takes none of them)', () => {
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  it('answers as the general walk does', () => {
    expect(validateAttributeValue({ S: 'x' }, 'Item', 'a')).toEqual({ S: 'x' });
    expect(validateAttributeValue({ N: '12' }, 'Item', 'a')).toEqual({ N: '12' });
    expect(validateAttributeValue({ N: '007' }, 'Item', 'a')).toEqual({ N: '7' });
    expect(validateAttributeValue({ S: undefined, N: '1' }, 'Item', 'a')).toEqual({ N: '1' });
    expect(validateAttributeValue({ N: '5', extra: undefined }, 'Item', 'a')).toEqual({ N: '5' });
    expect(message(() => validateAttributeValue({ S: 'x', N: '1' }, 'Item', 'a'))).toMatch(/more than one datatypes set.*\(at Item\.a\)/);
    expect(message(() => validateAttributeValue({ S: 1 }, 'Item', 'a'))).toMatch(/S must be a string \(at Item\.a\)/);
    expect(message(() => validateAttributeValue(Object.create({ S: 'x' }), 'Item', 'a'))).toMatch(/AttributeValue is empty/);
    expect(message(() => validateAttributeValue(Object.assign([], { S: 'x' }), 'Item', 'a'))).toMatch(/must be an object/);
    expect(message(() => validateAttributeValue(Object.assign(Object.create({ N: '1' }), { S: 'x' }), 'Item', 'a'))).toBe('no error');
    // An own S the walk does not see (not enumerable) beside one it does: the walk's answer, not an S.
    const hidden = Object.defineProperty({ X: 'y' }, 'S', { value: 'x', enumerable: false });
    expect(message(() => validateAttributeValue(hidden, 'Item', 'a'))).toMatch(/unsupported datatype: X/);
  });
  it('adopting, keeps a value with an extra undefined member only as a copy', () => {
    const odd = { n: { N: '5', extra: undefined } };
    const out = validateSizedItem(odd, 'Item', true).item;
    expect(out).not.toBe(odd);
    expect(Object.keys(out.n!)).toEqual(['N']);
  });
});
