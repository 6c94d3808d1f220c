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

export { canonicalNumber, addNumbers, subtractNumbers, compareNumbers } from './numbers.ts';
export { utf8ByteLength, compareUtf8, isBase64, base64ByteLength, decodeBase64, encodeBase64, compareBytes } from './binary.ts';
export { validateAttributeValue, validateItem } from './attributeValidation.ts';
export { setMemberKey, attributeValuesEqual, itemsEqual, compareValues } from './attributeEquality.ts';
export { attributeValueSize, itemSize } from './itemSize.ts';

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
