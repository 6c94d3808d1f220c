/**
 * The core row timed as the app ships the core: `coreEntry.ts` (the reference workload and the
 * calibration loop of `core.ts`) built by Vite into one minified ES module, as the worker's chunk is
 * built (rolldown, oxc, target ES2022), and run in a fresh Node process.
 *
 * Why not in `npm run bench`'s own process: it runs under tsx, which compiles each module apart
 * with esbuild's `keepNames` (each named function and class has its `name` redefined by a call,
 * `__name`, when it is defined: none in a put's path). Built alike but for that one option, the
 * reference workload runs about 10 % slower with it, and the app's build has no such option
 * (docs/BENCHMARKS.md, session 20). The row shows both figures, saying which is which.
 *
 * May import: node builtins, vite's build API, ./core.ts (types).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { CoreBenchResult } from './core.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY = fileURLToPath(new URL('./coreEntry.ts', import.meta.url));

/** What every build of the core's bench shares with the app's build, without its config file (no app plugins, no public folder). */
export const CORE_BUILD = { configFile: false, root: ROOT, publicDir: false, logLevel: 'warn' } as const;
export const CORE_OUTPUT = { emptyOutDir: true, target: 'es2022', minify: true, sourcemap: false } as const;

/** Builds a bench entry of the core (`coreEntry.ts` unless named) as the app's build does, into `outDir`/core.mjs. */
export async function buildShipped(outDir: string, entry = ENTRY, minify: boolean = CORE_OUTPUT.minify): Promise<string> {
  await build({
    ...CORE_BUILD,
    build: {
      ...CORE_OUTPUT,
      minify,
      ssr: entry,
      outDir,
      rolldownOptions: { output: { entryFileNames: 'core.mjs' } },
    },
    ssr: { target: 'node', noExternal: true },
  });
  return join(outDir, 'core.mjs');
}

export async function benchCoreShipped(writes: number, calibrationOps: number, rounds: number): Promise<CoreBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'streamscope-core-'));
  try {
    const file = await buildShipped(dir);
    const run = spawnSync(process.execPath, [file, String(writes), String(calibrationOps), String(rounds)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(`the core's bench process failed (${run.status ?? run.signal}): ${run.stderr}`);
    return JSON.parse(run.stdout) as CoreBenchResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchCoreShipped(Number(process.argv[2] ?? 500_000), Number(process.argv[3] ?? 2_000_000), Number(process.argv[4] ?? 3)));
