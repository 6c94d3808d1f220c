/**
 * DynamoDB numbers as exact decimals: parsing, canonical form, range checks, addition and ordering.
 *
 * Numbers live as canonical decimal strings and are compared and added as BigInt mantissas with a
 * power-of-ten scale, because DynamoDB keeps 38 significant digits, far beyond what a double holds.
 * Pure: no floating point anywhere a DynamoDB number is involved.
 *
 * May import: api/errors.ts (its messages).
 */
import { validationError } from '../api/errors.ts';

/** A decimal as sign, significant digits (no leading or trailing zeros; '' for zero) and scale. */
export interface Decimal {
  neg: boolean;
  digits: string;
  /** value = digits × 10^scale */
  scale: number;
}

const NUMBER_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_DIGITS = 38;
const MAX_EXPONENT = 125; // largest magnitude 9.99…9E+125
const MIN_EXPONENT = -130; // smallest magnitude 1E-130

function notNumeric(s: string): never {
  throw validationError(`The parameter cannot be converted to a numeric value: ${s}`);
}

export function parseDecimal(s: string): Decimal {
  const m = NUMBER_RE.exec(s);
  if (!m) notNumeric(s);
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') notNumeric(s);
  const all = int + frac;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return { neg: false, digits: '', scale: 0 };
  const expText = m[4] ?? '0';
  // An exponent this long cannot land in range whatever the digits; avoid parsing it as a float.
  if (expText.replace(/^[+-]?0*/, '').length > 9) {
    throw expText.startsWith('-') ? underflow() : overflow();
  }
  const significant = all.slice(lead);
  const digits = significant.replace(/0+$/, '');
  const scale = Number.parseInt(expText, 10) - frac.length + (significant.length - digits.length);
  return { neg: m[1] === '-', digits, scale };
}

const overflow = (): Error =>
  validationError('Number overflow. Attempting to store a number with magnitude larger than supported range');
const underflow = (): Error =>
  validationError('Number underflow. Attempting to store a number with magnitude smaller than supported range');

function checkRange(d: Decimal): void {
  if (d.digits === '') return;
  if (d.digits.length > MAX_DIGITS) {
    throw validationError('Attempting to store more than 38 significant digits in a Number');
  }
  const adjusted = d.digits.length - 1 + d.scale;
  if (adjusted > MAX_EXPONENT) throw overflow();
  if (adjusted < MIN_EXPONENT) throw underflow();
}

function formatDecimal(d: Decimal): string {
  if (d.digits === '') return '0';
  const sign = d.neg ? '-' : '';
  if (d.scale >= 0) return sign + d.digits + '0'.repeat(d.scale);
  const point = d.digits.length + d.scale;
  if (point > 0) return `${sign}${d.digits.slice(0, point)}.${d.digits.slice(point)}`;
  return `${sign}0.${'0'.repeat(-point)}${d.digits}`;
}

/**
 * A plain integer already in canonical form: an optional '-', then 1 to 38 digits without a leading
 * zero (or exactly "0"). Such a string canonicalises to itself and is always in range, so the
 * general parser (a regular expression and several substrings) is skipped. The usual case by far.
 */
export function isCanonicalInteger(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const digits = n - i;
  if (digits < 1 || digits > MAX_DIGITS) return false;
  const first = s.charCodeAt(i);
  if (first === 48 /* 0 */) return n === 1; // "0" (but not "-0", "00" or "07")
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * `numberSize` (itemSize.ts) of `s` when `s` is a canonical integer (`isCanonicalInteger`), else 0
 * (no number has size 0): the check and the size in one pass over the digits. Validation asks it
 * of every N on every write, and each `charCodeAt` in V8's optimized code first finds the string's
 * representation again (~30 instructions a character): the check and then `canonicalIntegerSize`
 * read n + 4 or more characters of an n-character integer, this reads n (session 19: about 230
 * instructions a put of the reference workload). Size: ceil(significant digits / 2) + 1, the
 * significant digits ending at the last non-zero one.
 */
export function canonicalIntegerSizeOf(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45 /* - */) {
    i = 1;
    c = n > 1 ? s.charCodeAt(1) : 0;
  }
  if (n - i > MAX_DIGITS) return 0;
  // "0" (but not "-0", "00" or "07"): one significant digit.
  if (c === 48 /* 0 */) return n === 1 ? 2 : 0;
  if (c < 49 || c > 57) return 0;
  // The digits up to the last non-zero one, counted from the first.
  let significant = 1;
  for (let j = i + 1; j < n; j++) {
    c = s.charCodeAt(j);
    if (c !== 48) {
      if (c < 49 || c > 57) return 0;
      significant = j - i + 1;
    }
  }
  return ((significant + 1) >> 1) + 1;
}

export function canonicalNumber(s: string): string {
  if (isCanonicalInteger(s)) return s;
  const d = parseDecimal(s);
  checkRange(d);
  return formatDecimal(d);
}

/** Signed BigInt mantissas of a and b brought to a common scale. */
function aligned(a: string, b: string): { x: bigint; y: bigint; scale: number } {
  const da = parseDecimal(a);
  const db = parseDecimal(b);
  const scale = Math.min(da.scale, db.scale);
  const toBig = (d: Decimal): bigint => {
    if (d.digits === '') return 0n;
    const mag = BigInt(d.digits) * 10n ** BigInt(d.scale - scale);
    return d.neg ? -mag : mag;
  };
  return { x: toBig(da), y: toBig(db), scale };
}

function fromBig(v: bigint, scale: number): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString();
  // Re-parse through the canonicaliser so range and digit limits apply to results too.
  return canonicalNumber(formatDecimal({ neg, digits: digits === '0' ? '' : digits, scale }));
}

export function addNumbers(a: string, b: string): string {
  const { x, y, scale } = aligned(a, b);
  return fromBig(x + y, scale);
}

export function subtractNumbers(a: string, b: string): string {
  const { x, y, scale } = aligned(a, b);
  return fromBig(x - y, scale);
}

/** Canonical integer texts this long or shorter (at most 15 digits) are exact doubles (below 2^53). */
const MAX_EXACT_INTEGER_CHARS = 15;

/** Exact numeric comparison of two number strings. */
export function compareNumbers(a: string, b: string): -1 | 0 | 1 {
  // Canonical integers of up to 15 characters are exact doubles: compared as such, without the
  // decimal alignment (a condition such as `votedAt < :now` compares two on every write).
  if (a.length <= MAX_EXACT_INTEGER_CHARS && b.length <= MAX_EXACT_INTEGER_CHARS && isCanonicalInteger(a) && isCanonicalInteger(b)) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const { x, y } = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}
