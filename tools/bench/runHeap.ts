/**
 * A simulated run's heap in the worker, per trace fact (issue #16.4, memory honesty): the fork
 * bench's votes run (votes and vote changes every 10 ms over 2,000 voters) computed with its world
 * snapshots, then the run's index, the fold's snapshots and the extras, as the host keeps them
 * (`host.ts`), each measured after full collections. The app refuses a run past the memory budget
 * from an estimate per fact (`BYTES_PER_FACT`, src/worker/memoryBudget.ts): this says how far
 * above the heap it is.
 *
 * May import: node:v8 (through ./memory.ts), src/sim, src/worker.
 */
import '../../src/sim/parts/all.ts'; // every optional part of the core (KCL, Lambda): Node runs plans directly
import { finishRun, prepareRun } from '../../src/sim/runPlan.ts';
import type { SimulationSnapshot } from '../../src/sim/simulation.ts';
import type { Scenario } from '../../src/scenarios/types.ts';
import { WORLD_SNAPSHOTS } from '../../src/worker/forks.ts';
import { Snapshots } from '../../src/worker/fold.ts';
import { BYTES_PER_FACT } from '../../src/worker/memoryBudget.ts';
import { buildExtras } from '../../src/worker/run.ts';
import { indexTrace } from '../../src/worker/runIndex.ts';
import { votesPlan } from './fork.ts';
import { collector } from './memory.ts';

export interface RunHeapBenchResult {
  facts: number;
  /** Everything below, per fact. */
  bytesPerFact: number;
  /** The simulation (world, trace, columns) and its world snapshots. */
  runBytesPerFact: number;
  indexBytesPerFact: number;
  /** The fold's snapshots (tables' items, checkpoints, workers). */
  foldBytesPerFact: number;
  extrasBytesPerFact: number;
  /** The app's estimate (`BYTES_PER_FACT`). */
  estimatedBytesPerFact: number;
}

function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export async function benchRunHeap(writes: number): Promise<RunHeapBenchResult> {
  const gc = collector();
  const plan = votesPlan(writes);
  // The scripted writes are the plan's, not the run's: a scenario's workload generates them.
  const scenario = { ...plan, writes: [], title: '', summary: '' } as unknown as Scenario;
  gc();
  const before = used();
  const sim = prepareRun(plan);
  const worlds: SimulationSnapshot[] = [];
  const everyMs = Math.floor(plan.durationMs / WORLD_SNAPSHOTS);
  await finishRun(sim, plan, plan.durationMs, async (s, end) => {
    for (let t = everyMs; t < end; t += everyMs) {
      await s.advanceTo(t);
      worlds.push(s.snapshot());
    }
    await s.advanceTo(end);
  });
  (plan.writes as unknown[]).length = 0;
  gc();
  const afterRun = used();
  const index = indexTrace(sim.facts);
  gc();
  const afterIndex = used();
  const folds = new Snapshots(sim.facts);
  gc();
  const afterFold = used();
  // As the host builds them (`runAssembly.ts`): the source writes share the index's write facts when no consumer owns a table.
  const extras = buildExtras(sim.facts, scenario, index.index.writeFacts);
  gc();
  const after = used();
  const facts = sim.facts.length;
  // Kept alive to here: each is measured while the ones before it are still held.
  if (!index || folds.count === 0 || !extras || worlds.length === 0) throw new Error('the run kept nothing');
  return {
    facts,
    bytesPerFact: (after - before) / facts,
    runBytesPerFact: (afterRun - before) / facts,
    indexBytesPerFact: (afterIndex - afterRun) / facts,
    foldBytesPerFact: (afterFold - afterIndex) / facts,
    extrasBytesPerFact: (after - afterFold) / facts,
    estimatedBytesPerFact: BYTES_PER_FACT,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchRunHeap(Number(process.argv[2] ?? 500_000)));
