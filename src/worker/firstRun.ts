/**
 * The default scenario's first run, started by the worker before the page asks for it. On a plain
 * visit the page's head script (public/first-frame-gate.js) posts `{ [FIRST_RUN_MESSAGE]: id }` as
 * it starts the worker; the worker starts loading that scenario at once, while the page's modules
 * still download and evaluate (the page's own request came only after its entry had evaluated:
 * issue 16, load12). The page's first `load` takes the run over when it asks for exactly that run
 * (the scenario, no options); any other request loads as usual and the guess gives up (a load
 * supersedes the one in progress), so what the page sees is what it asked for.
 *
 * No Worker globals here (sim.worker.ts listens for the message), so it is tested in Node.
 *
 * May import: protocol types.
 */
import type { LoadOptions, LoadProgress, LoadResult, SimApi } from './protocol.ts';

export const FIRST_RUN_MESSAGE = 'streamscope:first-run';

/** The scenario id a first-run message names, or undefined for any other message. */
export function firstRunRequest(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const id = (data as Record<string, unknown>)[FIRST_RUN_MESSAGE];
  return typeof id === 'string' && id !== '' ? id : undefined;
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
