/**
 * An import's input as pieces of decoded text: a file (Blob) read in slices and decoded as UTF-8 with
 * a streaming decoder (a character split across two slices is decoded whole), or pasted text cut into
 * slices. Neither builds a string of the whole input, so a file of a gigabyte is read in the memory of
 * a few slices plus what the importer keeps.
 *
 * May import: bridge/import types. Uses Blob and TextDecoder (in workers and in Node alike).
 */
import type { TextPiece } from '../bridge/import/readStream.ts';

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
  for (let at = 0; at < input.size; at += sliceBytes) {
    const bytes = new Uint8Array(await input.slice(at, Math.min(input.size, at + sliceBytes)).arrayBuffer());
    yield { text: decoder.decode(bytes, { stream: true }), size: bytes.byteLength };
  }
  const tail = decoder.decode();
  if (tail) yield { text: tail, size: 0 };
}

/** The input's size for progress: bytes of a file, characters of text. */
export function sizeOf(input: Blob | string): number {
  return typeof input === 'string' ? input.length : input.size;
}
