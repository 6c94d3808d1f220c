/**
 * Imports at real size (issue 16.3): `records` stream records as JSON Lines (./importGen.ts, with a
 * duplicate every 10,000th record) read from a Blob by the worker host exactly as the browser's
 * worker reads a file (slices, streaming UTF-8 decode, one document at a time), then placed on the
 * timeline, analysed and indexed; then random seeks on the imported run. Memory (heap plus
 * ArrayBuffers) is measured after full collections, before and after, and divided by the records:
 * the memory-honesty estimate (worker/memoryBudget.ts) is checked against it.
 *
 * May import: src/worker (host), ./importGen.ts, ./memory.ts, ./stats.ts.
 */
import { createHost } from '../../src/worker/host.ts';
import { BYTES_PER_IMPORTED_RECORD, PEAK_BYTES_PER_IMPORTED_RECORD } from '../../src/worker/memoryBudget.ts';
import { jsonLines } from './importGen.ts';
import { collector, used } from './memory.ts';
import { percentile } from './stats.ts';

export interface ImportBenchResult {
  records: number;
  fileMB: number;
  /** Reading the file: split, parse, validate, normalise. */
  readMs: number;
  /** All of it: read, place, analyse, index (until the run can be shown). */
  totalMs: number;
  /** CPU time of the process over the same span (user + system: less sensitive to a shared machine's load). */
  totalCpuMs: number;
  /** Baseline in the same run: JSON.parse of every line of the same file, nothing else. */
  parseOnlyMs: number;
  bytesPerRecord: number;
  /** The most memory used while importing (sampled at each progress report), per record. */
  peakBytesPerRecord: number;
  /** The app's figure for what an imported run holds per record (its memory badge). */
  estimatedBytesPerRecord: number;
  /** The app's figure for the peak while importing, per record: its memory budget refuses by this. */
  estimatedPeakBytesPerRecord: number;
  seeks: number;
  seekP95Ms: number;
  /** The same seeks' CPU time (user + system) at p95: what a seek costs, without the shared machine's waiting. */
  seekP95CpuMs: number;
}

export async function benchImport(records: number, seeks = 200): Promise<ImportBenchResult> {
  const gc = collector();
  const file = new Blob([...jsonLines(records, { duplicateEvery: 10_000 })]);
  // The text the Blob was made from stays reachable until the current task ends (measured: 96 MB of
  // heap for 200,000 records survive two full collections, and are gone after a timer). Measured
  // before that, the baseline holds the file's text and every figure per record reads ~485 B low.
  await new Promise((resolve) => setTimeout(resolve, 0));
  gc();
  // Heap and ArrayBuffers both (the index's and the trace's typed columns live outside the heap);
  // the file's own bytes are in the baseline.
  const before = used();
  const host = createHost({ yieldSlice: async () => {} });
  const started = performance.now();
  const cpu = process.cpuUsage();
  let readMs = 0;
  let peak = 0;
  const r = await host.importStream(file, { memoryBudgetBytes: 64 * 1024 ** 3 }, (p) => {
    if (p.phase === 'analysing') readMs = performance.now() - started;
    peak = Math.max(peak, used());
  });
  if (!r.ok) throw new Error(r.error.message);
  const loaded = await host.load({ importId: r.importId });
  const totalMs = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpu);
  gc();
  const bytesPerRecord = (used() - before) / records;
  const parseOnlyMs = parseOnly(records);

  const times: number[] = [];
  const cpuTimes: number[] = [];
  let seed = 7;
  for (let i = 0; i < seeks; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const atMs = (seed / 2147483648) * loaded.durationMs;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await host.frame({ atMs, fromMs: Math.max(0, atMs - 60_000), toMs: atMs + 60_000 });
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpuTimes.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return {
    records,
    fileMB: file.size / 1e6,
    readMs,
    totalMs,
    totalCpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
    parseOnlyMs,
    bytesPerRecord,
    peakBytesPerRecord: (peak - before) / records,
    estimatedBytesPerRecord: BYTES_PER_IMPORTED_RECORD,
    estimatedPeakBytesPerRecord: PEAK_BYTES_PER_IMPORTED_RECORD,
    seeks,
    seekP95Ms: percentile(times, 0.95),
    seekP95CpuMs: percentile(cpuTimes, 0.95),
  };
}

/**
 * JSON.parse of every line of the same file (the least any import does), in ms. The text is made
 * first: timing the generator's loop too (as sessions 9 and 10 did) read 9.4 s for 1M lines where
 * JSON.parse alone takes about 2.5 s.
 */
function parseOnly(records: number): number {
  const pieces = [...jsonLines(records, { duplicateEvery: 10_000 })];
  let sink = 0;
  const t0 = performance.now();
  for (const piece of pieces) {
    for (const line of piece.split('\n')) if (line) sink += (JSON.parse(line) as { eventID: string }).eventID.length;
  }
  const took = performance.now() - t0;
  if (sink < 0) throw new Error('unreachable');
  return took;
}
