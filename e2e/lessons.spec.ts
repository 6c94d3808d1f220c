/**
 * The lessons added for issue #17, each followed as a learner would: open it by link, step through
 * its narration with Next, answer every prediction, and reach the summary. The claims each step
 * makes about its run are checked in Node (src/scenarios/claims.ts); this shows the steps in order
 * on screen, with the prompts answerable and the summary last.
 */
import { scenarioNarration } from '../tools/scenarioLessons.ts';
import { test, expect } from './fixtures.ts';

const LESSONS = ['iterator-pitfalls', 'view-types', 'kcl-vs-lambda-errors', 'filter-criteria'];

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
