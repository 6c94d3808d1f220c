/**
 * `npm run bench`: prints the benchmark table and writes bench/results.json.
 * `npm run bench -- --smoke` runs one small round, so CI can check the benchmark still works.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchCore } from './core.ts';

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

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify({ machine, smoke, core }, null, 2) + '\n');
