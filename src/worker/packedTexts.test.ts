// Packed texts read back every text pushed (hex, digits, anything else), and a cut shares what it may.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PackedTexts } from './packedTexts.ts';

const packable = fc.stringMatching(/^[0-9a-f]{0,40}$/);
const text = fc.oneof(packable, fc.string({ maxLength: 45 }), fc.stringMatching(/^[0-9A-Fa-f]{32}$/), fc.stringMatching(/^[0-9]{41,50}$/));

describe('PackedTexts', () => {
  it('reads back every text pushed, by index and by slice, across chunks', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 200 }), fc.nat(5000), (texts, pad) => {
        const list = PackedTexts.empty();
        // Enough entries before them to cross a chunk of 4096 now and then.
        for (let k = 0; k < pad; k++) list.push(String(k));
        for (const t of texts) list.push(t);
        expect(list.length).toBe(pad + texts.length);
        texts.forEach((t, k) => expect(list.get(pad + k)).toBe(t));
        expect(list.slice(pad)).toEqual(texts);
        expect(list.get(-1)).toBeUndefined();
        expect(list.get(list.length)).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  it('a cut holds the first n entries and goes on apart from the list it came from', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 9000 }), fc.nat(9000), fc.array(text, { maxLength: 20 }), (texts, at, more) => {
        const list = PackedTexts.empty();
        for (const t of texts) list.push(t);
        const n = Math.min(at, texts.length);
        const cut = list.cut(n);
        for (const t of more) cut.push(`cut:${t}`);
        for (const t of more) list.push(`list:${t}`);
        expect(cut.slice()).toEqual([...texts.slice(0, n), ...more.map((t) => `cut:${t}`)]);
        expect(list.slice()).toEqual([...texts, ...more.map((t) => `list:${t}`)]);
      }),
      { numRuns: 30 },
    );
  });
});
