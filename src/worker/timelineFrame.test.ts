import { describe, expect, it } from 'vitest';
import { BATCH_OUTCOMES } from './columns.ts';
import { createHost } from './host.ts';

describe('the frame carries what the timeline draws', () => {
  it('voting-booth: the replayed vote is ×2 and harmful, the crashed batch is abandoned, leases and carets are known', async () => {
    const host = createHost();
    const run = await host.load('voting-booth');
    const f = await host.frame({ atMs: run.durationMs });
    expect(f.lanes).toHaveLength(4);
    const replayed = [...f.records.deliveries].findIndex((d) => d === 2);
    expect(replayed).toBeGreaterThanOrEqual(0);
    expect(f.records.harm[replayed]).toBe(1);
    expect([...f.batches.outcome]).toContain(BATCH_OUTCOMES.indexOf('abandoned'));
    expect(f.workers).toEqual(['worker-1', 'worker-2']);
    expect(f.consumerLanes.every((c) => c.leaseHolder === 'worker-2' && c.checkpointMs !== undefined)).toBe(true);
    const before = await host.frame({ atMs: 40_000 });
    expect([...before.records.harm]).not.toContain(1);
    expect(Number.isNaN(before.leases.t1[before.leases.t1.length - 1]!)).toBe(true);
  });

  it('packs only the requested window', async () => {
    const host = createHost();
    const run = await host.load('voting-booth');
    const f = await host.frame({ atMs: run.durationMs, fromMs: 30_000, toMs: 60_000 });
    expect(f.window).toEqual({ fromMs: 30_000, toMs: 60_000 });
    expect([...f.records.t].every((t) => t >= 30_000 && t <= 60_000)).toBe(true);
    expect([...f.batches.t0].every((t) => t <= 60_000)).toBe(true);
  });
});
