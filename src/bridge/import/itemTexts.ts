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
 * wrote it); JSON.parse of what comes out is that item, attribute order and spelling included.
 *
 * Pure. May import: ./columnChunks.ts, ./charCodes.ts, sim types. May not import: DOM, sim runtime, worker, ui.
 */
import type { Item } from '../../sim/table/attributeValue.ts';
import { BACKSLASH, COLON, QUOTE } from './charCodes.ts';
import { TextColumn } from './columnChunks.ts';

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

export class ItemTexts {
  private readonly texts = new TextColumn(0xffff);
  /** Each skeleton's text between its values (one more part than values). */
  private readonly skeletons: string[][] = [];
  private readonly skeletonIds = new Map<string, number>();
  /** Per skeleton, made at its first read: its item with slots for the values. */
  private readonly templates: (Template | undefined)[] = [];
  private readonly cacheIds = new Int32Array(CACHE_SLOTS).fill(-1);
  private readonly cacheItems: (Item | undefined)[] = new Array<undefined>(CACHE_SLOTS);

  /** Keeps a version, as `spell` gave it; its number. */
  add(spelling: string): number {
    this.texts.push(spelling);
    return this.texts.length - 1;
  }

  /** Whether version `id` is the one `spell` gave `spelling` for. */
  is(id: number, spelling: string): boolean {
    return this.texts.equals(id, spelling);
  }

  /**
   * Whether version `id` is spelt by `json` from `from` to `to`: `is(id, spell(json, from, to))`,
   * read in place (an OldImage is most often its item's latest version: no spelling made for it).
   */
  spelledBy(id: number, json: string, from = 0, to = json.length): boolean {
    const bytes = this.texts.chunkOf(id);
    if (bytes === undefined) return this.is(id, this.spell(json, from, to));
    let b = this.texts.offsetOf(id);
    const end = b + this.texts.lengthOf(id);
    const skeleton = (bytes[b]! << 8) | bytes[b + 1]!;
    b += 2;
    let at = from;
    if (skeleton === WHOLE) {
      if (end - b !== to - from) return false;
      for (; b < end; b++, at++) if (json.charCodeAt(at) !== bytes[b]) return false;
      return true;
    }
    const parts = this.skeletons[skeleton]!;
    for (let p = 0; ; p++) {
      const part = parts[p]!;
      if (!json.startsWith(part, at)) return false;
      at += part.length;
      if (p === parts.length - 1) return at === to;
      // A value: its characters between quotes are the kept ones, up to the separator.
      if (json.charCodeAt(at++) !== QUOTE) return false;
      for (; b < end && bytes[b] !== 0; b++, at++) if (json.charCodeAt(at) !== bytes[b]) return false;
      b++;
      if (json.charCodeAt(at++) !== QUOTE) return false;
    }
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
      // The skeleton's JSON with value `i` spelt as the marker string "\u0000i": parsed, then its markers are slots.
      const parts = this.skeletons[skeleton]!;
      t = this.templates[skeleton] = templateOf(JSON.parse(parts.reduce((json, part, i) => `${json}"\\u0000${i - 1}"${part}`)));
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

  private skeletonId(skeleton: string): number {
    const known = this.skeletonIds.get(skeleton);
    if (known !== undefined) return known;
    if (this.skeletons.length >= MAX_SKELETONS || skeleton.length > MAX_SKELETON_CHARS) return WHOLE;
    const id = this.skeletons.push(skeleton.split(SEPARATOR)) - 1;
    this.skeletonIds.set(skeleton, id);
    return id;
  }
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
