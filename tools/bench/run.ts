/**
 * `npm run bench`: prints the benchmark table and writes bench/results.json.
 * `npm run bench -- --smoke` runs one small round, so CI can check the benchmark still works.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchCore } from './core.ts';
import { benchCheckpoints, checkpointTable } from './checkpoints.ts';
import { benchSeek, LINK_FILE_THRESHOLD_CHARS } from './seek.ts';
import { benchFrames, framesTable } from './frames.ts';

const smoke = process.argv.includes('--smoke');
const writes = smoke ? 5_000 : 200_000;
const calibrationOps = smoke ? 100_000 : 2_000_000;

const core = benchCore(writes, calibrationOps);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

console.log(`Streamscope benchmarks${smoke ? ' (smoke round)' : ''} — ${machine}`);
console.log('');
console.log('| figure | value | baseline in the same run | ratio |');
console.log('|---|---|---|---|');
console.log(
  `| core throughput (${fmt(core.writes)} writes → ${fmt(core.traceEvents)} trace events) | ${fmt(core.coreEventsPerSec)} events/s | calibration loop (seeded PRNG + heap): ${fmt(core.calibrationOpsPerSec)} ops/s | ${core.ratio.toFixed(3)} |`,
);

const seek = await benchSeek(smoke ? 10_000 : 480_000, smoke ? 50 : 300);
const ms = (n: number) => `${n.toFixed(2)} ms`;
console.log(
  `| seek (${fmt(seek.facts)} facts, ${fmt(seek.snapshots)} snapshots; ${seek.seeks} random seeks: snapshot + fold + frame) | p50 ${ms(seek.seekP50Ms)} · p95 ${ms(seek.seekP95Ms)} · max ${ms(seek.seekMaxMs)} | straight fold of the whole trace: ${ms(seek.straightFoldMs)} | ${(seek.seekP95Ms / seek.straightFoldMs).toFixed(4)} (p95) |`,
);
for (const link of seek.links) {
  console.log(`| share link: ${link.scenario} (by id · inline) | ${fmt(link.chars)} · ${fmt(link.inlineChars)} chars | file offered past ${fmt(LINK_FILE_THRESHOLD_CHARS)} chars | ${(link.inlineChars / LINK_FILE_THRESHOLD_CHARS).toFixed(3)} (inline) |`);
}

// Counts, not timings, and small: the smoke round runs it in full.
const checkpoints = await benchCheckpoints();
console.log('');
for (const line of checkpointTable(checkpoints)) console.log(line);

// The timeline's drawing cost per frame (JavaScript side; the browser figures are in e2e/timeline.spec.ts).
const frames = benchFrames(smoke ? [1_000] : [1_000, 5_000, 20_000], smoke ? 5 : 40);
console.log('');
for (const line of framesTable(frames)) console.log(line);

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify({ machine, smoke, core, seek, checkpoints, frames }, null, 2) + '\n');
