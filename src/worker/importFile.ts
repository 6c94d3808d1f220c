/**
 * An import's input as pieces: a file read in slices cut after a line break (./fileFeed.ts: by this
 * thread from a Blob, or by the page and handed over), as its UTF-8 bytes (the reader decodes only
 * what it keeps as text; a character split across two slices is joined there), or pasted text cut
 * into slices. Neither builds a string of the whole input, so a file of a gigabyte is read in the
 * memory of a few slices plus what the importer keeps.
 *
 * May import: bridge/import types, ./fileFeed.ts, protocol types. Uses Blob (in workers and in Node alike).
 */
import type { TextPiece } from '../bridge/import/readStream.ts';
import { fedSlices, isFileFeed, lineSlices, SLICE_BYTES } from './fileFeed.ts';
import type { FileFeed } from './protocol.ts';

/** `sliceBytes`: at least 4 (a character, and the byte order mark, fit in one slice); the page's feed cut its own. */
export async function* piecesOf(input: Blob | string | FileFeed, sliceBytes = SLICE_BYTES): AsyncGenerator<TextPiece> {
  if (typeof input === 'string') {
    for (let i = 0; i < input.length; i += sliceBytes) {
      const text = input.slice(i, i + sliceBytes);
      yield { text, size: text.length };
    }
    return;
  }
  yield* undecoded(isFileFeed(input) ? fedSlices(input) : lineSlices(input, sliceBytes));
}

/**
 * Slices of a file as they come, its UTF-8 bytes undecoded (the reader decodes only what it keeps
 * as text: bridge/import/utf8.ts). A byte order mark is dropped at the file's start only.
 */
async function* undecoded(slices: AsyncIterable<Uint8Array>): AsyncGenerator<TextPiece> {
  let first = true;
  for await (const read of slices) {
    const bom = first && read[0] === 0xef && read[1] === 0xbb && read[2] === 0xbf;
    first = false;
    yield { text: bom ? read.subarray(3) : read, size: read.byteLength };
  }
}

/** The input's size for progress: bytes of a file, characters of text. */
export function sizeOf(input: Blob | string | FileFeed): number {
  return typeof input === 'string' ? input.length : input.size;
}
