// The host's time machine in Node: seeking through snapshots equals a fresh fold, frames carry
// columns, interventions keep the past and undo restores the original run, and bad input is named.
import { describe, expect, it } from 'vitest';
import { defaultScenarioId, findScenario } from '../scenarios/catalogue.ts';
import type { Scenario } from '../scenarios/types.ts';
import { EVENT_NAMES, MARK_KINDS } from './columns.ts';
import { createInspectHost } from './testing/inspectHost.ts';
import { foldView } from './testing/foldOracle.ts';

const base = findScenario(defaultScenarioId)!;

/** A deterministic pseudo-random sequence (a test fixture, not the sim's PRNG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The voting booth with 3,000 more puts, updates and deletes over 40 voters, across 10 minutes. */
function busyScenario(): Scenario {
  const rand = lcg(9);
  const writes: Scenario['writes'] = [];
  for (let i = 0; i < 3_000; i++) {
    const voterId = { S: `v${Math.floor(rand() * 40)}` };
    const at = 1_000 + i * 200;
    const r = rand();
    if (r < 0.6) writes.push({ at, target: 'DynamoDB_20120810.PutItem', input: { TableName: 'Votes', Item: { voterId, candidate: { S: ['Otter', 'Heron', 'Badger'][i % 3]! } } } });
    else if (r < 0.85) writes.push({ at, target: 'DynamoDB_20120810.UpdateItem', input: { TableName: 'Votes', Key: { voterId }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: String(i) } } } });
    else writes.push({ at, target: 'DynamoDB_20120810.DeleteItem', input: { TableName: 'Votes', Key: { voterId } } });
  }
  return { ...base, id: 'busy-booth', title: 'Busy booth', durationMs: 602_000, writes, simulation: { ...base.simulation, shardLifetimeMs: 120_000 } };
}

describe('seek', () => {
  it('equals a fresh fold of the trace at random times (small snapshots, busy run)', async () => {
    const host = createInspectHost({ snapshotEvery: 64, yieldSlice: async () => {} });
    const run = await host.load({ inline: busyScenario() });
    expect(run.eventCount).toBeGreaterThan(5_000);
    const full = await host.view(run.durationMs);
    expect(full.counts.facts).toBe(run.eventCount);
    // The reference: the plain fold of view.ts over the same trace (got through a second, identical run).
    const { sim } = await import('./runScenario.ts').then(async (m) => ({ sim: await m.buildRun(busyScenario()) }));
    const rand = lcg(3);
    const times = [0, 1_000, run.durationMs, ...Array.from({ length: 20 }, () => Math.floor(rand() * run.durationMs))];
    for (const t of times) expect(await host.view(t), `at ${t} ms`).toEqual(foldView(sim.trace, t));
    // And backwards, after moving forwards (the host's cache must not leak the future).
    for (const t of [...times].reverse().slice(0, 10)) expect(await host.view(t)).toEqual(foldView(sim.trace, t));
  }, 120_000); // folds a 5,000-fact trace from 0 at 32 instants: slow on a loaded 2-core machine, not a timing check

  it('answers frames as columns within the window, at the playhead', async () => {
    const host = createInspectHost();
    const run = await host.load(defaultScenarioId);
    const frame = await host.frame({ atMs: 85_000 });
    expect(frame.runId).toBe(run.runId);
    expect(frame.records.t).toBeInstanceOf(Float64Array);
    expect(frame.records.t.length).toBe(9); // 9 records by 85 s (see e2e/app.spec.ts's story)
    expect(frame.sequenceChunk).toMatchObject({ from: 0 });
    expect(frame.sequenceChunk.values).toHaveLength(9);
    expect([...frame.records.event].map((e) => EVENT_NAMES[e])).toContain('REMOVE');
    expect(frame.records.key.every((k) => run.keys[k] !== undefined)).toBe(true);
    expect(frame.nextRecord).toMatchObject({ atMs: 91_000 });
    expect(frame.counts).toMatchObject({ records: 9, rejected: 1 });
    const windowed = await host.frame({ atMs: 85_000, fromMs: 50_000, toMs: 70_000 });
    expect([...windowed.records.t]).toEqual([53_000, 62_400]);
    expect(windowed.marks.t.every((t) => t >= 50_000 && t <= 70_000)).toBe(true);
    const sel = await host.frame({ atMs: 85_000, selected: { shardId: frame.lanes[frame.records.lane[0]!]!.shardId, sequenceNumber: frame.sequenceChunk.values[0]! } });
    expect(sel.selectedRecord?.eventName).toBe('INSERT');
    expect(run.ticks.kind.every((k) => MARK_KINDS[k] !== undefined)).toBe(true);
  });

  it('steps to the next and previous fact, and by kind', async () => {
    const host = createInspectHost();
    await host.load(defaultScenarioId);
    expect(await host.stepTarget(0, 1, 'any')).toBe(4_000);
    expect(await host.stepTarget(4_000, 1, 'record')).toBe(11_500);
    expect(await host.stepTarget(11_500, -1, 'any')).toBe(4_000);
    expect(await host.stepTarget(4_000, -1, 'any')).toBe(0);
    expect(await host.stepTarget(0, -1, 'any')).toBeNull();
    // worker-1 of the counter crashes before checkpointing the batch with Barbara's vote (53 s).
    expect(await host.stepTarget(0, 1, 'crash')).toBe(53_010);
    expect(await host.stepTarget(53_010, 1, 'crash')).toBeNull();
  });
});

