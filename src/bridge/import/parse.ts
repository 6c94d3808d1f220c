/**
 * The importer for pasted or dropped text: text in, an `ImportedStream` or a precise error out. The
 * text is split into JSON documents (./json.ts) and read one document at a time (./importer.ts), as a
 * file is in the worker (./readStream.ts).
 *
 * Pure. May import: ./json.ts, ./importer.ts, ./schema.ts, ./limits.ts. May not import: DOM, sim runtime, worker, ui.
 */
import type { ImportedStream, ImportError } from '../types.ts';
import { importError, StreamImporter } from './importer.ts';
import { readJsonDocuments } from './json.ts';
import { HOW_TO_GET } from './parts.ts';
import { StreamRecordSchema } from './schema.ts';
import { MAX_IMPORT_CHARS } from './limits.ts';

export { MAX_IMPORT_CHARS };

/** A parsed input: plain data (its records as objects), which crosses the worker boundary as is. */
export type ParseResult = { ok: true; stream: ImportedStream } | { ok: false; error: ImportError };

/** Parses pasted or dropped text into an imported stream, or says precisely why it cannot. */
export function parseStreamInput(text: string, maxRecords?: number): ParseResult {
  if (text.length > MAX_IMPORT_CHARS) {
    return { ok: false, error: importError('too-big', `The input is ${text.length.toLocaleString('en-US')} characters; pasted text may be at most ${MAX_IMPORT_CHARS.toLocaleString('en-US')} (about 5 MB). Choose a file instead: files are read as a stream, up to the memory budget.`) };
  }
  if (text.trim() === '') return { ok: false, error: importError('empty', `Nothing to import: paste or drop GetRecords output, a Lambda event or DescribeStream output. ${HOW_TO_GET}`) };
  const json = readJsonDocuments(text);
  if (!json.ok) return { ok: false, error: importError('not-json', `The input is not valid JSON: ${json.message}.`, json.excerpt ? [`near: ${json.excerpt}`] : []) };
  const importer = new StreamImporter(maxRecords);
  for (const doc of json.docs) if (importer.addDocument(doc)) break;
  const done = importer.finish();
  return done.ok ? { ok: true, stream: { ...done.stream, records: [...done.stream.records] } } : done;
}

/** Validates one record on its own (for tests and tools). */
export function isStreamRecord(v: unknown): boolean {
  return StreamRecordSchema.safeParse(v).success;
}
