/**
 * The columnar record store against the object-graph builder it replaced (issue #16): for random
 * workloads (view types, keys spelled two ways, images shared or copied, service deletions,
 * Regions, gaps, times across chunk boundaries) every record built on demand equals the old
 * record field for field and byte for byte, and sequence-number lookups land where the BigInt
 * search did. Forks share full chunks and keep appending apart.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRngStreams } from '../kernel/rng.ts';
import type { Item } from '../table/attributeValue.ts';
import { createDictionary, RECORD_CHUNK, ShardRecords } from './recordStore.ts';
import { addToSequence, firstSequence, sequenceBigInt } from './sequence.ts';
import { AppendedRecordFact } from './appendedFact.ts';
import { STREAM_VIEW_TYPES, type EventName } from './record.ts';
import { ObjectGraphShard } from '../testing/objectGraphRecords.ts';
import { createItemVersions } from '../trace/itemVersions.ts';
import { createSimulation, forkSimulation } from '../simulation.ts';
import { createVotesTable } from '../testing/harness.ts';

interface Op {
  key: number;
  spelling: number;
  remove: boolean;
  copyOld: boolean;
  byService: boolean;
  region: number;
  dtMs: number;
  gap: number;
  value: string;
}

const op: fc.Arbitrary<Op> = fc.record({
  key: fc.integer({ min: 0, max: 5 }),
  spelling: fc.integer({ min: 0, max: 1 }),
  remove: fc.boolean(),
  copyOld: fc.boolean(),
  byService: fc.boolean(),
  region: fc.integer({ min: 0, max: 1 }),
  dtMs: fc.integer({ min: 0, max: 5_000 }),
  gap: fc.integer({ min: 1_000, max: 9_999_999 }).map((g) => g * 1_000 + 7),
  value: fc.string({ maxLength: 12 }),
});

/** Keys 0–2 are numbers (spelled "n" or "n.0": one key string), 3–5 strings with a range key (in either order). */
function keyOf(k: number, spelling: number): { keys: Item; keyString: string } {
  if (k < 3) return { keys: { id: { N: spelling ? `${k}.0` : String(k) } }, keyString: `N${String(k).length}:${k}` };
  const pk = { S: `p${k}` };
  const sk = { S: 'r' };
  return { keys: spelling ? { sk, pk } : { pk, sk }, keyString: `S${pk.S.length}:${pk.S}S1:r` };
}

const REGIONS = ['us-east-1', 'eu-west-1'];

/** Runs the same changes through the columnar store and the old object-graph builder. */
/**
 * With `refs`, each (key, spelling) is one key object with a world key index, as commits hand them
 * over (`RecordRow.keyRef`): the store finds its key by that index instead of by key string.
 */
function both(view: (typeof STREAM_VIEW_TYPES)[number], seed: number, k: number, epochMs: number, ops: readonly Op[], refs = false) {
  const refOf = new Map<string, { keys: Item; keyString: string; keyRef: number }>();
  const store = new ShardRecords('shardId-1', createDictionary('arn:stream', view, epochMs, createItemVersions()));
  const first = firstSequence(k);
  const oracle = new ObjectGraphShard(10n ** 26n + BigInt(k) * 10n ** 12n);
  const idsA = createRngStreams(seed).ids;
  const idsB = createRngStreams(seed).ids;
  const current = new Map<number, Item>();
  let t = 0;
  for (const o of ops) {
    const made = keyOf(o.key, o.spelling);
    const id = `${o.key}/${o.spelling}`;
    if (refs && !refOf.has(id)) refOf.set(id, { ...made, keyRef: refOf.size * 3 + 1 });
    const { keys, keyString } = refs ? refOf.get(id)! : made;
    const keyRef = refs ? refOf.get(id)!.keyRef : undefined;
    const old = current.get(o.key);
    const eventName: EventName = old === undefined ? 'INSERT' : o.remove ? 'REMOVE' : 'MODIFY';
    const oldItem = old && o.copyOld ? (JSON.parse(JSON.stringify(old)) as Item) : old;
    const newItem = eventName === 'REMOVE' ? undefined : { ...keys, v: { S: o.value }, n: { N: String(o.dtMs) } };
    if (newItem) current.set(o.key, newItem);
    else current.delete(o.key);
    t += o.dtMs;
    addToSequence(first, o.gap);
    const change = { eventName, keys, oldItem, newItem, byService: o.byService && eventName === 'REMOVE', region: REGIONS[o.region]! };
    store.append({ ...change, t, keyString, seqHi: first.hi, seqLo: first.lo, ...(keyRef !== undefined ? { keyRef } : {}) }, idsA);
    oracle.append(o.gap, idsB, { ...change, viewType: view, epochMs: epochMs + t });
  }
  return { store, oracle };
}

