/**
 * An import's item versions, each kept once as the text of its JSON (issue #16: 10 million records
 * within 2 GB; a simulated run's are objects, sim/trace/itemVersions.ts). As objects, an item
 * version of three attributes was about 145 B: the item, a value object and a string per attribute.
 * Items of one table are spelt alike but for their values, so a version is kept as two parts:
 *
 * - its skeleton: the JSON with each value string emptied (`{"pk":{"S":""},"n":{"N":""}}`), kept
 *   once per spelling (a table has a handful);
 * - its values' text, as the JSON spells it (escapes and all), one after the other, as bytes.
 *
 * A version of the bench's votes-like items takes about 35 B instead of 145. It is parsed again when
 * read (`item`): the inspector, an export, a frame's table; the passes over a million records read a
 * record's eventID, sequence number and Keys (`RecordColumns.head`), never its images.
 *
 * What goes in is JSON text of an item already validated (the scanner checked it, or JSON.stringify
 * wrote it); JSON.parse of what comes out is that item, attribute order and spelling included. A
 * skeleton the caller has checked once (`check`) reads later versions in one pass (`stageKnown`):
 * their values are checked (a JSON string's content each, a number under `N`: all `itemProblem`
 * asks of an item whose shape is known) and written straight into a stage of bytes, which `add`
 * copies into the column; no string is made for them. `stageKnown` reads the file's bytes: a value
 * of characters up to U+00FF is staged a byte a character, and a version with a character past it is
 * spelt as text in the same pass (a text `push` keeps as itself).
 *
 * Pure. May import: ./columnChunks.ts, ./charCodes.ts, ./utf8.ts, sim types. May not import: DOM, sim runtime, worker, ui.
 */
import type { Item } from '../../sim/table/attributeValue.ts';
import { BACKSLASH, COLON, QUOTE } from './charCodes.ts';
import { TextColumn } from './columnChunks.ts';
import { bytesStartWith, validUtf8Text, wideCharTail } from './utf8.ts';

/** Skeletons an import may have (their number is two characters); past it, a version is kept whole. */
const MAX_SKELETONS = 0xfffe;
/** The skeleton number of a version kept as its whole text. */
const WHOLE = 0xffff;
/** A skeleton longer than this is not shared (an item of many attributes, rarely spelt twice): kept whole. */
const MAX_SKELETON_CHARS = 2_048;
/** Between values in a version's text: JSON never has a raw NUL inside a string. */
const SEPARATOR = '\u0000';
/** Decoded versions kept for the next read (a direct-mapped cache: a record's two images, a frame's table of up to 500 rows while playing). */
const CACHE_SLOTS = 4_096;

/** An image spelt for `ItemTexts.add`: its text (`spell`), or a number: its bytes in the stage (`stageKnown`). */
export type Spelling = string | number;

/** `stageKnown`'s answer for a version read whose values have a character past U+00FF: its spelling is `wide`. */
export const WIDE = -2;

export class ItemTexts {
  private readonly texts = new TextColumn(0xffff);
  /** Each skeleton's text between its values (one more part than values). */
  private readonly skeletons: string[][] = [];
  private readonly skeletonIds = new Map<string, number>();
  /**
   * Per skeleton checked to spell an item (`check`): for each value, whether it must be a number
   * (an `N`). A version spelt so is an item when each value is a JSON string's
   * content and each number is a number: `stageKnown` checks only that.
   */
  private readonly numberSlots: (Uint8Array | undefined)[] = [];
  /** Where the text `stageKnown` read last ends: just past the item's closing brace. */
  end = 0;
  /** The spelling (text) of the version `stageKnown` read last when it answered `WIDE`. */
  wide = '';
  /** Where each value of the version `stageKnown` reads lies in its bytes: from, to, from, to… */
  private readonly ranges: number[] = [];
  /** Spellings `stageKnown` made, as bytes (a piece's worth of images until `unstage`), and how many bytes. */
  private stage = new Uint8Array(1 << 16);
  private staged = 0;
  /** Per skeleton, made at its first read: its item with slots for the values. */
  private readonly templates: (Template | undefined)[] = [];
  private readonly cacheIds = new Int32Array(CACHE_SLOTS).fill(-1);
  private readonly cacheItems: (Item | undefined)[] = new Array<undefined>(CACHE_SLOTS);

  /** Keeps a version, as `spell` or `stageKnown` gave it; its number. */
  add(spelling: Spelling): number {
    if (typeof spelling === 'string') this.texts.push(spelling);
    else this.texts.pushBytes(this.stage, spelling + 2, this.stagedLength(spelling));
    return this.texts.length - 1;
  }

