/**
 * The level of detail of a window with more records than a frame holds one by one (issue #16.3: a
 * million imported records zoomed out). A frame carries at most about `MAX_FRAME_RECORDS` records
 * as columns, the newest; the window's older records come as counts per lane in `OLDER_BUCKETS`
 * equal slices of the visible window, which the timeline draws as bars. Before, they were only
 * counted in `recordsOmitted`, and the timeline showed a long run's lanes empty but for its end.
 *
 * The cut between counts and records falls on a slice's edge, so while playing it moves one slice
 * at a time: the counts are recomputed and sent only then (the client sends back the `key` of the
 * counts it holds, and a frame with the same counts says `olderCountsHeld` instead of sending them).
 *
 * May import: ./runIndex.ts, ./columns.ts, protocol types. May not import: sim runtime, ui.
 */
import { MAX_FRAME_RECORDS } from './columns.ts';
import type { FrameRequest, OlderRecordCounts } from './protocol.ts';
import type { RunIndex } from './runIndex.ts';

/** Slices of the visible window the older records are counted in (a few pixels each on a stage). */
export const OLDER_BUCKETS = 512;

export interface WindowCut {
  /** The first record the frame holds one by one. */
  start: number;
  olderCounts?: OlderRecordCounts;
  olderCountsHeld?: true;
}

/**
 * Where the frame's records `[first, end)` (window `[fromMs, toMs]`, the visible one, not cut at the
 * playhead) begin one by one, and the counts of the ones before.
 */
export function cutWindow(index: RunIndex, runId: number, request: Pick<FrameRequest, 'knownOlderCounts'>, fromMs: number, toMs: number, first: number, end: number): WindowCut {
  if (end - first <= MAX_FRAME_RECORDS) return { start: first };
  // A window of no width has no slices: the newest records alone.
  if (!(toMs > fromMs)) return { start: end - MAX_FRAME_RECORDS };
  const rec = index.rec;
  const width = (toMs - fromMs) / OLDER_BUCKETS;
  const sliceOf = (r: number) => Math.min(OLDER_BUCKETS - 1, Math.max(0, Math.floor((rec.t(r) - fromMs) / width)));
  // The first record of the slice that holds the oldest of the newest MAX_FRAME_RECORDS: those and
  // the rest of their slice are records, every slice before it counts (slices grow with time, so a
  // binary search by the same `sliceOf` the counts use).
  const slice = sliceOf(end - MAX_FRAME_RECORDS);
  let lo = first;
  let hi = end - MAX_FRAME_RECORDS;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sliceOf(mid) < slice) lo = mid + 1;
    else hi = mid;
  }
  const start = lo;
  if (start === first) return { start };
  const key = `${runId}:${fromMs}:${toMs}:${first}:${start}`;
  if (request.knownOlderCounts === key) return { start, olderCountsHeld: true };
  const lanes = Math.max(1, index.lanes.length);
  const counts = new Uint32Array(lanes * OLDER_BUCKETS);
  for (let r = first; r < start; r++) {
    counts[rec.lane[r]! * OLDER_BUCKETS + sliceOf(r)]!++;
  }
  return { start, olderCounts: { key, fromMs, toMs, buckets: OLDER_BUCKETS, lanes, counts, total: start - first } };
}
