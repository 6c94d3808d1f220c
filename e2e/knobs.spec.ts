/**
 * Knobs (issue #14), as a user: change a setting in the Settings panel and see the run change; an
 * out-of-range value gets Lambda's own message before anything is sent; a link carries the change
 * to a fresh browser; "What if" opens both runs side by side.
 */
import { readFileSync } from 'node:fs';
import { deflateSync, strToU8 } from 'fflate';
import { test, expect } from './fixtures.ts';

function link(payload: unknown): string {
  return `/#s=1.${Buffer.from(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 })).toString('base64url')}`;
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('voting: eventID idempotency fixes the counter, BatchSize 1 makes one-record batches, and the link replays it', async ({ page, app, sim, browser }) => {
  await page.goto(link({ v: 1, scenario: { id: 'voting-naive-crash' } }));
  const settings = page.getByRole('region', { name: 'Settings' });
  const counter = app.consumers.getByRole('region', { name: 'Consumer counter' });
  const apply = settings.getByRole('button', { name: 'Apply from the start' });
  // The End key jumps to the end of the run (from the playhead slider: a focused select would take it).
  const toEnd = { click: async () => (await app.playhead.focus(), await page.keyboard.press('End')) };
  await app.playThroughNarration();
  await toEnd.click();
  await app.openTab('Consumers');
  await expect(counter).toContainText(/checks? broken/);
  const naiveHash = await sim.traceHash();

  await app.openTab('Settings');
  await expect(settings).toBeVisible();
  await settings.getByRole('combobox', { name: 'Idempotency' }).selectOption('event-id');
  await expect(settings.getByText('This change recomputes the run from 0.')).toBeVisible();
  await apply.click();
  await expect.poll(() => sim.traceHash()).not.toBe(naiveHash);
  await toEnd.click();
  await app.openTab('Consumers');
  await expect(counter).toContainText('all checks hold');
  await app.openTab('Settings');

  // Lambda's own message, in place, before anything is sent.
  const factor = settings.getByRole('textbox', { name: 'ParallelizationFactor' });
  await factor.fill('11');
  await expect(settings.getByRole('alert')).toContainText("Value '11' at 'parallelizationFactor' failed to satisfy constraint: Member must have value less than or equal to 10");
  await expect(apply).toBeDisabled();
  await factor.fill('');
  await expect(settings.getByRole('alert')).toHaveCount(0);

  const idempotentHash = await sim.traceHash();
  await settings.getByRole('textbox', { name: 'BatchSize' }).fill('1');
  await apply.click();
  await expect.poll(() => sim.traceHash()).not.toBe(idempotentHash);
  await toEnd.click();
  await expect(page.locator('#timeline-summary')).toContainText('counter');
  await expect(page.locator('#timeline-summary')).toContainText('batches of 1 record');
  await expect(settings.getByText(/Changed from the built-in scenario: counter idempotency → event-id; counter BatchSize → 1/)).toBeVisible();

  // The link carries the change set; a fresh browser computes the same run.
  const hash = await sim.traceHash();
  await expect.poll(() => page.url()).toMatch(/#s=1\./);
  await expect.poll(async () => new URL(page.url()).hash.length).toBeLessThan(2_000);
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(page.url());
  await expect.poll(() => other.evaluate(async () => (window.__streamscope ? window.__streamscope.traceHash() : '')), { timeout: 30_000 }).toBe(hash);
  await fresh.close();
});

test('a run-time change goes through UpdateEventSourceMapping at the playhead and undoes like a fault', async ({ page, app, sim }) => {
  await page.goto(link({ v: 1, scenario: { id: 'voting-naive-crash' }, at: 30_000 }));
  await app.openTab('Settings');
  const settings = page.getByRole('region', { name: 'Settings' });
  await expect(settings).toBeVisible();
  const before = await sim.traceHash();
  await settings.getByRole('textbox', { name: 'BatchSize' }).fill('1');
  const now = settings.getByRole('button', { name: /^Apply at the playhead/ });
  await expect(now).toBeEnabled();
  await now.click();
  await app.openTab('Interventions');
  await expect(app.interventions.getByRole('list', { name: 'Your interventions' })).toContainText('UpdateEventSourceMapping → counter (BatchSize: 1)');
  await expect.poll(() => sim.interventionCount()).toBe(1);
  await app.undo.click();
  await expect.poll(() => sim.traceHash()).toBe(before);
});

test('What if with bisect on shows both runs side by side', async ({ page, app }) => {
  await page.goto(link({ v: 1, scenario: { id: 'poison-record' }, at: 5_000 }));
  await app.openTab('Settings');
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByRole('combobox', { name: 'Consumer' }).selectOption('stuck');
  await settings.getByRole('checkbox', { name: 'BisectBatchOnFunctionError' }).check();
  await settings.getByRole('button', { name: 'What if…' }).click();
  await expect(page).toHaveURL(/compare=links/);
  await expect(page.getByRole('heading', { level: 2, name: 'as it is', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^stuck BisectBatchOnFunctionError → true/ })).toBeVisible();
  await expect(page.getByLabel('Verdict of as it is')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel(/^Verdict of stuck BisectBatchOnFunctionError/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('img', { name: /^Timeline of / })).toHaveCount(2);
});

test('faults that do not apply are disabled with the reason', async ({ page, app }) => {
  await page.goto('/');
  await app.openTab('Interventions');
  const interventions = page.getByRole('region', { name: 'Interventions' });
  // The voting booth's counter is a KCL application: a processed batch is never redelivered on its own.
  await expect(interventions.getByRole('button', { name: 'Redeliver batch' })).toBeDisabled();
  await expect(interventions.getByRole('list', { name: 'Faults that do not apply' })).toContainText('Redeliver batch: A KCL worker never gets a processed batch again');
  // A KCL application scales out at run time: one more worker joins at the playhead, undone like a fault.
  await app.openTab('Settings');
  await page.getByRole('region', { name: 'Settings' }).getByRole('button', { name: 'Start a worker at the playhead' }).click();
  await app.openTab('Interventions');
  await expect(interventions.getByRole('list', { name: 'Your interventions' })).toContainText('worker w3 started → counter');
});

test('New scenario starts from an empty table with one consumer, and a consumer can be added', async ({ page, sim, app }) => {
  await page.goto('/');
  await app.openTab('Settings');
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.getByRole('button', { name: 'New scenario' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New scenario' })).toBeVisible();
  await expect(settings.getByRole('combobox', { name: 'Consumer' }).getByRole('option')).toHaveCount(1);
  const before = await sim.traceHash();
  await settings.getByRole('button', { name: 'Add KCL application' }).click();
  await settings.getByRole('button', { name: 'Apply from the start' }).click();
  await expect.poll(() => sim.traceHash()).not.toBe(before);
  await app.openTab('Consumers');
  await expect(page.getByRole('region', { name: 'Consumers' }).getByRole('region', { name: 'Consumer kcl-app' })).toBeVisible();
});

// Written by tools/knobs/replay.test.ts from random edits and interventions, with the trace hash Node computed.
const nodeLinks = JSON.parse(readFileSync(new URL('./knobs-links.json', import.meta.url), 'utf8')) as Array<{ link: string; traceHash: string }>;

test('links with edits and run-time changes replay in Chromium to the hash Node computed', async ({ browser }) => {
  for (const { link: fragment, traceHash } of nodeLinks) {
    // A fresh context per link: the app reads a link once, when it starts.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/#${fragment}`);
    await expect.poll(() => page.evaluate(async () => (window.__streamscope ? window.__streamscope.traceHash() : '')), { timeout: 30_000 }).toBe(traceHash);
    await context.close();
  }
});
