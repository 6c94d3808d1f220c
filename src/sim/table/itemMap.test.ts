import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forkSimulation, type Simulation } from '../simulation.ts';
import { DDB, KEYS, TABLES, keyOps, keys, sims, tables, twoTableSim, values, type KeyOp } from './twoTables.testkit.ts';
import { isAwsError } from '../api/errors.ts';
import type { Item } from './attributeValue.ts';
import { ItemMap, remember, rememberedItem, type RememberedItem } from './itemMap.ts';

type Op = KeyOp | { kind: 'foreign'; sim: number; table: number; key: number; value: number | undefined };
const foreign: fc.Arbitrary<Op> = fc.record({ kind: fc.constant('foreign' as const), sim: sims, table: tables, key: keys, value: fc.option(values, { nil: undefined }) });
const op: fc.Arbitrary<Op> = fc.oneof(...(keyOps as fc.WeightedArbitrary<Op>[]), { weight: 1, arbitrary: foreign });

const itemOf = (key: string, value: number): Item => ({ pk: { S: key }, v: { N: String(value) } });
const keyStringOf = (sim: Simulation, table: string, key: string): string => {
  // The table's own key string for `key`, as a stored item of it is filed under.
  const probe = new Map<string, Item>();
  const t = sim.world.tables.get(table)!;
  for (const [ks, item] of t.items) if (item.pk && 'S' in item.pk && item.pk.S === key) probe.set(ks, item);
  return [...probe.keys()][0] ?? '';
};

const newSim = (): Simulation => twoTableSim(3);

/** The table's items by key text, as plain JSON. */
function contents(sim: Simulation, table: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of sim.world.tables.get(table)!.items.values()) out[(item.pk as { S: string }).S] = JSON.parse(JSON.stringify(item)) as unknown;
  return out;
}

type Model = Map<string, Item>[];

function failed(f: () => unknown): { ok: true; value: unknown } | { ok: false; code: string } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (!isAwsError(e)) throw e;
    return { ok: false, code: e.code };
  }
}

describe('ItemMap and the key memos', () => {
  it('a table answers as a Map by key string would, whatever changed it and in whichever world', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 80, size: 'max' }), (ops) => {
        const worlds: { sim: Simulation; model: Model }[] = [{ sim: newSim(), model: [new Map(), new Map()] }];
        worlds.push({ sim: newSim(), model: [new Map(), new Map()] });
        for (const o of ops) {
          const w = worlds[o.sim]!;
          if (o.kind === 'fork') {
            // The other world becomes a fork of this one: both go on, each with its own items.
            worlds[1 - o.sim] = { sim: forkSimulation(w.sim.snapshot()), model: w.model.map((m) => new Map(m)) };
            continue;
          }
          const table = TABLES[o.table]!;
          const key = KEYS[o.key]!;
          const model = w.model[o.table]!;
          const old = model.get(key);
          if (o.kind === 'put') {
            const cond = o.cond === 'none' ? {} : { ConditionExpression: o.cond === 'exists' ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)' };
            const r = failed(() => w.sim.call(`${DDB}PutItem`, { TableName: table, Item: itemOf(key, o.value), ReturnValues: 'ALL_OLD', ...cond }));
            const allowed = o.cond === 'none' || (o.cond === 'exists') === (old !== undefined);
            expect(r.ok).toBe(allowed);
            if (r.ok) {
              // ALL_OLD is the item the put found: the remembered one, when the memo holds.
              expect((r.value as { Attributes?: Item }).Attributes).toEqual(old);
              model.set(key, itemOf(key, o.value));
            }
          } else if (o.kind === 'update') {
            w.sim.call(`${DDB}UpdateItem`, { TableName: table, Key: { pk: { S: key } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: String(o.value) } } });
            model.set(key, itemOf(key, o.value));
          } else if (o.kind === 'delete') {
            w.sim.call(`${DDB}DeleteItem`, { TableName: table, Key: { pk: { S: key } } });
            model.delete(key);
          } else {
            // A change made on the map itself, as a consumer's bookkeeping makes it.
            const items = w.sim.world.tables.get(table)!.items;
            const ks = keyStringOf(w.sim, table, key);
            if (o.value === undefined) {
              if (ks !== '') items.delete(ks);
              model.delete(key);
            } else if (ks !== '') {
              items.set(ks, itemOf(key, o.value));
              model.set(key, itemOf(key, o.value));
            }
          }
          for (const [i, name] of TABLES.entries()) expect(contents(w.sim, name)).toEqual(Object.fromEntries(w.model[i]!));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('counts every change made through it; a remembered item reaches the map when anyone reads or changes it', () => {
    const m = new ItemMap([['a', { x: { S: '1' } }]]);
    const before = m.changes;
    m.set('b', { x: { S: '2' } });
    m.delete('a');
    expect(m.changes).toBe(before + 2);
    const memo: RememberedItem = { keyString: 'c', item: undefined, itemOwner: undefined, itemChanges: 0, pendingIn: undefined };
    remember(m, memo, { x: { S: '3' } });
    expect(m.changes).toBe(before + 2);
    expect(rememberedItem(m, 'c', memo)).toEqual({ x: { S: '3' } });
    expect(m.pending).toHaveLength(1);
    // Every way of reading settles it.
    expect([...m.keys()]).toEqual(['b', 'c']);
    expect(m.pending).toHaveLength(0);
    expect(memo.pendingIn).toBeUndefined();
    remember(m, memo, { x: { S: '4' } });
    expect(m.size).toBe(2);
    expect(m.get('c')).toEqual({ x: { S: '4' } });
    remember(m, memo, { x: { S: '5' } });
    expect(Object.fromEntries(m)).toEqual({ b: { x: { S: '2' } }, c: { x: { S: '5' } } });
    remember(m, memo, { x: { S: '6' } });
    const seen: string[] = [];
    m.forEach((item, key) => seen.push(`${key}=${(item.x as { S: string }).S}`));
    expect(seen).toEqual(['b=2', 'c=6']);
    // A memo that moves to another map first leaves its item in the one it leaves.
    const other = new ItemMap();
    remember(other, memo, { x: { S: '7' } });
    remember(m, memo, { x: { S: '8' } });
    expect(other.get('c')).toEqual({ x: { S: '7' } });
    expect(m.has('c')).toBe(true);
    expect(m.get('c')).toEqual({ x: { S: '8' } });
    // A change from elsewhere settles first, then counts: the memo no longer holds.
    remember(m, memo, { x: { S: '9' } });
    m.delete('b');
    expect(m.get('c')).toEqual({ x: { S: '9' } });
    expect(rememberedItem(m, 'c', memo)).toEqual({ x: { S: '9' } });
    expect(memo.itemChanges).not.toBe(m.changes);
    m.clear();
    expect(m.size).toBe(0);
  });

  it('a forked world has its own item map, of the same class, under another identity', () => {
    const sim = newSim();
    sim.call(`${DDB}PutItem`, { TableName: 'TableA', Item: itemOf('k0', 1) });
    const fork = forkSimulation(sim.snapshot());
    const a = sim.world.tables.get('TableA')!.items;
    const b = fork.world.tables.get('TableA')!.items;
    expect(b).toBeInstanceOf(ItemMap);
    expect((b as ItemMap).identity).not.toBe((a as ItemMap).identity);
    expect([...b.keys()]).toEqual([...a.keys()]);
  });
});
