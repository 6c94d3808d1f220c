// The grade's state in the store: progress moves it while a grade runs, and a report that comes after
// the grade finished (or failed) cannot bring "Grading…" back over the result (the client drops such
// reports too: src/worker/lateProgress.test.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import type { GradeResult } from '../../worker/protocol.ts';
import { challengeClosed, challengeOpened, challengeStore, gradeFailed, gradeFinished, gradeProgressed, gradeStarted } from './challenge.store.ts';

const passed: GradeResult = { challengeId: 'poison-record', passed: true, variants: [] };

beforeEach(() => {
  challengeClosed();
  challengeOpened('poison-record');
});

describe('a grade in the challenge store', () => {
  it('shows progress while it runs, then the result', () => {
    gradeStarted();
    gradeProgressed({ done: 1, total: 3, variant: 'Hidden variant 1' });
    expect(challengeStore.getState().grading).toEqual({ done: 1, total: 3, variant: 'Hidden variant 1' });
    gradeFinished(passed);
    expect(challengeStore.getState()).toMatchObject({ grading: undefined, result: passed });
  });

  it('drops the last report when it comes after the result', () => {
    gradeStarted();
    gradeFinished(passed);
    gradeProgressed({ done: 3, total: 3, variant: '' });
    expect(challengeStore.getState()).toMatchObject({ grading: undefined, result: passed });
  });

  it('drops a report that comes after the grade failed, keeping the error', () => {
    gradeStarted();
    gradeFailed('The simulation worker stopped answering (grading took more than 20 s).');
    gradeProgressed({ done: 2, total: 3, variant: 'Hidden variant 2' });
    expect(challengeStore.getState()).toMatchObject({ grading: undefined, error: 'The simulation worker stopped answering (grading took more than 20 s).' });
  });
});
