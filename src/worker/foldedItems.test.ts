// The fold's items (./foldedItems.ts: the fact that set each item, not the item) read as the rows the
// fold used to keep, at every fact count, through snapshots, clones and a fork's own trace.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Item, TraceEvent } from '../sim/index.ts';
import type { ItemRow } from './protocol.ts';
import { cloneState, emptyState, foldTo, Snapshots } from './fold.ts';
import { tableView } from './frames.ts';
import { keySummary } from './view.ts';

const TABLE = 'Votes';
const OUTCOMES = ['INSERT', 'MODIFY', 'REMOVE', 'no-op'] as const;

type Write = { key: number; outcome: (typeof OUTCOMES)[number]; withItem: boolean; other: boolean; n: number; spelling: boolean };

const writes = fc.array(
  fc.record({ key: fc.integer({ min: 0, max: 9 }), outcome: fc.constantFrom(...OUTCOMES), withItem: fc.boolean(), other: fc.boolean(), n: fc.integer({ min: 0, max: 99 }), spelling: fc.boolean() }),
  { maxLength: 80 },
);

/** Writes as facts after the tables' creation. One key string is spelt two ways ("7" and "7.0"): its summary is the first change's. */
function traceOf(ws: readonly Write[], start = 0): TraceEvent[] {
  const trace: TraceEvent[] = start > 0 ? [] : [
    { t: 0, type: 'table-created', table: TABLE, keyAttributes: ['pk'] },
    { t: 0, type: 'table-created', table: 'Other', keyAttributes: ['pk'] },
  ];
  ws.forEach((w, i) => {
    const key: Item = { pk: { N: w.spelling ? `${w.key}.0` : String(w.key) } };
    const newItem = w.outcome === 'REMOVE' || !w.withItem ? undefined : { ...key, n: { N: String(w.n) } };
    trace.push({ t: start + i + 1, type: 'write', table: w.other ? 'Other' : TABLE, op: 'PutItem', key, keyString: `N:${(w.key * 3) % 10}`, outcome: w.outcome, ...(newItem ? { newItem } : {}) });
  });
  return trace;
}

/** The fold's items as it kept them before: a map of rows holding each item (the oracle). */
function referenceItems(trace: readonly TraceEvent[], count: number, table: string): Map<string, ItemRow> {
  const items = new Map<string, ItemRow>();
  for (const e of trace.slice(0, count)) {
    if (e.type !== 'write' || e.table !== table) continue;
    if (e.outcome === 'REMOVE') items.delete(e.keyString);
    else if ((e.outcome === 'INSERT' || e.outcome === 'MODIFY') && e.newItem) {
      const prev = items.get(e.keyString);
      items.set(e.keyString, { keyString: e.keyString, keySummary: prev ? prev.keySummary : keySummary(e.key, ['pk']), item: e.newItem, changedAtMs: e.t, change: e.outcome });
    }
  }
  return items;
}

const sorted = (items: Iterable<[string, unknown]>) => [...items].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('FoldedItems', () => {
  it('reads the rows the fold used to keep, at every fact count, from snapshots and from clones folded on', () => {
    fc.assert(
      fc.property(writes, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), (ws, every, cap) => {
        const trace = traceOf(ws);
        const snapshots = new Snapshots(trace, every);
        for (let n = 0; n <= trace.length; n++) {
          const read = snapshots.stateAt(n);
          for (const name of [TABLE, 'Other']) {
            const items = read.tables.get(name)?.items;
            if (!items) continue;
            const reference = referenceItems(trace, n, name);
            expect(items.size).toBe(reference.size);
            expect(sorted(items)).toEqual(sorted(reference));
            for (const [k, row] of reference) expect(items.get(k)).toEqual(row);
            const byPanel = [...reference.values()].sort((a, b) => (a.keySummary < b.keySummary ? -1 : a.keySummary > b.keySummary ? 1 : a.keyString < b.keyString ? -1 : 1));
            expect(items.first(cap)).toEqual(byPanel.slice(0, cap));
            expect(tableView(read.tables.get(name)!, cap).items).toEqual(byPanel.slice(0, cap));
          }
          const forward = foldTo(cloneState(read), trace, Math.min(trace.length, n + 3));
          expect(sorted(forward.tables.get(TABLE)?.items ?? [])).toEqual(sorted(referenceItems(trace, Math.min(trace.length, n + 3), TABLE)));
          // Folding the clone on left the snapshot it came from as it was.
          expect(sorted(snapshots.stateAt(n).tables.get(TABLE)?.items ?? [])).toEqual(sorted(referenceItems(trace, n, TABLE)));
        }
      }),
      { numRuns: 120 },
    );
  });

  it("a fork's items are its own trace's, before and after the fork, even when the parent's facts change", () => {
    fc.assert(
      fc.property(writes, writes, writes, fc.integer({ min: 1, max: 20 }), (shared, parentRest, forkRest, every) => {
        const prefix = traceOf(shared);
        const parent = [...prefix, ...traceOf(parentRest, prefix.length)];
        const fork = [...prefix, ...traceOf(forkRest, prefix.length)];
        const parentSnapshots = new Snapshots(parent, every);
        const forked = parentSnapshots.fork(fork, prefix.length);
        // Every write of the parent is overwritten: a fork still reading the parent's trace (through
        // the snapshots it shares) would see these.
        for (let i = 2; i < parent.length; i++) parent[i] = { t: 0, type: 'write', table: TABLE, op: 'PutItem', key: { pk: { S: 'stale' } }, keyString: 'S:stale', outcome: 'INSERT', newItem: { pk: { S: 'stale' } } };
        for (let n = 0; n <= fork.length; n++) {
          const items = forked.stateAt(n).tables.get(TABLE)?.items;
          expect(sorted(items ?? [])).toEqual(sorted(referenceItems(fork, n, TABLE)));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps no item objects: a row is built when read, equal each time', () => {
    const trace = traceOf([{ key: 1, outcome: 'INSERT', withItem: true, other: false, n: 5, spelling: false }]);
    const items = foldTo(emptyState(), trace, trace.length).tables.get(TABLE)!.items;
    const a = items.get('N:3');
    const b = items.get('N:3');
    expect(a).toEqual({ keyString: 'N:3', keySummary: '1', item: { pk: { N: '1' }, n: { N: '5' } }, changedAtMs: 1, change: 'INSERT' });
    expect(b).toEqual(a);
  });
});
