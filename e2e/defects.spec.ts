/**
 * What a new user tripped on (issue #20, items 2 and 5), checked as a user sees the panels:
 * records named by their place on the shard in order, TTL deletes told apart from a user's
 * deletes, and a naive counter not told that exactly-once holds.
 */
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function openFromGallery(page: Page, title: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('list', { name: 'Scenarios to open' }).getByRole('button', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('End');
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('the stream panel numbers a shard’s records 1, 2, 3… in order', async ({ app, page }) => {
  await app.open();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('End');
  await expect(app.time).toHaveText('+00:02:00.000');
  // The stream panel draws its shards' records from its own answer of the worker, which may come a
  // frame after the clock reads the end: wait until a shard lists records before reading them all.
  await expect.poll(async () => Math.max(0, ...(await Promise.all((await app.shards.all()).map((s) => s.getByRole('button').count()))))).toBeGreaterThan(1);
  const shards = await app.shards.all();
  let longest = 0;
  for (const shard of shards) {
    const labels = await shard.getByRole('button').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const places = labels.map((l) => Number(/record #(\d+) on the shard/.exec(l)?.[1]));
    expect(places.every((n, i) => Number.isInteger(n) && (i === 0 || n === places[i - 1]! + 1)), labels.join(' | ')).toBe(true);
    longest = Math.max(longest, places.length);
  }
  expect(longest).toBeGreaterThan(1);
});

test('TTL deletes are marked as the service’s in the stream panel; a user’s delete is not', async ({ page, app }) => {
  await app.open();
  await openFromGallery(page, /^TTL deletes/);
  const stream = page.getByRole('region', { name: 'Stream of Sessions' });
  await expect(stream.getByRole('button', { name: /^REMOVE by TTL \(the service\) / })).toHaveCount(3);
  await expect(stream.getByRole('button', { name: /^REMOVE s5,/ })).toHaveCount(1);
});

// FIXME: passed before merging main at 06:48; since then the checks list is not found (the panel layout moved on main).
// The wording is covered by ui/panels/verdicts.test.ts; re-enable once the locator follows the new layout.
test('a naive counter with harmful duplicates is not told that exactly-once holds', async ({ page, app }) => {
  await app.open();
  await openFromGallery(page, /^Vote counter: a crash counts votes twice/);
  await page.keyboard.press('End');
  await app.openTab('Consumers');
  const checks = page.getByRole('list', { name: 'Checks of counter' });
  const line = checks.getByRole('listitem').filter({ hasText: 'exactly-once' });
  await expect(line).toContainText('not claimed');
  await expect(line).not.toContainText(/holds/);
  await expect(page.getByRole('list', { name: 'Invocation lanes of counter' })).toContainText('an invocation crashed');
});

test('global-table votes are coloured by the vote, and the legend says so', async ({ page, app }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open();
  await openFromGallery(page, /^Global tables, last writer wins/);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.locator('svg text', { hasText: 'colour = vote: green / blue' })).toHaveCount(1);
  await expect(timeline.locator('svg text', { hasText: 'colour = item key' })).toHaveCount(0);
  // voter-7 voted blue in us-east-1 and green in eu-west-1: its two first records differ in colour.
  const chips = await page.evaluate(() => window.__streamscopeTimeline?.chips() ?? []);
  const colours = new Set(chips.map((c) => c.colour));
  expect([...colours].sort()).toEqual(['#0072B2', '#009E73']);
  // The pixel at a chip's centre is the colour the probe reports (the canvas, as a user sees it).
  const blue = chips.find((c) => c.colour === '#0072B2')!;
  const pixel = await page.evaluate(({ x, y }) => {
    for (const el of document.elementsFromPoint(x, y)) {
      if (!(el instanceof HTMLCanvasElement)) continue;
      const r = el.getBoundingClientRect();
      const d = el.getContext('2d')!.getImageData(Math.round(((x - r.left) * el.width) / r.width), Math.round(((y - r.top) * el.height) / r.height), 1, 1).data;
      if (d[3]! > 200) return [d[0], d[1], d[2]];
    }
    return null;
  }, blue);
  expect(pixel).toEqual([0x00, 0x72, 0xb2]);
  await timeline.screenshot({ path: 'test-results/timeline-global-votes.png' });
});
