/**
 * Reliability and security of the built app (issue 9):
 * - the Content Security Policy is in force and the app runs under it with no violation;
 * - after one visit the app opens and plays offline (public/sw.js);
 * - hostile strings in a linked scenario render as text and nothing in them executes;
 * - a crashed worker is reported, Retry recovers, and a reload restores the scenario from the URL.
 *
 * Links are written here with fflate (the codec's format), not with app code.
 */
import type { ConsoleMessage, Page, Worker } from '@playwright/test';
import { deflateSync, strToU8 } from 'fflate';
import { test, expect } from './fixtures.ts';

/** Plays at 20× without stopping at each narration step (the narration panel pauses there by default). */
async function playFast(page: Page): Promise<void> {
  const pauses = page.getByRole('checkbox', { name: 'Pause at each step' });
  if (await pauses.isVisible()) await pauses.uncheck();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('20');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
}

function link(payload: unknown): string {
  return `/#s=1.${Buffer.from(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 })).toString('base64url')}`;
}

interface Watch {
  /** CSP violations seen by the page (`securitypolicyviolation`), console errors of the page and its workers, uncaught errors. */
  problems(): Promise<string[]>;
}

/** Listens from before the first script runs: violations, console errors (page and workers), uncaught errors, dialogs. */
async function watch(page: Page): Promise<Watch> {
  const seen: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} ${e.sample}`));
  });
  const onConsole = (where: string) => (m: ConsoleMessage) => {
    if (m.type() === 'error') seen.push(`${where} console: ${m.text()}`);
  };
  page.on('console', onConsole('page'));
  page.on('worker', (w: Worker) => w.on('console', onConsole(`worker ${w.url()}`)));
  page.on('pageerror', (e) => seen.push(`uncaught: ${e.message}`));
  page.on('dialog', (d) => {
    seen.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return {
    async problems() {
      const violations = await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
      return [...violations.map((v) => `csp: ${v}`), ...seen];
    },
  };
}

test('the built app runs under a strict CSP with no violation, and the policy is in force', async ({ app, sim, page }) => {
  const watcher = await watch(page);
  await app.open();
  await expect.poll(() => sim.traceHash()).toMatch(/^[0-9a-f]{16}$/);

  await test.step('the policy is the strict one', async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const directive of ["script-src 'self'", "worker-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "connect-src 'self'", 'img-src '])
      expect(csp).toContain(directive);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  await test.step('a user plays, steps, zooms and exports a PNG: no violation, no error', async () => {
    await playFast(page);
    await expect.poll(() => sim.playheadMs()).toBeGreaterThan(10_000);
    await app.pause.click();
    await app.stepForward.click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PNG' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.png$/);
    expect(await watcher.problems()).toEqual([]);
  });

  await test.step('the policy blocks what an injection would need: inline script and inline handlers', async () => {
    // eval is not tried here: code run through page.evaluate goes over the DevTools protocol, which
    // Chromium exempts from the unsafe-eval check. The first step shows the policy lacks 'unsafe-eval'.
    const outcome = await page.evaluate(() => {
      const w = window as unknown as { __inline?: number; __handler?: number };
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.head.append(s);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__handler = 1');
      img.src = 'data:,not-an-image';
      document.body.append(img);
      return new Promise<{ inline: boolean; handler: boolean }>((resolve) =>
        setTimeout(() => {
          img.remove();
          s.remove();
          resolve({ inline: w.__inline === 1, handler: w.__handler === 1 });
        }, 200),
      );
    });
    expect(outcome).toEqual({ inline: false, handler: false });
    const problems = await watcher.problems();
    expect(problems.filter((p) => p.startsWith('csp: ')).map((p) => p.split(' ')[1])).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
  });
});

test('after one visit the app opens and plays offline', async ({ app, sim, page, context }) => {
  await app.open();
  const hash = await sim.traceHash();
  await test.step('the service worker installs and takes control', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (navigator.serviceWorker.controller) return;
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    });
    expect(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('streamscope-')).length)).toBe(1);
  });

  await test.step('offline, a reload opens the app from the cache and it plays', async () => {
    await context.setOffline(true);
    // Control: the network really is gone (a file the service worker never cached fails).
    expect(await page.evaluate(() => fetch(`./not-cached-${Date.now()}.txt`).then(() => 'online', () => 'offline'))).toBe('offline');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Voting booth' })).toBeVisible();
    await expect.poll(() => sim.traceHash()).toBe(hash);
    await playFast(page);
    await expect.poll(() => sim.playheadMs()).toBeGreaterThan(5_000);
    await context.setOffline(false);
  });
});

const TRIPWIRE = 'window.__pwned=1';
const HOSTILE = {
  img: `<img src=x onerror="${TRIPWIRE}">`,
  script: `<script>${TRIPWIRE}</script>`,
  svg: `<svg onload="${TRIPWIRE}"></svg>`,
  url: `javascript:${TRIPWIRE}`,
  rtl: '\u202Eevil.exe\u202C',
  template: `{{constructor.constructor('${TRIPWIRE}')()}}`,
};

/** A scenario whose every free-text field carries markup or script. */
function hostileScenario(): Record<string, unknown> {
  const title = `${HOSTILE.img}${HOSTILE.rtl}`;
  return {
    id: 'hostile',
    title,
    summary: `${HOSTILE.script} ${HOSTILE.url} ${HOSTILE.svg} ${HOSTILE.template}`,
    seed: 1,
    durationMs: 10_000,
    setup: [
      {
        target: 'DynamoDB_20120810.CreateTable',
        input: {
          TableName: 'Votes',
          AttributeDefinitions: [{ AttributeName: 'voterId', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'voterId', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        },
      },
    ],
    writes: [
      { at: 1_000, target: 'DynamoDB_20120810.PutItem', input: { TableName: 'Votes', Item: { voterId: { S: HOSTILE.img }, candidate: { S: HOSTILE.script }, note: { S: 'x'.repeat(10_000) } } } },
      { at: 2_000, target: 'DynamoDB_20120810.PutItem', input: { TableName: 'Votes', Item: { voterId: { S: HOSTILE.url }, candidate: { S: HOSTILE.rtl } } } },
    ],
    consumers: [{ id: 'counter', kind: 'lambda', handler: { kind: 'vote-counter', idempotency: 'none', sourceTable: 'Votes' }, mapping: { StartingPosition: 'TRIM_HORIZON' } }],
    narration: [{ until: { fact: 'record-appended' }, text: `${HOSTILE.svg}${HOSTILE.script}${'y'.repeat(1_900)}` }],
  };
}

async function openLink(page: Page, path: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(path);
}

test('hostile strings in a linked scenario render as text and nothing executes', async ({ sim, page }, testInfo) => {
  const watcher = await watch(page);
  const scenario = hostileScenario();
  await openLink(page, link({ v: 1, scenario: { inline: scenario } }));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(String(scenario.title));
  await expect.poll(() => sim.scenarioId()).toBe('hostile');

  await test.step('the summary, the narration and the items show the markup as text', async () => {
    await expect(page.getByText(HOSTILE.url, { exact: false }).first()).toBeVisible();
    await page.keyboard.press('End');
    await expect.poll(() => sim.playheadMs()).toBe(10_000);
    await expect(page.getByText(HOSTILE.img, { exact: false }).first()).toBeAttached();
    await page.getByRole('button', { name: /^Next/ }).click().catch(() => undefined);
    await expect(page.getByText(`${HOSTILE.svg}${HOSTILE.script}`, { exact: false }).first()).toBeAttached();
  });

  await test.step('a consumer id and a table name carrying markup are refused or reported as text', async () => {
    const badConsumer = { ...scenario, consumers: [{ ...(scenario.consumers as object[])[0], id: HOSTILE.img }] };
    await openLink(page, link({ v: 1, scenario: { inline: badConsumer } }));
    await expect(page.getByRole('alert').filter({ hasText: 'This link could not be restored' })).toContainText('invalid');
    const badTable = { ...scenario, setup: [{ target: 'DynamoDB_20120810.CreateTable', input: { TableName: HOSTILE.img } }] };
    await openLink(page, link({ v: 1, scenario: { inline: badTable } }));
    await expect(page.getByRole('alert').first()).toBeVisible();
  });

  await page.screenshot({ path: testInfo.outputPath('hostile.png'), fullPage: true });
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('#root img[src="x"], #root script, #root svg[onload], #root [onerror]').count()).toBe(0);
  // No violation either: the markup never became elements, so the CSP had nothing to block.
  expect(await watcher.problems()).toEqual([]);
});

test('a crashed worker is reported; Retry recovers; a reload restores the scenario from the URL', async ({ app, sim, page }) => {
  await app.open();
  await page.getByRole('heading', { level: 1 }).click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await app.openTab('Interventions');
  await app.interventions.getByRole('button', { name: 'Split a shard of Votes' }).click();
  await expect.poll(() => sim.interventionCount()).toBe(1);
  const hash = await sim.traceHash();
  const playhead = await sim.playheadMs();
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=1\./);

  /** Makes the simulation worker throw an uncaught error, as a bug in it would. */
  async function crashWorker(): Promise<void> {
    const worker = page.workers().find((w) => w.url().includes('sim.worker'));
    expect(worker, 'the simulation worker is running').toBeDefined();
    await worker!.evaluate(() => {
      setTimeout(() => {
        throw new Error('injected by the reliability test');
      }, 0);
    });
  }

  await test.step('the crash is shown with a Retry, which brings the same run back', async () => {
    await crashWorker();
    const alert = page.getByRole('alert').filter({ hasText: 'crashed' });
    await expect(alert).toBeVisible();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(alert).toHaveCount(0);
    await expect.poll(() => sim.traceHash()).toBe(hash);
  });

  await test.step('after another crash, a reload restores scenario, interventions and playhead from the URL', async () => {
    await crashWorker();
    await expect(page.getByRole('alert').filter({ hasText: 'crashed' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: 'crashed' })).toHaveCount(0);
    await expect.poll(() => sim.traceHash()).toBe(hash);
    expect(await sim.interventionCount()).toBe(1);
    expect(await sim.playheadMs()).toBe(playhead);
    expect(await page.evaluate(() => localStorage.getItem('streamscope.last'))).toMatch(/^s=1\./);
  });
});

test('a panel that fails shows its error in its place; the rest of the app keeps working', async ({ app, sim, page }) => {
  // `?break=timeline` makes the Timeline panel throw on render (the app's own fault injector).
  await page.goto('./?break=timeline');
  await expect.poll(() => sim.traceHash()).toMatch(/^[0-9a-f]{16}$/);
  const failed = page.getByRole('alert', { name: 'Timeline failed' });
  await expect(failed).toContainText('Timeline could not be shown');
  await expect(failed).toContainText('The rest of Streamscope keeps working');
  // Everything else is there and playable.
  await expect(page.getByRole('heading', { name: 'Votes table' })).toBeVisible();
  await app.stepForward.click();
  await expect.poll(() => sim.playheadMs()).toBeGreaterThan(0);
});
