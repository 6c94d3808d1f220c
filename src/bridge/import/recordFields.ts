/**
 * The members a plain stream record and its body may have (./recordScanner.ts), and how the scanner
 * finds which one a name in the bytes is: the member that followed the previous one last time is
 * tried first (a file spells its records alike), then the name's shape (its length and first two
 * characters) is looked up. And a record's `userIdentity` (a TTL deletion's), as the importer keeps it.
 *
 * Pure. May import: ./charCodes.ts, ./utf8.ts. May not import: DOM, sim runtime, worker, ui.
 */
import { QUOTE } from './charCodes.ts';
import { bytesStartWith } from './utf8.ts';

export const EVENT_NAMES: readonly string[] = ['INSERT', 'MODIFY', 'REMOVE'];
export const EVENT_SOURCES: readonly string[] = ['aws:dynamodb'];
export const VIEW_TYPES: readonly string[] = ['NEW_AND_OLD_IMAGES', 'NEW_IMAGE', 'OLD_IMAGE', 'KEYS_ONLY'];

/** A name's length and first two characters: within each list below, no two names share them. */
function shapeOf(name: string): number {
  return name.length * 0x10000 + (name.charCodeAt(0) & 0xff) * 0x100 + (name.charCodeAt(1) & 0xff);
}

/** `shapeOf` the name spelt by the bytes `from` to `from + length`. */
function shapeAt(bytes: Uint8Array, from: number, length: number): number {
  return length * 0x10000 + bytes[from]! * 0x100 + (bytes[from + 1]! & 0xff);
}

/** The members an object may have, by number (a bit each in `seen`), found by their shape. */
export interface FieldNames {
  names: readonly string[];
  byShape: ReadonlyMap<number, number>;
}

function fieldNames(names: readonly string[]): FieldNames {
  const byShape = new Map(names.map((n, f) => [shapeOf(n), f]));
  if (byShape.size !== names.length) throw new Error('two field names share a shape');
  return { names, byShape };
}

export const RECORD_FIELDS = fieldNames(['eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'eventSourceARN', 'dynamodb', 'userIdentity']);
export const BODY_FIELDS = fieldNames(['ApproximateCreationDateTime', 'Keys', 'NewImage', 'OldImage', 'SequenceNumber', 'SizeBytes', 'StreamViewType']);

/** One object's member names, and the order a scanner met them in last. */
export class FieldOrder {
  /** The member that followed each member last time (`next[f + 1]`; `next[0]`: the first), -1 when none has yet. */
  private readonly next: Int8Array;
  private last = -1;
  /** Where the name `find` found ends: at its closing quote. */
  end = 0;

  constructor(private readonly fields: FieldNames) {
    this.next = new Int8Array(fields.names.length + 1).fill(-1);
  }

  /** The number of the member whose name starts at `from` (past its opening quote), if it is one not in `seen`; -1 otherwise. */
  find(bytes: Uint8Array, from: number, seen: number): number {
    const { names, byShape } = this.fields;
    const after = seen === 0 ? 0 : this.last + 1;
    const guess = this.next[after]!;
    let f: number | undefined = guess;
    const name = guess >= 0 ? names[guess]! : '';
    if (guess >= 0 && !(seen & (1 << guess)) && bytes[from + name.length] === QUOTE && bytesStartWith(bytes, name, from)) this.end = from + name.length;
    else {
      const end = bytes.indexOf(QUOTE, from);
      if (end < from + 2) return -1;
      f = byShape.get(shapeAt(bytes, from, end - from));
      if (f === undefined || seen & (1 << f) || !bytesStartWith(bytes, names[f]!, from)) return -1;
      this.next[after] = f;
      this.end = end;
    }
    this.last = f;
    return f;
  }
}

/**
 * A `userIdentity` as the importer keeps it (`{Type, PrincipalId}`), from its JSON: GetRecords spells
 * it so, a Lambda event `{type, principalId}`. Undefined for anything else (another member, a value
 * that is not a string), which zod judges: a TTL deletion's record left the scanner's path, and a
 * Lambda event holding one was read by zod whole, about four times as slowly.
 */
export function identityOf(json: string): { Type: string; PrincipalId: string } | undefined {
  const v = JSON.parse(json) as Record<string, unknown>;
  const keys = Object.keys(v);
  if (keys.length !== 2) return undefined;
  const [type, principal] = keys[0] === 'type' || keys[0] === 'principalId' ? [v.type, v.principalId] : [v.Type, v.PrincipalId];
  return typeof type === 'string' && typeof principal === 'string' ? { Type: type, PrincipalId: principal } : undefined;
}
