/**
 * The fork code (./forkCode.ts: the forked run, sim/runFork.ts, and ./indexFork.ts, a fork's index
 * from its parent's and the parent's builder cut where the playhead rests) is a chunk of its own in the browser: only an intervention, or a
 * playhead resting for one, uses it, never a run's first frame. The host loads it before it forks
 * (`host.ts` `compute`) and before it prepares a snapshot at a resting playhead or keeps a cut builder (`forks.ts` `PlayheadSnapshots`); the
 * synchronous code that then uses it takes it from here. (A run answered early goes on from its own
 * first part without it: `runAssembly.ts`.)
 *
 * May import: ./forkCode.ts (dynamically; its types statically).
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
