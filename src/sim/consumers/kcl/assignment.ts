/**
 * KCL 3.x's lease assignment, as its leader decides it (AWS: "KCL 3.x introduces a new lease
 * assignment and load balancing algorithm. It assigns leases among workers based on worker
 * utilization metrics and throughput on each lease"). Pure: the leases the leader observed and the
 * workers' last reported utilisation in, assignments out.
 *
 * - A lease nobody owns, whose counter stood still past the failover time, or whose owner stopped
 *   reporting goes to the active worker with the least projected load (ties: fewer leases, then id).
 * - Otherwise, when the most loaded worker is more than `rebalanceThresholdPercent` above the mean
 *   and moving one of its leases to the least loaded one evens them out, that lease is handed off.
 *
 * Simplifications (said in the app): the utilisation is a deterministic stand-in (records processed
 * per second over the last report, not CPU); a lease's load is its owner's utilisation shared evenly
 * among the owner's leases; with no load anywhere the leader balances lease counts; it moves at most
 * one lease per round (real KCL dampens the load it moves by a percentage instead).
 */
import type { Lease } from './leaseTable.ts';
import { isExpired } from './taker.ts';
import type { ObservedLease } from './state.ts';

export interface WorkerReport {
  worker: string;
  /** Records processed per second over its last reporting interval (KCL: CPU utilisation). */
  utilisation: number;
  /** Leases it held when it reported. */
  leases: number;
  /** When it reported (simulated ms). */
  reportedAtMs?: number;
}

export interface Assignment {
  lease: Lease;
  to: string;
  /** new: nobody owned it; expired: its owner stopped renewing or reporting; rebalance: a graceful handoff. */
  reason: 'new' | 'expired' | 'rebalance';
}

export interface AssignmentSettings {
  failoverMs: number;
  /** KCL's reBalanceThresholdPercentage (default 10). */
  rebalanceThresholdPercent?: number;
  maxLeasesForWorker?: number;
}

function byKey(a: Lease, b: Lease): number {
  return a.leaseKey < b.leaseKey ? -1 : a.leaseKey > b.leaseKey ? 1 : 0;
}

/** The leader's plan for one assignment round. `active` are the workers whose reports are fresh. */
export function planAssignments(observed: ReadonlyMap<string, ObservedLease>, active: readonly WorkerReport[], nowMs: number, s: AssignmentSettings): Assignment[] {
  if (active.length === 0) return [];
  const workers = [...active].sort((a, b) => (a.worker < b.worker ? -1 : 1));
  const reports = new Map(workers.map((r) => [r.worker, r]));
  const totalUtil = workers.reduce((sum, r) => sum + r.utilisation, 0);
  const totalLeases = workers.reduce((sum, r) => sum + r.leases, 0);
  // Per-lease load of each worker's leases; with no load anywhere every lease weighs 1 (balance counts).
  const mean = totalUtil > 0 && totalLeases > 0 ? totalUtil / totalLeases : 1;
  const weightOf = (owner: string | undefined): number => {
    if (totalUtil === 0) return 1;
    const r = owner !== undefined ? reports.get(owner) : undefined;
    return r && r.leases > 0 ? r.utilisation / r.leases : mean;
  };
  const load = new Map(workers.map((r) => [r.worker, 0]));
  const count = new Map(workers.map((r) => [r.worker, 0]));
  const owned = new Map<string, Lease[]>(workers.map((r) => [r.worker, []]));
  const orphans: Lease[] = [];
  for (const o of [...observed.values()].sort((a, b) => byKey(a.lease, b.lease))) {
    const l = o.lease;
    if (l.checkpoint === 'SHARD_END') continue;
    // A lease being handed off belongs to its new owner already; its old owner is finishing its batch.
    const owner = l.leaseOwner;
    const alive = owner !== undefined && reports.has(owner) && (l.checkpointOwner !== undefined || !isExpired(o, nowMs, s.failoverMs));
    if (!alive) {
      orphans.push(l);
      continue;
    }
    load.set(owner, load.get(owner)! + weightOf(owner));
    count.set(owner, count.get(owner)! + 1);
    owned.get(owner)!.push(l);
  }
  const cap = s.maxLeasesForWorker ?? Infinity;
  const out: Assignment[] = [];
  for (const l of orphans) {
    // Not back to an owner that let it expire while others can take it.
    const others = workers.map((r) => r.worker).filter((w) => w !== l.leaseOwner);
    const to = (others.length > 0 ? others : [l.leaseOwner!])
      .filter((w) => count.get(w)! < cap)
      .sort((a, b) => load.get(a)! - load.get(b)! || count.get(a)! - count.get(b)! || (a < b ? -1 : 1))[0];
    if (to === undefined) break;
    load.set(to, load.get(to)! + weightOf(l.leaseOwner));
    count.set(to, count.get(to)! + 1);
    out.push({ lease: l, to, reason: l.leaseOwner === undefined ? 'new' : 'expired' });
  }
  if (out.length > 0 || workers.length < 2) return out;
  return rebalanceOne(workers.map((r) => r.worker), load, count, owned, weightOf, s, cap);
}

function rebalanceOne(
  ids: string[],
  load: Map<string, number>,
  count: Map<string, number>,
  owned: Map<string, Lease[]>,
  weightOf: (owner: string) => number,
  s: AssignmentSettings,
  cap: number,
): Assignment[] {
  const byLoad = [...ids].sort((a, b) => load.get(a)! - load.get(b)! || count.get(a)! - count.get(b)! || (a < b ? -1 : 1));
  const cold = byLoad[0]!;
  const hot = byLoad[byLoad.length - 1]!;
  const mean = ids.reduce((sum, w) => sum + load.get(w)!, 0) / ids.length;
  const threshold = 1 + (s.rebalanceThresholdPercent ?? 10) / 100;
  if (hot === cold || load.get(hot)! <= mean * threshold || count.get(hot)! < 2 || count.get(cold)! >= cap) return [];
  const w = weightOf(hot);
  // Only a move that leaves the receiver no busier than the giver was: otherwise the lease would bounce back.
  if (w <= 0 || load.get(cold)! + w > load.get(hot)! - w) return [];
  const lease = owned.get(hot)!.filter((l) => l.checkpointOwner === undefined).sort(byKey)[0];
  return lease ? [{ lease, to: cold, reason: 'rebalance' }] : [];
}
