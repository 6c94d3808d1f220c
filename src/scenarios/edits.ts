/**
 * Scenario edits: a compact change set against a built-in scenario, so a link carries "voting-naive-crash
 * with the counter's idempotency set to event-id" in a few dozen characters instead of the whole
 * scenario. An edit is `{ p, v }`: a slash-separated path into the scenario and the value it gets.
 *
 * - An array segment is an index, or the `id` of an element (`consumers/counter/mapping/BatchSize`),
 *   so an edit keeps naming the same consumer when the built-in scenario gains one before it.
 * - `+` as the last segment appends to an array (`consumers/+` adds a consumer).
 * - `v: null` removes the key, or the array element (`consumers/counter` with null removes it).
 *
 * Applying edits never trusts them: paths are bounded and may not reach into the prototype, and the
 * result is validated as a whole scenario by the caller (`parseScenario`). An edited scenario keeps
 * its id (links and the gallery still know where it came from) but drops its `lesson` and its
 * `narration`: what the built-in run had to show, and the story told about it (with its claims and
 * pauses), are no longer true once a setting changed.
 *
 * Data only. May import: zod. May not import: sim runtime, worker, ui, share.
 */
import { z } from 'zod';
import type { Scenario } from './types.ts';

// As in schema.ts: the app's CSP forbids eval, and zod's probe for `new Function` would be reported.
// The settings panel loads this module in the first chunk, before anything imports schema.ts.
z.config({ jitless: true });

/** At most this many edits in one change set (a link stays small; a bigger change is a scenario file). */
export const MAX_EDITS = 100;

const SEGMENT = /^(?:\d{1,4}|[A-Za-z][A-Za-z0-9_-]{0,63}|\+)$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** One edit: path `p` (segments joined by `/`), value `v` (JSON; null removes). */
export const ScenarioEditSchema = z
  .object({
    p: z
      .string()
      .min(1)
      .max(256)
      .refine((p) => p.split('/').every((s) => SEGMENT.test(s) && !FORBIDDEN.has(s)), 'must be a path of names, indexes or ids separated by /'),
    v: z.unknown(),
  })
  .strict()
  .refine((e) => JSON.stringify(e.v ?? null).length <= 24_000, { message: 'value is too large for one edit', path: ['v'] });

export const ScenarioEditsSchema = z.array(ScenarioEditSchema).max(MAX_EDITS, `at most ${MAX_EDITS} edits; save a scenario file for more`);

export type ScenarioEdit = z.infer<typeof ScenarioEditSchema>;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(x: unknown): x is Record<string, Json> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Finds the array element a segment names: an index, or the element whose `id` is the segment. */
function elementIndex(arr: Json[], seg: string): number {
  if (/^\d+$/.test(seg)) return Number(seg) < arr.length ? Number(seg) : -1;
  return arr.findIndex((x) => isObject(x) && x.id === seg);
}

function applyOne(root: Record<string, Json>, edit: ScenarioEdit): string | undefined {
  const segs = edit.p.split('/');
  // A copy: the scenario must not share objects with the edit, or a later edit into this value
  // would change the edit itself (and every scenario built from it afterwards).
  const value = (edit.v === undefined || edit.v === null ? null : JSON.parse(JSON.stringify(edit.v))) as Json;
  let node: Json = root;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    let next: Json | undefined;
    if (Array.isArray(node)) {
      const at = elementIndex(node, seg);
      next = at < 0 ? undefined : node[at];
    } else if (isObject(node)) {
      // A missing object on the way is created, so `consumers/x/mapping/BatchSize` works on a bare mapping.
      if (!Object.hasOwn(node, seg) && value !== null) node[seg] = /^\d+$/.test(segs[i + 1]!) || segs[i + 1] === '+' ? [] : {};
      next = Object.hasOwn(node, seg) ? node[seg] : undefined;
    }
    if (next === undefined || next === null || typeof next !== 'object') return value === null ? undefined : `${segs.slice(0, i + 1).join('/')} does not exist`;
    node = next;
  }
  const last = segs.at(-1)!;
  if (Array.isArray(node)) {
    if (last === '+') {
      if (value === null) return `${edit.p}: nothing to append`;
      node.push(value);
      return undefined;
    }
    const at = elementIndex(node, last);
    if (at < 0) return value === null ? undefined : `${edit.p} does not exist`;
    if (value === null) node.splice(at, 1);
    else node[at] = value;
    return undefined;
  }
  if (!isObject(node)) return `${edit.p} does not exist`;
  if (last === '+') return `${edit.p}: + appends to a list only`;
  if (value === null) delete node[last];
  else node[last] = value;
  return undefined;
}

