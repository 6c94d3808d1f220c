/**
 * Browser figures, on the production build in headless Chromium (the one e2e/browser.ts chooses),
 * with the CPU as it is (no throttling):
 *
 * - frames: the app playing a run with about 1k, 5k and 20k records in the timeline's view, beside
 *   the same app playing an empty timeline (a stream with no records) in the same run. Main-thread
 *   busy time per frame is CDP's `Performance.getMetrics` TaskDuration delta over the frames drawn;
 *   frame intervals come from requestAnimationFrame timestamps.
 * - worker → main messages per frame, their bytes and their decode time, after the traffic and
 *   while its last 5 s of records arrive (./messages.ts).
 * - interaction latency: Event Timing entries (`durationThreshold: 16`, the API's floor) around real
 *   clicks: play, pause, next event, opening the inspector. No entry means under 16 ms.
 * - load: `largest-contentful-paint`, the first view painted (`first-contentful-paint` when the page
 *   brought the build-time picture of the default scenario, issue 13.5), the app's live
 *   `streamscope:first-frame` mark and the cumulative layout shift up to it, on a cold load (a fresh
 *   browser context: no cache, no service worker).
 * - bundle: gzip sizes of the initial JS (the entry and what it imports statically) and of the
 *   worker chunk (with its own static imports), read from dist/.
 *
 * May import: node:*, vite, playwright-core, e2e/browser.ts, src/share + src/scenarios (to build links), the bench's own modules.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build, preview } from 'vite';
import type { CDPSession, Page } from 'playwright-core';
import { launchChosenChromium } from '../../e2e/browser.ts';
import { votingBooth } from '../../src/scenarios/votingBooth.ts';
import type { ScenarioV1 } from '../../src/scenarios/schema.ts';
import { encodeLink } from '../../src/share/codec.ts';
import { median, percentile } from './stats.ts';
import { renderFigures, renderProbe, type RenderFigures } from './renderProbe.ts';
import { workerProbe } from './workerProbe.ts';
import { benchContext, coldLoad, type ColdLoad } from './coldLoad.ts';
import { importInBrowser, type BrowserImportFigures } from './importBrowser.ts';
import { messagesWhilePlaying, TRAFFIC_TO_MS, type MessageFigures } from './messages.ts';
export { ARRIVING_FROM_MS, decodeFigures, MAX_ARRIVING_PASSES, MIN_DECODE_SAMPLES, TRAFFIC_TO_MS, wantsAnotherPass, type DecodeFigures, type MessageFigures } from './messages.ts';

export { coldLoad, type ColdLoad } from './coldLoad.ts';

/** The preview server's port; `STREAMSCOPE_BENCH_PORT` moves it (another run may hold 4179). */
export const BENCH_PORT = Number(process.env.STREAMSCOPE_BENCH_PORT ?? 4179);
/** Another build to measure (`STREAMSCOPE_BENCH_DIST=../base/dist --no-build`: a baseline beside this one). */
const BENCH_DIST = process.env.STREAMSCOPE_BENCH_DIST;

export interface FrameFigures {
  /** Records the scenario puts in view (the timeline shows the whole run). */
  records: number;
  /** Marks the timeline drew on its last frame, and its level of detail. */
  drawn: { mode: string; marks: number } | undefined;
  frames: number;
  busyMsPerFrame: number;
  /** Main-thread CPU time per frame (CDP `ThreadTime`: what the busy time is, less waiting for the CPU). */
  cpuMsPerFrame: number;
  layoutsPerFrame: number;
  intervalP50Ms: number;
  intervalP95Ms: number;
  /** 1000 / p95 interval. */
  fpsAtP95: number;
}

export interface InteractionFigure {
  action: string;
  /** The longest Event Timing duration of the interaction; undefined when under the 16 ms floor. */
  ms: number | undefined;
}