describe('interventions', () => {
  const split = { at: 30_000, kind: 'split-shard' as const, target: 'Votes' };

  it('keeps the past, recomputes the future, and undo/redo move along the list', async () => {
    const host = createInspectHost();
    const original = await host.load(defaultScenarioId);
    const before = await host.view(29_999);
    // An intervention is answered once the run is past it; `settled()` is the whole run.
    const early = await host.intervene(split);
    const forked = await host.settled();
    expect(forked.runId).toBe(early.runId);
    expect(forked.traceHash).not.toBe(original.traceHash);
    expect(forked.interventions).toEqual([split]);
    expect(forked.runId).not.toBe(original.runId);
    expect((await host.frame({ atMs: 0 })).runId).toBe(forked.runId);
    expect(forked).toMatchObject({ canUndo: true, canRedo: false });
    expect(await host.view(29_999)).toEqual(before);
    expect((await host.view(30_000)).streams[0]!.shards.length).toBe(before.streams[0]!.shards.length + 2);

    const undone = await host.undo();
    expect(undone.traceHash).toBe(original.traceHash);
    expect(undone).toMatchObject({ canUndo: false, canRedo: true, interventions: [] });
    const redone = await host.redo();
    expect(redone.traceHash).toBe(forked.traceHash);
    expect(redone.canRedo).toBe(false);
  });

  it('loads with the user interventions and gives the same hash as intervening', async () => {
    const a = createInspectHost();
    await a.load(defaultScenarioId);
    await a.intervene(split);
    const viaIntervene = await a.settled();
    const viaLoad = await createInspectHost().load({ id: defaultScenarioId }, { interventions: [split] });
    expect(viaLoad.traceHash).toBe(viaIntervene.traceHash);
  });

  it('refuses an intervention after the end or of an unknown kind', async () => {
    const host = createInspectHost();
    await host.load(defaultScenarioId);
    await expect(host.intervene({ ...split, at: 10_000_000 })).rejects.toMatchObject({ name: 'invalid-intervention' });
    await expect(host.intervene({ ...split, kind: 'explode' as never })).rejects.toMatchObject({ name: 'invalid-intervention', message: expect.stringContaining('kind') });
  });
});

describe('loading', () => {
  it('validates an inline scenario and names the path and what was expected', async () => {
    const host = createInspectHost();
    const bad = { ...base, durationMs: -5, consumers: [{ id: 'x', kind: 'quantum' }] };
    await expect(host.load({ inline: bad })).rejects.toMatchObject({ name: 'invalid-scenario', message: expect.stringMatching(/durationMs: must not be negative[\s\S]*consumers\.0/) });
    const good = await host.load({ inline: { ...base, title: '<script>alert(1)</script>' } });
    expect(good).toMatchObject({ inline: true, title: '<script>alert(1)</script>' });
  });

  it('computes in slices, reporting progress, and a newer load supersedes an older one', async () => {
    const host = createInspectHost();
    const progress: number[] = [];
    const slow = host.load({ inline: busyScenario() }, {}, (p) => progress.push(p.doneMs));
    const fast = host.load(defaultScenarioId);
    await expect(slow).rejects.toMatchObject({ name: 'superseded' });
    expect((await fast).scenarioId).toBe('voting-booth');
    expect(await host.traceHash()).toBe((await fast).traceHash);

    const done: number[] = [];
    await host.load({ inline: busyScenario() }, {}, (p) => done.push(p.doneMs));
    expect(done.length).toBeGreaterThan(2);
    expect(done.at(-1)).toBe(602_000);
  });
});
