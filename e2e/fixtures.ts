/**
 * Test fixtures: `sim`, a typed handle on `window.__streamscope` (read-only state such as the trace
 * hash and the playhead), and `app`, a page object naming the controls and panels by role, the way
 * a user finds them.
 *
 * May import: @playwright/test and the *type* of src/ui/app/testApi.ts. No other src code.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { StreamscopeTestApi } from '../src/ui/app/testApi.ts';

/** Every member of the window API as an async call from Node: methods keep their arguments, values become getters. */
export type SimFixture = {
  [K in keyof StreamscopeTestApi]: StreamscopeTestApi[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : () => Promise<StreamscopeTestApi[K]>;
};

function createSimFixture(page: Page): SimFixture {
  return {
    traceHash: async () => {
      // A page opened with a link mounts the app once the link is decoded (the codec is a chunk of its
      // own, loaded after the page's load event), so wait for the test API rather than fail at once.
      await page.waitForFunction(() => Boolean(window.__streamscope), undefined, { timeout: 30_000 });
      return page.evaluate(() => window.__streamscope!.traceHash());
    },
    playheadMs: () => page.evaluate(() => window.__streamscope!.playheadMs()),
    scenarioId: () => page.evaluate(() => window.__streamscope?.scenarioId),
    seed: () => page.evaluate(() => window.__streamscope?.seed),
    playbackState: () => page.evaluate(() => window.__streamscope?.playbackState() ?? 'not mounted'),
    interventionCount: () => page.evaluate(() => window.__streamscope?.interventionCount() ?? 0),
  };
}

/** The app as a user sees it. */
export class AppPage {
  readonly play: Locator;
  readonly pause: Locator;
  readonly restart: Locator;
  readonly speed: Locator;
  readonly playhead: Locator;
  readonly time: Locator;
  readonly table: Locator;
  readonly stream: Locator;
  readonly shards: Locator;
  readonly records: Locator;
  readonly writes: Locator;
  readonly inspector: Locator;
  readonly stepForward: Locator;
  readonly stepBack: Locator;
  readonly interventions: Locator;
  readonly undo: Locator;
  readonly redo: Locator;
  readonly copyLink: Locator;
  readonly runBadge: Locator;
  readonly narration: Locator;
  readonly narrationPauses: Locator;
  readonly consumers: Locator;

  constructor(readonly page: Page) {
    this.play = page.getByRole('button', { name: 'Play', exact: true });
    this.pause = page.getByRole('button', { name: 'Pause', exact: true });
    this.restart = page.getByRole('button', { name: 'Restart', exact: true });
    this.speed = page.getByRole('combobox', { name: 'Speed' });
    this.playhead = page.getByRole('slider', { name: 'Playhead' });
    this.time = page.getByRole('timer', { name: 'Simulated time' });
    this.table = page.getByRole('region', { name: 'Votes table' });
    this.stream = page.getByRole('region', { name: 'Stream of Votes' });
    this.shards = this.stream.getByRole('region', { name: /^Shard / });
    this.records = this.stream.getByRole('listitem');
    this.writes = page.getByRole('list', { name: 'Writes, newest first' }).getByRole('listitem');
    this.inspector = page.getByRole('region', { name: 'Stream record' });
    this.stepForward = page.getByRole('button', { name: 'Next event' });
    this.stepBack = page.getByRole('button', { name: 'Previous event' });
    this.interventions = page.getByRole('region', { name: 'Interventions' });
    this.undo = this.interventions.getByRole('button', { name: 'Undo' });
    this.redo = this.interventions.getByRole('button', { name: 'Redo' });
    this.copyLink = page.getByRole('button', { name: 'Copy link' });
    this.runBadge = page.getByText(/^seed \d+ · trace [0-9a-f]{8}$/);
    this.narration = page.getByRole('region', { name: /^(Narration|What this scenario showed)$/ });
    this.narrationPauses = page.getByRole('checkbox', { name: 'Pause at each step' });
    this.consumers = page.getByRole('region', { name: 'Consumers' });
  }

  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.getByRole('heading', { level: 1, name: 'Voting booth' })).toBeVisible();
    // The page shows the run as soon as its first part is computed; a story starts from the whole run
    // (the test API's trace hash waits for it).
    await this.page.waitForFunction(() => window.__streamscope !== undefined);
    await this.page.evaluate(() => window.__streamscope!.traceHash());
  }

  /** Opens a dock tab ("Table & stream", "Consumers", "Inspector", "What happened", "Interventions", "Your consumer"). */
  async openTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name, exact: true }).click();
    await expect(this.page.getByRole('tab', { name, exact: true, selected: true })).toBeVisible();
  }

  /** Lets playback run through the narration's steps without pausing (for stories about free play). */
  async playThroughNarration(): Promise<void> {
    await this.narrationPauses.uncheck();
  }

  /** Presses → until the clock reads `time` (consumer facts lie between the votes), at most `max` times. */
  async stepTo(time: string, max = 60): Promise<void> {
    for (let i = 0; i < max; i++) {
      if ((await this.time.textContent()) === time) return;
      const before = await this.time.textContent();
      await this.page.keyboard.press('ArrowRight');
      await expect(this.time).not.toHaveText(before ?? '');
    }
    await expect(this.time).toHaveText(time);
  }

  /** The voter ids shown in the Votes table, top to bottom. */
  voterIds(): Locator {
    return this.table.getByRole('rowheader');
  }

  /** The row of one voter; its accessible name reads its cells in order ("ada Otter 1700000004"). */
  voterRow(voterId: string): Locator {
    return this.table.getByRole('row', { name: new RegExp(`^${voterId} `) });
  }
}

export const test = base.extend<{ sim: SimFixture; app: AppPage }>({
  sim: async ({ page }, use) => {
    await use(createSimFixture(page));
  },
  app: async ({ page }, use) => {
    await use(new AppPage(page));
  },
});

export { expect };

/** Replaces the code editor's text (typed as one insertion, so auto-indent and bracket closing stay out of it). */
export async function typeCode(page: Page, code: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'Handler code (JavaScript)' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}
