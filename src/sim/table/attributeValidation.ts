/**
 * Wire validation of AttributeValues and items: exactly one supported type per value, numbers in
 * range, base64 binary, non-empty sets without duplicates, with DynamoDB's wording. Pure.
 */
import { validationError } from '../api/errors.ts';
import type { AttributeValue, Item } from './attributeValue.ts';
import { canonicalIntegerSizeOf, canonicalNumber, isCanonicalInteger } from './numbers.ts';
import { base64ByteLength, isBase64, utf8ByteLength } from './binary.ts';
import { setOwn } from './attributes.ts';
import { setMemberKey } from './attributeEquality.ts';
import { itemSize, numberSize } from './itemSize.ts';
import { hasOwn } from '../kernel/own.ts';
import { KIND_INTEGER, KIND_OTHER, KIND_S, LAST_WALK, WALK_LIMIT } from './itemWalk.ts';

const invalid = (message: string, path: string): Error => validationError(`${message} (at ${path})`);

const PARAM = 'One or more parameter values were invalid: ';
const SET_NAMES: Record<string, string> = { SS: 'string', NS: 'number', BS: 'binary' };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `parent` names the value in messages; with `name`, the value is attribute `name` of `parent` (the
 * message's path is joined only when there is a message: an item's attributes are validated on
 * every write).
 */
export function validateAttributeValue(v: unknown, parent: string, name?: string): AttributeValue {
  return validValue(v, parent, name);
}

/**
 * The size (`attributeValueSize`) of the value `validValue` returned last, or of the item
 * `validMap` returned last (`itemSize`): a second result without an object per value. Each
 * validated value is sized in the walk that validates it, not in another walk over the item; a
 * lone S, and a map's attribute names, only bounded (`walkedBound`).
 */
let walkedSize = 0;
/**
 * Whether `walkedSize`, since the last sized validation began, may be more than the size: a lone S
 * counts 3 bytes for each of its UTF-16 units (its UTF-8 length is at most that) instead of a walk
 * over its characters, which was about 6 % of a scripted put's instructions (issue #16, session
 * 20); so does an attribute name (session 29: a memo of the last item's names and their lengths,
 * looked up by position, cost 116 instructions a put). The exact size is then taken when someone
 * asks (an item version's size: `ItemVersions.sizeAt`); the 400 KB check takes it only when the
 * bound is past the limit (`items.ts`).
 */
let walkedBound = false;
/** The kind (`itemWalk.ts`) of the value `validValue` returned last: another second result. */
let walkedKind = KIND_OTHER;

/**
 * With `adopt`, a value already in its validated form (one own key, S or a canonical N) is
 * returned itself instead of a copy (see `validateSizedItem`).
 */
function validValue(v: unknown, parent: string, name: string | undefined, adopt = false): AttributeValue {
  // The usual values first (a lone S, a lone canonical integer N), by named reads: the same answer
  // as the general walk below, which every other value (and every malformed one) takes.
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const type = loneKey(v);
    if (type === 'S') {
      const s = (v as { S?: unknown }).S;
      if (typeof s === 'string') {
        walkedSize = 3 * s.length;
        walkedBound = true;
        walkedKind = KIND_S;
        return adopt ? (v as AttributeValue) : { S: s };
      }
    } else if (type === 'N') {
      const n = (v as { N?: unknown }).N;
      const size = typeof n === 'string' ? canonicalIntegerSizeOf(n) : 0;
      if (size !== 0) {
        walkedSize = size;
        walkedKind = KIND_INTEGER;
        return adopt ? (v as AttributeValue) : { N: n as string };
      }
    }
  }
  const value = validOtherValue(v, parent, name, adopt);
  // Whatever it is (a lone S with an inherited enumerable key beside it, say), nobody relies on its kind.
  walkedKind = KIND_OTHER;
  return value;
}

