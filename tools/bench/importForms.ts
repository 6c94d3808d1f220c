/**
 * The import by the file's form (issue 16.3 names three: GetRecords pages, Lambda events, JSON
 * Lines): the same records as JSON Lines in ASCII, as JSON Lines whose values have characters past
 * ASCII, as Lambda events and as GetRecords pages, each imported through the worker host as
 * ./importSize.ts does. Its 1M row reads only the first; a form that leaves the record scanner's
 * path reads about twice as slowly (session 27: accented values, and every page, did), which this
 * row shows as its ratio to the first.
 *
 * May import: src/worker (host), ./importGen.ts.
 */
import { createHost } from '../../src/worker/host.ts';
import { jsonLines, recordPages } from './importGen.ts';

export interface ImportFormsResult {
  records: number;
  /** Each form's whole import (read, placed, analysed, indexed), in ms, and its file's size in MB. */
  forms: { form: string; ms: number; fileMB: number }[];
}

async function importMs(pieces: Iterable<string>): Promise<{ ms: number; fileMB: number }> {
  const file = new Blob([...pieces]);
  // The text the Blob was made from is let go before timing (./importSize.ts says why).
  await new Promise((resolve) => setTimeout(resolve, 0));
  const host = createHost({ yieldSlice: async () => {} });
  const started = performance.now();
  const r = await host.importStream(file, { memoryBudgetBytes: 64 * 1024 ** 3 });
  if (!r.ok) throw new Error(r.error.message);
  await host.load({ importId: r.importId });
  return { ms: performance.now() - started, fileMB: file.size / 1e6 };
}

export async function benchImportForms(records: number): Promise<ImportFormsResult> {
  const options = { duplicateEvery: 10_000 };
  await importMs(jsonLines(Math.min(records, 20_000), options)); // warm up the JIT
  const forms: ImportFormsResult['forms'] = [];
  for (const [form, pieces] of [
    ['JSON Lines, ASCII', () => jsonLines(records, options)],
    ['JSON Lines, values past ASCII', () => jsonLines(records, { ...options, wide: true })],
    ['Lambda events', () => recordPages(records, 'lambda-events', options)],
    ['GetRecords pages', () => recordPages(records, 'get-records', options)],
  ] as const) {
    forms.push({ form, ...(await importMs(pieces())) });
  }
  return { records, forms };
}
