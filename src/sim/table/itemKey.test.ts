import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { itemKey, keyHash } from './itemKey.ts';
import { createTable, del, newSim, put, s, update } from '../testing/harness.ts';
import { validateSizedItem } from './attributeValidation.ts';
import { callOperation } from '../api/call.ts';
import { restoreSnapshot, takeSnapshot } from '../snapshot.ts';
import type { World } from '../world.ts';
import { keyOfItem, partitionHash, tableKeyString, type KeySchema, type ScalarType, type TableState } from './table.ts';

const tableWith = (keySchema: KeySchema): TableState => ({ keySchema }) as TableState;

/** What the write did before `itemKey`: its answer, or the error it threw. */
function oldPath(table: TableState, item: Record<string, unknown>): unknown {
  try {
    const key = keyOfItem(table, item as never);
    return { key, keyString: tableKeyString(table, key), hash: partitionHash(table, key) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function newPath(table: TableState, item: Record<string, unknown>): unknown {
  try {
    const found = itemKey(table, item as never);
    const { key, keyString } = found;
    return { key, keyString, hash: keyHash(found) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const type = fc.constantFrom<ScalarType>('S', 'N', 'B');
const attrName = fc.constantFrom('pk', 'sk', 'id', '__proto__');
const schema = fc.record({ hash: fc.record({ name: attrName, type }), range: fc.option(fc.record({ name: fc.constantFrom('sk', 'rk'), type }), { nil: undefined }) })
  .filter((s) => s.range === undefined || s.range.name !== s.hash.name)
  .map((s): KeySchema => (s.range ? { hash: s.hash, range: s.range } : { hash: s.hash }));
/** Key-ish values of every scalar type, empty and oversized ones included (few texts, so keys repeat). */
const value = fc.oneof(
  // Texts that name something on Object.prototype, or an array index, in the cache's dictionary object.
  fc.constantFrom('', 'a', 'voter#1', 'x'.repeat(2049), '__proto__', 'constructor', 'toString', '0', '4294967295').map((S) => ({ S })),
  fc.constantFrom('0', '1', '-7', '1.5', '1.50', '007', '4294967296').map((N) => ({ N })),
  fc.constantFrom('', 'AQ==', 'AQI=').map((B) => ({ B })),
  fc.constant({ BOOL: true }),
  fc.constant({ L: [] }),
);
const item = fc.dictionary(fc.constantFrom('pk', 'sk', 'rk', 'id', 'other', '__proto__'), value, { maxKeys: 4 });

describe('itemKey', () => {
  it('answers as keyOfItem, tableKeyString and partitionHash did, errors included, cached or not', () => {
    fc.assert(
      fc.property(schema, fc.array(item, { minLength: 1, maxLength: 8 }), (keySchema, raws) => {
        const table = tableWith(keySchema);
        for (const raw of raws) {
          const { item: validated } = validateSizedItem(raw, 'Item');
          // Twice: the second answer may come from the cache.
          expect(newPath(table, validated)).toEqual(oldPath(table, validated));
          expect(newPath(table, validated)).toEqual(oldPath(table, validated));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives every write of one hash key the same key object, per attribute name', () => {
    const a = itemKey(tableWith({ hash: { name: 'pk', type: 'S' } }), { pk: { S: 'k#1' }, v: { N: '1' } });
    const b = itemKey(tableWith({ hash: { name: 'pk', type: 'S' } }), { pk: { S: 'k#1' }, v: { N: '2' } });
    expect(b.key).toBe(a.key);
    const other = itemKey(tableWith({ hash: { name: 'id', type: 'S' } }), { id: { S: 'k#1' } });
    expect(other.key).toEqual({ id: { S: 'k#1' } });
    const n = itemKey(tableWith({ hash: { name: 'pk', type: 'N' } }), { pk: { N: '1' } });
    expect(n.keyString).not.toBe(a.keyString);
  });

  it("remembers keys whose text is a name of Object.prototype's or an array index (the cache is a dictionary object)", () => {
    for (const [type, text] of [['S', '__proto__'], ['S', 'hasOwnProperty'], ['S', '7'], ['N', '7'], ['N', '4294967296']] as const) {
      const table = tableWith({ hash: { name: 'pk', type } });
      const first = itemKey(table, { pk: { [type]: text } as never });
      expect(first.key).toEqual({ pk: { [type]: text } });
      expect(itemKey(table, { pk: { [type]: text } as never })).toBe(first);
    }
  });

  it('rejects a key of the wrong type even when its text was cached for another table', () => {
    itemKey(tableWith({ hash: { name: 'pk', type: 'S' } }), { pk: { S: '5' } });
    expect(() => itemKey(tableWith({ hash: { name: 'pk', type: 'N' } }), { pk: { S: '5' } })).toThrow(/Type mismatch for key pk expected: N actual: S/);
  });
});

describe('the key memo (a put hands its write-column key index down)', () => {
  it('gives every write row the index the columns would find by key string, per table and per world', () => {
    const op = fc.record({ world: fc.nat(1), table: fc.constantFrom('tbl', 'tbl2'), kind: fc.constantFrom('put', 'put', 'update', 'delete'), key: fc.constantFrom('a', 'b', 'c') });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const sims = [newSim(), newSim()];
        for (const sim of sims) {
          createTable(sim, 'tbl');
          createTable(sim, 'tbl2');
        }
        let i = 0;
        for (const o of ops) {
          const sim = sims[o.world]!;
          const key = { pk: s(o.key) };
          if (o.kind === 'put') put(sim, { ...key, v: { N: String(i++) } }, {}, o.table);
          else if (o.kind === 'update') update(sim, key, 'SET v = :v', { ':v': { N: String(i++) } }, {}, o.table);
          else del(sim, key, {}, o.table);
        }
        for (const sim of sims) {
          const w = sim.world.writes;
          for (let row = 0; row < w.length; row++) {
            const byString = w.keyIndex[w.nameIndex.get(w.tableAt(row))!]!.get(w.keyStringAt(row));
            expect(w.keyIndexAt(row)).toBe(byString);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('gives a restored copy of a world and the world itself their own indexes (each has its own columns identity)', () => {
    const op = fc.record({ copy: fc.boolean(), table: fc.constantFrom('tbl', 'tbl2'), key: fc.constantFrom('a', 'b', 'c') });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), fc.array(op, { maxLength: 20 }), (before, after) => {
        const sim = newSim();
        createTable(sim, 'tbl');
        createTable(sim, 'tbl2');
        let i = 0;
        const putIn = (world: World, table: string, key: string) =>
          callOperation(world, 'DynamoDB_20120810.PutItem', { TableName: table, Item: { pk: s(key), v: { N: String(i++) } } }, true);
        for (const o of before) putIn(sim.world, o.table, o.key);
        const copy = restoreSnapshot(takeSnapshot(sim.world, {})).world;
        expect(copy.writes.identity).not.toBe(sim.world.writes.identity);
        // The two worlds write the same keys to different tables: a memo taken from the other would name the wrong row.
        for (const o of after) putIn(o.copy ? copy : sim.world, o.copy ? o.table : o.table === 'tbl' ? 'tbl2' : 'tbl', o.key);
        for (const w of [sim.world.writes, copy.writes]) {
          for (let row = 0; row < w.length; row++) {
            expect(w.keyIndexAt(row)).toBe(w.keyIndex[w.nameIndex.get(w.tableAt(row))!]!.get(w.keyStringAt(row)));
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
