import { describe, expect, it } from 'vitest';
import type { Simulation } from '../simulation.ts';
import type { Item } from '../table/attributeValue.ts';
import { addPoison } from '../faults/consumerFaults.ts';
import { createHandler, HandlerError, processRecord } from './index.ts';
import type { HandlerKind, Idempotency } from './types.ts';
import { appended, counter, deliver, put, remove, S, targetItems, targetVsSource, worldWith, DDB, type Appended } from './testkit.ts';
import { compareSequence, padSequence, readableKeyString } from './records.ts';
import { itemsEqual } from '../table/attributes.ts';

const MODES: Idempotency[] = ['none', 'event-id', 'sequence-number', 'item-version'];

interface Scenario {
  kind: HandlerKind;
  table: string;
  keys: [string] | [string, string];
  /** Writes a small history to the source table. */
  clean(sim: Simulation): void;
  /** Writes two records of one item whose order matters; returns how many records it appended. */
  pair(sim: Simulation): void;
  /** Modes whose target is right after the pair is applied in reverse order. */
  reverseOk: Idempotency[];
}

const N = (v: number): { N: string } => ({ N: String(v) });

/** TTL on `expiresAt`; items written with an expiry at the epoch are deleted by the service after the delay. */
function enableTtl(sim: Simulation, table: string): void {
  sim.call(`${DDB}UpdateTimeToLive`, { TableName: table, TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } });
}
const expired = (sim: Simulation): { N: string } => N(Math.floor(sim.options.epochMs / 1000));

const SCENARIOS: Scenario[] = [
  {
    kind: 'vote-counter',
    table: 'Votes',
    keys: ['voterId'],
    clean(sim) {
      put(sim, 'Votes', { voterId: S('voter#0001'), candidate: S('alice'), votedAt: N(1) });
      put(sim, 'Votes', { voterId: S('voter#0002'), candidate: S('bob'), votedAt: N(2) });
      put(sim, 'Votes', { voterId: S('voter#0003'), candidate: S('alice'), votedAt: N(3) });
      put(sim, 'Votes', { voterId: S('voter#0002'), candidate: S('alice'), votedAt: N(4) });
      remove(sim, 'Votes', { voterId: S('voter#0003') });
    },
    pair(sim) {
      put(sim, 'Votes', { voterId: S('voter#0009'), candidate: S('alice'), votedAt: N(5) });
      put(sim, 'Votes', { voterId: S('voter#0009'), candidate: S('bob'), votedAt: N(6) });
    },
    // Counter deltas commute, so naive and event-id end right; the per-shard mark drops the older record.
    reverseOk: ['none', 'event-id', 'item-version'],
  },
  {
    kind: 'task-counter',
    table: 'Tasks',
    keys: ['listId', 'taskId'],
    clean(sim) {
      put(sim, 'Tasks', { listId: S('list-1'), taskId: S('t1'), done: { BOOL: false } });
      put(sim, 'Tasks', { listId: S('list-1'), taskId: S('t2'), done: { BOOL: false } });
      put(sim, 'Tasks', { listId: S('list-2'), taskId: S('t1'), done: { BOOL: false } });
      put(sim, 'Tasks', { listId: S('list-1'), taskId: S('t1'), done: { BOOL: true } });
      remove(sim, 'Tasks', { listId: S('list-1'), taskId: S('t2') });
    },
    pair(sim) {
      put(sim, 'Tasks', { listId: S('list-3'), taskId: S('t9'), done: { BOOL: false } });
      put(sim, 'Tasks', { listId: S('list-3'), taskId: S('t9'), done: { BOOL: true } });
    },
    reverseOk: ['none', 'event-id', 'item-version'],
  },
  {
    kind: 'replicator',
    table: 'Docs',
    keys: ['pk'],
    clean(sim) {
      put(sim, 'Docs', { pk: S('d1'), title: S('first') });
      put(sim, 'Docs', { pk: S('d2'), title: S('second') });
      put(sim, 'Docs', { pk: S('d1'), title: S('first, edited') });
      remove(sim, 'Docs', { pk: S('d2') });
    },
    pair(sim) {
      put(sim, 'Docs', { pk: S('d9'), title: S('short-lived') });
      remove(sim, 'Docs', { pk: S('d9') });
    },
    // Insert-then-delete applied backwards leaves a ghost unless something orders them.
    reverseOk: ['sequence-number', 'item-version'],
  },
  {
    kind: 'search-indexer',
    table: 'Docs',
    keys: ['pk'],
    clean(sim) {
      put(sim, 'Docs', { pk: S('d1'), body: S('Hello streams world') });
      put(sim, 'Docs', { pk: S('d2'), body: S('hello again') });
      put(sim, 'Docs', { pk: S('d1'), body: S('Goodbye world') });
      remove(sim, 'Docs', { pk: S('d2') });
    },
    pair(sim) {
      put(sim, 'Docs', { pk: S('d9'), body: S('alpha') });
      put(sim, 'Docs', { pk: S('d9'), body: S('beta') });
    },
    reverseOk: ['sequence-number', 'item-version'],
  },
  {
    kind: 'ttl-archiver',
    table: 'Sessions',
    keys: ['pk'],
    clean(sim) {
      enableTtl(sim, 'Sessions');
      put(sim, 'Sessions', { pk: S('s1'), user: S('ann'), expiresAt: expired(sim) });
      put(sim, 'Sessions', { pk: S('s2'), user: S('ben'), expiresAt: expired(sim) });
      put(sim, 'Sessions', { pk: S('s3'), user: S('cat') });
      remove(sim, 'Sessions', { pk: S('s3') });
      void sim.advanceBy(3_600_000);
    },
    pair(sim) {
      enableTtl(sim, 'Sessions');
      put(sim, 'Sessions', { pk: S('s9'), user: S('first login'), expiresAt: expired(sim) });
      void sim.advanceBy(3_600_000);
      put(sim, 'Sessions', { pk: S('s9'), user: S('second login'), expiresAt: expired(sim) });
      void sim.advanceBy(3_600_000);
    },
    reverseOk: ['sequence-number', 'item-version'],
  },
];

