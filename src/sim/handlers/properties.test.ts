import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHandler } from './index.ts';
import type { HandlerKind, Idempotency } from './types.ts';
import { appended, counter, deliver, put, remove, S, targetVsSource, worldWith } from './testkit.ts';

/** A random history on a few items: each step writes a value (or deletes) for one of 3 keys. */
const history = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.option(fc.constantFrom('alice', 'bob', 'carol'), { nil: undefined })), {
  minLength: 1,
  maxLength: 12,
});

/** A delivery schedule: every record at least once, then random extra deliveries, shuffled. */
function schedule(n: number) {
  return fc.tuple(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 2 * n }), fc.infiniteStream(fc.nat())).map(([extra, rnd]) => {
    const order = [...Array.from({ length: n }, (_, i) => i), ...extra];
    const it = rnd[Symbol.iterator]();
    for (let i = order.length - 1; i > 0; i--) {
      const j = it.next().value! % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  });
}

function run(kind: HandlerKind, mode: Idempotency, steps: [number, string | undefined][]) {
  const sim = worldWith('Src', ['pk']);
  for (const [k, v] of steps) {
    if (v === undefined) remove(sim, 'Src', { pk: S(`k${k}`) });
    else put(sim, 'Src', { pk: S(`k${k}`), candidate: S(v), body: S(`${v} text`), listId: S(`list-${v}`) });
  }
  const handler = createHandler(sim.world, 'p', { kind, idempotency: mode, sourceTable: 'Src' });
  return { sim, handler, recs: appended(sim, 'Src') };
}

describe('idempotent handlers converge under duplicates and reordering', () => {
  const kinds: HandlerKind[] = ['vote-counter', 'task-counter', 'replicator', 'search-indexer'];
  it.each(kinds)('item-version %s: any order, any duplicates → target = source', (kind) => {
    fc.assert(
      fc.property(
        history.chain((h) => fc.tuple(fc.constant(h), schedule(Math.max(1, h.length)))),
        ([steps, order]) => {
          const { sim, handler, recs } = run(kind, 'item-version', steps);
          if (recs.length === 0) return;
          const results = deliver(sim, handler, 'p', order.filter((i) => i < recs.length).map((i) => recs[i]!));
          expect(results.some((r) => r.harm)).toBe(false);
          expect(targetVsSource(sim, 'p')).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('event-id counters: deltas commute, so any order with duplicates counts right', () => {
    fc.assert(
      fc.property(history.chain((h) => fc.tuple(fc.constant(h), schedule(h.length))), ([steps, order]) => {
        const { sim, handler, recs } = run('vote-counter', 'event-id', steps);
        deliver(sim, handler, 'p', order.filter((i) => i < recs.length).map((i) => recs[i]!));
        expect(targetVsSource(sim, 'p')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('naive vote counter: inflated by exactly the extra deliveries, each one flagged harmful', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 6 }), (copies) => {
        const sim = worldWith('Votes', ['voterId']);
        copies.forEach((_, i) => put(sim, 'Votes', { voterId: S(`voter#${i}`), candidate: S('alice') }));
        const handler = createHandler(sim.world, 'n', { kind: 'vote-counter', idempotency: 'none', sourceTable: 'Votes' });
        const recs = appended(sim, 'Votes');
        const results = deliver(sim, handler, 'n', recs.flatMap((r, i) => Array.from({ length: copies[i]! }, () => r)));
        const extra = copies.reduce((a, c) => a + c - 1, 0);
        expect(counter(sim, handler, 'alice', 'votes')).toBe(copies.length + extra);
        expect(results.filter((r) => r.harm)).toHaveLength(extra);
      }),
      { numRuns: 40 },
    );
  });
});
