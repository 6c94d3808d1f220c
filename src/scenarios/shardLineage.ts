/**
 * Shard lineage: a table's shard rolls over (one child) and later splits (two children). Two KCL
 * replicators with the same slow downstream read the stream: in-order waits for each parent to be
 * finished before it reads a child, as KCL does by default; child-first reads every shard as soon
 * as it has a lease. child-first applies a document's newer version before its older one.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { createTable, epochSeconds, put, scenario, sKey, type ConsumerData } from './helpers.ts';

const DOCS = 'Docs';

function doc(at: number, id: string, version: number, title: string): ScriptedCall {
  return put(at, DOCS, { docId: { S: id }, version: { N: String(version) }, title: { S: title }, savedAt: epochSeconds(at) });
}

function workload(): ScriptedCall[] {
  const notes = Array.from({ length: 16 }, (_, i) => doc(2_000 + i * 3_000, `note${String(i + 1).padStart(2, '0')}`, 1, `Note ${i + 1}`));
  const later = Array.from({ length: 8 }, (_, i) => doc(95_000 + i * 4_000, `memo${i + 1}`, 1, `Memo ${i + 1}`));
  return [
    ...notes.slice(0, 3),
    doc(10_000, 'readme', 1, 'Draft'),
    ...notes.slice(3),
    doc(55_000, 'readme', 2, 'Reviewed'),
    doc(65_000, 'readme', 3, 'Published'),
    ...later,
  ].sort((a, b) => a.at - b.at);
}

function replicator(id: string): ConsumerData {
  return {
    id,
    kind: 'kcl',
    handler: { kind: 'replicator', idempotency: 'none', sourceTable: DOCS, targetTable: `Docs-${id}` },
    workers: ['w1'],
    checkpoint: { kind: 'every-batch' },
    // A slow downstream (4 s per record, 2 records per read), the same for both applications.
    config: { kclVersion: '1.x', initialPositionInStream: 'TRIM_HORIZON', maxRecords: 2, processRecordMs: 4_000, shardSyncIntervalMillis: 10_000, parentShardPollIntervalMillis: 5_000 },
  };
}

export const shardLineage: Scenario = scenario({
  id: 'shard-lineage',
  title: 'Shard lineage: parents before children',
  summary: 'A shard rolls over, and its child later splits in two. The replicator that waits for each parent keeps every document in order. The one that reads a child before its parent is finished applies Published before Reviewed, and its replica ends on the older version.',
  seed: 17,
  durationMs: 240_000,
  // A long run: watched at 20× unless a link or the user says otherwise.
  view: { speed: 20 },
  // Shards roll over every minute here (AWS: about every 4 hours), so lineage builds up within minutes.
  simulation: { shardLifetimeMs: 60_000 },
  setup: [createTable(DOCS, { name: 'docId', type: 'S' })],
  writes: workload(),
  consumers: [replicator('in-order'), replicator('child-first')],
  interventions: [
    { at: 0, kind: 'reorder', target: 'child-first', params: { mode: 'child-before-parent' } },
    // A throughput split of the open shard: it closes and two children share its partition's key range.
    { at: 90_000, kind: 'split-shard', target: DOCS },
  ],
  narration: [
    {
      until: { fact: 'record-appended', match: { keyString: sKey('readme') } },
      text: 'The readme document is saved as a Draft. All its records go to the table\'s one open shard. Both replicators apply records slowly (4 s each), so they run behind the writes. (Its KCL workers run KCL 1.x, which reached end of support on 30 January 2026; the simulator defaults to KCL 3.x: see the lesson on KCL 3.x handoff.)',
    },
    {
      until: { fact: 'shard-closed', match: { reason: 'rollover' } },
      text: 'At 1:00 the shard rolls over: it closes, and a child opens for the same partition. readme was saved as Reviewed at 0:55, in the parent. Its next save goes to the child. (Shards roll over every minute here; on AWS it is about every 4 hours.)',
    },
    {
      until: { fact: 'shard-consumer-state', match: { consumer: 'in-order', state: 'WAITING_ON_PARENT_SHARDS' } },
      text: 'in-order has a lease on the child, but its shard consumer waits: the parent\'s lease is not yet at SHARD_END.',
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'child-first', keyString: sKey('readme') } },
      text: 'child-first does not wait. It reads the child at once and applies readme v3, Published, while v2, Reviewed, is still unread in the parent.',
      predict: {
        question: 'When child-first reaches the end of the parent, what does its replica of readme end up as?',
        choices: ['Published (v3)', 'Reviewed (v2)', 'Both versions'],
        answer: 1,
      },
      claims: [
        { kind: 'ahead', of: { fact: 'invariant-broken', match: { consumer: 'child-first', check: 'per-item-order' } } },
        { kind: 'key-order', consumer: 'child-first', keyString: sKey('readme'), order: 'went-back', within: 'run' },
        { kind: 'key-order', consumer: 'in-order', keyString: sKey('readme'), order: 'kept', within: 'run' },
      ],
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'child-first', check: 'per-item-order' } },
      text: 'The parent\'s Reviewed record is applied after Published. The replica goes back to an older version of readme.',
    },
    {
      until: { fact: 'shard-closed', match: { reason: 'split' } },
      text: 'At 1:30 the child shard splits: it closes, and two children share its partition\'s key range. Each document\'s later records go to one of them. in-order reads both only after their parent is finished.',
    },
    {
      until: { fact: 'invariant-broken', match: { consumer: 'child-first', check: 'target-matches-source' } },
      text: 'What went wrong: DynamoDB Streams keeps an item\'s records in order within each shard and from a parent shard to its children, but not across shards that are not parent and child. Rollovers and splits move an item to new shards, so a consumer must finish a parent before it reads the parent\'s children. KCL and Lambda do this for you; a consumer that reads all shards in parallel breaks per-item order. in-order ends with Published; child-first ends with Reviewed.',
    },
  ],
  lesson: {
    checks: [
      { consumer: 'in-order', expect: 'holds' },
      { consumer: 'child-first', check: 'per-item-order', expect: 'broken' },
      { consumer: 'child-first', check: 'target-matches-source', expect: 'broken' },
    ],
    counters: [
      { consumer: 'in-order', field: 'recordsProcessed', equals: 27 },
      { consumer: 'child-first', field: 'recordsProcessed', equals: 27 },
    ],
  },
});
