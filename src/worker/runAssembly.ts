/**
 * A simulated run as the host keeps it, assembled from its simulation: the trace's index, fold
 * snapshots and extras. When the run continues another one's facts — a fork from a world snapshot
 * (the parent's first `facts` facts), or the rest of a run answered before it was complete (its own
 * first part) — these go on from that run's instead of from fact 0 (`indexFork.ts`).
 *
 * May import: sim types, ./run.ts, ./runIndex.ts, ./forkCodeLoader.ts, ./fold.ts, ./forks.ts.
 * May not import: ui, share, Worker globals.
 */
import type { Scenario } from '../scenarios/types.ts';
import type { Simulation } from '../sim/index.ts';
import { Snapshots } from './fold.ts';
import { forkCode } from './forkCodeLoader.ts';
import { buildExtras, forkExtras, type Run } from './run.ts';
import { indexTrace, type IndexedTrace } from './runIndex.ts';

/** What a run is before its trace is indexed: the run's own fields, with its simulation. */
export type RunBase = Pick<Run, 'id' | 'scenario' | 'inline' | 'edits' | 'seed' | 'interventions' | 'worlds'> & { sim: Simulation };

/** The run whose first `facts` facts (all at or before `atMs`, the rest later) the new one shares. */
export interface SharedPast {
  run: Run;
  facts: number;
  atMs: number;
  /** The run's own first part (not a parent): its builder goes on in place. */
  same?: boolean;
}

/** The index, fold snapshots and extras of `trace`, from `past`'s where it has them. */
function indexed(trace: Run['trace'], scenario: Scenario, snapshotEvery: number | undefined, past: SharedPast | undefined): Pick<Run, 'index' | 'builder' | 'snapshots' | 'extras'> {
  const p = past && past.run.builder && past.facts <= past.run.index.times.length ? past : undefined;
  let forked: IndexedTrace | undefined;
  if (p?.same) forked = indexTrace(trace, p.run.builder, p.facts);
  // A fork from a parent: the host loaded the fork code before computing it (./forkCodeLoader.ts).
  else if (p) forked = forkCode().forkIndex({ index: p.run.index, builder: p.run.builder! }, p.run.trace, trace, p.facts, p.atMs, p.run.worlds.takeCut(p.facts));
  if (p && forked) {
    return { ...forked, snapshots: p.run.snapshots.fork(trace, p.facts), extras: forkExtras(p.run.extras, trace, scenario, p.facts) };
  }
  const { index, builder } = indexTrace(trace);
  return { index, builder, snapshots: new Snapshots(trace, snapshotEvery), extras: buildExtras(trace, scenario, index.writeFacts) };
}

/**
 * The run as computed so far. `computedMs` marks a run answered before its end (the simulation
 * goes on); without it the run is complete and carries its trace hash.
 */
export function assembleRun(base: RunBase, past: SharedPast | undefined, snapshotEvery: number | undefined, computedMs?: number): Run {
  const { id, scenario, sim } = base;
  const trace = sim.facts;
  const parts = indexed(trace, scenario, snapshotEvery, past);
  return {
    id,
    scenario,
    inline: base.inline,
    ...(base.edits ? { edits: base.edits } : {}),
    seed: base.seed,
    interventions: base.interventions,
    sim,
    trace,
    // A run answered early has no hash yet: it is the whole trace's (`settled()` gives it).
    traceHash: computedMs === undefined ? sim.traceHash() : '',
    ...parts,
    worlds: base.worlds,
    ctx: { runId: id, index: parts.index, trace, durationMs: scenario.durationMs, ...(scenario.view?.colourBy ? { colourBy: scenario.view.colourBy } : {}) },
    ...(computedMs !== undefined ? { computedMs } : {}),
  };
}
