/**
 * How values read on screen: simulated times, shortened ids and sequence numbers, attribute values.
 * Pure string functions, shared by the panels.
 *
 * May import: sim types. May not import: React, worker runtime.
 */
import type { AttributeValue } from '../../sim/index.ts';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `+00:01:05.120`: simulated time since the run started, always the same width so it does not jitter. */
export function formatSimTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor(total / 60_000) % 60;
  const s = Math.floor(total / 1000) % 60;
  return `+${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(total % 1000, 3)}`;
}

/** The last 6 digits of a sequence number: enough to tell records apart on one shard. */
export function shortSequence(seq: string): string {
  return seq.length > 6 ? `…${seq.slice(-6)}` : seq;
}

/** A shard id's random suffix (`shardId-00000001700000000000-9165649f` → `…9165649f`). */
export function shortShardId(id: string): string {
  const dash = id.lastIndexOf('-');
  return dash >= 0 ? `…${id.slice(dash + 1)}` : id;
}

/** An attribute value as a cell shows it: strings and numbers plain, the rest compact JSON. */
export function formatAttribute(v: AttributeValue | undefined): string {
  if (v === undefined) return '';
  if ('S' in v) return v.S;
  if ('N' in v) return v.N;
  if ('BOOL' in v) return String(v.BOOL);
  if ('NULL' in v) return 'null';
  return JSON.stringify(v);
}
