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
  /**
   * Per skeleton checked to spell an item (`check`): for each value, whether it must be a number
   * (an `N`). A version spelt so is an item when each value is a JSON string's
   * content and each number is a number: `spellKnown` checks only that.
   */
  private readonly numberSlots: (Uint8Array | undefined)[] = [];
  /** Where the text `spellKnown` read last ends: just past the item's closing brace. */
  end = 0;
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

  /** The skeleton a spelling (of `spell` or `spellKnown`) is made on; WHOLE when none. */
  skeletonOf(spelling: string): number {
    return (spelling.charCodeAt(0) << 8) | spelling.charCodeAt(1);
  }

  /**
   * Says that the skeleton of `spelling` spells an item: the caller checked one version of it
   * whole (JSON.parse and `itemProblem`). From then on `spellKnown` reads versions of it in one
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
   * The spelling of the item whose JSON starts at `from` in `json` (at its `{`), read in one pass,
   * when it is spelt on `skeleton` (checked) with values an item may have: each a JSON string's
   * content (no raw control character, escapes as JSON has them), a number where the type is `N`. Undefined otherwise (another skeleton, a value to look at closer): the caller then
   * checks it whole and `spell`s it. `end` is where it ended.
   */
  spellKnown(json: string, from: number, skeleton: number): string | undefined {
    const numbers = this.numberSlots[skeleton];
    if (numbers === undefined) return undefined;
    const parts = this.skeletons[skeleton]!;
    let values = '';
    let at = from;
    for (let p = 0; ; p++) {
      const part = parts[p]!;
      if (!json.startsWith(part, at)) return undefined;
      at += part.length;
      if (p === parts.length - 1) {
        this.end = at;
        return String.fromCharCode(skeleton >> 8, skeleton & 0xff) + values;
      }
      if (json.charCodeAt(at) !== QUOTE) return undefined;
      const start = ++at;
      let escaped = false;
      for (let c = json.charCodeAt(at); c !== QUOTE; c = json.charCodeAt(++at)) {
        // The text's end (NaN), or a control character JSON wants escaped.
        if (!(c >= 0x20)) return undefined;
        if (c === BACKSLASH) {
          const e = json.charCodeAt(++at);
          if (e === U) {
            if (!HEX4.test(json.slice(at + 1, at + 5))) return undefined;
            at += 4;
          } else if (!SIMPLE_ESCAPES.includes(e)) return undefined;
          escaped = true;
        }
      }
      const value = json.slice(start, at);
      // A number spelt with escapes is rare: checked whole.
      if (numbers[p] === 1 && (escaped || !NUMBER.test(value))) return undefined;
      values = p === 0 ? value : values + SEPARATOR + value;
      at++;
    }
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
const HEX4 = /^[0-9a-fA-F]{4}$/;
/** A number as `itemProblem` (../attributes.ts) takes one. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

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
