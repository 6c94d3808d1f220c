// The index's fact times as 16/32-bit steps per chunk (timeColumn.ts): whatever is pushed (small and
// huge steps, fractions, steps below a chunk's first time) reads back exactly, the chunked binary
// searches answer what the searches over a plain array answer, and a cut or a view is unchanged by
// later pushes on either side.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TimeColumn } from './timeColumn.ts';
import { lowerBound, upperBound } from './column.ts';

/** Steps between times: mostly small whole ones, some past 16 and 32 bits, fractions, negative. */
const step = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 5_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 32, 2 ** 40, 1e15) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: -5000, max: -1 }) },
);

function times(steps: number[], start: number): number[] {
  const out: number[] = [];
  let t = start;
  for (const s of steps) out.push((t += s));
  return out;
}

function column(values: number[]): TimeColumn {
  const c = new TimeColumn();
  for (const v of values) c.push(v);
  return c;
}

// Enough values to cross chunks (1,024 facts each) in a few of them.
const many = fc.array(step, { maxLength: 3000, size: 'max' });

describe('TimeColumn', () => {
  it('reads back every time pushed, exactly', () => {
    fc.assert(
      fc.property(many, fc.oneof(fc.integer({ min: -1e6, max: 1e12 }), fc.double({ min: -1e9, max: 1e9, noNaN: true })), (steps, start) => {
        const values = times(steps, start);
        const c = column(values);
        expect(c.length).toBe(values.length);
        expect([...c.toArray()]).toEqual(values);
        expect(c.at(values.length)).toBeUndefined();
        expect(c.at(-1)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('searches as a plain array is searched (non-decreasing times, repeats across chunks)', () => {
    const up = fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: step.map((s) => Math.abs(s)) });
    fc.assert(
      fc.property(fc.array(up, { maxLength: 3000, size: 'max' }), fc.array(fc.double({ min: -10, max: 1e7, noNaN: true }), { maxLength: 20 }), (steps, probes) => {
        const values = times(steps, 0);
        const plain = Float64Array.from(values);
        const c = column(values);
        for (const x of [...probes, ...values.filter((_, i) => i % 97 === 0), -1, Infinity]) {
          expect(c.upperBound(x)).toBe(upperBound(plain, x));
          expect(c.lowerBound(x)).toBe(lowerBound(plain, x));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a view and a cut as they were, whatever either side pushes after', () => {
    fc.assert(
      fc.property(many, fc.nat(), many, (steps, at, more) => {
        const values = times(steps, 1000);
        const c = column(values);
        const n = at % (values.length + 1);
        const view = c.view();
        const cut = c.cut(n);
        for (const t of times(more, 5)) {
          c.push(t);
          cut.push(t + 0.5);
        }
        expect([...view.toArray()]).toEqual(values);
        expect([...cut.toArray()].slice(0, n)).toEqual(values.slice(0, n));
        expect(cut.length).toBe(n + more.length);
        expect([...c.toArray()].slice(0, values.length)).toEqual(values);
      }),
      { numRuns: 40 },
    );
  });
});
