/**
 * The layout (issue #13 item 1): the stage is the page. Measures the stage's box in the first
 * viewport, the transport on a phone, the dock's tabs, size and memory, the inspector opening from
 * a click on a mark without moving the stage, presenter mode's label sizes, the embed's Play, and
 * the narration saying so when an intervention made its story stale (#20.3, #20.8), and an imported
 * run on a phone: its timeline on the stage, its findings one tap away; with the phone's sheet open
 * the stage still shows the moment (a step's record, a record clicked, a finding shown), and a
 * finding's "Show at…" keeps the findings list.
 */
import type { Locator, Page } from '@playwright/test';
import { jsonLines } from '../tools/bench/importGen.ts';
import { test, expect } from './fixtures.ts';

async function box(l: Locator) {
  const b = await l.boundingBox();
  expect(b, 'element has a box').not.toBeNull();
  return b!;
}

function stage(page: Page): Locator {
  return page.getByRole('main', { name: 'Stage' });
}

/** The timeline's record chips drawn at simulated time `atMs` (canvas marks have no DOM: the timeline's probe says where). */
async function chipsAt(page: Page, atMs: number) {
  return page.evaluate((t) => window.__streamscopeTimeline?.chips().filter((c) => Math.abs(c.t - t) < 0.5) ?? [], atMs);
}

/** Whether a point of the page shows the timeline's drawing (not its tools, the callout, the sheet): in sight, not scrolled away. */
async function timelineShows(page: Page, x: number, y: number): Promise<boolean> {
  return page.getByRole('img', { name: /^Timeline of the stream/ }).evaluate((el, [px, py]) => {
    const hit = document.elementFromPoint(px!, py!);
    return hit !== null && el.contains(hit);
  }, [x, y]);
}

/** Imports 63 JSON Lines records (60 of 6 items, every 20th read twice: 3 duplicates) through the file picker. */
async function importDuplicates(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Share & files' }).click();
  await page.getByRole('button', { name: 'Import records…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import stream records' });
  const text = [...jsonLines(60, { keys: 6, duplicateEvery: 20 })].join('');
  await dialog.getByLabel('Records file').setInputFiles({ name: 'phone.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
  const banner = page.getByRole('region', { name: /^Imported: 63 records/ });
  await expect(banner).toBeVisible();
  await expect(dialog).toBeHidden();
  return banner;
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
] as const) {
  test(`at ${width}×${height} the stage fills the first viewport beside the transport and the narration`, async ({ app, page }) => {
    await page.setViewportSize({ width, height });
    await app.open();
    await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
    const s = await box(stage(page));
    expect(s.y).toBeGreaterThanOrEqual(0);
    expect(s.y + s.height).toBeLessThanOrEqual(height);
    expect(s.height / height).toBeGreaterThanOrEqual(0.55);
    // Nothing to scroll: the page is one screen.
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(height);
    await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeInViewport({ ratio: 1 });
    await expect(app.narration).toBeInViewport({ ratio: 1 });
    await expect(app.play).toBeInViewport({ ratio: 1 });
    // The dock is a side sheet: right of the stage, as tall as it.
    const d = await box(page.getByRole('complementary', { name: 'Panels' }));
    expect(d.x).toBeGreaterThanOrEqual(s.x + s.width);
  });
}

test('on a phone (390×844) the transport fits the width and the dock is a bottom sheet', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open();
  const bar = page.getByRole('toolbar', { name: 'Playback' });
  const t = await box(bar);
  expect(t.x).toBeGreaterThanOrEqual(0);
  expect(t.x + t.width).toBeLessThanOrEqual(390);
  expect(await bar.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  for (const control of [app.play, app.stepForward, app.time, app.speed, app.playhead]) await expect(control).toBeInViewport({ ratio: 1 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const s = await box(stage(page));
  const d = await box(page.getByRole('complementary', { name: 'Panels' }));
  expect(d.y).toBeGreaterThanOrEqual(s.y + s.height);
  expect(d.y + d.height).toBeLessThanOrEqual(844);
  // A first visit starts with the sheet folded to its tabs, so the stage shows every lane.
  expect((await box(page.getByRole('region', { name: 'Timeline' }))).height).toBeGreaterThan(844 * 0.4);
  await expect(page.getByRole('button', { name: 'Show panels' })).toBeVisible();
  await app.openTab('Table & stream');
  await expect(app.table).toBeVisible();
  await app.play.click();
  await expect(app.pause).toBeVisible();
});

test('on a phone (390×844) an imported run shows its timeline, its findings one tap away on the folded sheet', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open();
  // The sheet open on a panel: the import folds it all the same (the timeline is what it is for).
  await app.openTab('Table & stream');
  const banner = await importDuplicates(page);

  // The timeline is on the screen, whole enough to read, and nothing covers it.
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toBeInViewport({ ratio: 0.9 });
  const dock = page.getByRole('complementary', { name: 'Panels' });
  const t = await box(timeline);
  expect((await box(dock)).y).toBeGreaterThanOrEqual(t.y + t.height);
  expect(await timeline.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return [0.25, 0.5, 0.75].every((f) => el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height * f)));
  })).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(844);

  // The banner says what was imported; how it was read is one tap away.
  const readFrom = banner.getByText(/^From GetRecords output/);
  await expect(readFrom).toBeHidden();
  await banner.getByRole('button', { name: 'Details' }).click();
  await expect(readFrom).toBeVisible();
  await banner.getByRole('button', { name: 'Details' }).click();
  await expect(readFrom).toBeHidden();

  // The folded sheet's Findings tab counts them, and one tap opens them on the screen.
  const findingsTab = page.getByRole('tab', { name: 'Findings' });
  await expect(findingsTab).toBeInViewport({ ratio: 1 });
  await expect(findingsTab).toHaveAccessibleDescription('3 findings');
  await findingsTab.click();
  const findings = page.getByRole('region', { name: 'Findings' });
  await expect(findings).toContainText('Duplicate 3');
  await expect(findings.getByRole('heading', { name: 'Findings' })).toBeInViewport({ ratio: 1 });
  const d = await box(dock);
  expect(d.y + d.height).toBeLessThanOrEqual(844);
});

