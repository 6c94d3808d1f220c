/**
 * What the consumer property tests share (kclProperties.test.ts, lambdaProperties.test.ts): random
 * vote workloads on a small key space, the consumers every run hosts side by side (one per handler
 * mode), and the properties asserted on a finished run. Test code: excluded from the core's
 * compile (tsconfig.sim.json) like the tests themselves, since it asserts with vitest.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import type { Simulation } from '../simulation.ts';
import type { HandlerSpec } from '../handlers/types.ts';
import { consumerCounters } from './counters.ts';
import { CANDIDATES, impliedCounts, replicaMatchesSource, targetCounts, typed, voteDelta, votesRecords, VOTES, type VoteOp } from './propertyKit.ts';

// ---------------------------------------------------------------------------------------------
// Arbitraries.

export const WORKLOAD_END_MS = 50_000;
/** Crashed workers are restarted here at the latest. */
export const RECOVER_AT_MS = 60_000;
/** Quiet time after recovery: lease expiry (failover 10 s, judged across taker scans every ~20 s), catch-up. */
export const END_MS = RECOVER_AT_MS + 150_000;

export const atArb = fc.integer({ min: 1_000, max: WORKLOAD_END_MS });
export const voterArb = fc.integer({ min: 0, max: 4 });
export const candidateArb = fc.integer({ min: 0, max: CANDIDATES.length - 1 });

export const opArb: fc.Arbitrary<VoteOp> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ at: atArb, kind: fc.constant('vote' as const), voter: voterArb, candidate: candidateArb }) },
  { weight: 3, arbitrary: fc.record({ at: atArb, kind: fc.constant('change' as const), voter: voterArb, candidate: candidateArb }) },
  { weight: 2, arbitrary: fc.record({ at: atArb, kind: fc.constant('touch' as const), voter: voterArb }) },
  { weight: 2, arbitrary: fc.record({ at: atArb, kind: fc.constant('withdraw' as const), voter: voterArb }) },
);
export const opsArb = fc.array(opArb, { minLength: 3, maxLength: 40, size: 'medium' });

// ---------------------------------------------------------------------------------------------
// The consumers of one run.

export const NAIVE = 'naive';
export const IDEMPOTENT_COUNTERS = [
  { id: 'eid', idempotency: 'event-id' },
  { id: 'seq', idempotency: 'sequence-number' },
  { id: 'ver', idempotency: 'item-version' },
] as const;
export const REPLICA = 'replica';
export const ALL_CONSUMERS = [NAIVE, ...IDEMPOTENT_COUNTERS.map((c) => c.id), REPLICA];

export const counterTable = (id: string): string => `VoteCounts-${id}`;
export const replicaTable = `${VOTES}-replica`;

export function handlers(): { id: string; handler: HandlerSpec }[] {
  return [
    { id: NAIVE, handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: VOTES, targetTable: counterTable(NAIVE) } },
    ...IDEMPOTENT_COUNTERS.map((c) => ({ id: c.id, handler: { kind: 'vote-counter' as const, idempotency: c.idempotency, sourceTable: VOTES, targetTable: counterTable(c.id) } })),
    { id: REPLICA, handler: { kind: 'replicator', idempotency: 'item-version', sourceTable: VOTES, targetTable: replicaTable } },
  ];
}

export const workerIds = (n: number): string[] => ['w1', 'w2', 'w3'].slice(0, n);

// ---------------------------------------------------------------------------------------------
// The properties, as assertions on a finished run.

export function brokenOf(sim: Simulation, consumer: string) {
  return typed(sim.trace, 'invariant-broken').filter((f) => f.consumer === consumer);
}

/** (a) every record of the Votes stream was processed (not failed) at least once by `consumer`. */
export function expectAtLeastOnce(sim: Simulation, consumer: string): void {
  const done = new Set(typed(sim.trace, 'record-processed').filter((p) => p.consumer === consumer && p.effect !== 'failed').map((p) => p.eventID));
  const missing = [...votesRecords(sim).keys()].filter((id) => !done.has(id));
  expect(missing, `${consumer}: records never processed`).toEqual([]);
}

export const sortedEntries = (m: Map<string, number>): [string, number][] => [...m].filter(([, v]) => v !== 0).sort((a, b) => (a[0] < b[0] ? -1 : 1));

