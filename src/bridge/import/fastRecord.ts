/**
 * A fast check of a stream record against the same rules as `StreamRecordSchema` (./schema.ts), for
 * the common case of valid input: it accepts only records zod would accept, so a record that passes
 * needs no zod parse (which costs most of the time of a large import). Anything else, including
 * valid spellings it does not handle (creation times as text, `userIdentity`), goes to zod, which
 * then accepts it or names the invalid field with its path.
 *
 * Pure. May import: ../attributes.ts. May not import: DOM, sim runtime, worker, ui.
 */
import { itemProblem } from '../attributes.ts';
import type { RawRecord } from './schema.ts';

const EVENT_NAMES = new Set(['INSERT', 'MODIFY', 'REMOVE']);
const VIEW_TYPES = new Set(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']);
const SEQUENCE = /^\d{1,40}$/;

function isItem(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && itemProblem(v, '') === undefined;
}

/** True only when `StreamRecordSchema` would accept `v` as it is (with `arnRequired`: the Lambda form). */
export function isPlainValidRecord(v: unknown, arnRequired: boolean): v is RawRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (typeof r.eventID !== 'string' || r.eventID === '' || typeof r.eventName !== 'string' || !EVENT_NAMES.has(r.eventName)) return false;
  if (typeof r.eventVersion !== 'string' || r.eventSource !== 'aws:dynamodb' || typeof r.awsRegion !== 'string') return false;
  if (r.userIdentity !== undefined) return false;
  if (arnRequired ? typeof r.eventSourceARN !== 'string' || r.eventSourceARN === '' : r.eventSourceARN !== undefined && typeof r.eventSourceARN !== 'string') return false;
  const d = r.dynamodb;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return false;
  const b = d as Record<string, unknown>;
  const t = b.ApproximateCreationDateTime;
  if (typeof t !== 'number' || !Number.isFinite(t) || Math.floor(t) > 100_000_000_000) return false;
  if (typeof b.SequenceNumber !== 'string' || !SEQUENCE.test(b.SequenceNumber)) return false;
  if (typeof b.SizeBytes !== 'number' || !Number.isSafeInteger(b.SizeBytes) || b.SizeBytes < 1) return false;
  if (typeof b.StreamViewType !== 'string' || !VIEW_TYPES.has(b.StreamViewType)) return false;
  return isItem(b.Keys) && (b.NewImage === undefined || isItem(b.NewImage)) && (b.OldImage === undefined || isItem(b.OldImage));
}

/** The records of a page or event when every one of them passes, else undefined (zod decides). */
export function plainRecords(records: unknown, arnRequired: boolean): RawRecord[] | undefined {
  if (!Array.isArray(records)) return undefined;
  for (const r of records) if (!isPlainValidRecord(r, arnRequired)) return undefined;
  return records as RawRecord[];
}
