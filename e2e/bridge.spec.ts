/**
 * Import and export (issue #7 parts 1 and 2), told through the UI: paste GetRecords output with a
 * record read twice and see it on the timeline with the finding; paste a Scan output and get a
 * precise error with the scenario still there; go back; download the SDK script.
 *
 * The samples are the project's fixtures (src/bridge/__fixtures__), read as files; no app code is imported.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const fixture = (name: string) => readFileSync(new URL(`../src/bridge/__fixtures__/${name}`, import.meta.url), 'utf8');
const shots = process.env.STREAMSCOPE_SCREENSHOTS;

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('paste GetRecords output with a duplicate: banner, findings, timeline; back to the scenario', async ({ app, page, sim }) => {
  await app.open();
  const hash = await sim.traceHash();
  await page.getByRole('button', { name: 'Import records…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import stream records' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: /Records \(JSON\)/ }).fill(fixture('get-records-with-duplicate.json'));
  if (shots) await page.screenshot({ path: `${shots}/import-dialog.png` });
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();

  const banner = page.getByRole('region', { name: /^Imported: 5 records/ });
  await expect(banner).toContainText('Imported: 5 records in 1 lane of unknown shard — 1 duplicate');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Imported: Accounts stream');
  const findings = page.getByRole('region', { name: 'Findings' });
  await expect(findings.getByRole('listitem')).toHaveCount(1);
  await expect(findings).toContainText('Record c91a5e3b7d2f4a6c8e0b1d3f5a7c9e12 (MODIFY of acct-1) appears twice: #3 and #4.');
  const timeline = page.getByRole('img', { name: /Timeline of the stream/ });
  await expect(timeline).toBeVisible();
  // The lane of unknown shard is named in two lines that fit the label column: the shard, then its pages.
  await expect(timeline.locator('text', { hasText: /^Shard unknown$/ })).toHaveCount(1);
  await expect(timeline.locator('text', { hasText: /^page 1 · / })).toHaveCount(1);
  // The link keeps the scenario: the user's pasted data never goes into it.
  expect(page.url()).not.toContain('imported');

  await findings.getByRole('button', { name: /Show finding 1/ }).click();
  const record = page.getByRole('region', { name: 'Stream record' });
  await expect(record).toContainText('c91a5e3b7d2f4a6c8e0b1d3f5a7c9e12');
  // Its images, which the worker keeps as text and spells out when a record is shown.
  await expect(record).toContainText('NewImage');
  await expect(record).toContainText('OldImage');
  await expect(record).toContainText('balance');
  await page.keyboard.press('End');
  await app.openTab('Table & stream');
  await expect(page.getByRole('region', { name: /Accounts table/ })).toContainText('acct-1');
  // The item as the last record's NewImage has it.
  await expect(page.getByRole('region', { name: /Accounts table/ }).getByRole('row', { name: /acct-1/ })).toContainText('25');
  if (shots) await page.screenshot({ path: `${shots}/imported-timeline.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);

  await banner.getByRole('button', { name: 'Back to Voting booth' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Voting booth' })).toBeVisible();
  await expect.poll(() => sim.traceHash()).toBe(hash);
});

test('paste a Scan output: a precise error in place, and the scenario is still there', async ({ app, page, sim }) => {
  await app.open();
  const hash = await sim.traceHash();
  await page.getByRole('button', { name: 'Import records…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import stream records' });
  const box = dialog.getByRole('textbox', { name: /Records \(JSON\)/ });
  await box.fill(fixture('scan-output.json'));
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const error = dialog.getByRole('alert');
  await expect(error).toContainText('This looks like a DynamoDB Scan or Query output (Items, Count), not stream records');
  await expect(error).toContainText('The run on screen is unchanged.');
  await expect(box).toHaveValue(/"ScannedCount"/);
  if (shots) await page.screenshot({ path: `${shots}/import-error.png` });

  await box.fill('{\n  "Records": [\n    {"eventID": "a",}\n  ]\n}');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(error).toContainText(/not valid JSON: .*\(line 3, column \d+\)/);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Voting booth' })).toBeVisible();
  expect(await sim.traceHash()).toBe(hash);
  await expect(app.table).toBeVisible();
});

test('export the workload as an SDK script, and the records as GetRecords pages', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'Export ▾' }).click();
  const menu = page.getByRole('menu', { name: 'Export' });
  await expect(menu.getByRole('menuitem')).toHaveCount(3);
  const scriptDownload = page.waitForEvent('download');
  await menu.getByRole('menuitem', { name: /SDK script/ }).click();
  const script = await scriptDownload;
  expect(script.suggestedFilename()).toBe('voting-booth.mjs');
  const text = readFileSync(await script.path(), 'utf8');
  expect(text).toContain("from '@aws-sdk/client-dynamodb'");
  expect(text).toContain("if (flag === '--table') options.table = value();");
  expect(text).toContain('--endpoint http://localhost:8000 --table Votes');
  expect(text).toContain('attribute_not_exists(voterId)');

  await page.getByRole('button', { name: 'Export ▾' }).click();
  const pagesDownload = page.waitForEvent('download');
  await menu.getByRole('menuitem', { name: /GetRecords pages/ }).click();
  const pages = JSON.parse(readFileSync(await (await pagesDownload).path(), 'utf8')) as Array<Record<string, unknown>>;
  expect(pages[0]).toHaveProperty('StreamDescription');
  expect(pages.slice(1).every((p) => Array.isArray(p.Records) && 'NextShardIterator' in p)).toBe(true);
});

test('round trip: export the run\'s GetRecords pages, reorder two records, import the file: the finding names them', async ({ app, page }) => {
  await app.open();
  await page.getByRole('button', { name: 'Export ▾' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('menu', { name: 'Export' }).getByRole('menuitem', { name: /GetRecords pages/ }).click();
  const pages = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as Array<{ Records?: Array<{ eventID: string }> }>;
  const page2 = pages.find((p) => (p.Records?.length ?? 0) >= 2)!;
  const [a, b] = page2.Records!;
  page2.Records![0] = b!;
  page2.Records![1] = a!;

  await page.getByRole('button', { name: 'Import records…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import stream records' });
  await dialog.getByLabel('Records file').setInputFiles({ name: 'voting-booth.get-records.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pages)) });
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: /^Imported: 12 records in 4 shards — 1 out-of-order pair/ })).toBeVisible();
  const finding = page.getByRole('region', { name: 'Findings' }).getByRole('listitem');
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText(a!.eventID);
  await expect(finding).toContainText(b!.eventID);
  // The stream panel shows the four shards by the ids the simulation gave them.
  await app.openTab('Table & stream');
  await expect(page.getByRole('region', { name: 'Stream of Votes' }).getByRole('region', { name: /^Shard / })).toHaveCount(4);
  if (shots) await page.screenshot({ path: `${shots}/imported-round-trip.png`, fullPage: true });
});
