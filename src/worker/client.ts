/**
 * The main-thread side of the worker boundary: starts the module worker and wraps it as a typed
 * `Remote<SimApi>`. The UI's only runtime door into the simulation.
 *
 * May import: comlink, ./protocol.ts types. May not import: sim, scenarios' runtime, host, ui.
 */
import { wrap, type Remote } from 'comlink';
import type { SimApi, SimView } from './protocol.ts';

export interface SimClient {
  readonly api: Remote<SimApi>;
  /**
   * Asks for the view at `atMs`, latest wins: while one request is in flight, newer ones replace
   * the waiting one, so a slow answer never builds a queue behind the animation. Resolves with the
   * view, or `undefined` when a newer request superseded this one.
   */
  requestView(atMs: number): Promise<SimView | undefined>;
  dispose(): void;
}

export function createSimClient(): SimClient {
  // The bundler pattern Vite recognises: the worker is built as its own ES module chunk.
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'streamscope-sim' });
  const api = wrap<SimApi>(worker);

  let inFlight = false;
  let waiting: { atMs: number; resolve: (v: SimView | undefined) => void; reject: (e: unknown) => void } | undefined;

  async function send(atMs: number, resolve: (v: SimView | undefined) => void, reject: (e: unknown) => void): Promise<void> {
    inFlight = true;
    try {
      resolve(await api.view(atMs));
    } catch (e) {
      reject(e);
    } finally {
      inFlight = false;
      const next = waiting;
      waiting = undefined;
      if (next) void send(next.atMs, next.resolve, next.reject);
    }
  }

  return {
    api,
    requestView(atMs: number): Promise<SimView | undefined> {
      return new Promise((resolve, reject) => {
        if (!inFlight) {
          void send(atMs, resolve, reject);
          return;
        }
        waiting?.resolve(undefined);
        waiting = { atMs, resolve, reject };
      });
    },
    dispose(): void {
      waiting?.resolve(undefined);
      waiting = undefined;
      worker.terminate();
    },
  };
}
