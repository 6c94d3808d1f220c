/**
 * Reordering: records of one item stay in order (one shard at a time, and one lane per key when a
 * mapping processes a shard in parallel); records of different items on different shards do not,
 * and timestamps written by app servers with skewed clocks cannot restore a global order.
 *
 * A transfer debits alice and credits dave, two accounts on different shards. Alice's shard is busy
 * with a batch of sign-ups, so the credit is applied before the debit. Server B's clock is 3 s
 * slow, so its `updatedAt` stamps say the credit happened even earlier. A second mapping processes
 * each shard with ParallelizationFactor 4; alice's quick updates still apply in order.
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

/** Accounts whose keys hash to alice's partition: their sign-ups keep her shard's lane busy. */
const SIGN_UPS = ['erin', 'grace', 'ivan', 'mallory', 'oscar', 'victor'];

function workload(): ScriptedCall[] {
  return [
    open(1_000, 'A', 'alice', 100),
    open(1_200, 'B', 'dave', 20),
    ...SIGN_UPS.map((id, i) => open(9_700 + i * 50, i % 2 === 0 ? 'A' : 'B', id, 0)),
    // The transfer: server A debits alice, then server B credits dave.
    setBalance(10_000, 'A', 'alice', 70),
    setBalance(10_300, 'B', 'dave', 50),
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
  summary: 'A transfer debits alice and credits dave, whose records are on different shards. The credit is applied first, and server B\'s slow clock stamps it as earlier still. Each item\'s own records stay in order, even when a shard is processed in parallel.',
  seed: 13,
  durationMs: 40_000,
  // On demand: four partitions, four open shards.
  setup: [createTable(ACCOUNTS, { name: 'accountId', type: 'S' }, { billing: 'on-demand' })],
  writes: workload(),
  consumers: [replicator('in-order', 1), replicator('parallel', 4)],
  narration: [
    {
      until: { fact: 'record-appended', match: { keyString: sKey('alice') } },
      text: 'An on-demand Accounts table: four partitions, four shards. alice and dave hash to different shards. Two app servers write to the table. A\'s clock is right and B\'s runs 3 s slow; each write stamps updatedAt from its own server\'s clock.',
    },
    {
      until: { fact: 'record-appended', match: { keyString: sKey('erin') } },
      text: 'Six sign-ups land on alice\'s shard. The replicators take 0.5 s per record, so the Lambda lane for alice\'s shard is now busy.',
    },
    {
      until: { fact: 'record-appended', match: { keyString: sKey('dave') } },
      text: 'The transfer: server A debits alice at 0:10.0, then server B credits dave at 0:10.3. B stamps the credit 0:07.3 because its clock is slow, so sorting by updatedAt puts the credit first. ApproximateCreationDateTime cannot settle the order either: it is rounded down to the second.',
      predict: {
        question: 'in-order processes one batch per shard at a time. Which record does it apply first?',
        choices: ['alice\'s debit: it was written first', 'dave\'s credit: its shard has nothing else to process'],
        answer: 1,
      },
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'in-order', keyString: sKey('dave') } },
      text: 'The credit is applied at 0:10.5, while alice\'s debit is still queued behind the sign-ups on her shard. Until the debit is applied, the replica shows the money in both accounts. Shards are processed independently, and nothing orders records across them.',
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'in-order', keyString: sKey('alice') } },
      text: 'The debit follows at 0:11.0. Each account\'s own records are still applied in order.',
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'parallel', keyString: sKey('alice') } },
      text: 'parallel processes up to four batches per shard at once (ParallelizationFactor 4). It applied victor\'s sign-up before ivan\'s, although ivan\'s was written first, so even within a shard the order across keys is gone. Every record with the same partition key goes to the same lane, though: alice\'s four quick updates will apply in order.',
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'parallel', keyString: sKey('alice') } },
      text: 'Summary: DynamoDB Streams orders records per item. Records of different items can be applied in any order: across shards always, and within a shard once processing is parallel. App timestamps cannot restore a global order when clocks are skewed, and the stream\'s own timestamps are only accurate to the second. If you need an order across items (a transfer is one example), write it into the data, for example as one item or one transaction record that the consumer handles as a unit.',
    },
  ],
  lesson: {
    checks: [
      { consumer: 'in-order', expect: 'holds' },
      { consumer: 'parallel', expect: 'holds' },
    ],
    counters: [
      { consumer: 'in-order', field: 'recordsProcessed', equals: 14 },
      { consumer: 'parallel', field: 'recordsProcessed', equals: 14 },
      { consumer: 'parallel', field: 'batches', atLeast: 10 },
    ],
  },
});
