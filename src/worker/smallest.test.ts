import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { smallest } from './smallest.ts';

describe('smallest', () => {
  it('equals the first k of a stable sort', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ v: fc.integer({ min: 0, max: 20 }), id: fc.nat() })), fc.integer({ min: 0, max: 30 }), (xs, k) => {
        const cmp = (a: { v: number }, b: { v: number }) => a.v - b.v;
        expect(smallest(xs, k, cmp)).toEqual([...xs].sort(cmp).slice(0, k));
      }),
    );
  });
});
