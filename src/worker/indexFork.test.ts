// A forked run indexes only its new facts (indexFork.ts, fold.ts' Snapshots.fork, run.ts'
// forkExtras): whatever the fork's index, fold and extras answer must be what indexing the same
// trace from fact 0 answers. Random scenarios (tools/randomScenarios.ts) and the built-in ones, cut
// at random instants; then a chain of interventions through the host, frame by frame.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomScenarioArb } from '../../tools/randomScenarios.ts';
import { scenarios } from '../scenarios/catalogue.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { Intervention } from '../sim/faults/intervention.ts';
import type { TraceEvent } from '../sim/index.ts';
import { finishRun } from '../sim/runPlan.ts';
import { forkRun } from '../sim/runFork.ts';
import { createHostCore } from './host.ts';
import { runWithSnapshots } from './testing/snapshotRun.ts';
import { forkIndex } from './indexFork.ts';
import { indexTrace } from './runIndex.ts';
import { comparableIndex } from './testing/comparableIndex.ts';
import { Snapshots } from './fold.ts';
import { buildExtras, forkExtras, type RunExtras } from './run.ts';
import type { Frame } from './protocol.ts';


function comparableExtras(extras: RunExtras, trace: readonly TraceEvent[]): object {
  const { deliveries, sourceWriteFacts, ...rest } = extras;
  const ids = trace.flatMap((e) => (e.type === 'record-appended' ? [e.record.eventID] : []));
  return { ...rest, sourceWriteFacts: [...sourceWriteFacts.toArray()], deliveries: ids.map((id) => deliveries.get(id) ?? []) };
}

/** Forks `scenario` (without its last intervention) at each cut; the fork's index must be the fresh one. Returns how many forks were indexed from the parent. */
async function check(scenario: Scenario, fractions: number[]): Promise<number> {
  const next = scenario.interventions?.at(-1);
  if (!next || next.at === 0) return 0;
  const base = { ...scenario, interventions: scenario.interventions!.slice(0, -1) };
  const cuts = [...new Set(fractions.map((f) => Math.floor(f * next.at)))].filter((t) => t < next.at).sort((a, b) => a - b);
  const parentRun = await runWithSnapshots(base, cuts);
  if (!parentRun) return 0;
  const parentTrace = parentRun.sim.trace;
  const parent = indexTrace(parentTrace);
  const parentSnapshots = new Snapshots(parentTrace, 64);
  const parentExtras = buildExtras(parentTrace, base);
  let reused = 0;
  for (const snapshot of parentRun.snapshots) {
    const trace = (await finishRun(forkRun(snapshot, next), base)).trace;
    const forked = forkIndex(parent, parentTrace, trace, snapshot.facts, snapshot.atMs);
    if (!forked) continue;
    reused++;
    const fresh = indexTrace(trace);
    expect(comparableIndex(forked.index), `${scenario.id} forked at ${snapshot.atMs} ms`).toEqual(comparableIndex(fresh.index));
    // A fork of the fork (the next intervention) starts from the forked builder: it must be whole.
    expect(comparableIndex(indexTrace(trace, forked.builder, trace.length).index)).toEqual(comparableIndex(fresh.index));
    const snapshots = parentSnapshots.fork(trace, snapshot.facts);
    const reference = new Snapshots(trace, 64);
    for (const at of [snapshot.facts, Math.floor(trace.length / 2), trace.length]) expect(snapshots.stateAt(at)).toEqual(reference.stateAt(at));
    expect(comparableExtras(forkExtras(parentExtras, trace, base, snapshot.facts), trace)).toEqual(comparableExtras(buildExtras(trace, base), trace));
  }
  return reused;
}

describe('a forked run indexes only its new facts', () => {
  it('and its index, fold and extras equal those of the same trace indexed from fact 0 (random scenarios)', { timeout: 240_000 }, async () => {
    let reused = 0;
    await fc.assert(
      fc.asyncProperty(randomScenarioArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }), async (scenario, cuts) => {
        reused += await check(scenario, cuts);
      }),
      { numRuns: Number(process.env.STREAMSCOPE_FORK_RUNS ?? 30), seed: 19_1 },
    );
    expect(reused).toBeGreaterThan(5);
  });

  it('for the built-in scenarios with interventions', { timeout: 120_000 }, async () => {
    let reused = 0;
    for (const scenario of scenarios) {
      if (scenario.consumers?.some((c) => c.handler.code !== undefined)) continue;
      reused += await check(scenario, [0.25, 0.5, 0.99]);
    }
    expect(reused).toBeGreaterThan(3);
  });
});

describe('the host answers a chain of forks as it answers a recompute', () => {
  const noYield = async () => undefined;
  const at = (frame: Frame) => ({ ...frame, runId: 0, partVersions: undefined, reused: undefined });
  it('frame by frame, after each intervention', { timeout: 120_000 }, async () => {
    const scenario = scenarios.find((s) => s.id === 'voting-naive-crash')!;
    const base = { ...scenario, interventions: [] };
    const list: Intervention[] = [
      { at: 30_000, kind: 'crash', target: 'counter', params: { when: 'now' } },
      { at: 45_000, kind: 'redeliver-batch', target: 'counter' },
      { at: 12_000, kind: 'expire-iterator', target: 'counter' },
      { at: 50_000, kind: 'crash', target: 'counter', params: { when: 'now' } },
    ];
    const forking = createHostCore({ yieldSlice: noYield, snapshotEvery: 64 });
    await forking.api.load({ inline: base });
    let reused = 0;
    for (let k = 0; k < list.length; k++) {
      await forking.api.intervene(list[k]!);
      const viaFork = await forking.api.settled();
      // A builder cut at a snapshot's instant: the run was indexed from its parent's.
      if (forking.foldAt(0).run.builder!.cutMs < Infinity) reused++;
      const fresh = createHostCore({ yieldSlice: noYield, forks: false, snapshotEvery: 64 });
      const recomputed = await fresh.api.load({ inline: base }, { interventions: list.slice(0, k + 1) });
      expect(viaFork.traceHash).toBe(recomputed.traceHash);
      const { runId: _a, canUndo: _b, canRedo: _c, ...described } = viaFork;
      const { runId: _d, canUndo: _e, canRedo: _f, ...expected } = recomputed;
      expect(described).toEqual(expected);
      for (const t of [0, 11_000, 29_000, 30_000, 44_000, 52_000, scenario.durationMs]) {
        const request = { atMs: t, fromMs: Math.max(0, t - 20_000), toMs: t };
        expect(at(await forking.api.frame(request)), `after ${k + 1} interventions at ${t} ms`).toEqual(at(await fresh.api.frame(request)));
      }
    }
    expect(reused).toBeGreaterThanOrEqual(2);
  });
});
