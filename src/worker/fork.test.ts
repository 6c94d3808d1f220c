// Forking from a snapshot gives the very run a recompute from time 0 gives (issue 19.4). Random
// scenarios (tools/randomScenarios.ts) and the built-in ones: the scenario's interventions but the
// last are the user's earlier ones, the last is the new one; the run with the earlier ones is taken
// to its end with snapshots on the way, forked at the latest snapshot before the new intervention
// and finished. Its trace hash must equal the recompute's, and the snapshot stays reusable.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { randomScenarioArb } from '../../tools/randomScenarios.ts';
import { scenarios } from '../scenarios/catalogue.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { Intervention } from '../sim/faults/intervention.ts';
import { NotForkableError } from '../sim/snapshot.ts';
import { finishRun } from '../sim/runPlan.ts';
import { forkRun } from '../sim/runFork.ts';
import type { SimulationSnapshot } from '../sim/simulation.ts';
import { buildRun, prepareRun } from './runScenario.ts';
import { runWithSnapshots } from './testing/snapshotRun.ts';
import { createHost, createHostCore } from './host.ts';
import { WorldSnapshots } from './forks.ts';
import { PlayheadSnapshots } from './playheadSnapshots.ts';
import { createKclApi } from '../sim/consumers/kcl/index.ts';
import { kclWorld, loggingFactory } from '../sim/consumers/kcl/testkit.ts';
import { indexTrace } from './runIndex.ts';
import { comparableIndex } from './testing/comparableIndex.ts';


async function forkedHash(snapshot: SimulationSnapshot, scenario: Scenario, next: Intervention): Promise<string> {
  const sim = await finishRun(forkRun(snapshot, next), scenario);
  return sim.traceHash();
}

/** The user's interventions taken from the scenario's own: all but the last are earlier, the last is new. */
function split(scenario: Scenario): { base: Scenario; earlier: Intervention[]; next: Intervention } | null {
  const all = scenario.interventions ?? [];
  const next = all.at(-1);
  if (!next || next.at === 0) return null;
  return { base: { ...scenario, interventions: [] }, earlier: all.slice(0, -1), next };
}

async function check(scenario: Scenario, cutFractions: number[]): Promise<'forked' | 'not-forkable' | 'skipped'> {
  const parts = split(scenario);
  if (!parts) return 'skipped';
  const { base, earlier, next } = parts;
  const cuts = [...new Set(cutFractions.map((f) => Math.floor(f * next.at)))].filter((t) => t < next.at).sort((a, b) => a - b);
  const snapshots = (await runWithSnapshots(base, cuts, earlier))?.snapshots ?? null;
  if (snapshots === null) return 'not-forkable';
  const recomputed = (await buildRun(base, { interventions: [...earlier, next] })).traceHash();
  for (const snapshot of snapshots) {
    expect(await forkedHash(snapshot, base, next), `${scenario.id} forked at ${snapshot.atMs} ms`).toBe(recomputed);
  }
  // Forking twice from one snapshot gives the same run: a fork never writes into its snapshot.
  const last = snapshots.at(-1);
  if (last) expect(await forkedHash(last, base, next)).toBe(recomputed);
  // A snapshot prepared at the playhead (the intervention's instant) from the latest one, its trace
  // left unhashed since that one: the fork from it hashes what it shares and still gives the same run.
  const worlds = new WorldSnapshots(base.durationMs);
  worlds.list.push(...snapshots);
  const latest = worlds.before(next.at);
  const prepared = await new PlayheadSnapshots(async () => undefined).prepare({ worlds, atMs: next.at });
  // Prepared unless a snapshot already stands just before the playhead.
  expect(prepared === undefined).toBe(latest === undefined || latest.atMs >= next.at - 1);
  if (prepared) {
    expect(prepared.atMs).toBe(next.at - 1);
    expect(worlds.before(next.at)).toBe(prepared);
    expect(prepared.handOver?.taken).toBe(false);
    expect(await forkedHash(prepared, base, next), `${scenario.id} forked at the playhead`).toBe(recomputed);
    // The first fork took the prepared world's trace and went on writing it; a second fork copies
    // the first `facts` facts of it, which that one never changed.
    expect(prepared.handOver?.taken).toBe(true);
    expect(await forkedHash(prepared, base, next), `${scenario.id} forked at the playhead again`).toBe(recomputed);
  }
  return 'forked';
}

