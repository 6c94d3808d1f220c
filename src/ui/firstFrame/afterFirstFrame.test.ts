import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_FRAME_MARK } from '../timeline/LayeredCanvas.tsx';
import { afterFirstFrame, type Clock } from './afterFirstFrame.ts';

/** A clock whose timers run only when the test says so. */
function manualClock() {
  const timers = new Map<number, () => void>();
  let next = 1;
  const clock: Clock = {
    setTimeout: (f) => (timers.set(next, f), next++),
    clearTimeout: (id) => void timers.delete(id as number),
  };
  return { clock, fire: () => [...timers.values()].forEach((f) => f()), pending: () => timers.size };
}

const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 20 && !done; i++) await new Promise((r) => setTimeout(r, 5));
  return done;
};

afterEach(() => performance.clearMarks());

describe('afterFirstFrame', () => {
  it('waits for the first-frame mark, and then drops its timer', async () => {
    const c = manualClock();
    const waiting = afterFirstFrame(10_000, c.clock);
    performance.mark('something-else');
    expect(await settled(waiting)).toBe(false);
    performance.mark(FIRST_FRAME_MARK);
    expect(await settled(waiting)).toBe(true);
    expect(c.pending()).toBe(0);
  });

  it('counts a frame drawn before it was asked', async () => {
    performance.mark(FIRST_FRAME_MARK);
    expect(await settled(afterFirstFrame(10_000, manualClock().clock))).toBe(true);
  });

  it('gives up waiting after maxMs (a page that draws no timeline)', async () => {
    const c = manualClock();
    const waiting = afterFirstFrame(10_000, c.clock);
    expect(await settled(waiting)).toBe(false);
    c.fire();
    expect(await settled(waiting)).toBe(true);
  });
});
