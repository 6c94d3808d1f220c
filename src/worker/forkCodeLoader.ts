/**
 * The fork code (./forkCode.ts: the forked run, sim/runFork.ts, and ./indexFork.ts, a fork's index
 * from its parent's and the parent's builder cut where the playhead rests) is a chunk of its own in the browser: only an intervention, or a
 * playhead resting for one, uses it, never a run's first frame. The host loads it before it forks
 * (`host.ts` `compute`) and before it prepares a snapshot at a resting playhead or keeps a cut builder (`forks.ts` `PlayheadSnapshots`); the
 * synchronous code that then uses it takes it from here. (A run answered early goes on from its own
 * first part without it: `runAssembly.ts`.)
 *
 * May import: ./forkCode.ts (dynamically; its types statically). May not import: the fork code's modules statically.
 */
import type * as ForkCode from './forkCode.ts';

let loaded: typeof ForkCode | undefined;
let loading: Promise<typeof ForkCode> | undefined;

/** Loads the fork code once; a failed load is tried again by the next call. */
export function loadForkCode(): Promise<typeof ForkCode> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('./forkCode.ts').then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** The fork code, loaded (`loadForkCode`) before anything forks. */
export function forkCode(): typeof ForkCode {
  if (!loaded) throw new Error('the fork code (worker/forkCode.ts) is not loaded: loadForkCode() first');
  return loaded;
}

type PlayheadRun = Parameters<ForkCode.PlayheadSnapshots['want']>[0];

/**
 * The host's snapshot where the playhead rests (`PlayheadSnapshots`, ./playheadSnapshots.ts, part of
 * the fork code): wanted by every frame of a complete run; the code is fetched after the first such
 * frame is answered (a timer, not on the frame's way) and tried again by the next frame if that failed.
 */
export function restingPlayhead(yieldSlice: () => Promise<void>): { want(run: PlayheadRun, atMs: number): void } {
  let playhead: ForkCode.PlayheadSnapshots | undefined;
  let loadingIt = false;
  let wanted: [PlayheadRun, number] | undefined;
  return {
    want(run, atMs) {
      if (playhead) return playhead.want(run, atMs);
      wanted = [run, atMs];
      if (loadingIt) return;
      loadingIt = true;
      setTimeout(() => {
        loadForkCode().then(
          (code) => {
            playhead = new code.PlayheadSnapshots(yieldSlice);
            if (wanted) playhead.want(...wanted);
            wanted = undefined;
          },
          () => void (loadingIt = false),
        );
      }, 0);
    },
  };
}
