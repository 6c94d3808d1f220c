/**
 * A change set in words, for labels ("counter BatchSize → 1; durationMs → 90000"): the last two
 * segments of each path and the value, short. Pure.
 *
 * May import: scenario types. May not import: React, worker, sim runtime.
 */
import type { ScenarioEdit } from '../../scenarios/edits.ts';

function valueText(v: unknown): string {
  if (v === null || v === undefined) return 'removed';
  if (typeof v === 'object') {
    const id = (v as { id?: unknown }).id;
    return typeof id === 'string' ? id : Array.isArray(v) ? `${v.length} item${v.length === 1 ? '' : 's'}` : 'changed';
  }
  return String(v);
}

/** One edit in words. */
export function describeEdit(e: ScenarioEdit): string {
  const segs = e.p.split('/');
  if (segs[0] === 'consumers' && segs.length === 2) return segs[1] === '+' ? `added consumer ${valueText(e.v)}` : e.v === null ? `removed consumer ${segs[1]}` : `consumer ${segs[1]} replaced`;
  if (segs[0] === 'consumers') return `${segs[1]} ${segs.slice(-1)[0]} → ${valueText(e.v)}`;
  return `${segs.slice(-2).join(' ')} → ${valueText(e.v)}`;
}

/** The change set in words, at most `max` edits named (then "and n more"). */
export function describeEdits(edits: readonly ScenarioEdit[], max = 3): string {
  if (edits.length === 0) return 'no change';
  const named = edits.slice(0, max).map(describeEdit).join('; ');
  return edits.length > max ? `${named} and ${edits.length - max} more` : named;
}
