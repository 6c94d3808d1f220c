/**
 * The lease taker's decisions, as KCL 1.x's LeaseTaker makes them (reference §7.3, checks 62, 71).
 * Pure functions of the scanned leases and the taker's own memory: no world, no I/O.
 *
 * - Expiry is judged by the observer: a lease is expired when this taker has seen its counter
 *   unchanged for longer than the failover time across its own scans. A lease first seen owned
 *   counts as renewed at that scan; an unowned lease is always takeable.
 * - Target per worker = ceil(leases / workers), where workers are the owners of unexpired leases
 *   plus this one (a worker holding nothing is invisible to others, as in KCL).
 * - Expired leases are taken first, up to the target; only when none is expired does a worker below
 *   target steal, from the most loaded worker, at most `maxLeasesToStealAtOneTime`.
 *
 * KCL shuffles the candidates; here ties break by shard id and worker id so runs are easy to read.
 */
import type { ObservedLease } from './state.ts';
import type { Lease } from './leaseTable.ts';

/** Folds a fresh scan into the taker's memory (KCL's updateAllLeases). `scanMs` is the worker's local time. */
export function observeScan(previous: ReadonlyMap<string, ObservedLease>, fresh: readonly Lease[], scanMs: number): Map<string, ObservedLease> {
  const next = new Map<string, ObservedLease>();
  for (const lease of fresh) {
    const old = previous.get(lease.leaseKey);
    let lastChangeMs: number;
    if (old) lastChangeMs = old.lease.leaseCounter === lease.leaseCounter ? old.lastChangeMs : scanMs;
    else lastChangeMs = lease.leaseOwner === undefined ? -Infinity : scanMs;
    next.set(lease.leaseKey, { lease, lastChangeMs });
  }
  return next;
}

export function isExpired(o: ObservedLease, nowMs: number, failoverMs: number): boolean {
  return o.lease.leaseOwner === undefined || nowMs - o.lastChangeMs > failoverMs;
}

export interface TakeDecision {
  lease: Lease;
  reason: 'new' | 'expired' | 'stolen';
}

export interface TakerSettings {
  failoverMs: number;
  maxLeasesToStealAtOneTime: number;
  /** KCL's maxLeasesForWorker: the target per worker is capped at this (absent: no cap). */
  maxLeasesForWorker?: number;
}

function byKey(a: Lease, b: Lease): number {
  return a.leaseKey < b.leaseKey ? -1 : a.leaseKey > b.leaseKey ? 1 : 0;
}

/** Lease counts per owner of unexpired leases, this worker included (KCL's computeLeaseCounts). */
export function leaseCounts(workerId: string, observed: readonly ObservedLease[], expired: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of observed) {
    const owner = o.lease.leaseOwner;
    if (owner === undefined || expired.has(o.lease.leaseKey)) continue;
    counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  if (!counts.has(workerId)) counts.set(workerId, 0);
  return counts;
}

export function targetPerWorker(numLeases: number, numWorkers: number): number {
  return numWorkers >= numLeases ? 1 : Math.ceil(numLeases / numWorkers);
}

/** Which leases this worker should take now (KCL's computeLeasesToTake). */
export function computeLeasesToTake(workerId: string, observedMap: ReadonlyMap<string, ObservedLease>, nowMs: number, s: TakerSettings): TakeDecision[] {
  const observed = [...observedMap.values()];
  if (observed.length === 0) return [];
  const expiredLeases = observed.filter((o) => isExpired(o, nowMs, s.failoverMs)).map((o) => o.lease);
  const expiredKeys = new Set(expiredLeases.map((l) => l.leaseKey));
  const counts = leaseCounts(workerId, observed, expiredKeys);
  // KCL 1.x caps the target (and logs a warning) when maxLeasesForWorker is below the fair share.
  const target = Math.min(targetPerWorker(observed.length, counts.size), s.maxLeasesForWorker ?? Infinity);
  const needed = target - counts.get(workerId)!;
  if (needed <= 0) return [];
  if (expiredLeases.length > 0) {
    return expiredLeases
      .sort(byKey)
      .slice(0, needed)
      .map((lease) => ({ lease, reason: lease.leaseOwner === undefined ? 'new' : 'expired' }));
  }
  return chooseLeasesToSteal(counts, needed, target, observed, s).map((lease) => ({ lease, reason: 'stolen' }));
}

/** From the most loaded worker: its excess over target, or one when it sits at target and we need more than one. */
function chooseLeasesToSteal(counts: Map<string, number>, needed: number, target: number, observed: readonly ObservedLease[], s: TakerSettings): Lease[] {
  let most: [string, number] | undefined;
  for (const entry of [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!most || entry[1] > most[1]) most = entry;
  }
  if (!most || most[1] < target) return [];
  const over = most[1] - target;
  let n = Math.min(needed, over);
  if (needed > 1 && over === 0) n = 1;
  n = Math.min(n, s.maxLeasesToStealAtOneTime);
  if (n <= 0) return [];
  const owner = most[0];
  return observed
    .map((o) => o.lease)
    .filter((l) => l.leaseOwner === owner)
    .sort(byKey)
    .slice(0, n);
}
