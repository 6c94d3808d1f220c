/**
 * What the downstream handlers (and the checks that judge them) need to know about a stream record,
 * reduced to one small shape: `RecordView`. Also the small key and sequence-number helpers both
 * sides share. Pure: reads records and items, touches no world state.
 */
import type { Item } from '../table/attributeValue.ts';
import type { EventName, StreamRecord } from '../stream/record.ts';
import { keyString, canonicalNumber } from '../table/attributes.ts';

/** One change of one source item, as a handler sees it. Images are absent when the view type leaves them out. */
export interface RecordView {
  eventID: string;
  eventName: EventName;
  keys: Item;
  newItem?: Item;
  oldItem?: Item;
  /** True for deletions made by the service itself (TTL). */
  byService: boolean;
  sequenceNumber: string;
}

/**
 * Whether a record is a TTL deletion: a REMOVE stamped with the service's identity. The Streams
 * API spells it `{Type: 'Service'}`, Lambda events `{type: 'Service'}`; accept either.
 */
export function isServiceDeletion(record: StreamRecord): boolean {
  const id = record.userIdentity as { Type?: unknown; type?: unknown } | undefined;
  const type = id?.Type ?? id?.type;
  return record.eventName === 'REMOVE' && typeof type === 'string' && type.toLowerCase() === 'service';
}

export function viewOf(record: StreamRecord): RecordView {
  const d = record.dynamodb;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    keys: d.Keys,
    ...(d.NewImage ? { newItem: d.NewImage } : {}),
    ...(d.OldImage ? { oldItem: d.OldImage } : {}),
    byService: isServiceDeletion(record),
    sequenceNumber: d.SequenceNumber,
  };
}

/**
 * Sequence numbers as fixed-width strings. AWS's are decimal strings of 21 to 40 digits; a
 * DynamoDB N keeps only 38 significant digits, so storing them as numbers could round two
 * different sequence numbers to the same value. Zero-padded to 40 digits, string order (which
 * conditions on S compare byte by byte) is numeric order.
 */
export const SEQUENCE_WIDTH = 40;

export function padSequence(seq: string): string {
  return seq.padStart(SEQUENCE_WIDTH, '0');
}

/** Numeric comparison of two sequence numbers (BigInt semantics, any length). */
export function compareSequence(a: string, b: string): -1 | 0 | 1 {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The key names of an item key in a stable order: the given schema order, else sorted. */
function keyNames(keys: Item, schemaNames: readonly string[] | undefined): string[] {
  return schemaNames && schemaNames.every((n) => n in keys) ? [...schemaNames] : Object.keys(keys).sort();
}

/** An unambiguous identity for a source item, used as a ledger key. */
export function itemIdOf(keys: Item, schemaNames?: readonly string[]): string {
  return keyString(keys, keyNames(keys, schemaNames));
}

/** A key as a learner reads it: `voter#0004`, or `list-1 / task-3` for a composite key. */
export function readableKey(keys: Item, schemaNames?: readonly string[]): string {
  return keyNames(keys, schemaNames)
    .map((n) => {
      const v = keys[n]!;
      if ('S' in v) return v.S;
      if ('N' in v) return canonicalNumber(v.N);
      if ('B' in v) return v.B;
      return JSON.stringify(v);
    })
    .join(' / ');
}

/**
 * Reads a key string (`S10:voter#0004N1:7`, see `keyString`) back into its values, for messages.
 * Falls back to the raw string when it does not parse.
 */
export function readableKeyString(ks: string): string {
  const parts: string[] = [];
  let i = 0;
  while (i < ks.length) {
    const m = /^([SNB])(\d+):/.exec(ks.slice(i));
    if (!m) return ks;
    const len = Number(m[2]);
    const start = i + m[0].length;
    parts.push(ks.slice(start, start + len));
    i = start + len;
  }
  return parts.join(' / ');
}
