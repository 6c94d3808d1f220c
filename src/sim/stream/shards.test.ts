/**
 * Conformance: shards, sequence numbers, lineage, rollover, splits and retention (reference §4,
 * §10 checks 26–32 and 41).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitPartition } from './shardLifecycle.ts';
import { partitionFor } from '../table/table.ts';
import {
  allShards,
  awsErrorOf,
  createTable,
  describeStream,
  getRecords,
  HOUR,
  iterator,
  MINUTE,
  newSim,
  put,
  readShard,
  records,
  s,
  n,
  STREAMS,
  update,
} from '../testing/harness.ts';

const SHARD_ID = /^shardId-\d{20}-[0-9a-f]{8}$/;

describe('shards and sequence numbers', () => {
  it('§10.31 shard ids are shardId-<20 digits>-<8 hex> (28–65 chars); the digits are the creation time in epoch ms', () => {
    const sim = newSim({ partitions: { tbl: 4 }, epochMs: 1_414_562_045_508 });
    const arn = createTable(sim)!;
    const shards = allShards(sim, arn);
    expect(shards).toHaveLength(4);
    for (const sh of shards) {
      expect(sh.ShardId).toMatch(SHARD_ID);
      expect(sh.ShardId.length).toBeGreaterThanOrEqual(28);
      expect(sh.ShardId.length).toBeLessThanOrEqual(65);
      expect(sh.ShardId.slice(8, 28)).toBe('00000001414562045508');
    }
    expect(new Set(shards.map((x) => x.ShardId)).size).toBe(4);
  });

  it('§10.29 / §10.31 sequence numbers are 21–40 digits, strictly increase per shard (as BigInt) with gaps, the first > StartingSequenceNumber', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    for (let i = 0; i < 50; i++) put(sim, { pk: s(`k${i % 7}`), v: n(i) });
    const [shard] = allShards(sim, arn);
    const seqs = readShard(sim, arn, shard!.ShardId).records.map((r) => r.dynamodb.SequenceNumber);
    expect(seqs).toHaveLength(50);
    let prev = BigInt(shard!.SequenceNumberRange.StartingSequenceNumber);
    for (const seq of seqs) {
      expect(seq).toMatch(/^\d{21,40}$/);
      expect(BigInt(seq) > prev).toBe(true);
      expect(BigInt(seq) - prev).toBeGreaterThan(1n); // never +1 by construction
      prev = BigInt(seq);
    }
  });

  it('§10.26 an open shard has StartingSequenceNumber and no EndingSequenceNumber, nor ParentShardId at first', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    const d = describeStream(sim, arn);
    expect(d.Shards).toHaveLength(1);
    expect(Object.keys(d.Shards[0]!).sort()).toEqual(['SequenceNumberRange', 'ShardId']);
    expect(Object.keys(d.Shards[0]!.SequenceNumberRange)).toEqual(['StartingSequenceNumber']);
    expect(d).not.toHaveProperty('LastEvaluatedShardId');
  });
});

describe('rollover', () => {
  it('§10.28 past 4 h the shard closes with an EndingSequenceNumber and one child with ParentShardId opens', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    put(sim, { pk: s('a'), v: n(1) });
    const [parent] = allShards(sim, arn);
    sim.advanceBy(4 * HOUR + 1);
    const shards = allShards(sim, arn);
    expect(shards).toHaveLength(2);
    const closed = shards.find((x) => x.ShardId === parent!.ShardId)!;
    const child = shards.find((x) => x.ShardId !== parent!.ShardId)!;
    expect(closed.SequenceNumberRange.EndingSequenceNumber).toBeDefined();
    expect(child.ParentShardId).toBe(parent!.ShardId);
    expect(child.SequenceNumberRange.EndingSequenceNumber).toBeUndefined();
    // The closed shard's range covers its records; the child starts above them.
    const parentRecs = readShard(sim, arn, parent!.ShardId);
    expect(parentRecs.ended).toBe(true);
    const last = BigInt(parentRecs.records.at(-1)!.dynamodb.SequenceNumber);
    expect(BigInt(closed.SequenceNumberRange.EndingSequenceNumber!) >= last).toBe(true);
    expect(BigInt(child.SequenceNumberRange.StartingSequenceNumber) > BigInt(closed.SequenceNumberRange.EndingSequenceNumber!)).toBe(true);
  });

  it('§10.27 / §10.30 an item\'s later writes go to the child; read parent-first they keep write order', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    put(sim, { pk: s('a'), v: n(1) });
    const [parent] = allShards(sim, arn);
    sim.advanceBy(4 * HOUR + 1);
    update(sim, { pk: s('a') }, 'SET v = :v', { ':v': n(2) });
    const child = allShards(sim, arn).find((x) => x.ParentShardId === parent!.ShardId)!;
    expect(readShard(sim, arn, parent!.ShardId).records.map((r) => r.eventName)).toEqual(['INSERT']);
    const childRecs = readShard(sim, arn, child.ShardId).records;
    expect(childRecs.map((r) => r.eventName)).toEqual(['MODIFY']);
    expect(BigInt(childRecs[0]!.dynamodb.SequenceNumber) > BigInt(child.SequenceNumberRange.StartingSequenceNumber)).toBe(true);
    expect(records(sim, arn).map((r) => r.dynamodb.NewImage!.v)).toEqual([n(1), n(2)]);
  });

  it('§10.28 seeded jitter spreads rollovers between lifetime and lifetime + jitter, the same for the same seed', () => {
    const closeTimes = (seed: number): number[] => {
      const sim = newSim({ seed, partitions: { tbl: 4 }, shardLifetimeJitterMs: 30 * MINUTE });
      createTable(sim);
      sim.advanceBy(5 * HOUR);
      return sim.trace.filter((e) => e.type === 'shard-closed').map((e) => e.t);
    };
    const a = closeTimes(7);
    expect(a).toHaveLength(4);
    for (const t of a) expect(t >= 4 * HOUR && t <= 4 * HOUR + 30 * MINUTE).toBe(true);
    expect(closeTimes(7)).toEqual(a);
  });
});

describe('split', () => {
  it('§10.28 a split closes the shard and opens two children; each item\'s later writes go to one child only', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    for (const k of keys) put(sim, { pk: s(k), v: n(0) });
    const [parent] = allShards(sim, arn);
    sim.splitShard(arn, parent!.ShardId);
    const children = allShards(sim, arn).filter((x) => x.ParentShardId === parent!.ShardId);
    expect(children).toHaveLength(2);
    expect(allShards(sim, arn).find((x) => x.ShardId === parent!.ShardId)!.SequenceNumberRange.EndingSequenceNumber).toBeDefined();
    for (let round = 1; round <= 3; round++) for (const k of keys) put(sim, { pk: s(k), v: n(round) });
    const where = new Map<string, Set<string>>();
    for (const c of children) {
      for (const r of readShard(sim, arn, c.ShardId).records) {
        const k = (r.dynamodb.Keys.pk as { S: string }).S;
        where.set(k, (where.get(k) ?? new Set()).add(c.ShardId));
        expect(BigInt(r.dynamodb.SequenceNumber) > BigInt(parent!.SequenceNumberRange.StartingSequenceNumber)).toBe(true);
      }
    }
    expect([...where.keys()].sort()).toEqual([...keys].sort());
    for (const set of where.values()) expect(set.size).toBe(1);
    // §10.29: children's numbers exceed every parent number.
    const parentMax = readShard(sim, arn, parent!.ShardId).records.map((r) => BigInt(r.dynamodb.SequenceNumber)).reduce((a, b) => (a > b ? a : b));
    for (const c of children) expect(BigInt(c.SequenceNumberRange.StartingSequenceNumber) > parentMax).toBe(true);
  });

  it('§4 splitting a closed or unknown shard is refused', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    const [parent] = allShards(sim, arn);
    sim.splitShard(arn, parent!.ShardId);
    expect(() => sim.splitShard(arn, parent!.ShardId)).toThrow(/no open shard/);
    expect(() => sim.splitShard(arn, 'shardId-00000000000000000000-00000000')).toThrow(/no open shard/);
  });
});

describe('retention (24 h)', () => {
  it('§10.33 past 24 h TRIM_HORIZON starts at the oldest untrimmed record', () => {
    const sim = newSim({ shardLifetimeMs: 100 * HOUR });
    const arn = createTable(sim)!;
    put(sim, { pk: s('old') });
    sim.advanceBy(12 * HOUR);
    put(sim, { pk: s('new') });
    sim.advanceBy(12 * HOUR + 1);
    const [shard] = allShards(sim, arn);
    const recs = readShard(sim, arn, shard!.ShardId).records;
    expect(recs.map((r) => r.dynamodb.Keys.pk)).toEqual([s('new')]);
  });

  it('§10.41 AT/AFTER_SEQUENCE_NUMBER on a trimmed number → TrimmedDataAccessException', () => {
    const sim = newSim({ shardLifetimeMs: 100 * HOUR });
    const arn = createTable(sim)!;
    put(sim, { pk: s('a') });
    put(sim, { pk: s('b') });
    put(sim, { pk: s('c') });
    const [shard] = allShards(sim, arn);
    const seqs = readShard(sim, arn, shard!.ShardId).records.map((r) => r.dynamodb.SequenceNumber);
    sim.advanceBy(24 * HOUR + 1);
    put(sim, { pk: s('d') });
    for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER']) {
      const err = awsErrorOf(() => iterator(sim, arn, shard!.ShardId, type, seqs[0]));
      expect(err.code).toBe('TrimmedDataAccessException');
      expect(err.__type).toBe('com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException');
    }
    // AFTER the last trimmed record is the first untrimmed position: allowed.
    const it = iterator(sim, arn, shard!.ShardId, 'AFTER_SEQUENCE_NUMBER', seqs[2]);
    expect(getRecords(sim, it).Records.map((r) => r.dynamodb.Keys.pk)).toEqual([s('d')]);
  });

  it('§10.41 an iterator whose position is trimmed after it was issued → TrimmedDataAccessException on GetRecords', () => {
    const sim = newSim({ shardLifetimeMs: 100 * HOUR });
    const arn = createTable(sim)!;
    put(sim, { pk: s('a') });
    sim.advanceBy(24 * HOUR - 5 * MINUTE);
    const [shard] = allShards(sim, arn);
    const it = iterator(sim, arn, shard!.ShardId, 'TRIM_HORIZON');
    sim.advanceBy(6 * MINUTE); // iterator still young (6 min) but record `a` is now past 24 h
    const err = awsErrorOf(() => getRecords(sim, it));
    expect(err.code).toBe('TrimmedDataAccessException');
  });

  it('§10.32 a closed shard past retention disappears from DescribeStream while its child keeps ParentShardId', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    put(sim, { pk: s('a') });
    const [first] = allShards(sim, arn);
    sim.advanceBy(4 * HOUR + 1); // first closes at 4 h
    sim.advanceBy(24 * HOUR); // and expires at 28 h; its child closed at 8 h, grandchild at 12 h...
    const shards = allShards(sim, arn);
    expect(shards.find((x) => x.ShardId === first!.ShardId)).toBeUndefined();
    const orphan = shards.find((x) => x.ParentShardId === first!.ShardId);
    expect(orphan).toBeDefined();
    const err = awsErrorOf(() => iterator(sim, arn, first!.ShardId, 'TRIM_HORIZON'));
    expect(err.code).toBe('ResourceNotFoundException');
    // Every listed shard is readable to its end (closed) or head (open).
    for (const sh of shards) expect(() => readShard(sim, arn, sh.ShardId)).not.toThrow();
  });

  it('§10.42 GetShardIterator on an unknown shard id → ResourceNotFoundException', () => {
    const sim = newSim();
    const arn = createTable(sim)!;
    const err = awsErrorOf(() => sim.call(`${STREAMS}GetShardIterator`, { StreamArn: arn, ShardId: 'shardId-00000000000000000001-deadbeef', ShardIteratorType: 'LATEST' }));
    expect(err.code).toBe('ResourceNotFoundException');
  });

  it('every record goes to the open shard of its partition, through rollovers, splits and a stream disabled and enabled again', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('put' as const), key: fc.constantFrom('a', 'b', 'c', 'd', 'e') }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ kind: fc.constant('split' as const), at: fc.nat(7) }),
      fc.record({ kind: fc.constant('toggle' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const sim = newSim({ partitions: { tbl: 2 }, shardLifetimeMs: 50, shardLifetimeJitterMs: 0 });
        createTable(sim);
        const world = sim.world;
        const table = world.tables.get('tbl')!;
        let i = 0;
        for (const o of ops) {
          if (o.kind === 'wait') sim.advanceBy(o.ms);
          else if (o.kind === 'split') {
            const p = table.partitions[o.at % table.partitions.length]!;
            splitPartition(world, table, p.id);
          } else if (o.kind === 'toggle') {
            sim.call('DynamoDB_20120810.UpdateTable', { TableName: 'tbl', StreamSpecification: table.stream ? { StreamEnabled: false } : { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } });
          } else {
            const stream = table.stream ? world.streams.get(table.stream.arn)! : undefined;
            const key = { pk: s(o.key) };
            const want = stream?.shardById.get(stream.openShardByPartition.get(partitionFor(table, key).id)!);
            const before = want?.records.length ?? 0;
            const total = stream ? stream.shards.reduce((t, sh) => t + sh.records.length, 0) : 0;
            put(sim, { ...key, v: n(i++) });
            if (stream) {
              expect(want!.records.length).toBe(before + 1);
              expect(stream.shards.reduce((t, sh) => t + sh.records.length, 0)).toBe(total + 1);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
