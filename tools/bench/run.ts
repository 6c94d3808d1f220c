/**
 * `npm run bench`: measures every figure of the benchmark issue beside a baseline measured in the
 * same run, prints one table (figure | measured | baseline | ratio | target | met?) and writes
 * bench/results.json. `npm run bench -- --smoke` runs one small round of everything, browser
 * included, so CI can check the benchmark still works; `--skip-browser` leaves the browser out.
 *
 * Targets are for a 2-core machine without a GPU, in headless Chromium on the production build.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchCore } from './core.ts';
import { benchCoreShipped } from './coreShipped.ts';
import { benchCoreBrowser } from './coreBrowser.ts';
import { benchCounted, type CountedResult } from './countedCore.ts';
import { benchCheckpoints, checkpointTable } from './checkpoints.ts';
import { benchSeek } from './seek.ts';
import { benchDecode } from './decode.ts';
import { benchFork } from './fork.ts';
import { benchGrade } from './grade.ts';
import { benchFrames, framesTable } from './frames.ts';
import { benchMemory } from './memory.ts';
import { benchRunHeap } from './runHeap.ts';
import { benchBrowser, type BrowserBenchResult } from './browser.ts';
import { fmt, formatTable, kb, ms, type Row } from './stats.ts';
import { benchImport } from './importSize.ts';
import { benchImportForms } from './importForms.ts';

const smoke = process.argv.includes('--smoke');
const skipBrowser = process.argv.includes('--skip-browser');
const started = performance.now();
const progress = (what: string) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${what}`);

// The reference workload: 500k writes → about 1M trace events (a write fact and a record each),
// timed as the app ships the core (built by Vite, in a process of its own: coreShipped.ts), then as
// this process compiles it (tsx: module by module, with keepNames), which the row shows beside it.
const coreSizes = [smoke ? 5_000 : 500_000, smoke ? 100_000 : 2_000_000, smoke ? 1 : 3] as const;
const core = await benchCoreShipped(...coreSizes);
const coreTsx = benchCore(...coreSizes);
// The same workload and loop where the app runs its core: a dedicated worker of Chromium.
const coreBrowser = skipBrowser ? undefined : await benchCoreBrowser(...coreSizes);
progress('core throughput');
// The same puts counted under valgrind (countedCore.ts), where the machine has it: the timed rows
// above swing with the host, this one repeats. Not in the smoke round (about 40 s).
const counted: CountedResult | string = smoke ? 'not in the smoke round' : await benchCounted(50_000).catch((e: Error) => e.message);
progress('core counted');
const memory = await benchMemory(smoke ? 20_000 : 1_000_000);
progress('memory per record');
const runHeap = await benchRunHeap(smoke ? 5_000 : 500_000);
progress("a simulated run's heap per fact");
const seek = await benchSeek(smoke ? 10_000 : 480_000, smoke ? 50 : 300);
progress('seek');
// Imports at real size (issue 16.3): 1M records of JSON Lines through the worker host, as the browser reads a file.
const imported = await benchImport(smoke ? 5_000 : 1_000_000, smoke ? 20 : 300);
progress('import at real size');
const forms = await benchImportForms(smoke ? 2_000 : 200_000, smoke ? 1 : 2);
progress("import by the file's form");
const fork = await benchFork(smoke ? 10_000 : 480_000);
progress('intervention at the playhead (fork)');
const decode = benchDecode(smoke ? 500 : 10_000);
progress('decoding hostile links and files');
const grade = await benchGrade(smoke ? 1 : 3);
progress('grading challenges');
const browser: BrowserBenchResult | undefined = skipBrowser ? undefined : await benchBrowser({ smoke, log: progress });
progress('browser');

const rows: Row[] = [
  {
    figure: `core throughput, reference workload (${fmt(core.writes)} writes → ${fmt(core.traceEvents)} trace events, best of rounds), built as the app ships it (Vite, one module)`,
    measured: `${fmt(core.coreEventsPerSec)} events/s (${fmt(core.traceEvents / (core.coreCpuMs / 1000))} per CPU-second); under tsx (module by module, keepNames): ${fmt(coreTsx.coreEventsPerSec)} events/s, ratio ${coreTsx.ratio.toFixed(3)}`,
    baseline: `calibration loop (seeded PRNG + heap): ${fmt(core.calibrationOpsPerSec)} ops/s`,
    ratio: core.ratio.toFixed(3),
    value: core.coreEventsPerSec,
    target: { op: '>=', value: 1_000_000, label: '≥ 1M events/s' },
  },
  {
    // Issue #16's second target for the same figure: the ratio is steadier than events/s on a shared machine.
    figure: 'core throughput against the calibration loop (the row above: its workload and its loop, in the same process)',
    measured: `${core.ratio.toFixed(3)} (under tsx: ${coreTsx.ratio.toFixed(3)})`,
    baseline: '',
    ratio: '',
    value: core.ratio,
    target: { op: '>=', value: 0.25, label: '≥ 0.25 (#16)' },
  },
  ...(coreBrowser
    ? [
        {
          figure: `core throughput in a dedicated worker of Chromium ${coreBrowser.chromium} (where the app runs its core), the same workload and loop built as the app ships them`,
          measured: `${fmt(coreBrowser.coreEventsPerSec)} events/s, ratio ${coreBrowser.ratio.toFixed(3)}`,
          baseline: `calibration loop in the same worker: ${fmt(coreBrowser.calibrationOpsPerSec)} ops/s`,
          ratio: coreBrowser.ratio.toFixed(3),
          // No target of its own: #16's targets are the rows above; this one shows the engine the app runs on.
          value: coreBrowser.coreEventsPerSec,
        },
      ]
    : []),
  {
    figure: 'a put of the core counted, not timed (the reference workload\'s vote changes under valgrind\'s callgrind, built as the app ships the core): instructions, L1 data misses, misses of a 512 KiB and a 32 MiB last level',
    measured:
      typeof counted === 'string'
        ? `not counted: ${counted}`
        : `${fmt(counted.instructions)} instructions · ${counted.l1Misses.toFixed(1)} · ${counted.lastLevelMisses[0].toFixed(1)} · ${counted.lastLevelMisses[1].toFixed(1)} misses a put (${fmt(counted.puts)} puts; ${counted.collector > 0 ? `${fmt(counted.collector)} of the instructions the collector's` : `no collection in the count, ${fmt(counted.heapGrowth)} B allocated a put`})`,
    baseline: '',
    ratio: '',
    // No target: it says where the time of the rows above goes, repeatably (docs/BENCHMARKS.md, session 28).
    ...(typeof counted === 'string' ? {} : { value: counted.instructions }),
  },
  {
    figure: `memory per stored record (${fmt(memory.records)} records, NEW_AND_OLD_IMAGES)`,
    measured: `${fmt(memory.bytesPerRecord)} B (trace rows ${fmt(memory.factBytesPerRecord)} B, item versions ${fmt(memory.itemBytesPerRecord)} B, columns and keys ${fmt(memory.columnBytesPerRecord)} B)`,
    baseline: '',
    ratio: '',
    value: memory.bytesPerRecord,
    target: { op: '<=', value: 64, label: '≤ 64 B' },
  },
  {
    figure: `a simulated run's heap in the worker per trace fact (${fmt(runHeap.facts)} facts: the run and its world snapshots, index, fold snapshots, extras)`,
    measured: `${fmt(runHeap.bytesPerFact)} B (run ${fmt(runHeap.runBytesPerFact)} B, index ${fmt(runHeap.indexBytesPerFact)} B, fold ${fmt(runHeap.foldBytesPerFact)} B, extras ${fmt(runHeap.extrasBytesPerFact)} B)`,
    baseline: `the app's estimate, which the memory budget refuses by: ${fmt(runHeap.estimatedBytesPerFact)} B`,
    ratio: (runHeap.estimatedBytesPerFact / runHeap.bytesPerFact).toFixed(2),
    value: runHeap.bytesPerFact,
    target: { op: '<=', value: runHeap.estimatedBytesPerFact, label: "≤ the app's estimate" },
  },
  {
    figure: `seek, ${seek.seeks} random seeks in a ${fmt(seek.facts)}-fact run (snapshot + fold + frame)`,
    measured: `p50 ${ms(seek.seekP50Ms)} · p95 ${ms(seek.seekP95Ms)} · max ${ms(seek.seekMaxMs)}`,
    baseline: `straight fold of the whole run: ${ms(seek.straightFoldMs)}`,
    ratio: `${(seek.seekP95Ms / seek.straightFoldMs).toFixed(4)} (p95)`,
    value: seek.seekP95Ms,
    target: { op: '<=', value: 16, label: 'p95 ≤ 16 ms' },
  },
  {
    figure: `import of ${fmt(imported.records)} records as JSON Lines (${fmt(Math.round(imported.fileMB))} MB): read, placed on lanes, analysed, indexed`,
    measured: `${(imported.totalMs / 1000).toFixed(1)} s (reading ${(imported.readMs / 1000).toFixed(1)} s; CPU ${(imported.totalCpuMs / 1000).toFixed(1)} s)`,
    baseline: `JSON.parse of each line alone: ${(imported.parseOnlyMs / 1000).toFixed(1)} s`,
    ratio: (imported.totalMs / imported.parseOnlyMs).toFixed(1),
    value: imported.totalMs / 1000,
    target: { op: '<=', value: 10, label: '≤ 10 s for 1M records' },
  },
  {
    // No target of its own: the row above is #16's; this one shows a form that leaves the scanner's path (about twice as slow).
    figure: `import by the file's form, ${fmt(forms.records)} records each (the fastest of rounds): ${forms.forms.map((f) => `${f.form} (${fmt(Math.round(f.fileMB))} MB)`).join(', ')}`,
    measured: forms.forms.map((f) => `${(f.ms / 1000).toFixed(2)} s`).join(' · '),
    baseline: `the first (JSON Lines, ASCII): ${(forms.forms[0]!.ms / 1000).toFixed(2)} s`,
    ratio: `${(Math.max(...forms.forms.map((f) => f.ms)) / forms.forms[0]!.ms).toFixed(2)} (the slowest)`,
    value: Math.max(...forms.forms.map((f) => f.ms)) / 1000,
  },
  {
    figure: `imported run's heap per record (${fmt(imported.records)} records), and 10M records at that rate`,
    measured: `${fmt(imported.bytesPerRecord)} B (app's figure ${fmt(imported.estimatedBytesPerRecord)} B), peak while importing ${fmt(imported.peakBytesPerRecord)} B (the budget refuses by ${fmt(imported.estimatedPeakBytesPerRecord)} B) → ${((imported.bytesPerRecord * 1e7) / 2 ** 30).toFixed(1)} GiB at 10M (peak ${((imported.peakBytesPerRecord * 1e7) / 2 ** 30).toFixed(1)} GiB)`,
    baseline: '',
    ratio: '',
    value: (imported.bytesPerRecord * 1e7) / 2 ** 30,
    target: { op: '<=', value: 2, label: '10M records ≤ 2 GiB' },
  },
  {
    figure: `seek on the imported run, ${imported.seeks} random seeks (frame of a 2-minute window)`,
    measured: `p95 ${ms(imported.seekP95Ms)} (CPU ${ms(imported.seekP95CpuMs)})`,
    baseline: '',
    ratio: '',
    value: imported.seekP95Ms,
    target: { op: '<=', value: 16, label: 'p95 ≤ 16 ms' },
  },
];

for (const f of fork.forks) {
  rows.push({
    figure: `intervention at the playhead (${Math.round(f.playhead * 100)} % of a ${fmt(fork.facts)}-fact run): answered once the fork from the snapshot prepared where the playhead rests is past the playhead, that part indexed from the parent's index${f.sameHash && f.preparedSameHash ? ' (the whole run: same hash as the recompute)' : ' (HASH DIFFERS from the recompute)'}`,
    measured: `${ms(f.answerMs)}, CPU ${ms(f.answerCpuMs)} (median of 5, slowest ${ms(f.answerMaxMs)}; from the latest of ${fork.snapshots} periodic snapshots instead: ${ms(f.answerPeriodicMs)}; preparing the snapshot, in the background: ${ms(f.prepareMs)}; the whole run after it: simulate ${ms(f.forkMs)} + index the new facts ${ms(f.indexForkMs)})`,
    baseline: `recompute from time 0: ${ms(fork.recomputeMs)}; index of a whole run from fact 0: ${ms(fork.reindexMs)}; all snapshots: ${ms(fork.snapshotsMs)}`,
    ratio: (f.answerMs / (fork.recomputeMs + fork.reindexMs)).toFixed(3),
    value: f.sameHash && f.preparedSameHash ? f.answerMs : Infinity,
    target: { op: '<=', value: 100, label: '≤ 100 ms, same hash' },
  });
}

rows.push({
  figure: `grade all variants of a challenge: the slowest of ${grade.challenges} (${grade.slowest.id}, ${grade.slowest.variants} runs), reference solution, user code in node:vm, best of rounds`,
  measured: `${ms(grade.slowest.gradeMs)} (all: ${Object.values(grade.perChallenge).map((v) => ms(v)).join(', ')})`,
  baseline: `its visible run alone: ${ms(grade.slowest.visibleMs)}`,
  ratio: (grade.slowest.gradeMs / grade.slowest.visibleMs).toFixed(1),
  value: grade.slowest.gradeMs,
  target: { op: '<=', value: 2_000, label: '≤ 2 s (#15)' },
});

for (const [what, d] of [['share links (decodeLink)', decode.links], ['scenario files (parseScenario)', decode.files]] as const) {
  rows.push({
    figure: `decode of ${fmt(d.inputs)} random and mutated ${what}, fastest of 3 each`,
    measured: `p50 ${ms(d.p50Ms)} · p99 ${ms(d.p99Ms)} · max ${ms(d.maxMs)} (${d.slowest})`,
    baseline: '',
    ratio: '',
    value: d.maxMs,
    target: { op: '<=', value: 50, label: 'max ≤ 50 ms' },
  });
}

if (browser) {
  const e = browser.empty;
  const emptyText = `empty timeline: ${ms(e.busyMsPerFrame)} busy/frame, p95 interval ${ms(e.intervalP95Ms)}`;
  for (const f of browser.loaded) {
    const drawn = f.drawn ? `; drew ${fmt(f.drawn.marks)} marks (${f.drawn.mode})` : '';
    const target =
      f.records === 5_000 ? { value: f.busyMsPerFrame, target: { op: '<=' as const, value: 6, label: '≤ 6 ms busy/frame (#13)' } }
      : f.records === 20_000 ? { value: f.intervalP95Ms, target: { op: '<=' as const, value: 18, label: 'p95 interval ≤ 18 ms (#13)' } }
      : {};
    rows.push({
      figure: `playing with ${fmt(f.records)} records in view: main-thread busy per frame · p95 frame interval (${fmt(f.frames)} frames)`,
      measured: `${ms(f.busyMsPerFrame)} · ${ms(f.intervalP95Ms)} (${f.fpsAtP95.toFixed(0)} fps)${drawn}`,
      baseline: emptyText,
      ratio: `${(f.busyMsPerFrame / e.busyMsPerFrame).toFixed(1)} (busy)`,
      ...target,
    });
  }
  rows.push({
    figure: 'playing an empty timeline: main-thread busy per frame',
    measured: `${ms(e.busyMsPerFrame)} (${fmt(e.frames)} frames)`,
    baseline: '',
    ratio: '',
    value: e.busyMsPerFrame,
    target: { op: '<=', value: 2, label: '≤ 2 ms (#13)' },
  });
  browser.render.forEach((r, i) => {
    const what = i === 0 ? 'an empty timeline' : `${fmt(browser.loaded.find((f) => f.records === 5_000)?.records ?? browser.loaded[0]?.records ?? 0)} records`;
    const panels = Object.entries(r.rendersByPanel).map(([k, v]) => `${k} ${v}`).join(', ');
    rows.push({
      figure: `playing ${what}: React commits per frame · component renders per frame (by panel)`,
      measured: `${r.commitsPerFrame} · ${r.rendersPerFrame} (${panels || 'none'})`,
      baseline: '',
      ratio: '',
      value: r.commitsPerFrame,
      target: { op: '<=', value: 1, label: '≤ 1 commit (#19)' },
    });
    rows.push({
      figure: `playing ${what}: DOM mutations per frame`,
      measured: `${r.domMutationsPerFrame}`,
      baseline: '',
      ratio: '',
      ...(i === 0 ? { value: r.domMutationsPerFrame, target: { op: '<=' as const, value: 5, label: '≤ 5 (#19)' } } : {}),
    });
  });
  for (const m of browser.messages) {
    const sent = m.bytesArriving;
    const lastSeconds = fmt((sent.toMs - sent.fromMs) / 1000);
    // Both stretches (session 20, delta20): after the traffic the panels' refresh only; while records arrive, about one a frame.
    rows.push({
      figure: `worker → main messages per frame, ${fmt(m.records)} records in view (after the traffic; while the last ${lastSeconds} s of it arrive)`,
      measured: `${m.messagesPerFrame.toFixed(2)} (${fmt(m.messages)} in ${fmt(m.frames)} frames) · ${kb(m.bytesPerMessage)} each; arriving ${sent.messagesPerFrame.toFixed(2)} (${fmt(sent.messages)} in ${fmt(sent.frames)}) · ${kb(sent.bytesPerMessage)} each`,
      baseline: '',
      ratio: '',
      value: Math.max(m.messagesPerFrame, sent.messagesPerFrame),
      target: { op: '<=', value: 1, label: '≤ 1 message' },
    });
    if (m.records === 20_000)
      rows.push({
        figure: `worker → main bytes per frame while playing with 20k records in view (while the last ${lastSeconds} s of records arrive; after them)`,
        measured: `${kb(sent.bytesPerFrame)} arriving (${kb(sent.bytesPerMessage)} a message; tables and writes as deltas, records and marks only the tail) · ${kb(m.bytesPerFrame)} after`,
        baseline: '',
        ratio: '',
      });
    // Two stretches (session 20): after the traffic the worker posts ~4 messages a second, too few for a p95 alone.
    const arriving = m.decodeArriving;
    const after = m.decodeAfter;
    rows.push({
      figure: `decode of a worker message (structured clone) while playing, ${fmt(m.records)} records in view: ${fmt(m.decodeSamples)} messages, ${fmt(arriving.samples)} while the last ${fmt((arriving.toMs - arriving.fromMs) / 1000)} s of them arrive${arriving.passes > 1 ? ` (played ${arriving.passes} times)` : ''} and ${fmt(after.samples)} after`,
      measured: `p50 ${ms(m.decodeP50Ms)} · p95 ${ms(m.decodeP95Ms)} · max ${ms(m.decodeMaxMs)} (arriving: p95 ${ms(arriving.p95Ms)}, max ${ms(arriving.maxMs)}; after: p95 ${ms(after.p95Ms)}, max ${ms(after.maxMs)})`,
      baseline: '',
      ratio: '',
      value: m.decodeP95Ms,
      target: { op: '<=', value: 1, label: 'p95 ≤ 1 ms' },
    });
  }
  for (const i of browser.interactions) {
    rows.push({
      figure: `interaction latency (Event Timing): ${i.action}`,
      measured: i.ms === undefined ? '< 16 ms (below the API floor)' : `${fmt(i.ms)} ms`,
      baseline: '',
      ratio: '',
      value: i.ms ?? 0,
      target: { op: '<=', value: 100, label: '≤ 100 ms' },
    });
  }
  rows.push(
    {
      figure: `load (cold, median of ${browser.load.samples}): largest contentful paint`,
      measured: ms(browser.load.lcpMs),
      baseline: '',
      ratio: '',
      value: browser.load.lcpMs,
      target: { op: '<=', value: 1000, label: '≤ 1.0 s' },
    },
    {
      figure: `load (cold, median of ${browser.load.samples}): first simulated frame painted (build-time picture, #13.5)`,
      measured: ms(browser.load.firstViewMs),
      baseline: '',
      ratio: '',
      value: browser.load.firstViewMs,
      target: { op: '<=', value: 1000, label: '≤ 1.0 s' },
    },
    {
      figure: `load (cold, median of ${browser.load.samples}): cumulative layout shift to the live frame`,
      measured: browser.load.cls.toFixed(3),
      baseline: '',
      ratio: '',
      value: browser.load.cls,
      target: { op: '<=', value: 0.1, label: '≤ 0.1' },
    },
    {
      figure: `load (cold, median of ${browser.load.samples}): first live frame drawn (worker's)`,
      measured: ms(browser.load.firstFrameMs),
      baseline: '',
      ratio: '',
      value: browser.load.firstFrameMs,
      target: { op: '<=', value: 1000, label: '≤ 1.0 s' },
    },
    {
      figure: `initial JS, gzip (${browser.bundle.initialFiles.length} file${browser.bundle.initialFiles.length > 1 ? 's' : ''})`,
      measured: kb(browser.bundle.initialGzipBytes),
      baseline: '',
      ratio: '',
      value: browser.bundle.initialGzipBytes / 1024,
      target: { op: '<=', value: 150, label: '≤ 150 KB' },
    },
    {
      figure: `worker chunk, gzip (${browser.bundle.workerFiles.length} file${browser.bundle.workerFiles.length > 1 ? 's' : ''})`,
      measured: kb(browser.bundle.workerGzipBytes),
      baseline: '',
      ratio: '',
      value: browser.bundle.workerGzipBytes / 1024,
      target: { op: '<=', value: 60, label: '≤ 60 KB' },
    },
    {
      figure: `import of ${fmt(browser.imported.records)} records as JSON Lines (${fmt(Math.round(browser.imported.fileMB))} MB) in Chromium, as a user makes it: the file picker to the imported run's banner`,
      measured: `${(browser.imported.totalMs / 1000).toFixed(1)} s (reading ${(browser.imported.readMs / 1000).toFixed(1)} s)`,
      baseline: `the same in Node (row above): ${(imported.totalMs / 1000).toFixed(1)} s for ${fmt(imported.records)}`,
      ratio: '',
      value: browser.imported.totalMs / 1000,
      target: { op: '<=', value: 10, label: '≤ 10 s for 1M records' },
    },
  );
}

const longestById = seek.links.reduce((a, b) => (b.chars > a.chars ? b : a));
const longestInline = seek.links.reduce((a, b) => (b.inlineChars > a.inlineChars ? b : a));
rows.push({
  figure: `share link of each built-in scenario (${seek.links.length}), longest`,
  measured: `${fmt(longestById.chars)} chars by id (${longestById.scenario}); inline ${fmt(longestInline.inlineChars)} (${longestInline.scenario})`,
  baseline: '',
  ratio: '',
  value: longestById.chars,
  target: { op: '<=', value: 2_000, label: '≤ 2,000 characters' },
});

const chromiumVersion = browser ? `, Chromium ${browser.chromium}` : '';
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${chromiumVersion}`;

console.log(`Streamscope benchmarks${smoke ? ' (smoke round: small sizes, figures not comparable)' : ''} — ${machine}, ${new Date().toISOString().slice(0, 10)}`);
console.log('');
for (const line of formatTable(rows)) console.log(line);

// Details, counts rather than timings: the checkpoint trade-off, and drawMarks' JavaScript cost in Node.
const checkpoints = await benchCheckpoints();
console.log('');
for (const line of checkpointTable(checkpoints)) console.log(line);
const frames = benchFrames(smoke ? [1_000] : [1_000, 5_000, 20_000], smoke ? 5 : 40);
console.log('');
for (const line of framesTable(frames)) console.log(line);

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify({ machine, date: new Date().toISOString(), smoke, rows, core, coreTsx, coreBrowser, counted, memory, runHeap, seek, imported, forms, fork, decode, grade, browser, checkpoints, frames }, null, 2) + '\n');
progress('done; wrote bench/results.json');
