/**
 * Narration steps as the playback machine sees them: each step has a stop (the simulated time of its
 * fact, computed once per run by the worker, `LoadResult.narrationStops`); the current step is the
 * last one whose stop is at or before the playhead. Pure functions, shared by the machine's guards
 * and by whatever shows the narration.
 *
 * May import: nothing. May not import: React, worker, sim.
 */

export type Stops = readonly (number | null)[];

/**
 * The index of the current step at `atMs` (-1 before the first stop). Several steps may stop at one
 * instant: `chosen` (from Next/Back or a pause) picks among them while it still fits the playhead;
 * otherwise the first step of the latest instant reached.
 */
export function currentStep(stops: Stops, atMs: number, chosen?: number): number {
  let k = -1;
  for (let i = 0; i < stops.length; i++) {
    const s = stops[i];
    if (s === null || s === undefined || s > atMs) break;
    k = i;
  }
  if (k < 0) return -1;
  const last = stops[k]!;
  if (chosen !== undefined && chosen >= 0 && chosen <= k && stops[chosen] === last) return chosen;
  while (k > 0 && stops[k - 1] === last) k--;
  return k;
}

/** The index of the first stop strictly after `fromMs` and at or before `toMs`, or -1: where playback pauses. */
export function stopCrossed(stops: Stops, fromMs: number, toMs: number): number {
  for (let i = 0; i < stops.length; i++) {
    const s = stops[i];
    if (s !== null && s !== undefined && s > fromMs && s <= toMs) return i;
  }
  return -1;
}

/** Where Next goes from step `k`: the next step's index and stop, or undefined at the last step (or an unreached one). */
export function nextStep(stops: Stops, k: number): { step: number; atMs: number } | undefined {
  const at = stops[k + 1];
  return at === null || at === undefined ? undefined : { step: k + 1, atMs: at };
}

/** Where Back goes from step `k`: the previous step (or -1, the start, before the first step), or undefined before any step. */
export function previousStep(stops: Stops, k: number): { step: number; atMs: number } | undefined {
  if (k < 0) return undefined;
  return { step: k - 1, atMs: k > 0 ? (stops[k - 1] ?? 0) : 0 };
}