describe('fork from a snapshot', () => {
  it('gives the trace hash of a recompute from time 0, for random scenarios', { timeout: 240_000 }, async () => {
    const outcomes: string[] = [];
    await fc.assert(
      fc.asyncProperty(randomScenarioArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }), async (scenario, cuts) => {
        outcomes.push(await check(scenario, cuts));
      }),
      { numRuns: Number(process.env.STREAMSCOPE_FORK_RUNS ?? 40), seed: 19_4 },
    );
    // The property is about forks: enough of the runs must have forked.
    expect(outcomes.filter((o) => o === 'forked').length, outcomes.join(' ')).toBeGreaterThan(5);
  });

  it('gives the trace hash of a recompute from time 0, for the built-in scenarios with interventions', { timeout: 120_000 }, async () => {
    const forked: string[] = [];
    for (const scenario of scenarios) {
      if (scenario.consumers?.some((c) => c.handler.code !== undefined)) continue;
      if ((await check(scenario, [0.25, 0.5, 0.99])) === 'forked') forked.push(scenario.id);
    }
    expect(forked).toContain('voting-booth');
  });

  it('forks KCL applications (their processors are data) and refuses a learner\'s own processor closures', async () => {
    // The flagship (voting-booth) is a KCL run: its interventions fork instead of recomputing from 0.
    const kcl = scenarios.filter((s) => s.consumers?.some((c) => c.kind === 'kcl') && !s.consumers.some((c) => c.handler.code !== undefined));
    expect(kcl.map((s) => s.id)).toContain('voting-booth');
    for (const scenario of kcl) {
      const sim = prepareRun(scenario);
      await sim.advanceTo(Math.floor(scenario.durationMs / 2));
      expect(() => sim.snapshot(), scenario.id).not.toThrow();
    }
    // A processor factory that is a function may close over state the copy cannot take along.
    const { sim, streamArn } = kclWorld();
    createKclApi(sim.world).createApplication({ applicationName: 'app', streamArn, workers: ['w1'], processorFactory: loggingFactory().factory, config: { kclVersion: '1.x' } });
    await sim.advanceBy(1);
    expect(() => sim.snapshot()).toThrow(NotForkableError);
  });
});

describe('a snapshot taken last', () => {
  it('hands a last snapshot\'s trace to the first fork, and the simulation that took it goes no further', async () => {
    const scenario = scenarios.find((s) => s.interventions?.length && !s.consumers?.some((c) => c.kind === 'kcl' || c.handler.code !== undefined));
    const parts = split(scenario!);
    const { base, earlier, next } = parts!;
    const sim = prepareRun(base, { interventions: earlier });
    await sim.advanceTo(next.at - 1);
    const snapshot = sim.snapshot({ last: true });
    expect(() => sim.advanceTo(next.at)).toThrow(/ended/);
    expect(() => sim.traceHash()).toThrow(/ended/);
    const first = forkRun(snapshot, next);
    // The trace's rows are shared by chunk with every fork; the facts kept as objects go to the first one as they are.
    expect(first.world.trace.objects).toBe(sim.world.trace.objects);
    const second = forkRun(snapshot, next);
    expect(second.world.trace.objects).not.toBe(sim.world.trace.objects);
    const recomputed = (await buildRun(base, { interventions: [...earlier, next] })).traceHash();
    expect((await finishRun(first, base)).traceHash()).toBe(recomputed);
    expect((await finishRun(second, base)).traceHash()).toBe(recomputed);
  });
});

