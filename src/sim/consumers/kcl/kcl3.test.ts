/**
 * KCL 3.x: leader-based lease assignment by worker utilisation and graceful lease handoff, against
 * AWS's statements (quoted in the test titles: the KCL 3.0 release notes, "DynamoDB metadata tables
 * and load balancing in KCL", "KCL configurations"). The pure planner first, then whole runs.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { addKclConsumer, createKclApi } from './index.ts';
import { factsOf, kclWorld, recordingHandler, writeItems } from './testkit.ts';
import { planAssignments, type WorkerReport } from './assignment.ts';
import { observeScan } from './taker.ts';
import type { Lease } from './leaseTable.ts';
import type { KclConsumerSpec } from '../spec.ts';
import type { Simulation } from '../../simulation.ts';

const FAILOVER = 10_000;

function lease(key: string, owner?: string, counter = 5): Lease {
  return { leaseKey: key, ...(owner ? { leaseOwner: owner } : {}), leaseCounter: counter, checkpoint: 'TRIM_HORIZON', ownerSwitchesSinceCheckpoint: 0, parentShardIds: [] };
}

/** The leader's memory after two scans 1 s apart in which every counter moved (nothing expired). */
function fresh(leases: Lease[]) {
  const first = observeScan(new Map(), leases, 0);
  return observeScan(first, leases.map((l) => ({ ...l, leaseCounter: l.leaseCounter + 1 })), 1_000);
}

const report = (worker: string, utilisation: number, leases: number): WorkerReport => ({ worker, utilisation, leases });

