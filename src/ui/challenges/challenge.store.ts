/**
 * The challenge the learner has open and its grade, outside React (the panel unmounts when another
 * dock tab shows, and neither the grade nor the progress may be lost then). Progress is written to
 * localStorage on each change (`progress.ts`).
 *
 * May import: zustand, ./progress.ts, protocol types. May not import: worker runtime, React.
 */
import { createStore } from 'zustand/vanilla';
import type { GradeProgress, GradeResult } from '../../worker/protocol.ts';
import { readProgress, writeProgress, type ProgressMap, type SavedAttempt } from './progress.ts';

export interface ChallengeState {
  /** The open challenge, or undefined: no Challenge tab. */
  activeId: string | undefined;
  progress: ProgressMap;
  /** Set while a grade runs. */
  grading: GradeProgress | undefined;
  /** The last grade of the open challenge. */
  result: GradeResult | undefined;
  /** Grading itself failed (the worker stopped answering): why. */
  error: string | undefined;
  /** Opened from an attempt link: grade the attempt the link carries once its run is loaded. */
  gradeOnLoad: boolean;
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export const challengeStore = createStore<ChallengeState>(() => ({ activeId: undefined, progress: readProgress(storage()), grading: undefined, result: undefined, error: undefined, gradeOnLoad: false }));

function saveProgress(update: (p: ProgressMap) => ProgressMap): void {
  const progress = update(challengeStore.getState().progress);
  challengeStore.setState({ progress });
  writeProgress(progress, storage());
}

export function challengeOpened(id: string, fromLink = false): void {
  const same = challengeStore.getState().activeId === id;
  challengeStore.setState({ activeId: id, gradeOnLoad: fromLink, ...(same ? {} : { result: undefined, error: undefined, grading: undefined }) });
}

export function challengeClosed(): void {
  challengeStore.setState({ activeId: undefined, result: undefined, error: undefined, grading: undefined, gradeOnLoad: false });
}

export function hintRevealed(id: string, hints: number): void {
  saveProgress((p) => ({ ...p, [id]: { passed: p[id]?.passed ?? false, ...p[id], hints } }));
}

export function attemptSaved(id: string, attempt: SavedAttempt): void {
  saveProgress((p) => ({ ...p, [id]: { passed: p[id]?.passed ?? false, hints: p[id]?.hints ?? 0, attempt } }));
}

export function gradeStarted(): void {
  challengeStore.setState({ grading: { done: 0, total: 1, variant: '' }, error: undefined, gradeOnLoad: false });
}

/** Progress of the grade that runs; a report after its grade finished or failed is stale and dropped (it would show "Grading…" for good). */
export function gradeProgressed(p: GradeProgress): void {
  if (challengeStore.getState().grading === undefined) return;
  challengeStore.setState({ grading: p });
}

export function gradeFinished(result: GradeResult): void {
  challengeStore.setState({ grading: undefined, result });
  // Passed once stays passed: a later failing experiment does not take it away.
  if (result.passed) saveProgress((p) => ({ ...p, [result.challengeId]: { hints: 0, ...p[result.challengeId], passed: true } }));
}

export function gradeFailed(message: string): void {
  challengeStore.setState({ grading: undefined, error: message });
}
