/**
 * The timeline's time scale and viewport arithmetic. Pure: `timeScale` returns the previous scale
 * object when nothing changed (tldraw's kernels), so memoized children keep their props equal.
 *
 * May import: d3-scale. May not import: React, worker runtime.
 */
import { scaleLinear, type ScaleLinear } from 'd3';

/** The visible stretch of simulated time. */
export interface Viewport {
  fromMs: number;
  toMs: number;
}

/** The narrowest window the zoom allows (simulated ms). */
export const MIN_SPAN_MS = 200;

export type TimeScale = ScaleLinear<number, number>;

/**
 * Simulated ms → x in pixels, over [x0, x1]. A new scale each call: a component memoises its own
 * (`useMemo` on the four numbers), so two timelines on one page (the compare view) each keep theirs.
 */
export function timeScale(viewport: Viewport, x0: number, x1: number): TimeScale {
  return scaleLinear().domain([viewport.fromMs, viewport.toMs]).range([x0, x1]);
}

/** Keeps a viewport inside [0, durationMs] and at least `MIN_SPAN_MS` wide, keeping its span when it can. */
export function clampViewport(v: Viewport, durationMs: number): Viewport {
  const total = Math.max(durationMs, MIN_SPAN_MS);
  const span = Math.min(total, Math.max(MIN_SPAN_MS, v.toMs - v.fromMs));
  let from = v.fromMs;
  if (from < 0) from = 0;
  if (from + span > total) from = total - span;
  return { fromMs: from, toMs: from + span };
}

/** Zooms by `factor` (>1 zooms in) keeping `centerMs` under the same pixel. */
export function zoomViewport(v: Viewport, factor: number, centerMs: number, durationMs: number): Viewport {
  const span = v.toMs - v.fromMs;
  const next = Math.max(MIN_SPAN_MS, span / factor);
  const ratio = span > 0 ? (centerMs - v.fromMs) / span : 0.5;
  const from = centerMs - ratio * next;
  return clampViewport({ fromMs: from, toMs: from + next }, durationMs);
}

/** Moves the window by `deltaMs`. */
export function panViewport(v: Viewport, deltaMs: number, durationMs: number): Viewport {
  return clampViewport({ fromMs: v.fromMs + deltaMs, toMs: v.toMs + deltaMs }, durationMs);
}

/** The whole run. */
export function fitViewport(durationMs: number): Viewport {
  return { fromMs: 0, toMs: Math.max(durationMs, MIN_SPAN_MS) };
}

/** While playing, keeps the playhead in view: when it leaves the right edge, the window jumps so it sits at 10 %. */
export function followPlayhead(v: Viewport, atMs: number, durationMs: number): Viewport {
  if (atMs <= v.toMs && atMs >= v.fromMs) return v;
  const span = v.toMs - v.fromMs;
  return clampViewport({ fromMs: atMs - span * 0.1, toMs: atMs + span * 0.9 }, durationMs);
}

/**
 * Zoom keeping the playhead where it is on screen (#20.6); a playhead outside the view is brought to
 * the middle of the zoomed one.
 */
export function zoomAroundPlayhead(v: Viewport, factor: number, atMs: number, durationMs: number): Viewport {
  if (atMs >= v.fromMs && atMs <= v.toMs) return zoomViewport(v, factor, atMs, durationMs);
  const next = Math.max(MIN_SPAN_MS, (v.toMs - v.fromMs) / factor);
  return clampViewport({ fromMs: atMs - next / 2, toMs: atMs + next / 2 }, durationMs);
}

/** Share of a framed moment's span added on each side, so its marks are not on the edge. */
export const MOMENT_MARGIN = 0.15;

/** The viewport that shows `[fromMs, toMs]` with a margin (a narration step framing its moment). */
export function momentViewport(fromMs: number, toMs: number, durationMs: number): Viewport {
  const lo = Math.min(fromMs, toMs);
  const span = Math.max(MIN_SPAN_MS, Math.abs(toMs - fromMs));
  const margin = span * MOMENT_MARGIN;
  return clampViewport({ fromMs: lo - margin, toMs: lo + span + margin }, durationMs);
}
