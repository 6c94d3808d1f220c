/**
 * Claims: what a narration step says about its run, checked against the run's trace. A step that
 * says "the credit is applied first" carries `{ kind: 'order', first: …credit…, then: …debit… }`;
 * the scenario tests evaluate every claim and fail, naming the step, when the run stops making it
 * true. A claim reads the trace up to the step's stop (what the learner has seen) unless it says
 * `within: 'after'` (from the stop on) or `within: 'run'`.
 *
 * Pure functions over facts. Counter claims need the core's counters, which the caller passes in
 * (scenarios may not import the sim at runtime). May import: sim types (`import type`),
 * ./narration.ts, ./schema.ts types.
 */
import type { TraceEvent } from '../sim/trace/events.ts';
import { matchesUntil, narrationStops, type NarrationStep } from './narration.ts';
import type { Claim } from './schema.ts';

/** A consumer's counters at the end of a slice of trace, as `consumerCounters` gives them. */
export type CountersOf = (trace: readonly TraceEvent[], consumer: string) => { effects: Record<string, number> } & Record<string, unknown>;

type FactMatch = NarrationStep['until'];
type Bounds = { equals?: number | undefined; atLeast?: number | undefined; atMost?: number | undefined };

function describeMatch(m: FactMatch): string {
  return m.match ? `${m.fact} ${JSON.stringify(m.match)}` : m.fact;
}

/** What is wrong with `value` against the bounds, or undefined; no bounds means "at least one". */
function outOfBounds(value: number, b: Bounds): string | undefined {
  const atLeast = b.equals === undefined && b.atLeast === undefined && b.atMost === undefined ? 1 : b.atLeast;
  if (b.equals !== undefined && value !== b.equals) return `${value}, expected ${b.equals}`;
  if (atLeast !== undefined && value < atLeast) return `${value}, expected at least ${atLeast}`;
  if (b.atMost !== undefined && value > b.atMost) return `${value}, expected at most ${b.atMost}`;
  return undefined;
}

function firstIndex(trace: readonly TraceEvent[], m: FactMatch, from = 0): number {
  for (let i = from; i < trace.length; i++) if (matchesUntil(m, trace[i]!)) return i;
  return -1;
}

/** The sequence numbers, in processing order, of one key's records as one consumer processed them. */
function processedSequence(trace: readonly TraceEvent[], consumer: string, keyString: string): bigint[] {
  return trace.flatMap((f) => (f.type === 'record-processed' && f.consumer === consumer && f.keyString === keyString ? [BigInt(f.sequenceNumber)] : []));
}

function counterValue(counters: ReturnType<CountersOf>, field: string): number {
  if (field.startsWith('effects.')) return counters.effects[field.slice('effects.'.length)] ?? 0;
  const v = counters[field];
  return typeof v === 'number' ? v : 0;
}

/** Why `claim` is false for a step stopped at `stop` (an index into `trace`), or undefined when it holds. */
export function claimProblem(claim: Claim, trace: readonly TraceEvent[], stop: number, countersOf: CountersOf): string | undefined {
  const within = 'within' in claim ? claim.within : undefined;
  const seen = within === 'run' ? trace : within === 'after' ? trace.slice(stop) : trace.slice(0, stop + 1);
  const stopMs = trace[stop]!.t;
  switch (claim.kind) {
    case 'stops-at':
      return stopMs === claim.atMs ? undefined : `stops at ${stopMs} ms, not at ${claim.atMs} ms`;
    case 'seen': {
      const wrong = outOfBounds(seen.filter((f) => matchesUntil(claim.of, f)).length, claim);
      return wrong && `facts ${describeMatch(claim.of)}: ${wrong}`;
    }
    case 'ahead': {
      const next = firstIndex(trace, claim.of, stop + 1);
      if (next < 0) return `no ${describeMatch(claim.of)} after the stop`;
      return trace[next]!.t > stopMs ? undefined : `${describeMatch(claim.of)} happens at the stop's own time (${stopMs} ms), so it is already drawn`;
    }
    case 'order': {
      const a = firstIndex(seen, claim.first);
      const b = firstIndex(seen, claim.then);
      if (a < 0 || b < 0) return `${a < 0 ? describeMatch(claim.first) : describeMatch(claim.then)} never happens`;
      return a < b ? undefined : `${describeMatch(claim.then)} (at ${seen[b]!.t} ms) comes before ${describeMatch(claim.first)} (at ${seen[a]!.t} ms)`;
    }
    case 'shards': {
      const shards = claim.keys.map((k) => trace.find((f) => f.type === 'record-appended' && f.keyString === k));
      const missing = claim.keys.filter((_, i) => !shards[i]);
      if (missing.length > 0) return `no record of ${missing.join(', ')}`;
      const ids = shards.map((f) => (f as Extract<TraceEvent, { type: 'record-appended' }>).shardId);
      const distinct = new Set(ids).size;
      if (claim.same) return distinct === 1 ? undefined : `${claim.keys.join(', ')} are on ${distinct} shards`;
      return distinct === ids.length ? undefined : `${claim.keys.join(', ')} share a shard`;
    }
    case 'key-order': {
      const seqs = processedSequence(seen, claim.consumer, claim.keyString);
      if (seqs.length === 0) return `${claim.consumer} processed no record of ${claim.keyString}`;
      const back = seqs.findIndex((s, i) => i > 0 && s < seqs[i - 1]!);
      if (claim.order === 'kept') return back < 0 ? undefined : `${claim.consumer} processed an older record of ${claim.keyString} after a newer one`;
      return back >= 0 ? undefined : `${claim.consumer} processed ${claim.keyString}'s records in order; none went back`;
    }
    case 'counter': {
      const wrong = outOfBounds(counterValue(countersOf(seen, claim.consumer), claim.field), claim);
      return wrong && `${claim.consumer}.${claim.field} = ${wrong}`;
    }
  }
}

/** Every false claim of every step, in words naming the step; empty when the narration is true to its run. */
export function narrationClaimProblems(steps: readonly NarrationStep[], trace: readonly TraceEvent[], countersOf: CountersOf): string[] {
  const stops = narrationStops(steps, trace);
  const problems: string[] = [];
  steps.forEach((step, i) => {
    const stop = stops[i]!;
    if (stop < 0) return; // reported by the narration-stop check
    for (const claim of step.claims ?? []) {
      const p = claimProblem(claim, trace, stop, countersOf);
      if (p !== undefined) problems.push(`step ${i} (${claim.kind}): ${p}`);
    }
  });
  return problems;
}
