/**
 * An imported run's trace as its fold reads it (./fold.ts `Snapshots`): a record's two facts change
 * nothing the fold keeps — its write is to the imported table, whose items its history holds
 * (./itemHistory.ts), and its append is no consumer's (no checkpoint, worker or check) — so each reads
 * as one inert fact and none is built. Building a million records' facts to fold nothing was a
 * tenth of the time after an import's reading (session 26, a Chromium profile). Every other fact
 * (the table, the stream, the lanes, the findings) is the trace's own. The seeks of an imported
 * run are held to the reference fold of its real facts (itemHistory.test.ts).
 *
 * May import: bridge/import types, sim types. May not import: ui, Worker globals.
 */
import type { ImportedFacts } from '../bridge/import/trace.ts';
import type { FactList, TraceEvent } from '../sim/index.ts';

/** What a record's facts read as: an append, which the fold passes over (`applyFact`'s default). */
const INERT = Object.freeze({ t: 0, type: 'record-appended' }) as unknown as TraceEvent;

export function foldFacts(trace: ImportedFacts): FactList {
  return {
    get length() {
      return trace.length;
    },
    at(i: number): TraceEvent | undefined {
      const ref = trace.ref(i);
      return ref === undefined ? undefined : ref < 0 ? trace.at(i) : INERT;
    },
    [Symbol.iterator]: () => trace[Symbol.iterator](),
  };
}
