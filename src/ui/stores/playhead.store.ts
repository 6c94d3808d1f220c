/**
 * The playhead as leaf components read it: simulated time, speed, whether playing, the run's id and
 * length. Fed from the playback machine by one subscription (`clock/usePlaybackClock.ts`), so only the
 * components that show the time (readout, scrubber, playhead line) re-render when it moves — never
 * `App`. Canvas code reads it with `playheadStore.getState()` or `subscribe`, outside React.
 *
 * May import: zustand. May not import: worker, sim, machines.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface PlayheadState {
  /** Simulated ms since the start of the run. */
  atMs: number;
  speed: number;
  playing: boolean;
  runId: number | undefined;
  durationMs: number;
}

export const playheadStore = createStore<PlayheadState>()(() => ({ atMs: 0, speed: 1, playing: false, runId: undefined, durationMs: 0 }));

/** Publishes the machine's playhead; a no-op (no subscriber runs) when nothing changed. */
export function playheadMoved(next: PlayheadState): void {
  const s = playheadStore.getState();
  if (s.atMs === next.atMs && s.speed === next.speed && s.playing === next.playing && s.runId === next.runId && s.durationMs === next.durationMs) return;
  playheadStore.setState(next);
}

/** A React component's slice of the playhead; it re-renders only when the slice changes. */
export function usePlayhead<T>(select: (s: PlayheadState) => T): T {
  return useStore(playheadStore, select);
}
