/**
 * Motion that explains (#13.2), as a user sees it on the stage: while playing, each consumer's
 * iterator caret glides along its shard (eased over several frames); under `prefers-reduced-motion`
 * the same carets stand where they end, with nothing travelling. On the takeover the new owner's
 * caret goes back to the checkpoint while the re-delivered record travels again on its arc.
 * Positions come from `window.__streamscopeTimeline` (canvas marks have no DOM). Screenshots of the
 * crash, the replay in flight and after it land under `test-results/screenshots/motion/`.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, type AppPage } from './fixtures.ts';

/** Per animation frame while playing: every caret's page x, and how many marks were on their way. */
async function sample(page: Page, frames: number): Promise<{ carets: Array<Record<string, number>>; moving: number[] }> {
  return page.evaluate(async (n) => {
    const out = { carets: [] as Array<Record<string, number>>, moving: [] as number[] };
    for (let i = 0; i < n; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      const probe = window.__streamscopeTimeline!;
      out.carets.push(Object.fromEntries(probe.carets().map((c) => [`${c.consumer}|${c.lane}`, Math.round(c.x * 10) / 10])));
      out.moving.push(probe.stats()?.moving ?? 0);
    }
    return out;
  }, frames);
}

/** Frames where some caret stands between where it was the frame before and where it is the frame after: mid-glide. */
function midGlides(carets: Array<Record<string, number>>): number {
  let n = 0;
  for (let i = 1; i + 1 < carets.length; i++) {
    for (const [k, x] of Object.entries(carets[i]!)) {
      const a = carets[i - 1]![k];
      const b = carets[i + 1]![k];
      if (a !== undefined && b !== undefined && a !== x && x !== b && (a - x) * (x - b) > 0) n++;
    }
  }
  return n;
}

async function playAndSample(app: AppPage, page: Page) {
  await app.playThroughNarration();
  await app.speed.selectOption('10');
  await app.play.click();
  await expect.poll(() => page.evaluate(() => window.__streamscopeTimeline?.carets().length ?? 0)).toBeGreaterThan(0);
  const s = await sample(page, 120);
  await app.pause.click();
  return s;
}

test('while playing, the iterator carets glide along their shards', async ({ app, page }) => {
  await app.open();
  const s = await playAndSample(app, page);
  expect(midGlides(s.carets)).toBeGreaterThan(3);
  expect(Math.max(...s.moving)).toBeGreaterThan(0);
});

test('under reduced motion the carets stand where they end and nothing travels', async ({ app, page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open();
  const s = await playAndSample(app, page);
  expect(s.carets.some((c) => Object.keys(c).length > 0)).toBe(true);
  expect(midGlides(s.carets)).toBe(0);
  expect(Math.max(...s.moving)).toBe(0);
});

// The voting booth: worker-1 crashes at 53.010 s with the record appended at 53.000 s in hand;
// worker-2 takes its leases at 1:20.2 and re-delivers that record (src/scenarios/votingBooth.ts).
const CRASH_MS = 53_010;
const TAKEOVER_MS = 80_200;

async function seek(app: AppPage, page: Page, atMs: number) {
  await app.playhead.fill(String(atMs));
  await expect.poll(() => page.evaluate(() => window.__streamscope?.playheadMs())).toBe(atMs);
  await page.waitForTimeout(150); // the frame, then one animation frame of drawing
}

const counterCaretMs = (page: Page) => page.evaluate(() => (window.__streamscopeTimeline?.carets() ?? []).map((c) => c.atMs));

test('on the takeover the caret goes back to the checkpoint and the re-delivered record travels again', async ({ app, page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open();
  await app.speed.selectOption('1'); // travel takes 600 ms of simulated time at 1×
  const shot = (label: string) => page.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', 'motion', `1280x720-${label}.png`) });
  await seek(app, page, CRASH_MS + 100);
  await shot('1-crash');
  const before = await counterCaretMs(page);
  expect(before).toContain(53_000);

  // A third of the way into the travel: the caret on its way back, the record on its arc.
  await seek(app, page, TAKEOVER_MS + 200);
  await shot('2-takeover-in-flight');
  const during = await counterCaretMs(page);
  expect(during.some((t) => t < 53_000)).toBe(true);
  expect(await page.evaluate(() => window.__streamscopeTimeline?.stats()?.moving ?? 0)).toBeGreaterThan(0);

  await seek(app, page, TAKEOVER_MS + 900);
  await shot('3-replay-in-flight');
  await seek(app, page, TAKEOVER_MS + 3_000);
  await shot('4-after-replay');
  expect(await counterCaretMs(page)).not.toContain(Number.NaN);
  expect(await page.evaluate(() => window.__streamscopeTimeline?.stats()?.moving ?? -1)).toBe(0);
});

test('in presenter mode the replay is drawn the same, larger', async ({ app, page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open('/?presenter=1');
  await app.speed.selectOption('1');
  await seek(app, page, TAKEOVER_MS + 900);
  await page.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', 'motion', 'presenter-1280x720-replay-in-flight.png') });
  expect(await page.evaluate(() => window.__streamscopeTimeline?.stats()?.moving ?? 0)).toBeGreaterThan(0);
});
