/**
 * The latest frame from the worker: per-frame data, kept out of React's render path (zustand's
 * "transient updates"): a vanilla store that a canvas can `subscribe` to directly, and that React
 * panels read through `useStore` with a selector.
 *
 * May import: zustand, protocol types. May not import: worker runtime, sim.
 */
import { createStore } from 'zustand/vanilla';
import type { Frame } from '../../worker/protocol.ts';

export interface FrameState {
  frame: Frame | undefined;
}

export const frameStore = createStore<FrameState>()(() => ({ frame: undefined }));

export function frameArrived(frame: Frame): void {
  frameStore.setState({ frame });
}

export function framesCleared(): void {
  frameStore.setState({ frame: undefined });
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
