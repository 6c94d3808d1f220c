/**
 * Per-consumer counters for the UI, derived from the trace alone (never from the sim's internals):
 * records processed and reprocessed, checkpoint writes, batches, retries, failures, harmful
 * duplicates, and iterator age (the time between a record's append and its processing).
 *
 * `consumerCounters(trace, consumerId)` is a pure function of the trace. `CounterTracker` is the
 * incremental form: feed it the trace as it grows and read the counters of any consumer.
 */
import type { TraceEvent } from '../trace/events.ts';
import type { FactList } from '../trace/trace.ts';

export interface ConsumerCounters {
  /** Distinct records the handler completed (any effect but `failed`). */
  recordsProcessed: number;
  /** Every record-processed fact, first deliveries and repeats. */
  deliveries: number;
  /** Deliveries beyond the first of each record. */
  reprocessed: number;
  /** Records per effect (applied, skipped-duplicate, ...). */
  effects: Record<string, number>;
  checkpointWrites: number;
  /** Batches handed to the consumer (Lambda invocations, KCL processRecords calls). */
  batches: number;
  /** Batches that were a retry, bisection, partial retry or redelivery. */
  retries: number;
  /** Batches that failed. */
  failures: number;
  /** Record deliveries the handler failed on. */
  failedRecords: number;
  /** Repeated deliveries that changed the target again. */
  harmfulDuplicates: number;
  crashes: number;
  /** Iterator age of the last record processed, ms (undefined before any). */
  iteratorAgeMs?: number;
  iteratorAgeMaxMs: number;
}

function empty(): ConsumerCounters {
  return {
    recordsProcessed: 0,
    deliveries: 0,
    reprocessed: 0,
    effects: {},
    checkpointWrites: 0,
    batches: 0,
    retries: 0,
    failures: 0,
    failedRecords: 0,
    harmfulDuplicates: 0,
    crashes: 0,
    iteratorAgeMaxMs: 0,
  };
}

/** Incremental counters: `update(trace)` reads only what was appended since the last call. */
export class CounterTracker {
  private cursor = 0;
  private readonly appendedAt = new Map<string, number>();
  private readonly byConsumer = new Map<string, { c: ConsumerCounters; done: Set<string> }>();

  /**
   * @param ages whether records are processed in this trace at all: a trace without any (an imported
   *   stream, whose findings are a pseudo-consumer's facts) keeps no append time per record.
   */
  constructor(private readonly ages = true) {}

  /** Reads the facts appended since the last call, up to `end` (the whole trace by default). */
  update(trace: FactList, end = trace.length): void {
    for (; this.cursor < end; this.cursor++) this.apply(trace.at(this.cursor)!);
  }

  /**
   * Reads only facts `at` (ascending), those before fact `end` not read yet: for a trace whose other
   * facts change no counter (an imported stream's records, in a tracker without `ages`). A tracker
   * is moved by `update` or by this, not both.
   */
  updateAt(trace: FactList, at: ArrayLike<number>, end: number): void {
    for (; this.cursor < at.length && at[this.cursor]! < end; this.cursor++) this.apply(trace.at(at[this.cursor]!)!);
  }

  /** A copy of one consumer's counters (zeros for a consumer with no facts). */
  counters(consumerId: string): ConsumerCounters {
    const entry = this.byConsumer.get(consumerId);
    return entry ? { ...entry.c, effects: { ...entry.c.effects } } : empty();
  }

  private entry(consumer: string): { c: ConsumerCounters; done: Set<string> } {
    let e = this.byConsumer.get(consumer);
    if (!e) this.byConsumer.set(consumer, (e = { c: empty(), done: new Set() }));
    return e;
  }

  private apply(f: TraceEvent): void {
    if (f.type === 'record-appended') {
      if (this.ages) this.appendedAt.set(f.record.eventID, f.t);
      return;
    }
    if (!('consumer' in f)) return;
    const { c, done } = this.entry(f.consumer);
    switch (f.type) {
      case 'record-processed': {
        c.deliveries++;
        if (f.deliveryCount > 1) c.reprocessed++;
        c.effects[f.effect] = (c.effects[f.effect] ?? 0) + 1;
        if (f.harm) c.harmfulDuplicates++;
        if (f.effect === 'failed') c.failedRecords++;
        else if (!done.has(f.eventID)) {
          done.add(f.eventID);
          c.recordsProcessed++;
        }
        const at = this.appendedAt.get(f.eventID);
        if (at !== undefined) {
          c.iteratorAgeMs = f.t - at;
          c.iteratorAgeMaxMs = Math.max(c.iteratorAgeMaxMs, c.iteratorAgeMs);
        }
        break;
      }
      case 'batch-delivered':
        c.batches++;
        if (f.attempt > 1 || f.trigger !== 'poll') c.retries++;
        break;
      case 'batch-failed':
        c.failures++;
        break;
      case 'checkpoint':
        c.checkpointWrites++;
        break;
      case 'crash':
        c.crashes++;
        break;
      default:
        break;
    }
  }
}

/** The counters of one consumer over a whole trace. */
export function consumerCounters(trace: FactList, consumerId: string): ConsumerCounters {
  const t = new CounterTracker();
  t.update(trace);
  return t.counters(consumerId);
}
