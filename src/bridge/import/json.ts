/**
 * Reads pasted text as one or more JSON documents (see ./jsonStream.ts, which reads the same from a
 * file arriving in pieces): a single value, several values one after the other, JSON Lines, or a
 * Lambda function's CloudWatch log. A syntax error is reported with its line and column in the text
 * as pasted.
 *
 * Pure. May import: ./jsonStream.ts. May not import: DOM, sim, worker, ui.
 */
import { MAX_JSON_DEPTH, readAllDocuments, type JsonSyntaxError } from './jsonStream.ts';

export { MAX_JSON_DEPTH };

export type JsonDocs = { ok: true; docs: unknown[] } | JsonSyntaxError;

/** Splits and parses the text into JSON documents, in one pass. */
export function readJsonDocuments(text: string): JsonDocs {
  return readAllDocuments(text);
}
