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

test('the compare view and the open Table form have no serious accessibility violations', async ({ app, page }, testInfo) => {
  await page.goto('/?compare=voting&at=30000');
  await expect(page.getByLabel('Verdict of idempotent counter (eventID ledger)')).toBeVisible();
  await expect(page.getByLabel('Verdict of naive counter (plain increment)')).toBeVisible();
  expect(await seriousViolations(page, testInfo, 'compare')).toEqual([]);

  await app.open();
  await page.getByText('Write to Votes at the playhead…').click();
  await page.getByRole('form', { name: 'Write to Votes' }).getByLabel('Condition expression (optional)').fill('attribute_exists(');
  await expect(page.getByRole('form', { name: 'Write to Votes' }).getByRole('alert')).toBeVisible();
  expect(await seriousViolations(page, testInfo, 'table-form')).toEqual([]);
});