test('on a phone (390×844) with the sheet open the stage keeps the moment in view: a step\'s record, a record clicked', async ({ app, page, sim }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open();
  // The first step stops at Ada's vote: one record, on the last of four shards.
  await app.narration.getByRole('button', { name: /^Next/ }).click();
  await expect(app.narration).toContainText('Ada votes Otter');
  await app.openTab('Table & stream');
  const atMs = await sim.playheadMs();
  const [ada] = await chipsAt(page, atMs);
  expect(ada, 'the step\'s record is drawn').toBeDefined();
  // The sheet took half the room: the stage's box scrolls, and shows the lane the step speaks of.
  await expect.poll(async () => timelineShows(page, ada!.x, ada!.y)).toBe(true);

  // Folded, then a record tapped: the sheet opens on the Inspector and the record stays in sight.
  await page.getByRole('button', { name: 'Hide panels' }).click();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('End');
  await expect(app.time).toHaveText('+00:02:00.000');
  const chip = await page.waitForFunction(() => {
    const drawing = document.querySelector('[role="img"][aria-label^="Timeline of the stream"]');
    // The lowest chip the folded stage shows, on the last shard lane in sight.
    const seen = (window.__streamscopeTimeline?.chips() ?? []).filter((c) => {
      const hit = document.elementFromPoint(c.x, c.y + 8);
      return hit !== null && drawing !== null && drawing.contains(hit);
    });
    return seen.sort((a, b) => b.y - a.y || b.t - a.t)[0];
  });
  const { x, y, sequenceNumber } = (await chip.jsonValue())!;
  await page.mouse.click(x, y);
  await expect(page.getByRole('tab', { name: 'Inspector', selected: true })).toBeVisible();
  await expect(app.inspector).toBeVisible();
  await expect
    .poll(async () => {
      const now = await page.evaluate((seq) => window.__streamscopeTimeline?.chips().find((c) => c.sequenceNumber === seq), sequenceNumber);
      return now !== undefined && (await timelineShows(page, now.x, now.y));
    })
    .toBe(true);
});

