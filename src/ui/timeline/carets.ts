/**
 * Where each consumer's iterator caret stands on a shard, as a function of simulated time: after
 * the last record of its latest batch, eased from where the batch before left it; on a takeover,
 * back to the checkpoint first (the new owner reads from there), then on through what it re-reads.
 *
 * May import: ./glyphs.ts, protocol types through it. May not import: React, DOM globals.
 */
import { ease, type MarksFrame } from './glyphs.ts';

const clamp01 = (p: number) => (p < 0 ? 0 : p > 1 ? 1 : p);

/** What placing a caret needs: the frame, the playhead and the travel time. */
export interface CaretClock {
  frame: MarksFrame;
  at: number;
  travelMs: number;
}

export interface Place {
  atMs: number;
  p: number;
  moving: boolean;
  /** Set when the caret went back (a new owner re-reads from the checkpoint): from where, to where, since when. */
  rewind?: { fromMs: number; toMs: number; sinceMs: number };
}

/**
 * Where a consumer's caret stands on a shard: after the last record of its latest batch, eased from
 * where the batch before left it. When another worker reads next (a takeover), the caret first goes
 * back from where the old owner stood to the checkpoint, then on through the re-delivered records;
 * a lease taken before the new owner's first batch puts it at the checkpoint.
 */
export function caretPlace(c: CaretClock, cl: MarksFrame['consumerLanes'][number]): Place | undefined {
  const B = c.frame.batches;
  let latest = -1;
  let previous = -1;
  for (let i = 0; i < B.t0.length; i++) {
    if (B.consumer[i] !== cl.consumer || B.lane[i] !== cl.lane || B.t0[i]! > c.at) continue;
    const t = B.lastRecT?.[i];
    if (t === undefined || Number.isNaN(t)) continue;
    previous = latest;
    latest = i;
  }
  const eased = (fromMs: number, toMs: number, sinceMs: number, rewind?: Place['rewind']): Place => {
    const p = c.travelMs > 0 ? ease(clamp01((c.at - sinceMs) / c.travelMs)) : 1;
    return { atMs: fromMs + (toMs - fromMs) * p, p, moving: p < 1 && fromMs !== toMs, ...(rewind ? { rewind } : {}) };
  };
  if (latest < 0) return cl.iteratorMs === undefined ? undefined : eased(cl.iteratorMs, cl.iteratorMs, -Infinity);
  const lastRecT = (i: number) => B.lastRecT![i]!;
  const to = lastRecT(latest);
  const since = B.t0[latest]!;
  const checkpoint = cl.checkpointMs !== undefined && Number.isFinite(cl.checkpointMs) ? cl.checkpointMs : undefined;
  // A lease taken by another worker after the latest batch: the new owner will start at the checkpoint.
  const L = c.frame.leases;
  for (let i = L.t0.length - 1; i >= 0; i--) {
    if (L.consumer[i] !== cl.consumer || L.lane[i] !== cl.lane || L.t0[i]! > c.at || L.t0[i]! <= since || L.worker[i] === B.worker[latest] || checkpoint === undefined) continue;
    const rewind = { fromMs: to, toMs: checkpoint, sinceMs: L.t0[i]! };
    return eased(to, checkpoint, L.t0[i]!, rewind);
  }
  if (previous < 0) return eased(to, to, since);
  const from = lastRecT(previous);
  if (B.worker[latest] === B.worker[previous] || checkpoint === undefined || checkpoint > to) {
    return eased(from, to, since, to < from - 0.5 ? { fromMs: from, toMs: to, sinceMs: since } : undefined);
  }
  // A new owner's first batch: back to the checkpoint first, then on through what it re-reads.
  const rewind = { fromMs: from, toMs: checkpoint, sinceMs: since };
  return c.at < since + c.travelMs ? eased(from, checkpoint, since, rewind) : eased(checkpoint, to, since + c.travelMs, rewind);
}
