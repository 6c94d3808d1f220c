/**
 * An import as a user makes it (issue 16.3): a generated JSON Lines file (./importGen.ts, a duplicate
 * every 10,000th record) chosen through the app's file picker in Chromium, read by the simulation
 * worker, placed, analysed and indexed until the imported run's banner shows. The Node row
 * (./importSize.ts) times the same code without a browser; this one says what a user waits for.
 * Reading ends when the dialog first says it is placing the records (a MutationObserver in the page
 * notes the instant, so polling adds nothing to the figure).
 *
 * May import: playwright types, ./coldLoad.ts, ./importGen.ts.
 */
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { benchContext } from './coldLoad.ts';
import { jsonLines } from './importGen.ts';

export interface BrowserImportFigures {
  records: number;
  fileMB: number;
  /** From choosing the file to the imported run's banner. */
  totalMs: number;
  /** From choosing the file to the dialog's "Placing the records…". */
  readMs: number;
}

async function writeJsonLines(path: string, records: number): Promise<void> {
  const out = createWriteStream(path);
  for (const piece of jsonLines(records, { duplicateEvery: 10_000 })) if (!out.write(piece)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export async function importInBrowser(browser: Browser, baseUrl: string, records: number, log: (line: string) => void = () => {}): Promise<BrowserImportFigures> {
  const file = join(tmpdir(), `streamscope-bench-import-${process.pid}-${records}.jsonl`);
  await writeJsonLines(file, records);
  const context = await benchContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(() => window.__streamscope !== undefined, undefined, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Import records…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import stream records' });
    await dialog.waitFor();
    await dialog.evaluate((el) => {
      const w = window as unknown as { __benchImport: { placingAt?: number } };
      w.__benchImport = {};
      const seen = new MutationObserver(() => {
        if (w.__benchImport.placingAt === undefined && el.textContent?.includes('Placing the records')) {
          w.__benchImport.placingAt = performance.now();
          seen.disconnect();
        }
      });
      seen.observe(el, { subtree: true, childList: true, characterData: true });
    });
    const t0 = await page.evaluate(() => performance.now());
    await dialog.getByLabel('Records file').setInputFiles(file);
    await page.getByRole('region', { name: /^Imported: / }).waitFor({ timeout: 600_000 });
    const { t1, placingAt } = await page.evaluate(() => ({ t1: performance.now(), placingAt: (window as unknown as { __benchImport: { placingAt?: number } }).__benchImport.placingAt }));
    const figures = { records, fileMB: statSync(file).size / 2 ** 20, totalMs: t1 - t0, readMs: (placingAt ?? t1) - t0 };
    log(`import in the browser: ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await context.close();
    rmSync(file, { force: true });
  }
}
