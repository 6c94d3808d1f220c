/**
 * An import's input as pieces of decoded text: a file (Blob) read in slices and decoded as UTF-8 with
 * a streaming decoder (a character split across two slices is decoded whole), or pasted text cut into
 * slices. Neither builds a string of the whole input, so a file of a gigabyte is read in the memory of
 * a few slices plus what the importer keeps.
 *
 * May import: bridge/import types. Uses Blob and TextDecoder (in workers and in Node alike).
 */
import type { TextPiece } from '../bridge/import/readStream.ts';

const NEWLINE = 0x0a;

/** Bytes read from a file at a time. */
export const SLICE_BYTES = 4 * 1024 * 1024;

export async function* piecesOf(input: Blob | string, sliceBytes = SLICE_BYTES): AsyncGenerator<TextPiece> {
  if (typeof input === 'string') {
    for (let i = 0; i < input.length; i += sliceBytes) {
      const text = input.slice(i, i + sliceBytes);
      yield { text, size: text.length };
    }
    return;
  }
  const decoder = new TextDecoder('utf-8');
  const sliceAt = (at: number) => (at < input.size ? input.slice(at, Math.min(input.size, at + sliceBytes)).arrayBuffer() : undefined);
  // A slice is cut after its last line break, and the next read from there: the reader gets whole
  // lines, so it never joins the end of one piece to the next (a joined string of 4 MB is copied
  // again when first read: a quarter of a second a million records). The next slice is asked for
  // as soon as this one's end is known, and is read while the importer works on this one.
  let at = 0;
  let next = sliceAt(0);
  try {
    while (next !== undefined) {
      const bytes = new Uint8Array(await next);
      const lineEnd = at + bytes.byteLength < input.size ? bytes.lastIndexOf(NEWLINE) + 1 : 0;
      const piece = lineEnd > 0 ? bytes.subarray(0, lineEnd) : bytes;
      at += piece.byteLength;
      next = sliceAt(at);
      yield { text: decoder.decode(piece, { stream: true }), size: piece.byteLength };
    }
  } finally {
    // Stopped early (cancelled, a bad line): the slice asked for ahead is not awaited; a failure of it is nobody's.
    next?.catch(() => undefined);
  }
  const tail = decoder.decode();
  if (tail) yield { text: tail, size: 0 };
}

/** The input's size for progress: bytes of a file, characters of text. */
export function sizeOf(input: Blob | string): number {
  return typeof input === 'string' ? input.length : input.size;
}