describe('lease assignment by the leader (pure)', () => {
  test('"assigns leases among workers based on worker utilization metrics … replacing the previous lease count-based lease assignment": a new lease goes to the less utilised worker, not the one with fewer leases', () => {
    const observed = fresh([lease('s1', 'w1'), lease('s2', 'w2'), lease('s3', 'w2'), lease('s4')]);
    // w1 holds one hot shard (90 records/s); w2 holds two quiet ones (10 records/s in all).
    const plan = planAssignments(observed, [report('w1', 90, 1), report('w2', 10, 2)], 1_000, { failoverMs: FAILOVER });
    expect(plan).toEqual([{ lease: expect.objectContaining({ leaseKey: 's4' }), to: 'w2', reason: 'new' }]);
  });

  test('"When KCL detects higher variance in CPU utilization among workers, it proactively reassigns leases from over-utilized workers to under-utilized workers": one lease moves, as a handoff', () => {
    const observed = fresh([lease('s1', 'w1'), lease('s2', 'w1'), lease('s3', 'w1'), lease('s4', 'w1')]);
    const plan = planAssignments(observed, [report('w1', 40, 4), report('w2', 0, 0)], 1_000, { failoverMs: FAILOVER });
    expect(plan).toEqual([{ lease: expect.objectContaining({ leaseKey: 's1', leaseOwner: 'w1' }), to: 'w2', reason: 'rebalance' }]);
  });

  test('reBalanceThresholdPercentage (default 10): workers within the threshold of the mean are left alone, and a move that would only swap the imbalance is not made', () => {
    const even = fresh([lease('s1', 'w1'), lease('s2', 'w1'), lease('s3', 'w2'), lease('s4', 'w2')]);
    expect(planAssignments(even, [report('w1', 21, 2), report('w2', 20, 2)], 1_000, { failoverMs: FAILOVER })).toEqual([]);
    const single = fresh([lease('s1', 'w1'), lease('s2', 'w2')]);
    expect(planAssignments(single, [report('w1', 50, 1), report('w2', 5, 1)], 1_000, { failoverMs: FAILOVER })).toEqual([]);
  });

  test('"failoverTimeMillis: The number of milliseconds that must pass before you can consider a lease owner to have failed": a lease is reassigned only once its counter stood still that long', () => {
    const leases = [lease('s1', 'w1'), lease('s2', 'w2')];
    const seen = observeScan(new Map(), leases, 0);
    const reports = [report('w1', 5, 1), report('w2', 5, 1)];
    expect(planAssignments(seen, reports, FAILOVER, { failoverMs: FAILOVER })).toEqual([]);
    const plan = planAssignments(observeScan(seen, [lease('s1', 'w1'), lease('s2', 'w2', 9)], FAILOVER + 1), reports, FAILOVER + 1, { failoverMs: FAILOVER });
    expect(plan).toEqual([{ lease: expect.objectContaining({ leaseKey: 's1' }), to: 'w2', reason: 'expired' }]);
  });

  test('property: every plan gives each lease at most once, only to active workers, and never more than one rebalance per round', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.constantFrom('w1', 'w2', 'w3', 'gone'), { nil: undefined }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(100), { minLength: 3, maxLength: 3 }),
        (owners, utils) => {
          const leases = owners.map((o, i) => lease(`s${i}`, o));
          const reports = ['w1', 'w2', 'w3'].map((w, i) => report(w, utils[i]!, leases.filter((l) => l.leaseOwner === w).length));
          const plan = planAssignments(fresh(leases), reports, 1_000, { failoverMs: FAILOVER });
          expect(new Set(plan.map((a) => a.lease.leaseKey)).size).toBe(plan.length);
          expect(plan.every((a) => a.to !== 'gone' && a.to !== a.lease.leaseOwner)).toBe(true);
          expect(plan.filter((a) => a.reason === 'rebalance').length).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

function spec3(over: Partial<KclConsumerSpec> = {}): KclConsumerSpec {
  return { id: 'app', kind: 'kcl', handler: recordingHandler().spec, workers: ['w1'], checkpoint: { kind: 'every-n-records', n: 10 }, config: { initialPositionInStream: 'TRIM_HORIZON' }, ...over };
}

/** Ten writes a second for `seconds`, spread over the table's shards. */
async function traffic(sim: Simulation, fromS: number, seconds: number): Promise<void> {
  for (let s = fromS; s < fromS + seconds; s++) {
    writeItems(sim, 10, `t${s}-`);
    await sim.advanceBy(1_000);
  }
}

/** One worker reads four shards; w2 joins at 20 s; returns the run and how many records came twice. */
async function scaleOut(version: '1.x' | '3.x') {
  const { sim } = kclWorld({ partitions: 4 });
  const h = recordingHandler();
  addKclConsumer(sim.world, spec3({ config: { kclVersion: version, initialPositionInStream: 'TRIM_HORIZON' } }), h);
  await traffic(sim, 0, 20);
  sim.intervene({ at: 20_000, kind: 'add-worker', target: 'app', params: { worker: 'w2' } });
  await traffic(sim, 20, 100);
  return { sim, h, twice: h.seen.filter((s) => s.deliveryCount > 1).length };
}

describe('KCL 3.x in a run', () => {
  test('"KCL 3.x creates three DynamoDB tables … lease table, worker metrics table, and coordinator state table"; one worker takes the leader lock', async () => {
    const { sim } = kclWorld({ partitions: 2 });
    addKclConsumer(sim.world, spec3({ workers: ['w1', 'w2'] }), recordingHandler());
    await sim.advanceBy(30_000);
    expect([...sim.world.tables.keys()].filter((n) => n.startsWith('app')).sort()).toEqual(['app', 'app-CoordinatorState', 'app-WorkerMetricStats']);
    expect(factsOf(sim.trace, 'leader-elected').map((f) => f.worker)).toEqual(['w1']);
    expect(createKclApi(sim.world).workers('app').map((w) => w.leases.length)).toEqual([1, 1]);
    expect(factsOf(sim.trace, 'lease-taken').every((f) => f.reason === 'new')).toBe(true);
  });

  test('"graceful lease handoff … to minimize data reprocessing": scaling out moves leases with no record processed twice, where KCL 1.x stealing reprocesses', async () => {
    const v3 = await scaleOut('3.x');
    const handoffs = factsOf(v3.sim.trace, 'lease-handed-off');
    expect(handoffs.length).toBeGreaterThanOrEqual(1);
    expect(handoffs.every((f) => f.worker === 'w1' && f.to === 'w2')).toBe(true);
    // The old owner checkpointed in its REQUESTED shutdown before letting go.
    expect(factsOf(v3.sim.trace, 'processor-shutdown').filter((f) => f.reason === 'REQUESTED').every((f) => f.checkpointed)).toBe(true);
    expect(v3.twice).toBe(0);
    expect(createKclApi(v3.sim.world).workers('app').map((w) => w.leases.length)).toEqual([2, 2]);
    const v1 = await scaleOut('1.x');
    expect(factsOf(v1.sim.trace, 'lease-taken').filter((f) => f.reason === 'stolen').length).toBeGreaterThanOrEqual(2);
    expect(v1.twice).toBeGreaterThan(0);
  });

  test('a crashed worker\'s leases are reassigned after they expire; a crashed leader\'s lock is taken over after its lease duration', async () => {
    const { sim } = kclWorld({ partitions: 2 });
    const h = recordingHandler();
    addKclConsumer(sim.world, spec3({ workers: ['w1', 'w2'] }), h);
    await traffic(sim, 0, 20);
    sim.intervene({ at: 20_000, kind: 'crash', target: 'app/w1', params: { when: 'now' } });
    await traffic(sim, 20, 60);
    expect(factsOf(sim.trace, 'leader-elected').map((f) => f.worker)).toEqual(['w1', 'w2']);
    const moved = factsOf(sim.trace, 'lease-assigned').filter((f) => f.reason === 'expired');
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ worker: 'w2', to: 'w2', previousOwner: 'w1' });
    expect(moved[0]!.t).toBeGreaterThan(20_000 + FAILOVER);
    // At-least-once still: what w1 processed after its last checkpoint is processed again.
    const written = new Set(h.seen.map((s) => s.eventID));
    expect(written.size).toBe(800);
  });
});

describe('property: KCL 3.x under crashes, restarts and scale-out', () => {
  test('no two live workers ever hold one lease at once, and every record is processed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.integer({ min: 1, max: 59 }), what: fc.constantFrom('crash', 'restart', 'add'), worker: fc.constantFrom('w1', 'w2') }), { maxLength: 4 }),
        fc.integer({ min: 1, max: 3 }),
        async (faults, partitions) => {
          const { sim } = kclWorld({ partitions });
          const h = recordingHandler();
          addKclConsumer(sim.world, spec3({ workers: ['w1', 'w2'] }), h);
          const api = createKclApi(sim.world);
          let added = 0;
          for (let s = 0; s < 150; s++) {
            if (s < 60) writeItems(sim, 3, `t${s}-`);
            for (const f of faults.filter((x) => x.at === s)) {
              if (f.what === 'add') sim.intervene({ at: sim.world.nowMs, kind: 'add-worker', target: 'app', params: { worker: `x${++added}` } });
              else sim.intervene({ at: sim.world.nowMs, kind: f.what, target: `app/${f.worker}`, params: {} });
            }
            // A crashed worker comes back at 90 s, so the run can finish its shards.
            if (s === 90) for (const w of ['w1', 'w2']) if (!api.workers('app').find((v) => v.id === w)!.alive) sim.intervene({ at: sim.world.nowMs, kind: 'restart', target: `app/${w}`, params: {} });
            for (let half = 0; half < 2; half++) {
              await sim.advanceBy(500);
              const holders = new Map<string, string[]>();
              for (const w of api.workers('app')) if (w.alive) for (const l of w.leases) holders.set(l, [...(holders.get(l) ?? []), w.id]);
              for (const [shard, ws] of holders) expect(ws, `${shard} at ${sim.world.nowMs} ms`).toHaveLength(1);
            }
          }
          expect(new Set(h.seen.map((x) => x.eventID)).size).toBe(180);
        },
      ),
      { numRuns: 12 },
    );
  });
});
