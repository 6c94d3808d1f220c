/**
 * An import read as a stream: input arrives in pieces (a file's bytes as they are read), documents are
 * split out as they complete (./jsonStream.ts) and handed one at a time to the importer
 * (./importer.ts), so no whole-file string is ever built and the first bad document stops the read.
 * Between pieces it reports progress and awaits `checkpoint`, which yields to other messages and
 * throws to cancel.
 *
 * Pure. May import: ./jsonStream.ts, ./importer.ts, ./recordScanner.ts. May not import: DOM, sim runtime, worker, ui.
 */
import type { ImportResult } from '../types.ts';
import { importError, StreamImporter } from './importer.ts';
import { JsonDocumentReader } from './jsonStream.ts';
import { RecordScanner } from './recordScanner.ts';

export interface ReadProgress {
  /** Input read so far (bytes of a file, or characters of text), and in all. */
  read: number;
  total: number;
  records: number;
  /** Findings so far (judged as records arrive). */
  findings: number;
}

export interface ReadOptions {
  /** Input size for progress (bytes or characters). */
  total: number;
  /** More records than this stop the import with a message (the memory budget). */
  maxRecords?: number;
  onProgress?: (p: ReadProgress) => void;
  /** Awaited between pieces: yields, and throws when the import is cancelled. */
  checkpoint?: () => Promise<void>;
  /** Every document through `JSON.parse` and zod, none through the record scanner (its oracle in tests). */
  withoutScanner?: boolean;
}

/** A piece of the input and how much of it (bytes, or characters of text) it is. */
export interface TextPiece {
  /** Text, or UTF-8 bytes as a file holds them (a view its reader may reuse once the next piece is asked for). */
  text: string | Uint8Array;
  size: number;
}

export async function importPieces(pieces: AsyncIterable<TextPiece>, options: ReadOptions): Promise<ImportResult> {
  const importer = new StreamImporter(options.maxRecords, true);
  const reader = new JsonDocumentReader(undefined, options.withoutScanner ? undefined : new RecordScanner(importer.records.versions));
  const tracker = importer.findings!;
  let read = 0;
  const notJson = (e: { message: string; excerpt: string }): ImportResult => ({ ok: false, error: importError('not-json', `The input is not valid JSON: ${e.message}.`, e.excerpt ? [`near: ${e.excerpt}`] : []) });
  const take = (docs: unknown[] | { ok: false; message: string; excerpt: string }): ImportResult | undefined => {
    if (!Array.isArray(docs)) return notJson(docs);
    for (const doc of docs) {
      const error = importer.addDocument(doc);
      if (error) return { ok: false, error };
    }
    // The documents before a syntax error are judged first: a record there that is not what AWS sends is the first bad line.
    if (reader.failure) return notJson(reader.failure);
    // The scanner's images are spelt into the importer's stage until taken (./itemTexts.ts): taken
    // now, unless the first document still waits for the second.
    if (!importer.holding) importer.records.versions.unstage();
    return undefined;
  };
  for await (const piece of pieces) {
    read += piece.size;
    const stopped = take(reader.push(piece.text));
    if (stopped) return stopped;
    options.onProgress?.({ read, total: options.total, records: importer.records.length, findings: sum(tracker.running()) });
    await options.checkpoint?.();
  }
  const stopped = take(reader.end());
  if (stopped) return stopped;
  const done = importer.finish();
  importer.records.versions.unstage(true);
  return done.ok ? { ...done, findings: tracker.finish(done.stream) } : done;
}

function sum(counts: Partial<Record<string, number>>): number {
  let n = 0;
  for (const k in counts) n += counts[k]!;
  return n;
}