import { bundleSizes, type BundleFigures } from './bundle.ts';
export { bundleSizes, staticImports, type BundleFigures } from './bundle.ts';

export interface BrowserBenchResult {
  chromium: string;
  empty: FrameFigures;
  loaded: FrameFigures[];
  messages: MessageFigures[];
  interactions: InteractionFigure[];
  load: ColdLoad & { samples: number };
  bundle: BundleFigures;
  /** React commits, renders by panel and DOM mutations per frame while playing (a pass of its own). */
  render: RenderFigures[];
  /** A JSON Lines file imported through the file picker (./importBrowser.ts). */
  imported: BrowserImportFigures;
}

/** When the bench scenario's generated records arrive: from 1 s to 81 s of its 100 s run. */
const TRAFFIC_FROM_MS = 1_000;
/**
 * A streamed table with the voting booth's consumer, no narration, and `records` generated puts on
 * distinct keys (so each is a record) over the first 80 s of a 100 s run. Played from 90 s at 1×,
 * every record is already in the (whole-run) view.
 */
export function benchScenario(records: number): ScenarioV1 {
  const base = votingBooth as ScenarioV1;
  const fromMs = TRAFFIC_FROM_MS;
  const toMs = TRAFFIC_TO_MS;
  const { lesson: _lesson, narration: _narration, interventions: _interventions, ...rest } = base;
  return {
    ...rest,
    id: `bench-${records}`,
    title: `Benchmark: ${records} records`,
    summary: 'Generated traffic for the browser benchmark.',
    durationMs: 100_000,
    writes: [],
    view: { speed: 1 },
    traffic:
      records === 0
        ? []
        : [
            {
              table: 'Votes',
              fromMs,
              toMs,
              ratePerSecond: records / ((toMs - fromMs) / 1000),
              keys: { attribute: 'voterId', prefix: 'v-', count: 100_000 },
              mix: { put: 1 },
              attributes: { candidate: ['Otter', 'Heron', 'Badger'] },
            },
          ],
  };
}

export const PLAY_FROM_MS = 90_000;

export function benchLink(records: number): string {
  const scenario = benchScenario(records);
  return encodeLink({ v: 1, scenario: { inline: scenario }, at: PLAY_FROM_MS });
}

/**
 * A browser context for the benchmark. tsx compiles this file with esbuild's `keepNames`, which
 * wraps named functions in `__name(…)`; functions sent to the page carry those calls, so the page
 * gets a no-op `__name` first.
 */
/** Main-thread task time (wall), main-thread CPU time and layouts so far (CDP Performance metrics). */
async function taskSeconds(cdp: CDPSession): Promise<{ task: number; cpu: number; layouts: number }> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? NaN;
  return { task: m('TaskDuration'), cpu: m('ThreadTime'), layouts: m('LayoutCount') };
}

async function openRun(page: Page, baseUrl: string, records: number): Promise<void> {
  await page.goto('about:blank'); // a new document: the app reads the link once, at start
  await page.goto(`${baseUrl}/#${benchLink(records)}`);
  await page.waitForFunction((id) => window.__streamscope?.scenarioId === id && ['ready', 'paused'].includes(window.__streamscope.playbackState()), `bench-${records}`, { timeout: 120_000 });
  await page.waitForTimeout(300);
}

