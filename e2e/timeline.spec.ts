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
  // Before anything happened the legend has nothing to explain about duplicates or crashes.
  await expect(timeline.locator('svg text', { hasText: 'harmful duplicate' })).toHaveCount(0);
  await expect(timeline.locator('svg text', { hasText: 'worker crash' })).toHaveCount(0);
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

  // Hovering a mark says what it is; the legend lists what is in view (a harmful duplicate now).
  await page.mouse.move(replayed!.x, replayed!.y);
  await expect(page.getByRole('tooltip')).toContainText(/^INSERT .*#\d+ on shard …[0-9a-f]{8}.*delivered twice: a harmful duplicate/);
  await expect(timeline.locator('svg text', { hasText: 'harmful duplicate' })).toHaveCount(1);
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
  // The playhead is a layer of its own on the stage; the export still draws it, at the playhead.
  expect(text).toMatch(/<g transform="translate\([\d.]+,0\)"><line /);
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

// How fast it draws is the benchmark's business (`npm run bench`: busy ms and intervals per frame);
// this checks what the render loop does, frame by frame, as a user would see it.
test('while playing the playhead line follows simulated time; paused, nothing is redrawn', async ({ app, sim, page }) => {
  await app.open();
  await app.playThroughNarration();
  await app.speed.selectOption('10');
  const drawsBefore = await page.evaluate(() => window.__streamscopeTimeline!.draws());
  await app.play.click();
  await expect.poll(() => sim.playheadMs()).toBeGreaterThan(30_000);
  expect(await page.evaluate(() => window.__streamscopeTimeline!.draws())).toBeGreaterThan(drawsBefore + 2);
  await app.pause.click();
  await expect(app.play).toBeVisible();
  const atMs = await sim.playheadMs();
  await expect.poll(() => page.evaluate((t) => Math.abs(window.__streamscopeTimeline!.playheadX()! - window.__streamscopeTimeline!.xOf(t)!), atMs)).toBeLessThan(1.5);

  // Every chip drawn is a record written at or before the playhead, and there are some.
  const drawn = await chips(app);
  expect(drawn.length).toBeGreaterThan(3);
  expect(drawn.every((c) => c.t <= atMs)).toBe(true);

  // Paused and untouched: the frame loop sleeps and the canvas is not redrawn.
  const still = await page.evaluate(async () => {
    const p = window.__streamscopeTimeline!;
    const before = { draws: p.draws(), frames: p.schedulerFrames() };
    for (let i = 0; i < 10; i++) await new Promise((r) => requestAnimationFrame(r));
    return { draws: p.draws() - before.draws, frames: p.schedulerFrames() - before.frames };
  });
  expect(still).toEqual({ draws: 0, frames: 0 });
});