describe('the host forks an intervention from its world snapshots', () => {
  const noYield = async () => undefined;
  it('and answers the run a recompute from time 0 answers', { timeout: 120_000 }, async () => {
    let forked = 0;
    for (const scenario of scenarios) {
      const all = scenario.interventions ?? [];
      const next = all.at(-1);
      if (!next || next.at === 0 || scenario.consumers?.some((c) => c.handler.code !== undefined)) continue;
      const base = { ...scenario, interventions: [] };
      const core = createHostCore({ yieldSlice: noYield });
      const host = core.api;
      await host.load({ inline: base }, { interventions: all.slice(0, -1) });
      const worlds = core.foldAt(0).run.worlds;
      if (worlds.before(next.at)) forked++;
      await host.intervene(next);
      const viaFork = await host.settled();
      const fresh = await createHost({ yieldSlice: noYield, forks: false }).load({ inline: base }, { interventions: all });
      expect(viaFork.traceHash, scenario.id).toBe(fresh.traceHash);
      expect(viaFork.eventCount).toBe(fresh.eventCount);
      // Undo goes back to the run before; redo forks again and lands on the same run.
      expect((await host.undo()).interventions).toEqual(all.slice(0, -1));
      await host.redo();
      expect((await host.settled()).traceHash).toBe(fresh.traceHash);
    }
    expect(forked).toBeGreaterThan(2);
  });
});

describe('a snapshot prepared where the playhead rests', () => {
  const noYield = async () => undefined;
  it('is taken once frames stop moving, and the intervention there forks from it with a recompute\'s hash', { timeout: 120_000 }, async () => {
    let prepared = 0;
    for (const scenario of scenarios) {
      const all = scenario.interventions ?? [];
      const next = all.at(-1);
      if (!next || next.at < 2 || scenario.consumers?.some((c) => c.handler.code !== undefined)) continue;
      const base = { ...scenario, interventions: [] };
      const core = createHostCore({ yieldSlice: noYield });
      await core.api.load({ inline: base }, { interventions: all.slice(0, -1) });
      const worlds = core.foldAt(0).run.worlds;
      if (!worlds.forkable || worlds.closeTo(next.at)) continue;
      // The playhead passes another instant first: only where it rests is a snapshot prepared.
      await core.api.frame({ atMs: Math.floor(next.at / 2) });
      await core.api.frame({ atMs: next.at });
      await vi.waitFor(() => expect(worlds.playhead?.atMs).toBe(next.at - 1), { timeout: 20_000, interval: 20 });
      prepared++;
      const facts = worlds.playhead!.facts;
      await core.api.intervene(next);
      // The fork took the index builder cut while the playhead rested (handed out once).
      expect(worlds.takeCut(facts)).toBeUndefined();
      const viaFork = await core.api.settled();
      const whole = core.foldAt(0).run;
      expect(whole.builder?.cutMs, scenario.id).toBe(next.at - 1);
      expect(comparableIndex(whole.index), scenario.id).toEqual(comparableIndex(indexTrace(whole.trace).index));
      const fresh = await createHost({ yieldSlice: noYield, forks: false }).load({ inline: base }, { interventions: all });
      expect(viaFork.traceHash, scenario.id).toBe(fresh.traceHash);
      expect(viaFork.eventCount).toBe(fresh.eventCount);
    }
    expect(prepared).toBeGreaterThan(2);
  });
});

describe('a chain of interventions', () => {
  it('forked one after another (same instant, then earlier, then later) equals the recompute of the whole list, and every one forks', { timeout: 120_000 }, async () => {
    const noYield = async () => undefined;
    for (const id of ['voting-naive-crash', 'voting-booth']) {
      const scenario = scenarios.find((s) => s.id === id)!;
      const base = { ...scenario, interventions: [] };
      const target = scenario.consumers![0]!.id;
      const list: Intervention[] = [
        { at: 30_000, kind: 'crash', target, params: { when: 'now' } },
        { at: 30_000, kind: 'redeliver-batch', target },
        { at: 12_000, kind: 'expire-iterator', target },
        { at: 31_000, kind: 'redeliver-batch', target },
      ];
      const core = createHostCore({ yieldSlice: noYield });
      await core.api.load({ inline: base });
      for (let k = 0; k < list.length; k++) {
        await core.api.intervene(list[k]!);
        const viaFork = await core.api.settled();
        // Indexed from its parent's cut index: the run forked (the parent's snapshots before the
        // intervention were handed on to it), it was not recomputed from time 0.
        expect(core.foldAt(0).run.builder?.cutMs, `${id}: intervention ${k + 1} forked`).toBeLessThan(list[k]!.at);
        const fresh = await createHost({ yieldSlice: noYield, forks: false }).load({ inline: base }, { interventions: list.slice(0, k + 1) });
        expect(viaFork.traceHash, `${id}: after ${k + 1} interventions`).toBe(fresh.traceHash);
      }
    }
  });
});
