/**
 * Attacks on the user-code sandbox, as a stranger's link would make them (issue 21). Code that looks
 * harmless to the check but runs differently in the sandbox must be refused, and the sandbox must run
 * at an opaque origin, so even code that escaped the prelude could not reach the app's caches,
 * IndexedDB or service worker.
 */
import type { Page, Worker } from '@playwright/test';
import { test, expect, typeCode } from './fixtures.ts';

/**
 * An HTML-like comment (`<!--`) is an operator sequence to a module parser (`b < !--b`) and a line
 * comment to a classic script: checked as a module, run as a script, the second line closed the
 * wrapper function and ran at the top of the sandbox before the prelude deleted anything.
 */
const ESCAPE = [
  'export async function handler(event, context) {}',
  'let b = 1;',
  'const c = b <!--b + `',
  "}))((f) => 0); caches.open('streamscope-escaped'); indexedDB.open('streamscope-escaped'); ((start) => start(async function () {",
  '//`;',
].join('\n');


async function openEditor(page: Page, app: { open(): Promise<void> }, scenarioId: () => Promise<string | undefined>): Promise<void> {
  await app.open();
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('dialog', { name: 'Scenarios' }).getByRole('button', { name: /a crash counts votes twice/ }).click();
  await expect.poll(scenarioId).toBe('voting-naive-crash');
  await page.getByRole('tab', { name: 'Your consumer' }).click();
  await page.getByRole('region', { name: 'Your consumer' }).getByRole('button', { name: 'Write your own consumer' }).click();
}

/** What the app's origin holds: cache names and IndexedDB database names. */
async function originStorage(page: Page): Promise<{ caches: string[]; databases: string[] }> {
  return page.evaluate(async () => ({ caches: await caches.keys(), databases: (await indexedDB.databases()).map((d) => d.name ?? '') }));
}

test('code that reads differently as a script than as a module is refused and never runs', async ({ app, sim, page }) => {
  test.setTimeout(90_000);
  await openEditor(page, app, () => sim.scenarioId());
  const panel = page.getByRole('region', { name: 'Your consumer' });
  await typeCode(page, ESCAPE);
  await panel.getByRole('button', { name: 'Run my consumer' }).click();
  await expect(panel.getByRole('alert')).toContainText('HTML-like comment');
  // Give an escaped script time to act, then look: the app's origin holds nothing it made.
  await page.waitForTimeout(1500);
  const storage = await originStorage(page);
  expect(storage.caches).not.toContain('streamscope-escaped');
  expect(storage.databases).not.toContain('streamscope-escaped');
});

test('the sandbox worker runs at an opaque origin: no app storage, caches or network even without the prelude', async ({ app, sim, page }) => {
  test.setTimeout(90_000);
  const workers: Worker[] = [];
  page.on('worker', (w) => workers.push(w));
  await openEditor(page, app, () => sim.scenarioId());
  const panel = page.getByRole('region', { name: 'Your consumer' });
  await panel.getByRole('button', { name: 'Run my consumer' }).click();
  await expect(panel.getByText(/^Your handler ran without errors in this run./)).toBeVisible({ timeout: 30_000 });
  // The sandbox is a data: worker: by the HTML standard its origin is a new opaque origin, so its
  // storage, CacheStorage and service worker are not the app's.
  const sandboxes = workers.filter((w) => !w.url().startsWith('http'));
  expect(sandboxes.length).toBeGreaterThan(0);
  for (const w of sandboxes) expect(w.url()).toMatch(/^data:text\/javascript/);

  // What code that got past the prelude would meet there: the same kind of worker, with no prelude.
  const before = await originStorage(page);
  const escaped = await page.evaluate(async () => {
    const probe = `
      const tries = {};
      const attempt = async (name, f) => { try { await f(); tries[name] = 'reached'; } catch (e) { tries[name] = 'refused'; } };
      await attempt('caches', () => caches.open('streamscope-escaped'));
      await attempt('indexedDB', () => new Promise((ok, fail) => { const r = indexedDB.open('streamscope-escaped'); r.onsuccess = ok; r.onerror = () => fail(r.error); }));
      await attempt('importScripts', () => importScripts('/sw.js'));
      await attempt('fetch another host', () => fetch('https://example.com/'));
      tries.origin = self.origin;
      tries.serviceWorker = typeof navigator.serviceWorker;
      tries.localStorage = typeof localStorage;
      postMessage(tries);`;
    const w = new Worker('data:text/javascript;charset=utf-8,' + encodeURIComponent(probe), { type: 'module' });
    const result = await new Promise<Record<string, string>>((resolve) => w.addEventListener('message', (e: MessageEvent<Record<string, string>>) => resolve(e.data)));
    w.terminate();
    return result;
  });
  expect(escaped).toEqual({ caches: 'refused', indexedDB: 'refused', importScripts: 'refused', 'fetch another host': 'refused', origin: 'null', serviceWorker: 'undefined', localStorage: 'undefined' });
  expect(await originStorage(page)).toEqual(before);
});

test('what Lambda refuses fails the invocation, and a refused edit is not called a clean run (issue 21.8, 20.9)', async ({ app, sim, page }) => {
  test.setTimeout(90_000);
  await openEditor(page, app, () => sim.scenarioId());
  const panel = page.getByRole('region', { name: 'Your consumer' });
  const run = panel.getByRole('button', { name: 'Run my consumer' });
  await run.click();
  await expect(panel.getByText(/^Your handler ran without errors in this run./)).toBeVisible({ timeout: 30_000 });

  // A syntax error: the status no longer vouches for the code in the editor.
  await typeCode(page, 'export async function handler(event) {\n  return (;\n}');
  await run.click();
  await expect(panel.getByRole('alert')).toContainText('Line 2');
  await expect(panel.getByText(/ran without errors/)).toHaveCount(0);
  await expect(panel.getByRole('status')).toContainText('The code in the editor has not run');

  // Lambda sends the result as JSON: a BigInt (or a cycle) fails the invocation; the run goes on.
  await typeCode(page, 'export async function handler(event) {\n  const a = { n: 1 };\n  a.self = a;\n  return event.Records.length > 1 ? 10n : a;\n}');
  await run.click();
  await expect(panel.getByRole('list', { name: /Errors from your handler/ }).getByRole('listitem').first()).toContainText('Runtime.MarshalError', { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/your consumer$/);
});

test('typing in the editor breaks no rule of the CSP (issue 20.9)', async ({ app, sim, page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await openEditor(page, app, () => sim.scenarioId());
  const editor = page.getByRole('textbox', { name: 'Handler code (JavaScript)' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  // Key by key, as a learner types: completion pop-ups, bracket matching, highlighting as it loads.
  await page.keyboard.type('\nconst total = event.Records.map((r) => r.dynamodb', { delay: 20 });
  await page.keyboard.press('Escape');
  await page.keyboard.type(');\n', { delay: 20 });
  await expect(editor).toContainText('const total = event.Records.map');
  expect(violations).toEqual([]);
});
