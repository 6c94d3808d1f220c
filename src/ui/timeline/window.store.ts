/**
 * The timeline's visible window, for whoever asks the worker for frames: spread
 * `timelineWindow()` into the `FrameRequest` so the worker packs only what is in view.
 *
 * May import: zustand. May not import: worker runtime.
 */
import { createStore } from 'zustand/vanilla';
import type { Viewport } from './scales.ts';

export const timelineWindowStore = createStore<{ viewport: Viewport | null }>()(() => ({ viewport: null }));

export function timelineViewportChanged(viewport: Viewport | null): void {
  timelineWindowStore.setState({ viewport });
}

/** `{ fromMs, toMs }` to add to a frame request (empty before the timeline mounts). */
export function timelineWindow(): { fromMs?: number; toMs?: number } {
  const v = timelineWindowStore.getState().viewport;
  return v ? { fromMs: v.fromMs, toMs: v.toMs } : {};
}
