/**
 * A slow learner handler (issue 21.8): every invocation busy-loops under the 1 s limit, so the run
 * takes long. The status line says how far it got (simulated time, invocations) and Cancel stops it
 * (the sandbox worker is terminated) and brings back the scenario the user had, at its trace hash.
 */
import { test, expect, typeCode } from './fixtures.ts';

const SLOW = `export async function handler(event, context) {
  let x = 0;
  for (let i = 0; i < 150000000; i++) x += i % 7;
  return x > 0 ? undefined : undefined;
}`;

test('a slow handler shows progress with invocations, and Cancel keeps the scenario', async ({ app, sim, page }) => {
  test.setTimeout(180_000);
  await app.open();
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('dialog', { name: 'Scenarios' }).getByRole('button', { name: /a crash counts votes twice/ }).click();
  await expect.poll(() => sim.scenarioId()).toBe('voting-naive-crash');
  const before = await sim.traceHash();
  const title = await page.getByRole('heading', { level: 1 }).textContent();

  await app.openTab('Your consumer');
  const panel = page.getByRole('region', { name: 'Your consumer' });
  await panel.getByRole('button', { name: 'Write your own consumer' }).click();
  await typeCode(page, SLOW);
  await panel.getByRole('button', { name: 'Run my consumer' }).click();

  const status = page.getByRole('status').filter({ hasText: 'Computing the run…' });
  await expect(status).toContainText(/of 60 s simulated · [1-9]\d* Lambda invocations?/, { timeout: 60_000 });
  await status.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toBeHidden({ timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title ?? '');
  expect(await sim.traceHash()).toBe(before);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
