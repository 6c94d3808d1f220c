import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { forkSimulation, type Simulation } from '../simulation.ts';
import { KEYS, TABLES, DDB, keyOps, twoTableSim, type KeyOp } from '../table/twoTables.testkit.ts';
import { isAwsError } from '../api/errors.ts';
import { forgetItemKeys } from '../table/itemKey.ts';

type Op = KeyOp;
const op: fc.Arbitrary<Op> = fc.oneof(...keyOps);
const newSim = (): Simulation => twoTableSim(5);

function apply(sim: Simulation, o: Exclude<Op, { kind: 'fork' }>): string {
  const TableName = TABLES[o.table]!;
  const pk = { S: KEYS[o.key]! };
  try {
    if (o.kind === 'put') {
      const cond = o.cond === 'none' ? {} : { ConditionExpression: o.cond === 'exists' ? 'attribute_exists(pk)' : 'attribute_not_exists(pk)' };
      sim.call(`${DDB}PutItem`, { TableName, Item: { pk, v: { N: String(o.value) } }, ...cond });
    } else if (o.kind === 'update') {
      sim.call(`${DDB}UpdateItem`, { TableName, Key: { pk }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: String(o.value) } } });
    } else {
      sim.call(`${DDB}DeleteItem`, { TableName, Key: { pk } });
    }
    return 'ok';
  } catch (e) {
    if (!isAwsError(e)) throw e;
    return e.code;
  }
}

/** Every record of every stream, built, in shard order: what readers see. */
function records(sim: Simulation): string[] {
  const out: string[] = [];
  for (const stream of sim.world.streams.values()) {
    for (const shard of stream.shards) for (let i = 0; i < shard.records.length; i++) out.push(JSON.stringify(shard.records.recordAt(i)));
  }
  return out;
}

describe("a record's key found through its key memo (StreamKeyHint)", () => {
  it('gives the records and the trace a run gives without any key memo, across tables, worlds and forks', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 10, maxLength: 60, size: 'max' }), (ops) => {
        // `hinted` runs with the key memos as a run has them (the whole script first: the memos
        // are shared by every world); `plain` forgets every memo before each call, so each of its
        // puts finds its key with a new memo that names no dictionary.
        const run = (forget: boolean): { worlds: Simulation[]; answers: string[] } => {
          forgetItemKeys();
          const worlds = [newSim(), newSim()];
          const answers: string[] = [];
          for (const o of ops) {
            if (o.kind === 'fork') {
              worlds[1 - o.sim] = forkSimulation(worlds[o.sim]!.snapshot());
              continue;
            }
            if (forget) forgetItemKeys();
            answers.push(apply(worlds[o.sim]!, o));
          }
          return { worlds, answers };
        };
        const hintedRun = run(false);
        const plainRun = run(true);
        const hinted = hintedRun.worlds;
        const plain = plainRun.worlds;
        expect(hintedRun.answers).toEqual(plainRun.answers);
        for (const w of [0, 1]) {
          expect(records(hinted[w]!)).toEqual(records(plain[w]!));
          expect(hinted[w]!.traceHash()).toBe(plain[w]!.traceHash());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('names a key by one index per stream while the memo holds (the old image is the last new image, not a copy)', () => {
    const sim = newSim();
    for (let v = 0; v < 5; v++) for (const TableName of TABLES) sim.call(`${DDB}PutItem`, { TableName, Item: { pk: { S: 'k0' }, v: { N: String(v) } } });
    for (const stream of sim.world.streams.values()) {
      const d = stream.dictionary;
      expect(d.keys.length).toBe(1);
      const shard = stream.shards.find((s) => s.records.length > 0)!.records;
      expect(shard.length).toBe(5);
      for (let i = 1; i < 5; i++) expect(shard.chunks[0]!.oldImage.get(i)).toBe(shard.chunks[0]!.newImage.get(i - 1));
    }
  });
});
