/**
 * Screenshots to look at (issue #20): the gallery and every scenario's narration stops at
 * 1280×720 (the whole page, so the timeline and panels below the fold are seen too). Each scenario is opened from the gallery, then
 * Next → is pressed until it is disabled, with a screenshot at every stop:
 * `test-results/screenshots/narration/<nn>-<scenario>-step-<k>.png`. They are for looking at, not
 * compared with baselines; the test asserts only what a user relies on at each stop (the step
 * counter advances and the playhead moves forward or stays).
 */
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const CHUNKS = 4;

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', 'narration', `${name}.png`), fullPage: true });
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1280, height: 720 });
});

for (let chunk = 0; chunk < CHUNKS; chunk++) {
  test(`narration stops of the gallery's scenarios, part ${chunk + 1} of ${CHUNKS}, at 1280×720`, async ({ app, page }, testInfo) => {
    test.setTimeout(300_000);
    await app.open();
    const gallery = page.getByRole('button', { name: 'Scenarios' });
    const dialog = page.getByRole('dialog', { name: 'Scenarios' });
    const cards = dialog.getByRole('list', { name: 'Scenarios to open' }).getByRole('button');
    await gallery.click();
    await expect(dialog).toBeVisible();
    if (chunk === 0) await shot(page, testInfo, '00-gallery');
    const titles = (await cards.locator('.gallery__title').allTextContents()).map((t) => t.trim());
    await dialog.getByRole('button', { name: 'Close' }).click();
    const mine = titles.map((t, i) => ({ t, i })).filter(({ i }) => i % CHUNKS === chunk);
    for (const { t, i } of mine) {
      await test.step(t, async () => {
        await gallery.click();
        await cards.nth(i).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(t);
        const name = `${String(i + 1).padStart(2, '0')}-${slug(t)}`;
        const next = page.getByRole('button', { name: 'Next →' });
        if ((await next.count()) === 0) {
          await shot(page, testInfo, `${name}-no-narration`);
          return;
        }
        await shot(page, testInfo, `${name}-step-0`);
        const meta = app.narration.getByText(/^step \d+ of \d+/);
        let seen = 0;
        for (let n = 0; n < 30 && (await next.isEnabled()); n++) {
          const before = await app.time.textContent();
          await next.click();
          await expect(meta).not.toHaveText(new RegExp(`^step ${seen} of`));
          const k = Number(/^step (\d+)/.exec((await meta.textContent()) ?? '')?.[1]);
          expect(k).toBeGreaterThan(seen);
          expect((await app.time.textContent())! >= before!).toBe(true);
          // Steps that share an instant are skipped by Next (issue #20.5, the narration panel's to fix): noted, not hidden.
          if (k > seen + 1) testInfo.annotations.push({ type: 'skipped narration step', description: `${t}: Next went from step ${seen} to ${k}` });
          seen = k;
          await shot(page, testInfo, `${name}-step-${k}`);
        }
      });
    }
  });
}
