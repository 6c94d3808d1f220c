import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byteText, bytesStartWith, utf16Length, utf8Bytes, utf8Text, validUtf8Text, wideCharTail } from './utf8.ts';

// Text of one- to four-byte characters, short and past the short texts' length.
const text = fc.array(fc.constantFrom('a', '"', '\n', 'é', '日', '😀', '\u0080', '\u07ff', '\uffff'), { maxLength: 400 }).map((cs) => cs.join(''));

describe('utf8', () => {
  it('takes a character past U+00FF where a decoder does, and nothing it would make U+FFFD of', () => {
    // As the app decodes a file (./utf8.ts): a byte order mark is a character like any other.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    const bytes = fc.tuple(fc.integer({ min: 0xc0, max: 0xff }), fc.integer({ min: 0, max: 0xff }), fc.integer({ min: 0, max: 0xff }), fc.integer({ min: 0, max: 0xff }));
    const near = fc.tuple(fc.integer({ min: 0xc4, max: 0xf4 }), fc.integer({ min: 0x7f, max: 0xc0 }), fc.integer({ min: 0x7f, max: 0xc0 }), fc.integer({ min: 0x7f, max: 0xc0 }));
    fc.assert(
      fc.property(fc.oneof(bytes, near, fc.constant([0xef, 0xbf, 0xbd, 0x41] as [number, number, number, number])), (b) => {
        const tail = wideCharTail(Uint8Array.from(b), 0, b[0]);
        const first = decoder.decode(Uint8Array.from(b)).codePointAt(0)!;
        // The decoder's first character is a valid one past U+00FF exactly when the tail is taken, and it is those bytes.
        const valid = first > 0xff && (first !== 0xfffd || (b[0] === 0xef && b[1] === 0xbf && b[2] === 0xbd));
        expect(tail > 0).toBe(valid);
        if (valid) expect(utf8Bytes(String.fromCodePoint(first)).length).toBe(tail + 1);
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes any stretch of whole characters as the text it came from (with a decoder, and without one as valid UTF-8), and counts its UTF-16 code units', () => {
    fc.assert(
      fc.property(text, text, text, (before, middle, after) => {
        const bytes = utf8Bytes(before + middle + after);
        const from = utf8Bytes(before).length;
        const to = from + utf8Bytes(middle).length;
        expect(utf8Text(bytes, from, to)).toBe(middle);
        expect(validUtf8Text(bytes, from, to)).toBe(middle);
        expect(utf16Length(bytes, from, to)).toBe(middle.length);
      }),
    );
  });

  it('makes bytes into characters one for one, and tells ASCII text at a place', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 9, maxLength: 700 }), (bytes) => {
        const chars = byteText(bytes, 0, bytes.length);
        expect(chars.length).toBe(bytes.length);
        expect([...chars].map((c) => c.charCodeAt(0))).toEqual([...bytes]);
        const ascii = chars.slice(3, 9);
        // The bytes there are its characters: they spell it in UTF-8 only when all are ASCII.
        expect(bytesStartWith(bytes, ascii, 3)).toBe([...ascii].every((c) => c.charCodeAt(0) < 0x80));
        expect(bytesStartWith(bytes, 'x'.repeat(bytes.length), 1)).toBe(false);
      }),
    );
  });
});
