import { describe, expect, it } from 'vitest';
import type { Simulation } from '../simulation.ts';
import { createSimulation } from '../simulation.ts';
import { record } from '../world.ts';
import type { TraceEvent } from '../trace/events.ts';
import { createHandler } from '../handlers/index.ts';
import type { DownstreamHandler, Idempotency } from '../handlers/types.ts';
import { appended, checkpoint, crash, deliver, put, remove, S, DDB, type Appended } from '../handlers/testkit.ts';
import { evaluateChecks, finalChecks, formatSimTime } from './index.ts';
import { createVotesTable } from '../testing/harness.ts';

type Broken = Extract<TraceEvent, { type: 'invariant-broken' }>;
type Restored = Extract<TraceEvent, { type: 'invariant-restored' }>;

const brokenFacts = (sim: Simulation, check?: string): Broken[] =>
  sim.trace.filter((f): f is Broken => f.type === 'invariant-broken' && (check === undefined || f.check === check));
const restoredFacts = (sim: Simulation, check: string): Restored[] =>
  sim.trace.filter((f): f is Restored => f.type === 'invariant-restored' && f.check === check);

function votesWorld(options: { retentionMs?: number } = {}): Simulation {
  const sim = createSimulation({ seed: 11, partitions: { Votes: 1 }, ...options });
  createVotesTable(sim);
  return sim;
}

function started(sim: Simulation, consumer: string): void {
  record(sim.world, { t: sim.now(), type: 'consumer-started', consumer, kind: 'kcl', label: consumer });
}

function vote(sim: Simulation, voter: number, candidate: string): void {
  put(sim, 'Votes', { voterId: S(`voter#${String(voter).padStart(4, '0')}`), candidate: S(candidate) });
}

function setup(mode: Idempotency, votes: [number, string][]): { sim: Simulation; h: DownstreamHandler; recs: Appended[] } {
  const sim = votesWorld();
  started(sim, 'c1');
  for (const [v, c] of votes) vote(sim, v, c);
  const h = createHandler(sim.world, 'c1', { kind: 'vote-counter', idempotency: mode, sourceTable: 'Votes' });
  return { sim, h, recs: appended(sim, 'Votes') };
}

const FOUR: [number, string][] = [
  [1, 'alice'],
  [2, 'bob'],
  [3, 'alice'],
  [4, 'bob'],
];

describe('checks on a clean run', () => {
  it.each<Idempotency>(['none', 'event-id', 'sequence-number', 'item-version'])('stay quiet (%s)', async (mode) => {
    const { sim, h, recs } = setup(mode, FOUR);
    await sim.advanceBy(1000);
    deliver(sim, h, 'c1', recs.slice(0, 2));
    checkpoint(sim, 'c1', 'worker-1', recs[1]!.shardId, recs[1]!.record.dynamodb.SequenceNumber);
    evaluateChecks(sim.world, 'c1');
    deliver(sim, h, 'c1', recs.slice(2));
    checkpoint(sim, 'c1', 'worker-1', recs[3]!.shardId, recs[3]!.record.dynamodb.SequenceNumber);
    evaluateChecks(sim.world, 'c1');
    finalChecks(sim.world);
    expect(brokenFacts(sim)).toEqual([]);
  });
});

describe('a batch redelivered after a crash', () => {
  function crashAndRedeliver(mode: Idempotency) {
    const { sim, h, recs } = setup(mode, FOUR);
    void sim.advanceTo(1000);
    deliver(sim, h, 'c1', recs);
    checkpoint(sim, 'c1', 'worker-1', recs[0]!.shardId, recs[1]!.record.dynamodb.SequenceNumber);
    evaluateChecks(sim.world, 'c1');
    void sim.advanceTo(192_000);
    crash(sim, 'c1', 'worker-1');
    void sim.advanceTo(200_000);
    deliver(sim, h, 'c1', recs.slice(2), { worker: 'worker-2' });
    evaluateChecks(sim.world, 'c1');
    return { sim, recs };
  }

  it('naive: the target check names the votes counted twice and why', () => {
    const { sim, recs } = crashAndRedeliver('none');
    const [fact, ...rest] = brokenFacts(sim);
    expect(rest).toEqual([]);
    expect(fact!.check).toBe('target-matches-records');
    expect(fact!.eventIDs.sort()).toEqual([recs[2]!.record.eventID, recs[3]!.record.eventID].sort());
    expect(fact!.message).toContain('VoteCounts-c1[alice] votes = 3, expected 2');
    expect(fact!.message).toContain('VoteCounts-c1[bob] votes = 3, expected 2');
    // Records are named by their place on the shard (#n), as the timeline names them (issue 20).
    expect(fact!.message).toContain('vote from voter#0003 (INSERT, #3 on its shard)');
    expect(fact!.message).toContain('its last checkpoint (at #2, by worker-1');
    expect(fact!.message).not.toMatch(/seq …/);
    expect(fact!.message).toContain(
      `counted twice: redelivered after worker-1 crashed at +00:03:12.000; its last checkpoint (at #2, by worker-1 at +00:00:01.000) was before it`,
    );
  });

  it.each<Idempotency>(['event-id', 'sequence-number', 'item-version'])('%s: duplicates are skipped and nothing fires', (mode) => {
    const { sim } = crashAndRedeliver(mode);
    finalChecks(sim.world);
    expect(brokenFacts(sim)).toEqual([]);
  });
});

