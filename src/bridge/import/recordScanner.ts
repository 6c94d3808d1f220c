/**
 * A scanner for the common documents of a big import: a stream record, as a Lambda function logs
 * it (JSON Lines), and a page of them (./scanned.ts: a Lambda event, a GetRecords page). It
 * reads the record's fields straight from the file's UTF-8 bytes, never decoded whole (./utf8.ts),
 * and gives the normalised record `importer.ts` would make, without the object `JSON.parse` builds
 * for the whole document (issue #16: reading is the largest part of importing a million records):
 *
 * - a string in ASCII without escapes is made from its bytes; any other is `JSON.parse` of the
 *   quoted token alone, decoded (escapes as JSON has them);
 * - Keys are parsed once per spelling (found by their bytes);
 * - images are spelt for the importer's `ItemTexts` (./itemTexts.ts): an image on a skeleton that
 *   has been checked whole once (JSON.parse and `itemProblem`) is read in one pass straight into
 *   bytes, checking only its values (a JSON string's content each, a number under `N`); the skeleton
 *   tried first is its item's latest image's, then the last image's;
 * - the rules are `isPlainValidRecord`'s (./fastRecord.ts), which are `StreamRecordSchema`'s.
 *
 * It reads the bytes where the document starts (`JsonDocumentReader` asks it first at each `{`), so a
 * record it reads is neither cut out nor scanned twice.
 *
 * Anything else — another field, a field twice, a creation time as text, a value out of range, a
 * syntax error — is not its business: it returns undefined and the document goes to `JSON.parse`
 * and zod, which accept it or say precisely what is wrong, as before. A property test holds the two
 * paths equal (recordScanner.test.ts).
 *
 * Pure. May import: ./charCodes.ts, ./utf8.ts, ./byteIndex.ts, ./recordColumns.ts (`bodyOf`), ./itemTexts.ts (types, `WIDE`), ./scanned.ts, ../attributes.ts, sim types. May not import: DOM, sim runtime, worker, ui.
 */
import { QUOTE, BACKSLASH, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COLON, COMMA } from './charCodes.ts';
import type { EventName, StreamViewType } from '../../sim/stream/record.ts';
import type { RecordHead } from '../types.ts';
import type { Item } from '../../sim/table/attributeValue.ts';
import { itemProblem, keyText } from '../attributes.ts';
import { ByteIndex } from './byteIndex.ts';
import { bodyOf } from './recordColumns.ts';
import { WIDE, type ItemTexts, type Spelling } from './itemTexts.ts';
import { NEXT_ITERATOR, NULL_START, objectEnd, pageOf, RECORDS, ScannedRecord, type ScannedPage } from './scanned.ts';
import { byteText, bytesStartWith, utf8Text } from './utf8.ts';
import { BODY_FIELDS, EVENT_NAMES, EVENT_SOURCES, FieldOrder, identityOf, RECORD_FIELDS, VIEW_TYPES } from './recordFields.ts';

export { ScannedPage, ScannedRecord } from './scanned.ts';

