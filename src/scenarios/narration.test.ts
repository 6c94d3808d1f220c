// Narration stops: a step waits for the first fact of its type whose fields equal its `match`,
// after the previous step's stop; a step that never stops leaves every later step unstopped.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim/trace/events.ts';
import { matchesUntil, narrationStops, narrationStopTimes } from './narration.ts';

const crash = (t: number, worker: string): TraceEvent => ({ t, type: 'crash', consumer: 'c', worker, reason: 'now' });
const restart = (t: number, worker: string): TraceEvent => ({ t, type: 'restart', consumer: 'c', worker });

describe('narration', () => {
  it('matches a fact by type and by every field it names', () => {
    expect(matchesUntil({ fact: 'crash' }, crash(1, 'w1'))).toBe(true);
    expect(matchesUntil({ fact: 'crash', match: { worker: 'w1' } }, crash(1, 'w1'))).toBe(true);
    expect(matchesUntil({ fact: 'crash', match: { worker: 'w2' } }, crash(1, 'w1'))).toBe(false);
    expect(matchesUntil({ fact: 'crash', match: { missing: 'x' } }, crash(1, 'w1'))).toBe(false);
    expect(matchesUntil({ fact: 'restart' }, crash(1, 'w1'))).toBe(false);
  });

  it('stops each step at the next match after the previous stop', () => {
    const trace = [crash(1, 'w1'), restart(2, 'w1'), crash(3, 'w1'), crash(4, 'w2')];
    const step = (fact: string, match?: Record<string, string>) => ({ until: { fact, ...(match ? { match } : {}) }, text: '' });
    expect(narrationStops([step('crash'), step('crash'), step('crash', { worker: 'w2' })], trace)).toEqual([0, 2, 3]);
    expect(narrationStops([step('restart'), step('restart'), step('crash')], trace)).toEqual([1, -1, -1]);
  });

  it('stops an end-of-run step at the last fact, at the scenario\'s end time', () => {
    const trace = [crash(1, 'w1'), restart(2, 'w1')];
    const steps = [{ until: { fact: 'crash' }, text: '' }, { until: { fact: 'end-of-run' }, text: '' }];
    expect(narrationStops(steps, trace)).toEqual([0, 1]);
    expect(narrationStopTimes(steps, trace, 60_000)).toEqual([1, 60_000]);
    expect(narrationStopTimes([{ until: { fact: 'restart' }, text: '' }, ...steps], trace, 60_000)).toEqual([2, null, null]);
  });
});
