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

/** `sliceBytes`: at least 4 (a character, and the byte order mark, fit in one slice). */
export async function* piecesOf(input: Blob | string, sliceBytes = SLICE_BYTES): AsyncGenerator<TextPiece> {
  if (typeof input === 'string') {
    for (let i = 0; i < input.length; i += sliceBytes) {
      const text = input.slice(i, i + sliceBytes);
      yield { text, size: text.length };
    }
    return;
  }
  // The byte order mark is dropped at the file's start only (a decoder would drop one at the start
  // of its own first piece, which may be the middle of the file when Latin-1 read what came before).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const sliceAt = (at: number) => (at < input.size ? input.slice(at, Math.min(input.size, at + sliceBytes)).arrayBuffer() : undefined);
  // A slice is cut after its last line break, and the next read from there: the reader gets whole
  // lines, so it never joins the end of one piece to the next (a joined string of 4 MB is copied
  // again when first read: a quarter of a second a million records). The next slice is asked for
  // as soon as this one's end is known, and is read while the importer works on this one.
  const latin1 = new TextDecoder('latin1');
  let clean = true;
  let at = 0;
  let next = sliceAt(0);
  try {
    while (next !== undefined) {
      const read = new Uint8Array(await next);
      const bytes = at === 0 && read[0] === 0xef && read[1] === 0xbb && read[2] === 0xbf ? read.subarray(3) : read;
      if (bytes !== read) at = 3;
      const lineEnd = at + bytes.byteLength < input.size ? bytes.lastIndexOf(NEWLINE) + 1 : 0;
      const piece = lineEnd > 0 ? bytes.subarray(0, lineEnd) : bytes;
      at += piece.byteLength;
      next = sliceAt(at);
      // Bytes all under 0x80 after a piece that ended on one (the UTF-8 decoder holds no part of a
      // character) are the same characters in Latin-1, which decodes twice as fast: most files.
      const text = clean && ascii(piece) ? latin1.decode(piece) : decoder.decode(piece, { stream: true });
      clean = piece.byteLength > 0 && piece[piece.byteLength - 1]! < 0x80;
      yield { text, size: piece.byteLength + (bytes !== read ? 3 : 0) };
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

/** Whether every byte is under 0x80 (read four at a time). */
function ascii(bytes: Uint8Array): boolean {
  const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2) : new Uint32Array(0);
  for (let i = 0; i < words.length; i++) if (words[i]! & 0x80808080) return false;
  for (let i = words.length * 4; i < bytes.byteLength; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}
