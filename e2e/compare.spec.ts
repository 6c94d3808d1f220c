/**
 * The compare view (issue #6): one workload and crash under two consumer settings, side by side,
 * on one playhead, each with its verdict; opened from the gallery or a link.
 */
import { test, expect } from './fixtures.ts';

test('naive vs idempotent counter: play both to the end, and the verdicts differ', async ({ page }, testInfo) => {
  await page.goto('/?compare=voting');
  await expect(page.getByRole('heading', { level: 1, name: 'Compare: Naive vs idempotent vote counter' })).toBeVisible();
  const naive = page.getByRole('region', { name: 'naive counter (plain increment)' });
  const idempotent = page.getByRole('region', { name: 'idempotent counter (eventID ledger)' });
  await expect(naive.getByRole('img', { name: /^Timeline of / })).toBeVisible();
  await expect(idempotent.getByRole('img', { name: /^Timeline of / })).toBeVisible();

  await page.getByRole('combobox', { name: 'Speed' }).selectOption('20');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText('+00:01:00.000', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Play' })).toBeDisabled();

  const naiveVerdict = naive.getByLabel('Verdict of naive counter (plain increment)');
  const idempotentVerdict = idempotent.getByLabel('Verdict of idempotent counter (eventID ledger)');
  await expect(naiveVerdict).toContainText('✗ 2 checks broken');
  await expect(naiveVerdict).toContainText('target-matches-source');
  await expect(idempotentVerdict).toHaveText('✓ all checks hold at the end');
  await expect(naive.getByRole('region', { name: /^Consumers — / })).toContainText('Harmful duplicates3');
  await expect(idempotent.getByRole('region', { name: /^Consumers — / })).toContainText('Harmful duplicates0');
  await expect(naive.getByRole('list', { name: /^What happened last/ })).toContainText('harmful duplicates');
  await expect(idempotent.getByRole('list', { name: /^What happened last/ })).toContainText('skipped as already applied');
  await page.screenshot({ path: testInfo.outputPath('compare-voting.png'), fullPage: true });

  await test.step('the link carries the pair and the playhead', async () => {
    await page.getByRole('slider', { name: 'Playhead of both runs' }).fill('20000');
    await page.getByRole('button', { name: 'Copy link' }).click();
    expect(await page.evaluate(() => location.search)).toBe('?compare=voting&at=20000');
    await page.reload();
    await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText('+00:00:20.000');
    await expect(naive.getByLabel(/^Verdict of/)).toContainText('all checks hold so far');
  });
});

test('the gallery opens a comparison: checkpoint every record vs every 10', async ({ app, page }, testInfo) => {
  await app.open();
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('list', { name: 'Comparisons to open' }).getByRole('link', { name: /Checkpoint every record vs every 10 records/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare: Checkpoint every record vs every 10 records' })).toBeVisible();
  const left = page.getByRole('region', { name: 'checkpoint every record' });
  const right = page.getByRole('region', { name: 'checkpoint every 10 records' });
  await expect(left.getByRole('img', { name: /^Timeline of / })).toBeVisible();
  await expect(right.getByRole('img', { name: /^Timeline of / })).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('timer', { name: 'Simulated time' })).toHaveText('+00:02:00.000');
  await expect(left.getByRole('region', { name: /^Consumers — / })).toContainText('Reprocessed1');
  await expect(right.getByRole('region', { name: /^Consumers — / })).toContainText('Reprocessed7');
  await page.screenshot({ path: testInfo.outputPath('compare-checkpoints.png'), fullPage: true });
});
