/**
 * Keyboard only: a presenter steps through the voting booth with the arrows, plays and pauses with
 * Space, jumps to the ends, changes speed, and undoes an intervention — shortcuts shown on the controls.
 */
import { test, expect } from './fixtures.ts';

test('a presenter drives playback from the keyboard', async ({ app, sim, page }) => {
  await app.open();
  await page.getByRole('heading', { level: 1 }).click(); // focus off the controls

  await test.step('→ steps to each next event, ← back to the previous one', async () => {
    await page.keyboard.press('ArrowRight');
    await expect(app.time).toHaveText('+00:00:04.000');
    await expect(app.records).toHaveCount(1);
    await page.keyboard.press('ArrowRight');
    await expect(app.time).toHaveText('+00:00:11.500');
    await expect(app.records).toHaveCount(2);
    await page.keyboard.press('ArrowLeft');
    await expect(app.time).toHaveText('+00:00:04.000');
    await expect(app.records).toHaveCount(1);
    await expect(app.stepBack).toHaveAttribute('aria-keyshortcuts', 'ArrowLeft');
    await expect(app.stepForward).toHaveAttribute('aria-keyshortcuts', 'ArrowRight');
  });

  await test.step('Space plays and pauses; + and − change the speed', async () => {
    // Narration pauses at each step by default; the presenter turns that off from the keyboard.
    await app.narrationPauses.focus();
    await page.keyboard.press('Space');
    await expect(app.narrationPauses).not.toBeChecked();
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('+');
    await expect(app.speed).toHaveValue('10');
    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect(app.speed).toHaveValue('2');
    await page.keyboard.press('Space');
    await expect(app.pause).toBeVisible();
    await expect.poll(() => sim.playheadMs()).toBeGreaterThan(4_000);
    await page.keyboard.press('Space');
    await expect(app.play).toBeVisible();
  });

  await test.step('End and Home jump to the ends of the run', async () => {
    await page.keyboard.press('End');
    await expect(app.time).toHaveText('+00:02:00.000');
    await expect(app.stepForward).toBeDisabled();
    await page.keyboard.press('Home');
    await expect(app.time).toHaveText('+00:00:00.000');
    await expect(app.stepBack).toBeDisabled();
  });

  await test.step('Ctrl+Z undoes an intervention, Ctrl+Shift+Z redoes it', async () => {
    const before = await sim.traceHash();
    await page.keyboard.press('ArrowRight');
    await app.interventions.getByRole('button', { name: 'Split a shard of Votes' }).click();
    await expect.poll(() => sim.interventionCount()).toBe(1);
    const after = await sim.traceHash();
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => sim.traceHash()).toBe(before);
    await expect(app.undo).toBeDisabled();
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => sim.traceHash()).toBe(after);
  });
});
