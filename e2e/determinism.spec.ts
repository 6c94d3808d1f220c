/**
 * The run is a function of (scenario, seed): the trace hash Chromium computes in the worker equals
 * the one Node computes through the same host code (tools/run-scenario.ts → src/worker/host.ts).
 *
 * The one e2e file that imports code: the Node-side hash, by design.
 */
import { nodeTraceHash } from '../tools/run-scenario.ts';
import { test, expect } from './fixtures.ts';

test('Chromium computes the same trace hash as Node for the default scenario', async ({ app, sim, page }) => {
  const expected = await nodeTraceHash('voting-booth');
  expect(expected).toMatch(/^[0-9a-f]{16}$/);
  await app.open();
  await expect.poll(() => sim.traceHash()).toBe(expected);
  await expect(page.getByText(`seed 42 · trace ${expected.slice(0, 8)}`)).toBeVisible();

  // Playing and reloading do not change the run: it is computed once, from data.
  await app.speed.selectOption('20');
  await app.play.click();
  await expect.poll(() => sim.playheadMs()).toBeGreaterThan(20_000);
  await page.reload();
  await expect.poll(() => sim.traceHash()).toBe(expected);
});
