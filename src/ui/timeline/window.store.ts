/**
 * The timeline's visible window: what the timeline shows and what the worker packs. The timeline
 * reads and writes it (zoom, pan, follow); a narration step frames its moment by setting it
 * (`narration/stepFraming.ts`); whoever asks the worker for frames spreads `timelineWindow()` into
 * the `FrameRequest` so the worker packs only what is in view.
 *
 * May import: zustand, ./scales.ts. May not import: worker runtime.
 */
import { createStore } from 'zustand/vanilla';
import { fitViewport, type Viewport } from './scales.ts';

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

/** `{ fromMs, toMs }` to add to a frame request (empty before the timeline mounts). */
export function timelineWindow(): { fromMs?: number; toMs?: number } {
  const v = timelineWindowStore.getState().viewport;
  return v ? { fromMs: v.fromMs, toMs: v.toMs } : {};
}
