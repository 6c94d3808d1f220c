/**
 * The fork index code (./indexFork.ts: a fork's index from its parent's, and the parent's builder
 * cut where the playhead rests) is a chunk of its own in the browser: only an intervention, or a
 * playhead resting for one, uses it, never a run's first frame. The host loads it before it forks
 * (`host.ts` `compute`) and before it keeps a cut builder (`forks.ts` `PlayheadSnapshots`); the
 * synchronous code that then uses it takes it from here.
 *
 * May import: ./indexFork.ts (dynamically; its types statically).
 */
import type * as IndexFork from './indexFork.ts';

let loaded: typeof IndexFork | undefined;
let loading: Promise<typeof IndexFork> | undefined;

/** Loads the fork index code once; a failed load is tried again by the next call. */
export function loadIndexFork(): Promise<typeof IndexFork> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import('./indexFork.ts').then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** The fork index code, loaded (`loadIndexFork`) before anything forks. */
export function indexFork(): typeof IndexFork {
  if (!loaded) throw new Error('the fork index code (worker/indexFork.ts) is not loaded: loadIndexFork() first');
  return loaded;
}
