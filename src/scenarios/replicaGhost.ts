/**
 * Insert then delete, replicated out of order: a cart is created near the end of one shard's life
 * and deleted in its child. Two KCL replicators read the child before finishing the parent (a
 * consumer that ignores lineage); the delete reaches the replica first, then the insert, and the
 * naive replica keeps a cart that no longer exists. The versioned replica skips the older insert.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { createTable, epochSeconds, put, remove, scenario, sKey, type ConsumerData } from './helpers.ts';

const CARTS = 'Carts';

function cart(at: number, id: string, items: number): ScriptedCall {
  return put(at, CARTS, { cartId: { S: id }, items: { N: String(items) }, updatedAt: epochSeconds(at) });
}

function workload(): ScriptedCall[] {
  const busy = Array.from({ length: 20 }, (_, i) => cart(1_000 + i * 2_500, `c${String(i + 1).padStart(2, '0')}`, 1 + (i % 4)));
  return [...busy, cart(50_000, 'c42', 3), remove(70_000, CARTS, { cartId: { S: 'c42' } }), cart(75_000, 'c21', 2)];
}

function replicator(id: string, idempotency: 'none' | 'item-version'): ConsumerData {
  return {
    id,
    kind: 'kcl',
    handler: { kind: 'replicator', idempotency, sourceTable: CARTS, targetTable: `Carts-${id}` },
    workers: ['w1'],
    checkpoint: { kind: 'every-batch' },
    // A slow downstream (5 s per record, 2 records per read): the worker falls behind on the parent.
    config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON', maxRecords: 2, processRecordMs: 5_000, shardSyncIntervalMillis: 10_000 },
  };
}

const IDS = ['naive', 'versioned'] as const;

export const replicaGhost: Scenario = scenario({
  id: 'replica-ghost',
  title: 'Insert, then delete: a ghost in the replica',
  summary: 'A cart is created, and deleted after the shard rolled over. A replicator that reads the child shard before it has finished the parent applies the delete first and the insert second, so the replica keeps a cart that no longer exists. Checking item versions prevents this.',
  seed: 21,
  durationMs: 150_000,
  // Shards roll over every minute here (AWS: about every 4 hours), so the lesson fits in 3 minutes.
  simulation: { shardLifetimeMs: 60_000 },
  setup: [createTable(CARTS, { name: 'cartId', type: 'S' })],
  writes: workload(),
  consumers: [replicator('naive', 'none'), replicator('versioned', 'item-version')],
  // Both applications skip the parent check, as a consumer that reads all shards in parallel does.
  interventions: IDS.map((id) => ({ at: 0, kind: 'reorder' as const, target: id, params: { mode: 'child-before-parent' } })),
  narration: [
    {
      until: { fact: 'record-appended', match: { keyString: sKey('c42') } },
      text: 'Cart c42 is created at 0:50, near the end of the first shard\'s life. Both replicators are well behind: their downstream takes 5 s per record, so a backlog builds up on the parent shard. (Its KCL workers run KCL 1.x, which reached end of support on 30 January 2026; the simulator defaults to KCL 3.x: see the lesson on KCL 3.x handoff.)',
    },
    {
      until: { fact: 'shard-closed', match: { reason: 'rollover' } },
      text: 'At 1:00 the shard rolls over: it is closed, and a child shard opens for the same partition. Later records for c42 go to the child. (Shards roll over every minute here; on AWS it is about every 4 hours.)',
    },
    {
      until: { fact: 'record-appended', match: { keyString: sKey('c42') } },
      text: 'c42 is deleted at 1:10. The REMOVE record goes to the child shard, while c42\'s INSERT is still unread in the parent.',
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'naive', keyString: sKey('c42') } },
      text: 'Both applications skip the parent check and read the child shard right away. The REMOVE comes first. The naive replica has no c42 yet, so the delete changes nothing.',
      predict: {
        question: 'The INSERT for c42 is still waiting in the parent shard. What happens to the naive replica when it arrives?',
        choices: ['Nothing: the delete already happened', 'c42 is created in the replica and never deleted', 'The replicator rejects it'],
        answer: 1,
      },
      claims: [
        { kind: 'shards', keys: [sKey('c42'), sKey('c20')], same: true },
        { kind: 'ahead', of: { fact: 'invariant-broken', match: { consumer: 'naive', check: 'per-item-order' } } },
        { kind: 'ahead', of: { fact: 'record-processed', match: { consumer: 'naive', keyString: sKey('c42'), effect: 'applied' } } },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'naive', check: 'per-item-order' } },
      text: 'naive applies the older INSERT after the newer REMOVE. c42 is back in the replica: a ghost cart that the Carts table no longer has. versioned stored c42\'s version (the REMOVE\'s sequence number) when it applied the delete; the INSERT\'s is lower, so its conditional write skips it as stale. (Simplified: this simulation\'s sequence numbers grow across all shards of a stream, so parent and child compare. AWS orders sequence numbers only within a shard; a real replicator should compare a version number the app writes into each item.)',
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'versioned', keyString: sKey('c42'), effect: 'skipped-stale' } }, within: 'after' },
        { kind: 'counter', consumer: 'versioned', field: 'effects.skipped-stale', equals: 1, within: 'run' },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'naive', check: 'target-matches-source' } },
      text: 'What went wrong: per-item order holds along a shard\'s lineage, parent before child. Reading a child before its parent is finished moved c42\'s delete ahead of its insert, and the naive replica kept a cart that no longer exists. KCL and Lambda wait for the parent by default. A consumer that does not wait must compare item versions, as versioned does.',
    },
  ],
  lesson: {
    checks: [
      { consumer: 'naive', check: 'per-item-order', expect: 'broken' },
      { consumer: 'naive', check: 'target-matches-source', expect: 'broken' },
      { consumer: 'versioned', expect: 'holds' },
    ],
    counters: [
      { consumer: 'versioned', field: 'effects.skipped-stale', equals: 1 },
      { consumer: 'naive', field: 'reprocessed', equals: 0 },
    ],
  },
});
