/**
 * The layered timeline's bookkeeping (#13.4): when each of the three canvases must be redrawn.
 *
 * - static (`drawStatic.ts`): lanes and rows — on zoom, pan or resize only;
 * - marks (`drawMarks.ts`): the run's data in view — when `marksSignature` of the frame changes
 *   (records appended or settled, deliveries, harm, trimming, batches finishing, leases, marks);
 *   the legend's kinds are recomputed then too (`legendKinds.ts`), never on a frame that only moved
 *   the playhead;
 * - overlay (`drawOverlay.ts`): carets, flags and everything travelling — every frame in which
 *   something travels, when the playhead crosses a device pixel while a moment's words are held, and
 *   when the data changes (`overlaySignature` for the rest); the veil past the playhead is a DOM layer
 *   moved by a transform (`LayeredCanvas.tsx`), so a frame that only moves the playhead redraws nothing.
 *
 * May import: protocol types, ./draw*.ts, ./legendKinds.ts. May not import: React, DOM globals.
 */
import { settledBefore } from './drawOverlay.ts';
import type { MarksFrame } from './glyphs.ts';

/**
 * A string that changes exactly when the marks layer would draw something else for the same scales:
 * O(records) over typed arrays (20k records: a few tens of µs), no allocation per record.
 */
export function marksSignature(f: MarksFrame & { runId?: number; recordFrom?: number }, travelMs: number): string {
  const r = f.records;
  let deliveries = 0;
  let harm = 0;
  let trimmed = 0;
  for (let i = 0; i < r.t.length; i++) {
    deliveries += r.deliveries[i]!;
    harm += r.harm[i]!;
    trimmed += r.trimmed[i]!;
  }
  const settled = travelMs > 0 ? settledBefore(r.t, f.atMs - travelMs) : r.t.length;
  const B = f.batches;
  let pending = 0;
  let outcomes = 0;
  for (let i = 0; i < B.t0.length; i++) {
    if (Number.isNaN(B.t1[i]!)) pending++;
    outcomes += B.outcome[i]! * (i + 1);
  }
  const L = f.leases;
  let open = 0;
  for (let i = 0; i < L.t0.length; i++) if (Number.isNaN(L.t1[i]!)) open++;
  return [f.runId ?? 0, f.recordFrom ?? 0, r.t.length, settled, deliveries, harm, trimmed, f.marks.t.length, B.t0.length, pending, outcomes, L.t0.length, open, f.lanes.length, f.olderCounts?.key ?? ''].join('|');
}

/**
 * What the overlay reads from a frame besides the playhead and what `marksSignature` covers: each
 * consumer lane's iterator and checkpoint. With the same signatures, the playhead on the same pixel
 * and nothing travelling, the overlay would draw the same picture.
 */
export function overlaySignature(f: Pick<MarksFrame, 'consumerLanes'>): string {
  let s = '';
  for (const cl of f.consumerLanes) s += `${cl.consumer}:${cl.lane}:${cl.iteratorMs}:${cl.checkpointMs};`;
  return s;
}