test('on a phone (390×844) a finding\'s "Show at…" shows its moment on the timeline and keeps the findings list', async ({ app, page, sim }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await app.open();
  await importDuplicates(page);
  const findingsTab = page.getByRole('tab', { name: 'Findings' });
  await findingsTab.click();
  const findings = page.getByRole('region', { name: 'Findings' });
  await expect(findings).toBeVisible();
  // With the sheet open the stage shows the shard's lane, not only the timeline's tools.
  const [first] = await chipsAt(page, 0);
  expect(first, 'the first record is drawn').toBeDefined();
  await expect.poll(async () => timelineShows(page, first!.x, first!.y)).toBe(true);

  await findings.getByRole('button', { name: /^Show finding 2 at / }).click();
  // The list stays where the user is walking it, the finding shown marked as the current one…
  await expect(findingsTab).toHaveAttribute('aria-selected', 'true');
  await expect(findings).toBeVisible();
  const second = findings.getByRole('listitem').nth(1);
  await expect(second).toHaveAttribute('aria-current', 'true');
  await expect(second.getByRole('button', { name: /^Show finding 2 at / })).toBeInViewport({ ratio: 1 });
  // …and the stage shows its moment: the playhead there, the record's chip in sight.
  await expect.poll(() => sim.playheadMs()).toBeGreaterThan(0);
  const atMs = await sim.playheadMs();
  await expect.poll(async () => (await chipsAt(page, atMs)).length).toBeGreaterThan(0);
  const [record] = await chipsAt(page, atMs);
  await expect.poll(async () => timelineShows(page, record!.x, record!.y)).toBe(true);
  const playheadX = await page.evaluate(() => window.__streamscopeTimeline?.playheadX());
  expect(playheadX).toBeDefined();
  expect(await timelineShows(page, playheadX!, record!.y)).toBe(true);

  // The record is one tap away in the Inspector, and the list one tap back.
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await expect(app.inspector).toContainText('e00000027');
  await findingsTab.click();
  await expect(second).toHaveAttribute('aria-current', 'true');
  await expect(second).toBeInViewport();
});

test('the dock: tabs, resizing, collapsing, remembered across a reload, opened by ?panels=', async ({ app, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.open();
  const dock = page.getByRole('complementary', { name: 'Panels' });
  await expect(app.table).toBeVisible();
  await page.getByRole('tab', { name: 'What happened' }).click();
  await expect(page.getByRole('log', { name: 'Event log' })).toBeVisible();
  await expect(app.table).toHaveCount(0);

  const before = (await box(dock)).width;
  const edge = page.getByRole('separator', { name: 'Resize the panels' });
  await edge.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await box(dock)).width).toBeGreaterThan(before + 50);
  // The arrows resized the dock; they did not step playback.
  await expect(app.time).toHaveText('+00:00:00.000');
  const resized = (await box(dock)).width;

  const stageWidth = (await box(stage(page))).width;
  await page.getByRole('button', { name: 'Hide panels' }).click();
  await expect.poll(async () => (await box(stage(page))).width).toBeGreaterThan(stageWidth + 200);
  await page.getByRole('button', { name: 'Show panels' }).click();

  await page.reload();
  await expect(page.getByRole('tab', { name: 'What happened', selected: true })).toBeVisible();
  await expect.poll(async () => Math.round((await box(dock)).width)).toBe(Math.round(resized));

  await page.goto('/?panels=consumers');
  await expect(page.getByRole('tab', { name: 'Consumers', selected: true })).toBeVisible();
  await expect(app.consumers).toBeVisible();
});

