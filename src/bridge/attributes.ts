/**
 * Small, pure helpers on DynamoDB typed JSON for the bridge: checking an AttributeValue's shape,
 * comparing items (map keys and set members unordered, numbers by value), a stable text for a key,
 * and comparing sequence numbers (decimal strings of 21–40 digits: as big integers, never as text,
 * reference §4).
 *
 * May import: sim types (`import type`), ./sequenceOrder.ts. May not import: anything else at runtime.
 */
import type { AttributeValue, Item } from '../sim/table/attributeValue.ts';

const TYPES = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'] as const;

/** What is wrong with a value as an AttributeValue, with the path below it, or undefined when it is one. */
export function attributeProblem(v: unknown, path: string, depth = 0): string | undefined {
  if (depth > 32) return `${path}: nested more than 32 levels`;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${path}: expected an AttributeValue such as {"S": "text"}, got ${describe(v)}`;
  const keys = Object.keys(v);
  if (keys.length !== 1) return `${path}: an AttributeValue has exactly one type key (S, N, B, SS, NS, BS, M, L, NULL, BOOL); got ${keys.length === 0 ? 'none' : keys.join(', ')}`;
  const type = keys[0]!;
  const value = (v as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
    case 'B':
      return typeof value === 'string' ? undefined : `${path}.${type}: expected a string${type === 'B' ? ' (base64)' : ''}`;
    case 'N':
      return typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? undefined : `${path}.N: expected a number written as a string, like "42"`;
    case 'SS':
    case 'BS':
    case 'NS':
      return Array.isArray(value) && value.every((x) => typeof x === 'string') ? undefined : `${path}.${type}: expected a list of strings`;
    case 'BOOL':
      return typeof value === 'boolean' ? undefined : `${path}.BOOL: expected true or false`;
    case 'NULL':
      return value === true ? undefined : `${path}.NULL: expected true`;
    case 'L': {
      if (!Array.isArray(value)) return `${path}.L: expected a list`;
      for (let i = 0; i < value.length; i++) {
        const p = attributeProblem(value[i], `${path}.L[${i}]`, depth + 1);
        if (p) return p;
      }
      return undefined;
    }
    case 'M':
      return itemProblem(value, `${path}.M`, depth + 1);
    default:
      return `${path}: "${type}" is not an AttributeValue type (expected one of ${TYPES.join(', ')})`;
  }
}

/** What is wrong with a value as an item (a map of attribute name → AttributeValue). */
export function itemProblem(v: unknown, path: string, depth = 0): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${path}: expected a map of attribute name → AttributeValue, got ${describe(v)}`;
  for (const [name, value] of Object.entries(v)) {
    const p = attributeProblem(value, `${path}.${name}`, depth);
    if (p) return p;
  }
  return undefined;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** A number's canonical text: no sign for zero, no leading zeros, no trailing fractional zeros, no exponent. */
export function canonicalNumber(n: string): string {
  const m = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(n.trim());
  if (!m) return n;
  const [, sign, int = '', frac = '', exp] = m;
  let digits = int + frac;
  let point = int.length + (exp ? Number(exp) : 0);
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/, '');
  if (digits === '') return '0';
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign === '-' ? `-${out}` : out;
}

/** A canonical form: map keys sorted, set members sorted, numbers canonical; equal values give equal text. */
function canonical(v: AttributeValue): unknown {
  if ('N' in v) return { N: canonicalNumber(v.N) };
  if ('NS' in v) return { NS: v.NS.map(canonicalNumber).sort() };
  if ('SS' in v) return { SS: [...v.SS].sort() };
  if ('BS' in v) return { BS: [...v.BS].sort() };
  if ('M' in v) return { M: canonicalItem(v.M) };
  if ('L' in v) return { L: v.L.map(canonical) };
  return v;
}

function canonicalItem(item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(item).sort()) out[name] = canonical(item[name]!);
  return out;
}

/** Stable text of an item: equal items (in DynamoDB's sense) give equal text. */
export function itemText(item: Item): string {
  return JSON.stringify(canonicalItem(item));
}

export function itemsEqual(a: Item, b: Item): boolean {
  // Spelt alike is equal, and is the common case (a MODIFY's OldImage is the last NewImage); only
  // spellings that differ need the canonical forms ("1.0" and "1", sets in another order).
  return a === b || sameSpelling(a, b) || itemText(a) === itemText(b);
}

/** Whether two items spell the same attributes the same way (attribute order aside). */
function sameSpelling(a: Item, b: Item): boolean {
  let n = 0;
  for (const name in a) {
    const y = b[name];
    if (y === undefined || !sameValue(a[name]!, y)) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

function sameValue(x: AttributeValue, y: AttributeValue): boolean {
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  for (const type in a) {
    const u = a[type];
    const v = b[type];
    if (u === v) continue;
    if (type === 'M') return typeof u === 'object' && typeof v === 'object' && u !== null && v !== null && sameSpelling(u as Item, v as Item);
    if (!Array.isArray(u) || !Array.isArray(v) || u.length !== v.length) return false;
    for (let i = 0; i < u.length; i++) {
      if (u[i] === v[i]) continue;
      if (type !== 'L' || !sameValue(u[i] as AttributeValue, v[i] as AttributeValue)) return false;
    }
  }
  let n = 0;
  for (const _ in a) n++;
  for (const _ in b) n--;
  return n === 0;
}

/** The identity of an item's key, from a record's `Keys`. */
export function keyText(keys: Item): string {
  // Keys are one or two attributes of S, N or B: spelt out directly, as itemText would spell them.
  const names: string[] = [];
  for (const name in keys) names.push(name);
  if (names.length > 2) return itemText(keys);
  if (names.length === 2 && names[0]! > names[1]!) names.reverse();
  let out = '{';
  for (let i = 0; i < names.length; i++) {
    const v = keys[names[i]!] as Record<string, unknown>;
    let type: string | undefined;
    let count = 0;
    for (const t in v) {
      type = t;
      count++;
    }
    const value = type === undefined ? undefined : v[type];
    if (count !== 1 || typeof value !== 'string' || (type !== 'S' && type !== 'N' && type !== 'B')) return itemText(keys);
    out += `${i > 0 ? ',' : ''}${JSON.stringify(names[i])}:{"${type}":${JSON.stringify(type === 'N' ? canonicalNumber(value) : value)}}`;
  }
  return `${out}}`;
}

// In a module of its own: the worker's run index orders sequence numbers too (./seqTexts.ts), and
// importing this module for it would put the rest, which only the import uses, in the worker's core.
export { compareSequence } from './sequenceOrder.ts';

/** A key for people: its values joined by ` / `, hash key first. */
export function keyLabel(keys: Item, keyAttributes: readonly string[]): string {
  const names = keyAttributes.length > 0 ? keyAttributes.filter((n) => n in keys) : Object.keys(keys).sort();
  return names
    .map((n) => {
      const v = keys[n]!;
      if ('S' in v) return v.S;
      if ('N' in v) return v.N;
      if ('B' in v) return v.B;
      return JSON.stringify(v);
    })
    .join(' / ');
}
