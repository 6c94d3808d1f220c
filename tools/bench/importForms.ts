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

/**
 * Each form imported in each of `rounds` rounds, the forms in turn, and its fastest kept: one import
 * each read up to twice its time in the bench's process, after its 1M import, where alone they read
 * within a tenth of each other.
 */
export async function benchImportForms(records: number, rounds = 2): Promise<ImportFormsResult> {
  const options = { duplicateEvery: 10_000 };
  await importMs(jsonLines(Math.min(records, 20_000), options)); // warm up the JIT
  const makers = [
    ['JSON Lines, ASCII', () => jsonLines(records, options)],
    ['JSON Lines, values past ASCII', () => jsonLines(records, { ...options, wide: true })],
    ['Lambda events', () => recordPages(records, 'lambda-events', options)],
    ['GetRecords pages', () => recordPages(records, 'get-records', options)],
  ] as const;
  const forms: ImportFormsResult['forms'] = makers.map(([form]) => ({ form, ms: Infinity, fileMB: 0 }));
  for (let r = 0; r < rounds; r++) {
    for (const [i, [, pieces]] of makers.entries()) {
      const { ms, fileMB } = await importMs(pieces());
      forms[i] = { form: forms[i]!.form, ms: Math.min(ms, forms[i]!.ms), fileMB };
    }
  }
  return { records, forms };
}
