/**
 * Share links, told as a user would: intervene, copy the link, open it in a fresh browser → the
 * same run (trace hash) at the same playhead. Then links that cannot be restored: each says what
 * and why, the app keeps working, and the user's last scenario is offered back.
 *
 * Links are written here with fflate (the codec's format: JSON → deflate-raw → base64url), not with
 * app code, so the test also pins the format.
 */
import type { Page } from '@playwright/test';
import { deflateSync, strToU8 } from 'fflate';
import { test, expect } from './fixtures.ts';

function link(payload: unknown, version = 1): string {
  const data = Buffer.from(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 })).toString('base64url');
  return `/#s=${version}.${data}`;
}

/** The voting booth as an inline scenario, the way a scenario file would carry it (one table, one write). */
function inlineScenario(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'hostile',
    title: 'Inline',
    summary: 'x',
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
    writes: [{ at: 1_000, target: 'DynamoDB_20120810.PutItem', input: { TableName: 'Votes', Item: { voterId: { S: 'ada' } } } }],
    ...overrides,
  };
}

test('a learner opens an instructor’s link: same run, same playhead, same interventions', async ({ app, sim, page, browser }, testInfo) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open();
  const originalHash = await sim.traceHash();

  await test.step('steps to Linus’s vote by keyboard and splits a shard there', async () => {
    await page.getByRole('heading', { level: 1 }).click();
    // The counter's batches and checkpoints lie between the votes: step until Linus's vote.
    await app.stepTo('+00:00:19.000');
    await app.openTab('Interventions');
    await app.interventions.getByRole('button', { name: 'Split a shard of Votes' }).click();
    await expect(app.interventions.getByRole('list', { name: 'Your interventions' })).toContainText('split-shard → Votes');
    await expect.poll(() => sim.traceHash()).not.toBe(originalHash);
    await expect(app.time).toHaveText('+00:00:19.000');
    await app.openTab('Table & stream');
    await expect(app.shards).toHaveCount(6);
    await page.getByRole('heading', { level: 1 }).click();
    await app.stepTo('+00:00:27.250');
  });

  const hash = await sim.traceHash();
  const playhead = await sim.playheadMs();
  await expect(app.runBadge).toHaveText(`seed 42 · trace ${hash.slice(0, 8)}`);

  const url = await test.step('copies the link', async () => {
    await app.copyLink.click();
    await expect(page.getByRole('status').getByText('Copied')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/#s=1\.[A-Za-z0-9_-]+$/);
    await expect.poll(() => page.evaluate(() => location.href)).toBe(copied);
    return copied;
  });
  await page.screenshot({ path: testInfo.outputPath('after-intervention.png'), fullPage: true });

  await test.step('opens it in a fresh browser context', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const other = await fresh.newPage();
    await other.goto(url);
    await expect(other.getByRole('heading', { level: 1, name: 'Voting booth' })).toBeVisible();
    await expect.poll(() => other.evaluate(() => window.__streamscope?.traceHash().catch(() => 'not yet'))).toBe(hash);
    await expect.poll(() => other.evaluate(() => window.__streamscope?.playheadMs())).toBe(playhead);
    await expect(other.getByRole('timer', { name: 'Simulated time' })).toHaveText('+00:00:27.250');
    await expect(other.getByText(`seed 42 · trace ${hash.slice(0, 8)}`)).toBeVisible();
    await other.getByRole('tab', { name: 'Interventions' }).click();
    await expect(other.getByRole('list', { name: 'Your interventions' })).toContainText('split-shard → Votes');
    await other.screenshot({ path: testInfo.outputPath('restored.png'), fullPage: true });
    await fresh.close();
  });

  await test.step('undo and redo walk the intervention list', async () => {
    await page.keyboard.press('Control+z');
    await expect.poll(() => sim.traceHash()).toBe(originalHash);
    await expect(app.shards).toHaveCount(4);
    await app.openTab('Interventions');
    await app.redo.click();
    await expect.poll(() => sim.traceHash()).toBe(hash);
  });
});

/** Opens a link as a new page load (a fragment-only change would not reload the app, which reads the link once at start). */
async function openLink(page: Page, path: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(path);
}

test('bad links say what could not be restored and why, and the app keeps working', async ({ app, sim, page }, testInfo) => {
  await test.step('the user has a scenario of their own (saved as the last one)', async () => {
    await app.open();
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('ArrowRight');
    await app.openTab('Interventions');
    await app.interventions.getByRole('button', { name: 'Split a shard of Votes' }).click();
    await expect.poll(() => sim.interventionCount()).toBe(1);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('streamscope.last'))).toMatch(/^s=1\./);
  });
  const good = (await page.evaluate(() => location.hash)).slice(1);

  await test.step('a truncated link: corrupt, default scenario, last one offered back', async () => {
    await openLink(page, `/#${good.slice(0, 30)}`);
    const notice = page.getByRole('alert').filter({ hasText: 'This link could not be restored' });
    await expect(notice).toContainText('corrupt');
    await expect(notice).toContainText('cut off');
    await expect(page.getByRole('heading', { level: 1, name: 'Voting booth' })).toBeVisible();
    expect(await sim.interventionCount()).toBe(0);
    await page.screenshot({ path: testInfo.outputPath('bad-link.png'), fullPage: true });
    await notice.getByRole('button', { name: 'Restore your last scenario' }).click();
    await expect(notice).toHaveCount(0);
    await expect.poll(() => sim.interventionCount()).toBe(1);
  });

  await test.step('a link from a newer version, and an absurd one: each named, dismissible, app still plays', async () => {
    await openLink(page, link({ v: 1 }, 9));
    await expect(page.getByRole('alert')).toContainText('too-new');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(page.getByRole('alert')).toHaveCount(0);

    await openLink(page, link({ v: 1, scenario: { inline: inlineScenario({ durationMs: -5, writes: [], consumers: [{ id: 'c', kind: 'quantum' }] }) }, at: -3 }));
    const notice = page.getByRole('alert');
    await expect(notice).toContainText('invalid');
    // The codec names the fields it refused (its scenario union reports "Invalid input" for the inline scenario as a whole).
    await expect(notice.getByRole('list', { name: 'What was wrong' })).toContainText('scenario: Invalid input');
    await expect(notice.getByRole('list', { name: 'What was wrong' })).toContainText('at: Too small');
    await app.play.click();
    await expect(app.time).not.toHaveText('+00:00:00.000');
  });

  await test.step('a scenario id nobody has: the worker names it, the default comes back', async () => {
    await openLink(page, link({ v: 1, scenario: { id: 'no-such-scenario' } }));
    await expect(page.getByRole('alert').filter({ hasText: 'could not be loaded' })).toContainText('unknown-scenario');
    await expect(page.getByRole('heading', { level: 1, name: 'Voting booth' })).toBeVisible();
  });

  await test.step('hostile strings render as text', async () => {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const title = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    await openLink(page, link({ v: 1, scenario: { inline: inlineScenario({ title }) } }));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    expect(dialogs).toBe(0);
    expect(await page.locator('h1 img, h1 script').count()).toBe(0);
  });
});
