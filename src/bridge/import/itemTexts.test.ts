import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AttributeValue, Item } from '../../sim/table/attributeValue.ts';
import { ItemTexts, WIDE } from './itemTexts.ts';
import { utf8Bytes } from './utf8.ts';

// Strings that test the spelling: quotes and backslashes (escaped in JSON), a NUL (the separator,
// escaped in JSON), characters past one byte, an empty one, a colon after a value.
const text = fc.oneof(fc.constantFrom('', 'x', 'a"b', 'back\\slash', 'nul\u0000', 'tab\t', 'ü', '日本', '😀', ':', '\\u0041'), fc.string({ maxLength: 6 }));
// Names as items have them, integer-like ones too (an object puts those first).
const name = fc.oneof(fc.constantFrom('pk', 'sk', 'count', 'note', '1', '10', 'é', 'a"b', ''), fc.string({ maxLength: 4 }));
const scalar: fc.Arbitrary<AttributeValue> = fc.oneof(
  text.map((S) => ({ S })),
  fc.constantFrom('1', '-0.5', '1e3', '10').map((N) => ({ N })),
  fc.constantFrom('AA==', 'AQ==').map((B) => ({ B })),
  fc.boolean().map((BOOL) => ({ BOOL })),
  fc.constant({ NULL: true as const }),
  fc.uniqueArray(text, { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
  fc.uniqueArray(fc.constantFrom('1', '2', '3'), { minLength: 1, maxLength: 3 }).map((NS) => ({ NS })),
);
const value: fc.Arbitrary<AttributeValue> = fc.letrec<{ v: AttributeValue }>((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 3 }).map((L) => ({ L })), fc.dictionary(name, tie('v'), { maxKeys: 3 }).map((M) => ({ M: M as Item }))),
})).v;
const item = fc.dictionary(name, value, { maxKeys: 5 }) as fc.Arbitrary<Item>;
/** The JSON an item may come spelt as: compact, as JSON.stringify writes it, or with whitespace. */
const spelt = fc.tuple(item, fc.constantFrom(0, 1, 2)).map(([it, indent]) => (indent === 0 ? JSON.stringify(it) : JSON.stringify(it, null, indent)));

/** The item with each S (and SS member) and N (and NS member) changed: spelt on the same skeleton. */
function mapValues(it: Item, s: string, n: number): Item {
  const value = (v: AttributeValue): AttributeValue => {
    if ('S' in v) return { S: v.S + s };
    if ('N' in v) return { N: String(n) };
    if ('SS' in v) return { SS: v.SS.map((x) => x + s) };
    if ('NS' in v) return { NS: v.NS.map((_, i) => String(n + i)) };
    if ('L' in v) return { L: v.L.map(value) };
    if ('M' in v) return { M: mapValues(v.M, s, n) };
    return v;
  };
  return Object.fromEntries(Object.entries(it).map(([k, v]) => [k, value(v)]));
}

/** Every attribute name in an item, nested maps' too. */
function namesOf(it: Item): string[] {
  const inValue = (v: AttributeValue): string[] => ('M' in v ? namesOf(v.M) : 'L' in v ? v.L.flatMap(inValue) : []);
  return Object.entries(it).flatMap(([k, v]) => [k, ...inValue(v)]);
}

