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
  /** How far the worker has computed a run answered before its end (`LoadResult.computedMs`); undefined once complete. */
  computedMs?: number;
  /** The playhead for text panels ("at the playhead, 00:12"): moves at most 4 times a second while playing. */
  textAtMs: number;
  /**
   * The playhead for the transport's time readout and scrubber thumb: at most 10 times a second while
   * playing (a changed text or thumb is a layout in a frame that otherwise lays out nothing), exact
   * otherwise. Both move in the same frames.
   */
  readoutAtMs: number;
}

/** Text panels refresh at most this often while playing (#13.4). */
export const TEXT_REFRESH_MS = 250;
/** The readout and the scrubber refresh at most this often while playing. */
export const READOUT_REFRESH_MS = 100;
let textAt = -Infinity;
let readoutAt = -Infinity;
const wallNow = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

export const playheadStore = createStore<PlayheadState>()(() => ({ atMs: 0, speed: 1, playing: false, runId: undefined, durationMs: 0, textAtMs: 0, readoutAtMs: 0 }));

/** Publishes the machine's playhead; a no-op (no subscriber runs) when nothing changed. */
export function playheadMoved(next: Omit<PlayheadState, 'textAtMs' | 'readoutAtMs'>): void {
  const s = playheadStore.getState();
  if (s.atMs === next.atMs && s.speed === next.speed && s.playing === next.playing && s.runId === next.runId && s.durationMs === next.durationMs && s.computedMs === next.computedMs) return;
  const now = wallNow();
  const textDue = !next.playing || now - textAt >= TEXT_REFRESH_MS;
  if (textDue) textAt = now;
  const readoutDue = textDue || now - readoutAt >= READOUT_REFRESH_MS;
  if (readoutDue) readoutAt = now;
  playheadStore.setState({ ...next, textAtMs: textDue ? next.atMs : s.textAtMs, readoutAtMs: readoutDue ? next.atMs : s.readoutAtMs });
}

/** A React component's slice of the playhead; it re-renders only when the slice changes. */
export function usePlayhead<T>(select: (s: PlayheadState) => T): T {
  return useStore(playheadStore, select);
}
