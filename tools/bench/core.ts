/**
 * Core throughput: a reference workload run in Node, measured beside a calibration loop (seeded
 * PRNG draws plus heap pushes and pops) in the same process, so the ratio stays meaningful on a
 * shared or slower machine where absolute times drift.
 */
import { createSimulation, type Simulation } from '../../src/sim/index.ts';
import { EventQueue } from '../../src/sim/kernel/queue.ts';
import { createRngStreams } from '../../src/sim/kernel/rng.ts';
import { createVotesTable } from '../../src/sim/testing/harness.ts';

export interface CoreBenchResult {
  writes: number;
  traceEvents: number;
  coreMs: number;
  coreEventsPerSec: number;
  /** CPU time of the process (all threads, GC helpers included) for the best round: less sensitive to other work on the machine. NaN in a browser (no such clock). */
  coreCpuMs: number;
  calibrationOps: number;
  calibrationMs: number;
  calibrationOpsPerSec: number;
  ratio: number;
}

/** The writes of the reference workload whose key is written for the first time (conditional puts: INSERTs); the rest are vote changes (MODIFYs). */
export const REFERENCE_VOTERS = 5000;

/** Scripted votes and vote changes on a streamed table, scheduled and not yet run: the flagship workload, scaled up. Write i is due at i × 10 ms. */
export function scheduleReferenceWorkload(writes: number): Simulation {
  const sim = createSimulation({ seed: 7 });
  createVotesTable(sim);
  const candidates = ['alice', 'bob', 'carol'];
  for (let i = 0; i < writes; i++) {
    const voter = `voter#${i % REFERENCE_VOTERS}`;
    sim.schedule(i * 10, 'DynamoDB_20120810.PutItem', {
      TableName: 'Votes',
      Item: { voterId: { S: voter }, candidate: { S: candidates[i % 3]! }, votedAt: { N: String(i) } },
      ...(i < REFERENCE_VOTERS ? { ConditionExpression: 'attribute_not_exists(voterId)' } : {}),
    });
  }
  return sim;
}

/** The reference workload run whole: its trace's length, and its run timed (wall clock and, in Node, the process's CPU). */
export function runReferenceWorkload(writes: number): { traceEvents: number; ms: number; cpuMs: number } {
  const sim = scheduleReferenceWorkload(writes);
  // A browser's worker (coreBrowser.ts) has no process clock.
  const clock = typeof process === 'undefined' ? undefined : process;
  const start = performance.now();
  const cpu0 = clock?.cpuUsage();
  sim.advanceTo(writes * 10);
  const ms = performance.now() - start;
  const cpu = clock?.cpuUsage(cpu0);
  return { traceEvents: sim.trace.length, ms, cpuMs: cpu === undefined ? NaN : (cpu.user + cpu.system) / 1000 };
}

export function calibrationLoop(ops: number): number {
  const rng = createRngStreams(1).workload;
  const q = new EventQueue<number>();
  const start = performance.now();
  for (let i = 0; i < ops; i++) {
    q.push(rng.int(0, 1_000_000), i);
    if (q.size > 1000) q.pop();
  }
  return performance.now() - start;
}

/**
 * Best of `rounds`, the calibration loop and the workload interleaved: on a shared machine the
 * fastest round is the one least disturbed by other work, and interleaving exposes both to the
 * same disturbances.
 */
export function benchCore(writes: number, calibrationOps: number, rounds = 3): CoreBenchResult {
  runReferenceWorkload(Math.min(writes, 2000)); // warm up the JIT
  calibrationLoop(Math.min(calibrationOps, 100_000));
  let calibrationMs = Infinity;
  let ms = Infinity;
  let cpuMs = Infinity;
  let traceEvents = 0;
  for (let r = 0; r < rounds; r++) {
    calibrationMs = Math.min(calibrationMs, calibrationLoop(calibrationOps));
    const run = runReferenceWorkload(writes);
    ms = Math.min(ms, run.ms);
    cpuMs = Math.min(cpuMs, run.cpuMs);
    traceEvents = run.traceEvents;
  }
  const coreEventsPerSec = traceEvents / (ms / 1000);
  const calibrationOpsPerSec = calibrationOps / (calibrationMs / 1000);
  return {
    writes,
    traceEvents,
    coreMs: ms,
    coreEventsPerSec,
    coreCpuMs: cpuMs,
    calibrationOps,
    calibrationMs,
    calibrationOpsPerSec,
    ratio: coreEventsPerSec / calibrationOpsPerSec,
  };
}
