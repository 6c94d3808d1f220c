import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim/trace/events.ts';
import type { CountersOf } from '../scenarios/claims.ts';
import { judgeRun, outOfBounds, recordPlace } from './judge.ts';
import type { Goal } from './schema.ts';

const appended = (t: number, eventID: string, seq: string) =>
  ({ t, type: 'record-appended', streamArn: 'arn:s', shardId: 'shardId-1', keyString: 'k', record: { eventID, dynamodb: { SequenceNumber: seq } } }) as unknown as TraceEvent;
const processed = (t: number, eventID: string) => ({ t, type: 'record-processed', consumer: 'c', worker: 'w', shardId: 'shardId-1', batchId: 1, eventID, sequenceNumber: '1', keyString: 'k', deliveryCount: 1, effect: 'applied' }) as unknown as TraceEvent;
const broken = (t: number, check: string, eventIDs: string[] = []) => ({ t, type: 'invariant-broken', check, consumer: 'c', message: `${check} broke`, eventIDs }) as unknown as TraceEvent;
const checkpoint = (t: number) => ({ t, type: 'checkpoint', consumer: 'c', worker: 'w', shardId: 'shardId-1', value: '1', strategy: 's' }) as unknown as TraceEvent;

/** Counts checkpoints of consumer c: enough of a core for the judge. */
const countersOf: CountersOf = (trace, consumer) => ({ effects: {}, checkpointWrites: trace.filter((f) => f.type === 'checkpoint' && f.consumer === consumer).length });

const trace = [appended(1, 'e1', '100'), appended(2, 'e2', '200'), processed(3, 'e1'), checkpoint(3), processed(4, 'e2'), checkpoint(4), broken(5, 'target-matches-records'), checkpoint(6), broken(7, 'at-least-once', ['e1'])];

describe('judgeRun', () => {
  it('passes when every goal holds', () => {
    const goals: Goal[] = [{ kind: 'check', says: 'order', consumer: 'c', check: 'per-item-order' }, { kind: 'counter', says: 'budget', consumer: 'c', field: 'checkpointWrites', atMost: 3 }];
    expect(judgeRun(goals, trace, countersOf)).toBeUndefined();
  });

  it('names the goal that broke first in time, not first in the list, with its culprit record', () => {
    const goals: Goal[] = [{ kind: 'check', says: 'lose nothing', consumer: 'c', check: 'at-least-once' }, { kind: 'check', says: 'exact', consumer: 'c', check: 'target-matches-records' }];
    const failure = judgeRun(goals, trace, countersOf)!;
    expect(failure).toMatchObject({ goal: 1, says: 'exact', atMs: 5, message: 'target-matches-records broke' });
    // The broken fact names no record: the last one the consumer processed before it is blamed.
    expect(failure.culprit).toEqual({ streamArn: 'arn:s', shardId: 'shardId-1', sequenceNumber: '200', eventID: 'e2' });
  });

  it('puts a budget failure at the fact that went over it', () => {
    const failure = judgeRun([{ kind: 'counter', says: 'two writes', consumer: 'c', field: 'checkpointWrites', atMost: 2 }], trace, countersOf)!;
    expect(failure).toMatchObject({ goal: 0, atMs: 6 });
    expect(failure.message).toBe("c's checkpointWrites was 3, expected at most 2.");
  });

  it('counts facts for a seen goal, and reports a missing one at the end of the run', () => {
    const goals: Goal[] = [{ kind: 'seen', says: 'kept', of: { fact: 'destination-received' } }];
    expect(judgeRun(goals, trace, countersOf)).toMatchObject({ atMs: 7, message: 'destination-received facts: 0, expected at least 1.' });
  });

  it('reads replicas\' verdicts', () => {
    const goals: Goal[] = [{ kind: 'converged', says: 'converge', table: 'Votes' }];
    const converged = { t: 9, type: 'replicas-converged', table: 'Votes', regions: [], overwritten: 1, message: '' } as unknown as TraceEvent;
    expect(judgeRun(goals, [...trace, converged], countersOf)).toBeUndefined();
    expect(judgeRun(goals, trace, countersOf)?.message).toMatch(/no verdict/);
  });
});

describe('helpers', () => {
  it('bounds in words', () => {
    expect(outOfBounds(0, {})).toBe('0, expected at least 1');
    expect(outOfBounds(3, { equals: 3 })).toBeUndefined();
    expect(outOfBounds(5, { atMost: 4 })).toBe('5, expected at most 4');
  });
  it('finds a record by eventID, or nothing', () => {
    expect(recordPlace(trace, 'e1')?.sequenceNumber).toBe('100');
    expect(recordPlace(trace, 'nope')).toBeUndefined();
  });
});
