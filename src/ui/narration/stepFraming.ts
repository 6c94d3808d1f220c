/**
 * Each narration step frames its moment (#20.6): when a step is shown with playback paused, the
 * timeline zooms around the step's stop just enough that the records near it stand apart (lesson
 * moments pack five re-deliveries or forty records into a few pixels of a whole-run view). The
 * window is computed once per run and step — from the first frame drawn at the stop — and reused
 * when the learner comes back to the step; a step whose marks already stand apart changes nothing,
 * unless the window does not show the stop at all (then the whole run is shown again first).
 *
 * May import: zustand stores, ../timeline/{lanes,lod,scales,window.store}.ts. May not import: React, worker runtime.
 */
import { frameStore } from '../stores/frame.store.ts';
import { LABEL_WIDTH, RIGHT_MARGIN } from '../timeline/lanes.ts';
import { CHIP_SPACING_PX } from '../timeline/lod.ts';
import { fitViewport, momentViewport, type Viewport } from '../timeline/scales.ts';
import { timelineWindowStore } from '../timeline/window.store.ts';

/** Records looked at before the stop (the moment a step speaks of has just happened). */
const NEAR = 12;
/** The narrowest window a step frames (never closer than this). */
const MIN_SPAN_MS = 2_000;
/** A moment that takes less than this share of the view is packed in a corner of it. */
const CORNER_SHARE = 0.1;
/** The narrowest window a packed moment is framed in. */
const MIN_CORNER_SPAN_MS = 3_000;
/** Pixels each record near the moment gets, at least (a chip and its badge). */
const ROOM_PX = CHIP_SPACING_PX * 2.4;

/**
 * The window for a moment at `stopMs` given the records' times and lanes (sorted by time), or null
 * when the current window already shows it legibly. Two ways a moment is illegible in a whole-run
 * view: records near the stop on one shard are too close to stand apart (a burst of re-deliveries),
 * or the whole moment is packed into a corner of the view (the first second of a 45-second lesson:
 * one record per shard, and the consumers' batches piled on each other). Pure: the unit tests call it.
 */
export function frameForMoment(t: ArrayLike<number>, lane: ArrayLike<number>, stopMs: number, current: Viewport, plotPx: number, durationMs: number): Viewport | null {
  let end = 0;
  while (end < t.length && t[end]! <= stopMs) end++;
  if (end === 0 || plotPx <= 0) return null;
  const from = Math.max(0, end - NEAR);
  const dense = denseMoment(t, lane, from, end, stopMs, current, plotPx, durationMs);
  // A lone record is legible wherever it is: only a moment of several is packed.
  return dense ?? (end - from >= 2 ? cornerMoment(t[from]!, stopMs, current, durationMs) : null);
}

/** Zoomed until the records just before the stop stand apart on their shards, or null when they already do. */
function denseMoment(t: ArrayLike<number>, lane: ArrayLike<number>, from: number, end: number, stopMs: number, current: Viewport, plotPx: number, durationMs: number): Viewport | null {
  // The smallest gap between neighbours on one shard among the records just before the stop.
  const lastOnLane = new Map<number, number>();
  let gap = Infinity;
  for (let i = from; i < end; i++) {
    const prev = lastOnLane.get(lane[i]!);
    if (prev !== undefined && t[i]! - prev > 0) gap = Math.min(gap, t[i]! - prev);
    lastOnLane.set(lane[i]!, t[i]!);
  }
  if (!Number.isFinite(gap)) return null;
  const span = Math.max(MIN_SPAN_MS, (gap * plotPx) / ROOM_PX);
  if (current.toMs - current.fromMs <= span * 1.05) return null;
  const first = t[from]!;
  // The stop near the right, the records before it in view.
  const lo = Math.max(first, stopMs - span * 0.75);
  return momentViewport(lo, Math.max(stopMs, lo + span * 0.8), durationMs);
}

/**
 * The moment from its first record to the stop, when it fills less than `CORNER_SHARE` of the view:
 * framed so it fills about 40 % (never narrower than `MIN_CORNER_SPAN_MS`, so the run's first
 * seconds keep their context). Null when it is legible already.
 */
function cornerMoment(first: number, stopMs: number, current: Viewport, durationMs: number): Viewport | null {
  const viewSpan = current.toMs - current.fromMs;
  const spread = stopMs - first;
  if (spread >= viewSpan * CORNER_SHARE) return null;
  const span = Math.max(MIN_CORNER_SPAN_MS, spread * 2.5);
  if (viewSpan <= span * 1.5) return null;
  // The stop a little past the middle (what comes next has room to its right); the first record,
  // at least 1.5 spreads before it, is in view.
  const lo = Math.max(0, stopMs - span * 0.6);
  return momentViewport(lo, lo + span, durationMs);
}

const framed = new Map<string, Viewport>();

/**
 * Frames step `k` (stop `stopMs`) of run `runId` once its frame is drawn; returns a cancel function.
 * `stageWidth` (px) and `zoom` (presenter scale) give the plot's width.
 */
export function stepFramed(runId: number, k: number, stopMs: number, stageWidth: number, zoom: number): () => void {
  const key = `${runId}:${k}`;
  const apply = (v: Viewport | null | undefined) => {
    if (v) timelineWindowStore.setState({ viewport: v });
  };
  // Only a close-up is kept: a step that needed none is judged again on return, since the window
  // may have moved since.
  const kept = framed.get(key);
  if (kept) {
    apply(kept);
    return () => {};
  }
  const tryFrame = () => {
    const f = frameStore.getState().frame;
    const current = timelineWindowStore.getState().viewport;
    const { durationMs } = timelineWindowStore.getState();
    if (!f || f.runId !== runId || f.atMs !== stopMs || !current || durationMs <= 0) return false;
    // A window that does not hold the stop (an earlier step's close-up, or the learner's own zoom
    // elsewhere) first goes back to the whole run; the frame drawn there decides the close-up.
    if (stopMs < current.fromMs || stopMs > current.toMs) {
      timelineWindowStore.setState({ viewport: fitViewport(durationMs) });
      return false;
    }
    const plotPx = stageWidth / zoom - LABEL_WIDTH - RIGHT_MARGIN;
    const v = frameForMoment(f.records.t, f.records.lane, stopMs, current, plotPx, durationMs);
    if (v) framed.set(key, v);
    apply(v);
    return true;
  };
  if (tryFrame()) return () => {};
  const unsubscribe = frameStore.subscribe(() => {
    if (tryFrame()) unsubscribe();
  });
  return unsubscribe;
}
