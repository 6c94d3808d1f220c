/**
 * The built app behind a plain static server (tools/staticServer.ts: files and the headers of the
 * build's `_headers`, nothing else), as a static host serves it: every response carries the CSP, the
 * workers run under it, and the sandbox's timers refuse strings (issue 21.3).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '../tools/staticServer.ts';
import { test, expect, typeCode } from './fixtures.ts';

const DIST = join(process.cwd(), 'dist');
let server: Awaited<ReturnType<typeof serveStatic>>;
/** Another origin (another port), reachable but not allowed by `connect-src 'self'`. */
let elsewhere: Awaited<ReturnType<typeof serveStatic>>;

test.beforeAll(async () => {
  server = await serveStatic(DIST);
  elsewhere = await serveStatic(DIST);
});
test.afterAll(async () => {
  await server?.close();
  await elsewhere?.close();
});

const STRING_TIMER = `export async function handler(event, context) {
  await new Promise((resolve) => { setTimeout("import('https://example.com/x.js')", 0); resolve(); });
}`;


test('every file of the build is served with the CSP from _headers', async () => {
  const csp = (await (await fetch(server.url)).headers.get('content-security-policy')) ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("worker-src 'self' data:");
  const worker = readdirSync(join(DIST, 'assets')).find((f) => /^sim\.worker.*\.js$/.test(f));
  expect(worker).toBeDefined();
  for (const path of ['index.html', `assets/${worker}`, 'sw.js']) {
    const response = await fetch(new URL(path, server.url));
    expect(response.status, path).toBe(200);
    expect(response.headers.get('content-security-policy'), path).toBe(csp);
    expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
  }
  expect((await fetch(new URL('sw.js', server.url))).headers.get('cache-control')).toBe('no-cache');
});

test('behind a static host the workers run under the CSP and the sandbox refuses string timers', async ({ app, sim, page }) => {
  test.setTimeout(90_000);
  await app.open(server.url);
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('dialog', { name: 'Scenarios' }).getByRole('button', { name: /a crash counts votes twice/ }).click();
  await expect.poll(() => sim.scenarioId()).toBe('voting-naive-crash');

  // The simulation worker's own policy comes from its response: its own origin only. (A no-cors
  // request to another origin succeeds unless a policy refuses it; the page can make it.)
  const simWorker = page.workers().find((w) => w.url().includes('sim.worker'));
  expect(simWorker).toBeDefined();
  const probe = async (url: string) => fetch(url, { mode: 'no-cors' }).then(() => 'reached', () => 'refused');
  expect(await simWorker!.evaluate(probe, server.url)).toBe('reached');
  expect(await simWorker!.evaluate(probe, elsewhere.url)).toBe('refused');

  await app.openTab('Your consumer');
  const panel = page.getByRole('region', { name: 'Your consumer' });
  await panel.getByRole('button', { name: 'Write your own consumer' }).click();
  await typeCode(page, STRING_TIMER);
  await panel.getByRole('button', { name: 'Run my consumer' }).click();
  await expect(panel.getByRole('list', { name: /Errors from your handler/ }).getByRole('listitem').first()).toContainText('setTimeout needs a function', { timeout: 30_000 });
});
