// A chunk's column of indexes kept as 16-bit steps reads back every index written, whether they lie
// near each other (2 bytes a row) or not (the column turns to 32-bit indexes at the first far one).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DeltaColumn } from './deltaColumn.ts';

const ROWS = 64;

describe('DeltaColumn', () => {
  it('reads back every int32, −1 and other negatives included, near or far from the first', () => {
    const index = fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 0x7fffffff }), fc.integer({ min: 30_000, max: 100_000 }), fc.integer({ min: -(2 ** 31), max: -2 }));
    fc.assert(
      fc.property(fc.array(index, { minLength: 1, maxLength: ROWS }), (values) => {
        const column = new DeltaColumn(ROWS);
        values.forEach((v, j) => {
          column.set(j, v);
          // Earlier rows keep their index when a later one widens the column.
          for (let k = 0; k <= j; k++) expect(column.get(k)).toBe(values[k]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('takes the first index it holds as its base, not a −1 before it, and widens at the first step past 16 bits', () => {
    const column = new DeltaColumn(4);
    column.set(0, -1);
    column.set(1, 70_000);
    column.set(2, 70_000 + 0x7fff);
    expect((column as unknown as { wide?: Int32Array }).wide).toBeUndefined();
    column.set(3, 70_000 - 0x8000);
    expect((column as unknown as { wide?: Int32Array }).wide).toBeInstanceOf(Int32Array);
    expect([0, 1, 2, 3].map((j) => column.get(j))).toEqual([-1, 70_000, 70_000 + 0x7fff, 70_000 - 0x8000]);
  });
});