  /** Whether version `id` is the one `spell` or `stageKnown` gave `spelling` for. */
  is(id: number, spelling: Spelling): boolean {
    return typeof spelling === 'string' ? this.texts.equals(id, spelling) : this.texts.equalsBytes(id, this.stage, spelling + 2, this.stagedLength(spelling));
  }

  /**
   * Version `id` as an item: a shared object (nothing edits an imported item). Its skeleton's
   * template filled with its values (a frame's table builds 500 rows: four times faster than
   * `JSON.parse` of the whole text).
   */
  item(id: number): Item {
    const slot = id & (CACHE_SLOTS - 1);
    if (this.cacheIds[slot] === id) return this.cacheItems[slot]!;
    const text = this.texts.get(id);
    const skeleton = (text.charCodeAt(0) << 8) | text.charCodeAt(1);
    let item: Item;
    if (skeleton === WHOLE) item = JSON.parse(text.slice(2)) as Item;
    else {
      const values: string[] = [];
      for (let at = 2, p = 1; p < this.skeletons[skeleton]!.length; p++) {
        const end = text.indexOf(SEPARATOR, at);
        values.push(unescaped(text.slice(at, end < 0 ? text.length : end)));
        at = end + 1;
      }
      item = fill(this.templateOf(skeleton), values) as Item;
    }
    this.cacheIds[slot] = id;
    this.cacheItems[slot] = item;
    return item;
  }

  private templateOf(skeleton: number): Template {
    let t = this.templates[skeleton];
    if (t === undefined) {
      // Its markers are slots.
      t = this.templates[skeleton] = templateOf(withMarkers(this.skeletons[skeleton]!));
    }
    return t;
  }

  /** Bytes held: the versions' text (skeletons and the cache are a few KB). */
  get bytes(): number {
    return this.texts.bytes;
  }

  /**
   * The text the item spelt by `json` from `from` to `to` (JSON of an item, valid) is kept as: its
   * skeleton's number in two characters, then its values. A value is a string token not followed by
   * a colon (a name is); literals (true, null) and punctuation stay in the skeleton.
   */
  spell(json: string, from = 0, to = json.length): string {
    let skeleton = '';
    let values = '';
    let count = 0;
    let part = from;
    for (let i = from; i < to; i++) {
      if (json.charCodeAt(i) !== QUOTE) continue;
      const start = i;
      for (i++; json.charCodeAt(i) !== QUOTE; i++) if (json.charCodeAt(i) === BACKSLASH) i++;
      let after = i + 1;
      while (after < to && isSpace(json.charCodeAt(after))) after++;
      if (json.charCodeAt(after) === COLON) continue;
      skeleton += json.slice(part, start) + SEPARATOR;
      values += (count++ > 0 ? SEPARATOR : '') + json.slice(start + 1, i);
      part = i + 1;
    }
    skeleton += json.slice(part, to);
    const id = this.skeletonId(skeleton);
    if (id === WHOLE) return String.fromCharCode(0xff, 0xff) + json.slice(from, to);
    return String.fromCharCode(id >> 8, id & 0xff) + values;
  }

  /** The skeleton a spelling (of `spell` or `stageKnown`) is made on; WHOLE when none. */
  skeletonOf(spelling: Spelling): number {
    if (typeof spelling === 'number') return (this.stage[spelling + 2]! << 8) | this.stage[spelling + 3]!;
    return (spelling.charCodeAt(0) << 8) | spelling.charCodeAt(1);
  }

  /**
   * Says that the skeleton of `spelling` spells an item: the caller checked one version of it
   * whole (JSON.parse and `itemProblem`). From then on `stageKnown` reads versions of it in one
   * pass, checking only their values.
   */
  check(spelling: string): void {
    const skeleton = this.skeletonOf(spelling);
    if (skeleton === WHOLE || this.numberSlots[skeleton] !== undefined) return;
    const parts = this.skeletons[skeleton]!;
    const numbers = new Uint8Array(parts.length - 1);
    // The slot's type is the name its value (or its set) is under: `"N":""`, `"NS":["",""]`.
    markNumbers(withMarkers(parts), '', numbers);
    this.numberSlots[skeleton] = numbers;
  }

