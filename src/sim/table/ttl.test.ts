/**
 * Conformance: TTL deletions (reference §1.3, §10 checks 11–13): a REMOVE stamped with the service
 * identity (Streams API casing `Type` / `PrincipalId`), expired items readable until the deletion,
 * an update that moves the expiry cancels it, and values more than five years old or not Numbers
 * never trigger one.
 */
import { describe, expect, it } from 'vitest';
import { createTable, DDB, del, getItem, HOUR, MINUTE, newSim, put, records, s, n, update } from '../testing/harness.ts';
import type { Simulation } from '../simulation.ts';

const EPOCH_S = 1_700_000_000; // the harness's simulated time 0, in epoch seconds
const DELAY = 10 * MINUTE;

function ttlSim(): { sim: Simulation; arn: string } {
  const sim = newSim({ epochMs: EPOCH_S * 1000, ttlDeletionDelayMs: DELAY });
  const arn = createTable(sim)!;
  sim.call(`${DDB}UpdateTimeToLive`, { TableName: 'tbl', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } });
  return { sim, arn };
}

describe('TTL', () => {
  it('§10.11 a TTL deletion emits REMOVE with userIdentity {Type: Service, PrincipalId: dynamodb.amazonaws.com}', () => {
    const { sim, arn } = ttlSim();
    put(sim, { pk: s('session#7'), expiresAt: n(EPOCH_S + 60) });
    sim.advanceBy(60_000 + DELAY);
    expect(getItem(sim, { pk: s('session#7') })).toBeUndefined();
    const recs = records(sim, arn);
    expect(recs.map((r) => r.eventName)).toEqual(['INSERT', 'REMOVE']);
    expect(recs[1]!.userIdentity).toEqual({ Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
    expect(recs[1]!.dynamodb.OldImage).toEqual({ pk: s('session#7'), expiresAt: n(EPOCH_S + 60) });
    expect(recs[1]!.dynamodb).not.toHaveProperty('NewImage');
    expect(recs[1]!.dynamodb.ApproximateCreationDateTime).toBe(EPOCH_S + 60 + DELAY / 1000);
    expect(recs[0]).not.toHaveProperty('userIdentity');
  });

  it('§10.11 a user DeleteItem of an expired item carries no userIdentity', () => {
    const { sim, arn } = ttlSim();
    put(sim, { pk: s('a'), expiresAt: n(EPOCH_S - 10) });
    del(sim, { pk: s('a') });
    sim.advanceBy(2 * DELAY);
    const recs = records(sim, arn);
    expect(recs.map((r) => r.eventName)).toEqual(['INSERT', 'REMOVE']);
    expect(recs[1]).not.toHaveProperty('userIdentity');
  });

  it('§10.12 an expired item stays readable and updatable until the TTL process deletes it', () => {
    const { sim, arn } = ttlSim();
    put(sim, { pk: s('a'), expiresAt: n(EPOCH_S + 1), v: n(1) });
    sim.advanceBy(1000 + DELAY - 1);
    expect(getItem(sim, { pk: s('a') })).toBeDefined();
    update(sim, { pk: s('a') }, 'SET v = :v', { ':v': n(2) });
    expect(getItem(sim, { pk: s('a') })).toMatchObject({ v: n(2) });
    sim.advanceBy(1);
    expect(getItem(sim, { pk: s('a') })).toBeUndefined();
    expect(records(sim, arn).map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
  });

  it('§10.12 updating the TTL attribute to a later time before the deletion prevents it (until the new time)', () => {
    const { sim, arn } = ttlSim();
    put(sim, { pk: s('a'), expiresAt: n(EPOCH_S + 60) });
    sim.advanceBy(2 * MINUTE);
    update(sim, { pk: s('a') }, 'SET expiresAt = :e', { ':e': n(EPOCH_S + 3600) });
    sim.advanceBy(30 * MINUTE);
    expect(getItem(sim, { pk: s('a') })).toBeDefined();
    expect(records(sim, arn).map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);
    sim.advanceBy(HOUR);
    expect(getItem(sim, { pk: s('a') })).toBeUndefined();
    expect(records(sim, arn).map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
  });

  it('§10.12 removing the TTL attribute before the deletion prevents it for good', () => {
    const { sim, arn } = ttlSim();
    put(sim, { pk: s('a'), expiresAt: n(EPOCH_S) });
    update(sim, { pk: s('a') }, 'REMOVE expiresAt');
    sim.advanceBy(20 * HOUR);
    expect(getItem(sim, { pk: s('a') })).toEqual({ pk: s('a') });
    expect(records(sim, arn).map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY']);
  });

  it('§10.13 a TTL value more than five years in the past never triggers deletion', () => {
    const { sim } = ttlSim();
    const sixYears = 6 * 365 * 24 * 3600;
    put(sim, { pk: s('old'), expiresAt: n(EPOCH_S - sixYears) });
    put(sim, { pk: s('recent'), expiresAt: n(EPOCH_S - 3600) });
    sim.advanceBy(20 * HOUR);
    expect(getItem(sim, { pk: s('old') })).toBeDefined();
    expect(getItem(sim, { pk: s('recent') })).toBeUndefined();
  });

  it('§10.13 a TTL attribute that is not a Number never triggers deletion', () => {
    const { sim } = ttlSim();
    put(sim, { pk: s('str'), expiresAt: s(String(EPOCH_S)) });
    put(sim, { pk: s('set'), expiresAt: { NS: [String(EPOCH_S)] } });
    sim.advanceBy(20 * HOUR);
    expect(getItem(sim, { pk: s('str') })).toBeDefined();
    expect(getItem(sim, { pk: s('set') })).toBeDefined();
  });

  it('§1.3 items that expired before TTL was enabled are deleted once it is; nothing is deleted while it is disabled', () => {
    const sim = newSim({ epochMs: EPOCH_S * 1000, ttlDeletionDelayMs: DELAY });
    const arn = createTable(sim)!;
    put(sim, { pk: s('a'), expiresAt: n(EPOCH_S - 100) });
    sim.advanceBy(HOUR);
    expect(getItem(sim, { pk: s('a') })).toBeDefined();
    sim.call(`${DDB}UpdateTimeToLive`, { TableName: 'tbl', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } });
    expect(sim.call(`${DDB}DescribeTimeToLive`, { TableName: 'tbl' })).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' } });
    sim.advanceBy(DELAY);
    expect(getItem(sim, { pk: s('a') })).toBeUndefined();
    put(sim, { pk: s('b'), expiresAt: n(EPOCH_S) });
    sim.call(`${DDB}UpdateTimeToLive`, { TableName: 'tbl', TimeToLiveSpecification: { Enabled: false, AttributeName: 'expiresAt' } });
    sim.advanceBy(20 * HOUR);
    expect(getItem(sim, { pk: s('b') })).toBeDefined();
    expect(records(sim, arn).filter((r) => r.userIdentity)).toHaveLength(1);
  });
});
