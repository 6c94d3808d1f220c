/**
 * Reordering: records of one item stay in order (one shard at a time, and one lane per key when a
 * mapping processes a shard in parallel); records of different items on different shards do not,
 * and timestamps written by app servers with skewed clocks cannot restore a global order.
 *
 * A transfer debits alice and credits carol, two accounts on different shards. Alice's shard is busy
 * with a batch of sign-ups, so the credit is applied before the debit. Server B's clock is 3 s
 * slow, so its `updatedAt` stamps say the credit happened even earlier. A second mapping processes
 * each shard with ParallelizationFactor 4: walter's sign-up, written after alice's debit on her
 * shard, is applied before it, while alice's own updates keep their order. Then in-order's function
 * crashes mid-batch and Lambda retries the whole batch: alice's replica goes back to an older
 * balance before it catches up. Every statement the narration makes is a claim checked on the run.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { createTable, EPOCH_MS, put, scenario, sKey, update, type ConsumerData } from './helpers.ts';

const ACCOUNTS = 'Accounts';
/** Server B's clock runs this far behind the true time. */
const SKEW_B_MS = -3_000;

function stamp(server: 'A' | 'B', at: number): { N: string } {
  return { N: String(EPOCH_MS + at + (server === 'B' ? SKEW_B_MS : 0)) };
}

function open(at: number, server: 'A' | 'B', id: string, balance: number): ScriptedCall {
  return put(at, ACCOUNTS, { accountId: { S: id }, balance: { N: String(balance) }, server: { S: server }, updatedAt: stamp(server, at) });
}

function setBalance(at: number, server: 'A' | 'B', id: string, balance: number): ScriptedCall {
  const values = { ':b': { N: String(balance) }, ':s': { S: server }, ':t': stamp(server, at) };
  return update(at, ACCOUNTS, { accountId: { S: id } }, 'SET balance = :b, #s = :s, updatedAt = :t', values, undefined, { '#s': 'server' });
}

/** Accounts whose keys hash to alice's partition (checked by a claim): their sign-ups keep her shard's lane busy. */
const SIGN_UPS = ['bob', 'grace', 'heidi', 'ivan', 'judy', 'peggy'];
const ALICE = sKey('alice');
const CAROL = sKey('carol');
const WALTER = sKey('walter');
const processed = (consumer: string, keyString: string, extra: Record<string, number> = {}) => ({ fact: 'record-processed', match: { consumer, keyString, ...extra } });

function workload(): ScriptedCall[] {
  return [
    open(1_000, 'A', 'alice', 100),
    open(1_200, 'B', 'carol', 20),
    ...SIGN_UPS.map((id, i) => open(9_000 + i * 10, i % 2 === 0 ? 'A' : 'B', id, 0)),
    // The transfer: server A debits alice, then server B credits carol.
    setBalance(10_000, 'A', 'alice', 70),
    setBalance(10_300, 'B', 'carol', 50),
    // A sign-up on alice's shard written after her debit, on a lane of its own in the parallel mapping.
    open(10_600, 'A', 'walter', 0),
    // Alice spends quickly: four updates of one item within 0.3 s.
    setBalance(20_000, 'A', 'alice', 60),
    setBalance(20_100, 'B', 'alice', 45),
    setBalance(20_200, 'A', 'alice', 30),
    setBalance(20_300, 'B', 'alice', 25),
  ];
}

function replicator(id: string, parallelization: number): ConsumerData {
  return {
    id,
    kind: 'lambda',
    handler: { kind: 'replicator', idempotency: 'none', sourceTable: ACCOUNTS, targetTable: `Accounts-${id}` },
    mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, ParallelizationFactor: parallelization },
    // A slow downstream: 0.5 s per record.
    invocationMs: { base: 100, perRecord: 500 },
  };
}

