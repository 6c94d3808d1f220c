/**
 * The teaching panels on the default scenario (voting booth with its naive KCL counter): narration
 * pausing at its steps with a prediction, the consumer's verdicts and counters after the crash and
 * the replay, the lease table, the inspector's deliveries, and the scenario gallery loading another
 * scenario into the link.
 */
import { test, expect } from './fixtures.ts';

test('a learner follows the narration, predicts, and reads the verdict after the replay', async ({ app, sim, page }, testInfo) => {
  await app.open();
  await expect(app.narration).toContainText('5 steps');

  await test.step('Play pauses at the first step (Ada’s vote)', async () => {
    await app.speed.selectOption('20');
    await app.play.click();
    await expect(app.narration).toContainText('Ada votes Otter');
    await expect(app.play).toBeVisible();
    expect(await sim.playheadMs()).toBe(4_000);
  });

  await test.step('Next jumps to the crash and asks for a prediction', async () => {
    for (let i = 0; i < 2; i++) await app.narration.getByRole('button', { name: /Next/ }).click();
    await expect(app.narration).toContainText('crashed before it could checkpoint');
    await expect(app.time).toHaveText('+00:00:53.010');
    await app.narration.getByRole('button', { name: /At Barbara's vote/ }).click();
    await expect(app.narration.getByRole('status')).toContainText('Right');
    await page.screenshot({ path: testInfo.outputPath('predict.png'), fullPage: true });
  });

  await test.step('the lease table shows owners; after the takeover the verdict is broken, in words', async () => {
    await app.openTab('Consumers');
    const lease = page.getByRole('region', { name: 'counter — lease table of counter' });
    await expect(lease.getByRole('columnheader', { name: 'leaseOwner' })).toBeVisible();
    // One step: worker-2 takes the leases and counts Barbara's vote again at the same instant.
    await app.narration.getByRole('button', { name: /Next/ }).click();
    await expect(lease).toContainText('worker-2');
    const counter = app.consumers.getByRole('region', { name: 'Consumer counter' });
    const checks = counter.getByRole('list', { name: 'Checks of counter' });
    await expect(checks.getByRole('listitem').filter({ hasText: 'target-matches-records' })).toContainText('broken');
    await expect(checks.getByRole('listitem').filter({ hasText: 'at-least-once' })).toContainText('holds');
    await expect(counter).toContainText('Harmful duplicates');
    await page.screenshot({ path: testInfo.outputPath('verdict.png'), fullPage: true });
  });

  await test.step('the inspector shows Barbara’s vote delivered twice, and its Lambda shape', async () => {
    await app.openTab('Table & stream');
    // A click on a record opens it in the dock's Inspector tab.
    await app.stream.getByRole('button', { name: /^INSERT barbara,/ }).click();
    const deliveries = app.inspector.getByRole('table', { name: 'Deliveries of this record' });
    await expect(deliveries.getByRole('row')).toHaveCount(3);
    await expect(deliveries).toContainText('harm');
    await app.inspector.getByRole('radio', { name: 'As a Lambda event carries it' }).click();
    await expect(app.inspector.getByLabel('Record JSON')).toContainText('"eventSourceARN"');
    await page.screenshot({ path: testInfo.outputPath('inspector-deliveries.png'), fullPage: true });
  });

  await test.step('the last step is the summary', async () => {
    await app.narration.getByRole('button', { name: /Next/ }).click();
    await expect(page.getByRole('region', { name: 'What this scenario showed' })).toContainText('at least once');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: testInfo.outputPath('summary-1280.png') });
  });
});

test('the gallery lists the scenarios and opens one into the link', async ({ app, sim, page }, testInfo) => {
  await app.open();
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scenarios' });
  await expect(dialog.getByRole('list', { name: 'Scenarios to open' }).getByRole('listitem')).toHaveCount(23);
  await expect(dialog.getByRole('list', { name: 'Comparisons to open' }).getByRole('listitem')).toHaveCount(2);
  await expect(dialog.getByRole('button', { name: /Voting booth/ }).first()).toHaveAttribute('aria-current', 'true');
  await page.screenshot({ path: testInfo.outputPath('gallery.png') });
  await dialog.getByRole('button', { name: /idempotent/i }).first().click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => sim.scenarioId()).toBe('voting-idempotent');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=1\./);
  const url = await page.evaluate(() => location.href);
  await page.goto('about:blank');
  await page.goto(url);
  await expect.poll(() => sim.scenarioId()).toBe('voting-idempotent');
});