/** `validValue` for the values its first lines do not answer: the general walk. */
function validOtherValue(v: unknown, parent: string, name: string | undefined, adopt: boolean): AttributeValue {
  if (!isRecord(v)) throw invalid('Supplied AttributeValue must be an object', pathOf(parent, name));
  // The first own key whose value is defined, and how many there are (Object.keys order, no arrays).
  let type = '';
  let defined = 0;
  let own = 0;
  for (const k in v) {
    if (!hasOwn(v, k)) continue;
    own++;
    if (v[k] === undefined) continue;
    if (defined++ === 0) type = k;
  }
  const keep = adopt && own === 1;
  if (defined === 0) {
    throw invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes', pathOf(parent, name));
  }
  if (defined > 1) {
    throw invalid('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes', pathOf(parent, name));
  }
  const body = v[type];
  switch (type) {
    case 'S':
      if (typeof body !== 'string') throw invalid('S must be a string', pathOf(parent, name));
      walkedSize = utf8ByteLength(body);
      return keep ? (v as AttributeValue) : { S: body };
    case 'N': {
      if (typeof body !== 'string') throw invalid('N must be a string', pathOf(parent, name));
      const n = isCanonicalInteger(body) ? body : canonicalAt(body, pathOf(parent, name));
      walkedSize = numberSize(n);
      return keep && n === body ? (v as AttributeValue) : { N: n };
    }
    case 'B': {
      const b = validBinary(body, pathOf(parent, name));
      walkedSize = base64ByteLength(b);
      return { B: b };
    }
    case 'SS':
    case 'NS':
    case 'BS':
      return validateSet(type, body, pathOf(parent, name)) as AttributeValue;
    case 'M': {
      const m = validMap(body, pathOf(parent, name));
      // A map's size: 3 bytes, and 1 per entry beside its name and value (`attributeValueSize`).
      let entries = 0;
      for (const k in m) if (hasOwn(m, k)) entries++;
      walkedSize += 3 + entries;
      return { M: m };
    }
    case 'L': {
      if (!Array.isArray(body)) throw invalid('L must be an array', pathOf(parent, name));
      const path = pathOf(parent, name);
      let size = 3;
      const list = body.map((e, i) => {
        const value = validValue(e, `${path}[${i}]`, undefined);
        size += 1 + walkedSize;
        return value;
      });
      walkedSize = size;
      return { L: list };
    }
    case 'NULL':
      if (body !== true) throw invalid(`${PARAM}Null attribute value types must have the value of true`, pathOf(parent, name));
      walkedSize = 1;
      return { NULL: true };
    case 'BOOL':
      if (typeof body !== 'boolean') throw invalid('BOOL must be a boolean', pathOf(parent, name));
      walkedSize = 1;
      return { BOOL: body };
    default:
      throw invalid(`Supplied AttributeValue has an unsupported datatype: ${type}`, pathOf(parent, name));
  }
}

/**
 * The one enumerable key of `v` when it has exactly one and it is its own, else ''. One for…in: the
 * own-property test of the walk's own key is a map check there, where a test by a constant name
 * after the walk was a call.
 */
function loneKey(v: object): string {
  let key = '';
  for (const k in v) {
    if (key !== '' || !hasOwn(v, k)) return '';
    key = k;
  }
  return key;
}

function pathOf(parent: string, name: string | undefined): string {
  return name === undefined ? parent : `${parent}.${name}`;
}

/**
 * `canonicalNumber`, its error naming `path`. A named function rather than a closure: a closure
 * over `validValue`'s locals made V8 allocate a context on every call, even for strings.
 */