/** The archive a run of TTL deletions implies: per key, the image of its latest TTL deletion. */
function expectedArchive(recs: readonly Appended[]): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const r of recs) if (r.record.userIdentity?.Type === 'Service' && r.record.dynamodb.OldImage) out.set(r.keyString, r.record.dynamodb.OldImage);
  return out;
}

/** Whether the consumer's target holds what the source implies (for the archiver: what TTL deleted). */
function targetIsRight(sim: Simulation, sc: Scenario, consumer: string, recs: readonly Appended[]): boolean {
  if (sc.kind !== 'ttl-archiver') return targetVsSource(sim, consumer).length === 0;
  const target = sim.world.tables.get(`${sc.table}-archive-${consumer}`);
  const expected = expectedArchive(recs);
  if ((target?.items.size ?? 0) !== expected.size) return false;
  return [...expected].every(([ks, item]) => itemsEqual(target?.items.get(ks), item));
}

function setup(sc: Scenario, mode: Idempotency, write: (sim: Simulation) => void) {
  const sim = worldWith(sc.table, sc.keys);
  write(sim);
  const handler = createHandler(sim.world, 'c1', { kind: sc.kind, idempotency: mode, sourceTable: sc.table });
  return { sim, handler, recs: appended(sim, sc.table) };
}

describe.each(SCENARIOS)('$kind', (sc) => {
  describe.each(MODES)('idempotency %s', (mode) => {
    it('a clean run makes the target what the source implies, with no harm', () => {
      const { sim, handler, recs } = setup(sc, mode, sc.clean);
      const results = deliver(sim, handler, 'c1', recs);
      expect(results.every((r) => r.effect !== 'failed' && !r.harm)).toBe(true);
      expect(results.some((r) => r.effect === 'applied')).toBe(true);
      expect(targetIsRight(sim, sc, 'c1', recs)).toBe(true);
    });

    it('the same batch delivered twice', () => {
      const { sim, handler, recs } = setup(sc, mode, sc.clean);
      deliver(sim, handler, 'c1', recs);
      const again = deliver(sim, handler, 'c1', recs, { attempt: 2, trigger: 'redelivery' });
      const counters = sc.kind === 'vote-counter' || sc.kind === 'task-counter';
      if (mode === 'none' && counters) {
        expect(targetIsRight(sim, sc, 'c1', recs)).toBe(false);
        expect(again.some((r) => r.harm)).toBe(true);
      } else if (mode === 'none') {
        // Naive rows end right (the redelivery replays the same history), but replaying an old
        // image over a newer one changed the target on the way: harmful in between.
        expect(targetIsRight(sim, sc, 'c1', recs)).toBe(true);
      } else {
        expect(targetIsRight(sim, sc, 'c1', recs)).toBe(true);
        expect(again.some((r) => r.harm)).toBe(false);
      }
      if (mode !== 'none') expect(again.every((r) => r.effect === 'skipped-duplicate' || r.effect === 'ignored')).toBe(true);
    });

    it('two records of one item applied in reverse order', () => {
      const { sim, handler, recs } = setup(sc, mode, sc.pair);
      const relevant = sc.kind === 'ttl-archiver' ? recs.filter((r) => r.record.userIdentity) : recs;
      expect(relevant).toHaveLength(2);
      const results = deliver(sim, handler, 'c1', [relevant[1]!, relevant[0]!]);
      expect(targetIsRight(sim, sc, 'c1', recs)).toBe(sc.reverseOk.includes(mode));
      if (mode === 'item-version' || mode === 'sequence-number') expect(results.map((r) => r.effect)).toEqual(['applied', 'skipped-stale']);
    });
  });
});

