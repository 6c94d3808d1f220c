/**
 * Challenges, as a learner meets them: open the vote-counter challenge from the gallery, grade the
 * naive handler it starts with (it fails on the run you see, which then shows the moment with the
 * record counted twice selected), switch to the idempotent handler (it passes the visible run and
 * every hidden variant), copy the attempt link and open it in a fresh browser: the same grade.
 */
import { test, expect } from './fixtures.ts';

test('the vote-counter challenge: fail, see why, fix, pass every variant, share the attempt', async ({ app, sim, page, browser }) => {
  test.setTimeout(180_000);
  await app.open();
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const gallery = page.getByRole('dialog', { name: 'Scenarios' });
  await expect(gallery.getByRole('list', { name: 'Challenges to open' }).getByRole('listitem')).toHaveCount(8);
  await gallery.getByRole('button', { name: /Challenge: Count every vote once/ }).click();

  const panel = page.getByRole('region', { name: 'Challenge: Count every vote once, through a crash' });
  const grade = panel.getByRole('button', { name: 'Grade my attempt' });
  const runs = panel.getByRole('list', { name: 'Runs graded' }).getByRole('listitem');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Teaches: Lambda delivers stream records at least once');
  await expect.poll(() => sim.scenarioId()).toBe('voting-naive-crash');

  await test.step('a hint at a time', async () => {
    await panel.getByRole('button', { name: 'Show a hint (1 of 4)' }).click();
    await expect(panel.getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveCount(1);
    await expect(panel.getByRole('button', { name: 'Show a hint (2 of 4)' })).toBeVisible();
  });

  await test.step('the naive starting handler fails, and the record counted twice is selected at that moment', async () => {
    await grade.click();
    // The failing moment opens with its culprit in the inspector (selected on the timeline too).
    await expect(app.inspector).toBeVisible({ timeout: 60_000 });
    await expect(app.inspector).toContainText('(repeat)');
    await expect.poll(() => sim.playheadMs()).toBeGreaterThan(19_000);
    await app.openTab('Challenge');
    await expect(panel.getByRole('heading', { name: 'Not yet' })).toBeVisible();
    await expect(panel).toContainText('VoteCounts always equals the votes the records carry, each counted once');
    await expect(panel).toContainText('in the run you see');
  });

  await test.step('the idempotent handler passes the visible run and every hidden variant', async () => {
    await panel.getByRole('combobox', { name: 'Start from' }).selectOption({ label: 'Idempotent counter' });
    await panel.getByRole('button', { name: 'Use template' }).click();
    await grade.click();
    await expect(panel.getByRole('heading', { name: 'Passed: every goal held in every run' })).toBeVisible({ timeout: 60_000 });
    await expect(runs).toHaveCount(4);
    await expect(runs.filter({ hasText: 'hidden variant' })).toHaveCount(3);
    await expect(runs.filter({ hasText: 'broke' })).toHaveCount(0);
    await expect(panel.getByText('Passed', { exact: true })).toBeVisible();
  });

  const graded = await runs.allInnerTexts();
  await panel.getByRole('button', { name: 'Copy attempt link' }).click();
  const link = await panel.getByRole('textbox', { name: /Attempt link/ }).inputValue();
  expect(link).toMatch(/#s=1\./);

  await test.step('the attempt link, opened in a fresh browser, grades the same', async () => {
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    const otherPanel = other.getByRole('region', { name: 'Challenge: Count every vote once, through a crash' });
    await expect(otherPanel.getByRole('heading', { name: 'Passed: every goal held in every run' })).toBeVisible({ timeout: 90_000 });
    expect(await otherPanel.getByRole('list', { name: 'Runs graded' }).getByRole('listitem').allInnerTexts()).toEqual(graded);
    await fresh.close();
  });
});
