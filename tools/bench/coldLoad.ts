/**
 * A cold visit of the app, as the bench's load rows take it (issue 13.5): a fresh browser context
 * (no cache, no service worker), the largest contentful paint, the first view painted (the
 * build-time picture of the default scenario when the page brought it), the live timeline's first
 * frame (`streamscope:first-frame`) and the layout shift up to a moment after it. Also the context
 * every browser figure is taken in.
 *
 * May import: playwright-core types.
 */
import type { Browser } from 'playwright-core';

/** The browser context every figure is measured in: a large desktop viewport. */
export async function benchContext(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context;
}

export interface ColdLoad {
  lcpMs: number;
  /** The first view painted: the build-time picture's first paint, else the live frame. */
  firstViewMs: number;
  /** The live timeline's first frame from the worker. */
  firstFrameMs: number;
  /** Cumulative layout shift up to a moment after the live frame. */
  cls: number;
}

export async function coldLoad(browser: Browser, baseUrl: string): Promise<ColdLoad> {
  const context = await benchContext(browser);
  const page = await context.newPage();
  const pictured = page.waitForFunction(() => document.getElementById('first-frame') !== null, undefined, { timeout: 60_000 }).then(() => true, () => false);
  await page.goto(`${baseUrl}/`);
  await page.waitForFunction(() => performance.getEntriesByName('streamscope:first-frame').length > 0, undefined, { timeout: 60_000 });
  const hadPicture = await Promise.race([pictured, new Promise<boolean>((r) => setTimeout(() => r(false), 50))]);
  await page.waitForTimeout(300);
  const r = await page.evaluate(
    (hadPicture) =>
      new Promise<ColdLoad>((resolve) => {
        const firstFrameMs = performance.getEntriesByName('streamscope:first-frame')[0]!.startTime;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
        let cls = 0;
        new PerformanceObserver((l) => {
          for (const e of l.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        const done = (lcpMs: number) => resolve({ lcpMs, firstViewMs: hadPicture ? fcp : firstFrameMs, firstFrameMs, cls });
        new PerformanceObserver((list) => done(list.getEntries().at(-1)?.startTime ?? NaN)).observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => done(NaN), 2_000);
      }),
    hadPicture,
  );
  await context.close();
  return r;
}
