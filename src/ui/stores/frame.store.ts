/**
 * The latest frame from the worker: per-frame data, kept out of React's render path (zustand's
 * "transient updates"): a vanilla store that a canvas can `subscribe` to directly, and that React
 * panels read through `useStore` with a selector — the text panels from `panelFrame`, which moves at
 * most 4 times a second while playing.
 *
 * May import: zustand, protocol types. May not import: worker runtime, sim.
 */
import { createStore } from 'zustand/vanilla';
import type { Frame } from '../../worker/protocol.ts';
import { playheadStore, TEXT_REFRESH_MS } from './playhead.store.ts';

export interface FrameState {
  /** The latest frame: the canvas draws every one. */
  frame: Frame | undefined;
  /** The frame text panels show: the latest when paused, at most 4 a second while playing (#13.4). */
  panelFrame: Frame | undefined;
}

export const frameStore = createStore<FrameState>()(() => ({ frame: undefined, panelFrame: undefined }));

let panelAt = -Infinity;
let panelTimer: ReturnType<typeof setTimeout> | undefined;
const wallNow = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

function publishPanels(): void {
  if (panelTimer !== undefined) clearTimeout(panelTimer);
  panelTimer = undefined;
  panelAt = wallNow();
  const { frame, panelFrame } = frameStore.getState();
  if (frame !== panelFrame) frameStore.setState({ panelFrame: frame });
}

export function frameArrived(frame: Frame): void {
  const prev = frameStore.getState().panelFrame;
  frameStore.setState({ frame });
  const playing = playheadStore.getState().playing;
  if (!playing || prev === undefined || prev.runId !== frame.runId || wallNow() - panelAt >= TEXT_REFRESH_MS) publishPanels();
  // The last frame before a stretch without frames still reaches the panels.
  else panelTimer ??= setTimeout(publishPanels, TEXT_REFRESH_MS);
}

// When playback stops, the panels catch up with the canvas at once.
playheadStore.subscribe((s, prev) => {
  if (prev.playing && !s.playing) publishPanels();
});

/**
 * Whether `frame` shows the data of run `runId` at playhead `atMs`: no fact happened between its
 * time and `atMs` (`Frame.nextChangeMs`; a frame without it holds only at its own time).
 */
export function frameHolds(frame: Frame | undefined, runId: number | undefined, atMs: number): boolean {
  return frame !== undefined && frame.runId === runId && atMs >= frame.atMs && (atMs === frame.atMs || atMs < (frame.nextChangeMs ?? frame.atMs));
}

/**
 * The simulated time the stage draws `frame` at: the playhead itself while the frame's data holds
 * there, so the playhead, the veil and the motion move every animation frame without a frame from
 * the worker; else the frame's own time (the frame for the playhead is on its way).
 */
export function stageAtMs(frame: Frame): number {
  const { runId, atMs } = playheadStore.getState();
  return frameHolds(frame, runId, atMs) ? atMs : frame.atMs;
}

export function framesCleared(): void {
  frameStore.setState({ frame: undefined, panelFrame: undefined });
}

/** Resolves once a frame of run `runId` at `atMs` is in the store (or after `timeoutMs`, so a seek never hangs). */
export function frameSettled(runId: number | undefined, atMs: number, timeoutMs = 3_000): Promise<void> {
  const done = (f: Frame | undefined) => f !== undefined && f.runId === runId && f.atMs === atMs;
  if (done(frameStore.getState().frame)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(finish, timeoutMs);
    const unsubscribe = frameStore.subscribe((s) => {
      if (done(s.frame)) finish();
    });
    function finish() {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}
