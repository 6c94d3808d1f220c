/**
 * The scenario gallery as a workshop sees it (issue #20.1): every card's title and summary are
 * shown whole (no title running past its card, no summary cut short), cards do not overlap, the
 * compare pairs name both sides, and on a phone the dialog fits the screen with Close in view.
 * Screenshots go to `test-results/screenshots/gallery-<width>.png`, to be looked at.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

type Box = { x: number; y: number; width: number; height: number };

/** Per card: its box, whether any text inside overflows its own box, and the title's box. */
async function cardGeometry(page: Page) {
  return page.getByRole('dialog', { name: 'Scenarios' }).evaluate((dialog) => {
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return Array.from(dialog.querySelectorAll('li > .gallery__item'), (card) => {
      const parts = Array.from(card.children) as HTMLElement[];
      return {
        name: card.textContent ?? '',
        card: box(card),
        parts: parts.map(box),
        overflowing: parts.filter((p) => p.scrollWidth > p.clientWidth + 1 || p.scrollHeight > p.clientHeight + 1).map((p) => p.className),
      };
    });
  });
}

const inside = (a: Box, b: Box) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
const overlap = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

for (const size of [
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`gallery cards show their whole title and summary without overlapping at ${size.width}×${size.height}`, async ({ app, page }, testInfo) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await app.open();
    await page.setViewportSize(size);
    await page.getByRole('button', { name: 'Scenarios' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scenarios' });
    await expect(dialog).toBeVisible();
    await page.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', `gallery-${size.width}.png`) });

    // The dialog fits the screen and Close is in view, without scrolling.
    const d = (await dialog.boundingBox())!;
    expect(d.x).toBeGreaterThanOrEqual(0);
    expect(d.x + d.width).toBeLessThanOrEqual(size.width);
    const close = dialog.getByRole('button', { name: 'Close' });
    await expect(close).toBeInViewport({ ratio: 1 });

    const cards = await cardGeometry(page);
    expect(cards.length).toBeGreaterThan(10);
    for (const c of cards) {
      expect(c.overflowing, `${c.name}: text cut off`).toEqual([]);
      for (const p of c.parts) expect(inside(p, c.card), `${c.name}: text outside its card`).toBe(true);
    }
    for (let i = 0; i < cards.length; i++) {
      for (let j = i + 1; j < cards.length; j++) expect(overlap(cards[i]!.card, cards[j]!.card), `${cards[i]!.name} overlaps ${cards[j]!.name}`).toBe(false);
    }

    // A compare pair names both sides, each in words.
    const pairs = dialog.getByRole('list', { name: 'Comparisons to open' }).getByRole('link');
    await expect(pairs.first()).toContainText(/Left:.+Right:.+/);
    await close.click();
    await expect(dialog).toBeHidden();
  });
}