  /**
   * Spells the item whose JSON starts at `from` in `json` (UTF-8 bytes, at its `{`) straight into
   * the stage, in one pass, when it is spelt on `skeleton` (checked) with values an item may have:
   * each a JSON string's content (no raw control character, escapes as JSON has them), a number
   * where the type is `N`. Its spelling (a number: `add`, `is` and `same` take it until `unstage`);
   * `WIDE` when a value has a character past U+00FF (a text `push` keeps as itself: its spelling,
   * `spell`'s, is then `wide`, decoded from the bytes); or -1 otherwise (another skeleton, a value to
   * look at closer, bytes that are not UTF-8): the caller then checks it whole and `spell`s its
   * text. `end` is where it ended.
   */
  stageKnown(json: Uint8Array, from: number, skeleton: number): number {
    const numbers = this.numberSlots[skeleton];
    if (numbers === undefined) return -1;
    const parts = this.skeletons[skeleton]!;
    const start = this.staged;
    // Its length in two bytes, then what `add` keeps: the skeleton's number in two, the values.
    let o = start + 4;
    let at = from;
    let wide = false;
    const ranges = this.ranges;
    for (let p = 0; ; p++) {
      const part = parts[p]!;
      if (!bytesStartWith(json, part, at)) return -1;
      at += part.length;
      if (p === parts.length - 1) break;
      if (json[at] !== QUOTE) return -1;
      const first = ++at;
      let escaped = false;
      if (p > 0) o = this.put(o, 0);
      for (let c = json[at]; c !== QUOTE; c = json[++at]) {
        if (!(c! >= 0x20 && c! < 0x80)) {
          // Past ASCII: a character up to U+00FF (two bytes: an accented Latin letter) is one byte, as
          // `push` keeps a text whose characters are all one byte; past it, the version's spelling is
          // made from its bytes at the end (a file of such values read twice as slowly when each
          // image was spelt from its decoded text and checked whole).
          const tail = c! >= 0xc2 && c! <= 0xc3 ? (json[at + 1]! >= 0x80 && json[at + 1]! <= 0xbf ? 1 : 0) : c! >= 0xc4 ? wideCharTail(json, at, c!) : 0;
          // The input's end (undefined), a control character JSON wants escaped, or bytes that are
          // not UTF-8 (a decoder's U+FFFD): the version is spelt from its decoded text (`spell`).
          if (tail === 0) return -1;
          if (c! <= 0xc3) o = this.put(o, ((c! & 0x1f) << 6) | (json[at + 1]! & 0x3f));
          else wide = true;
          at += tail;
          continue;
        }
        if (c === BACKSLASH) {
          // Kept as spelt: the backslash and the escape's character (an escaped quote ends nothing).
          const e = json[++at]!;
          if (e === U ? !isHex4(json, at + 1) : !SIMPLE_ESCAPES.includes(e)) return -1;
          escaped = true;
          o = this.put(this.put(o, c), e);
          continue;
        }
        o = this.put(o, c!);
      }
      // A number spelt with escapes is rare: checked whole.
      if (numbers[p] === 1 && (escaped || !isNumber(json, first, at))) return -1;
      ranges[2 * p] = first;
      ranges[2 * p + 1] = at;
      at++;
    }
    this.end = at;
    if (wide) {
      // As `spell` spells the decoded text: the skeleton's number in two characters, the values.
      let text = String.fromCharCode(skeleton >> 8, skeleton & 0xff);
      for (let p = 0; p < parts.length - 1; p++) text += (p > 0 ? SEPARATOR : '') + validUtf8Text(json, ranges[2 * p]!, ranges[2 * p + 1]!);
      this.wide = text;
      return WIDE;
    }
    const length = o - start - 2;
    if (length >= 0xffff) return -1;
    if (o < start + 4) o = this.put(start + 3, 0);
    const stage = this.stage;
    stage[start] = length >> 8;
    stage[start + 1] = length & 0xff;
    stage[start + 2] = skeleton >> 8;
    stage[start + 3] = skeleton & 0xff;
    this.staged = o;
    return start;
  }

  /** Writes byte `b` at `o` of the stage (grown as needed); the next offset. */
  private put(o: number, b: number): number {
    // `>=`: a spelling's first value comes after its four header bytes, which are written last.
    if (o >= this.stage.length) {
      const grown = new Uint8Array(Math.max(this.stage.length * 2, o + 1));
      grown.set(this.stage);
      this.stage = grown;
    }
    this.stage[o] = b;
    return o + 1;
  }

  /**
   * Forgets what is staged: the spellings `stageKnown` gave are taken (`add`) or dropped. `done`:
   * no more will be staged (the file is read), so the stage's memory (a piece's images) goes too.
   */
  unstage(done = false): void {
    this.staged = 0;
    if (done) this.stage = new Uint8Array(16);
  }

