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
