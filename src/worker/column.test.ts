// Growable typed columns (issue 19): a column reads back what was pushed, through growth, as an array
// of that type would hold it; a cut holds the prefix and neither it nor its source sees the other's writes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Column } from './column.ts';

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
