/**
 * Screenshots to look at (issues #5 and #6): the default scenario at fixed simulated times, a
 * voting variant at its end, the gallery, a narration step, the event log, the Table form, presenter
 * mode and the compare view. Saved as artifacts under `test-results/screenshots/` (not compared with
 * committed baselines, which differ per machine): open them after a run.
 */
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures.ts';

async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', `${name}.png`), fullPage });
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('the default scenario at 0 s, at its first narration step (4 s), at the crash (53.01 s) and at the end (2:00)', async ({ app, page }, testInfo) => {
  await app.open();
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await shot(page, testInfo, 'default-0s', true);

  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('ArrowRight');
  await expect(app.time).toHaveText('+00:00:04.000');
  await expect(app.narration).toContainText('Ada votes Otter');
  await shot(page, testInfo, 'narration-step-1-4s');

  for (let i = 0; i < 30 && (await app.time.textContent()) !== '+00:00:53.010'; i++) {
    const before = await app.time.textContent();
    await page.keyboard.press('Shift+ArrowRight');
    await expect(app.time).not.toHaveText(before ?? '');
  }
  await expect(app.time).toHaveText('+00:00:53.010');
  await shot(page, testInfo, 'default-crash-53s', true);

  await page.keyboard.press('End');
  await expect(app.time).toHaveText('+00:02:00.000');
  await shot(page, testInfo, 'default-end-120s', true);
  await app.openTab('What happened');
  await shot(page, testInfo, 'event-log-end');
});

test('the gallery, a voting variant at its end, and the Table form with a refused write', async ({ app, sim, page }, testInfo) => {
  await app.open();
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await expect(page.getByRole('dialog', { name: 'Scenarios' })).toBeVisible();
  await shot(page, testInfo, 'gallery');
  await page.getByRole('list', { name: 'Scenarios to open' }).getByRole('button', { name: /^Vote counter: idempotent/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Vote counter: idempotent/ })).toBeVisible();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('End');
  await expect(app.time).toHaveText('+00:01:00.000');
  await shot(page, testInfo, 'voting-idempotent-end-60s', true);

  await test.step('a Put with attribute_not_exists on an existing voter is refused: no record', async () => {
    await page.getByText('Write to Votes at the playhead…').click();
    const form = page.getByRole('form', { name: 'Write to Votes' });
    await form.getByLabel(/^Item \(JSON/).fill('{"voterId": "ada", "candidate": "Heron"}');
    await form.getByLabel('Condition expression (optional)').fill('attribute_not_exists(voterId');
    await expect(form.getByRole('alert')).toContainText('Invalid ConditionExpression');
    await shot(page, testInfo, 'table-form-error');
    await form.getByLabel('Condition expression (optional)').fill('attribute_not_exists(voterId)');
    await expect(form.getByRole('alert')).toHaveCount(0);
    const records = await page.getByRole('region', { name: 'Stream of Votes' }).getByRole('listitem').count();
    await form.getByRole('button', { name: /^Put at / }).click();
    await expect(page.getByRole('region', { name: 'Votes table' })).toContainText('refused by its condition → no record');
    await expect(page.getByRole('region', { name: 'Stream of Votes' }).getByRole('listitem')).toHaveCount(records);
    await app.openTab('What happened');
    await expect(page.getByRole('log', { name: 'Event log' })).toContainText('PutItem ada on Votes refused by its condition');
    await app.openTab('Table & stream');
    await shot(page, testInfo, 'table-form-refused', true);
    // The form stays open with what was typed, and the write undoes like any intervention.
    await expect(form.getByLabel('Condition expression (optional)')).toHaveValue('attribute_not_exists(voterId)');
    await expect.poll(() => sim.interventionCount()).toBe(1);
    // Ctrl+Z in a text field undoes typing, not the intervention.
    await form.getByLabel('Condition expression (optional)').press('Control+z');
    await expect.poll(() => sim.interventionCount()).toBe(1);
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => sim.interventionCount()).toBe(0);
    await expect(page.getByRole('region', { name: 'Votes table' })).not.toContainText('refused by its condition → no record');
  });

  await test.step('a Put of a new voter becomes an INSERT record on the stream and in the log', async () => {
    const form = page.getByRole('form', { name: 'Write to Votes' });
    const records = page.getByRole('region', { name: 'Stream of Votes' }).getByRole('listitem');
    const before = await records.count();
    await form.getByLabel(/^Item \(JSON/).fill('{"voterId": "zed", "candidate": "Heron"}');
    await form.getByRole('button', { name: /^Put at / }).click();
    await expect(records).toHaveCount(before + 1);
    await expect(page.getByRole('region', { name: 'Votes table' }).getByRole('row', { name: /^zed Heron/ })).toBeVisible();
    await app.openTab('What happened');
    await expect(page.getByRole('log', { name: 'Event log' })).toContainText(/PutItem zed on Votes: INSERT, record #\d+ in shard/);
  });
});

test('presenter mode at the crash, and the compare view at the end', async ({ app, page }, testInfo) => {
  await app.open('/?presenter=1');
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press(']');
  await expect(app.time).not.toHaveText('+00:00:00.000');
  await shot(page, testInfo, 'presenter-first-broken-check');

  await page.goto('/?compare=voting&at=60000');
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText('+00:01:00.000');
  await expect(page.getByLabel('Verdict of idempotent counter (eventID ledger)')).toHaveText('✓ all checks hold at the end');
  await shot(page, testInfo, 'compare-voting-end', true);
});