describe('naive vote counter under duplicates', () => {
  it('is inflated by exactly the duplicates, flagged harmful on exactly those deliveries', () => {
    const sim = worldWith('Votes', ['voterId']);
    put(sim, 'Votes', { voterId: S('voter#0001'), candidate: S('alice') });
    put(sim, 'Votes', { voterId: S('voter#0002'), candidate: S('bob') });
    put(sim, 'Votes', { voterId: S('voter#0003'), candidate: S('alice') });
    const handler = createHandler(sim.world, 'naive', { kind: 'vote-counter', idempotency: 'none', sourceTable: 'Votes' });
    const recs = appended(sim, 'Votes');
    const first = deliver(sim, handler, 'naive', recs);
    const second = deliver(sim, handler, 'naive', recs.slice(1)); // a partial redelivery: 2 duplicates
    expect(first.map((r) => r.harm ?? false)).toEqual([false, false, false]);
    expect(second.map((r) => r.harm ?? false)).toEqual([true, true]);
    expect(counter(sim, handler, 'alice', 'votes')).toBe(3); // 2 + 1 duplicate
    expect(counter(sim, handler, 'bob', 'votes')).toBe(2); // 1 + 1 duplicate
    expect(handler.targetTable).toBe('VoteCounts-naive');
  });

  it('cannot undo a vote change without OldImage (NEW_IMAGE view): MODIFY is ignored; item-version still counts right', () => {
    const sim = worldWith('Votes', ['voterId'], 'NEW_IMAGE');
    put(sim, 'Votes', { voterId: S('voter#0001'), candidate: S('alice') });
    put(sim, 'Votes', { voterId: S('voter#0001'), candidate: S('bob') });
    const naive = createHandler(sim.world, 'naive', { kind: 'vote-counter', idempotency: 'none', sourceTable: 'Votes' });
    const versioned = createHandler(sim.world, 'versioned', { kind: 'vote-counter', idempotency: 'item-version', sourceTable: 'Votes' });
    const recs = appended(sim, 'Votes');
    expect(deliver(sim, naive, 'naive', recs).map((r) => r.effect)).toEqual(['applied', 'ignored']);
    expect(deliver(sim, versioned, 'versioned', recs).map((r) => r.effect)).toEqual(['applied', 'applied']);
    expect(counter(sim, naive, 'alice', 'votes')).toBe(1);
    expect(counter(sim, versioned, 'alice', 'votes')).toBe(0);
    expect(counter(sim, versioned, 'bob', 'votes')).toBe(1);
  });
});