const workload = fc.record({
  view: fc.constantFrom(...STREAM_VIEW_TYPES),
  seed: fc.integer(),
  k: fc.integer({ min: 1, max: 9_999_999 }),
  epochMs: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  ops: fc.array(op, { maxLength: 60 }),
});

describe('columnar record store', () => {
  it('builds every record equal to the object-graph record, byte for byte (keys found by key string or by key index)', () => {
    fc.assert(
      fc.property(workload, fc.boolean(), ({ view, seed, k, epochMs, ops }, refs) => {
        const { store, oracle } = both(view, seed, k, epochMs, ops, refs);
        expect(store.length).toBe(oracle.records.length);
        for (let i = 0; i < store.length; i++) {
          const rec = store.recordAt(i);
          expect(rec).toStrictEqual(oracle.records[i]);
          expect(JSON.stringify(rec)).toBe(JSON.stringify(oracle.records[i]));
          expect(store.sequenceNumberAt(i)).toBe(oracle.seqs[i]!.toString());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('finds sequence numbers where the BigInt search did (at, after, between, outside)', () => {
    fc.assert(
      fc.property(workload, fc.array(fc.bigInt({ min: -3n, max: 3n }), { maxLength: 10 }), ({ view, seed, k, epochMs, ops }, deltas) => {
        const { store, oracle } = both(view, seed, k, epochMs, ops);
        const probes = [0n, 10n ** 26n, 10n ** 40n, ...oracle.seqs.flatMap((s) => deltas.map((d) => s + d))];
        for (const seq of probes) {
          if (seq < 0n) continue;
          for (const after of [false, true]) expect(store.lowerBound(seq, after)).toBe(oracle.indexOfSequence(seq, after));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('spans chunks: rows past the first chunk read back as appended', () => {
    const ops: Op[] = Array.from({ length: RECORD_CHUNK * 2 + 17 }, (_, i) => ({
      key: i % 6, spelling: i % 2, remove: i % 7 === 0, copyOld: i % 5 === 0, byService: i % 11 === 0, region: i % 2, dtMs: i % 3, gap: 7_000_007, value: `v${i}`,
    }));
    const { store, oracle } = both('NEW_AND_OLD_IMAGES', 3, 42, 1_700_000_000_000, ops);
    expect(store.chunks.length).toBe(3);
    expect(store.fullChunks().length).toBe(2);
    for (let i = 0; i < store.length; i += 97) expect(JSON.stringify(store.recordAt(i))).toBe(JSON.stringify(oracle.records[i]));
    const last = store.sequenceLimbsAt(store.length - 1);
    expect(sequenceBigInt(last.hi, last.lo)).toBe(oracle.seqs[oracle.seqs.length - 1]);
  });

  it('keeps limbs that jump or go back within a chunk (imported sequence numbers) exactly', () => {
    fc.assert(
      fc.property(
        // Low limbs around the 32-bit split of their storage too.
        fc.array(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 38n }), fc.constantFrom(2n ** 32n - 1n, 2n ** 32n, 10n ** 14n - 1n, 7n * 10n ** 14n + 2n ** 46n)), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 3 }), (seqs, padding) => {
        const store = new ShardRecords('shardId-1', createDictionary('arn:stream', 'KEYS_ONLY', 0, createItemVersions()));
        const ids = createRngStreams(1).ids;
        // A few ordinary rows first, so a jump lands mid-chunk and the rows before it are widened too.
        const all = [...Array.from({ length: padding }, (_, i) => 10n ** 26n + BigInt(i)), ...seqs];
        for (const seq of all) {
          const limbs = { hi: Number(seq / 10n ** 14n), lo: Number(seq % 10n ** 14n) };
          store.append({ t: 0, seqHi: limbs.hi, seqLo: limbs.lo, eventName: 'INSERT', byService: false, region: 'us-east-1', keys: { id: { S: 'a' } }, keyString: 'S1:a', oldItem: undefined, newItem: undefined }, ids);
        }
        all.forEach((seq, i) => {
          const limbs = store.sequenceLimbsAt(i);
          expect(limbs).toEqual({ hi: Number(seq / 10n ** 14n), lo: Number(seq % 10n ** 14n) });
          if (seq < 2n ** 53n * 10n ** 14n) expect(sequenceBigInt(limbs.hi, limbs.lo)).toBe(seq);
        });
      }),
    );
  });

  it('shares one item version between a record\'s new image and the next record\'s old image', () => {
    const ops: Op[] = [0, 1, 2].map((i) => ({ key: 0, spelling: 0, remove: false, copyOld: false, byService: false, region: 0, dtMs: 1, gap: 1_007, value: `v${i}` }));
    const { store } = both('NEW_AND_OLD_IMAGES', 1, 1, 0, ops);
    expect(store.dict.versions.length).toBe(3);
    expect(store.recordAt(1).dynamodb.OldImage).toStrictEqual(store.recordAt(0).dynamodb.NewImage);
  });

  it('a record-appended fact reads as, and hashes as, the object-graph fact', () => {
    const { store, oracle } = both('NEW_IMAGE', 9, 77, 1_700_000_000_000, [
      { key: 3, spelling: 1, remove: false, copyOld: false, byService: false, region: 1, dtMs: 1500, gap: 9_000_007, value: 'x' },
    ]);
    const fact = AppendedRecordFact.of(store, 0);
    const plain = { t: 1500, type: 'record-appended', streamArn: 'arn:stream', shardId: 'shardId-1', keyString: 'S2:p3S1:r', record: oracle.records[0] };
    expect(JSON.stringify(fact)).toBe(JSON.stringify(plain));
    expect([fact.streamArn, fact.shardId, fact.keyString]).toEqual([plain.streamArn, plain.shardId, plain.keyString]);
    expect(fact.record).toStrictEqual(plain.record);
  });

  it('a fork shares full chunks, copies the one being filled, and both go on apart', async () => {
    const sim = createSimulation({ seed: 7 });
    createVotesTable(sim);
    const put = (s: typeof sim, at: number, i: number) =>
      s.schedule(at, 'DynamoDB_20120810.PutItem', { TableName: 'Votes', Item: { voterId: { S: `voter#${i % 7}` }, candidate: { S: 'alice' }, votedAt: { N: String(i) } } });
    for (let i = 0; i < RECORD_CHUNK * 3; i++) put(sim, i, i);
    await sim.advanceTo(RECORD_CHUNK * 3);
    const before = JSON.stringify(sim.trace);
    const fork = forkSimulation(sim.snapshot());
    const shard = (s: typeof sim) => [...s.world.streams.values()][0]!.shards.find((x) => x.records.length > 0)!;
    expect(shard(fork).records.fullChunks()[0]).toBe(shard(sim).records.fullChunks()[0]);
    for (let i = 0; i < 50; i++) put(sim, RECORD_CHUNK * 3 + 1 + i, 1_000 + i);
    for (let i = 0; i < 50; i++) put(fork, RECORD_CHUNK * 3 + 1 + i, 2_000 + i);
    await sim.advanceTo(RECORD_CHUNK * 4);
    await fork.advanceTo(RECORD_CHUNK * 4);
    expect(JSON.stringify(sim.trace.slice(0, JSON.parse(before).length))).toBe(before);
    const lastOf = (s: typeof sim) => {
      const f = [...s.trace].reverse().find((e) => e.type === 'record-appended');
      return f?.type === 'record-appended' ? f.record.dynamodb.NewImage!.votedAt : undefined;
    };
    expect(lastOf(sim)).toEqual({ N: '1049' });
    expect(lastOf(fork)).toEqual({ N: '2049' });
  });
});
