/**
 * AttributeValue helpers: wire validation, exact decimal numbers, equality, ordering and sizes.
 *
 * Pure core: no clock, no randomness, no DOM or Node APIs, and no floating point anywhere a
 * DynamoDB number is involved. Numbers live as canonical decimal strings and are compared and added
 * as BigInt mantissas with a power-of-ten scale, because DynamoDB keeps 38 significant digits, far
 * beyond what a double holds. Binary values stay base64 strings; they are decoded by hand because
 * `atob` is not part of ES2022.
 */
import { validationError } from '../api/errors.ts';
import type { AttributeType, AttributeValue, Item } from './attributeValue.ts';

const TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];

export function attributeType(v: AttributeValue): AttributeType {
  // The two common types first: the same answer as the loop (they lead TYPES), without its iterator.
  if (Object.hasOwn(v, 'S')) return 'S';
  if (Object.hasOwn(v, 'N')) return 'N';
  for (const t of TYPES) if (Object.hasOwn(v, t)) return t;
  throw validationError('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
}

/** Own-property read, so an attribute called `__proto__` or `constructor` is never inherited junk. */
export function getOwn<T>(obj: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Own-property write that stays a data property even for the name `__proto__`. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  // Only `__proto__` is an accessor on Object.prototype; every other name assigns as a data property
  // (and plain assignment keeps the object in V8's fast mode, which defineProperty does not).
  if (key !== '__proto__') obj[key] = value;
  else Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** A decimal as sign, significant digits (no leading or trailing zeros; '' for zero) and scale. */
interface Decimal {
  neg: boolean;
  digits: string;
  /** value = digits × 10^scale */
  scale: number;
}

const NUMBER_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;
const MAX_EXPONENT = 125; // largest magnitude 9.99…9E+125
const MIN_EXPONENT = -130; // smallest magnitude 1E-130

function notNumeric(s: string): never {
  throw validationError(`The parameter cannot be converted to a numeric value: ${s}`);
}

function parseDecimal(s: string): Decimal {
  const m = NUMBER_RE.exec(s);
  if (!m) notNumeric(s);
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') notNumeric(s);
  const all = int + frac;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return { neg: false, digits: '', scale: 0 };
  const expText = m[4] ?? '0';
  // An exponent this long cannot land in range whatever the digits; avoid parsing it as a float.
  if (expText.replace(/^[+-]?0*/, '').length > 9) {
    throw expText.startsWith('-') ? underflow() : overflow();
  }
  const significant = all.slice(lead);
  const digits = significant.replace(/0+$/, '');
  const scale = Number.parseInt(expText, 10) - frac.length + (significant.length - digits.length);
  return { neg: m[1] === '-', digits, scale };
}

const overflow = (): Error =>
  validationError('Number overflow. Attempting to store a number with magnitude larger than supported range');
const underflow = (): Error =>
  validationError('Number underflow. Attempting to store a number with magnitude smaller than supported range');

function checkRange(d: Decimal): void {
  if (d.digits === '') return;
  if (d.digits.length > MAX_DIGITS) {
    throw validationError('Attempting to store more than 38 significant digits in a Number');
  }
  const adjusted = d.digits.length - 1 + d.scale;
  if (adjusted > MAX_EXPONENT) throw overflow();
  if (adjusted < MIN_EXPONENT) throw underflow();
}

function formatDecimal(d: Decimal): string {
  if (d.digits === '') return '0';
  const sign = d.neg ? '-' : '';
  if (d.scale >= 0) return sign + d.digits + '0'.repeat(d.scale);
  const point = d.digits.length + d.scale;
  if (point > 0) return `${sign}${d.digits.slice(0, point)}.${d.digits.slice(point)}`;
  return `${sign}0.${'0'.repeat(-point)}${d.digits}`;
}

/**
 * A plain integer already in canonical form: an optional '-', then 1 to 38 digits without a leading
 * zero (or exactly "0"). Such a string canonicalises to itself and is always in range, so the
 * general parser (a regular expression and several substrings) is skipped. The usual case by far.
 */
function isCanonicalInteger(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const digits = n - i;
  if (digits < 1 || digits > MAX_DIGITS) return false;
  const first = s.charCodeAt(i);
  if (first === 48 /* 0 */) return n === 1; // "0" (but not "-0", "00" or "07")
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function canonicalNumber(s: string): string {
  if (isCanonicalInteger(s)) return s;
  const d = parseDecimal(s);
  checkRange(d);
  return formatDecimal(d);
}

/** Signed BigInt mantissas of a and b brought to a common scale. */
function aligned(a: string, b: string): { x: bigint; y: bigint; scale: number } {
  const da = parseDecimal(a);
  const db = parseDecimal(b);
  const scale = Math.min(da.scale, db.scale);
  const toBig = (d: Decimal): bigint => {
    if (d.digits === '') return 0n;
    const mag = BigInt(d.digits) * 10n ** BigInt(d.scale - scale);
    return d.neg ? -mag : mag;
  };
  return { x: toBig(da), y: toBig(db), scale };
}

function fromBig(v: bigint, scale: number): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString();
  // Re-parse through the canonicaliser so range and digit limits apply to results too.
  return canonicalNumber(formatDecimal({ neg, digits: digits === '0' ? '' : digits, scale }));
}

export function addNumbers(a: string, b: string): string {
  const { x, y, scale } = aligned(a, b);
  return fromBig(x + y, scale);
}

export function subtractNumbers(a: string, b: string): string {
  const { x, y, scale } = aligned(a, b);
  return fromBig(x - y, scale);
}

/** Exact numeric comparison of two number strings. */
export function compareNumbers(a: string, b: string): -1 | 0 | 1 {
  const { x, y } = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Strings and binary

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
const canonicalBase64 = (b64: string): string => encodeBase64(decodeBase64(b64));

// ---------------------------------------------------------------------------------------------
// Wire validation

const invalid = (message: string, path: string): Error => validationError(`${message} (at ${path})`);

const PARAM = 'One or more parameter values were invalid: ';
const SET_NAMES: Record<string, string> = { SS: 'string', NS: 'number', BS: 'binary' };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateAttributeValue(v: unknown, path: string): AttributeValue {
  if (!isRecord(v)) throw invalid('Supplied AttributeValue must be an object', path);
  // The first own key whose value is defined, and how many there are (Object.keys order, no arrays).
  let type = '';
  let defined = 0;
  for (const k in v) {
    if (!Object.hasOwn(v, k) || v[k] === undefined) continue;
    if (defined++ === 0) type = k;
  }
  if (defined === 0) {
    throw invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes', path);
  }
  if (defined > 1) {
    throw invalid('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes', path);
  }
  const body = v[type];
  switch (type) {
    case 'S':
      if (typeof body !== 'string') throw invalid('S must be a string', path);
      return { S: body };
    case 'N':
      if (typeof body !== 'string') throw invalid('N must be a string', path);
      return { N: isCanonicalInteger(body) ? body : withPath(() => canonicalNumber(body), path) };
    case 'B':
      return { B: validBinary(body, path) };
    case 'SS':
    case 'NS':
    case 'BS':
      return validateSet(type, body, path) as AttributeValue;
    case 'M':
      return { M: validateItem(body, path) };
    case 'L':
      if (!Array.isArray(body)) throw invalid('L must be an array', path);
      return { L: body.map((e, i) => validateAttributeValue(e, `${path}[${i}]`)) };
    case 'NULL':
      if (body !== true) throw invalid(`${PARAM}Null attribute value types must have the value of true`, path);
      return { NULL: true };
    case 'BOOL':
      if (typeof body !== 'boolean') throw invalid('BOOL must be a boolean', path);
      return { BOOL: body };
    default:
      throw invalid(`Supplied AttributeValue has an unsupported datatype: ${type}`, path);
  }
}

function withPath<T>(f: () => T, path: string): T {
  try {
    return f();
  } catch (e) {
    throw invalid((e as Error).message, path);
  }
}

function validBinary(body: unknown, path: string): string {
  if (typeof body !== 'string' || !isBase64(body)) throw invalid('Invalid binary value: B must be a base64 string', path);
  return body;
}

function validateSet(type: 'SS' | 'NS' | 'BS', body: unknown, path: string): Record<string, string[]> {
  if (!Array.isArray(body)) throw invalid(`${type} must be an array`, path);
  // DynamoDB's wording, double space included.
  if (body.length === 0) throw invalid(`${PARAM}An ${SET_NAMES[type]} set  may not be empty`, path);
  const members = body.map((m: unknown, i) => {
    if (typeof m !== 'string') throw invalid(`${type} members must be strings`, `${path}[${i}]`);
    if (type === 'NS') return withPath(() => canonicalNumber(m), `${path}[${i}]`);
    if (type === 'BS') return validBinary(m, `${path}[${i}]`);
    return m;
  });
  const seen = new Set(members.map((m) => setMemberKey(type, m)));
  if (seen.size !== members.length) {
    throw invalid(`${PARAM}Input collection [${members.join(', ')}] contains duplicates.`, path);
  }
  return { [type]: members };
}

export function validateItem(v: unknown, path: string): Item {
  if (!isRecord(v)) throw invalid('Expected a map of attribute names to AttributeValues', path);
  const out: Item = {};
  for (const name of Object.keys(v)) {
    setOwn(out, name, validateAttributeValue(v[name], `${path}.${name}`));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Equality and ordering

/** The identity of a set member: numbers by value, binary by bytes, strings as they are. */
export function setMemberKey(type: 'SS' | 'NS' | 'BS', member: string): string {
  if (type === 'NS') return canonicalNumber(member);
  if (type === 'BS') return canonicalBase64(member);
  return member;
}

function setsEqual(type: 'SS' | 'NS' | 'BS', a: string[], b: string[]): boolean {
  const keys = new Set(a.map((m) => setMemberKey(type, m)));
  const other = new Set(b.map((m) => setMemberKey(type, m)));
  if (keys.size !== other.size) return false;
  for (const k of other) if (!keys.has(k)) return false;
  return true;
}

export function attributeValuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  const t = attributeType(a);
  if (t !== attributeType(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  switch (t) {
    case 'N': {
      const m = x.N as string;
      const n = y.N as string;
      if (m === n) return true;
      // Two different canonical integers are different numbers; anything else is compared exactly.
      if (isCanonicalInteger(m) && isCanonicalInteger(n)) return false;
      return compareNumbers(m, n) === 0;
    }
    case 'B':
      return compareBytes(decodeBase64(x.B as string), decodeBase64(y.B as string)) === 0;
    case 'SS':
    case 'NS':
    case 'BS':
      return setsEqual(t, x[t] as string[], y[t] as string[]);
    case 'L': {
      const la = x.L as AttributeValue[];
      const lb = y.L as AttributeValue[];
      return la.length === lb.length && la.every((e, i) => attributeValuesEqual(e, lb[i]!));
    }
    case 'M':
      return itemsEqual(x.M as Item, y.M as Item);
    default:
      return x[t] === y[t];
  }
}

export function itemsEqual(a: Item | undefined, b: Item | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const other = getOwn(b, k);
    if (other === undefined || !attributeValuesEqual(a[k]!, other)) return false;
  }
  return true;
}

export function compareValues(a: AttributeValue, b: AttributeValue): -1 | 0 | 1 | undefined {
  if ('N' in a && 'N' in b) return compareNumbers(a.N, b.N);
  if ('S' in a && 'S' in b) return compareUtf8(a.S, b.S);
  if ('B' in a && 'B' in b) return compareBytes(decodeBase64(a.B), decodeBase64(b.B));
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Sizes

/**
 * Number size, DynamoDB's documented approximation made exact: strip the sign, the decimal point,
 * leading zeros and trailing zeros; the rest are the significant digits (zero counts as one);
 * size = ceil(significant / 2) + 1. So "101" → 3, "10" → 2, "1.5" → 2, "-0.001" → 2.
 */
function numberSize(n: string): number {
  let digits: number;
  if (isCanonicalInteger(n)) {
    // Significant digits of a canonical integer: all but the sign and the trailing zeros.
    let end = n.length;
    while (end > 1 && n.charCodeAt(end - 1) === 48) end--;
    digits = n === '0' ? 1 : end - (n.charCodeAt(0) === 45 ? 1 : 0);
  } else digits = parseDecimal(n).digits.length || 1;
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

// ---------------------------------------------------------------------------------------------
// Keys

/**
 * A Map key for a primary key: per key attribute, in schema order, its type, the length of its
 * canonical text and the text (`S8:DynamoDB` + `N3:101`). The length prefix makes the
 * concatenation unambiguous whatever characters the values hold.
 */
export function keyString(key: Item, keyAttributeNames: readonly string[]): string {
  let out = '';
  for (const name of keyAttributeNames) {
    const v = getOwn(key, name);
    let text: string;
    if (v === undefined) throw validationError('The provided key element does not match the schema');
    if ('S' in v) text = `S${v.S.length}:${v.S}`;
    else if ('N' in v) {
      const n = canonicalNumber(v.N);
      text = `N${n.length}:${n}`;
    }
    else if ('B' in v) text = `B${canonicalBase64(v.B).length}:${canonicalBase64(v.B)}`;
    else throw validationError('The provided key element does not match the schema');
    out += text;
  }
  return out;
}
