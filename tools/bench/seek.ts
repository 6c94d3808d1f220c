/**
 * Seek time: a run of about a million trace facts is built in Node (scripted votes and changes over
 * 2,000 voters), indexed and snapshotted as the worker host does; then 300 random seeks (nearest
 * snapshot + fold of the rest, plus packing the frame) are timed and set beside one straight fold of
 * the whole trace, measured in the same run. Also: each built-in scenario's share-link length.
 *
 * May import: src/sim, src/worker (fold, index, frames), src/share, scenarios' catalogue.
 */
import { createSimulation } from '../../src/sim/index.ts';
import { scenarios } from '../../src/scenarios/catalogue.ts';
import { encodeLink, LINK_FILE_THRESHOLD_CHARS } from '../../src/share/codec.ts';
import { emptyState, foldTo, Snapshots } from '../../src/worker/fold.ts';
import { packFrame } from '../../src/worker/frames.ts';
import { buildRunIndex } from '../../src/worker/runIndex.ts';
import { percentile } from './stats.ts';
import { collector } from './memory.ts';
import { createVotesTable } from '../../src/sim/testing/harness.ts';

export interface SeekBenchResult {
  facts: number;
  snapshots: number;
  buildMs: number;
  indexMs: number;
  straightFoldMs: number;
  seeks: number;
  seekP50Ms: number;
  seekP95Ms: number;
  seekMaxMs: number;
  links: Array<{ scenario: string; chars: number; inlineChars: number }>;
}

/** Votes and vote changes at 10 ms intervals: two facts a write (the write and its record) plus shard life. */
async function buildTrace(writes: number) {
  const sim = createSimulation({ seed: 11, shardLifetimeMs: 3_600_000 });
  createVotesTable(sim);
  const candidates = ['Otter', 'Heron', 'Badger'];
  for (let i = 0; i < writes; i++) {
    sim.schedule(i * 10, 'DynamoDB_20120810.PutItem', { TableName: 'Votes', Item: { voterId: { S: `voter#${i % 2000}` }, candidate: { S: candidates[i % 3]! }, n: { N: String(i) } } });
  }
  await sim.advanceTo(writes * 10);
  return sim.facts;
}


export async function benchSeek(writes: number, seeks = 300): Promise<SeekBenchResult> {
  let t0 = performance.now();
  const trace = await buildTrace(writes);
  const buildMs = performance.now() - t0;

  t0 = performance.now();
  const index = buildRunIndex(trace);
  const snapshots = new Snapshots(trace);
  const indexMs = performance.now() - t0;

  t0 = performance.now();
  foldTo(emptyState(), trace, trace.length);
  const straightFoldMs = performance.now() - t0;

  // The garbage of building a million facts is collected first, as it is in the worker once a load
  // settles; otherwise a major collection lands inside some seek and times the build, not the seek.
  collector()();
  const durationMs = trace.at(trace.length - 1)!.t;
  const ctx = { runId: 1, index, trace, durationMs };
  let s = 12345;
  const times: number[] = [];
  for (let i = 0; i < seeks; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const atMs = Math.floor((s / 2 ** 32) * durationMs);
    const start = performance.now();
    const state = snapshots.stateAt(index.times.upperBound(atMs));
    packFrame(ctx, state, { atMs, fromMs: Math.max(0, atMs - 60_000), toMs: atMs }, atMs);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);

  const links = scenarios.map((sc) => ({
    scenario: sc.id,
    chars: encodeLink({ v: 1, scenario: { id: sc.id }, at: sc.durationMs }).length + 1,
    inlineChars: encodeLink({ v: 1, scenario: { inline: sc }, at: sc.durationMs }).length + 1,
  }));

  return {
    facts: trace.length,
    snapshots: snapshots.count,
    buildMs,
    indexMs,
    straightFoldMs,
    seeks,
    seekP50Ms: percentile(times, 0.5),
    seekP95Ms: percentile(times, 0.95),
    seekMaxMs: times.at(-1)!,
    links,
  };
}

export { LINK_FILE_THRESHOLD_CHARS };
