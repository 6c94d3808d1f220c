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

/**
 * A number as `n.toLocaleString('en-US', { maximumFractionDigits })` writes it (`1,000`, `0.25`,
 * `27.5`), without Intl: a page's first call of `toLocaleString` initialises ICU's number formatting,
 * 20–80 ms on the main thread, and the first screen's speed menu and run-progress line called it
 * before the first live frame. Rounds as Intl does: the shortest decimal that reads back as `n`
 * (`String(n)`), half away from zero. Numbers JavaScript writes with an exponent go to Intl.
 */
export function formatNumber(n: number, maximumFractionDigits = 3): string {
  const text = String(Math.abs(n));
  if (!/^\d+(\.\d+)?$/.test(text)) return n.toLocaleString('en-US', { maximumFractionDigits });
  const [whole = '', fraction = ''] = text.split('.');
  let digits = whole + fraction.slice(0, maximumFractionDigits).padEnd(maximumFractionDigits, '0');
  if (fraction.length > maximumFractionDigits && fraction.charCodeAt(maximumFractionDigits) >= 53 /* '5' */) digits = incrementDecimal(digits);
  const cut = digits.length - maximumFractionDigits;
  const grouped = digits.slice(0, cut).replace(/\B(?=(\d{3})+$)/g, ',');
  const kept = digits.slice(cut).replace(/0+$/, '');
  return `${n < 0 || Object.is(n, -0) ? '-' : ''}${grouped}${kept ? `.${kept}` : ''}`;
}

/** A string of decimal digits plus one in its last place (`'0999'` → `'1000'`, `'99'` → `'100'`). */
function incrementDecimal(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  const carried = '0'.repeat(digits.length - 1 - i);
  return i < 0 ? `1${carried}` : `${digits.slice(0, i)}${String(Number(digits[i]) + 1)}${carried}`;
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
