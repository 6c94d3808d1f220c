// Claims: each kind holds on a trace that bears it out and names what is wrong on one that does not.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim/trace/events.ts';
import { claimProblem, narrationClaimProblems, type CountersOf } from './claims.ts';
import type { Claim } from './schema.ts';

const appended = (t: number, keyString: string, shardId: string): TraceEvent =>
  ({ t, type: 'record-appended', streamArn: 'arn', shardId, keyString, record: {} }) as unknown as TraceEvent;
const processed = (t: number, keyString: string, sequenceNumber: string, deliveryCount = 1): TraceEvent => ({
  t, type: 'record-processed', consumer: 'c', worker: 'lane-0', shardId: 's1', batchId: 1, eventID: `e${sequenceNumber}`, sequenceNumber, keyString, deliveryCount, effect: 'applied',
});

// alice and bob on s1, carol on s2; c processes bob before alice, then alice's 20 again after 30.
const trace: TraceEvent[] = [
  appended(100, 'alice', 's1'), appended(200, 'bob', 's1'), appended(300, 'carol', 's2'),
  processed(400, 'bob', '20'), processed(500, 'alice', '10'), processed(500, 'alice', '30'), processed(900, 'alice', '20', 2),
];
const countersOf: CountersOf = (slice, consumer) => ({
  effects: {},
  reprocessed: slice.filter((f) => f.type === 'record-processed' && f.consumer === consumer && f.deliveryCount > 1).length,
});
const problem = (claim: Claim, stop: number) => claimProblem(claim, trace, stop, countersOf);
const bob = { fact: 'record-processed', match: { keyString: 'bob' } };
const alice = { fact: 'record-processed', match: { keyString: 'alice' } };

describe('claims', () => {
  it('stops-at compares the stop fact time', () => {
    expect(problem({ kind: 'stops-at', atMs: 400 }, 3)).toBeUndefined();
    expect(problem({ kind: 'stops-at', atMs: 500 }, 3)).toBe('stops at 400 ms, not at 500 ms');
  });

  it('seen counts matching facts up to the stop, after it, or in the whole run', () => {
    expect(problem({ kind: 'seen', of: alice }, 3)).toMatch(/0, expected at least 1/);
    expect(problem({ kind: 'seen', of: alice, equals: 3, within: 'run' }, 3)).toBeUndefined();
    expect(problem({ kind: 'seen', of: alice, equals: 3, within: 'after' }, 3)).toBeUndefined();
    expect(problem({ kind: 'seen', of: alice, atMost: 1, within: 'run' }, 3)).toMatch(/3, expected at most 1/);
  });

  it('ahead needs the fact later than the pause, not drawn at its instant', () => {
    expect(problem({ kind: 'ahead', of: alice }, 3)).toBeUndefined();
    // Stopped at alice's first record (500 ms), her second one at 500 ms is already drawn.
    expect(problem({ kind: 'ahead', of: alice }, 4)).toMatch(/already drawn/);
    expect(problem({ kind: 'ahead', of: bob }, 4)).toMatch(/no record-processed/);
  });

  it('order compares the first matches', () => {
    expect(problem({ kind: 'order', first: bob, then: alice, within: 'run' }, 0)).toBeUndefined();
    expect(problem({ kind: 'order', first: alice, then: bob, within: 'run' }, 0)).toMatch(/comes before/);
  });

  it('shards reads where each key first landed', () => {
    expect(problem({ kind: 'shards', keys: ['alice', 'bob'], same: true }, 0)).toBeUndefined();
    expect(problem({ kind: 'shards', keys: ['alice', 'carol'], same: false }, 0)).toBeUndefined();
    expect(problem({ kind: 'shards', keys: ['alice', 'bob', 'carol'], same: false }, 0)).toMatch(/share a shard/);
    expect(problem({ kind: 'shards', keys: ['alice', 'dave'], same: true }, 0)).toMatch(/no record of dave/);
  });

  it('key-order tells a kept order from a retry going back', () => {
    expect(problem({ kind: 'key-order', consumer: 'c', keyString: 'alice', order: 'kept' }, 5)).toBeUndefined();
    expect(problem({ kind: 'key-order', consumer: 'c', keyString: 'alice', order: 'went-back' }, 5)).toMatch(/none went back/);
    expect(problem({ kind: 'key-order', consumer: 'c', keyString: 'alice', order: 'went-back' }, 6)).toBeUndefined();
    expect(problem({ kind: 'key-order', consumer: 'c', keyString: 'alice', order: 'kept', within: 'run' }, 0)).toMatch(/older record/);
  });

  it('counter reads the counters of the slice', () => {
    expect(problem({ kind: 'counter', consumer: 'c', field: 'reprocessed', equals: 0 }, 5)).toBeUndefined();
    expect(problem({ kind: 'counter', consumer: 'c', field: 'reprocessed', equals: 0, within: 'run' }, 5)).toBe('c.reprocessed = 1, expected 0');
  });

  it('names the step of every false claim', () => {
    const steps = [
      { until: bob, text: 'bob first', claims: [{ kind: 'order' as const, first: bob, then: alice, within: 'run' as const }] },
      { until: alice, text: 'stops at 0.4 s', claims: [{ kind: 'stops-at' as const, atMs: 400 }] },
    ];
    expect(narrationClaimProblems(steps, trace, countersOf)).toEqual(['step 1 (stops-at): stops at 500 ms, not at 400 ms']);
  });
});
