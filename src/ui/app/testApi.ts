/**
 * `window.__streamscope`: a small, typed window into the app for end-to-end tests (and the curious
 * in devtools). It reads state; it never drives the app — tests do that through the UI like a user.
 * e2e/ imports only the type from here.
 *
 * May import: protocol types. May not import: worker runtime (the app passes functions in).
 */

export interface StreamscopeTestApi {
  /** The loaded run's trace hash, as computed in the worker; waits while a run is being computed. */
  traceHash(): Promise<string>;
  /** The playhead in simulated ms. */
  playheadMs(): number;
  /** The loaded scenario's id, or undefined while loading. */
  readonly scenarioId: string | undefined;
  /** The loaded run's seed, or undefined while loading. */
  readonly seed: number | undefined;
  /** The playback machine's state (`ready`, `playing`, `paused`, `loading`, …). */
  playbackState(): string;
  /** The user's interventions on the loaded run. */
  interventionCount(): number;
}

declare global {
  interface Window {
    __streamscope?: StreamscopeTestApi;
  }
}

export function installTestApi(api: StreamscopeTestApi): () => void {
  window.__streamscope = api;
  return () => {
    if (window.__streamscope === api) delete window.__streamscope;
  };
}