async function playFor(page: Page, cdp: CDPSession, records: number, seconds: number): Promise<FrameFigures> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(300); // past the first frames after the click
  const before = await taskSeconds(cdp);
  const intervals = await page.evaluate(async (durationMs) => {
    const out: number[] = [];
    await new Promise<void>((resolve) => {
      let last = -1;
      const end = performance.now() + durationMs;
      const tick = (now: number) => {
        if (last >= 0) out.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    return out;
  }, seconds * 1000);
  const after = await taskSeconds(cdp);
  const drawn = await page.evaluate(() => window.__streamscopeTimeline?.stats());
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const p95 = percentile(intervals, 0.95);
  return {
    records,
    drawn: drawn ? { mode: drawn.mode, marks: drawn.marks } : undefined,
    frames: intervals.length,
    busyMsPerFrame: ((after.task - before.task) * 1000) / Math.max(1, intervals.length),
    cpuMsPerFrame: ((after.cpu - before.cpu) * 1000) / Math.max(1, intervals.length),
    layoutsPerFrame: (after.layouts - before.layouts) / Math.max(1, intervals.length),
    intervalP50Ms: percentile(intervals, 0.5),
    intervalP95Ms: p95,
    fpsAtP95: 1000 / p95,
  };
}

/** Back to where the frame passes start, so each pass plays the same stretch (the run is 10 s from there), or to `atMs`. */
async function rewind(page: Page, atMs = PLAY_FROM_MS): Promise<void> {
  await page.getByRole('slider', { name: 'Playhead' }).fill(String(atMs));
  await page.waitForFunction((at) => window.__streamscope?.playheadMs() === at && window.__streamscope.playbackState() === 'paused', atMs);
}

async function renderPass(page: Page, seconds: number): Promise<RenderFigures> {
  await rewind(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(300);
  const r = await renderFigures(page, seconds);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  return r;
}

/** The longest Event Timing duration of interactions that began after `fromMs`, or undefined (< 16 ms). */
async function interactionSince(page: Page, fromMs: number): Promise<number | undefined> {
  await page.waitForTimeout(250); // the next paint ends the interaction's duration
  const durations = await page.evaluate((from) => {
    const entries = (window as unknown as { __benchEvents: Array<PerformanceEventTiming & { interactionId: number }> }).__benchEvents;
    return entries.filter((e) => e.interactionId > 0 && e.startTime >= from).map((e) => e.duration);
  }, fromMs);
  return durations.length ? Math.max(...durations) : undefined;
}

async function interactions(page: Page): Promise<InteractionFigure[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __benchEvents: PerformanceEntry[] };
    w.__benchEvents = [];
    new PerformanceObserver((list) => w.__benchEvents.push(...list.getEntries())).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  });
  const now = () => page.evaluate(() => performance.now());
  const out: InteractionFigure[] = [];
  const act = async (action: string, run: () => Promise<void>) => {
    const t0 = await now();
    await run();
    out.push({ action, ms: await interactionSince(page, t0) });
  };
  await act('play', () => page.getByRole('button', { name: 'Play', exact: true }).click());
  await page.waitForTimeout(500);
  await act('pause', () => page.getByRole('button', { name: 'Pause', exact: true }).click());
  await act('step (next event)', () => page.getByRole('button', { name: 'Next event' }).click());
  await act('open inspector', async () => {
    await page.getByRole('region', { name: /^Stream of / }).getByRole('button', { name: /^(INSERT|MODIFY|REMOVE) / }).first().click();
    await page.getByRole('region', { name: 'Stream record' }).waitFor();
  });
  return out;
}

export interface BrowserBenchOptions {
  smoke: boolean;
  sizes?: number[];
  /** Skip `vite build` (dist/ is already the production build). */
  skipBuild?: boolean;
  log?: (line: string) => void;
  importRecords?: number; // of the file imported through the file picker (default 1M; 5,000 in a smoke run)
}

