/**
 * How checks and counters write times, sequence numbers and records for a learner: simulated time
 * as `+00:03:12.450`, records by their item, event and place on their shard
 * (`vote from voter#0004 (INSERT, #4 on its shard)`, the `#n` the UI shows; the last digits of a
 * sequence number only when the place is unknown). Pure string formatting, integer maths only.
 */
import type { HandlerKind } from '../handlers/types.ts';
import { readableKeyString } from '../handlers/records.ts';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Simulated ms as `+HH:MM:SS.mmm` (hours grow past 99 if they must). */
export function formatSimTime(ms: number): string {
  const t = Math.max(0, Math.floor(ms));
  const h = Math.floor(t / 3_600_000);
  const m = Math.floor((t % 3_600_000) / 60_000);
  const s = Math.floor((t % 60_000) / 1000);
  return `+${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(t % 1000, 3)}`;
}

/** A sequence number by its last six digits: enough to tell neighbours apart on screen. */
export function shortSeq(seq: string): string {
  return seq.length > 6 ? `…${seq.slice(-6)}` : seq;
}

export interface DescribedRecord {
  eventName: string;
  sequenceNumber: string;
  keyString: string;
  byService?: boolean;
  /** The record's place on its shard: named `#n`, as the timeline and panels name it. */
  ordinal?: number;
}

const NOUNS: Record<HandlerKind, (key: string) => string> = {
  'vote-counter': (k) => `vote from ${k}`,
  'task-counter': (k) => `task ${k}`,
  replicator: (k) => `item ${k}`,
  'search-indexer': (k) => `document ${k}`,
  'ttl-archiver': (k) => `item ${k}`,
};

/** `vote from voter#0004 (INSERT, #4 on its shard)`; without a kind, `voter#0004 (INSERT, …)`. */
export function describeRecord(r: DescribedRecord, kind?: HandlerKind): string {
  const key = readableKeyString(r.keyString);
  const event = r.byService ? `TTL ${r.eventName}` : r.eventName;
  const where = r.ordinal !== undefined ? `#${r.ordinal} on its shard` : `seq ${shortSeq(r.sequenceNumber)}`;
  return `${kind ? NOUNS[kind](key) : key} (${event}, ${where})`;
}

/** `a, b and c`, or `a, b, c and 4 more` past `max`. */
export function listInWords(parts: readonly string[], max = 3): string {
  if (parts.length <= 1) return parts[0] ?? '';
  const shown = parts.slice(0, max);
  const rest = parts.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** `a; b; c`, or `a; b; c; and 4 more` past `max`: for items that hold commas themselves. */
export function listSentences(parts: readonly string[], max = 3): string {
  const shown = parts.slice(0, max);
  const rest = parts.length - shown.length;
  return rest > 0 ? `${shown.join('; ')}; and ${rest} more` : shown.join('; ');
}

/** Hours or minutes, for retention periods. */
export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}
