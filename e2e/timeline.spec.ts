/**
 * The timeline as a user meets it: the default scenario's shard lanes, the crash and the ×2 replay,
 * a chip that opens the inspector, exports, reduced motion — and screenshots at fixed simulated
 * times for people to look at (test-results/timeline-*.png). The canvas has no DOM, so chip
 * positions come from `window.__streamscopeTimeline` (the only test hook, for canvas hit areas).
 */
import { readFileSync } from 'node:fs';
import type { TimelineChip } from '../src/ui/timeline/probe.ts';
import { expect, test, type AppPage } from './fixtures.ts';

type Chip = TimelineChip;

async function seek(app: AppPage, atMs: number): Promise<void> {
  await app.playhead.fill(String(atMs));
  await expect.poll(() => app.page.evaluate(() => window.__streamscope?.playheadMs())).toBe(atMs);
  await app.page.waitForTimeout(150); // the frame, then one animation frame of drawing
}

const chips = (app: AppPage): Promise<Chip[]> => app.page.evaluate(() => window.__streamscopeTimeline?.chips() ?? []);

test('the timeline shows the shards, the crash, the ×2 replay, and a chip opens the inspector', async ({ app, page }) => {
  await app.open();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toBeVisible();
  await expect(timeline.getByRole('img', { name: /Timeline of the stream/ })).toBeVisible();
  await expect(timeline.getByText(/^Shard …[0-9a-f]{8}$/)).toHaveCount(4);
  for (const name of ['Zoom in', 'Zoom out', 'Fit', 'Export SVG', 'Export PNG']) await expect(timeline.getByRole('button', { name })).toBeVisible();

  for (const [atMs, name] of [
    [30_000, '30s'],
    [90_000, '90s'],
  ] as const) {
    await seek(app, atMs);
    await timeline.screenshot({ path: `test-results/timeline-${name}.png` });
  }
  await page.keyboard.press('End');
  await expect.poll(() => page.locator('#timeline-summary').textContent()).toMatch(/1 record delivered more than once, 1 harmful.*crashed: worker-1/);
  await page.waitForTimeout(150);
  await timeline.screenshot({ path: 'test-results/timeline-end.png' });
  const replayed = (await chips(app)).find((c) => c.deliveries === 2);
  expect(replayed, 'a record delivered twice').toBeDefined();

  await page.mouse.click(replayed!.x, replayed!.y);
  await expect(app.inspector).toBeVisible();
  await expect(app.inspector).toContainText(replayed!.sequenceNumber);

  const svgDownload = page.waitForEvent('download');
  await timeline.getByRole('button', { name: 'Export SVG' }).click();
  const svg = await svgDownload;
  expect(svg.suggestedFilename()).toMatch(/^voting-booth-\d+ms\.svg$/);
  const text = readFileSync(await svg.path(), 'utf8');
  expect(text).toContain('<svg');
  expect(text).toContain('×2 harm');
  const pngDownload = page.waitForEvent('download');
  await timeline.getByRole('button', { name: 'Export PNG' }).click();
  expect((await pngDownload).suggestedFilename()).toMatch(/\.png$/);

  // Zoom in (a button, reachable by keyboard) and back.
  await timeline.getByRole('button', { name: 'Zoom in' }).focus();
  await page.keyboard.press('Enter');
  await expect(timeline.getByRole('button', { name: 'Fit' })).toBeEnabled();
  await timeline.getByRole('button', { name: 'Fit' }).click();
  await expect(timeline.getByRole('button', { name: 'Fit' })).toBeDisabled();
});

test('a fresh record travels to its lane, and reduced motion keeps it still', async ({ app, page }) => {
  await app.open();
  await page.keyboard.press('End');
  await expect.poll(async () => (await chips(app)).length).toBeGreaterThan(4);
  const first = (await chips(app)).sort((a, b) => a.t - b.t)[0]!;
  await seek(app, first.t + 100);
  await expect.poll(() => page.evaluate(() => window.__streamscopeTimeline?.stats()?.moving ?? -1)).toBeGreaterThan(0);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await seek(app, first.t + 150);
  await expect.poll(() => page.evaluate(() => window.__streamscopeTimeline?.stats()?.moving ?? -1)).toBe(0);
});

test('measure: main-thread cost of the timeline while playing (prints figures)', async ({ app, page }) => {
  test.slow();
  await app.open();
  await app.speed.selectOption('10');
  const measure = async (drawingOn: boolean) => {
    await page.evaluate((on) => window.__streamscopeTimeline?.setDrawing(on), drawingOn);
    await page.keyboard.press('Home');
    await app.play.click();
    const r = await page.evaluate(async () => {
      const intervals: number[] = [];
      let busy = 0;
      const obs = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) busy += e.duration;
      });
      obs.observe({ type: 'longtask', buffered: false });
      let last = performance.now();
      const end = last + 3_000;
      await new Promise<void>((resolve) => {
        setTimeout(resolve, 4_000);
        const tick = (now: number) => {
          // Narration pauses playback at its steps: carry on, as a reader clicking Play would.
          if (window.__streamscope?.playbackState() !== 'playing') Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Play')?.click();
          intervals.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      obs.disconnect();
      intervals.sort((a, b) => a - b);
      return { frames: intervals.length, p50: intervals[Math.floor(intervals.length * 0.5)]!, p95: intervals[Math.floor(intervals.length * 0.95)]!, longTaskMs: busy };
    });
    if (await app.pause.isVisible()) await app.pause.click();
    return r;
  };
  const empty = await measure(false);
  const drawn = await measure(true);
  console.log(`timeline while playing 10× for 3 s — empty canvas: ${JSON.stringify(empty)}; drawn: ${JSON.stringify(drawn)}`);
  expect(drawn.frames).toBeGreaterThan(20);
});
