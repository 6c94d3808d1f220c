/**
 * An import's input as pieces of decoded text: a file read in slices cut after a line break
 * (./fileFeed.ts: by this thread from a Blob, or by the page and handed over), decoded as UTF-8 with
 * a streaming decoder (a character split across two slices is decoded whole), or pasted text cut
 * into slices. Neither builds a string of the whole input, so a file of a gigabyte is read in the
 * memory of a few slices plus what the importer keeps.
 *
 * May import: bridge/import types, ./fileFeed.ts, protocol types. Uses Blob and TextDecoder (in workers and in Node alike).
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
  yield* decoded(isFileFeed(input) ? fedSlices(input) : lineSlices(input, sliceBytes));
}

/** Slices of a file as text, each as it comes. */
async function* decoded(slices: AsyncIterable<Uint8Array>): AsyncGenerator<TextPiece> {
  // The byte order mark is dropped at the file's start only (a decoder would drop one at the start
  // of its own first piece, which may be the middle of the file when Latin-1 read what came before).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const latin1 = new TextDecoder('latin1');
  let clean = true;
  let first = true;
  for await (const read of slices) {
    const bom = first && read[0] === 0xef && read[1] === 0xbb && read[2] === 0xbf;
    first = false;
    const piece = bom ? read.subarray(3) : read;
    // Bytes all under 0x80 after a piece that ended on one (the UTF-8 decoder holds no part of a
    // character) are the same characters in Latin-1, which decodes twice as fast: most files.
    const text = clean && ascii(piece) ? latin1.decode(piece) : decoder.decode(piece, { stream: true });
    clean = piece.byteLength > 0 && piece[piece.byteLength - 1]! < 0x80;
    yield { text, size: read.byteLength };
  }
  const tail = decoder.decode();
  if (tail) yield { text: tail, size: 0 };
}

/** The input's size for progress: bytes of a file, characters of text. */
export function sizeOf(input: Blob | string | FileFeed): number {
  return typeof input === 'string' ? input.length : input.size;
}

/** Whether every byte is under 0x80 (read four at a time). */
function ascii(bytes: Uint8Array): boolean {
  const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2) : new Uint32Array(0);
  for (let i = 0; i < words.length; i++) if (words[i]! & 0x80808080) return false;
  for (let i = words.length * 4; i < bytes.byteLength; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}
