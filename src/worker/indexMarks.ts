/**
 * The run's notable facts as the scrubber and the step buttons use them: ticks (at most
 * `MAX_TICKS_PER_KIND` per kind) and the time of the next or previous fact of a kind.
 *
 * May import: ./runIndex.ts, ./columns.ts, protocol types. May not import: sim runtime, ui.
 */
import { MARK_KINDS, MAX_TICKS_PER_KIND } from './columns.ts';
import type { StepKind, TickColumns } from './protocol.ts';
import { lowerBoundBy, upperBoundBy, type RunIndex } from './runIndex.ts';

/** The scrubber's ticks: notable facts, at most `MAX_TICKS_PER_KIND` per kind (one per time bucket). */
export function buildTicks(index: RunIndex, durationMs: number): TickColumns {
  const t: number[] = [];
  const kind: number[] = [];
  const buckets = MARK_KINDS.map(() => new Set<number>());
  const width = Math.max(durationMs, 1) / MAX_TICKS_PER_KIND;
  const skip = new Set<number>([MARK_KINDS.indexOf('batch')]);
  for (let m = 0; m < index.marks.fact.length; m++) {
    const k = index.marks.kind[m]!;
    if (skip.has(k)) continue;
    const bucket = Math.floor(index.marks.t(m) / width);
    if (buckets[k]!.has(bucket)) continue;
    buckets[k]!.add(bucket);
    t.push(index.marks.t(m));
    kind.push(k);
  }
  return { t: Float64Array.from(t), kind: Uint8Array.from(kind) };
}

const STEP_MARKS: Record<Exclude<StepKind, 'any'>, number[]> = {
  crash: [MARK_KINDS.indexOf('crash')],
  checkpoint: [MARK_KINDS.indexOf('checkpoint')],
  'crash-or-checkpoint': [MARK_KINDS.indexOf('crash'), MARK_KINDS.indexOf('checkpoint')],
  broken: [MARK_KINDS.indexOf('broken')],
  record: [MARK_KINDS.indexOf('record')],
};

/** The time of the next (1) or previous (-1) fact of a kind strictly after/before `fromMs`, or null. */
export function stepTarget(index: RunIndex, fromMs: number, direction: 1 | -1, kind: StepKind): number | null {
  if (kind === 'any') {
    if (direction === 1) {
      return index.times.at(index.times.upperBound(fromMs)) ?? null;
    }
    const i = index.times.lowerBound(fromMs);
    return i > 0 ? index.times.get(i - 1) : null;
  }
  const wanted = STEP_MARKS[kind];
  const { t, kind: kinds } = index.marks;
  const n = kinds.length;
  if (direction === 1) {
    for (let m = upperBoundBy(n, t, fromMs); m < n; m++) if (wanted.includes(kinds[m]!)) return t(m);
  } else {
    for (let m = lowerBoundBy(n, t, fromMs) - 1; m >= 0; m--) if (wanted.includes(kinds[m]!)) return t(m);
  }
  return null;
}
