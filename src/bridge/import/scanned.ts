/**
 * What the record scanner (./recordScanner.ts) reads of a document, for the importer to take: a
 * record, and a document of many (`{"Records":[…]}`), as a Lambda function receives an event and a
 * paging script saves GetRecords' pages (with their `NextShardIterator`). Read through `JSON.parse`
 * and zod, such a file of pages imported about twice as slowly as the same records one a line
 * (200,000 records: 3.3 s against 1.6 s in Node).
 *
 * Pure. May import: ./charCodes.ts, ../types.ts, ./itemTexts.ts (types). May not import: DOM, sim runtime, worker, ui.
 */
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './charCodes.ts';
import type { RecordHead } from '../types.ts';
import type { Spelling } from './itemTexts.ts';

/** A document the scanner read: the record, normalised, for the importer to take as a bare record. */
export class ScannedRecord {
  constructor(
    /** The record without its images. */
    readonly record: RecordHead,
    /** `keyText` of its Keys (../attributes.ts), spelt once per item. */
    readonly keyText: string,
    /** Its NewImage and OldImage, checked to be items, spelt for the importer's `ItemTexts` (./itemTexts.ts). */
    readonly newImage: Spelling | undefined,
    readonly oldImage: Spelling | undefined,
    /** The scanner's number for its Keys' spelling: records spelt alike share the one Keys object. */
    readonly key: number,
    /** Its `eventSourceARN` (a record of a Lambda event), which a record on its own drops as the importer does. */
    readonly eventSourceARN: string | undefined,
  ) {}
}

/** A page's members, quoted: `{"Records":[…],"NextShardIterator":…}`; and the first byte of `null`. */
export const RECORDS = '"Records"';
export const NEXT_ITERATOR = '"NextShardIterator"';
export const NULL_START = 110;

/** Its records, and what the importer makes of the page: a read of its kind (`partsOf`, ./parts.ts, says which). */
export class ScannedPage {
  constructor(
    readonly records: readonly ScannedRecord[],
    /** A Lambda event when its records name their stream (`eventSourceARN`) and it has no next iterator, else a GetRecords page. */
    readonly kind: 'lambda-event' | 'get-records',
    /** A Lambda event's first record's `eventSourceARN` (its read names it). */
    readonly eventSourceARN: string | undefined,
    /** A GetRecords page's `NextShardIterator` (null at a closed shard's end; undefined when it has none). */
    readonly nextShardIterator: string | null | undefined,
  ) {}
}

/**
 * The page of `records`, or undefined when the importer's own path must judge it: no records (an
 * empty page, said by `JSON.parse`'s path), or an event whose records name their stream and others
 * not, or one with an empty name (zod says which). A page with a next iterator is GetRecords'
 * whatever its records name.
 */
export function pageOf(records: readonly ScannedRecord[], next: string | null | undefined): ScannedPage | undefined {
  if (records.length === 0) return undefined;
  if (next !== undefined) return new ScannedPage(records, 'get-records', undefined, next);
  const arn = records[0]!.eventSourceARN;
  for (const r of records) if ((r.eventSourceARN === undefined) !== (arn === undefined) || r.eventSourceARN === '') return undefined;
  return new ScannedPage(records, arn === undefined ? 'get-records' : 'lambda-event', arn, undefined);
}

/**
 * The offset just past the object that starts at `from` (braces balanced, strings skipped), or -1
 * when it nests deeper than `maxDepth` or the bytes end first.
 */
export function objectEnd(bytes: Uint8Array, from: number, maxDepth: number): number {
  if (bytes[from] !== OPEN_BRACE) return -1;
  let depth = 0;
  let inString = false;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return -1;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}