/**
 * The scenario with the edits applied in order, not yet validated (the caller runs `parseScenario`).
 * A path that names nothing is a failure with the path in words, not a silent no-op.
 */
export function applyEdits(base: Scenario, edits: readonly ScenarioEdit[]): { ok: true; scenario: unknown } | { ok: false; message: string } {
  if (edits.length === 0) return { ok: true, scenario: base };
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, Json>;
  for (const edit of edits) {
    const problem = applyOne(copy, edit);
    if (problem) return { ok: false, message: `The edit ${edit.p} cannot be applied: ${problem}.` };
  }
  delete copy.lesson;
  delete copy.narration;
  return { ok: true, scenario: copy };
}

/** JSON with object keys sorted, to compare values whatever order their keys were set in. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

/** Whether `seg` may be one segment of an edit's path. */
function validSegment(seg: string): boolean {
  return SEGMENT.test(seg) && !FORBIDDEN.has(seg) && seg !== '+';
}

/**
 * A change set that turns `base` into `edited`: one edit per changed leaf, consumers compared by id
 * (removed ones removed by id, added ones appended whole). Other arrays that differ in length are
 * replaced whole. `lesson` and `narration` are ignored (edits drop them). Checked by applying it: when the edits would
 * not rebuild `edited` exactly (consumers reordered), the consumers list travels whole.
 */
export function diffScenario(base: Scenario, edited: Scenario): ScenarioEdit[] {
  const a = JSON.parse(JSON.stringify(base)) as Record<string, Json>;
  const b = JSON.parse(JSON.stringify(edited)) as Record<string, Json>;
  for (const dropped of ['lesson', 'narration']) {
    delete a[dropped];
    delete b[dropped];
  }
  const out: ScenarioEdit[] = [];
  const before = Array.isArray(a.consumers) ? a.consumers : undefined;
  const after = Array.isArray(b.consumers) ? b.consumers : undefined;
  if (before && after) {
    const idOf = (c: Json) => (isObject(c) && typeof c.id === 'string' ? c.id : '');
    for (const c of before) if (!after.some((x) => idOf(x) === idOf(c))) out.push({ p: `consumers/${idOf(c)}`, v: null });
    for (const c of after) {
      const old = before.find((x) => idOf(x) === idOf(c));
      if (old === undefined) out.push({ p: 'consumers/+', v: c });
      else diffValue(old, c, `consumers/${idOf(c)}`, out);
    }
  } else {
    diffValue(a.consumers, b.consumers, 'consumers', out);
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (k !== 'consumers') diffValue(a[k], b[k], k, out);
  const rebuilt = applyEdits(base, out);
  if (rebuilt.ok && canonical(rebuilt.scenario) === canonical(b)) return out;
  return [...out.filter((e) => !e.p.startsWith('consumers')), { p: 'consumers', v: b.consumers ?? null }];
}

function diffValue(a: Json | undefined, b: Json | undefined, path: string, out: ScenarioEdit[]): void {
  if (canonical(a) === canonical(b)) return;
  if (b === undefined) {
    out.push({ p: path, v: null });
    return;
  }
  if (isObject(a) && isObject(b) && [...Object.keys(a), ...Object.keys(b)].every(validSegment)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffValue(a[k], b[k], `${path}/${k}`, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => diffValue(x, b[i], `${path}/${i}`, out));
    return;
  }
  out.push({ p: path, v: b });
}
