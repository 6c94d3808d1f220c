/**
 * The build-time first view (issue 13.5): the default scenario's stage — its shard lanes, the
 * consumer lane, the narration's opening text — is on the page before the simulation worker has
 * even loaded, and the live app takes over where it lies, then plays as usual. Links go the normal way.
 * Screenshots of the picture (worker held back) and of the live page after the handover are saved
 * under `test-results/…/screenshots/first-paint/` to look at.
 */
import { join } from 'node:path';
import type { Page, Route } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/** Holds the worker's script back until `release()`: the page has only what index.html brought. */
async function holdWorker(page: Page): Promise<{ release: () => void; requested: Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let requestedNow!: () => void;
  const requested = new Promise<void>((r) => (requestedNow = r));
  await page.route(/sim\.worker[^/]*\.js$/, async (route: Route) => {
    requestedNow();
    await released;
    await route.continue();
  });
  return { release, requested };
}

const SIZES = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '390x844', width: 390, height: 844 },
] as const;

for (const size of SIZES) {
  test(`the default stage shows its lanes before the worker answers, then plays (${size.name})`, async ({ app, page, sim }, testInfo) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    const worker = await holdWorker(page);
    // Not app.open: that waits for the live page, which waits for the worker.
    await page.goto('/');
    await worker.requested;
    const picture = page.locator('#first-frame');
    // The shard lanes, the consumer's lane and the story's opening, with no worker yet.
    await expect(picture.getByText(/^Shard …/)).toHaveCount(4);
    await expect(picture.getByText('counter', { exact: true })).toBeVisible();
    await expect(picture.getByText(/^Voters cast, change and withdraw votes/)).toBeVisible();
    await expect(picture.getByRole('heading')).toHaveCount(0); // hidden from assistive technology: the live page is the one to read
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeHidden();
    const shot = (label: string) => page.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', 'first-paint', `${size.name}-${label}.png`) });
    await shot('1-picture');
    // Where the picture puts each part of the page: the live page must put it there too (no jump at the handover).
    const parts = ['.app__header', '.controls', '.timeline__header', '.timeline__stage', '.callout', '.dock'];
    const boxes = (root: string) =>
      page.evaluate(
        ([root, parts]) => (parts as string[]).map((s) => { const r = document.querySelector(`${root} ${s}`)!.getBoundingClientRect(); return [s, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join(' '); }),
        [root, parts] as const,
      );
    const pictured = await boxes('#first-frame');

    worker.release();
    await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
    await expect(picture).toHaveCount(0);
    await shot('2-live');
    expect(await boxes('#root')).toEqual(pictured);
    await app.play.click();
    await expect.poll(() => sim.playheadMs(), { timeout: 15_000 }).toBeGreaterThan(0);
  });
}

for (const path of ['/?presenter=1', '/?compare=voting']) {
  test(`a link (${path}) never shows the default picture`, async ({ page }) => {
    const worker = await holdWorker(page);
    await page.goto(path);
    await worker.requested;
    await expect(page.locator('#first-frame')).toBeHidden();
    worker.release();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('#first-frame')).toHaveCount(0);
  });
}
