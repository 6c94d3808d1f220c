/**
 * The core row where the app runs its core: `core.ts`'s reference workload and calibration loop,
 * built by Vite into one script (as the worker's chunk is built) and run in a dedicated Worker of
 * headless Chromium (the one e2e/browser.ts chooses), both in that worker.
 *
 * Why beside the Node row: the engines differ, and the Node row alone did not show it. Chromium's
 * V8 does not internalize the strings JSON.parse makes, and hashing such a string long after it was
 * made (a scheduled request's key, looked up when its put runs) cost 1–5 µs there: a scripted run
 * took 4 s in this worker where Node took 1 s (docs/BENCHMARKS.md, session 22).
 *
 * May import: node builtins, vite's build API, playwright-core, e2e/browser.ts, ./core.ts (types), ./coreShipped.ts (the build's options).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChosenChromium } from '../../e2e/browser.ts';
import type { CoreBenchResult } from './core.ts';
import { CORE_BUILD, CORE_OUTPUT } from './coreShipped.ts';

const ENTRY = fileURLToPath(new URL('./core.ts', import.meta.url));

/** core.ts as one classic script that defines `StreamscopeCore` (its exports), minified as the app's build is. */
async function buildScript(outDir: string): Promise<string> {
  await build({
    ...CORE_BUILD,
    build: { ...CORE_OUTPUT, lib: { entry: ENTRY, formats: ['iife'], name: 'StreamscopeCore', fileName: () => 'core.js' }, outDir },
  });
  return readFileSync(join(outDir, 'core.js'), 'utf8');
}

export interface CoreBrowserResult extends CoreBenchResult {
  chromium: string;
}

export async function benchCoreBrowser(writes: number, calibrationOps: number, rounds: number): Promise<CoreBrowserResult> {
  const dir = mkdtempSync(join(tmpdir(), 'streamscope-core-browser-'));
  try {
    const script = await buildScript(dir);
    const browser = await launchChosenChromium();
    try {
      const page = await browser.newPage();
      const result = await page.evaluate(
        async ({ script, writes, calibrationOps, rounds }) => {
          const source = `${script}\nonmessage = (e) => postMessage(StreamscopeCore.benchCore(...e.data));`;
          const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
          try {
            return await new Promise<CoreBenchResult>((resolve, reject) => {
              worker.onmessage = (e: MessageEvent<CoreBenchResult>) => resolve(e.data);
              worker.onerror = (e) => reject(new Error(`the core's worker failed: ${e.message}`));
              worker.postMessage([writes, calibrationOps, rounds]);
            });
          } finally {
            worker.terminate();
          }
        },
        { script, writes, calibrationOps, rounds },
      );
      return { ...result, chromium: browser.version() };
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchCoreBrowser(Number(process.argv[2] ?? 500_000), Number(process.argv[3] ?? 2_000_000), Number(process.argv[4] ?? 3)));
