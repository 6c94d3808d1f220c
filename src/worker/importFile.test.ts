import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { piecesOf } from './importFile.ts';

// Text with line breaks and characters of one to four UTF-8 bytes, read in slices of any size: its
// bytes as they are (the reader joins a character a slice cuts: bridge/import/jsonStream.test.ts).
const char = fc.constantFrom('a', '{', '"', '\n', '\r\n', 'é', '日', '😀', ' ', '\u0080', '\u00ff', '\ufeff');
const text = fc.array(char, { maxLength: 300 }).map((cs) => cs.join(''));

describe('piecesOf', () => {
  it("gives back the file's bytes, whole lines a piece where a slice holds a line break", async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 4, max: 64 }), async (all, sliceBytes) => {
        const blob = new Blob([all]);
        const pieces: { bytes: Uint8Array; size: number }[] = [];
        for await (const p of piecesOf(blob, sliceBytes)) {
          if (typeof p.text === 'string') throw new Error('a file is read as bytes');
          pieces.push({ bytes: p.text.slice(), size: p.size });
        }
        // A byte order mark at the start is dropped (as TextDecoder drops it reading a file).
        const whole = new Uint8Array(await new Blob(pieces.map((p) => p.bytes as Uint8Array<ArrayBuffer>)).arrayBuffer());
        expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(whole)).toBe(all.replace(/^\ufeff/, ''));
        expect(pieces.reduce((n, p) => n + p.size, 0)).toBe(blob.size);
        // Each piece but the last ends a line, unless it is a slice with no line break at all.
        for (const p of pieces.slice(0, -1)) if (p.bytes.includes(10)) expect(p.bytes.at(-1)).toBe(10);
        for (const p of pieces) expect(p.size).toBeLessThanOrEqual(sliceBytes);
      }),
      { numRuns: 300 },
    );
  });

  it('stops reading when the reader stops', async () => {
    const blob = new Blob(['{"a":1}\n'.repeat(100)]);
    let seen = 0;
    for await (const p of piecesOf(blob, 16)) {
      seen += p.size;
      break;
    }
    expect(seen).toBe(16);
  });
});
