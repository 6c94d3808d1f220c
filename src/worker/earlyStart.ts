/**
 * The simulation worker the page's head script started (public/first-frame-gate.js, in a build):
 * the client adopts it instead of starting its own, once. The head script starts it before the
 * page's modules load, so the worker's script is fetched and compiled meanwhile (a worker started
 * by the entry module waited for the entry's evaluation and React's first render: its start takes
 * turns of the page's main thread).
 *
 * May import: nothing.
 */

/** What the head script leaves on `window`: the worker, and the message of an error it had before the app listened. */
export interface EarlyWorker {
  worker: Worker;
  failed: string | undefined;
}

export const EARLY_WORKER_KEY = '__streamscopeSimWorker';

/** The early worker, taken from `scope` (so a restart starts a fresh one); undefined when there is none. */
export function takeEarlyWorker(scope: object = globalThis): EarlyWorker | undefined {
  const holder = scope as Record<string, unknown>;
  const early = holder[EARLY_WORKER_KEY] as EarlyWorker | undefined;
  if (early === undefined || early === null || typeof early !== 'object' || !('worker' in early)) return undefined;
  delete holder[EARLY_WORKER_KEY];
  return early;
}