describe('at-most-once: checkpoint before processing, then a crash', () => {
  it('names the lost records once the consumer reads on past them, and at the end the target lags the source', () => {
    const { sim, h, recs } = setup('event-id', [...FOUR, [5, 'carol']]);
    void sim.advanceTo(1000);
    const shard = recs[0]!.shardId;
    checkpoint(sim, 'c1', 'worker-1', shard, recs[3]!.record.dynamodb.SequenceNumber);
    deliver(sim, h, 'c1', recs.slice(0, 2));
    void sim.advanceTo(2000);
    crash(sim, 'c1', 'worker-1');
    evaluateChecks(sim.world, 'c1');
    expect(brokenFacts(sim)).toEqual([]); // not yet: the batch might still be in progress
    void sim.advanceTo(60_000);
    deliver(sim, h, 'c1', recs.slice(4), { worker: 'worker-2' });
    evaluateChecks(sim.world, 'c1');
    const [lost] = brokenFacts(sim, 'at-least-once');
    expect(lost!.eventIDs).toEqual([recs[2]!.record.eventID, recs[3]!.record.eventID]);
    expect(lost!.message).toContain('vote from voter#0003');
    expect(lost!.message).toContain('worker-1 checkpointed past it at +00:00:01.000, then crashed at +00:00:02.000 before processing it');
    finalChecks(sim.world);
    const [end] = brokenFacts(sim, 'target-matches-source');
    expect(end!.message).toContain('2 record(s) of Votes were never processed by c1');
    // The records-implied target is right: what was processed was applied once.
    expect(brokenFacts(sim, 'target-matches-records')).toEqual([]);
  });

  it('is restored when the lost records are processed after all', () => {
    const { sim, h, recs } = setup('none', FOUR);
    checkpoint(sim, 'c1', 'worker-1', recs[0]!.shardId, recs[1]!.record.dynamodb.SequenceNumber);
    deliver(sim, h, 'c1', recs.slice(2));
    evaluateChecks(sim.world, 'c1');
    expect(brokenFacts(sim, 'at-least-once')).toHaveLength(1);
    deliver(sim, h, 'c1', recs.slice(0, 2));
    evaluateChecks(sim.world, 'c1');
    expect(restoredFacts(sim, 'at-least-once')).toHaveLength(1);
  });
});

