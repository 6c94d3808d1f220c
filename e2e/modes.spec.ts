/**
 * Display modes: presenter (`?presenter=1`, the Presenter button or key M) hides the editing panels
 * and enlarges the page; embed (`?embed=1&panels=…`) shows only the listed panels, without header.
 * Screenshots at 1600×1000 are kept in the test output for a look.
 */
import { test, expect } from './fixtures.ts';

test('presenter mode from the address hides editing, keeps timeline and narration, and toggles with M', async ({ app, page }, testInfo) => {
  await app.open('/?presenter=1');
  const presenter = page.getByRole('button', { name: 'Presenter' });
  await expect(presenter).toHaveAttribute('aria-pressed', 'true');
  await expect(presenter).toHaveAttribute('aria-keyshortcuts', 'M');
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(app.narration).toBeVisible();
  await expect(app.stream).toBeVisible();
  await expect(app.interventions).toBeHidden();
  await expect(page.getByRole('button', { name: 'Save scenario file' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Open scenario file…' })).toBeHidden();
  await expect(app.copyLink).toBeVisible();
  await expect(page.getByRole('button', { name: 'Full screen' })).toBeVisible();
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('21px');
  await page.screenshot({ path: testInfo.outputPath('presenter.png') });
  await page.screenshot({ path: testInfo.outputPath('presenter-full.png'), fullPage: true });

  await test.step('M leaves presenter mode and the address follows, keeping the link', async () => {
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('ArrowRight');
    await expect(app.time).toHaveText('+00:00:04.000');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=1\./);
    await page.keyboard.press('m');
    await expect(presenter).toHaveAttribute('aria-pressed', 'false');
    await app.openTab('Interventions');
    await expect(app.interventions).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save scenario file' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Full screen' })).toBeHidden();
    expect(await page.evaluate(() => location.search)).toBe('');
    expect(await page.evaluate(() => location.hash)).toMatch(/^#s=1\./);
  });

  await test.step('the Presenter button turns it back on', async () => {
    await presenter.click();
    await expect(presenter).toHaveAttribute('aria-pressed', 'true');
    await expect(app.interventions).toBeHidden();
    expect(await page.evaluate(() => location.search)).toBe('?presenter=1');
  });
});

test('an embed shows timeline, controls and narration by default, without header', async ({ app, page }, testInfo) => {
  await page.goto('/?embed=1');
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  await expect(app.narration).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Voting booth' })).toBeAttached();
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Scenarios' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Presenter' })).toHaveCount(0);
  for (const hidden of [app.stream, app.table, app.consumers, app.inspector, app.interventions]) await expect(hidden).toHaveCount(0);
  await app.play.click();
  await expect(app.narration).toContainText('Ada votes Otter');
  await page.screenshot({ path: testInfo.outputPath('embed-default.png') });
});

test('an embed shows exactly the listed panels', async ({ app, page }, testInfo) => {
  await page.goto('/?embed=1&panels=timeline,stream,inspector');
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(app.stream).toBeVisible();
  await app.openTab('Inspector');
  await expect(app.inspector).toBeVisible();
  for (const hidden of [app.narration, app.table, app.consumers, app.interventions]) await expect(hidden).toHaveCount(0);
  for (const absent of ['Consumers', 'What happened', 'Interventions', 'Your consumer']) await expect(page.getByRole('tab', { name: absent })).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('embed-stream.png') });

  await page.goto('/?embed=1&panels=table,consumers,controls&presenter=1');
  await expect(app.table).toBeVisible();
  await app.openTab('Consumers');
  await expect(app.consumers).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('embed-presenter-table.png') });
});

test('a course page can embed the app in an iframe', async ({ page, baseURL }, testInfo) => {
  // A page of another origin (about:blank) with an iframe, as a course page would have.
  await page.setContent(`<!doctype html><title>Course page</title><h1>Lesson 3</h1><iframe title="Streamscope" src="${baseURL}/?embed=1" width="1400" height="760"></iframe>`);
  const app = page.frameLocator('iframe[title="Streamscope"]');
  await expect(app.getByRole('region', { name: 'Timeline' })).toBeVisible();
  await expect(app.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  await app.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(app.getByRole('region', { name: /^(Narration|What this scenario showed)$/ })).toContainText('Ada votes Otter');
  await page.screenshot({ path: testInfo.outputPath('embed-iframe.png') });
});