export const reordering: Scenario = scenario({
  id: 'reordering',
  title: 'Order per item, not across items',
  summary: 'A transfer debits alice and credits carol, whose records are on different shards. The credit is applied first, and server B\'s slow clock stamps it as earlier still. With ParallelizationFactor 4 a later sign-up on alice\'s shard overtakes her debit, yet her own records keep their order; a retried batch re-applies older records after newer ones.',
  seed: 13,
  durationMs: 40_000,
  // On demand: four partitions, four open shards.
  setup: [createTable(ACCOUNTS, { name: 'accountId', type: 'S' }, { billing: 'on-demand' })],
  writes: workload(),
  consumers: [replicator('in-order', 1), replicator('parallel', 4)],
  // in-order's next invocation (alice's quick updates) applies two records, then its function crashes.
  interventions: [{ at: 20_400, kind: 'crash', target: 'in-order', params: { when: 'mid-batch', afterRecords: 2 } }],
  narration: [
    {
      until: { fact: 'record-appended', match: { keyString: ALICE } },
      text: 'An on-demand Accounts table: four partitions, four shards. alice and carol hash to different shards. Two app servers write to the table. A\'s clock is right and B\'s runs 3 s slow; each write stamps updatedAt from its own server\'s clock.',
      claims: [{ kind: 'shards', keys: [ALICE, CAROL], same: false }],
    },
    {
      until: { fact: 'record-appended', match: { keyString: sKey('grace') } },
      text: 'Six sign-ups land on alice\'s shard within 50 ms. The replicators take 0.5 s per record, so in-order\'s Lambda for alice\'s shard will be busy for seconds.',
      claims: [{ kind: 'shards', keys: [ALICE, ...SIGN_UPS.map(sKey)], same: true }],
    },
    {
      until: { fact: 'record-appended', match: { keyString: CAROL } },
      text: 'The transfer: server A debits alice at 0:10.0, then server B credits carol at 0:10.3. B stamps the credit 0:07.3 because its clock is slow, so sorting by updatedAt puts the credit first. ApproximateCreationDateTime cannot settle the order either: it is rounded down to the second.',
      predict: {
        question: 'in-order processes one batch per shard at a time. Which record does it apply first?',
        choices: ['alice\'s debit: it was written first', 'carol\'s credit: its shard has nothing else to process'],
        answer: 1,
      },
      claims: [
        { kind: 'stops-at', atMs: 10_300 },
        { kind: 'ahead', of: processed('in-order', CAROL) },
        { kind: 'order', first: processed('in-order', CAROL), then: processed('in-order', ALICE), within: 'after' },
      ],
    },
    {
      until: processed('in-order', CAROL),
      text: 'The credit is applied at 0:10.5, while alice\'s debit is still queued behind the sign-ups on her shard. Until the debit is applied, the replica shows the money in both accounts. Shards are processed independently, and nothing orders records across them.',
      claims: [{ kind: 'stops-at', atMs: 10_500 }, { kind: 'seen', of: processed('in-order', ALICE, { deliveryCount: 1 }), equals: 1 }],
    },
    {
      until: processed('parallel', WALTER),
      text: 'parallel processes up to four batches per shard at once (ParallelizationFactor 4), one lane per partition key. walter signed up at 0:10.6, after alice\'s debit on the same shard, and his sign-up is applied first: his lane was free, hers still busy. Within a shard, order across keys is gone.',
      claims: [
        { kind: 'shards', keys: [ALICE, WALTER], same: true },
        { kind: 'order', first: processed('parallel', WALTER), then: processed('parallel', ALICE, { deliveryCount: 1 }), within: 'after' },
        { kind: 'seen', of: processed('parallel', ALICE), equals: 1 },
      ],
    },
    {
      until: processed('in-order', ALICE),
      text: 'in-order applies the debit at 0:12.5, two seconds after the credit. Each account\'s own records are still applied in order.',
      claims: [{ kind: 'stops-at', atMs: 12_500 }, { kind: 'key-order', consumer: 'in-order', keyString: ALICE, order: 'kept' }],
    },
    {
      until: { fact: 'crash', match: { consumer: 'in-order' } },
      text: 'alice spends quickly: four updates within 0.3 s (balances 60, 45, 30, 25). in-order\'s function applied 45 and 30 of its batch of three, then crashed.',
      predict: {
        question: 'Lambda retries the failed batch. What happens to alice\'s balance on in-order\'s replica?',
        choices: ['It goes to 25: the retry resumes after the crash', 'It goes back to 45, then 30, then 25: the whole batch is delivered again'],
        answer: 1,
      },
      claims: [
        { kind: 'seen', of: processed('in-order', ALICE, { deliveryCount: 2 }), equals: 0 },
        { kind: 'ahead', of: processed('in-order', ALICE, { deliveryCount: 2 }) },
      ],
    },
    {
      until: processed('in-order', ALICE, { deliveryCount: 2 }),
      text: 'The retry delivers all three records again (the stream panel counts them as Reprocessed 3), so the replica applies 45 after 30: alice\'s balance goes back before it catches up. The stream kept her records in order; the retry did not. A replicator that checks a version (or the sequence number, within one shard) would skip the stale record.',
      claims: [
        { kind: 'key-order', consumer: 'in-order', keyString: ALICE, order: 'went-back' },
        { kind: 'counter', consumer: 'in-order', field: 'reprocessed', equals: 3, within: 'after' },
        { kind: 'key-order', consumer: 'parallel', keyString: ALICE, order: 'kept', within: 'run' },
      ],
    },
    {
      until: { fact: 'batch-succeeded', match: { consumer: 'in-order' } },
      text: 'Summary: DynamoDB Streams orders records per item. Records of different items can be applied in any order: across shards always, and within a shard once processing is parallel. A retry redelivers the batch, so a consumer can see an item\'s older record again after a newer one. App timestamps cannot restore a global order when clocks are skewed, and the stream\'s own timestamps are only accurate to the second. If you need an order across items (a transfer is one example), write it into the data, for example as one item or one transaction record that the consumer handles as a unit.',
      claims: [{ kind: 'counter', consumer: 'in-order', field: 'reprocessed', equals: 3 }],
    },
  ],
  lesson: {
    checks: [{ consumer: 'parallel', expect: 'holds' }],
    counters: [
      { consumer: 'in-order', field: 'recordsProcessed', equals: 15 },
      { consumer: 'in-order', field: 'reprocessed', equals: 3 },
      { consumer: 'parallel', field: 'recordsProcessed', equals: 15 },
      { consumer: 'parallel', field: 'batches', atLeast: 10 },
    ],
  },
});
