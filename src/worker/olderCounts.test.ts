// The window's cut (./olderCounts.ts): for any records, window and playhead, the frame holds the
// newest MAX_FRAME_RECORDS and the rest of their slice one by one, and counts every older record of
// the window once, in its lane and slice; the cut falls on a slice's edge.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_RECORDS } from './columns.ts';
import { cutWindow, OLDER_BUCKETS } from './olderCounts.ts';
import { lowerBound, upperBound, type RunIndex } from './runIndex.ts';

/** A run index with just what the cut reads: records' times (sorted) and lanes. */
function indexOf(t: Float64Array, lane: Uint16Array, lanes: number): RunIndex {
  return { rec: { t: (r: number) => t[r]!, lane, n: t.length }, lanes: Array.from({ length: lanes }, () => ({})) } as unknown as RunIndex;
}

const runs = fc.record({
  n: fc.integer({ min: 0, max: 3 * MAX_FRAME_RECORDS }),
  lanes: fc.integer({ min: 1, max: 5 }),
  durationMs: fc.integer({ min: 1_000, max: 10_000_000 }),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  from: fc.double({ min: 0, max: 1, noNaN: true }),
  span: fc.double({ min: 0.001, max: 1, noNaN: true }),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('cutWindow', () => {
  it('counts every older record of the window once, in its lane and slice, and holds the newest one by one', () => {
    fc.assert(
      fc.property(runs, ({ n, lanes, durationMs, seed, from, span, at }) => {
        let s = seed;
        const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
        const t = Float64Array.from({ length: n }, () => Math.floor(next() * durationMs)).sort();
        const lane = Uint16Array.from({ length: n }, () => Math.floor(next() * lanes));
        const index = indexOf(t, lane, lanes);
        const fromMs = Math.floor(from * durationMs);
        const toMs = fromMs + Math.max(1, Math.floor(span * durationMs));
        const atMs = Math.floor(at * durationMs);
        const first = lowerBound(t, fromMs);
        const end = Math.max(first, upperBound(t, Math.min(atMs, toMs)));
        const cut = cutWindow(index, 1, {}, fromMs, toMs, first, end);
        expect(cut.start).toBeGreaterThanOrEqual(first);
        expect(cut.start).toBeLessThanOrEqual(end);
        if (end - first <= MAX_FRAME_RECORDS) {
          expect(cut).toEqual({ start: first });
          return;
        }
        const width = (toMs - fromMs) / OLDER_BUCKETS;
        // The newest MAX_FRAME_RECORDS are held; what else is held shares a slice with the oldest of them.
        expect(end - cut.start).toBeGreaterThanOrEqual(MAX_FRAME_RECORDS);
        const sliceOf = (r: number) => Math.min(OLDER_BUCKETS - 1, Math.floor((t[r]! - fromMs) / width));
        if (cut.start < end - MAX_FRAME_RECORDS) expect(sliceOf(cut.start)).toBe(sliceOf(end - MAX_FRAME_RECORDS));
        if (cut.start === first) {
          expect(cut.olderCounts).toBeUndefined();
          return;
        }
        // Every record before the cut is in an earlier slice than every record after it.
        expect(sliceOf(cut.start - 1)).toBeLessThan(sliceOf(cut.start));
        const expected = new Uint32Array(lanes * OLDER_BUCKETS);
        for (let r = first; r < cut.start; r++) expected[lane[r]! * OLDER_BUCKETS + sliceOf(r)]!++;
        expect(cut.olderCounts!.counts).toEqual(expected);
        expect(cut.olderCounts!.total).toBe(cut.start - first);
        // Asked again by the client that holds them: not computed again.
        expect(cutWindow(index, 1, { knownOlderCounts: cut.olderCounts!.key }, fromMs, toMs, first, end)).toEqual({ start: cut.start, olderCountsHeld: true });
      }),
      { numRuns: 200 },
    );
  });
});
