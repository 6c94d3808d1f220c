/**
 * The learner's progress on the challenges, kept in this browser only (localStorage
 * `streamscope.challenges`; nothing leaves the browser): per challenge, whether it was passed, how
 * many hints were revealed, and the last attempt (code and settings), so a learner comes back to
 * what they wrote. Read defensively: anything unreadable is dropped field by field.
 *
 * May import: nothing but types. May not import: React, zustand, worker.
 */
import type { ScenarioEdit } from '../../scenarios/edits.ts';

export const PROGRESS_KEY = 'streamscope.challenges';
/** The longest code kept per challenge (the link schema's bound). */
const MAX_CODE_CHARS = 20_000;

export interface SavedAttempt {
  code?: string;
  settings?: ScenarioEdit[];
}

export interface ChallengeProgress {
  passed: boolean;
  hints: number;
  attempt?: SavedAttempt;
}

export type ProgressMap = Record<string, ChallengeProgress>;

function readAttempt(v: unknown): SavedAttempt | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const code = typeof o.code === 'string' && o.code.length <= MAX_CODE_CHARS ? o.code : undefined;
  const settings = Array.isArray(o.settings) ? o.settings.filter((e): e is ScenarioEdit => typeof e === 'object' && e !== null && typeof (e as { p?: unknown }).p === 'string') : undefined;
  if (code === undefined && settings === undefined) return undefined;
  return { ...(code !== undefined ? { code } : {}), ...(settings ? { settings } : {}) };
}

/** The progress a stored value holds; unreadable entries are left out. */
export function parseProgress(raw: string | null): ProgressMap {
  if (!raw) return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const out: ProgressMap = {};
  for (const [id, entry] of Object.entries(v as Record<string, unknown>)) {
    if (!/^[a-z0-9-]{1,64}$/.test(id) || typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const attempt = readAttempt(e.attempt);
    out[id] = { passed: e.passed === true, hints: typeof e.hints === 'number' && Number.isInteger(e.hints) && e.hints >= 0 ? Math.min(e.hints, 10) : 0, ...(attempt ? { attempt } : {}) };
  }
  return out;
}

export function readProgress(storage: Pick<Storage, 'getItem'> | undefined): ProgressMap {
  try {
    return parseProgress(storage?.getItem(PROGRESS_KEY) ?? null);
  } catch {
    return {}; // storage blocked: nothing remembered
  }
}

/** Remembers the progress (silently skipped where storage is blocked or full: the session still works). */
export function writeProgress(progress: ProgressMap, storage: Pick<Storage, 'setItem'> | undefined): void {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Not remembered.
  }
}
