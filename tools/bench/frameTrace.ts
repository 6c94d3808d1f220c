/**
 * A Chrome trace of the app playing a benchmark run (default: the empty timeline) for a few seconds,
 * summarised per animation frame: what the renderer's main thread did (top-level event names and
 * their self time), how many paints, layouts and style recalcs, and which objects were invalidated
 * and why. `npx tsx tools/bench/frameTrace.ts [records] [--dist dir] [--out file.json]`; builds nothing.
 *
 * May import: node:*, vite, playwright-core, e2e/browser.ts, ./browser.ts, ./coldLoad.ts.
 */
import { writeFileSync } from 'node:fs';
import { preview } from 'vite';
import { launchChosenChromium } from '../../e2e/browser.ts';
import { BENCH_PORT, benchLink } from './browser.ts';
import { benchContext } from './coldLoad.ts';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

const arg = (flag: string) => (process.argv.includes(flag) ? process.argv[process.argv.indexOf(flag) + 1] : undefined);
const records = Number(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 0);
const dist = arg('--dist') ?? 'dist';
const out = arg('--out');

const server = await preview({ logLevel: 'error', build: { outDir: dist }, preview: { port: BENCH_PORT, strictPort: true, host: '127.0.0.1' } });
const browser = await launchChosenChromium();
try {
  const context = await benchContext(browser);
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${BENCH_PORT}/#${benchLink(records)}`);
  await page.waitForFunction((id) => window.__streamscope?.scenarioId === id && ['ready', 'paused'].includes(window.__streamscope.playbackState()), `bench-${records}`, { timeout: 120_000 });
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(300);
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.invalidationTracking', 'disabled-by-default-devtools.timeline.frame', 'blink', 'cc', 'v8.execute', 'toplevel', 'blink.animations', 'devtools.timeline.animation'];
  await browser.startTracing(page, { categories });
  await page.waitForTimeout(2_000);
  const buf = await browser.stopTracing();
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const trace = JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] };
  if (out) writeFileSync(out, buf);
  const ev = trace.traceEvents;
  const main = ev.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && ev.some((x) => x.pid === e.pid && x.name === 'FireAnimationFrame'));
  if (!main) throw new Error('no renderer main thread');
  const onMain = ev.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const frames = onMain.filter((e) => e.name === 'FireAnimationFrame').length;
  const per = (n: number) => (n / Math.max(1, frames)).toFixed(2);
  // Top-level tasks: self time per event name, nested complete events subtract from their parent.
  const complete = onMain.filter((e) => e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, { ms: number; n: number }>();
  const stack: TraceEvent[] = [];
  const selfOf = new Map<TraceEvent, number>();
  for (const e of complete) {
    while (stack.length && stack.at(-1)!.ts + (stack.at(-1)!.dur ?? 0) <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) selfOf.set(parent, (selfOf.get(parent) ?? parent.dur ?? 0) - (e.dur ?? 0));
    selfOf.set(e, e.dur ?? 0);
    stack.push(e);
  }
  for (const [e, s] of selfOf) {
    const key = e.name === 'FunctionCall' || e.name === 'EvaluateScript' ? `${e.name}` : e.name;
    const r = self.get(key) ?? { ms: 0, n: 0 };
    r.ms += s / 1000;
    r.n++;
    self.set(key, r);
  }
  const tasks = complete.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  const busy = tasks.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000;
  console.log(`records ${records}: ${frames} animation frames in 2 s; main-thread tasks ${(busy / Math.max(1, frames)).toFixed(2)} ms/frame`);
  console.log('self time per frame by event (ms, count/frame):');
  for (const [k, v] of [...self].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30)) console.log(`  ${(v.ms / frames).toFixed(3)}  ${per(v.n)}  ${k}`);
  const inval = onMain.filter((e) => e.cat.includes('invalidationTracking'));
  const why = new Map<string, number>();
  for (const e of inval) {
    const d = (e.args?.data ?? {}) as Record<string, unknown>;
    const k = `${e.name} ${String(d.reason ?? '')} ${String(d.nodeName ?? d.nodeId ?? '')}`;
    why.set(k, (why.get(k) ?? 0) + 1);
  }
  console.log('invalidations per frame:');
  for (const [k, v] of [...why].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${per(v)}  ${k}`);
  const others = ev.filter((e) => e.pid === main.pid && e.tid !== main.tid && e.ph === 'X');
  const byThread = new Map<number, number>();
  for (const e of others) byThread.set(e.tid, (byThread.get(e.tid) ?? 0) + (e.dur ?? 0));
  const names = new Map(ev.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, String(e.args?.name)]));
  console.log('renderer threads (complete-event time per frame, nested counted twice):');
  for (const [tid, d] of [...byThread].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`  ${(d / 1000 / frames).toFixed(2)}  ${names.get(`${main.pid}:${tid}`) ?? tid}`);
  await context.close();
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
}