describe('item-version vote counter', () => {
  it('ends right under any interleaving of duplicates and reordering within an item', () => {
    const sim = worldWith('Votes', ['voterId']);
    const votes = ['alice', 'bob', 'alice', 'carol'];
    for (const c of votes) put(sim, 'Votes', { voterId: S('voter#0001'), candidate: S(c) });
    put(sim, 'Votes', { voterId: S('voter#0002'), candidate: S('bob') });
    remove(sim, 'Votes', { voterId: S('voter#0002') });
    const recs = appended(sim, 'Votes');
    const handler = createHandler(sim.world, 'iv', { kind: 'vote-counter', idempotency: 'item-version', sourceTable: 'Votes' });
    // A scrambled, duplicated order: every record at least once, the last of each item late.
    const order = [3, 0, 4, 1, 3, 5, 2, 0, 4, 5];
    deliver(sim, handler, 'iv', order.map((i) => recs[i]!));
    expect(targetVsSource(sim, 'iv')).toEqual([]);
    expect(counter(sim, handler, 'carol', 'votes')).toBe(1);
  });

  it('keeps per-voter contribution rows in the idempotency ledger, not in the target', () => {
    const sim = worldWith('Votes', ['voterId']);
    put(sim, 'Votes', { voterId: S('voter#0001'), candidate: S('alice') });
    const handler = createHandler(sim.world, 'iv', { kind: 'vote-counter', idempotency: 'item-version', sourceTable: 'Votes' });
    deliver(sim, handler, 'iv', appended(sim, 'Votes'));
    expect(targetItems(sim, handler)).toEqual([{ candidate: { S: 'alice' }, votes: { N: '1' } }]);
    const ledger = [...sim.world.tables.get('VoteCounts-iv-idempotency')!.items.values()];
    expect(ledger).toHaveLength(1);
    expect(ledger[0]!.pk).toEqual({ S: 'item#S10:voter#0001' });
    expect((ledger[0]!.seq as { S: string }).S).toHaveLength(40);
  });
});

describe('naive row handlers under duplicates', () => {
  it('re-putting the same rows is harmless', () => {
    const sim = worldWith('Docs', ['pk']);
    put(sim, 'Docs', { pk: S('d1'), title: S('one') });
    put(sim, 'Docs', { pk: S('d2'), title: S('two') });
    const handler = createHandler(sim.world, 'r', { kind: 'replicator', idempotency: 'none', sourceTable: 'Docs' });
    const recs = appended(sim, 'Docs');
    deliver(sim, handler, 'r', recs);
    expect(deliver(sim, handler, 'r', recs).map((r) => [r.effect, r.harm ?? false])).toEqual([
      ['applied', false],
      ['applied', false],
    ]);
    expect(targetVsSource(sim, 'r')).toEqual([]);
  });
});

describe('processRecord', () => {
  it('throws HandlerError for a poison record and leaves the target alone', () => {
    const sim = worldWith('Votes', ['voterId']);
    put(sim, 'Votes', { voterId: S('voter#0001'), candidate: S('alice') });
    const handler = createHandler(sim.world, 'c', { kind: 'vote-counter', idempotency: 'none', sourceTable: 'Votes' });
    const [r] = appended(sim, 'Votes');
    addPoison(sim.world, 'c', { keyString: r!.keyString });
    const ctx = { consumer: 'c', worker: 'w', shardId: r!.shardId, batchId: 1, deliveryCount: 1 };
    expect(() => processRecord(sim.world, handler, r!.record, ctx, r!.keyString)).toThrow(HandlerError);
    expect(sim.world.tables.has('VoteCounts-c')).toBe(false);
    expect(processRecord(sim.world, handler, r!.record, { ...ctx, consumer: 'other' }, r!.keyString).effect).toBe('applied');
  });

  it('the archiver ignores user deletions and everything but REMOVE', () => {
    const sim = worldWith('Sessions', ['pk']);
    put(sim, 'Sessions', { pk: S('s1') });
    remove(sim, 'Sessions', { pk: S('s1') });
    const handler = createHandler(sim.world, 'a', { kind: 'ttl-archiver', idempotency: 'event-id', sourceTable: 'Sessions' });
    expect(deliver(sim, handler, 'a', appended(sim, 'Sessions')).map((r) => r.effect)).toEqual(['ignored', 'ignored']);
  });
});

describe('sequence numbers', () => {
  it('pad to 40 digits so string order is numeric order, even beyond 38 digits', () => {
    const a = '9'.repeat(21);
    const b = '1' + '0'.repeat(21);
    const c = '12345678901234567890123456789012345678901'.slice(0, 40);
    expect(padSequence(a) < padSequence(b)).toBe(true);
    expect(padSequence(b) < padSequence(c)).toBe(true);
    expect(compareSequence(c, c.slice(0, 39) + '2')).toBe(-1);
  });

  it('key strings read back as their values', () => {
    expect(readableKeyString('S10:voter#0004')).toBe('voter#0004');
    expect(readableKeyString('S6:list-1S2:t9')).toBe('list-1 / t9');
  });
});