/** (b) idempotent consumers: targets equal what the table implies, and no invariant ever broke. */
export function expectIdempotentCorrect(sim: Simulation): void {
  const implied = sortedEntries(impliedCounts(sim));
  for (const { id } of IDEMPOTENT_COUNTERS) {
    expect(sortedEntries(targetCounts(sim, counterTable(id))), `${id}: counts`).toEqual(implied);
    expect(brokenOf(sim, id).map((b) => b.message), `${id}: invariants`).toEqual([]);
  }
  const { source, replica } = replicaMatchesSource(sim, replicaTable);
  expect(replica, `${REPLICA}: items`).toEqual(source);
  expect(brokenOf(sim, REPLICA).map((b) => b.message), `${REPLICA}: invariants`).toEqual([]);
}

/**
 * (c) the naive counter: target − implied, per candidate, is the sum of the vote deltas of its
 * harmful duplicates; every applied redelivery is one; the broken invariants name only them, and
 * every one of them that touches a candidate still wrong at the end.
 */
export function expectNaiveErrorExplained(sim: Simulation): { harmful: number } {
  const records = votesRecords(sim);
  const processed = typed(sim.trace, 'record-processed').filter((p) => p.consumer === NAIVE);
  const harm = processed.filter((p) => p.harm);
  // A repeated application is a harmful duplicate, and only that (a Lambda record may be delivered in a
  // batch that crashed before reaching it, so a delivery count above 1 alone proves nothing).
  const applied = new Set<string>();
  const unflagged: string[] = [];
  for (const p of processed) {
    if (p.effect !== 'applied') continue;
    if (applied.has(p.eventID) !== (p.harm === true)) unflagged.push(`${p.eventID} delivery ${p.deliveryCount}${p.harm ? ' flagged' : ' not flagged'}`);
    applied.add(p.eventID);
  }
  expect(unflagged, 'harm flags vs repeated applications').toEqual([]);
  const expectedError = new Map<string, number>();
  for (const p of harm) for (const [c, d] of voteDelta(records.get(p.eventID)!)) expectedError.set(c, (expectedError.get(c) ?? 0) + d);
  const target = targetCounts(sim, counterTable(NAIVE));
  const implied = impliedCounts(sim);
  const error = new Map<string, number>();
  for (const c of new Set([...target.keys(), ...implied.keys()])) error.set(c, (target.get(c) ?? 0) - (implied.get(c) ?? 0));
  expect(sortedEntries(error), 'count error = Σ deltas of harmful duplicates').toEqual(sortedEntries(expectedError));
  // The signed total: a duplicated vote adds one, a duplicated withdrawal removes one, a change moves one.
  const signed = [...error.values()].reduce((a, b) => a + b, 0);
  const byEvent = (name: string) => harm.filter((p) => records.get(p.eventID)!.eventName === name).length;
  expect(signed).toBe(byEvent('INSERT') - byEvent('REMOVE'));

  const broken = brokenOf(sim, NAIVE);
  const named = new Set(broken.flatMap((b) => b.eventIDs));
  const harmIds = new Set(harm.map((p) => p.eventID));
  expect([...named].filter((id) => !harmIds.has(id)), 'named records that were not harmful duplicates').toEqual([]);
  const wrong = new Set([...error].filter(([, v]) => v !== 0).map(([c]) => c));
  const mustName = [...harmIds].filter((id) => [...voteDelta(records.get(id)!).keys()].some((c) => wrong.has(c)));
  expect(mustName.filter((id) => !named.has(id)), 'harmful duplicates behind a wrong count that no broken invariant names').toEqual([]);
  if (wrong.size > 0) expect(broken.some((b) => b.check === 'target-matches-source')).toBe(true);
  if (harmIds.size === 0) expect(broken.map((b) => b.message)).toEqual([]);
  // The counters agree with the facts.
  expect(consumerCounters(sim.trace, NAIVE).harmfulDuplicates).toBe(harm.length);
  return { harmful: harm.length };
}

export function expectAllProperties(sim: Simulation): { harmful: number } {
  for (const id of ALL_CONSUMERS) expectAtLeastOnce(sim, id);
  expectIdempotentCorrect(sim);
  return expectNaiveErrorExplained(sim);
}
