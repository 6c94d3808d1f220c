/**
 * What the stage's layout must never hide (issue #13's layout leftovers): a long scenario title
 * keeps the header to one row (ellipsis, the whole title on hover), and the narration callout and
 * the timeline's legend never cover each other, at a projector's 1280×720, 1440×900, a phone and in
 * presenter mode.
 */
import { deflateSync, strToU8 } from 'fflate';
import type { Locator } from '@playwright/test';
import { test, expect } from './fixtures.ts';

function link(payload: unknown): string {
  return `/#s=1.${Buffer.from(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 })).toString('base64url')}`;
}

/** Is the centre of `l` drawn by `l` itself (not covered by another element)? */
async function onTop(l: Locator): Promise<boolean> {
  return l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit) || hit.contains(el));
  });
}

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

test('a long scenario title stays on one header row at 1280×720, whole in its title attribute', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const title = 'Global tables, last writer wins: two replicas and conflicting writes';
  await page.goto(link({ v: 1, scenario: { id: 'global-tables-lww' } }));
  const heading = page.getByRole('heading', { level: 1, name: title });
  await expect(heading).toBeVisible();
  await expect(heading).toHaveAttribute('title', title);
  const h = (await heading.boundingBox())!;
  const lineHeight = await heading.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.3);
  expect(h.height).toBeLessThan(lineHeight * 1.5);
  // The buttons beside it are not drawn over by the title's overflow.
  await expect(page.getByRole('button', { name: 'Scenarios' })).toBeInViewport({ ratio: 1 });
  expect(await onTop(page.getByRole('button', { name: 'Scenarios' }))).toBe(true);
});

for (const setup of [
  { name: '1280×720', width: 1280, height: 720, path: '/' },
  { name: '1440×900', width: 1440, height: 900, path: '/' },
  { name: '390×844', width: 390, height: 844, path: '/' },
  { name: 'presenter 1280×720', width: 1280, height: 720, path: '/?presenter=1' },
]) {
  test(`the narration callout and the legend do not cover each other at ${setup.name}`, async ({ app, page }) => {
    await page.setViewportSize({ width: setup.width, height: setup.height });
    await app.open(setup.path);
    await app.narration.getByRole('button', { name: /Next/ }).click();
    await expect(app.narration).toContainText('step 1 of');
    // The legend is drawn in the timeline's SVG (hidden from the accessibility tree: the marks say it in words).
    const legendEntry = page.getByTestId('timeline-hit-area').locator('text', { hasText: /^counter checkpoint$/ });
    await expect(legendEntry).toHaveCount(1);
    await legendEntry.scrollIntoViewIfNeeded();
    await expect(legendEntry).toBeInViewport({ ratio: 1 });
    await expect(app.narration).toBeInViewport({ ratio: 1 });
    expect(await onTop(legendEntry), 'the legend entry is not under the callout').toBe(true);
    expect(await onTop(app.narration.getByRole('heading', { name: 'Narration' })), 'the callout is not under the legend').toBe(true);
    const a = (await legendEntry.boundingBox())!;
    const b = (await app.narration.boundingBox())!;
    const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlap).toBe(false);
  });
}

test('on a phone (390×844) with the sheet open the callout gives the stage to the lanes and keeps its step readable', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open();
  const next = app.narration.getByRole('button', { name: /^Next/ });
  for (let step = 1; step <= 3; step++) {
    await next.click();
    await expect(app.narration).toContainText(`step ${step} of 5`);
  }
  await expect(app.narration).toContainText('crashed before it could checkpoint');
  await app.openTab('Table & stream');
  const stage = page.getByRole('main', { name: 'Stage' });
  // The sheet took half the page: the stage is short, and the callout takes less than 40% of it (it took 45%).
  await expect.poll(async () => (await app.narration.boundingBox())!.height / (await stage.boundingBox())!.height).toBeLessThan(0.4);
  // Its header and footer in two rows: the heading and Next side by side, the step's number below the text.
  const heading = (await app.narration.getByRole('heading', { name: 'Narration' }).boundingBox())!;
  const nextBox = (await next.boundingBox())!;
  expect(Math.abs(heading.y + heading.height / 2 - (nextBox.y + nextBox.height / 2))).toBeLessThan(heading.height / 2);
  for (const control of [next, app.narration.getByRole('button', { name: /^← Back/ }), app.narrationPauses, app.narration.getByText('step 3 of 5')]) await expect(control).toBeInViewport({ ratio: 1 });
  // The step's text starts in view (the rest scrolls in the callout).
  await expect(app.narration.getByText(/^worker-1 counted Barbara's vote/)).toBeInViewport();
  const c = (await app.narration.boundingBox())!;
  const d = (await page.getByRole('complementary', { name: 'Panels' }).boundingBox())!;
  expect(c.y + c.height).toBeLessThanOrEqual(d.y);
});

const PREDICTION_SETUPS = [
  { name: '1280×720', path: '/', hidePanels: false },
  // A projector beside the dock: presenter mode's larger type; the pause toggle sits in the callout's header.
  { name: 'presenter 1280×720', path: '/?presenter=1', hidePanels: false },
  // A projector: presenter mode's larger type, the panels hidden so the stage takes the width.
  { name: 'presenter 1280×720 with the panels hidden', path: '/?presenter=1', hidePanels: true },
] as const;

for (const setup of PREDICTION_SETUPS) {
  test(`at ${setup.name} a step asking a prediction shows its question, every choice and the reveal without scrolling`, async ({ app, page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await app.open(setup.path);
    if (setup.hidePanels) await page.getByRole('button', { name: 'Hide panels' }).click();
    const next = app.narration.getByRole('button', { name: /Next/ });
    const choices = app.narration.getByRole('list', { name: 'Choices' });
    for (let step = 1; (await choices.count()) === 0; step++) {
      expect(step, 'the default scenario asks a prediction').toBeLessThan(6);
      await next.click();
      await expect(app.narration).toContainText(`step ${step} of`);
    }
    await expect(app.narration.getByText('Predict:')).toBeInViewport({ ratio: 1 });
    const buttons = choices.getByRole('button');
    expect(await buttons.count()).toBeGreaterThan(1);
    for (const choice of await buttons.all()) await expect(choice).toBeInViewport({ ratio: 1 });
    await expect(app.narration.getByRole('button', { name: 'Reveal the answer' })).toBeInViewport({ ratio: 1 });
    // The timeline above still shows its lanes: it scrolled its legend away, not the shards.
    await expect(page.getByRole('region', { name: 'Timeline' })).toBeInViewport();
    // A wrong guess: the answer below the choices is brought into view in the callout.
    await buttons.last().click();
    await expect(app.narration.getByRole('status').filter({ hasText: 'The answer is' })).toBeInViewport({ ratio: 1 });
  });
}

test('at the end of the run the transport keeps its one row at 1280×720', async ({ app, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open();
  const bar = page.getByRole('toolbar', { name: 'Playback' });
  const before = (await bar.boundingBox())!.height;
  const slider = page.getByRole('slider').first();
  await slider.fill((await slider.getAttribute('max'))!);
  await expect(page.getByText('end of run')).toBeVisible();
  // The pill takes the run length's place (the time shows it): the row does not wrap and the stage keeps its room.
  expect((await bar.boundingBox())!.height).toBe(before);
});
