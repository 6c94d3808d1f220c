/**
 * Accessibility: axe-core on the default scenario at load, mid-run with the inspector open, and in
 * presenter mode. No serious or critical violation is allowed; the rest are attached to the report.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures.ts';

async function seriousViolations(page: Page, testInfo: TestInfo, name: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`);
}

test('the default scenario at load has no serious accessibility violations', async ({ app, page }, testInfo) => {
  await app.open();
  await expect(app.stream).toBeVisible();
  expect(await seriousViolations(page, testInfo, 'load')).toEqual([]);
});

test('mid-run with the inspector open has no serious accessibility violations', async ({ app, page }, testInfo) => {
  await app.open();
  await page.getByRole('heading', { level: 1 }).click();
  await app.stepTo('+00:00:11.500');
  await app.stream.getByRole('button', { name: /^INSERT / }).first().click();
  await expect(app.inspector.getByLabel('Record JSON')).toBeVisible();
  expect(await seriousViolations(page, testInfo, 'inspector')).toEqual([]);
});

test('presenter mode has no serious accessibility violations', async ({ app, page }, testInfo) => {
  await app.open('/?presenter=1');
  await expect(app.stream).toBeVisible();
  await expect(page.getByRole('button', { name: 'Presenter' })).toHaveAttribute('aria-pressed', 'true');
  expect(await seriousViolations(page, testInfo, 'presenter')).toEqual([]);
});
