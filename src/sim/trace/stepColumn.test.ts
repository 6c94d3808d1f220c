/**
 * A step column reads back every value written, whether it stays in 32-bit steps (times growing
 * by whole milliseconds) or turns to doubles part-way (fractions, jumps, values going back).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StepColumn } from './stepColumn.ts';

const growing = fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.array(fc.nat({ max: 5000 }), { maxLength: 64 })).map(([start, steps]) => {
  const out = [start];
  for (const s of steps) out.push(out[out.length - 1]! + s);
  return out;
});
const anything = fc.array(
  fc.oneof(fc.double({ noNaN: true, min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 2 ** 33 }), fc.constantFrom(0.1, 4294967296.1, 2 ** 32, 2 ** 32 - 1)),
  { minLength: 1, maxLength: 64 },
);

function roundTrip(values: number[]): number[] {
  const column = new StepColumn(64);
  values.forEach((v, j) => column.set(j, v));
  return values.map((_, j) => column.get(j));
}

describe('step column', () => {
  it('reads back growing whole values', () => {
    fc.assert(
      fc.property(growing, (values) => {
        expect(roundTrip(values)).toStrictEqual(values);
      }),
    );
  });

  it('reads back any values, exactly, once some do not fit a step', () => {
    // -0 may read back as 0 and the other way round (the same JSON, the same comparisons).
    const unsigned = (v: number): number => (v === 0 ? 0 : v);
    fc.assert(
      fc.property(anything, (values) => {
        expect(roundTrip(values).map(unsigned)).toStrictEqual(values.map(unsigned));
      }),
      { numRuns: 500 },
    );
  });

  it('copies: the copy reads the same, and writes to either leave the other as it was', () => {
    fc.assert(
      fc.property(anything, fc.integer({ min: 0, max: 63 }), (values, cut) => {
        const n = Math.min(cut, values.length);
        const column = new StepColumn(64);
        values.slice(0, n).forEach((v, j) => column.set(j, v));
        const copy = column.copy();
        values.slice(n).forEach((v, j) => copy.set(n + j, v));
        const before = values.slice(0, n).map((_, j) => column.get(j));
        if (n < 64) column.set(n, 2 ** 40 + 0.5);
        expect(values.map((_, j) => copy.get(j))).toStrictEqual(roundTrip(values));
        expect(values.slice(0, n).map((_, j) => column.get(j))).toStrictEqual(before);
      }),
    );
  });

  it('reads back steps past 16 bits and past 32, in any order of widening', () => {
    expect(roundTrip([5, 6, 5 + 0xffff, 5 + 0x10000, 5 + 0x10001])).toStrictEqual([5, 6, 5 + 0xffff, 5 + 0x10000, 5 + 0x10001]);
    expect(roundTrip([5, 6, 5 + 2 ** 32, 7])).toStrictEqual([5, 6, 5 + 2 ** 32, 7]);
    const wideSteps = fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.array(fc.oneof(fc.nat({ max: 10 }), fc.integer({ min: 0xff00, max: 0x1_0100 }), fc.integer({ min: 2 ** 31, max: 2 ** 33 })), { maxLength: 64 }));
    fc.assert(
      fc.property(wideSteps, ([start, steps]) => {
        const values = [start];
        for (const s of steps) values.push(values[values.length - 1]! + s);
        expect(roundTrip(values)).toStrictEqual(values);
      }),
    );
  });

  it('keeps a fraction after whole steps', () => {
    expect(roundTrip([10, 20, 20.5, 30])).toStrictEqual([10, 20, 20.5, 30]);
    expect(roundTrip([10, 5, 2 ** 40])).toStrictEqual([10, 5, 2 ** 40]);
  });
});