export async function benchBrowser(opts: BrowserBenchOptions): Promise<BrowserBenchResult> {
  const log = opts.log ?? (() => {});
  const sizes = opts.sizes ?? (opts.smoke ? [1_000] : process.env.STREAMSCOPE_BENCH_SIZES ? process.env.STREAMSCOPE_BENCH_SIZES.split(',').map(Number) : [1_000, 5_000, 20_000]);
  const seconds = opts.smoke ? 1 : 4;
  if (!opts.skipBuild) {
    log('building the production bundle…');
    await build({ logLevel: 'error' });
  }
  const bundle = bundleSizes(BENCH_DIST ?? 'dist');
  const server = await preview({ logLevel: 'error', ...(BENCH_DIST ? { build: { outDir: BENCH_DIST } } : {}), preview: { port: BENCH_PORT, strictPort: true, host: '127.0.0.1' } });
  const baseUrl = `http://127.0.0.1:${BENCH_PORT}`;
  const browser = await launchChosenChromium();
  try {
    const loads: ColdLoad[] = [];
    for (let i = 0; i < (opts.smoke ? 1 : 3); i++) loads.push(await coldLoad(browser, baseUrl));
    log('cold loads done');

    const context = await benchContext(browser);
    await context.addInitScript(workerProbe);
    await context.addInitScript(renderProbe);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await openRun(page, baseUrl, 0);
    const empty = await playFor(page, cdp, 0, seconds);
    log(`empty timeline: ${JSON.stringify(empty)}`);
    const render: RenderFigures[] = [await renderPass(page, seconds)];
    log(`empty timeline, render: ${JSON.stringify(render[0])}`);
    const loaded: FrameFigures[] = [];
    const messages: MessageFigures[] = [];
    let inter: InteractionFigure[] = [];
    for (const n of sizes) {
      await openRun(page, baseUrl, n);
      loaded.push(await playFor(page, cdp, n, seconds));
      log(`${n} records: ${JSON.stringify(loaded.at(-1))}`);
      if (n === 5_000 || opts.smoke) {
        render.push(await renderPass(page, seconds));
        log(`${n} records, render: ${JSON.stringify(render.at(-1))}`);
      }
      messages.push(await messagesWhilePlaying(page, rewind, n, opts.smoke ? 1 : 2, opts.smoke));
      log(`${n} records, messages: ${JSON.stringify(messages.at(-1))}`);
      if (n === (sizes.includes(5_000) ? 5_000 : sizes[0])) inter = await interactions(page);
    }
    await context.close();
    // Last: a million records in the browser must not weigh on the frame figures above.
    const imported = await importInBrowser(browser, baseUrl, opts.importRecords ?? (opts.smoke ? 5_000 : 1_000_000), log);
    return {
      chromium: browser.version(),
      empty,
      loaded,
      messages,
      interactions: inter,
      load: {
        lcpMs: median(loads.map((l) => l.lcpMs)),
        firstViewMs: median(loads.map((l) => l.firstViewMs)),
        firstFrameMs: median(loads.map((l) => l.firstFrameMs)),
        cls: median(loads.map((l) => l.cls)),
        samples: loads.length,
      },
      bundle,
      render,
      imported,
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

/**
 * A main-thread CPU profile (Chrome's .cpuprofile, for DevTools or speedscope) of the app playing
 * `records` records in view for `seconds`: what the frame figures are made of.
 * `npx tsx tools/bench/browser.ts --profile 5000 [--no-build]` writes bench/main-<records>.cpuprofile.
 */
export async function profileWhilePlaying(records: number, seconds: number, outFile: string, skipBuild = false): Promise<void> {
  if (!skipBuild) await build({ logLevel: 'error' });
  const server = await preview({ logLevel: 'error', preview: { port: BENCH_PORT, strictPort: true, host: '127.0.0.1' } });
  const browser = await launchChosenChromium();
  try {
    const context = await benchContext(browser);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await openRun(page, `http://127.0.0.1:${BENCH_PORT}`, records);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(seconds * 1000);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, JSON.stringify(profile));
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--profile')) {
  const records = Number(process.argv[process.argv.indexOf('--profile') + 1] ?? 5_000);
  await profileWhilePlaying(records, 3, `bench/main-${records}.cpuprofile`, process.argv.includes('--no-build'));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const smoke = process.argv.includes('--smoke');
  const r = await benchBrowser({ smoke, skipBuild: process.argv.includes('--no-build'), log: (l) => console.log(l) });
  console.log(JSON.stringify(r, null, 2));
}
