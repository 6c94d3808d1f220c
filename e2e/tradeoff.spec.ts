/**
 * Checkpoint frequency (issue #6, scenario 3): with three KCL counters that checkpoint differently,
 * a chart plots checkpoint writes against records reprocessed, and the learner can read the
 * trade-off at the end of the run: the more often a counter checkpoints, the less it replays.
 */
import { test, expect } from './fixtures.ts';

test('the checkpoint-frequency scenario charts checkpoint writes against records reprocessed', async ({ app, page, sim }) => {
  await app.open();
  await expect(page.getByRole('region', { name: 'Checkpoint trade-off' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('dialog', { name: 'Scenarios' }).getByRole('button', { name: /Checkpoint every record, every 10/ }).first().click();
  await expect.poll(() => sim.scenarioId()).toBe('checkpoint-frequency');
  await page.keyboard.press('End');
  await app.openTab('Consumers');
  const chart = page.getByRole('region', { name: 'Checkpoint trade-off' });
  await expect(chart.getByRole('img', { name: /Checkpoint writes against records reprocessed/ })).toBeVisible();
  const row = (id: string) => chart.getByRole('row', { name: new RegExp(`^${id} `) }).getByRole('cell');
  // Columns: checkpoints, checkpoint writes, records reprocessed.
  await expect(row('every-record').nth(0)).toHaveText('after every record');
  const cells = async (id: string) => (await row(id).allTextContents()).slice(1).map(Number);
  await expect.poll(async () => (await cells('every-batch'))[1]).toBe(34);
  const [recordWrites, recordReplays] = await cells('every-record');
  const [tenWrites, tenReplays] = await cells('every-10');
  const [batchWrites, batchReplays] = await cells('every-batch');
  // More checkpoints, fewer replays: the trade-off the scenario teaches.
  expect(recordWrites).toBeGreaterThan(tenWrites!);
  expect(tenWrites).toBeGreaterThanOrEqual(batchWrites!);
  expect(recordReplays).toBeLessThan(tenReplays!);
  expect(tenReplays).toBeLessThan(batchReplays!);
});
