/**
 * Intervening at the playhead of a million-fact run (issue 19.4): the run (votes and vote changes
 * every 10 ms over 2,000 voters, about two facts a write) is computed once with world snapshots
 * every sixteenth of its length, as the worker host keeps them; then a user's write is added at the
 * playhead and the run goes on from the latest snapshot before it (fork + simulate the rest + trace
 * hash). Baseline: the same intervention recomputed from time 0. The forked hash must equal the
 * recomputed one. The host's answer also re-indexes the new run (index, fold snapshots, extras):
 * measured apart: from fact 0 (as before issue 19's reuse) and from the parent's index (only the new facts).
 * The answer is measured twice: forked from the latest periodic snapshot, and forked from the snapshot the
 * host prepares where the playhead rests (`PlayheadSnapshots`, in the background: its time is `prepareMs`),
 * five times, each from a snapshot of its own: the median is the figure (a GC can land in any one).
 *
 * May import: src/sim (runPlan, runFork, snapshots), src/worker (index, fold, extras).
 */
import '../../src/sim/parts/all.ts'; // every optional part of the core (KCL, Lambda): Node runs plans directly
import { finishRun, prepareRun, runPlan, type RunPlan } from '../../src/sim/runPlan.ts';
import { forkRun } from '../../src/sim/runFork.ts';
import type { Intervention } from '../../src/sim/faults/intervention.ts';
import type { SimulationSnapshot } from '../../src/sim/simulation.ts';
import { WORLD_SNAPSHOTS, WorldSnapshots } from '../../src/worker/forks.ts';
import { PlayheadSnapshots } from '../../src/worker/playheadSnapshots.ts';
import { indexTrace } from '../../src/worker/runIndex.ts';
import { forkIndex } from '../../src/worker/indexFork.ts';
import type { Builder } from '../../src/worker/indexBuilder.ts';
import { Snapshots } from '../../src/worker/fold.ts';
import { buildExtras, forkExtras } from '../../src/worker/run.ts';
import type { Scenario } from '../../src/scenarios/types.ts';

const DDB = 'DynamoDB_20120810.';
/** The host answers after the slice that passes the playhead; one write's worth past it stands for that slice. */
const SLICE_PAST_MS = 10;
const CANDIDATES = ['Otter', 'Heron', 'Badger'];
/** Answers measured per playhead (a garbage collection can land in any one of them: the median is the figure). */
const ANSWER_SAMPLES = 5;

export interface ForkBenchResult {
  facts: number;
  snapshots: number;
  /** Time taken by all snapshots while computing the run. */
  snapshotsMs: number;
  recomputeMs: number;
  /** Per playhead (fraction of the run): fork + rest of the run + hash; then the fork's index, fold snapshots and extras from its parent's. */
  forks: Array<{
    playhead: number;
    atMs: number;
    forkMs: number;
    sameHash: boolean;
    indexForkMs: number;
    /** Forked from the latest periodic snapshot before the playhead. */
    answerPeriodicMs: number;
    /** Forked from the snapshot prepared at the resting playhead: wall and CPU time (median of `ANSWER_SAMPLES`, each from its own prepared snapshot; and the slowest), and the preparation's (background). */
    answerMs: number;
    answerCpuMs: number;
    answerMaxMs: number;
    prepareMs: number;
    /** The whole run forked from the prepared snapshot has the recompute's hash too. */
    preparedSameHash: boolean;
  }>;
  /** Index, fold snapshots and extras of a whole run from fact 0 (a recompute's, and a fork's before issue 19's reuse). */
  reindexMs: number;
}

