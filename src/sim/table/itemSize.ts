/**
 * Item sizes as DynamoDB counts them (the basis of the 400 KB limit, of capacity units and of the
 * 1 MB page of Query and Scan). Pure.
 */
import type { AttributeValue, Item } from './attributeValue.ts';
import { isCanonicalInteger, parseDecimal } from './numbers.ts';
import { base64ByteLength, utf8ByteLength } from './binary.ts';

/**
 * Number size, DynamoDB's documented approximation made exact: strip the sign, the decimal point,
 * leading zeros and trailing zeros; the rest are the significant digits (zero counts as one);
 * size = ceil(significant / 2) + 1. So "101" → 3, "10" → 2, "1.5" → 2, "-0.001" → 2.
 */
export function numberSize(n: string): number {
  if (isCanonicalInteger(n)) return canonicalIntegerSize(n);
  const digits = parseDecimal(n).digits.length || 1;
  return Math.ceil(digits / 2) + 1;
}

/** `numberSize` of a string the caller already knows `isCanonicalInteger` (validation: not checked twice). */
export function canonicalIntegerSize(n: string): number {
  // Significant digits of a canonical integer: all but the sign and the trailing zeros.
  let end = n.length;
  while (end > 1 && n.charCodeAt(end - 1) === 48) end--;
  const digits = n === '0' ? 1 : end - (n.charCodeAt(0) === 45 ? 1 : 0);
  return Math.ceil(digits / 2) + 1;
}

/**
 * S: UTF-8 bytes; B: raw bytes; N: see numberSize; BOOL and NULL: 1; sets: the sum of their
 * members; L and M: 3 bytes of overhead plus, per element, 1 byte + its size (+ its name's UTF-8
 * bytes for M), as the DynamoDB developer guide describes.
 */
export function attributeValueSize(v: AttributeValue): number {
  if ('S' in v) return utf8ByteLength(v.S);
  if ('N' in v) return numberSize(v.N);
  if ('B' in v) return base64ByteLength(v.B);
  if ('SS' in v) return v.SS.reduce((n, s) => n + utf8ByteLength(s), 0);
  if ('NS' in v) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if ('BS' in v) return v.BS.reduce((n, s) => n + base64ByteLength(s), 0);
  if ('L' in v) return v.L.reduce((n, e) => n + 1 + attributeValueSize(e), 3);
  if ('M' in v) {
    return Object.entries(v.M).reduce((n, [k, e]) => n + 1 + utf8ByteLength(k) + attributeValueSize(e), 3);
  }
  return 1; // NULL, BOOL
}

export function itemSize(item: Item): number {
  let n = 0;
  // for…in walks the own keys without allocating an array; items are plain objects whose prototype
  // (Object.prototype or null) has no enumerable properties.
  for (const name in item) n += utf8ByteLength(name) + attributeValueSize(item[name]!);
  return n;
}
