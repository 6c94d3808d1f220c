// A seek that reads an item history (./itemHistory.ts) equals the fold (./fold.ts) and the reference
// fold (testing/foldOracle.ts): the same items, counts and first rows, at every fact count.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TraceEvent } from '../sim/index.ts';
import { cloneState, emptyState, foldTo, Snapshots } from './fold.ts';
import { tableView } from './frames.ts';
import { HistoryItems, ItemHistory } from './itemHistory.ts';
import { createInspectHost } from './testing/inspectHost.ts';
import { foldView } from './testing/foldOracle.ts';
import { parseStreamInput } from '../bridge/import/parse.ts';
import { ImportedFacts, importedTrace } from '../bridge/import/trace.ts';
import { analyseStream } from '../bridge/import/analyse.ts';

const TABLE = 'Imported';
const OUTCOMES = ['INSERT', 'MODIFY', 'REMOVE', 'no-op'] as const;

/** A trace of writes to a few keys (removes, re-inserts, no-ops, a write without an item, another table's writes). */
const traces = fc
  .array(fc.record({ key: fc.integer({ min: 0, max: 12 }), outcome: fc.constantFrom(...OUTCOMES), withItem: fc.boolean(), other: fc.boolean(), n: fc.integer({ min: 0, max: 99 }) }), { maxLength: 120 })
  .map((writes) => {
    const trace: TraceEvent[] = [
      { t: 0, type: 'table-created', table: TABLE, keyAttributes: ['pk'] },
      { t: 0, type: 'table-created', table: 'Other', keyAttributes: ['pk'] },
    ];
    writes.forEach((w, i) => {
      // Key summaries sort differently from key strings: the panel's order is by summary first.
      const key = { pk: { S: `k${(w.key * 7) % 13}` } };
      const newItem = w.outcome === 'REMOVE' || !w.withItem ? undefined : { ...key, n: { N: String(w.n) } };
      trace.push({ t: i + 1, type: 'write', table: w.other ? 'Other' : TABLE, op: 'PutItem', key, keyString: `key-${w.key}`, outcome: w.outcome, ...(newItem ? { newItem } : {}) });
    });
    return trace;
  });

const sorted = (items: Iterable<[string, unknown]>) => [...items].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('ItemHistory', () => {
  it('reads the items the fold holds after any number of facts (and a fold forward from a clone)', () => {
    fc.assert(
      fc.property(traces, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 5 }), (trace, every, cap) => {
        const histories = new Map([[TABLE, new ItemHistory(trace, TABLE, ['pk'])]]);
        const snapshots = new Snapshots(trace, every, undefined, trace.length, histories);
        for (let n = 0; n <= trace.length; n++) {
          const plain = foldTo(emptyState(), trace, n);
          const read = snapshots.stateAt(n);
          for (const name of [TABLE, 'Other']) {
            const a = plain.tables.get(name);
            const b = read.tables.get(name);
            expect(b === undefined).toBe(a === undefined);
            if (!a || !b) continue;
            expect(b.items instanceof HistoryItems).toBe(name === TABLE);
            expect(b.items.size).toBe(a.items.size);
            expect(sorted(b.items)).toEqual(sorted(a.items));
            for (const k of a.items.keys()) expect(b.items.get(k)).toEqual(a.items.get(k));
            expect(tableView(b, cap)).toEqual(tableView(a, cap));
            expect(tableView(b, Infinity)).toEqual(tableView(a, Infinity));
          }
          // The host folds its cached clone forward a few facts at a time.
          const forward = foldTo(cloneState(read), trace, Math.min(trace.length, n + 3));
          const reference = foldTo(emptyState(), trace, Math.min(trace.length, n + 3));
          expect(sorted(forward.tables.get(TABLE)?.items ?? [])).toEqual(sorted(reference.tables.get(TABLE)?.items ?? []));
          expect(sorted(read.tables.get(TABLE)?.items ?? [])).toEqual(sorted(plain.tables.get(TABLE)?.items ?? []));
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** Records as JSON Lines: inserts, changes, a removal and a re-insert, over 40 seconds. */
function importText(): string {
  const lines: string[] = [];
  const image = (k: number, v: number) => `{"pk":{"S":"item-${k}"},"v":{"N":"${v}"}}`;
  const version = new Map<number, number>();
  for (let i = 0; i < 120; i++) {
    const k = (i * 5) % 17;
    const v = version.get(k);
    const name = v === undefined ? 'INSERT' : i % 9 === 0 ? 'REMOVE' : 'MODIFY';
    const body =
      name === 'INSERT' ? `"NewImage":${image(k, 0)}` : name === 'REMOVE' ? `"OldImage":${image(k, v!)}` : `"NewImage":${image(k, v! + 1)},"OldImage":${image(k, v!)}`;
    if (name === 'REMOVE') version.delete(k);
    else version.set(k, v === undefined ? 0 : v + 1);
    const seq = String(100000000 + i);
    lines.push(`{"eventID":"e${i}","eventName":"${name}","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":{"ApproximateCreationDateTime":${1_700_000_000 + Math.floor(i / 3)},"Keys":{"pk":{"S":"item-${k}"}},${body},"SequenceNumber":"${seq}","SizeBytes":60,"StreamViewType":"NEW_AND_OLD_IMAGES"}}`);
  }
  return lines.join('\n') + '\n';
}

describe('an imported run: seeks read the item history', () => {
  it('is built from the import\'s columns as from its facts', () => {
    const parsed = parseStreamInput(importText());
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { trace, table } = importedTrace(parsed.stream, analyseStream(parsed.stream));
    // Read in the columns: an import's facts, which build a write only when asked.
    expect(trace).toBeInstanceOf(ImportedFacts);
    const facts = [...trace];
    const writeFacts = facts.flatMap((e, i) => (e.type === 'write' ? [i] : []));
    const reads = { length: writeFacts.length, get: (w: number) => writeFacts[w]! };
    for (const [fromColumns, fromFacts] of [
      [new ItemHistory(trace, table, ['pk']), new ItemHistory(facts, table, ['pk'])],
      [new ItemHistory(trace, table, ['pk'], reads), new ItemHistory(facts, table, ['pk'], reads)],
    ] as const) {
      expect(fromColumns.keyStrings).toEqual(fromFacts.keyStrings);
      for (let n = 0; n <= facts.length; n += 7) {
        expect(fromColumns.sizeAt(n)).toBe(fromFacts.sizeAt(n));
        for (let k = 0; k < fromFacts.keyCount; k++) expect(fromColumns.rowOf(k, n)).toEqual(fromFacts.rowOf(k, n));
      }
    }
  });


  it('shows at every instant what the reference fold of its trace shows', async () => {
    const text = importText();
    const parsed = parseStreamInput(text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const trace = [...importedTrace(parsed.stream, analyseStream(parsed.stream)).trace];
    expect(trace.filter((e) => e.type === 'write' && e.outcome === 'REMOVE').length).toBeGreaterThan(3);
    const host = createInspectHost({ snapshotEvery: 16 });
    const r = await host.importStream(new Blob([text]));
    if (!r.ok) throw new Error(r.error.message);
    const run = await host.load({ importId: r.importId });
    const times = [0, 500, run.durationMs, ...Array.from({ length: 45 }, (_, i) => i * 1_000 + 333)];
    // Forwards, then backwards (the host's cached state must not leak the future).
    for (const t of [...times, ...[...times].reverse()]) {
      const view = await host.view(t);
      const reference = foldView(trace, t);
      expect(view.tables).toEqual(reference.tables);
    }
  });
});