  /** A spelling as text (what `spell` gives for the same item). */
  spellingOf(spelling: Spelling): string {
    if (typeof spelling === 'string') return spelling;
    let s = '';
    for (let k = 0; k < this.stagedLength(spelling); k++) s += String.fromCharCode(this.stage[spelling + 2 + k]!);
    return s;
  }

  /** Whether two spellings are the same. */
  same(a: Spelling, b: Spelling): boolean {
    if (typeof a === 'string' || typeof b === 'string') return this.spellingOf(a) === this.spellingOf(b);
    const n = this.stagedLength(a);
    if (n !== this.stagedLength(b)) return false;
    for (let k = 2; k < n + 2; k++) if (this.stage[a + k] !== this.stage[b + k]) return false;
    return true;
  }

  private stagedLength(spelling: number): number {
    return (this.stage[spelling]! << 8) | this.stage[spelling + 1]!;
  }

  private skeletonId(skeleton: string): number {
    const known = this.skeletonIds.get(skeleton);
    if (known !== undefined) return known;
    if (this.skeletons.length >= MAX_SKELETONS || skeleton.length > MAX_SKELETON_CHARS) return WHOLE;
    const id = this.skeletons.push(skeleton.split(SEPARATOR)) - 1;
    this.skeletonIds.set(skeleton, id);
    return id;
  }
}

/** A skeleton's JSON with value `i` spelt as the marker string "\u0000i", parsed. */
function withMarkers(parts: readonly string[]): unknown {
  return JSON.parse(parts.reduce((json, part, i) => `${json}"\\u0000${i - 1}"${part}`));
}

/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` (and `\u` with four hex digits). */
const SIMPLE_ESCAPES: readonly number[] = [...'"\\/bfnrt'].map((c) => c.charCodeAt(0));
const U = 117;

function isHex4(json: Uint8Array, at: number): boolean {
  for (let k = at; k < at + 4; k++) {
    const c = json[k]!;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return true;
}

function isDigit(c: number | undefined): boolean {
  return c! >= 48 && c! <= 57;
}

/** Whether `json` from `from` to `to` is a number as `itemProblem` (../attributes.ts) takes one: /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/. */
function isNumber(json: Uint8Array, from: number, to: number): boolean {
  let i = from;
  if (json[i] === 43 || json[i] === 45) i++;
  const whole = i;
  while (i < to && isDigit(json[i])) i++;
  const wholeDigits = i - whole;
  if (i < to && json[i] === 46) {
    const fraction = ++i;
    while (i < to && isDigit(json[i])) i++;
    if (wholeDigits === 0 && i === fraction) return false;
  } else if (wholeDigits === 0) return false;
  if (i < to && (json[i]! | 0x20) === 101) {
    i++;
    if (json[i] === 43 || json[i] === 45) i++;
    const exponent = i;
    while (i < to && isDigit(json[i])) i++;
    if (i === exponent) return false;
  }
  return i === to;
}

/** Marks the slots (marker strings "\u0000i") under `N` in a checked skeleton's parse (`itemProblem` asks an `NS` member only to be a string). */
function markNumbers(v: unknown, type: string, numbers: Uint8Array): void {
  if (typeof v === 'string') {
    if (type === 'N') numbers[Number(v.slice(1))] = 1;
  } else if (Array.isArray(v)) for (const m of v) markNumbers(m, type, numbers);
  else if (typeof v === 'object' && v !== null) for (const [name, m] of Object.entries(v)) markNumbers(m, name, numbers);
}

/** An item with holes: a value string is a slot (its number in the version's values), a map keeps its names in order. */
type Template = number | boolean | null | TemplateMap | Template[];

class TemplateMap {
  constructor(
    readonly names: string[],
    readonly members: Template[],
  ) {}
}

function templateOf(v: unknown): Template {
  if (typeof v === 'string') return Number(v.slice(1));
  if (Array.isArray(v)) return v.map(templateOf);
  if (typeof v === 'object' && v !== null) return new TemplateMap(Object.keys(v), Object.values(v).map(templateOf));
  return v as boolean | null;
}

function fill(t: Template, values: readonly string[]): unknown {
  if (typeof t === 'number') return values[t];
  if (t instanceof TemplateMap) {
    const out: Record<string, unknown> = {};
    for (let m = 0; m < t.names.length; m++) out[t.names[m]!] = fill(t.members[m]!, values);
    return out;
  }
  if (Array.isArray(t)) return t.map((m) => fill(m, values));
  return t;
}

/** A value as the JSON spelt it, unescaped. */
function unescaped(raw: string): string {
  return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
