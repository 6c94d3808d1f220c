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
  // A handful of the Node suite's random scenarios (src/worker/determinism.test.ts runs 50 of them three times).
  const picked = sampleScenarios(50).filter((s) => (s.consumers ?? []).length > 0 && (s.interventions ?? []).length > 0).slice(0, 5);
  expect(picked.length).toBe(5);
  for (const scenario of picked) {
    const expected = await nodeInlineTraceHash(scenario);
    await page.goto('about:blank');
    await page.goto(inlineLinkPath(scenario));
    await expect.poll(() => sim.scenarioId()).toBe(scenario.id);
    await expect.poll(() => sim.traceHash(), { message: scenario.id }).toBe(expected);
  }
});