const SEQUENCE = /^\d{1,40}$/;
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** More levels than an item may have (32, and two for each attribute value's map): not plain. */
const MAX_ITEM_DEPTH = 70;

/** A record's body as read: its images spelt for the importer (`ItemTexts`), not as objects. */
interface BodyRead {
  head: RecordHead['dynamodb'];
  /** The number of its Keys' spelling. */
  key: number;
  /** Spelt for the importer's `ItemTexts`. */
  newImage: Spelling | undefined;
  oldImage: Spelling | undefined;
}

const EMPTY = new Uint8Array(0);

/** Thrown inside a scan: the document is not the plain shape (caught in `scan`, never escapes). */
const NOT_PLAIN = new Error('not a plain record');

export class RecordScanner {
  /** Keys by their spelling (its bytes, one a character: found without a string of them), and each one's `keyText` (the findings' and the trace's name for the item). */
  private readonly keySpellings: string[] = [];
  private readonly keyItems: Item[] = [];
  private readonly keys = new ByteIndex((k) => this.keySpellings[k]!);
  private readonly keyTexts: string[] = [];
  /**
   * Per item (by its Keys' number): the skeleton of its latest NewImage, which the item's next
   * image is read on first. Held while reading only: the scanner goes when the file is read.
   */
  private readonly latest: number[] = [];
  /** The skeleton of the image read last: the first try for an item not seen before. */
  private lastSkeleton = -1;
  /** The Region's and the event version's latest spelling. */
  private readonly lastValues: (string | undefined)[] = [undefined, undefined];
  private bytes: Uint8Array = EMPTY;
  private at = 0;

  /** Where the last record read ends: the offset just past its closing brace. */
  end = 0;
  /** Per object, its members' names and the order they came in last (`field`). */
  private readonly recordOrder = new FieldOrder(RECORD_FIELDS);
  private readonly bodyOrder = new FieldOrder(BODY_FIELDS);

  /** @param items the importer's item versions (`RecordColumns.versions`): images are spelt on its skeletons. */
  constructor(private readonly items: ItemTexts) {}

  /**
   * The record, or page of them, that starts at `from` in `bytes` (UTF-8, at its opening brace), or
   * undefined when what is there is not the plain shape, or not all of it is in `bytes` yet; then
   * `JSON.parse` reads it.
   */
  read(bytes: Uint8Array, from: number): ScannedRecord | ScannedPage | undefined {
    this.bytes = bytes;
    this.at = from + 1;
    try {
      const isPage = this.peek() === QUOTE && (bytesStartWith(bytes, RECORDS, this.at) || bytesStartWith(bytes, NEXT_ITERATOR, this.at));
      this.at = from;
      const value = isPage ? this.page() : this.record();
      this.end = this.at;
      return value;
    } catch (e) {
      if (e === NOT_PLAIN || e instanceof SyntaxError) return undefined;
      throw e;
    } finally {
      this.bytes = EMPTY;
    }
  }

  /**
   * `{"Records":[…]}`, with a `NextShardIterator` (a string or null) before or after them: its
   * records, each read as one on its own is (undefined: not the plain shape).
   */
  private page(): ScannedPage | undefined {
    let records: ScannedRecord[] | undefined;
    let next: string | null | undefined;
    this.expect(OPEN_BRACE);
    do {
      const from = this.skip();
      if (records === undefined && bytesStartWith(this.bytes, RECORDS, from)) {
        this.at = from + RECORDS.length;
        this.expect(COLON);
        this.expect(OPEN_BRACKET);
        records = [];
        while (this.peek() !== CLOSE_BRACKET) {
          if (records.length > 0) this.expect(COMMA);
          const record = this.record();
          if (record === undefined) return undefined;
          records.push(record);
        }
        this.at++;
      } else if (next === undefined && bytesStartWith(this.bytes, NEXT_ITERATOR, from)) {
        this.at = from + NEXT_ITERATOR.length;
        this.expect(COLON);
        if (this.peek() === NULL_START && bytesStartWith(this.bytes, 'null', this.at)) {
          this.at += 4;
          next = null;
        } else next = this.string();
      } else throw NOT_PLAIN;
    } while (this.next());
    const page = records && pageOf(records, next);
    if (page === undefined) throw NOT_PLAIN;
    return page;
  }

  private record(): ScannedRecord | undefined {
    let eventID: string | undefined;
    let eventName: string | undefined;
    let eventVersion: string | undefined;
    let eventSource: string | undefined;
    let awsRegion: string | undefined;
    let body: BodyRead | undefined;
    let arn: string | undefined;
    let identity: RecordHead['userIdentity'];
    let seen = 0;
    if (this.open()) {
      do {
        const f = this.field(this.recordOrder, seen);
        seen |= 1 << f;
        if (f === 0) eventID = this.string();
        else if (f === 1) eventName = this.known(EVENT_NAMES);
        else if (f === 2) eventVersion = this.repeated(0);
        else if (f === 3) eventSource = this.known(EVENT_SOURCES);
        else if (f === 4) awsRegion = this.repeated(1);
        else if (f === 5) arn = this.string();
        else if (f === 6) body = this.body();
        else identity = this.identity();
      } while (this.next());
    }
    if (eventID === undefined || eventID === '' || eventName === undefined || eventVersion === undefined || eventSource === undefined || awsRegion === undefined || body === undefined) return undefined;
    const head: RecordHead = { eventID, eventName: eventName as EventName, eventVersion, eventSource: 'aws:dynamodb', awsRegion, dynamodb: body.head, ...(identity ? { userIdentity: identity } : {}) };
    return new ScannedRecord(head, this.keyTexts[body.key]!, body.newImage, body.oldImage, body.key, arn);
  }

  private body(): BodyRead {
    let time: number | undefined;
    let key = -1;
    let newImage: Spelling | undefined;
    let oldImage: Spelling | undefined;
    let sequence: string | undefined;
    let size: number | undefined;
    let viewType: string | undefined;
    let seen = 0;
    if (this.open()) {
      do {
        const f = this.field(this.bodyOrder, seen);
        seen |= 1 << f;
        if (f === 0) time = this.number();
        else if (f === 1) {
          const from = this.skip();
          this.object();
          key = this.keyOf(from, this.at);
        }
        else if (f === 2) newImage = this.image(key);
        else if (f === 3) oldImage = this.image(key);
        else if (f === 4) sequence = this.string();
        else if (f === 5) size = this.number();
        else viewType = this.known(VIEW_TYPES);
      } while (this.next());
    }
    if (time === undefined || !Number.isFinite(time) || Math.floor(time) > 100_000_000_000) throw NOT_PLAIN;
    if (sequence === undefined || !SEQUENCE.test(sequence)) throw NOT_PLAIN;
    if (size === undefined || !Number.isSafeInteger(size) || size < 1) throw NOT_PLAIN;
    if (viewType === undefined || key < 0) throw NOT_PLAIN;
    if (newImage !== undefined) this.latest[key] = this.items.skeletonOf(newImage);
    const head = bodyOf(Math.floor(time), this.keyItems[key]!, undefined, undefined, sequence.charCodeAt(0) === 48 ? sequence.replace(/^0+(?=\d)/, '') : sequence, size, viewType as StreamViewType);
    return { head, key, newImage, oldImage };
  }

  /**
   * An image, checked to be an item, spelt for the importer (./itemTexts.ts). Most are spelt on the
   * skeleton of their item's latest image (or of the image before) straight into bytes, in one pass
   * that checks only the values; an image on another skeleton is checked whole (JSON.parse and
   * `itemProblem`) the first time its skeleton comes.
   */
  private image(key: number): Spelling {
    const { items, bytes } = this;
    const from = this.skip();
    const guess = (key >= 0 ? this.latest[key] : undefined) ?? this.lastSkeleton;
    const staged = items.stageKnown(bytes, from, guess);
    if (staged >= 0 || staged === WIDE) {
      this.at = items.end;
      this.lastSkeleton = guess;
      return staged === WIDE ? items.wide : staged;
    }
    this.object();
    const text = utf8Text(bytes, from, this.at);
    const spelling = items.spell(text);
    const skeleton = items.skeletonOf(spelling);
    this.lastSkeleton = skeleton;
    const again = skeleton === guess ? -1 : items.stageKnown(bytes, from, skeleton);
    if (again >= 0) return again;
    if (again === WIDE) return spelling;
    parseItem(text);
    items.check(spelling);
    return spelling;
  }

  /** The number of the Keys spelt by the bytes from `from` to `to`: one Keys object per spelling (`keyItems`). */
  private keyOf(from: number, to: number): number {
    const { bytes } = this;
    const known = this.keys.getIn(bytes, from, to);
    if (known !== undefined) return known;
    // Its bytes as characters, the text itself when it is ASCII (an invalid byte decodes to one
    // U+FFFD too, so the text's length alone does not say).
    let ascii = true;
    for (let k = from; k < to && ascii; k++) ascii = bytes[k]! < 0x80;
    const spelling = byteText(bytes, from, to);
    const keys = parseItem(ascii ? spelling : utf8Text(bytes, from, to));
    this.keySpellings.push(spelling);
    this.keyItems.push(keys);
    this.keyTexts.push(keyText(keys));
    this.keys.set(spelling, this.keyItems.length - 1);
    return this.keyItems.length - 1;
  }

  /** Skips whitespace; the offset of the next byte. */
  private skip(): number {
    const { bytes } = this;
    let i = this.at;
    for (let c = bytes[i]; c === 32 || c === 10 || c === 13 || c === 9; c = bytes[++i]);
    return (this.at = i);
  }

  /** The next byte past whitespace (undefined at the input's end). */
  private peek(): number | undefined {
    return this.bytes[this.skip()];
  }

  private expect(c: number): void {
    if (this.peek() !== c) throw NOT_PLAIN;
    this.at++;
  }

  /** An object's opening brace: true when members follow, false when it closes at once. */
  private open(): boolean {
    this.expect(OPEN_BRACE);
    if (this.peek() !== CLOSE_BRACE) return true;
    this.at++;
    return false;
  }

  /** After a member: true at a comma (another follows), false at the closing brace (read). */
  private next(): boolean {
    const c = this.peek();
    this.at++;
    if (c === COMMA) return true;
    if (c === CLOSE_BRACE) return false;
    throw NOT_PLAIN;
  }

  /** A member's name (one of the object's, spelt without escapes, not in `seen`) and its colon: its number. */
  private field(order: FieldOrder, seen: number): number {
    const { bytes } = this;
    const from = this.skip() + 1;
    if (bytes[from - 1] !== QUOTE) throw NOT_PLAIN;
    const f = order.find(bytes, from, seen);
    if (f < 0) throw NOT_PLAIN;
    this.at = order.end + 1;
    this.expect(COLON);
    return f;
  }

  /** A string that is one of `values` (those very strings: one copy for a million records). */
  private known(values: readonly string[]): string {
    const { bytes } = this;
    const from = this.skip() + 1;
    if (bytes[from - 1] === QUOTE) {
      for (const v of values) {
        if (bytes[from + v.length] === QUOTE && bytesStartWith(bytes, v, from)) {
          this.at = from + v.length + 1;
          return v;
        }
      }
    }
    throw NOT_PLAIN;
  }

  /** A string that repeats from record to record (the Region, the event version): the previous copy when it is the same. */
  private repeated(slot: number): string {
    const { bytes } = this;
    const last = this.lastValues[slot];
    const from = this.skip() + 1;
    if (last !== undefined && bytes[from - 1] === QUOTE && bytes[from + last.length] === QUOTE && bytesStartWith(bytes, last, from)) {
      this.at = from + last.length + 1;
      return last;
    }
    return (this.lastValues[slot] = this.string());
  }

  /** A string token, as JSON.parse reads it (a fresh string). */
  private string(): string {
    const { bytes } = this;
    const from = this.skip();
    if (bytes[from] !== QUOTE) throw NOT_PLAIN;
    let i = from + 1;
    // Escapes, or bytes past ASCII: decoded and read by JSON.parse.
    let plain = true;
    for (let c = bytes[i]; c !== QUOTE; c = bytes[++i]) {
      // The end of the input, or a control character (JSON wants it escaped).
      if (c === undefined || c < 32) throw NOT_PLAIN;
      if (c === BACKSLASH) {
        plain = false;
        i++;
      } else if (c >= 0x80) plain = false;
    }
    this.at = i + 1;
    return plain ? byteText(bytes, from + 1, i) : (JSON.parse(utf8Text(bytes, from, i + 1)) as string);
  }

  private number(): number {
    const { bytes } = this;
    const from = this.skip();
    // A whole number of up to 15 digits (a creation time, a size: nearly all) is counted from its
    // digits, exactly; any other is read as JSON reads it.
    let value = 0;
    let i = from;
    for (let c = bytes[i]!; c >= 48 && c <= 57; c = bytes[++i]!) value = value * 10 + (c - 48);
    const c = bytes[i];
    if (i > from && i - from <= 15 && (bytes[from] !== 48 || i === from + 1) && c !== 46 && c !== 101 && c !== 69) {
      this.at = i;
      return value;
    }
    i = from;
    for (let c = bytes[i]!; (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69; c = bytes[++i]!);
    const token = byteText(bytes, from, i);
    if (!NUMBER.test(token)) throw NOT_PLAIN;
    this.at = i;
    return Number(token);
  }

  /** A `userIdentity` (a TTL deletion's), as the importer keeps it (./recordFields.ts `identityOf`). */
  private identity(): RecordHead['userIdentity'] {
    const from = this.skip();
    this.object();
    const identity = identityOf(utf8Text(this.bytes, from, this.at));
    if (identity === undefined) throw NOT_PLAIN;
    return identity;
  }

  /** Passes over an object, braces balanced (strings skipped); whoever keeps it checks it. */
  private object(): void {
    // Deeper than any item may be (32 levels): the reader's depth check and zod say so.
    const end = objectEnd(this.bytes, this.skip(), MAX_ITEM_DEPTH);
    if (end < 0) throw NOT_PLAIN;
    this.at = end;
  }
}

/** An item's text as an item, when it is one (`JSON.parse` throws a SyntaxError on bad JSON: not plain). */
function parseItem(text: string): Item {
  const v = JSON.parse(text) as unknown;
  if (typeof v !== 'object' || v === null || Array.isArray(v) || itemProblem(v, '') !== undefined) throw NOT_PLAIN;
  return v as Item;
}
