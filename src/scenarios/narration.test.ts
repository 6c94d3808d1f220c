// Narration stops: a step waits for the first fact of its type whose fields equal its `match`,
// after the previous step's stop; a step that never stops leaves every later step unstopped.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim/trace/events.ts';
import { matchesUntil, narrationStops } from './narration.ts';

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
});