test('clicking a record on the timeline opens the inspector in the dock without moving the stage', async ({ app, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open();
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('End');
  await expect(app.time).toHaveText('+00:02:00.000');
  const before = await box(stage(page));
  const chip = await page.waitForFunction(() => window.__streamscopeTimeline?.chips().find((c) => c.y > 0 && c.y < innerHeight - 300));
  const { x, y } = (await chip.jsonValue())!;
  await page.mouse.click(x, y);
  await expect(page.getByRole('tab', { name: 'Inspector', selected: true })).toBeVisible();
  await expect(app.inspector).toBeVisible();
  expect(await box(stage(page))).toEqual(before);
});

test('presenter mode at 1280×720: axis and lane labels are at least 18 px', async ({ app, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open('/?presenter=1');
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
  const sizes = await page.getByTestId('timeline-hit-area').evaluate((svg) => {
    const el = svg as SVGSVGElement;
    const k = el.getBoundingClientRect().width / el.viewBox.baseVal.width;
    const px = (t: Element) => parseFloat(getComputedStyle(t).fontSize) * k;
    const texts = Array.from(el.querySelectorAll('text'));
    const axis = texts.filter((t) => t.closest('.tick'));
    const lanes = texts.filter((t) => /^(↳ )?Shard /.test(t.textContent ?? ''));
    return { axis: axis.map(px), lanes: lanes.map(px) };
  });
  expect(sizes.axis.length).toBeGreaterThan(2);
  expect(sizes.lanes.length).toBeGreaterThan(0);
  for (const s of [...sizes.axis, ...sizes.lanes]) expect(s).toBeGreaterThanOrEqual(18);
});

test('an embed of timeline and narration has a Play button, as its story says "Press Play"', async ({ app, page }) => {
  await page.goto('/?embed=1&panels=timeline,narration');
  await expect(app.narration).toContainText('Press Play');
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toHaveCount(0);
  await app.narrationPauses.uncheck();
  await app.narration.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(app.narration.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
});

test('after an intervention the narration says its story may no longer apply, and returns to it', async ({ app, sim, page }) => {
  await app.open();
  await app.narration.getByRole('button', { name: /Next/ }).click();
  await expect(app.narration).toContainText('Ada votes Otter');
  await page.getByRole('tab', { name: 'Interventions' }).click();
  await app.interventions.getByRole('button', { name: 'Crash worker' }).click();
  await expect.poll(() => sim.interventionCount()).toBe(1);
  await expect(app.narration.getByRole('status')).toContainText('may no longer match');
  await app.narration.getByRole('button', { name: /Return to the story/ }).click();
  await expect.poll(() => sim.interventionCount()).toBe(0);
  await expect(app.narration).not.toContainText('may no longer match');
  await expect(app.narration).toContainText('Ada votes Otter');
  // The intervention was undone, not thrown away: Redo brings it back.
  await expect(app.redo).toBeEnabled();
});

test('at 1280×720 "Share & files" lists its items in one column, and closes once the import dialog it opened closes', async ({ app, page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.open();
  const toggle = page.getByRole('button', { name: 'Share & files' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const items = [page.getByRole('button', { name: 'Copy link' }), page.getByRole('button', { name: 'Import records…' }), page.getByRole('button', { name: 'Export ▾' })];
  const boxes = [];
  for (const item of items) boxes.push(await box(item));
  // One column: every item starts where the first does and is as wide.
  for (const b of boxes.slice(1)) {
    expect(Math.abs(b.x - boxes[0]!.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(b.width - boxes[0]!.width)).toBeLessThanOrEqual(1);
  }
  await items[1]!.click();
  const dialog = page.getByRole('dialog', { name: 'Import stream records' });
  await expect(dialog).toBeVisible();
  // The dialog lives in the menu: the menu stays while it is open.
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(items[0]!).toBeHidden();
});

test('on a phone (390×844) "Share & files" opens its menu on the screen', async ({ app, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await app.open();
  await page.getByRole('button', { name: 'Share & files' }).click();
  for (const name of ['Copy link', 'Save scenario file', 'Open scenario file…', 'Import records…', 'Export ▾']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
  }
});
