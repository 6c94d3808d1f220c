/**
 * The one animation-frame loop of the page (Perfetto's raf_scheduler shape): each frame runs its
 * phases in order — `tick` (the playback clock advances), `request` (ask the worker for the frame at
 * the new playhead), `canvas` (timeline layers redraw), `dom` (leaf components that write the DOM
 * directly: playhead line, time readout). A phase's callbacks are either every-frame (`everyFrame`,
 * e.g. the clock while playing) or one-shot and coalesced by key (`schedule`: a redraw asked for ten
 * times before the next frame runs once). The loop stops when nothing is scheduled.
 *
 * May import: nothing. May not import: React, worker, sim.
 */

export type Phase = 'tick' | 'request' | 'canvas' | 'dom';
const PHASES: readonly Phase[] = ['tick', 'request', 'canvas', 'dom'];

type Callback = (nowMs: number) => void;

export interface FrameScheduler {
  /** Calls `cb` in `phase` on every animation frame until the returned function is called. */
  everyFrame(phase: Phase, cb: Callback): () => void;
  /** Calls `cb` once in `phase` of the next frame; a later call with the same key replaces it. */
  schedule(phase: Phase, key: object | string, cb: Callback): void;
  /** Drops a scheduled one-shot. */
  cancel(phase: Phase, key: object | string): void;
  /** Frames run so far (the bench divides counts by it). */
  readonly frames: number;
}

export interface RafLike {
  request(cb: (nowMs: number) => void): number;
  cancel(id: number): void;
}

const browserRaf: RafLike = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (id) => cancelAnimationFrame(id),
};

export function createScheduler(raf: RafLike = browserRaf): FrameScheduler {
  const continuous = new Map<Phase, Set<Callback>>(PHASES.map((p) => [p, new Set()]));
  const once = new Map<Phase, Map<object | string, Callback>>(PHASES.map((p) => [p, new Map()]));
  let id: number | undefined;
  let frames = 0;

  const idle = () => PHASES.every((p) => continuous.get(p)!.size === 0 && once.get(p)!.size === 0);

  function run(nowMs: number): void {
    id = undefined;
    frames++;
    for (const phase of PHASES) {
      for (const cb of [...continuous.get(phase)!]) cb(nowMs);
      const due = once.get(phase)!;
      // A callback may schedule work for a later phase of this frame, or for the next frame.
      const calls = [...due.values()];
      due.clear();
      for (const cb of calls) cb(nowMs);
    }
    if (!idle()) wake();
  }

  function wake(): void {
    id ??= raf.request(run);
  }

  return {
    everyFrame(phase, cb) {
      continuous.get(phase)!.add(cb);
      wake();
      return () => {
        continuous.get(phase)!.delete(cb);
        if (idle() && id !== undefined) {
          raf.cancel(id);
          id = undefined;
        }
      };
    },
    schedule(phase, key, cb) {
      once.get(phase)!.set(key, cb);
      wake();
    },
    cancel(phase, key) {
      once.get(phase)!.delete(key);
    },
    get frames() {
      return frames;
    },
  };
}

/** The page's scheduler (created on first use, so Node tests that never touch it need no rAF). */
let pageScheduler: FrameScheduler | undefined;
export function frameScheduler(): FrameScheduler {
  return (pageScheduler ??= createScheduler());
}
