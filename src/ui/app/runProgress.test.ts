import { describe, expect, it } from 'vitest';
import { progressText } from './runProgress.ts';

describe('progressText', () => {
  it('says how far the run has got, in tenths of a second under 10 s and whole seconds after', () => {
    expect(progressText({ doneMs: 2_250, totalMs: 60_000, facts: 0 })).toBe('2.3 s of 60 s simulated');
    expect(progressText({ doneMs: 27_500, totalMs: 3_600_000, facts: 0 })).toBe('28 s of 3,600 s simulated');
  });

  it('counts the Lambda invocations of runs with the learner’s code', () => {
    expect(progressText({ doneMs: 500, totalMs: 10_000, facts: 0, invocations: 1 })).toBe('0.5 s of 10 s simulated · 1 Lambda invocation');
    expect(progressText({ doneMs: 500, totalMs: 10_000, facts: 0, invocations: 12_345 })).toBe('0.5 s of 10 s simulated · 12,345 Lambda invocations');
  });
});
