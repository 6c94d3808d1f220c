/**
 * The default scenario's first run, started by the worker before the page asks for it. On a plain
 * visit the page's head script (public/first-frame-gate.js) starts the worker with a name that
 * carries the scenario's id (`streamscope-sim first-run=<id>`); the worker reads its own name as it
 * starts and starts loading that scenario at once, while the page's modules still download and
 * evaluate (the page's own request came only after its entry had evaluated: issue 16, load12). The
 * name, not a message: a message posted to a worker that has not started yet is handed over by the
 * page's main thread once the worker is up, so it waited for the page's module evaluation, a long
 * task (about 0.2 s of the first frame; session 15). The page's first `load` takes the run over
 * when it asks for exactly that run (the scenario, no options); any other request loads as usual
 * and the guess gives up (a load supersedes the one in progress), so what the page sees is what it
 * asked for.
 *
 * No Worker globals here (sim.worker.ts reads the name), so it is tested in Node.
 *
 * May import: protocol types.
 */
import type { LoadOptions, LoadProgress, LoadResult, SimApi } from './protocol.ts';

/** The simulation worker's name; the head script adds ` first-run=<id>` on a plain visit. */
export const SIM_WORKER_NAME = 'streamscope-sim';
const FIRST_RUN_PREFIX = `${SIM_WORKER_NAME} first-run=`;

/** The scenario id a worker's name asks to start, or undefined. */
export function firstRunFromName(name: string): string | undefined {
  if (!name.startsWith(FIRST_RUN_PREFIX)) return undefined;
  const id = name.slice(FIRST_RUN_PREFIX.length);
  return id === '' ? undefined : id;
}

export interface FirstRun {
  /** Starts loading `scenarioId` now, unless the page has asked for a load already. */
  start(scenarioId: string): void;
  /** The host's load, but for the page's first request of the run started early: that run. */
  load: SimApi['load'];
}

export function createFirstRun(host: Pick<SimApi, 'load'>): FirstRun {
  let guess: { scenarioId: string; result: Promise<LoadResult>; listeners: Set<(p: LoadProgress) => void> } | undefined;
  let asked = false;
  return {
    start(scenarioId) {
      if (asked || guess) return;
      const listeners = new Set<(p: LoadProgress) => void>();
      const result = host.load(scenarioId, {}, (p) => {
        for (const l of listeners) l(p);
      });
      result.catch(() => undefined); // told to the page if it takes the run over
      guess = { scenarioId, result, listeners };
    },
    load(source, options?: LoadOptions, onProgress?: (p: LoadProgress) => void) {
      asked = true;
      const early = guess;
      guess = undefined;
      const plain = options === undefined || Object.values(options).every((v) => v === undefined);
      if (early && source === early.scenarioId && plain) {
        if (onProgress) early.listeners.add(onProgress);
        return early.result;
      }
      return host.load(source, options, onProgress);
    },
  };
}
