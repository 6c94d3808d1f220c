/**
 * An import at the full size (issue #16.3: 10 million records within 2 GB), too long for
 * `npm run bench` (about 9 minutes on this machine): `npm run bench:import-huge -- 10000000`.
 * Writes the generated JSON Lines file once (./importGen.ts, a duplicate every 10,000th record;
 * 4.9 GB for 10M, in the system's temporary folder), reads it through the worker host from a Blob
 * that reads the file as the browser's File does, then places, analyses, indexes and loads it, and
 * seeks on the imported run; prints held and peak memory (heap and typed arrays, after full
 * collections) and times. The file is read from disk rather than through `fs.openAsBlob`: Node 20
 * keeps a file Blob's size in 32 bits (a 4.9 GB file reads as its last 605 MB).
 *
 * May import: src/worker (host), ./importGen.ts, ./memory.ts, ./stats.ts, node:fs, node:os.
 */
import { createWriteStream, existsSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost } from '../../src/worker/host.ts';
import { jsonLines } from './importGen.ts';
import { collector, used } from './memory.ts';
import { percentile } from './stats.ts';

const records = Number(process.argv[2] ?? 10_000_000);
const path = join(tmpdir(), `streamscope-import-${records}.jsonl`);
if (!existsSync(path)) {
  const out = createWriteStream(`${path}.part`);
  for (const piece of jsonLines(records, { duplicateEvery: 10_000 })) if (!out.write(piece)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  renameSync(`${path}.part`, path);
}

const fd = openSync(path, 'r');
const size = statSync(path).size;
/** The file as a Blob whose slices are read from disk when asked for (as a browser's File is). */
class DiskFile extends Blob {
  override get size(): number {
    return size;
  }

  override slice(start = 0, end = size): Blob {
    const bytes = new Uint8Array(Math.max(0, Math.min(end, size) - start));
    for (let got = 0; got < bytes.length; ) {
      const n = readSync(fd, bytes, got, bytes.length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    return new Blob([bytes]);
  }
}

const gc = collector();
gc();
const before = used();
const host = createHost({ yieldSlice: async () => {} });
const started = performance.now();
let readMs = 0;
let peak = 0;
const result = await host.importStream(new DiskFile([]), { memoryBudgetBytes: 64 * 1024 ** 3 }, (p) => {
  if (p.phase !== 'reading' && readMs === 0) readMs = performance.now() - started;
  peak = Math.max(peak, used());
});
if (!result.ok) throw new Error(result.error.message);
const loaded = await host.load({ importId: result.importId });
const totalMs = performance.now() - started;
gc();
const held = used() - before;
const seeks: number[] = [];
let seed = 7;
for (let i = 0; i < 200; i++) {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  const atMs = (seed / 2147483648) * loaded.durationMs;
  const t0 = performance.now();
  await host.frame({ atMs, fromMs: Math.max(0, atMs - 60_000), toMs: atMs + 60_000 });
  seeks.push(performance.now() - t0);
}
seeks.sort((a, b) => a - b);
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
console.log(`import of ${records.toLocaleString('en-US')} records (${(size / 1e9).toFixed(2)} GB of JSON Lines)`);
console.log(`  read ${(readMs / 1000).toFixed(1)} s, all of it (placed, analysed, indexed, loaded) ${(totalMs / 1000).toFixed(1)} s`);
console.log(`  held ${gib(held)} (${Math.round(held / records)} B a record), peak while importing ${gib(peak - before)} (${Math.round((peak - before) / records)} B a record)`);
console.log(`  seek on the imported run, ${seeks.length} random seeks: p50 ${percentile(seeks, 0.5).toFixed(2)} ms · p95 ${percentile(seeks, 0.95).toFixed(2)} ms`);
