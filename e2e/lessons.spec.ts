/**
 * The lessons added for issue #17, each followed as a learner would: open it by link, step through
 * its narration with Next, answer every prediction, and reach the summary. The claims each step
 * makes about its run are checked in Node (src/scenarios/claims.ts); this shows the steps in order
 * on screen, with the prompts answerable and the summary last.
 */
import { scenarioNarration } from '../tools/scenarioLessons.ts';
import { test, expect } from './fixtures.ts';

const LESSONS = ['iterator-pitfalls', 'view-types', 'kcl-vs-lambda-errors', 'filter-criteria', 'kcl-handoff', 'fan-out'];

for (const id of LESSONS) {
  test(`${id}: every narration step in order, predictions answered, summary last`, async ({ app, sim, page }) => {
    const { fragment, steps } = scenarioNarration(id);
    expect(fragment.length).toBeLessThanOrEqual(2_000);
    await page.goto('./' + fragment);
    await expect.poll(() => sim.scenarioId()).toBe(id);
    await expect(app.narration).toContainText(`${steps.length} steps`);
    for (const [i, step] of steps.entries()) {
      await test.step(`step ${i + 1}`, async () => {
        await app.narration.getByRole('button', { name: /Next/ }).click();
        await expect(app.narration).toContainText(`step ${i + 1} of ${steps.length}`);
        await expect(app.narration).toContainText(step.text.slice(0, 60));
        if (step.predict) {
          await expect(app.narration).toContainText(step.predict.question);
          await app.narration.getByRole('button', { name: step.predict.answer, exact: true }).click();
          await expect(app.narration.getByRole('status')).toContainText('Right');
        }
      });
    }
    await expect(page.getByRole('region', { name: 'What this scenario showed' })).toBeVisible();
    await expect(app.narration.getByRole('button', { name: /Next/ })).toBeDisabled();
  });
}

// Four counters read one shard (#17, the two-reader limit): the timeline marks the throttled reads
// and the legend explains the mark; the narration says the readers are throttled.
test('dedup-filters: four readers of one shard are throttled, marked on the timeline and explained', async ({ app, sim, page }) => {
  const { fragment } = scenarioNarration('dedup-filters');
  await page.goto('./' + fragment);
  await expect.poll(() => sim.scenarioId()).toBe('dedup-filters');
  await app.narration.getByRole('button', { name: /Next/ }).click();
  await expect(app.narration).toContainText('throttled with LimitExceededException');
  await app.playhead.fill('25000');
  await expect.poll(() => page.evaluate(() => window.__streamscope?.playheadMs())).toBe(25_000);
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.locator('svg text', { hasText: 'read throttled (over 2 readers per shard)' })).toHaveCount(1);
  for (const [w, h] of [[1280, 720], [1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/throttle-${w}x${h}.png` });
  }
});
