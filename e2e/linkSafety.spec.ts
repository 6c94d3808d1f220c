/**
 * A bad link must not cost the user their work (issue 21.6): the saved last scenario and the address
 * bar keep what they held until the user chooses something, and a link pasted into an open tab is
 * opened (a `hashchange`), a bad one reported without touching the run on screen.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const last = (page: Page) => page.evaluate(() => localStorage.getItem('streamscope.last'));

async function ownScenario(page: Page, app: { interventions: Locator }, interventionCount: () => Promise<number>): Promise<string> {
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('tab', { name: 'Interventions' }).click();
  await app.interventions.getByRole('button', { name: 'Split a shard of Votes' }).click();
  await expect.poll(interventionCount).toBe(1);
  await expect.poll(() => last(page)).toMatch(/^s=1\./);
  const saved = (await last(page))!;
  await expect.poll(() => page.evaluate(() => location.hash.slice(1))).toBe(saved);
  return saved;
}

test('a bad link keeps the saved last scenario and shows itself in the address bar until the user chooses', async ({ app, sim, page }) => {
  await app.open();
  const saved = await ownScenario(page, app, () => sim.interventionCount());

  const bad = `#${saved.slice(0, 30)}`;
  await page.goto('about:blank');
  await page.goto(`/${bad}`);
  const notice = page.getByRole('alert').filter({ hasText: 'This link could not be restored' });
  await expect(notice).toContainText('corrupt');
  // The default scenario is moved through; several write periods (250 ms) pass: nothing of the user's is replaced.
  // End is taken once the default run is ready (pressed again until then).
  await expect(async () => {
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('End');
    await expect(app.time).not.toHaveText('+00:00:00.000', { timeout: 1_000 });
  }).toPass();
  await page.waitForTimeout(1_000);
  expect(await last(page)).toBe(saved);
  expect(await page.evaluate(() => location.hash)).toBe(bad);

  // The user's choice (here: their last scenario back) writes again.
  await notice.getByRole('button', { name: 'Restore your last scenario' }).click();
  await expect.poll(() => sim.interventionCount()).toBe(1);
  await expect.poll(() => page.evaluate(() => location.hash.slice(1))).toMatch(/^s=1\./);
});

test('a link pasted into an open tab is opened; a bad one is reported and the run stays', async ({ app, sim, page }) => {
  await app.open();
  const saved = await ownScenario(page, app, () => sim.interventionCount());
  // Back to the plain default, then the saved link is pasted into the address bar of the same tab.
  await app.undo.click();
  await expect.poll(() => sim.interventionCount()).toBe(0);
  await expect.poll(() => page.evaluate(() => location.hash.slice(1))).not.toBe(saved);
  await page.evaluate((h) => {
    location.hash = h;
  }, saved);
  await expect.poll(() => sim.interventionCount()).toBe(1);

  await page.evaluate(() => {
    location.hash = 's=1.AAAA';
  });
  await expect(page.getByRole('alert').filter({ hasText: 'This link could not be restored' })).toBeVisible();
  expect(await sim.interventionCount()).toBe(1);
});
