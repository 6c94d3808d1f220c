/**
 * Screenshots of the stage to look at (issue #13): the default scenario at 0 s and at each of its
 * narration stops (fixed simulated times: the first votes, the crash before a checkpoint, the
 * takeover and replay, the end), at 1280×720, 1440×900, 390×844 and in presenter mode at 1280×720.
 * Saved under `test-results/screenshots/stage/` (artifacts, not baselines): open them after a run.
 * With STREAMSCOPE_DOCS_SCREENSHOT set, the 1280×720 takeover step is also saved as the README's
 * picture, `docs/screenshot.png`.
 */
import { join } from 'node:path';
import { test, expect } from './fixtures.ts';

const SETUPS = [
  { name: '1280x720', width: 1280, height: 720, path: '/' },
  { name: '1440x900', width: 1440, height: 900, path: '/' },
  { name: '390x844', width: 390, height: 844, path: '/' },
  { name: 'presenter-1280x720', width: 1280, height: 720, path: '/?presenter=1' },
] as const;

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
});

for (const setup of SETUPS) {
  test(`the default scenario's story on the stage at ${setup.name}`, async ({ app, page }, testInfo) => {
    await page.setViewportSize({ width: setup.width, height: setup.height });
    await app.open(setup.path);
    await expect(page.getByRole('region', { name: 'Timeline' })).toBeVisible();
    const shot = (label: string) => page.screenshot({ path: join(testInfo.project.outputDir, 'screenshots', 'stage', `${setup.name}-${label}.png`) });
    await shot('0-start');
    const next = app.narration.getByRole('button', { name: /Next/ });
    for (let step = 1; await next.isEnabled(); step++) {
      await next.click();
      await expect(app.narration).toContainText(`step ${step} of`);
      const at = (await app.time.textContent())?.replace(/[^0-9]/g, '').slice(-7) ?? '';
      await shot(`${step}-at-${at}`);
      // The README's picture: the projector's size, at the takeover and replay (the story's heart).
      if (process.env.STREAMSCOPE_DOCS_SCREENSHOT && setup.name === '1280x720' && step === 4) await page.screenshot({ path: 'docs/screenshot.png' });
    }
    await expect(app.narration).toContainText('What this scenario showed');
  });
}