export function votesPlan(writes: number): RunPlan {
  return {
    id: 'bench-votes',
    seed: 11,
    durationMs: writes * 10 + 10,
    simulation: { shardLifetimeMs: 3_600_000 },
    setup: [{ target: `${DDB}CreateTable`, input: { TableName: 'Votes', KeySchema: [{ AttributeName: 'voterId', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'voterId', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } } }],
    writes: Array.from({ length: writes }, (_, i) => ({ at: i * 10, target: `${DDB}PutItem`, input: { TableName: 'Votes', Item: { voterId: { S: `voter#${i % 2000}` }, candidate: { S: CANDIDATES[i % 3]! }, n: { N: String(i) } } } })),
  };
}

/** A user's write at `atMs` (a vote at 5 ms past a scripted one, so it lands between two). */
function userWrite(atMs: number): Intervention {
  return { at: atMs, kind: 'write', target: 'Votes', params: { operation: 'PutItem', input: { TableName: 'Votes', Item: { voterId: { S: 'voter#user' }, candidate: { S: 'Heron' } } } } };
}

export async function benchFork(writes: number, playheads: readonly number[] = [0.5, 0.9, 0.99]): Promise<ForkBenchResult> {
  const plan = votesPlan(writes);
  const sim = prepareRun(plan);
  const snapshots: SimulationSnapshot[] = [];
  let snapshotsMs = 0;
  const everyMs = Math.floor(plan.durationMs / WORLD_SNAPSHOTS);
  await finishRun(sim, plan, plan.durationMs, async (s, end) => {
    for (let t = everyMs; t < end; t += everyMs) {
      await s.advanceTo(t);
      const started = performance.now();
      snapshots.push(s.snapshot());
      snapshotsMs += performance.now() - started;
    }
    await s.advanceTo(end);
  });

  const scenario = { ...plan, title: '', summary: '' } as unknown as Scenario;
  const worlds = new WorldSnapshots(plan.durationMs);
  worlds.list.push(...snapshots);
  let started = performance.now();
  const parent = indexTrace(sim.facts);
  const parentSnapshots = new Snapshots(sim.facts);
  const parentExtras = buildExtras(sim.facts, scenario);
  const reindexMs = performance.now() - started;
  const forks: ForkBenchResult['forks'] = [];
  let recomputeMs = 0;
  for (const playhead of playheads) {
    const atMs = Math.floor((plan.durationMs * playhead) / 10) * 10 + 5;
    const intervention = userWrite(atMs);
    started = performance.now();
    const recomputed = await runPlan(plan, { interventions: [intervention] });
    const hash = recomputed.traceHash();
    recomputeMs = Math.max(recomputeMs, performance.now() - started);
    const from = [...snapshots].reverse().find((s) => s.atMs < atMs)!;
    // The host's answer (host.ts): as soon as the fork is past the playhead, that part indexed from
    // the parent's index; the rest is computed after the answer.
    const answer = (snapshot: SimulationSnapshot, cut?: Builder): { ms: number; cpuMs: number } => {
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      const early = forkRun(snapshot, intervention);
      void early.advanceTo(atMs + SLICE_PAST_MS);
      const earlyIndexed = forkIndex(parent, sim.facts, early.facts, snapshot.facts, snapshot.atMs, cut);
      parentSnapshots.fork(early.facts, snapshot.facts);
      forkExtras(parentExtras, early.facts, scenario, snapshot.facts);
      const used = process.cpuUsage(cpu);
      return { ms: earlyIndexed ? performance.now() - t0 : Infinity, cpuMs: (used.user + used.system) / 1000 };
    };
    const answerPeriodicMs = answer(from).ms;
    // As the host does while the playhead rests: the snapshot there, and the run's index builder cut
    // there; a new one for each sample, as each intervention is made on a run of its own.
    const samples: Array<{ ms: number; cpuMs: number }> = [];
    let prepared: SimulationSnapshot | undefined;
    let prepareMs = 0;
    for (let k = 0; k < ANSWER_SAMPLES; k++) {
      worlds.playhead = undefined;
      started = performance.now();
      prepared = await new PlayheadSnapshots(async () => undefined).prepare({ worlds, builder: parent.builder, atMs });
      prepareMs = performance.now() - started;
      samples.push(answer(prepared ?? from, prepared && worlds.takeCut(prepared.facts)));
    }
    samples.sort((a, b) => a.ms - b.ms);
    const fromPrepared = samples[samples.length >> 1]!;
    const preparedSameHash = (await finishRun(forkRun(prepared ?? from, intervention), plan)).traceHash() === hash;
    started = performance.now();
    const forked = await finishRun(forkRun(from, intervention), plan);
    const forkedHash = forked.traceHash();
    const forkMs = performance.now() - started;
    // What the host does next (host.ts): the fork's index from its parent's, only the new facts.
    started = performance.now();
    const indexed = forkIndex(parent, sim.facts, forked.facts, from.facts, from.atMs);
    parentSnapshots.fork(forked.facts, from.facts);
    forkExtras(parentExtras, forked.facts, scenario, from.facts);
    const indexForkMs = indexed ? performance.now() - started : Infinity;
    forks.push({ playhead, atMs, forkMs, sameHash: forkedHash === hash, indexForkMs, answerPeriodicMs, answerMs: fromPrepared.ms, answerCpuMs: fromPrepared.cpuMs, answerMaxMs: samples.at(-1)!.ms, prepareMs, preparedSameHash });
  }
  return { facts: sim.facts.length, snapshots: snapshots.length, snapshotsMs, recomputeMs, forks, reindexMs };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchFork(Number(process.argv[2] ?? 480_000)));
