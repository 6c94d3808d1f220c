/**
 * Judging one run against a challenge's goals: pure functions over the run's trace. The first goal
 * that does not hold is the grade's answer, with the moment it broke and the record to blame, so the
 * app can put the learner on that moment with that record selected.
 *
 * Counters come from the core (`consumerCounters`), which the caller passes in: this layer may not
 * import the sim at runtime. May import: sim types, scenarios (narration matching), ./schema.ts.
 */
import type { TraceEvent } from '../sim/trace/events.ts';
import type { CountersOf } from '../scenarios/claims.ts';
import { matchesUntil } from '../scenarios/narration.ts';
import type { Goal } from './schema.ts';

/** Where a record sits on the timeline: what the inspector's selection names. */
export interface RecordPlace {
  streamArn: string;
  shardId: string;
  sequenceNumber: string;
  eventID: string;
}

/** A goal that did not hold in one run: which, why in words, when, and the record to blame (if one is). */
export interface GoalFailure {
  goal: number;
  says: string;
  message: string;
  atMs: number;
  culprit?: RecordPlace;
}

type Bounds = { equals?: number | undefined; atLeast?: number | undefined; atMost?: number | undefined };

/** What is wrong with `value` against the bounds, in words, or undefined. No bounds: at least one. */
export function outOfBounds(value: number, b: Bounds): string | undefined {
  const atLeast = b.equals === undefined && b.atLeast === undefined && b.atMost === undefined ? 1 : b.atLeast;
  if (b.equals !== undefined && value !== b.equals) return `${value}, expected ${b.equals}`;
  if (atLeast !== undefined && value < atLeast) return `${value}, expected at least ${atLeast}`;
  if (b.atMost !== undefined && value > b.atMost) return `${value}, expected at most ${b.atMost}`;
  return undefined;
}

/** The record with this eventID as the stream holds it, or undefined (a record of another run). */
export function recordPlace(trace: readonly TraceEvent[], eventID: string): RecordPlace | undefined {
  for (const f of trace) {
    if (f.type === 'record-appended' && f.record.eventID === eventID) {
      return { streamArn: f.streamArn, shardId: f.shardId, sequenceNumber: f.record.dynamodb.SequenceNumber, eventID };
    }
  }
  return undefined;
}

/** The eventID a fact is about, when it is about one record. */
function factEventID(f: TraceEvent): string | undefined {
  if ('eventID' in f && typeof f.eventID === 'string') return f.eventID;
  if ('eventIDs' in f && Array.isArray(f.eventIDs) && typeof f.eventIDs[0] === 'string') return f.eventIDs[0];
  return undefined;
}

function counterValue(counters: ReturnType<CountersOf>, field: string): number {
  if (field.startsWith('effects.')) return counters.effects[field.slice('effects.'.length)] ?? 0;
  const v = counters[field];
  return typeof v === 'number' ? v : 0;
}

/**
 * The index of the fact at which a counter first passed `atMost` (counters only grow), found by
 * bisecting the trace's prefixes, or -1.
 */
function firstPastBudget(trace: readonly TraceEvent[], consumer: string, field: string, atMost: number, countersOf: CountersOf): number {
  let lo = 1;
  let hi = trace.length;
  if (counterValue(countersOf(trace, consumer), field) <= atMost) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (counterValue(countersOf(trace.slice(0, mid), consumer), field) > atMost) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/**
 * The record to blame for a fact that names none: the last record the consumer processed before it
 * (checks run after each batch, so that record's batch is the one that broke the check).
 */
function lastProcessedBefore(trace: readonly TraceEvent[], index: number, consumer: string | undefined): string | undefined {
  if (consumer === undefined) return undefined;
  for (let i = index; i >= 0; i--) {
    const f = trace[i]!;
    if (f.type === 'record-processed' && f.consumer === consumer) return f.eventID;
  }
  return undefined;
}

function failureAt(trace: readonly TraceEvent[], goal: number, says: string, message: string, index: number, consumer?: string): GoalFailure {
  const fact = trace[index];
  const end = trace.at(-1)?.t ?? 0;
  const eventID = (fact ? factEventID(fact) : undefined) ?? lastProcessedBefore(trace, index, consumer);
  const culprit = eventID ? recordPlace(trace, eventID) : undefined;
  return { goal, says, message, atMs: fact?.t ?? end, ...(culprit ? { culprit } : {}) };
}

/** Why one goal does not hold in this run, or undefined when it does. */
export function judgeGoal(goal: Goal, index: number, trace: readonly TraceEvent[], countersOf: CountersOf): GoalFailure | undefined {
  switch (goal.kind) {
    case 'check': {
      const at = trace.findIndex((f) => f.type === 'invariant-broken' && f.consumer === goal.consumer && f.check === goal.check);
      if (at < 0) return undefined;
      const f = trace[at] as Extract<TraceEvent, { type: 'invariant-broken' }>;
      return failureAt(trace, index, goal.says, f.message, at, goal.consumer);
    }
    case 'counter': {
      const value = counterValue(countersOf(trace, goal.consumer), goal.field);
      const wrong = outOfBounds(value, goal);
      if (!wrong) return undefined;
      const message = `${goal.consumer}'s ${goal.field} was ${wrong}.`;
      const past = goal.atMost !== undefined && value > goal.atMost ? firstPastBudget(trace, goal.consumer, goal.field, goal.atMost, countersOf) : -1;
      return failureAt(trace, index, goal.says, message, past >= 0 ? past : trace.length - 1);
    }
    case 'seen': {
      const hits: number[] = [];
      trace.forEach((f, i) => {
        if (matchesUntil(goal.of, f)) hits.push(i);
      });
      const wrong = outOfBounds(hits.length, goal);
      if (!wrong) return undefined;
      const message = `${goal.of.fact} facts: ${wrong}.`;
      const past = goal.atMost !== undefined && hits.length > goal.atMost ? hits[goal.atMost]! : trace.length - 1;
      return failureAt(trace, index, goal.says, message, past);
    }
    case 'converged': {
      if (trace.some((f) => f.type === 'replicas-converged' && f.table === goal.table)) return undefined;
      const at = trace.findIndex((f) => f.type === 'replicas-diverged' && f.table === goal.table);
      const message = at >= 0 ? (trace[at] as Extract<TraceEvent, { type: 'replicas-diverged' }>).message : `${goal.table} has no verdict on its replicas.`;
      return failureAt(trace, index, goal.says, message, at >= 0 ? at : trace.length - 1);
    }
  }
}

/**
 * The goal that broke first in this run (the earliest moment; at one moment, the challenge's order),
 * or undefined when every goal holds.
 */
export function judgeRun(goals: readonly Goal[], trace: readonly TraceEvent[], countersOf: CountersOf): GoalFailure | undefined {
  let first: GoalFailure | undefined;
  for (let i = 0; i < goals.length; i++) {
    const failure = judgeGoal(goals[i]!, i, trace, countersOf);
    if (failure && (!first || failure.atMs < first.atMs)) first = failure;
  }
  return first;
}
