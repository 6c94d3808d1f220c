/**
 * Where narration steps stop: a step's `until` names a trace fact type and, optionally, values its
 * top-level fields must equal (`{ fact: 'record-appended', match: { keyString: 'S3:ada' } }`). Steps
 * are read in order; each stops at the first matching fact after the previous step's stop, so a
 * step can wait for "the next crash" or "Grace's next record" without counting.
 *
 * A last step may wait for `{ fact: 'end-of-run' }`: it stops at the scenario's end, where the
 * checks judged only at the end (the target against the source table) get their verdict, so an end
 * summary never speaks before the verdict it sums up is shown (issue #20.5).
 *
 * Pure functions over facts. May import: sim types (`import type`), ./schema.ts types. May not
 * import sim, worker, share or ui at runtime.
 */
import type { TraceEvent } from '../sim/trace/events.ts';
import type { FactList } from '../sim/trace/trace.ts';
import type { ScenarioV1 } from './schema.ts';

export type NarrationStep = NonNullable<ScenarioV1['narration']>[number];

/** The `until.fact` of a step that stops at the end of the run rather than at a fact. */
export const END_OF_RUN = 'end-of-run';

/** Whether `fact` is what `until` waits for: same type, and every `match` field equal (===). */
export function matchesUntil(until: NarrationStep['until'], fact: TraceEvent): boolean {
  if (fact.type !== until.fact) return false;
  const fields = fact as unknown as Record<string, unknown>;
  // `in`, not own: a columnar fact (`sim/stream/appendedFact.ts`) reads its fields through getters.
  // Match values are primitives, so an inherited method never equals one.
  return Object.entries(until.match ?? {}).every(([k, v]) => k in fields && fields[k] === v);
}

/**
 * The index in `trace` at which each step stops, in step order; -1 for a step that never stops
 * (and every step after it, since steps are sequential).
 */
export function narrationStops(steps: readonly NarrationStep[], trace: FactList): number[] {
  const stops: number[] = [];
  let from = 0;
  for (const step of steps) {
    let at = -1;
    if (step.until.fact === END_OF_RUN) {
      // The end of the run: after every fact, so at the last one.
      at = from >= 0 && trace.length > 0 ? trace.length - 1 : -1;
    } else if (from >= 0) {
      for (let i = from; i < trace.length; i++) {
        if (matchesUntil(step.until, trace.at(i)!)) {
          at = i;
          break;
        }
      }
    }
    stops.push(at);
    from = at < 0 ? -1 : at + 1;
  }
  return stops;
}

/** The simulated time each step stops at (null: never), the end-of-run step at `durationMs`. */
export function narrationStopTimes(steps: readonly NarrationStep[], trace: FactList, durationMs: number): Array<number | null> {
  return narrationStops(steps, trace).map((at, i) => (at < 0 ? null : steps[i]!.until.fact === END_OF_RUN ? durationMs : trace.at(at)!.t));
}
