/**
 * The core's cost per put, counted rather than timed: `npm run bench:counted`.
 *
 * Why: the timed core row swings with the machine. On one shared 2-core host the same build read
 * ratios from 0.11 to 0.25 within an hour (docs/BENCHMARKS.md, session 28), so a change of a few
 * per cent cannot be seen by timing it. Valgrind's callgrind counts the instructions a put executes
 * and simulates its data cache misses; with V8 on one thread (`--single-threaded`), a fixed seed
 * and address randomization off, two runs of one build give the same counts to 0.01 %.
 *
 * What: the reference workload's vote changes (`countedEntry.ts`, built as the app ships the core),
 * counted between two calls of a small addon (`counted/callgrindToggle.c`). Two runs in parallel,
 * one cache model each: a 512 KiB last level (this machine's L2 per core) and a 32 MiB one (its
 * L3). Prints per put: instructions, L1 data misses, and the data misses of each model. With
 * `--functions`, a third run counts each function's own share (JIT code named through V8's perf
 * map, which moves the misses a little, so the line above comes from the two runs without it; the
 * entry is then built unminified, so the names are the source's).
 *
 * Needs valgrind (with its headers), a C compiler and Node's headers; says which is missing.
 * `npm run bench` has it as a row (not in its smoke round: about 40 s under valgrind).
 *
 * May import: node builtins, ./coreShipped.ts, ./callgrindCounts.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildShipped } from './coreShipped.ts';
import { callgrindSelfCosts, callgrindTotals, collectorInstructions, perfMap } from './callgrindCounts.ts';

const ENTRY = fileURLToPath(new URL('./countedEntry.ts', import.meta.url));
const TOGGLE = fileURLToPath(new URL('./counted/callgrindToggle.c', import.meta.url));
const NODE_HEADERS = join(dirname(dirname(process.execPath)), 'include', 'node');
/** Where V8 writes a process's perf map on Linux (`--perf-basic-prof`): fixed by V8, as Linux perf expects it, not a setting of this machine. */
const PERF_MAP_DIR = '/tmp';
const CACHE_MODELS = [
  { name: '512 KiB', flag: '--LL=524288,8,64' },
  { name: '32 MiB', flag: '--LL=33554432,16,64' },
] as const;

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function missing(): string[] {
  const out: string[] = [];
  if (!has('valgrind')) out.push('valgrind (Debian: apt-get install valgrind)');
  if (!has('cc')) out.push('a C compiler (cc)');
  if (!existsSync(join(NODE_HEADERS, 'node_api.h'))) out.push(`Node's headers (${NODE_HEADERS}/node_api.h)`);
  return out;
}

