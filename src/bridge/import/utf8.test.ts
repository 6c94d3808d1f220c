import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byteText, bytesStartWith, utf16Length, utf8Bytes, utf8Text } from './utf8.ts';

// Text of one- to four-byte characters, short and past the short texts' length.
const text = fc.array(fc.constantFrom('a', '"', '\n', 'é', '日', '😀', '\u0080', '\u07ff', '\uffff'), { maxLength: 400 }).map((cs) => cs.join(''));

describe('utf8', () => {
  it('decodes any stretch of whole characters as the text it came from, and counts its UTF-16 code units', () => {
    fc.assert(
      fc.property(text, text, text, (before, middle, after) => {
        const bytes = utf8Bytes(before + middle + after);
        const from = utf8Bytes(before).length;
        const to = from + utf8Bytes(middle).length;
        expect(utf8Text(bytes, from, to)).toBe(middle);
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
