// A chunked list forked at any point reads like a copy of its first n entries, and neither the
// parent nor the fork sees what the other appends afterwards (chunkedList.ts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChunkedList } from './chunkedList.ts';

describe('chunked list', () => {
  it('cut at any point is an independent copy of the first n entries, across chunk boundaries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.nat(), fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 5_000 }), (size, at, parentMore, forkMore) => {
        const list = ChunkedList.empty<number>();
        for (let i = 0; i < size; i++) list.push(i);
        const n = size === 0 ? 0 : at % (size + 1);
        const fork = list.cut(n);
        for (let i = 0; i < parentMore; i++) list.push(-1 - i);
        for (let i = 0; i < forkMore; i++) fork.push(1_000_000 + i);
        expect(fork.length).toBe(n + forkMore);
        expect(list.length).toBe(size + parentMore);
        expect(fork.slice(0, n)).toEqual(Array.from({ length: n }, (_, i) => i));
        expect(fork.slice(n)).toEqual(Array.from({ length: forkMore }, (_, i) => 1_000_000 + i));
        expect(list.slice(size)).toEqual(Array.from({ length: parentMore }, (_, i) => -1 - i));
        expect(list.get(size - 1)).toBe(size === 0 ? undefined : size - 1);
        expect(fork.get(n + forkMore)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});