function run(command: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface CountedRun {
  puts: number;
  facts: number;
  heapGrowth: number;
  totals: Record<string, number>;
  dump: string;
  perfMapText: string | undefined;
}

async function counted(dir: string, script: string, addon: string, writes: number, cacheFlag: string, functions: boolean): Promise<CountedRun> {
  const out = join(dir, `callgrind.${cacheFlag.replace(/\W/g, '')}`);
  const node = [process.execPath, '--expose-gc', '--single-threaded', '--random-seed=42', '--hash-seed=7', ...(functions ? ['--perf-basic-prof'] : []), script, String(writes), addon];
  const valgrind = ['valgrind', '--tool=callgrind', '--instr-atstart=no', '--collect-atstart=no', '--cache-sim=yes', '--D1=65536,8,64', cacheFlag, '--smc-check=all-non-file', `--callgrind-out-file=${out}`, ...node];
  // Address randomization off (setarch -R) where the machine has setarch: the counts then repeat.
  const r = has('setarch') ? await run('setarch', [process.arch === 'arm64' ? 'aarch64' : 'x86_64', '-R', ...valgrind]) : await run(valgrind[0]!, valgrind.slice(1));
  if (r.status !== 0) throw new Error(`valgrind failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const { puts, facts, heapGrowth } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { puts: number; facts: number; heapGrowth: number };
  const dumps = readdirSync(dir).filter((f) => f.startsWith(`${out.split('/').pop()!}.`)).map((f) => readFileSync(join(dir, f), 'utf8'));
  const dump = dumps.find((d) => (callgrindTotals(d).Ir ?? 0) > 0);
  if (dump === undefined) throw new Error('callgrind wrote no counted dump');
  const pid = /^pid: (\d+)/m.exec(dump)?.[1];
  const mapFile = pid === undefined ? undefined : join(PERF_MAP_DIR, `perf-${pid}.map`);
  const perfMapText = functions && mapFile !== undefined && existsSync(mapFile) ? readFileSync(mapFile, 'utf8') : undefined;
  if (mapFile !== undefined && existsSync(mapFile)) rmSync(mapFile);
  return { puts, facts, heapGrowth, totals: callgrindTotals(dump), dump, perfMapText };
}

const dataMisses = (t: Record<string, number>, level: 'D1' | 'DL') => (t[`${level}mr`] ?? 0) + (t[`${level}mw`] ?? 0);

/** Builds the toggle addon into `dir`; returns its path. */
function buildToggle(dir: string): string {
  const lacking = missing();
  if (lacking.length > 0) throw new Error(`the counted core row needs: ${lacking.join('; ')}`);
  const addon = join(dir, 'callgrindToggle.node');
  const cc = spawnSync('cc', ['-shared', '-fPIC', '-O2', `-I${NODE_HEADERS}`, '-DNODE_GYP_MODULE_NAME=callgrindToggle', '-o', addon, TOGGLE], { encoding: 'utf8' });
  // valgrind's headers (valgrind/callgrind.h) are wherever the compiler looks: a failure names what it missed.
  if (cc.status !== 0) throw new Error(`building the toggle addon failed (it needs valgrind's headers and Node's): ${cc.stderr}`);
  return addon;
}

/** What a count found, a put at a time (`countBuilt`). */
export interface CountedResult {
  puts: number;
  facts: number;
  instructions: number;
  l1Misses: number;
  /** Data misses of each last-level model (`CACHE_MODELS`: 512 KiB, 32 MiB). */
  lastLevelMisses: [number, number];
  /** The collector's instructions a put: 0 unless a collection fell in the count. */
  collector: number;
  /** Bytes the heap grew by a put: what the puts allocated, when no collection fell in the count. */
  heapGrowth: number;
  /** With `functions`: each function's own instructions, L1 and 512 KiB-model misses a put, the costliest first. */
  functions?: { name: string; instructions: number; l1Misses: number; lastLevelMisses: number }[];
}

/** Counts the puts of `script` (a build of `countedEntry.ts`); with `functions`, a third run names each function's share. */
export async function countBuilt(script: string, writes: number, functions = false): Promise<CountedResult> {
  const dir = mkdtempSync(join(tmpdir(), 'streamscope-counted-'));
  try {
    const addon = buildToggle(dir);
    const runs = await Promise.all(CACHE_MODELS.map((m) => counted(dir, script, addon, writes, m.flag, false)));
    const { puts, facts, heapGrowth } = runs[0]!;
    const t = runs[0]!.totals;
    const collector = collectorInstructions(callgrindSelfCosts(runs[0]!.dump, []));
    const result: CountedResult = {
      puts,
      facts,
      instructions: t.Ir! / puts,
      l1Misses: dataMisses(t, 'D1') / puts,
      lastLevelMisses: [dataMisses(runs[0]!.totals, 'DL') / puts, dataMisses(runs[1]!.totals, 'DL') / puts],
      // Below 0.5 % of the count, what the heuristic names is the heap's housekeeping beside allocation, not a collection.
      collector: collector > 0.005 * t.Ir! ? collector / puts : 0,
      heapGrowth: heapGrowth / puts,
    };
    if (functions) {
      const named = await counted(dir, script, addon, writes, CACHE_MODELS[0].flag, true);
      result.functions = [...callgrindSelfCosts(named.dump, perfMap(named.perfMapText ?? ''))]
        .map(([name, c]) => ({ name: name.replace(/file:\/\/\S*\/core\.mjs:/, 'core.mjs:'), instructions: c.Ir! / puts, l1Misses: dataMisses(c, 'D1') / puts, lastLevelMisses: dataMisses(c, 'DL') / puts }))
        .sort((a, b) => b.instructions - a.instructions);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The counted row: `countedEntry.ts` built as the app ships the core (unminified with `functions`, for the function names), counted. */
export async function benchCounted(writes: number, functions = false): Promise<CountedResult> {
  const lacking = missing();
  if (lacking.length > 0) throw new Error(`the counted core row needs: ${lacking.join('; ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'streamscope-counted-build-'));
  try {
    return await countBuilt(await buildShipped(dir, ENTRY, !functions), writes, functions);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a count says, in words (the CLI's lines; the bench's row says the same in its cells). */
export function describeCounted(r: CountedResult): string[] {
  return [
    `counted: ${r.puts.toLocaleString('en-US')} puts (vote changes), ${r.facts.toLocaleString('en-US')} trace facts`,
    `per put: ${r.instructions.toFixed(0)} instructions · ${r.l1Misses.toFixed(1)} L1 data misses (64 KiB) · ` + CACHE_MODELS.map((m, i) => `${r.lastLevelMisses[i]!.toFixed(1)} misses of a ${m.name} last level`).join(' · '),
    // With a collection in the count, the heap's growth is not what was allocated, and its instructions are the collector's too.
    r.collector > 0 ? `the garbage collector ran in the count: ${r.collector.toFixed(0)} of a put's instructions are its` : `no collection in the count; the heap grew by ${r.heapGrowth.toFixed(0)} B a put (what the puts allocated)`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const functions = process.argv.includes('--functions');
  const r = await benchCounted(Number(arg('writes') ?? 50_000), functions);
  console.log(`built as the app ships the core${functions ? ', unminified (for the names)' : ''}`);
  for (const line of describeCounted(r)) console.log(line);
  if (r.functions) {
    console.log(`\nown cost per put, by function (inlined callees count as their caller's; misses of the ${CACHE_MODELS[0].name} model):`);
    for (const f of r.functions.slice(0, Number(arg('top') ?? 30))) console.log(`${f.instructions.toFixed(0).padStart(7)} instr ${f.l1Misses.toFixed(1).padStart(6)} L1d ${f.lastLevelMisses.toFixed(1).padStart(6)} LL   ${f.name.slice(0, 100)}`);
  }
}
