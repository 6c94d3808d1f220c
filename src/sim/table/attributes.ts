/**
 * AttributeValue basics (type of a value, own-property access, the key string) and, re-exported,
 * the helpers that live in their own modules: numbers.ts (exact decimals), binary.ts (strings and
 * base64), attributeValidation.ts (wire validation), attributeEquality.ts (equality and ordering)
 * and itemSize.ts (sizes).
 *
 * Pure core: no clock, no randomness, no DOM or Node APIs. Callers keep importing from here, so
 * the split changed no import elsewhere.
 */
import { validationError } from '../api/errors.ts';
import type { AttributeType, AttributeValue, Item } from './attributeValue.ts';
import { canonicalNumber } from './numbers.ts';
import { canonicalBase64 } from './binary.ts';
import { hasOwn } from '../kernel/own.ts';
import { TextTable } from '../kernel/textTable.ts';

export { canonicalNumber, addNumbers, subtractNumbers, compareNumbers } from './numbers.ts';
export { utf8ByteLength, compareUtf8, isBase64, base64ByteLength, decodeBase64, encodeBase64, compareBytes } from './binary.ts';
export { validateAttributeValue, validateItem } from './attributeValidation.ts';
export { setMemberKey, attributeValuesEqual, itemsEqual, itemsEqualBesideKey, compareValues } from './attributeEquality.ts';
export { attributeValueSize, itemSize } from './itemSize.ts';

const TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];

export function attributeType(v: AttributeValue): AttributeType {
  // The two common types first: the same answer as the loop (they lead TYPES), without its iterator.
  if (hasOwn(v, 'S')) return 'S';
  if (hasOwn(v, 'N')) return 'N';
  for (const t of TYPES) if (hasOwn(v, t)) return t;
  throw validationError('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
}

/** Own-property read, so an attribute called `__proto__` or `constructor` is never inherited junk. */
export function getOwn<T>(obj: Record<string, T>, key: string): T | undefined {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/** Own-property write that stays a data property even for the name `__proto__`. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  // Only `__proto__` is an accessor on Object.prototype; every other name assigns as a data property
  // (and plain assignment keeps the object in V8's fast mode, which defineProperty does not).
  if (key !== '__proto__') obj[key] = value;
  else Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
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
  for (const name of keyAttributeNames) out += keyPart(getOwn(key, name));
  return out;
}

/** The key string of a table's key: one or two parts, without a list of names (every write asks). */
export function schemaKeyString(key: Item, hashName: string, rangeName: string | undefined): string {
  const hash = keyPart(getOwn(key, hashName));
  return rangeName === undefined ? hash : hash + keyPart(getOwn(key, rangeName));
}

/**
 * Parts of S and N values, by the value's text. A part is a map key on every write, and building
 * `S14:voter#1234` anew makes V8 flatten and hash a fresh concatenation before each lookup (about
 * 0.15 µs); a part found here is flat and already hashed. Forgetting only costs the rebuild, so the
 * caches start again when full (they never change an answer). Text tables, not Maps: the text is
 * a scheduled request's, which Chromium hashes slowly (`kernel/textTable.ts`).
 */
const PART_CACHE_LIMIT = 1 << 16;
const S_PARTS = new TextTable<string>(PART_CACHE_LIMIT);
const N_PARTS = new TextTable<string>(PART_CACHE_LIMIT);

function keyPart(v: AttributeValue | undefined): string {
  if (v === undefined) throw validationError('The provided key element does not match the schema');
  if ('S' in v) return cachedPart(S_PARTS, v.S, 'S');
  if ('N' in v) return cachedPart(N_PARTS, v.N, 'N');
  if ('B' in v) return `B${canonicalBase64(v.B).length}:${canonicalBase64(v.B)}`;
  throw validationError('The provided key element does not match the schema');
}

function cachedPart(cache: TextTable<string>, text: string, type: 'S' | 'N'): string {
  const known = cache.get(text);
  if (known !== undefined) return known;
  const canonical = type === 'N' ? canonicalNumber(text) : text;
  // The first lookup flattens and hashes the part; later lookups reuse both.
  const part = `${type}${canonical.length}:${canonical}`;
  cache.set(text, part);
  return part;
}
