// Growable typed columns (issue 19): a column reads back what was pushed, through growth, as an array
// of that type would hold it; a cut holds the prefix and neither it nor its source sees the other's writes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Column, lowerBound, lowerBoundBy, upperBound, upperBoundBy } from './column.ts';

describe('Column', () => {
  it('holds what was pushed, as a typed array of its type would, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -40_000, max: 70_000 }), { maxLength: 500 }), (values) => {
        const col = Column.of(Int16Array);
        for (const v of values) col.push(v);
        expect(col.length).toBe(values.length);
        expect([...col.view()]).toEqual([...new Int16Array(values)]);
      }),
    );
  });

  it('keeps at most a quarter of its length spare once past its first capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
        const col = Column.of(Uint32Array);
        for (let i = 0; i < n; i++) col.push(i);
        expect(col.capacity).toBeGreaterThanOrEqual(n);
        expect(col.capacity).toBeLessThanOrEqual(Math.max(64, Math.floor(n * 1.25) + 1));
        if (n > 0) expect(col.get(n - 1)).toBe(n - 1);
      }),
      { numRuns: 40 },
    );
  });

  it('cuts a prefix that is independent of its source', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 300 }), fc.nat(), (values, at) => {
        const col = Column.of(Float64Array);
        for (const v of values) col.push(v);
        const n = at % (values.length + 1);
        const before = [...col.view()];
        const cut = col.cut(n);
        expect([...cut.view()]).toEqual(values.slice(0, n));
        // The fork writes over its prefix and appends past it; the source's view is unchanged.
        if (n > 0) cut.set(0, -1);
        cut.push(42);
        expect([...col.view()]).toEqual(before);
        // And the source's later writes never reach the cut.
        col.set(0, 7);
        expect(cut.get(0)).toBe(n > 0 ? -1 : 42);
      }),
    );
  });

});

describe('the binary searches through a reader (`upperBoundBy`, `lowerBoundBy`)', () => {
  it('find what the searches over the array itself find, for values read through fact numbers', () => {
    const time = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e13, max: 1e13, noNaN: true }));
    fc.assert(
      fc.property(fc.array(time, { maxLength: 60 }), fc.array(time, { minLength: 1, maxLength: 10 }), (raw, probes) => {
        // Times per fact, sorted (with repeats), and a subset of facts as the column (as records and marks are).
        const times = Float64Array.from(raw.sort((a, b) => a - b));
        const facts = [...times.keys()].filter((i) => i % 3 !== 1);
        const direct = Float64Array.from(facts, (f) => times[f]!);
        const at = (i: number) => times[facts[i]!]!;
        for (const x of [...probes, ...direct]) {
          expect(upperBoundBy(facts.length, at, x)).toBe(upperBound(direct, x));
          expect(lowerBoundBy(facts.length, at, x)).toBe(lowerBound(direct, x));
        }
      }),
    );
  });
});
