/**
 * Each narration step frames its moment (#20.6): when a step is shown with playback paused, the
 * timeline zooms around the step's stop just enough that the records near it stand apart (lesson
 * moments pack five re-deliveries or forty records into a few pixels of a whole-run view). The
 * window is computed once per run and step — from the first frame drawn at the stop — and reused
 * when the learner comes back to the step; a step whose marks already stand apart changes nothing.
 *
 * May import: zustand stores, ../timeline/{lanes,lod,scales,window.store}.ts. May not import: React, worker runtime.
 */
import { frameStore } from '../stores/frame.store.ts';
import { LABEL_WIDTH, RIGHT_MARGIN } from '../timeline/lanes.ts';
import { CHIP_SPACING_PX } from '../timeline/lod.ts';
import { momentViewport, type Viewport } from '../timeline/scales.ts';
import { timelineWindowStore } from '../timeline/window.store.ts';

/** Records looked at before the stop (the moment a step speaks of has just happened). */
const NEAR = 12;
/** The narrowest window a step frames (never closer than this). */
const MIN_SPAN_MS = 2_000;
/** Pixels each record near the moment gets, at least (a chip and its badge). */
const ROOM_PX = CHIP_SPACING_PX * 2.4;

/**
 * The window for a moment at `stopMs` given the records' times and lanes (sorted by time), or null
 * when the current window already shows them apart. Pure: the unit tests call it directly.
 */
export function frameForMoment(t: ArrayLike<number>, lane: ArrayLike<number>, stopMs: number, current: Viewport, plotPx: number, durationMs: number): Viewport | null {
  let end = 0;
  while (end < t.length && t[end]! <= stopMs) end++;
  const from = Math.max(0, end - NEAR);
  // The smallest gap between neighbours on one shard among the records just before the stop.
  const lastOnLane = new Map<number, number>();
  let gap = Infinity;
  for (let i = from; i < end; i++) {
    const prev = lastOnLane.get(lane[i]!);
    if (prev !== undefined && t[i]! - prev > 0) gap = Math.min(gap, t[i]! - prev);
    lastOnLane.set(lane[i]!, t[i]!);
  }
  if (!Number.isFinite(gap) || plotPx <= 0) return null;
  const span = Math.max(MIN_SPAN_MS, (gap * plotPx) / ROOM_PX);
  if (current.toMs - current.fromMs <= span * 1.05) return null;
  const first = t[from]!;
  // The stop near the right, the records before it in view.
  const lo = Math.max(first, stopMs - span * 0.75);
  return momentViewport(lo, Math.max(stopMs, lo + span * 0.8), durationMs);
}

const framed = new Map<string, Viewport | null>();

/**
 * Frames step `k` (stop `stopMs`) of run `runId` once its frame is drawn; returns a cancel function.
 * `stageWidth` (px) and `zoom` (presenter scale) give the plot's width.
 */
export function stepFramed(runId: number, k: number, stopMs: number, stageWidth: number, zoom: number): () => void {
  const key = `${runId}:${k}`;
  const apply = (v: Viewport | null | undefined) => {
    if (v) timelineWindowStore.setState({ viewport: v });
  };
  if (framed.has(key)) {
    apply(framed.get(key));
    return () => {};
  }
  const tryFrame = () => {
    const f = frameStore.getState().frame;
    const current = timelineWindowStore.getState().viewport;
    const { durationMs } = timelineWindowStore.getState();
    if (!f || f.runId !== runId || f.atMs !== stopMs || !current || durationMs <= 0) return false;
    const plotPx = stageWidth / zoom - LABEL_WIDTH - RIGHT_MARGIN;
    const v = frameForMoment(f.records.t, f.records.lane, stopMs, current, plotPx, durationMs);
    framed.set(key, v);
    apply(v);
    return true;
  };
  if (tryFrame()) return () => {};
  const unsubscribe = frameStore.subscribe(() => {
    if (tryFrame()) unsubscribe();
  });
  return unsubscribe;
}
