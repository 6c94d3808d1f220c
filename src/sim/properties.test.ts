/**
 * Property tests over random workloads (fast-check prints the seed and path of any failure).
 *
 * A workload is a list of PutItem / UpdateItem / DeleteItem / BatchWriteItem / TransactWriteItems
 * calls, with and without conditions, on a small key space, mixed with `advanceBy` steps (some past
 * the 4 h rollover) and shard splits. A tiny model kept here predicts every item's change log; the
 * stream, read back through the Streams API, must match it (reference §1, §4, §10 checks 1–9,
 * 27–31).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSimulation } from './simulation.ts';
import type { Simulation } from './simulation.ts';
import type { Item } from './table/attributeValue.ts';
import { allShards, createTable, DDB, getItem, HOUR, MINUTE, readStream, type ShardDescription } from './testing/harness.ts';
import { isAwsError } from './api/errors.ts';

const KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
type Key = (typeof KEYS)[number];
type Cond = 'none' | 'absent' | 'present' | 'vIs0';

type Cmd =
  | { op: 'put'; k: Key; v: number; w: number | null; cond: Cond }
  | { op: 'update'; k: Key; action: 'setV' | 'setW' | 'removeW' | 'addC'; x: number; cond: Cond }
  | { op: 'delete'; k: Key; cond: Cond }
  | { op: 'batch'; puts: { k: Key; v: number }[]; dels: Key[] }
  | { op: 'transact'; k1: Key; v: number; k2: Key; failCheck: boolean }
  | { op: 'advance'; ms: number }
  | { op: 'split'; pick: number };

const keyArb = fc.constantFrom(...KEYS);
const condArb = fc.constantFrom<Cond>('none', 'none', 'absent', 'present', 'vIs0');
const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('put' as const), k: keyArb, v: fc.nat(2), w: fc.option(fc.nat(1)), cond: condArb }) },
  {
    weight: 5,
    arbitrary: fc.record({ op: fc.constant('update' as const), k: keyArb, action: fc.constantFrom('setV' as const, 'setW' as const, 'removeW' as const, 'addC' as const), x: fc.nat(2), cond: condArb }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), k: keyArb, cond: condArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('batch' as const), puts: fc.array(fc.record({ k: keyArb, v: fc.nat(2) }), { maxLength: 3 }), dels: fc.array(keyArb, { maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('transact' as const), k1: keyArb, v: fc.nat(2), k2: keyArb, failCheck: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: HOUR }), fc.integer({ min: 3 * HOUR, max: 5 * HOUR })) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('split' as const), pick: fc.nat(7) }) },
);

interface Workload {
  seed: number;
  partitions: number;
  jitterMs: number;
  cmds: Cmd[];
}

const workloadArb: fc.Arbitrary<Workload> = fc.record({
  seed: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  partitions: fc.integer({ min: 1, max: 3 }),
  jitterMs: fc.constantFrom(0, 0, 20 * MINUTE),
  cmds: fc.array(cmdArb, { minLength: 1, maxLength: 80, size: 'max' }),
});

// ---------------------------------------------------------------------------------------------
// The model: items by key and each key's change log.

interface Change {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  oldItem?: Item;
  newItem?: Item;
  t: number;
}

function sameItem(a: Item | undefined, b: Item | undefined): boolean {
  const canon = (i: Item | undefined) => (i ? JSON.stringify(Object.keys(i).sort().map((k) => [k, i[k]])) : 'none');
  return canon(a) === canon(b);
}

class Model {
  readonly items = new Map<Key, Item>();
  readonly log = new Map<Key, Change[]>();

  holds(k: Key, cond: Cond): boolean {
    const it = this.items.get(k);
    if (cond === 'absent') return !it;
    if (cond === 'present') return !!it;
    if (cond === 'vIs0') return !!it && JSON.stringify(it.v) === JSON.stringify({ N: '0' });
    return true;
  }

  apply(k: Key, next: Item | undefined, t: number): void {
    const old = this.items.get(k);
    if (sameItem(old, next)) return;
    const eventName = !old ? 'INSERT' : !next ? 'REMOVE' : 'MODIFY';
    if (next) this.items.set(k, next);
    else this.items.delete(k);
    const log = this.log.get(k) ?? [];
    log.push({ eventName, ...(old ? { oldItem: old } : {}), ...(next ? { newItem: next } : {}), t });
    this.log.set(k, log);
  }

  updated(k: Key, action: 'setV' | 'setW' | 'removeW' | 'addC', x: number): Item | undefined {
    const old = this.items.get(k);
    const base: Item = { ...(old ?? { pk: { S: k } }) };
    if (action === 'setV') base.v = { N: String(x) };
    if (action === 'setW') base.w = { N: String(x) };
    if (action === 'addC') base.c = { N: String(Number((old?.c as { N: string } | undefined)?.N ?? '0') + 1) };
    if (action === 'removeW') {
      if (!old) return undefined; // REMOVE-only on a missing key creates nothing
      delete base.w;
    }
    return base;
  }
}

// ---------------------------------------------------------------------------------------------
// Running a workload against both.

const CONDITIONS: Record<Cond, Record<string, unknown>> = {
  none: {},
  absent: { ConditionExpression: 'attribute_not_exists(pk)' },
  present: { ConditionExpression: 'attribute_exists(pk)' },
  vIs0: { ConditionExpression: 'v = :zero', ExpressionAttributeValues: { ':zero': { N: '0' } } },
};

const UPDATES = {
  setV: 'SET v = :x',
  setW: 'SET w = :x',
  removeW: 'REMOVE w',
  addC: 'ADD c :one',
} as const;

function expectConditionFailure(f: () => unknown, code: string): void {
  try {
    f();
  } catch (e) {
    if (isAwsError(e) && e.code === code) return;
    throw e;
  }
  throw new Error(`expected ${code}`);
}

function run(w: Workload, options: { retentionMs?: number; model?: Model } = {}): { sim: Simulation; arn: string } {
  const sim = createSimulation({
    seed: w.seed,
    partitions: { tbl: w.partitions },
    shardLifetimeJitterMs: w.jitterMs,
    retentionMs: options.retentionMs ?? 10_000 * HOUR,
  });
  const arn = createTable(sim)!;
  const m = options.model ?? new Model();
  const T = 'tbl';
  for (const c of w.cmds) {
    switch (c.op) {
      case 'put': {
        const item: Item = { pk: { S: c.k }, v: { N: String(c.v) }, ...(c.w !== null ? { w: { N: String(c.w) } } : {}) };
        const call = () => sim.call(`${DDB}PutItem`, { TableName: T, Item: item, ...CONDITIONS[c.cond] });
        if (m.holds(c.k, c.cond)) {
          call();
          m.apply(c.k, item, sim.now());
        } else expectConditionFailure(call, 'ConditionalCheckFailedException');
        break;
      }
      case 'update': {
        const cond = CONDITIONS[c.cond];
        const values = {
          ...(c.action === 'removeW' ? {} : c.action === 'addC' ? { ':one': { N: '1' } } : { ':x': { N: String(c.x) } }),
          ...((cond.ExpressionAttributeValues as object | undefined) ?? {}),
        };
        const call = () =>
          sim.call(`${DDB}UpdateItem`, {
            TableName: T,
            Key: { pk: { S: c.k } },
            UpdateExpression: UPDATES[c.action],
            ...(cond.ConditionExpression ? { ConditionExpression: cond.ConditionExpression } : {}),
            ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
          });
        if (m.holds(c.k, c.cond)) {
          call();
          m.apply(c.k, m.updated(c.k, c.action, c.x), sim.now());
        } else expectConditionFailure(call, 'ConditionalCheckFailedException');
        break;
      }
      case 'delete': {
        const call = () => sim.call(`${DDB}DeleteItem`, { TableName: T, Key: { pk: { S: c.k } }, ...CONDITIONS[c.cond] });
        if (m.holds(c.k, c.cond)) {
          call();
          m.apply(c.k, undefined, sim.now());
        } else expectConditionFailure(call, 'ConditionalCheckFailedException');
        break;
      }
      case 'batch': {
        const seen = new Set<Key>();
        const reqs: unknown[] = [];
        const effects: [Key, Item | undefined][] = [];
        for (const p of c.puts) {
          if (seen.has(p.k)) continue;
          seen.add(p.k);
          const item: Item = { pk: { S: p.k }, v: { N: String(p.v) } };
          reqs.push({ PutRequest: { Item: item } });
          effects.push([p.k, item]);
        }
        for (const k of c.dels) {
          if (seen.has(k)) continue;
          seen.add(k);
          reqs.push({ DeleteRequest: { Key: { pk: { S: k } } } });
          effects.push([k, undefined]);
        }
        if (reqs.length === 0) break;
        sim.call(`${DDB}BatchWriteItem`, { RequestItems: { [T]: reqs } });
        for (const [k, item] of effects) m.apply(k, item, sim.now());
        break;
      }
      case 'transact': {
        if (c.k1 === c.k2) break;
        const item: Item = { pk: { S: c.k1 }, v: { N: String(c.v) } };
        const cond = c.failCheck ? 'attribute_not_exists(pk)' : 'attribute_exists(pk) OR attribute_not_exists(pk)';
        const call = () =>
          sim.call(`${DDB}TransactWriteItems`, {
            TransactItems: [{ Put: { TableName: T, Item: item } }, { ConditionCheck: { TableName: T, Key: { pk: { S: c.k2 } }, ConditionExpression: cond } }],
          });
        if (c.failCheck && m.items.has(c.k2)) expectConditionFailure(call, 'TransactionCanceledException');
        else {
          call();
          m.apply(c.k1, item, sim.now());
        }
        break;
      }
      case 'advance':
        sim.advanceBy(c.ms);
        break;
      case 'split': {
        const open = allShards(sim, arn).filter((sh) => sh.SequenceNumberRange.EndingSequenceNumber === undefined);
        if (open.length > 0 && open.length < 12) sim.splitShard(arn, open[c.pick % open.length]!.ShardId);
        break;
      }
    }
  }
  return { sim, arn };
}

function ancestors(shards: ShardDescription[], id: string): Set<string> {
  const byId = new Map(shards.map((sh) => [sh.ShardId, sh]));
  const out = new Set<string>();
  for (let p = byId.get(id)?.ParentShardId; p !== undefined; p = byId.get(p)?.ParentShardId) out.add(p);
  return out;
}

const keyOf = (item: Item): Key => (item.pk as { S: Key }).S;
const PARAMS = { numRuns: 120 };

describe('properties of random workloads', () => {
  it('§10.30 (a) each item\'s records sit in one shard lineage, in write order; (b) every change exactly once, nothing for no-ops or failed conditions', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const model = new Model();
        const { sim, arn } = run(w, { model });
        const shards = allShards(sim, arn);
        const read = readStream(sim, arn);
        // (b) exactly once: eventIDs and sequence numbers are unique, and per key the log matches.
        expect(new Set(read.map((x) => x.record.eventID)).size).toBe(read.length);
        expect(new Set(read.map((x) => x.record.dynamodb.SequenceNumber)).size).toBe(read.length);
        const total = [...model.log.values()].reduce((n, l) => n + l.length, 0);
        expect(read.length).toBe(total);
        for (const k of KEYS) {
          const mine = read.filter((x) => keyOf(x.record.dynamodb.Keys) === k);
          const want = model.log.get(k) ?? [];
          expect(mine.map((x) => x.record.eventName)).toEqual(want.map((c) => c.eventName));
          mine.forEach((x, i) => {
            expect(x.record.dynamodb.NewImage).toEqual(want[i]!.newItem);
            expect(x.record.dynamodb.OldImage).toEqual(want[i]!.oldItem);
            expect(x.record.dynamodb.ApproximateCreationDateTime).toBe(Math.floor((sim.options.epochMs + want[i]!.t) / 1000));
          });
          // (a) the shards holding this key's records form one chain of descendants.
          const path = mine.map((x) => x.shardId).filter((id, i, a) => i === 0 || a[i - 1] !== id);
          for (let i = 1; i < path.length; i++) expect(ancestors(shards, path[i]!).has(path[i - 1]!)).toBe(true);
        }
        // The trace's record-appended facts are exactly the records read.
        const appended = sim.trace.flatMap((e) => (e.type === 'record-appended' ? [e.record.eventID] : []));
        expect(new Set(appended)).toEqual(new Set(read.map((x) => x.record.eventID)));
      }),
      PARAMS,
    );
  });

  it('§10.20 (c) applying NEW_AND_OLD_IMAGES records, parents first, to an empty map rebuilds the table exactly', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const { sim, arn } = run(w);
        const rebuilt = new Map<string, Item>();
        for (const { record } of readStream(sim, arn)) {
          const k = keyOf(record.dynamodb.Keys);
          if (record.eventName === 'REMOVE') {
            expect(rebuilt.get(k)).toEqual(record.dynamodb.OldImage);
            rebuilt.delete(k);
          } else {
            if (record.eventName === 'MODIFY') expect(rebuilt.get(k)).toEqual(record.dynamodb.OldImage);
            else expect(rebuilt.has(k)).toBe(false);
            rebuilt.set(k, record.dynamodb.NewImage!);
          }
        }
        for (const k of KEYS) expect(rebuilt.get(k)).toEqual(getItem(sim, { pk: { S: k } }));
      }),
      PARAMS,
    );
  });

  it('§10.29 (d) sequence numbers strictly increase per shard, start above StartingSequenceNumber, and a child\'s exceed its parent\'s', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const { sim, arn } = run(w);
        const shards = allShards(sim, arn);
        const byId = new Map(shards.map((sh) => [sh.ShardId, sh]));
        const read = readStream(sim, arn);
        const maxOf = new Map<string, bigint>();
        for (const sh of shards) {
          let prev = BigInt(sh.SequenceNumberRange.StartingSequenceNumber);
          for (const x of read.filter((r) => r.shardId === sh.ShardId)) {
            const seq = BigInt(x.record.dynamodb.SequenceNumber);
            expect(seq > prev).toBe(true);
            prev = seq;
          }
          maxOf.set(sh.ShardId, prev);
          const end = sh.SequenceNumberRange.EndingSequenceNumber;
          if (end !== undefined) expect(BigInt(end) >= prev).toBe(true);
        }
        // §10.27 / §10.28: one open shard per partition (initial partitions + one per split), and
        // every closed shard of an enabled stream has one child (rollover) or two (split).
        const splits = sim.trace.filter((e) => e.type === 'shard-closed' && e.reason === 'split').length;
        expect(shards.filter((sh) => sh.SequenceNumberRange.EndingSequenceNumber === undefined)).toHaveLength(w.partitions + splits);
        for (const sh of shards) {
          if (sh.SequenceNumberRange.EndingSequenceNumber === undefined) continue;
          const kids = shards.filter((c) => c.ParentShardId === sh.ShardId).length;
          expect(kids === 1 || kids === 2).toBe(true);
        }
        for (const sh of shards) {
          const parent = sh.ParentShardId ? byId.get(sh.ParentShardId) : undefined;
          if (!parent) continue;
          expect(parent.SequenceNumberRange.EndingSequenceNumber).toBeDefined();
          expect(BigInt(sh.SequenceNumberRange.StartingSequenceNumber) > maxOf.get(parent.ShardId)!).toBe(true);
          expect(BigInt(sh.SequenceNumberRange.StartingSequenceNumber) > BigInt(parent.SequenceNumberRange.EndingSequenceNumber!)).toBe(true);
        }
      }),
      PARAMS,
    );
  });

  it('§10.33 with 10 h retention, each item\'s readable records are exactly the suffix of its log younger than retention', () => {
    const retentionMs = 10 * HOUR;
    fc.assert(
      fc.property(workloadArb, (w) => {
        const model = new Model();
        const { sim, arn } = run(w, { retentionMs, model });
        const read = readStream(sim, arn);
        for (const k of KEYS) {
          const want = (model.log.get(k) ?? []).filter((c) => c.t > sim.now() - retentionMs);
          const mine = read.filter((x) => keyOf(x.record.dynamodb.Keys) === k).map((x) => x.record);
          expect(mine.map((r) => [r.eventName, r.dynamodb.NewImage])).toEqual(want.map((c) => [c.eventName, c.newItem]));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('(e) determinism: the same seed and calls give the same traceHash; a different seed gives different ids', () => {
    fc.assert(
      fc.property(workloadArb, (w) => {
        const a = run(w).sim;
        const b = run(w).sim;
        expect(a.traceHash()).toBe(b.traceHash());
        expect(a.traceHash()).toMatch(/^[0-9a-f]{16}$/);
        const other = run({ ...w, seed: w.seed + 1 }).sim;
        const ids = (sim: Simulation) => sim.trace.flatMap((e) => (e.type === 'shard-opened' ? [e.shardId] : []));
        expect(ids(other)).not.toEqual(ids(a));
        expect(other.traceHash()).not.toBe(a.traceHash());
      }),
      { numRuns: 40 },
    );
  });

  it('(e) seeds that differ only above bit 31 still give different worlds', () => {
    const shardIds = (seed: number) => {
      const sim = createSimulation({ seed });
      createTable(sim);
      return sim.trace.flatMap((e) => (e.type === 'shard-opened' ? [e.shardId] : []));
    };
    expect(shardIds(1)).not.toEqual(shardIds(2 ** 32 + 1));
    expect(shardIds(-5)).not.toEqual(shardIds(2 ** 32 - 5));
    expect(shardIds(7)).toEqual(shardIds(7));
  });
});
