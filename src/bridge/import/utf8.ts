/**
 * Text from the UTF-8 bytes the import readers read (./jsonStream.ts, ./recordScanner.ts). A file is
 * read as bytes and never decoded whole (issue #16: in Chromium, decoding a million records' 485 MB
 * was two seconds of the worker's time, and its strings a fresh half gigabyte to fault in): only what
 * is kept as a string — a token, a document `JSON.parse` reads, the words of a message — is decoded.
 *
 * Pure. May import: nothing. Uses TextDecoder and TextEncoder (in browsers, workers and Node alike).
 */

// The Encoding API is in every host the bridge runs in (browsers, their workers, Node) but in none
// of the libs the pure layers compile with (tsconfig.sim.json has no DOM): declared here as far as
// this module uses it.
declare const TextDecoder: new (label: string, options?: { ignoreBOM?: boolean }) => { decode(bytes: Uint8Array): string };
declare const TextEncoder: new () => { encode(text: string): Uint8Array };

/** Decodes as the file's decoder did: invalid bytes become U+FFFD, a byte order mark is kept (the reader skips one). */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();
/**
 * Arrays of char codes by length, reused for short texts: `String.fromCharCode` over one is several
 * times faster than a decoder's call (Chromium's took about 7 µs for a record's Keys), and an array
 * kept at its length is not reallocated.
 */
const codesByLength: number[][] = [];
/** Up to this many bytes are made into text by `fromCodes`. */
const SHORT = 256;

/** The bytes `from` to `to`, decoded. */
export function utf8Text(bytes: Uint8Array, from: number, to: number): string {
  if (to - from <= SHORT) {
    let ascii = true;
    for (let i = from; i < to && ascii; i++) ascii = bytes[i]! < 0x80;
    if (ascii) return fromCodes(bytes, from, to);
  }
  return utf8.decode(bytes.subarray(from, to));
}

/**
 * The bytes `from` to `to` as text, each byte a character (code 0–255): the text itself when all are
 * under 0x80. A fresh flat string (a slice would keep its source alive).
 */
export function byteText(bytes: Uint8Array, from: number, to: number): string {
  if (to - from <= SHORT) return fromCodes(bytes, from, to);
  let text = '';
  for (let at = from; at < to; at += SHORT) text += fromCodes(bytes, at, Math.min(to, at + SHORT));
  return text;
}

/** Bytes (at most SHORT) as characters. */
function fromCodes(bytes: Uint8Array, from: number, to: number): string {
  const n = to - from;
  const codes = (codesByLength[n] ??= new Array<number>(n).fill(0));
  for (let k = 0; k < n; k++) codes[k] = bytes[from + k]!;
  return String.fromCharCode.apply(null, codes);
}

/** Text as UTF-8 bytes. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * How many continuation bytes follow the lead byte `lead` at `at` of a character past U+00FF (two
 * to four bytes), when they make one as a decoder takes it (no overlong spelling, no surrogate,
 * nothing past U+10FFFF); 0 when they do not (a decoder would give U+FFFD there).
 */
export function wideCharTail(bytes: Uint8Array, at: number, lead: number): number {
  const b1 = bytes[at + 1]!;
  if (lead >= 0xc4 && lead <= 0xdf) return isContinuation(b1) ? 1 : 0;
  // The second byte's range depends on the lead (the Encoding Standard's UTF-8 decoder).
  const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
  const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
  if (lead < 0xe0 || lead > 0xf4 || !(b1 >= low && b1 <= high) || !isContinuation(bytes[at + 2])) return 0;
  if (lead < 0xf0) return 2;
  return isContinuation(bytes[at + 3]) ? 3 : 0;
}

function isContinuation(b: number | undefined): boolean {
  return b! >= 0x80 && b! <= 0xbf;
}

/**
 * The bytes `from` to `to`, known to be valid UTF-8 (`wideCharTail` passed each character past
 * U+00FF), decoded: `utf8Text`'s answer, without a decoder's call for a short text (about 7 µs in
 * Chromium, twice a record for a file of such values).
 */
export function validUtf8Text(bytes: Uint8Array, from: number, to: number): string {
  if (to - from > SHORT) return utf8.decode(bytes.subarray(from, to));
  const codes: number[] = [];
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    if (b < 0x80) codes.push(b);
    else if (b < 0xe0) codes.push(((b & 0x1f) << 6) | (bytes[++i]! & 0x3f));
    else if (b < 0xf0) codes.push(((b & 0x0f) << 12) | ((bytes[++i]! & 0x3f) << 6) | (bytes[++i]! & 0x3f));
    else {
      const c = (((b & 0x07) << 18) | ((bytes[++i]! & 0x3f) << 12) | ((bytes[++i]! & 0x3f) << 6) | (bytes[++i]! & 0x3f)) - 0x10000;
      codes.push(0xd800 | (c >> 10), 0xdc00 | (c & 0x3ff));
    }
  }
  return String.fromCharCode.apply(null, codes);
}

/** How many UTF-16 code units (a column's count) the UTF-8 bytes `from` to `to` decode to. */
export function utf16Length(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i]!;
    // A continuation byte adds nothing; a four-byte character's lead is a surrogate pair.
    if (b < 0x80 || b >= 0xc0) n += b >= 0xf0 ? 2 : 1;
  }
  return n;
}

/** Whether the bytes at `at` are `text`'s characters in UTF-8, `text` being ASCII (false when it is not). */
export function bytesStartWith(bytes: Uint8Array, text: string, at: number): boolean {
  if (at + text.length > bytes.length) return false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x80 || bytes[at + k] !== c) return false;
  }
  return true;
}

/** Two byte arrays one after the other. */
export function joinBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  return concatBytes([a, b], a.length + b.length);
}

/** Byte arrays of `length` bytes in all, one after the other: one copy each (a document over many slices). */
export function concatBytes(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
