/**
 * Strings and binary values as DynamoDB measures and orders them: UTF-8 byte lengths, code-point
 * (UTF-8 byte) order, and base64 decoded by hand because `atob` is not part of ES2022. Pure.
 */
import { validationError } from '../api/errors.ts';

export function utf8ByteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else n += 3; // BMP character, or a lone surrogate (sent as U+FFFD, also 3 bytes)
  }
  return n;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Compares by code point, which is exactly UTF-8 byte order (UTF-16 code-unit order is not). */
export function compareUtf8(a: string, b: string): -1 | 0 | 1 {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) ?? 0;
    const cb = b.codePointAt(j) ?? 0;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  const ra = a.length - i;
  const rb = b.length - j;
  return ra === rb ? 0 : ra < rb ? -1 : 1;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const isBase64 = (s: string): boolean => B64_RE.test(s);

export function base64ByteLength(b64: string): number {
  const body = b64.replace(/=+$/, '');
  return Math.floor((body.length * 3) / 4);
}

export function decodeBase64(b64: string): Uint8Array {
  const body = b64.replace(/=+$/, '');
  const out = new Uint8Array(base64ByteLength(b64));
  let acc = 0;
  let bits = 0;
  let k = 0;
  for (const ch of body) {
    const v = B64.indexOf(ch);
    if (v < 0) throw validationError(`Invalid Base64 value: ${b64}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    s += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    s += left > 1 ? B64[(n >> 6) & 63]! : '=';
    s += left > 2 ? B64[n & 63]! : '=';
  }
  return s;
}

/** Unsigned lexicographic byte comparison. */
export function compareBytes(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** base64 re-encoded from its bytes, so two spellings of the same bytes compare equal. */
export const canonicalBase64 = (b64: string): string => encodeBase64(decodeBase64(b64));