describe('ItemTexts', () => {
  it('gives back each item as JSON.parse reads its text, attribute order included', () => {
    fc.assert(
      fc.property(fc.array(spelt, { minLength: 1, maxLength: 30 }), (jsons) => {
        const versions = new ItemTexts();
        const ids = jsons.map((j) => versions.add(versions.spell(j)));
        // Read back in another order than kept, twice (the second read may come from the cache).
        for (const k of [...ids.keys()].reverse()) {
          expect(JSON.stringify(versions.item(ids[k]!))).toBe(JSON.stringify(JSON.parse(jsons[k]!)));
          expect(versions.item(ids[k]!)).toEqual(JSON.parse(jsons[k]!));
        }
      }),
    );
  });

  it('knows a version by its spelling, and no other', () => {
    fc.assert(
      fc.property(spelt, spelt, (a, b) => {
        const versions = new ItemTexts();
        const id = versions.add(versions.spell(a));
        expect(versions.is(id, versions.spell(a))).toBe(true);
        expect(versions.is(id, versions.spell(b))).toBe(a === b);
      }),
    );
  });

  it('reads an item inside a longer text, between offsets', () => {
    const versions = new ItemTexts();
    const json = '{"pk":{"S":"item-1"},"n":{"N":"3"}}';
    const line = `{"NewImage":${json},"x":1}`;
    const id = versions.add(versions.spell(line, 12, 12 + json.length));
    expect(versions.item(id)).toEqual(JSON.parse(json));
    expect(versions.is(id, versions.spell(json))).toBe(true);
  });

  it('reads a version on a checked skeleton in one pass, as `spell` spells it, and leaves a value to look at closer', () => {
    fc.assert(
      fc.property(item, fc.constantFrom(0, 1, 2), fc.string({ maxLength: 3 }), fc.integer(), (it, indent, s, n) => {
        const json = (x: Item) => (indent === 0 ? JSON.stringify(x) : JSON.stringify(x, null, indent));
        // The same item with other values: on the same skeleton.
        const other = mapValues(it, s, n);
        const versions = new ItemTexts();
        // Staged, as text (or undefined when not read so).
        const known = (text: string, from: number, on: number) => {
          const staged = versions.stageKnown(utf8Bytes(text), from, on);
          return staged === WIDE ? versions.wide : staged < 0 ? undefined : versions.spellingOf(staged);
        };
        const first = versions.spell(json(it));
        const skeleton = versions.skeletonOf(first);
        // Not checked yet: nothing is read on it.
        expect(known(json(other), 0, skeleton)).toBeUndefined();
        versions.check(first);
        const line = `{"NewImage":${json(other)},"x":1}`;
        const spelling = known(line, 12, skeleton);
        if (skeleton === 0xffff) {
          // Kept whole (too long a skeleton): never read on a skeleton.
          expect(spelling).toBeUndefined();
          return;
        }
        // A character past ASCII in a name (the skeleton is matched byte for byte): left to `spell`.
        // Values are read whatever their characters (past U+00FF, as text: `WIDE`).
        const namedPastAscii = namesOf(other).some((k) => [...k].some((c) => c.charCodeAt(0) > 0x7f));
        if (namedPastAscii) {
          expect(spelling).toBeUndefined();
          return;
        }
        expect(spelling).toBe(versions.spell(json(other)));
        expect(versions.end).toBe(12 + utf8Bytes(json(other)).length);
        const answer = versions.stageKnown(utf8Bytes(line), 12, skeleton);
        const staged = answer === WIDE ? versions.wide : answer;
        expect(answer === WIDE).toBe([...json(other)].some((c) => c.charCodeAt(0) > 0xff));
        expect(versions.same(staged, versions.spell(json(other)))).toBe(true);
        const id = versions.add(staged);
        expect(versions.is(id, versions.spell(json(other)))).toBe(true);
        expect(versions.is(id, staged)).toBe(true);
        expect(versions.item(id)).toEqual(other);
        // A number that is not one, a raw control character, an escape JSON does not have: not read.
        const text = json(other);
        // (An attribute may be named N too: only an N whose value is a string is a number.)
        if (/"N":\s*"/.test(text)) expect(known(text.replace(/("N":\s*")/, '$1x'), 0, skeleton)).toBeUndefined();
        const string = /"S":\s*"/.exec(text);
        if (string) {
          const at = string.index + string[0].length;
          for (const bad of ['\t', '\\x', '\\u12G4']) expect(known(text.slice(0, at) + bad + text.slice(at), 0, skeleton)).toBeUndefined();
          const good = text.slice(0, at) + '\\n\\u00e9' + text.slice(at);
          expect(known(good, 0, skeleton)).toBe(versions.spell(good));
        }
        // Another skeleton: not read on this one.
        expect(known(JSON.stringify({ ...it, extra: { S: 'x' } }), 0, skeleton)).toBeUndefined();
      }),
    );
  });

  it('reads values past ASCII on a checked skeleton as `spell` spells them: up to U+00FF staged, past it as text, bytes that are not UTF-8 left to `spell`', () => {
    const versions = new ItemTexts();
    const first = versions.spell('{"pk":{"S":"a"},"note":{"S":"b"},"n":{"N":"1"}}');
    versions.check(first);
    const skeleton = versions.skeletonOf(first);
    const line = (note: string, n = '2') => `{"pk":{"S":"Zoë"},"note":{"S":"${note}"},"n":{"N":"${n}"}}`;
    for (const note of ['versión 3 of ítem 7', '\u0080 to ÿ', 'café \\"crème\\"', 'ÀÉÎÕÜ ß ñ ç ø å', '']) {
      const json = line(note);
      const staged = versions.stageKnown(utf8Bytes(json), 0, skeleton);
      expect(staged).toBeGreaterThanOrEqual(0);
      expect(versions.spellingOf(staged)).toBe(versions.spell(json));
      expect(versions.end).toBe(utf8Bytes(json).length);
      const id = versions.add(staged);
      expect(versions.is(id, versions.spell(json))).toBe(true);
      expect(versions.item(id)).toEqual(JSON.parse(json));
    }
    const bytes = (json: string, ...at: [number, number][]) => {
      const b = utf8Bytes(json);
      for (const [i, v] of at) b[i] = v;
      return b;
    };
    // Characters past U+00FF (of two, three and four bytes, beside one up to it): spelt as text.
    for (const note of ['Łódź — 5 €', '日本語', '😀 and é', 'ĀĒĪŌŪ']) {
      const json = line(note);
      expect(versions.stageKnown(utf8Bytes(json), 0, skeleton)).toBe(WIDE);
      expect(versions.wide).toBe(versions.spell(json));
      expect(versions.end).toBe(utf8Bytes(json).length);
      expect(versions.item(versions.add(versions.wide))).toEqual(JSON.parse(json));
    }
    const plain = line('xxxx');
    const x = plain.indexOf('xxxx');
    // Bytes that are not UTF-8 (a decoder's U+FFFD): a lead byte before ASCII, a lone continuation
    // byte, an overlong spelling of ASCII and of U+0800, a surrogate, past U+10FFFF, a cut
    // character of four bytes; and a number with a Latin letter: left to `spell`.
    const bad = [[[x, 0xc3]], [[x, 0xa9]], [[x, 0xc1], [x + 1, 0x81]], [[x, 0xe0], [x + 1, 0x80], [x + 2, 0x80]], [[x, 0xed], [x + 1, 0xa0], [x + 2, 0x80]], [[x, 0xf4], [x + 1, 0x90], [x + 2, 0x80], [x + 3, 0x80]], [[x, 0xf0], [x + 1, 0x9f], [x + 2, 0x98]], [[x, 0xc5]]] as [number, number][][];
    for (const at of bad) expect(versions.stageKnown(bytes(plain, ...at), 0, skeleton)).toBe(-1);
    expect(versions.stageKnown(utf8Bytes(line('x', '1é')), 0, skeleton)).toBe(-1);
  });

  it('stages a piece\'s worth of images past the stage\'s first size, wherever a spelling starts, items without values too', () => {
    const filler = (k: number) => JSON.stringify({ s: { S: 'x'.repeat(k) } });
    const bare = '{"flag":{"BOOL":true}}';
    const valued = '{"s":{"S":"ab"}}';
    // A first spelling of 4 + k bytes, then spellings of one size: some start in the stage's last bytes.
    for (let k = 0; k < 6; k++) {
      for (const json of [bare, valued]) {
        const versions = new ItemTexts();
        for (const j of [filler(k), json]) versions.check(versions.spell(j));
        const jsons = [filler(k), ...Array.from({ length: 12_000 }, () => json)];
        const staged = jsons.map((j) => versions.stageKnown(utf8Bytes(j), 0, versions.skeletonOf(versions.spell(j))));
        expect(staged.every((h) => h >= 0)).toBe(true);
        staged.forEach((h, i) => expect(versions.spellingOf(h)).toBe(versions.spell(jsons[i]!)));
        const ids = staged.map((h) => versions.add(h));
        expect(ids.every((id, i) => JSON.stringify(versions.item(id)) === jsons[i])).toBe(true);
      }
    }
  });

  it('reads a number on a checked skeleton as `itemProblem` takes one', () => {
    const numberLike = fc.oneof(fc.string({ maxLength: 6 }), fc.stringMatching(/^[+-]?\d{0,3}\.?\d{0,3}([eE][+-]?\d{0,2})?$/));
    fc.assert(
      fc.property(numberLike, (n) => {
        const versions = new ItemTexts();
        const first = versions.spell('{"n":{"N":"1"}}');
        versions.check(first);
        const json = JSON.stringify({ n: { N: n } });
        // Spelt by JSON.stringify without escapes: no quote, backslash or control character, ASCII (a byte each).
        const plain = [...n].every((c) => c !== '"' && c !== '\\' && c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) < 0x80);
        const taken = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(n);
        expect(versions.stageKnown(utf8Bytes(json), 0, versions.skeletonOf(first)) >= 0).toBe(plain && taken);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps items spelt alike but for their values in about their values\' bytes', () => {
    const versions = new ItemTexts();
    const n = 10_000;
    for (let i = 0; i < n; i++) versions.add(versions.spell(JSON.stringify({ pk: { S: `item-${i % 500}` }, count: { N: String(i) }, note: { S: `version ${i} of item ${i % 500}` } })));
    // Values about 35 characters; the text column's chunk is 1 MB: under 140 B a version however it is chunked.
    expect(versions.bytes / n).toBeLessThan(140);
    expect(versions.item(n - 1)).toEqual({ pk: { S: 'item-499' }, count: { N: String(n - 1) }, note: { S: `version ${n - 1} of item 499` } });
  });

  it('keeps an item too big to share a skeleton whole, still exact', () => {
    const versions = new ItemTexts();
    const big: Item = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`attribute${i}`, { S: `v${i}` }]));
    const id = versions.add(versions.spell(JSON.stringify(big)));
    expect(JSON.stringify(versions.item(id))).toBe(JSON.stringify(big));
  });
});
