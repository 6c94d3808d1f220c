/**
 * Waits for the live timeline's first frame (the `streamscope:first-frame` mark), or at most
 * `maxMs`: for work that must not compete with the first frame but must happen anyway, such as
 * registering the service worker, whose install fetches every file of the build (issue 16, load12:
 * registered at the page's load event it ran while the worker computed the first run).
 *
 * May import: the timeline's first-frame mark name, the DOM's PerformanceObserver.
 */
import { FIRST_FRAME_MARK } from '../timeline/LayeredCanvas.tsx';

export interface Clock {
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export function afterFirstFrame(maxMs: number, clock: Clock = globalThis as unknown as Clock): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      marks?.disconnect();
      clock.clearTimeout(timer);
      resolve();
    };
    const timer = clock.setTimeout(finish, maxMs);
    let marks: PerformanceObserver | undefined;
    if (typeof PerformanceObserver === 'function') {
      marks = new PerformanceObserver((list) => {
        if (list.getEntriesByName(FIRST_FRAME_MARK).length > 0) finish();
      });
      // Buffered: a frame drawn before this call counts.
      marks.observe({ type: 'mark', buffered: true });
    }
  });
}
