// The host in Node, exactly as the worker runs it: load the default scenario and read the picture
// at a few instants. Times and voters come from src/scenarios/votingBooth.ts.
import { describe, expect, it } from 'vitest';
import { defaultScenarioId } from '../scenarios/catalogue.ts';
import { createHost } from './host.ts';
import { createInspectHost } from './testing/inspectHost.ts';

const voters = async (atMs: number, host: ReturnType<typeof createInspectHost>) => {
  const view = await host.view(atMs);
  return view.tables[0]!.items.map((row) => [row.keySummary, 'S' in row.item.candidate! ? row.item.candidate.S : '?']);
};

describe('createHost', () => {
  it('loads the default scenario and reports the run', async () => {
    const host = createInspectHost();
    const result = await host.load(defaultScenarioId);
    expect(result).toMatchObject({ scenarioId: 'voting-booth', seed: 42, durationMs: 120_000 });
    expect(result.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(result.eventCount).toBeGreaterThan(20);
    expect(await host.traceHash()).toBe(result.traceHash);
  });

  it('shows the Votes table and its shards at time 0, before any vote', async () => {
    const host = createInspectHost();
    await host.load(defaultScenarioId);
    const view = await host.view(0);
    // The Votes table, and the lease table the KCL counter application creates when it starts.
    expect(view.tables.map((t) => t.name)).toEqual(['Votes', 'counter']);
    expect(view.tables[0]!.items).toEqual([]);
    const stream = view.streams[0]!;
    expect(stream.viewType).toBe('NEW_AND_OLD_IMAGES');
    expect(stream.shards.length).toBeGreaterThan(0);
    expect(stream.shards.every((s) => s.status === 'open' && s.records.length === 0)).toBe(true);
  });

  it('follows votes cast, refused, changed and withdrawn', async () => {
    const host = createInspectHost();
    await host.load(defaultScenarioId);
    expect(await voters(4_000, host)).toEqual([['ada', 'Otter']]);

    // Ada's second ballot at 44.8 s fails its condition: her item is unchanged and no record appears.
    const before = await host.view(44_799);
    const after = await host.view(44_800);
    expect(after.writes[0]).toMatchObject({ keySummary: 'ada', outcome: 'rejected', reason: 'ConditionalCheckFailed' });
    expect(after.counts.records).toBe(before.counts.records);
    expect(after.tables[0]!.items).toEqual(before.tables[0]!.items);

    // Grace changes her vote (UpdateItem → MODIFY); Linus withdraws (DeleteItem → REMOVE).
    const mid = await host.view(81_000);
    expect(mid.tables[0]!.items.find((r) => r.keySummary === 'grace')).toMatchObject({ change: 'MODIFY', item: { candidate: { S: 'Badger' } } });
    expect(mid.tables[0]!.items.some((r) => r.keySummary === 'linus')).toBe(false);

    const end = await host.view(120_000);
    expect(end.tables[0]!.items.map((r) => r.keySummary)).toEqual(['ada', 'alan', 'barbara', 'dennis', 'edsger', 'grace', 'hedy', 'margaret']);
    const records = end.streams[0]!.shards.flatMap((s) => s.records);
    // 13 scripted calls, one refused: 12 records — 9 first votes, 2 changed votes, 1 withdrawal.
    expect(records).toHaveLength(12);
    expect(records.filter((r) => r.eventName === 'INSERT')).toHaveLength(9);
    expect(records.filter((r) => r.eventName === 'MODIFY')).toHaveLength(2);
    expect(records.filter((r) => r.eventName === 'REMOVE')).toHaveLength(1);
    // Writes count every table: the 12 votes, plus the counter's lease table and its VoteCounts target.
    expect(end.writes.filter((w) => w.table === 'Votes' && w.outcome !== 'rejected')).toHaveLength(12);
    expect(end.counts).toMatchObject({ rejected: 1, records: 12 });
  });

  it('keeps each voter on one shard, in time order', async () => {
    const host = createInspectHost();
    await host.load(defaultScenarioId);
    const end = await host.view(120_000);
    const shardOf = new Map<string, string>();
    for (const shard of end.streams[0]!.shards) {
      const times = shard.records.map((r) => r.atMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const r of shard.records) {
        expect(shardOf.get(r.keySummary) ?? shard.shardId).toBe(shard.shardId);
        shardOf.set(r.keySummary, shard.shardId);
      }
    }
  });

  it('is deterministic: two loads give the same hash, another seed a different one', async () => {
    const a = await createInspectHost().load(defaultScenarioId);
    const b = await createInspectHost().load(defaultScenarioId);
    const c = await createInspectHost().load(defaultScenarioId, { seed: 7 });
    expect(b.traceHash).toBe(a.traceHash);
    expect(c.traceHash).not.toBe(a.traceHash);
  });

  it('clamps the view to the run and reuses the fold between facts', async () => {
    const host = createInspectHost();
    await host.load(defaultScenarioId);
    expect((await host.view(-5)).atMs).toBe(0);
    expect((await host.view(10_000_000)).atMs).toBe(120_000);
    const v1 = await host.view(5_000);
    const v2 = await host.view(6_000);
    expect(v2.atMs).toBe(6_000);
    expect(v2.tables).toBe(v1.tables);
  });

  it('names what went wrong', async () => {
    const host = createInspectHost();
    await expect(host.view(0)).rejects.toMatchObject({ name: 'no-run' });
    await expect(host.load('no-such-scenario')).rejects.toMatchObject({ name: 'unknown-scenario', message: expect.stringContaining('voting-booth') });
  });

  it('as the worker exposes it, answers the UI and nothing else (the whole-state view is for tests and tools)', async () => {
    const host = createHost();
    expect(Object.keys(host).sort()).toEqual(['cancel', 'checkCode', 'checkEdits', 'checkSetting', 'checkWrite', 'exportRun', 'frame', 'grade', 'importStream', 'intervene', 'load', 'queryTable', 'redo', 'settled', 'stepTarget', 'traceHash', 'undo']);
    expect('view' in createInspectHost()).toBe(true);
  });
});
