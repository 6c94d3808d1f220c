/**
 * The run is a function of (scenario, seed): the trace hash Chromium computes in the worker equals
 * the one Node computes through the same host code (tools/run-scenario.ts → src/worker/host.ts).
 *
 * The one e2e file that imports code: the Node-side hash (and the random scenarios), by design.
 */
import { nodeTraceHash } from '../tools/run-scenario.ts';
import { inlineLinkPath, nodeInlineTraceHash, sampleScenarios } from '../tools/randomScenarios.ts';
import { test, expect } from './fixtures.ts';

test('Chromium computes the same trace hash as Node for the default scenario', async ({ app, sim, page }) => {
  const expected = await nodeTraceHash('voting-booth');
  expect(expected).toMatch(/^[0-9a-f]{16}$/);
  await app.open();
  await expect.poll(() => sim.traceHash()).toBe(expected);
  await expect(page.getByText(`seed 42 · trace ${expected.slice(0, 8)}`)).toBeVisible();

  // Playing and reloading do not change the run: it is computed once, from data.
  await app.playThroughNarration();
  await app.speed.selectOption('20');
  await app.play.click();
  await expect.poll(() => sim.playheadMs()).toBeGreaterThan(20_000);
  await page.reload();
  await expect.poll(() => sim.traceHash()).toBe(expected);
});

test('Chromium computes the same trace hash as Node for random inline scenarios opened by link', async ({ page, sim }) => {
  // The Node suite's 50 random scenarios (src/worker/determinism.test.ts runs each three times in
  // Node); here each is opened by link in Chromium and must give the Node hash.
  // STREAMSCOPE_DETERMINISM_BROWSER_RUNS lowers the count for a quick local run.
  const count = Number(process.env.STREAMSCOPE_DETERMINISM_BROWSER_RUNS ?? 50);
  test.setTimeout(60_000 + count * 4_000);
  const picked = sampleScenarios(50).slice(0, count);
  expect(picked.length).toBe(Math.min(50, count));
  for (const scenario of picked) {
    const expected = await nodeInlineTraceHash(scenario);
    await page.goto('about:blank');
    await page.goto(inlineLinkPath(scenario));
    await expect.poll(() => sim.scenarioId()).toBe(scenario.id);
    await expect.poll(() => sim.traceHash(), { message: scenario.id }).toBe(expected);
  }
});
