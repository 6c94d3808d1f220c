// A file read on the page and handed to the worker in slices (issue 16.3): the importer gets the
// same text as when it reads the file itself, the page reads only a few slices ahead, stops when
// the import stops, and a file that cannot be read stops the import with the reason.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { feedFile, isFileFeed, lineSlices, streamedLineSlices } from './fileFeed.ts';
import { piecesOf } from './importFile.ts';
import { createHost } from './host.ts';
import { jsonLines } from '../../tools/bench/importGen.ts';

const char = fc.constantFrom('a', '{', '"', '\n', '\r\n', 'é', '日', '😀', ' ', '\u00ff', '\ufeff');
const text = fc.array(char, { maxLength: 300 }).map((cs) => cs.join(''));

/** The pieces, as text (a file's bytes are decoded here: each piece's buffer is the feed's to reuse). */
async function all(pieces: AsyncIterable<{ text: string | Uint8Array; size: number }>) {
  const out: { text: string; size: number }[] = [];
  for await (const p of pieces) out.push({ text: typeof p.text === 'string' ? p.text : new TextDecoder('utf-8', { ignoreBOM: true }).decode(p.text), size: p.size });
  return out;
}

/** A Blob that counts the slices read from it, and fails from the `failAt`-th on. */
function counted(blob: Blob, failAt = Infinity) {
  const count = { slices: 0 };
  const spy = {
    size: blob.size,
    slice(start?: number, end?: number) {
      const n = count.slices++;
      const part = blob.slice(start, end);
      return { arrayBuffer: () => (n >= failAt ? Promise.reject(new Error('NotReadableError: the file changed')) : part.arrayBuffer()) };
    },
  } as unknown as Blob;
  return { blob: spy, count };
}

describe('feedFile', () => {
  it('gives the importer the pieces it gets reading the file itself', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 4, max: 64 }), async (all_, sliceBytes) => {
        const blob = new Blob([all_]);
        const feed = feedFile(blob, sliceBytes);
        expect(isFileFeed(feed)).toBe(true);
        expect(await all(piecesOf(feed))).toEqual(await all(piecesOf(blob, sliceBytes)));
      }),
      { numRuns: 100 },
    );
  });

  it('reads the file into the few buffers the worker hands back', async () => {
    const blob = new Blob(['{"a":1}\n'.repeat(2_000)]);
    let made = 0;
    const pieces = await all(piecesOf(feedFile(blob, 256, (n) => (made++, new ArrayBuffer(n)))));
    expect(pieces.map((p) => p.text).join('')).toBe('{"a":1}\n'.repeat(2_000));
    expect(pieces.length).toBeGreaterThan(60);
    // AHEAD asked for at first, one being filled, one the worker still reads: the rest come back.
    expect(made).toBeLessThanOrEqual(5);
  });

  it('reads a few slices ahead of the importer, and no more once it stops', async () => {
    const { blob, count } = counted(new Blob(['{"a":1}\n'.repeat(1_000)]));
    let seen = 0;
    for await (const p of piecesOf(feedFile(blob, 64))) {
      seen += p.size;
      await new Promise((r) => setTimeout(r, 20));
      expect(count.slices).toBeLessThanOrEqual(Math.ceil(seen / 64) + 5);
      if (seen > 640) break;
    }
    await new Promise((r) => setTimeout(r, 50));
    const after = count.slices;
    expect(after).toBeLessThan(20);
    await new Promise((r) => setTimeout(r, 50));
    expect(count.slices).toBe(after);
  });

  it('stops the import with the reason when the file cannot be read', async () => {
    const { blob } = counted(new Blob(['{"a":1}\n'.repeat(100)]), 2);
    await expect(all(piecesOf(feedFile(blob, 64)))).rejects.toThrow('The file could not be read: NotReadableError: the file changed');
  });

  it('is imported by the host as the file it feeds', async () => {
    const blob = new Blob([...jsonLines(2_000, { duplicateEvery: 500 }, 100)]);
    const fromFeed = await createHost().importStream(feedFile(blob, 4096));
    const fromBlob = await createHost().importStream(blob);
    expect(fromFeed).toMatchObject({ ok: true, records: 2_004 });
    expect(fromFeed).toEqual(fromBlob);
  });
});

describe('streamedLineSlices', () => {
  it('cuts a file where lineSlices does, reading it into one reused buffer', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 4, max: 64 }), async (all_, sliceBytes) => {
        const blob = new Blob([all_]);
        const expected: number[][] = [];
        for await (const s of lineSlices(blob, sliceBytes)) expected.push([...s]);
        let buffer: ArrayBuffer | undefined;
        let made = 0;
        const got: number[][] = [];
        const slices = streamedLineSlices(blob, sliceBytes, () => buffer ?? (made++, new ArrayBuffer(sliceBytes)))!;
        for await (const s of slices) {
          got.push([...s]);
          buffer = s.buffer as ArrayBuffer; // done with it: the next slice is read into it
        }
        expect(got).toEqual(expected);
        expect(made).toBeLessThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });

  it('is undefined for a Blob without a byte stream (lineSlices then reads it)', () => {
    const blob = { size: 3, stream: () => new ReadableStream() } as unknown as Blob;
    expect(streamedLineSlices(blob, 64, () => new ArrayBuffer(64))).toBeUndefined();
  });
});