function canonicalAt(text: string, path: string): string {
  try {
    return canonicalNumber(text);
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
    if (type === 'NS') return canonicalAt(m, `${path}[${i}]`);
    if (type === 'BS') return validBinary(m, `${path}[${i}]`);
    return m;
  });
  const seen = new Set(members.map((m) => setMemberKey(type, m)));
  if (seen.size !== members.length) {
    throw invalid(`${PARAM}Input collection [${members.join(', ')}] contains duplicates.`, path);
  }
  // A set's size is the sum of its members' sizes.
  let size = 0;
  for (const m of members) size += type === 'SS' ? utf8ByteLength(m) : type === 'NS' ? numberSize(m) : base64ByteLength(m);
  walkedSize = size;
  return { [type]: members };
}

export function validateItem(v: unknown, path: string): Item {
  return validMap(v, path);
}

/** An item validated, and its `itemSize` from the same walk (the 400 KB check and the record's SizeBytes need it). */
export interface SizedItem {
  item: Item;
  size: number;
}

/**
 * `validateItem`, sized. With `adopt` (the request is the simulation's own JSON copy, which no
 * caller holds: `api/call.ts`), what is already in validated form is kept rather than copied —
 * each S or canonical N value, and the item itself when every value was kept — so a scripted
 * write's item becomes the stored item without four new objects. Stored items are never edited,
 * so sharing them with the request (and with forks that run the same script) is safe.
 */
export function validateSizedItem(v: unknown, path: string, adopt = false): SizedItem {
  walkedBound = false;
  const item = validMap(v, path, adopt);
  return { item, size: walkedBound ? itemSize(item) : walkedSize };
}

/**
 * `validateSizedItem(v, path, adopt).item` without the result object (a PutItem's hot path); what
 * it learnt of the size is `validatedItemSize()` and `validatedItemSizeBound()` until the next
 * validation of anything.
 */
export function validateItemSized(v: unknown, path: string, adopt = false): Item {
  walkedBound = false;
  return validMap(v, path, adopt);
}

/** The `itemSize` of the item `validateItemSized` returned last, or undefined when only a bound of it is known. */
export function validatedItemSize(): number | undefined {
  return walkedBound ? undefined : walkedSize;
}

/** At least the `itemSize` of the item `validateItemSized` returned last (its size when `validatedItemSize()` knows it). */
export function validatedItemSizeBound(): number {
  return walkedSize;
}

/** Validates a map of attribute values; leaves its `itemSize` in `walkedSize`. */
function validMap(v: unknown, path: string, adopt = false): Item {
  if (!isRecord(v)) throw invalid('Expected a map of attribute names to AttributeValues', path);
  // Adopting, the copy starts only at the first value that is not kept (with the values before it).
  let out: Item | undefined = adopt ? undefined : {};
  // An adopting walk (a top-level item: nested maps are never adopted) records its values' kinds
  // for the interning that follows (`itemWalk.ts`); it starts by forgetting the last record.
  if (adopt) LAST_WALK.item = undefined;
  let kinds = 0;
  let size = 0;
  let walked = 0;
  // for…in with an own-key test walks what Object.keys lists, in its order, without the array.
  for (const name in v) {
    if (!hasOwn(v, name)) continue;
    const raw = v[name];
    const value = validValue(raw, path, name, adopt);
    if (out === undefined && value !== raw) out = keptSoFar(v as Item, walked);
    if (out !== undefined) setOwn(out, name, value);
    else if (walked < WALK_LIMIT) kinds |= walkedKind << (2 * walked);
    size += 3 * name.length + walkedSize;
    walked++;
  }
  walkedSize = size;
  if (walked > 0) walkedBound = true;
  if (out !== undefined) return out;
  if (walked <= WALK_LIMIT) {
    LAST_WALK.item = v as Item;
    LAST_WALK.n = walked;
    LAST_WALK.kinds = kinds;
  }
  return v as Item;
}

/** A copy of the first `n` attributes of `v` (all kept as they are). */
function keptSoFar(v: Item, n: number): Item {
  const out: Item = {};
  let i = 0;
  for (const name in v) {
    if (i === n) break;
    if (!hasOwn(v, name)) continue;
    setOwn(out, name, v[name]!);
    i++;
  }
  return out;
}