describe('per-item order', () => {
  function reversedReplica(mode: Idempotency) {
    const sim = createSimulation({ seed: 3, partitions: { Docs: 1 } });
    sim.call(`${DDB}CreateTable`, {
      TableName: 'Docs',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    put(sim, 'Docs', { pk: S('d9'), title: S('short-lived') });
    remove(sim, 'Docs', { pk: S('d9') });
    const h = createHandler(sim.world, 'rep', { kind: 'replicator', idempotency: mode, sourceTable: 'Docs' });
    const recs = appended(sim, 'Docs');
    deliver(sim, h, 'rep', [recs[1]!], { worker: 'lane-1' });
    deliver(sim, h, 'rep', [recs[0]!], { worker: 'lane-2' });
    evaluateChecks(sim.world, 'rep');
    return { sim, recs };
  }

  it('naive replicator: the INSERT applied after the REMOVE is named, and the ghost row too', () => {
    const { sim, recs } = reversedReplica('none');
    const [order] = brokenFacts(sim, 'per-item-order');
    expect(order!.eventIDs).toEqual([recs[0]!.record.eventID, recs[1]!.record.eventID]);
    expect(order!.message).toMatch(/^item d9 \(INSERT, #1 on its shard\) was applied at \+00:00:00\.000 after the newer item d9 \(REMOVE, #\d+ on its shard\)/);
    const [target] = brokenFacts(sim, 'target-matches-records');
    expect(target!.message).toContain('Docs-replica-rep[d9] present, expected absent');
    expect(target!.eventIDs).toEqual([recs[0]!.record.eventID]);
  });

  it('item-version replicator: the stale INSERT is skipped, nothing fires', () => {
    const { sim } = reversedReplica('item-version');
    finalChecks(sim.world);
    expect(brokenFacts(sim)).toEqual([]);
  });

  it('a naive counter fed a vote change before the vote: broken, then restored', () => {
    const { sim, h, recs } = setup('none', [
      [1, 'alice'],
      [1, 'bob'],
    ]);
    deliver(sim, h, 'c1', [recs[1]!]);
    evaluateChecks(sim.world, 'c1');
    expect(brokenFacts(sim, 'target-matches-records')[0]!.message).toContain('VoteCounts-c1[alice] votes = -1, expected 0');
    deliver(sim, h, 'c1', [recs[0]!]);
    evaluateChecks(sim.world, 'c1');
    expect(brokenFacts(sim, 'per-item-order')).toHaveLength(1);
    expect(restoredFacts(sim, 'target-matches-records')).toHaveLength(1);
    finalChecks(sim.world);
    expect(brokenFacts(sim, 'target-matches-source')).toEqual([]);
  });
});

describe('exactly-once where the handler claims it', () => {
  it('fires when an idempotent handler applies a record twice (its ledger was wiped)', () => {
    const { sim, h, recs } = setup('event-id', FOUR);
    deliver(sim, h, 'c1', recs.slice(0, 1));
    sim.call(`${DDB}DeleteTable`, { TableName: 'VoteCounts-c1-idempotency' });
    deliver(sim, h, 'c1', recs.slice(0, 1), { trigger: 'redelivery', attempt: 2 });
    evaluateChecks(sim.world, 'c1');
    const [fact] = brokenFacts(sim, 'exactly-once');
    expect(fact!.eventIDs).toEqual([recs[0]!.record.eventID]);
    expect(fact!.message).toContain('although c1\'s handler deduplicates (event-id)');
    expect(fact!.message).toContain('(redelivery, attempt 2)');
  });
});

describe('records trimmed before they were read', () => {
  it('names the unread records, and not those read in time', async () => {
    const sim = votesWorld({ retentionMs: 60_000 });
    started(sim, 'slow');
    vote(sim, 1, 'alice');
    vote(sim, 2, 'bob');
    vote(sim, 3, 'carol');
    const h = createHandler(sim.world, 'slow', { kind: 'vote-counter', idempotency: 'none', sourceTable: 'Votes' });
    const recs = appended(sim, 'Votes');
    deliver(sim, h, 'slow', recs.slice(0, 1));
    await sim.advanceBy(120_000);
    evaluateChecks(sim.world, 'slow');
    const [fact] = brokenFacts(sim, 'trimmed-unread');
    expect(fact!.eventIDs).toEqual([recs[1]!.record.eventID, recs[2]!.record.eventID]);
    expect(fact!.message).toContain(`were trimmed at ${formatSimTime(60_000)} (older than the 1 min retention) before slow read them`);
    expect(fact!.message).toContain('vote from voter#0002');
  });
});

describe('checkpoints', () => {
  it('moving backwards is named with the records that will be processed again', () => {
    const { sim, h, recs } = setup('none', FOUR);
    deliver(sim, h, 'c1', recs);
    const shard = recs[0]!.shardId;
    checkpoint(sim, 'c1', 'worker-1', shard, recs[3]!.record.dynamodb.SequenceNumber);
    checkpoint(sim, 'c1', 'worker-2', shard, recs[1]!.record.dynamodb.SequenceNumber);
    evaluateChecks(sim.world, 'c1');
    const [fact] = brokenFacts(sim, 'checkpoint-monotonic');
    expect(fact!.eventIDs).toEqual([recs[2]!.record.eventID, recs[3]!.record.eventID]);
    expect(fact!.message).toContain("worker-2 checkpointed");
    expect(fact!.message).toContain("behind worker-1's checkpoint");
    expect(fact!.message).toContain('2 record(s) in between will be processed again');
  });
});

describe('formatSimTime', () => {
  it('writes hours, minutes, seconds and milliseconds', () => {
    expect(formatSimTime(192_450)).toBe('+00:03:12.450');
    expect(formatSimTime(0)).toBe('+00:00:00.000');
    expect(formatSimTime(100 * 3_600_000 + 1)).toBe('+100:00:00.001');
  });
});
