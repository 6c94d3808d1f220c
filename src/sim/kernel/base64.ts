/**
 * Base64 for ASCII strings, written out because the pure core may not rely on `btoa`/`atob`
 * (they are host globals, not ECMAScript). Used for the opaque part of shard iterators.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeAsciiBase64(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i) & 0xff;
    const b = i + 1 < s.length ? s.charCodeAt(i + 1) & 0xff : -1;
    const c = i + 2 < s.length ? s.charCodeAt(i + 2) & 0xff : -1;
    const n = (a << 16) | ((b < 0 ? 0 : b) << 8) | (c < 0 ? 0 : c);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += b < 0 ? '=' : ALPHABET[(n >> 6) & 63]!;
    out += c < 0 ? '=' : ALPHABET[n & 63]!;
  }
  return out;
}

/** Decodes base64 to an ASCII string; returns undefined for anything that is not valid base64. */
export function decodeAsciiBase64(s: string): string | undefined {
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  let out = '';
  for (let i = 0; i < s.length; i += 4) {
    const v = [0, 1, 2, 3].map((k) => (s[i + k] === '=' ? 0 : ALPHABET.indexOf(s[i + k]!)));
    const n = (v[0]! << 18) | (v[1]! << 12) | (v[2]! << 6) | v[3]!;
    out += String.fromCharCode((n >> 16) & 0xff);
    if (s[i + 2] !== '=') out += String.fromCharCode((n >> 8) & 0xff);
    if (s[i + 3] !== '=') out += String.fromCharCode(n & 0xff);
  }
  return out;
}
