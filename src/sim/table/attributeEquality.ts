/**
 * Equality and ordering of AttributeValues as DynamoDB defines them: numbers by value, binary by
 * bytes, sets regardless of order, strings and binary in byte order. Pure.
 */
import type { AttributeValue, Item } from './attributeValue.ts';
import { attributeType, getOwn } from './attributes.ts';
import { canonicalNumber, compareNumbers, isCanonicalInteger } from './numbers.ts';
import { canonicalBase64, compareBytes, compareUtf8, decodeBase64 } from './binary.ts';

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
  // Strings first, the usual attribute: an own S that is a string makes `a` an S, and `b` is one with
  // the same text exactly when its S is that text (values are plain objects: nothing inherited).
  const s = (a as { S?: unknown }).S;
  if (typeof s === 'string') return s === (b as { S?: unknown }).S;
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
  if (a === b) return true;
  // for…in rather than Object.keys: no key arrays on a path every write takes (items are plain
  // objects with nothing enumerable inherited, as `sameKey` in the record store assumes too).
  let n = 0;
  for (const k in a) {
    const other = getOwn(b, k);
    if (other === undefined || !attributeValuesEqual(a[k]!, other)) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

/**
 * `itemsEqual` for two versions of one item, known to have equal key attributes (`hashName`,
 * `rangeName`: one key string found both): those are not compared again. A commit asks this on
 * every write, and the old version's key values are the ones least likely to be in the cache.
 */
export function itemsEqualBesideKey(a: Item | undefined, b: Item | undefined, hashName: string, rangeName: string | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === b) return true;
  let n = 0;
  for (const k in a) {
    n++;
    if (k === hashName || k === rangeName) continue;
    const other = getOwn(b, k);
    if (other === undefined || !attributeValuesEqual(a[k]!, other)) return false;
  }
  for (const _ in b) n--;
  return n === 0;
}

export function compareValues(a: AttributeValue, b: AttributeValue): -1 | 0 | 1 | undefined {
  if ('N' in a && 'N' in b) return compareNumbers(a.N, b.N);
  if ('S' in a && 'S' in b) return compareUtf8(a.S, b.S);
  if ('B' in a && 'B' in b) return compareBytes(decodeBase64(a.B), decodeBase64(b.B));
  return undefined;
}
