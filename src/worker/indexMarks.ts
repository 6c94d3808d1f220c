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
  index.marks.each(0, index.marks.n, (_m, fact, k) => {
    if (skip.has(k)) return;
    const at = index.times.get(fact);
    const bucket = Math.floor(at / width);
    if (buckets[k]!.has(bucket)) return;
    buckets[k]!.add(bucket);
    t.push(at);
    kind.push(k);
  });
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
  const { t, n } = index.marks;
  if (direction === 1) {
    for (let m = upperBoundBy(n, t, fromMs); m < n; m++) if (wanted.includes(index.marks.kind(m))) return t(m);
  } else {
    for (let m = lowerBoundBy(n, t, fromMs) - 1; m >= 0; m--) if (wanted.includes(index.marks.kind(m))) return t(m);
  }
  return null;
}
