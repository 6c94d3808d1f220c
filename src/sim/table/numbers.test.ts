import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalIntegerSizeOf, canonicalNumber, compareNumbers, isCanonicalInteger } from './numbers.ts';
import { numberSize } from './itemSize.ts';
import { validateSizedItem } from './attributeValidation.ts';

/**
 * Number texts near the canonical-integer boundary: signs, leading and trailing zeros, 37 to 40
 * digits, exponents, points, spaces, non-ASCII digits, and any string at all.
 */
const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom('0', '1', '5', '9'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const numberText = fc.oneof(
  fc.tuple(fc.constantFrom('', '-', '+', '--', ' '), digits(0, 40), fc.constantFrom('', '0', '00', '.', '.0', 'e3', 'E-1', ' ', '\u0661', 'x')).map(([s, d, t]) => s + d + t),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.constantFrom('0', '-0', '00', '01', '1e3', '10', '100', '-100', '9'.repeat(38), '9'.repeat(39), `-${'1'.repeat(38)}`, `1${'0'.repeat(37)}`, `1${'0'.repeat(38)}`, '', '-', '+1', '١٢'),
  fc.string({ maxLength: 6 }),
);

describe('canonicalIntegerSizeOf', () => {
  it('is numberSize of a canonical integer and 0 for any other text', () => {
    fc.assert(
      fc.property(numberText, (s) => {
        expect(canonicalIntegerSizeOf(s)).toBe(isCanonicalInteger(s) ? numberSize(s) : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts significant digits up to the last non-zero one', () => {
    expect(canonicalIntegerSizeOf('0')).toBe(2);
    expect(canonicalIntegerSizeOf('7')).toBe(2);
    expect(canonicalIntegerSizeOf('10')).toBe(2);
    expect(canonicalIntegerSizeOf('101')).toBe(3);
    expect(canonicalIntegerSizeOf('-12300')).toBe(3);
    expect(canonicalIntegerSizeOf('1234')).toBe(3);
    expect(canonicalIntegerSizeOf('9'.repeat(38))).toBe(20);
    for (const bad of ['', '-', '-0', '00', '07', '1e3', '+5', '1.0', ' 1', '9'.repeat(39)]) expect(canonicalIntegerSizeOf(bad)).toBe(0);
  });
});

describe('a lone N as validation answers it (the one-pass path for canonical integers)', () => {
  const outcome = (f: () => unknown): unknown => {
    try {
      return f();
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  it('accepts, refuses, words and sizes it as canonicalNumber and numberSize do', () => {
    fc.assert(
      fc.property(numberText, fc.boolean(), (s, adopt) => {
        const expected = outcome(() => {
          const n = canonicalNumber(s);
          return { N: n, size: 1 + numberSize(n) };
        });
        const got = outcome(() => {
          const { item, size } = validateSizedItem({ a: { N: s } }, 'Item', adopt);
          return { N: (item.a as { N: string }).N, size };
        });
        if (typeof expected === 'string') expect(got).toBe(`${expected} (at Item.a)`);
        else expect(got).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('compareNumbers', () => {
  /** The order of two canonical numbers by exact arithmetic (BigInt on the scaled texts): the oracle. */
  const exactOrder = (a: string, b: string): number => {
    const scale = (s: string): bigint => {
      const [int, frac = ''] = s.replace('-', '').split('.');
      const v = BigInt(`${int}${frac.padEnd(40, '0')}`);
      return s.startsWith('-') ? -v : v;
    };
    const x = scale(a);
    const y = scale(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  // Integers around 2^53 (where a double stops being exact), of 14 to 17 characters, and decimals beside them.
  const near = fc.oneof(
    fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map(String),
    fc.bigInt({ min: 2n ** 53n - 50n, max: 2n ** 53n + 50n }).map(String),
    fc.bigInt({ min: 10n ** 14n - 5n, max: 10n ** 16n + 5n }).map(String),
    fc.tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: 1, max: 999 })).map(([i, f]) => `${i}.${f}`),
  );

  it('orders integers and decimals exactly, on both sides of the 15-character fast path', () => {
    fc.assert(
      fc.property(near, near, (a, b) => {
        const x = canonicalNumber(a);
        const y = canonicalNumber(b);
        expect(compareNumbers(x, y)).toBe(exactOrder(x, y));
      }),
      { numRuns: 3000 },
    );
    // Past 2^53 two integers that share a double are still told apart.
    expect(compareNumbers('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareNumbers('99999999999999999', '99999999999999998')).toBe(1);
    expect(compareNumbers('-999999999999999', '-999999999999998')).toBe(-1);
  });
});
