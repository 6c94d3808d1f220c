/**
 * User stories for the voting-booth scenario, told through the UI: open, play, pause, check what
 * the table and the stream show; then run to the end and inspect a record.
 *
 * The expected votes below are what src/scenarios/votingBooth.ts scripts, restated as a user would
 * expect them (e2e may not import app code, and restating them catches a silent change of story).
 */
import { test, expect, type AppPage } from './fixtures.ts';

/** Successful writes in time order: a vote (voter → candidate) or a withdrawal (candidate null). Ada's refused second vote at 44.8 s leaves no trace here. */
const STORY: ReadonlyArray<readonly [atMs: number, voterId: string, candidate: string | null]> = [
  [4_000, 'ada', 'Otter'],
  [11_500, 'grace', 'Heron'],
  [19_000, 'linus', 'Otter'],
  [27_250, 'margaret', 'Badger'],
  [36_000, 'alan', 'Heron'],
  [53_000, 'barbara', 'Otter'],
  [62_400, 'grace', 'Badger'],
  [71_000, 'edsger', 'Badger'],
  [80_500, 'linus', null],
  [91_000, 'dennis', 'Heron'],
  [102_000, 'margaret', 'Otter'],
  [110_000, 'hedy', 'Otter'],
];

function votesAt(atMs: number): Array<[string, string]> {
  const votes = new Map<string, string>();
  for (const [at, voter, candidate] of STORY) {
    if (at > atMs) break;
    if (candidate === null) votes.delete(voter);
    else votes.set(voter, candidate);
  }
  return [...votes.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

function recordsAt(atMs: number): number {
  return STORY.filter(([at]) => at <= atMs).length;
}

async function expectTableMatches(app: AppPage, atMs: number): Promise<void> {
  const votes = votesAt(atMs);
  await expect(app.voterIds()).toHaveText(votes.map(([voter]) => voter));
  for (const [voter, candidate] of votes) await expect(app.voterRow(voter)).toContainText(candidate);
}

test('a presenter plays the voting booth, pauses mid-run and reads the table and the stream', async ({ app, sim, page }, testInfo) => {
  await test.step('opens on an empty Votes table and a stream with four empty shards', async () => {
    await app.open();
    await expect(page).toHaveTitle('Streamscope — DynamoDB Streams playground');
    await expect(app.table).toBeVisible();
    await expect(app.table.getByRole('table', { name: 'Votes' })).toContainText('No items yet');
    await expect(app.shards).toHaveCount(4);
    for (const shard of await app.shards.all()) await expect(shard).toContainText('No records yet');
    await expect(app.time).toHaveText('+00:00:00.000');
    await expect(page.getByText(/^seed 42 · trace [0-9a-f]{8}$/)).toBeVisible();
    expect(await sim.scenarioId()).toBe('voting-booth');
    expect(await sim.seed()).toBe(42);
  });

  await test.step('plays at 20×: records appear and the clock runs', async () => {
    await app.playThroughNarration();
    await app.speed.selectOption('20');
    await app.play.click();
    await expect(app.pause).toBeVisible();
    await expect(app.records.first()).toBeVisible();
    await expect(app.time).not.toHaveText('+00:00:00.000');
    // Wait for Grace's change of vote (62.4 s), so the stream holds INSERTs and a MODIFY; at 20× the
    // run still has ~3 s of wall time left, plenty to pause before the end.
    await expect(app.stream.getByRole('button', { name: /^MODIFY grace,/ })).toBeVisible({ timeout: 15_000 });
  });

  await test.step('pauses: time stops, and the table and stream match what was written by then', async () => {
    await app.pause.click();
    await expect(app.play).toBeVisible();
    const atMs = await sim.playheadMs();
    expect(atMs).toBeLessThan(120_000);
    const minutes = Math.floor(atMs / 60_000);
    const seconds = Math.floor(atMs / 1000) % 60;
    await expect(app.time).toHaveText(`+00:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}.${String(Math.floor(atMs) % 1000).padStart(3, '0')}`);
    await expectTableMatches(app, atMs);
    await expect(app.records).toHaveCount(recordsAt(atMs));
    expect(atMs).toBeGreaterThanOrEqual(62_400);
    // Ada's second ballot was refused: it is in the write log, but she has exactly one record.
    await expect(app.writes.filter({ hasText: 'refused' })).toHaveCount(1);
    await expect(app.stream.getByRole('button', { name: /^INSERT ada,/ })).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('paused-mid-run.png'), fullPage: true });
  });

  await test.step('Space toggles play when no control has focus', async () => {
    await page.getByRole('heading', { level: 1 }).click(); // moves focus off the buttons
    await page.keyboard.press('Space');
    await expect(app.pause).toBeVisible();
    await page.keyboard.press('Space');
    await expect(app.play).toBeVisible();
  });

  await test.step('Restart returns to the empty table at time zero', async () => {
    await app.restart.click();
    await expect(app.time).toHaveText('+00:00:00.000');
    await expect(app.table.getByRole('table', { name: 'Votes' })).toContainText('No items yet');
    await expect(app.records).toHaveCount(0);
  });
});

test('a learner runs to the end, then scrubs back and inspects the REMOVE record', async ({ app, sim, page }, testInfo) => {
  await app.open();
  await app.playThroughNarration();
  await app.speed.selectOption('20');
  await app.play.click();
  await expect(page.getByText('end of run')).toBeVisible({ timeout: 20_000 });
  await expect(app.play).toBeVisible();
  await expect(app.time).toHaveText('+00:02:00.000');
  await expectTableMatches(app, 120_000);
  await expect(app.records).toHaveCount(STORY.length);
  await expect(app.writes).toHaveCount(STORY.length + 1); // plus Ada's refused vote
  await page.screenshot({ path: testInfo.outputPath('end-of-run.png'), fullPage: true });

  // Scrub to 85 s, just after Linus withdrew his vote.
  await app.playhead.fill('85000');
  await expect(app.time).toHaveText('+00:01:25.000');
  expect(await sim.playheadMs()).toBe(85_000);
  await expectTableMatches(app, 85_000);

  await app.stream.getByRole('button', { name: /^REMOVE linus,/ }).click();
  const json = app.inspector.getByLabel('Record JSON');
  await expect(json).toContainText('"eventName": "REMOVE"');
  await expect(json).toContainText('"OldImage"');
  await expect(json).not.toContainText('"NewImage"');
  await expect(json).toContainText('"StreamViewType": "NEW_AND_OLD_IMAGES"');
  await page.screenshot({ path: testInfo.outputPath('inspector.png'), fullPage: true });
  // The README's picture (`STREAMSCOPE_DOCS_SCREENSHOT=1`) is taken in stage-screenshots.spec.ts: the takeover and replay at 1280×720.
});
