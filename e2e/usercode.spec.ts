/**
 * "Your consumer": a learner writes a Lambda handler in the editor and runs it against the same
 * simulation. An endless loop is stopped and reported; a handler that throws shows retries on the
 * timeline; the idempotent template fixes the voting scenario's count after the crash, where the
 * naive one is wrong. The code runs in a sandbox worker under the app's strict CSP.
 */
import AxeBuilder from '@axe-core/playwright';
import { findScenario } from '../src/scenarios/catalogue.ts';
import { CODE_TEMPLATES, withUserConsumer } from '../src/scenarios/userCode.ts';
import { nodeUserCodeTraceHash } from '../tools/usercode/vmSandbox.ts';
import { test, expect, typeCode } from './fixtures.ts';

const LOOP = `export async function handler(event, context) {
  while (true) {}
}`;

const THROWS = `export async function handler(event, context) {
  throw new Error('cannot count yet');
}`;

/** Reports, as its error, which forbidden globals it can still reach and whether eval works. */
const PROBE = `export async function handler(event, context) {
  const names = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches', 'BroadcastChannel', 'Worker', 'navigator', 'postMessage', 'eval', 'Function'];
  const reachable = names.filter((n) => typeof globalThis[n] !== 'undefined');
  let evaluates = false;
  try { evaluates = [].constructor.constructor('return 1')() === 1; } catch (e) { evaluates = false; }
  throw new Error('reachable=[' + reachable.join(',') + '] eval=' + evaluates + ' now=' + new Date().toISOString() + ' random=' + (Math.random() < 1));
}`;

const BROKEN = `export async function handler(event, context) {
  for (const record of event.Records {
  }
}`;


test('your own consumer: stopped loops, retries of a throwing handler, and the idempotent fix', async ({ app, sim, page }, testInfo) => {
  test.setTimeout(120_000);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await app.open();
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('dialog', { name: 'Scenarios' }).getByRole('button', { name: /a crash counts votes twice/ }).click();
  await expect.poll(() => sim.scenarioId()).toBe('voting-naive-crash');

  const panel = page.getByRole('region', { name: 'Your consumer' });
  const run = panel.getByRole('button', { name: 'Run my consumer' });
  const errors = panel.getByRole('list', { name: /Errors from your handler/ });
  const consumer = page.getByRole('region', { name: 'Consumer counter' });
  const toEnd = async () => {
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('End');
    await expect.poll(() => sim.playheadMs()).toBe(60_000);
  };

  await test.step('the editor opens with the naive template, labelled and keyboard usable', async () => {
    await app.openTab('Your consumer');
    await panel.getByRole('button', { name: 'Write your own consumer' }).click();
    const editor = page.getByRole('textbox', { name: 'Handler code (JavaScript)' });
    await expect(editor).toContainText('export async function handler(event, context)');
    await editor.click();
    // Escape then Tab leaves the editor: the keyboard is not trapped.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(editor).not.toBeFocused();
    await page.screenshot({ path: testInfo.outputPath('editor.png'), fullPage: true });
    const axe = await new AxeBuilder({ page }).include('section[aria-labelledby="user-code-heading"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  await test.step('a syntax error is shown with its line and column, and nothing runs', async () => {
    const before = await sim.traceHash();
    await typeCode(page, BROKEN);
    await run.click();
    await expect(panel.getByRole('alert')).toHaveText('Line 2, column 38: SyntaxError: Unexpected token');
    expect(await sim.traceHash()).toBe(before);
  });

  await test.step('an endless loop is stopped and reported', async () => {
    await typeCode(page, LOOP);
    await run.click();
    await expect(errors.getByRole('listitem').first()).toContainText('timeout: Task timed out: Your handler ran for more than 1 s and was stopped — an endless loop?', { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/your consumer$/);
  });

  await test.step('the sandbox has no network, storage or eval, and reads the simulated clock', async () => {
    await typeCode(page, PROBE);
    await run.click();
    // The invocation started at +4.000 s of simulated time (epoch 2023-11-14T22:13:20Z); it ended at +4.080.
    await expect(errors.getByRole('listitem').first()).toContainText('Error: reachable=[] eval=false now=2023-11-14T22:13:24.000Z random=true', { timeout: 30_000 });
  });

  await test.step('a handler that throws shows retries on the timeline', async () => {
    await typeCode(page, THROWS);
    await run.click();
    await expect(errors.getByRole('listitem').first()).toContainText('error: Error: cannot count yet (line 2, column 9)', { timeout: 30_000 });
    await toEnd();
    await expect.poll(() => page.locator('#timeline-summary').textContent()).toMatch(/records? delivered more than once/);
    const redelivered = await page.evaluate(() => window.__streamscopeTimeline?.chips().filter((c) => c.deliveries > 1).length ?? 0);
    expect(redelivered).toBeGreaterThan(0);
    await page.screenshot({ path: testInfo.outputPath('throwing-run.png'), fullPage: true });
  });

  await test.step('the naive template counts the crashed batch twice', async () => {
    await app.openTab('Your consumer');
    await panel.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'Naive counter' });
    await panel.getByRole('button', { name: 'Use template' }).click();
    await run.click();
    await expect(panel.getByText(/^Your handler ran without errors in this run./)).toBeVisible({ timeout: 30_000 });
    await toEnd();
    await app.openTab('Consumers');
    const checks = consumer.getByRole('list', { name: 'Checks of counter' });
    await expect(checks.getByRole('listitem').filter({ has: page.getByText('target-matches-source', { exact: true }) })).toContainText('broken at');
  });

  await test.step('the idempotent template fixes the count', async () => {
    await app.openTab('Your consumer');
    await panel.getByRole('combobox', { name: 'Template' }).selectOption({ label: 'Idempotent counter' });
    await panel.getByRole('button', { name: 'Use template' }).click();
    await run.click();
    await expect(panel.getByText(/^Your handler ran without errors in this run./)).toBeVisible({ timeout: 30_000 });
    await toEnd();
    await app.openTab('Consumers');
    await expect(consumer).toContainText('all checks hold');
    // What the Votes table holds at the end: Otter 4, Heron 2, Badger 3 (the built-in idempotent counter's totals).
    const counts = page.getByRole('table', { name: 'VoteCounts', exact: true });
    await expect(counts.getByRole('row', { name: 'Otter 4', exact: true })).toBeVisible();
    await expect(counts.getByRole('row', { name: 'Heron 2', exact: true })).toBeVisible();
    await expect(counts.getByRole('row', { name: 'Badger 3', exact: true })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('idempotent-run.png'), fullPage: true });
  });

  await test.step('the browser sandbox and Node agree: the same trace hash', async () => {
    const idempotent = CODE_TEMPLATES.find((t) => t.id === 'idempotent-counter')!.code;
    expect(await sim.traceHash()).toBe(await nodeUserCodeTraceHash(withUserConsumer(findScenario('voting-naive-crash')!, idempotent)));
  });

  await test.step('the link carries the code: opened anew, it replays the same run', async () => {
    const hash = await sim.traceHash();
    const url = await page.evaluate(() => location.href);
    await page.goto('about:blank');
    await page.goto(url);
    await expect.poll(() => sim.traceHash()).toBe(hash);
  });

  expect(violations).toEqual([]);
});
