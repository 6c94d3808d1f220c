/**
 * The timeline's visible window: what the timeline shows and what the worker packs. The timeline
 * reads and writes it (zoom, pan, follow); a narration step frames its moment through
 * `momentFramed` / `instantFramed`; whoever asks the worker for frames spreads `timelineWindow()`
 * into the `FrameRequest` so the worker packs only what is in view.
 *
 * May import: zustand, ./scales.ts. May not import: worker runtime.
 */
import { createStore } from 'zustand/vanilla';
import { fitViewport, momentViewport, type Viewport } from './scales.ts';

export interface WindowState {
  viewport: Viewport | null;
  /** The length of the run shown (the viewport is clamped to it). */
  durationMs: number;
}

export const timelineWindowStore = createStore<WindowState>()(() => ({ viewport: null, durationMs: 0 }));

export function timelineViewportChanged(viewport: Viewport | null): void {
  if (viewport === timelineWindowStore.getState().viewport) return;
  timelineWindowStore.setState({ viewport });
}

/** A run is shown: the whole of it fits in view. */
export function runFitted(durationMs: number): void {
  timelineWindowStore.setState({ viewport: fitViewport(durationMs), durationMs });
}

/** Shows simulated `[fromMs, toMs]` with a margin (for a narration step's moment). */
export function momentFramed(fromMs: number, toMs: number): void {
  const { durationMs } = timelineWindowStore.getState();
  if (durationMs <= 0) return;
  timelineWindowStore.setState({ viewport: momentViewport(fromMs, toMs, durationMs) });
}

/** Shows `spanMs` of simulated time around `atMs` (a moment given by its instant). */
export function instantFramed(atMs: number, spanMs = 12_000): void {
  momentFramed(atMs - spanMs / 2, atMs + spanMs / 2);
}

/** `{ fromMs, toMs }` to add to a frame request (empty before the timeline mounts). */
export function timelineWindow(): { fromMs?: number; toMs?: number } {
  const v = timelineWindowStore.getState().viewport;
  return v ? { fromMs: v.fromMs, toMs: v.toMs } : {};
}
