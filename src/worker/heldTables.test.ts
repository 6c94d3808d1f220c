/**
 * The tables part made from the held copy and the keys written since (heldTables.ts) against the
 * part built from every item: a table cut at 500 rows that loses rows, gains rows before or after
 * its last one, or both at once.
 */
import { describe, expect, it } from 'vitest';
import type { FactList } from '../sim/index.ts';
import { emptyState, type FoldState } from './fold.ts';
import { FoldedItems } from './foldedItems.ts';
import { tableView } from './frames.ts';
import { heldRows, tablesSince } from './heldTables.ts';
import { sameData } from './partDiff.ts';
import type { RunIndex } from './runIndex.ts';

/** A trace of writes only: fact `i` puts `{ id, n: i }`. */
const facts: Array<{ key: string }> = [];
const trace = { at: (i: number) => ({ type: 'write', t: i, outcome: 'MODIFY', newItem: { id: { S: facts[i]!.key }, n: { N: String(i) }, ...(i % 7 === 0 ? { extra: { S: 'x' } } : {}) } }) } as unknown as FactList;
const index = {} as RunIndex;

function stateOf(keys: Iterable<string>): FoldState {
  const s = emptyState();
  const items = new FoldedItems(trace);
  for (const key of keys) put(items, key);
  s.tables.set('T', { name: 'T', keyAttributes: ['id'], items });
  return s;
}

function put(items: FoldedItems, key: string): void {
  facts.push({ key });
  items.set(key, facts.length - 1, key, trace);
}

const name = (i: number) => `k${String(i).padStart(4, '0')}`;

describe('tables from the held copy', () => {
  const cases: Array<{ what: string; keys: number; deleted: number[]; put: number[]; built?: boolean }> = [
    { what: 'a row changed and a key put before the cut', keys: 700, deleted: [], put: [3, 250] },
    { what: 'a row deleted and a key put after the cut (the row after the cut is not held)', keys: 700, deleted: [10], put: [650], built: true },
    { what: 'a row deleted and one put before the cut', keys: 700, deleted: [10], put: [20, 21] },
    { what: 'rows deleted in a table that is not cut', keys: 300, deleted: [1, 299], put: [] },
    { what: 'a table that grows past the cut', keys: 499, deleted: [], put: [800, 801, 5] },
  ];
  it.each(cases)('$what', ({ keys, deleted, put: puts, built = false }) => {
    const keyList = Array.from({ length: keys }, (_, i) => name(i * 2)); // even numbers: room for new keys between
    const state = stateOf(keyList);
    const held = [tableView(state.tables.get('T')!, 500)];
    const items = state.tables.get('T')!.items as FoldedItems;
    const written = new Set<string>();
    for (const d of deleted) {
      items.delete(name(d * 2));
      written.add(name(d * 2));
    }
    for (const p of puts) {
      const key = name(p % 2 === 0 ? p * 2 : p);
      put(items, key);
      written.add(key);
    }
    const [next] = tablesSince(index, state, held, written, sameData);
    expect(next).toEqual(tableView(state.tables.get('T')!, 500));
    // Made from the held copy unless it cannot be exact (then built from every item); the rows it says are held are the held rows.
    const from = heldRows.get(next!);
    expect(from === undefined).toBe(built);
    next!.items.forEach((row, k) => from && from[k]! >= 0 && expect(held[0]!.items[from[k]!]).toBe(row));
  });
});
