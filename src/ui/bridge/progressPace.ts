/**
 * An import's progress as the dialog shows it: a new phase at once, and within a phase at most one
 * report every `everyMs` (the latest, once the wait is over). The worker reports once a slice of
 * the file is read and as each step of placing ends, up to 15 times a second; each report the
 * dialog shows is a React render, a layout and a frame composited, which on a machine drawing
 * without a GPU took about 10 ms of a third thread each (docs/BENCHMARKS.md, session 25) while the
 * worker, whose import the user waits for, shares the cores.
 *
 * May import: nothing. Pure but for the clock it is given.
 */
export interface PaceClock {
  now(): number;
  later(run: () => void, ms: number): unknown;
  cancel(timer: unknown): void;
}

const browserClock: PaceClock = {
  now: () => performance.now(),
  later: (run, ms) => setTimeout(run, ms),
  cancel: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

/** How often, at most, a phase's progress is shown (ms). */
export const PROGRESS_EVERY_MS = 250;

export function pacedProgress<P extends { phase: string }>(show: (p: P) => void, everyMs = PROGRESS_EVERY_MS, clock: PaceClock = browserClock) {
  let shownAt = -Infinity;
  let phase: string | undefined;
  let waiting: P | undefined;
  let timer: unknown;
  let stopped = false;
  const showNow = (p: P) => {
    phase = p.phase;
    shownAt = clock.now();
    show(p);
  };
  const flush = () => {
    timer = undefined;
    const p = waiting;
    waiting = undefined;
    if (p !== undefined) showNow(p); // stop() cancels the timer, so a stopped pace never gets here
  };
  return {
    report(p: P): void {
      if (stopped) return;
      if (p.phase !== phase || clock.now() - shownAt >= everyMs) {
        if (timer !== undefined) clock.cancel(timer);
        timer = undefined;
        waiting = undefined;
        showNow(p);
        return;
      }
      waiting = p;
      timer ??= clock.later(flush, everyMs - (clock.now() - shownAt));
    },
    /** No more reports: one still waiting is dropped (the import has ended). */
    stop(): void {
      stopped = true;
      if (timer !== undefined) clock.cancel(timer);
      timer = undefined;
      waiting = undefined;
    },
  };
}
