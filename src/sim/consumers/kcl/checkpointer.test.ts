import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { validateCheckpoint } from './checkpointer.ts';

describe('checkpoint(seq) validation (reference §7.5)', () => {
  test('check 67: below the last checkpoint or above the largest delivered is an IllegalArgument', () => {
    expect(validateCheckpoint('100000000000000000000500', '100000000000000000000400', '100000000000000000000900')).toBeUndefined();
    expect(validateCheckpoint('100000000000000000000300', '100000000000000000000400', '100000000000000000000900')).toMatch(/before the last checkpoint/);
    expect(validateCheckpoint('100000000000000000000901', '100000000000000000000400', '100000000000000000000900')).toMatch(/after the largest permitted/);
    expect(validateCheckpoint('100000000000000000000500', 'TRIM_HORIZON', undefined)).toMatch(/after the largest permitted/);
    expect(validateCheckpoint('not-a-number', 'LATEST', '100000000000000000000900')).toMatch(/invalid/);
  });

  test('check 67 (property): sequence numbers compare as integers, not strings', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 20n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.bigInt({ min: 0n, max: 10n ** 25n }), (last, d1, d2) => {
        const largest = last + d1 + d2;
        const seq = last + d1;
        expect(validateCheckpoint(seq.toString(), last.toString(), largest.toString())).toBeUndefined();
        if (d2 > 0n) expect(validateCheckpoint((largest + 1n).toString(), last.toString(), largest.toString())).toBeDefined();
        if (last > 10n ** 20n) expect(validateCheckpoint((last - 1n).toString(), last.toString(), largest.toString())).toBeDefined();
      }),
    );
  });
});
