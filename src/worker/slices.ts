/**
 * Computing a run in slices that keep the worker responsive: each slice advances the simulation by
 * a stretch of simulated time sized to take about `SLICE_BUDGET_MS` of wall clock, then yields so
 * queued messages (frames, a newer request) run. Between slices the host may take a world snapshot,
 * answer early (`afterSlice`), or give up (`alive` throws).
 *
 * May import: sim types, ./forks.ts, ./inputs.ts, protocol types. May not import: ui, Worker globals.
 */
import type { Simulation } from '../sim/index.ts';
import type { WorldSnapshots } from './forks.ts';
import { simError } from './inputs.ts';
import type { LoadProgress } from './protocol.ts';

/** A run may not grow past this many facts (a scenario that asks for more is refused, not hung). */
export const MAX_RUN_FACTS = 3_000_000;
/** Wall-clock budget of one compute slice before the host yields to other messages. */
const SLICE_BUDGET_MS = 25;

export interface SliceHooks {
  /** Throws when the work is no longer wanted (superseded). */
  alive: () => void;
  worlds: WorldSnapshots;
  onProgress: (p: LoadProgress) => void;
  /** Called after each slice, before yielding (no event in flight). */
  afterSlice: () => void;
  yieldSlice: () => Promise<void>;
}

/** Advances `sim` to `endMs` in slices, yielding between them. */
export async function computeSlices(sim: Simulation, endMs: number, hooks: SliceHooks): Promise<void> {
  let stepMs = Math.max(1, Math.ceil(endMs / 100));
  while (sim.now() < endMs) {
    hooks.worlds.maybeTake(sim);
    const started = Date.now();
    await sim.advanceTo(Math.min(endMs, sim.now() + stepMs));
    if (sim.facts.length > MAX_RUN_FACTS) throw simError('limit-exceeded', `The run grew past ${MAX_RUN_FACTS.toLocaleString('en-US')} trace facts by ${sim.now()} ms; it was stopped. Shorten the scenario or write less.`);
    const took = Date.now() - started;
    stepMs = Math.max(1, Math.round(took < SLICE_BUDGET_MS / 2 ? stepMs * 2 : took > SLICE_BUDGET_MS * 2 ? stepMs / 2 : stepMs));
    hooks.onProgress({ doneMs: sim.now(), totalMs: endMs, facts: sim.facts.length });
    hooks.afterSlice();
    await hooks.yieldSlice();
    hooks.alive();
  }
}
