/**
 * Pure helpers for the benchmark: percentiles, ratios, the verdict against a target, and the one
 * table `npm run bench` prints. No I/O, no clock: unit-tested in stats.test.ts.
 */

/** Nearest-rank percentile (p in [0, 1]) of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

/** A target: the figure must be at most or at least `value`. */
export interface Target {
  op: '<=' | '>=';
  value: number;
  /** How the target reads in the table, e.g. "≥ 1M events/s". */
  label: string;
}

export type Verdict = 'yes' | 'no' | '—';

export function verdict(measured: number | undefined, target: Target | undefined): Verdict {
  if (target === undefined || measured === undefined || Number.isNaN(measured)) return '—';
  return (target.op === '<=' ? measured <= target.value : measured >= target.value) ? 'yes' : 'no';
}

/** How far a missed target is, in words: "3.2× too slow"-style factor, or '' when met or not applicable. */
export function shortfall(measured: number | undefined, target: Target | undefined): string {
  if (verdict(measured, target) !== 'no' || measured === undefined || target === undefined) return '';
  const factor = target.op === '<=' ? measured / target.value : target.value / measured;
  return `${factor.toFixed(factor < 10 ? 2 : 0)}× off`;
}

/** One row of the printed table. `value` is the number judged against the target. */
export interface Row {
  figure: string;
  measured: string;
  baseline: string;
  ratio: string;
  value?: number;
  target?: Target;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The Markdown table: figure | measured | baseline in the same run | ratio | target | met? */
export function formatTable(rows: readonly Row[]): string[] {
  const lines = ['| figure | measured | baseline in the same run | ratio | target | met? |', '|---|---|---|---|---|---|'];
  for (const r of rows) {
    const v = verdict(r.value, r.target);
    const miss = shortfall(r.value, r.target);
    lines.push(`| ${[r.figure, r.measured, r.baseline || '—', r.ratio || '—', r.target?.label ?? '—', miss ? `${v} (${miss})` : v].map(cell).join(' | ')} |`);
  }
  return lines;
}

/** 1234567 → "1,234,567"; fixed decimals for small numbers. */
export function fmt(n: number, decimals = 0): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function ms(n: number): string {
  return `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
