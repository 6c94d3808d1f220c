/**
 * The Table form's Query, as a learner uses it in the index-from-stream lesson: query the ByOwner
 * GSI at the end of the run, see AWS's answer (and its refusal of a key condition it cannot
 * use), and switch back to a write without the query's placeholders getting in the
 * way (#20.9). Screenshots at three sizes go to test-results/screenshots/ to look at.
 */
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures.ts';

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', `${name}.png`), fullPage: true });
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }, { width: 390, height: 844 }]) {
  test(`a Query of the ByOwner GSI answers as AWS does, at the playhead (${size.width}×${size.height})`, async ({ app, page, sim }, testInfo) => {
    await page.setViewportSize(size);
    await app.open();
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('list', { name: 'Scenarios to open' }).getByRole('button', { name: /^A GSI, and the indexes only a stream can build/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^A GSI, and the indexes/ })).toBeVisible();
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('End');
    await expect(app.time).toHaveText('+00:01:00.000');

    // On a phone the panels start folded under the stage: the table's tab opens them.
    await app.openTab('Table & stream');
    await page.getByText('Write to Todos at the playhead…').click();
    const form = page.getByRole('form', { name: 'Write to Todos' });
    await form.getByRole('radio', { name: 'Query' }).check();
    await form.getByLabel('Key condition').fill('#o = :o');
    await form.getByLabel('Index (optional)').fill('ByOwner');
    await form.getByLabel('Names (optional)').fill('{"#o": "owner"}');
    await form.getByLabel('Values (optional)').fill('{":o": "ben"}');
    await expect(form).toContainText('a global secondary index sees every write at once');
    await form.getByRole('button', { name: /^Query at / }).click();
    const result = form.getByRole('region', { name: 'Query result' });
    // At the end ben owns t3 (reassigned at 30 s) and t4; t2 was deleted at 44 s.
    await expect(result.getByRole('status')).toContainText('Count 2, ScannedCount 2 at +00:01:00.000');
    await expect(result.getByRole('listitem')).toHaveCount(2);
    await expect(result.getByRole('listitem').first()).toContainText('"taskId":{"S":"t3"}');
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', `table-query-${size.width}x${size.height}-viewport.png`) });
    await form.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', `table-query-form-${size.width}x${size.height}.png`) });
    await shot(page, testInfo, `table-query-${size.width}x${size.height}`);

    // A Query reads; it adds no intervention.
    expect(await sim.interventionCount()).toBe(0);

    await test.step('a key condition DynamoDB cannot use is refused with its message', async () => {
      await form.getByLabel('Key condition').fill('#o < :o');
      await form.getByRole('button', { name: /^Query at / }).click();
      await expect(form.getByRole('alert')).toContainText('ValidationException: Query key condition not supported');
    });

    await test.step('switching to Delete: the query\'s names and values are not sent, so nothing is refused', async () => {
      await form.getByRole('radio', { name: 'Delete' }).check();
      await form.getByLabel(/^Key \(JSON/).fill('{"listId": "home", "taskId": "t1"}');
      await expect(form.getByRole('button', { name: /^Delete at / })).toBeEnabled();
      await expect(form.getByRole('alert')).toHaveCount(0);
    });
  });
}
