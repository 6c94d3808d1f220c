/**
 * Global tables, last writer wins: the Votes table gets a replica in eu-west-1 (UpdateTable with
 * ReplicaUpdates, global tables version 2019.11.21). Votes cast in one Region reach the other about
 * a second later as writes by the service, each with its own record in that Region's stream. Then
 * voter-7 votes twice, in us-east-1 and in eu-west-1, 349 ms apart: each Region's "one ballot per
 * voter" condition passes, because neither has seen the other vote yet. Replication resolves the
 * conflict by the writes' timestamps: the later vote wins everywhere and the earlier one is lost.
 * A counter reading only us-east-1's stream sees both its own Region's vote and the replicated one.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { epochSeconds, put, scenario, sKey, VOTES, type ConsumerData } from './helpers.ts';

const HOME = 'us-east-1';
const OTHER = 'eu-west-1';

/** A first vote through the endpoint of `region`: `attribute_not_exists` refuses a second ballot, in that Region. */
function vote(at: number, region: string, voterId: string, candidate: string): ScriptedCall {
  const call = put(at, VOTES, { voterId: { S: voterId }, candidate: { S: candidate }, votedAt: epochSeconds(at) }, { expression: 'attribute_not_exists(voterId)' });
  return region === HOME ? call : { ...call, region };
}

const counter: ConsumerData = {
  id: 'counter',
  kind: 'lambda',
  handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: VOTES, targetTable: 'VoteCounts' },
  mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 },
};

export const globalTablesLww: Scenario = scenario({
  id: 'global-tables-lww',
  title: 'Global tables, last writer wins: two replicas and conflicting writes',
  summary:
    'Votes has replicas in us-east-1 and eu-west-1. Each vote reaches the other Region within about 1.5 s, with a record in each Region\'s stream. voter-7 votes in both Regions 349 ms apart: both conditions pass, and replication keeps only the later vote. A counter reading one Region\'s stream sees its own write and the replicated one.',
  seed: 13,
  durationMs: 30_000,
  simulation: { region: HOME, partitions: { [VOTES]: 1 }, replicationDelayMinMs: 500, replicationDelayMaxMs: 1_500 },
  setup: [
    {
      target: 'DynamoDB_20120810.CreateTable',
      input: {
        TableName: VOTES,
        AttributeDefinitions: [{ AttributeName: 'voterId', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'voterId', KeyType: 'HASH' }],
        // Replicas need on-demand (or auto-scaled) write capacity.
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      },
    },
    { target: 'DynamoDB_20120810.UpdateTable', input: { TableName: VOTES, ReplicaUpdates: [{ Create: { RegionName: OTHER } }] } },
  ],
  writes: [
    vote(2_000, HOME, 'voter-1', 'green'),
    vote(5_000, OTHER, 'voter-4', 'blue'),
    vote(12_301, HOME, 'voter-7', 'blue'),
    vote(12_650, OTHER, 'voter-7', 'green'),
  ],
  // #20: the lesson is about which vote wins, so records take the vote's colour, not the voter's.
  view: { colourBy: { attribute: 'candidate', label: 'vote' } },
  consumers: [counter],
  narration: [
    {
      until: { fact: 'replica-created', match: { region: OTHER } },
      text: 'Votes lives in us-east-1. UpdateTable with ReplicaUpdates adds a replica in eu-west-1 (global tables version 2019.11.21): the same table name and key, but its own ARN and its own stream in eu-west-1. The timeline shows one shard lane per Region.',
    },
    {
      until: { fact: 'replicated', match: { keyString: sKey('voter-1'), toRegion: OTHER } },
      text: 'voter-1 votes through the us-east-1 endpoint: the write and its record are in us-east-1 at once. 1.3 s later DynamoDB applies the same write in eu-west-1, as a write by the service with its own INSERT record in eu-west-1\'s stream. Both records carry the awsRegion of their own stream, not where the vote was cast.',
    },
    {
      until: { fact: 'write', match: { keyString: sKey('voter-7'), region: HOME } },
      text: 'At 12.301 s voter-7 votes blue through us-east-1. The booth\'s condition, attribute_not_exists(voterId), passes: us-east-1 has never seen voter-7.',
    },
    {
      until: { fact: 'write', match: { keyString: sKey('voter-7'), region: OTHER } },
      text: '349 ms later voter-7 votes green on a second device, routed to eu-west-1. The blue vote has not arrived there yet, so this condition passes too. The two Regions now hold different votes for voter-7, and each is on its way to the other Region.',
      predict: {
        question: 'Both writes reach the other Region within about a second. Which vote will both Regions hold in the end?',
        choices: ['blue: it was cast first', 'green: it has the later timestamp', 'each Region keeps its own vote', 'neither: DynamoDB rejects conflicting writes'],
        answer: 1,
      },
      claims: [
        { kind: 'ahead', of: { fact: 'replication-discarded', match: { keyString: sKey('voter-7') } } },
        { kind: 'ahead', of: { fact: 'replicated', match: { keyString: sKey('voter-7'), toRegion: HOME } } },
      ],
    },
    {
      until: { fact: 'replication-discarded', match: { keyString: sKey('voter-7') } },
      text: 'The blue vote reaches eu-west-1, which already holds green, written later. Last writer wins: the replicated write is older, so eu-west-1 drops it. No record: a consumer of eu-west-1\'s stream never sees the blue vote at all.',
    },
    {
      until: { fact: 'replicated', match: { keyString: sKey('voter-7'), toRegion: HOME } },
      text: 'The green vote reaches us-east-1. It is newer than blue, so it is applied: a MODIFY from blue to green in us-east-1\'s stream. The counter reads only us-east-1\'s stream and sees both changes, its own Region\'s blue vote and the replicated green one, so its count ends right.',
    },
    {
      until: { fact: 'replicas-converged' },
      text: 'What happened: the replicas converged on green, and the blue vote is lost, with no error to anyone. This is the default mode, multi-Region eventual consistency: a condition is checked only in the Region that takes the write, so it cannot keep one ballot per voter across Regions, and AWS resolves conflicts by timestamp (how it breaks exact ties is not documented; here the Region whose name sorts last wins). To avoid the conflict, send all writes for an item to one Region, or create the global table with multi-Region strong consistency, where a write is replicated synchronously and a conflicting write fails instead of being silently overwritten (at the cost of higher write latency).',
    },
  ],
  lesson: {
    checks: [{ consumer: 'counter', expect: 'holds' }],
    counters: [{ consumer: 'counter', field: 'recordsProcessed', equals: 4 }],
    replication: [{ table: VOTES, expect: 'converged', overwritten: 1, readers: ['counter'] }],
  },
});
