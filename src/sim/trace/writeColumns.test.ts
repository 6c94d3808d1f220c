/**
 * Write facts read from columns equal the object facts the core recorded before (issue #16): for
 * random writes (tables, operations, outcomes, service deletions, Regions present or not, keys
 * spelled two ways), every field read and the JSON are the old fact's, and a write's new item and
 * its record's image are one item version.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Item } from '../table/attributeValue.ts';
import type { TraceEvent } from './events.ts';
import { WriteColumns, type WriteOutcome } from './writeColumns.ts';
import { WriteFact } from './writeFact.ts';
import { createItemVersions, internItem } from './itemVersions.ts';

type WriteEvent = Extract<TraceEvent, { type: 'write' }>;

const write = fc.record({
  t: fc.integer({ min: 0, max: 1e9 }),
  table: fc.constantFrom('Votes', 'Totals', 'Leases'),
  op: fc.constantFrom('PutItem', 'UpdateItem', 'DeleteItem', 'TTL', 'Replication'),
  key: fc.integer({ min: 0, max: 3 }),
  spelling: fc.boolean(),
  outcome: fc.constantFrom<WriteOutcome>('INSERT', 'MODIFY', 'REMOVE', 'no-op'),
  value: fc.string({ maxLength: 6 }),
  byService: fc.boolean(),
  region: fc.option(fc.constantFrom('us-east-1', 'eu-west-1'), { nil: undefined }),
});

/** The object fact as `commitChange` built it before the columns. */
function objectFact(w: WriteEvent): WriteEvent {
  const fact: WriteEvent = { t: w.t, type: 'write', table: w.table, op: w.op, key: w.key, keyString: w.keyString, outcome: w.outcome };
  if (w.newItem && w.outcome !== 'no-op') fact.newItem = w.newItem;
  if (w.byService) fact.byService = true;
  if (w.region !== undefined) fact.region = w.region;
  return fact;
}

describe('write columns', () => {
  it('every write fact reads and serialises as the object fact', () => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 80 }), (writes) => {
        const columns = new WriteColumns(createItemVersions());
        for (const w of writes) {
          const key: Item = { id: { N: w.spelling ? `${w.key}.0` : String(w.key) } };
          const newItem = w.outcome === 'REMOVE' || w.outcome === 'no-op' ? undefined : { ...key, v: { S: w.value } };
          const want = objectFact({ t: w.t, type: 'write', table: w.table, op: w.op, key, keyString: `N1:${w.key}`, outcome: w.outcome, newItem, byService: w.byService, region: w.region });
          const row = columns.append({ t: w.t, table: w.table, op: w.op, key, keyString: `N1:${w.key}`, outcome: w.outcome, newItem, byService: w.byService, region: w.region });
          const fact = WriteFact.of(columns, row);
          // The commit reads the row's key index back from here, not from the row's chunk.
          expect(columns.lastKey).toBe(columns.keyIndexAt(row));
          expect(JSON.stringify(fact)).toBe(JSON.stringify(want));
          for (const field of ['t', 'type', 'table', 'op', 'key', 'keyString', 'outcome', 'newItem', 'byService', 'region'] as const) expect(fact[field]).toStrictEqual(want[field]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a write and its record share one item version', () => {
    const versions = createItemVersions();
    const columns = new WriteColumns(versions);
    const item: Item = { id: { S: 'a' } };
    columns.append({ t: 0, table: 'T', op: 'PutItem', key: { id: { S: 'a' } }, keyString: 'S1:a', outcome: 'INSERT', newItem: item, byService: false, region: undefined });
    expect(internItem(versions, item)).toBe(0);
    expect(versions.length).toBe(1);
  });

  it('spans chunks', () => {
    const columns = new WriteColumns(createItemVersions());
    for (let i = 0; i < 2500; i++) columns.append({ t: i, table: `T${i % 3}`, op: 'PutItem', key: { id: { N: String(i % 10) } }, keyString: `k${i % 10}`, outcome: 'MODIFY', newItem: { n: { N: String(i) } }, byService: false, region: undefined });
    expect(columns.fullChunks()).toHaveLength(2);
    expect(WriteFact.of(columns, 2499).newItem).toEqual({ n: { N: '2499' } });
    expect(columns.tableAt(2498)).toBe('T2');
    expect(columns.keys).toHaveLength(30);
  });
});
