// The page's one frame loop, driven by a fake rAF: phases run in order, one-shots coalesce by key,
// and the loop sleeps when nothing is scheduled.
import { describe, expect, it } from 'vitest';
import { createScheduler, type RafLike } from './scheduler.ts';

function fakeRaf() {
  let next: ((now: number) => void) | undefined;
  let now = 0;
  const raf: RafLike = {
    request(cb) {
      next = cb;
      return 1;
    },
    cancel() {
      next = undefined;
    },
  };
  return {
    raf,
    pending: () => next !== undefined,
    frame() {
      const cb = next;
      next = undefined;
      now += 16;
      cb?.(now);
    },
  };
}

describe('frame scheduler', () => {
  it('runs tick, request, canvas and dom in that order, whatever the order they were asked in', () => {
    const r = fakeRaf();
    const s = createScheduler(r.raf);
    const order: string[] = [];
    s.schedule('dom', 'd', () => order.push('dom'));
    s.schedule('canvas', 'c', () => order.push('canvas'));
    const stop = s.everyFrame('tick', () => order.push('tick'));
    s.schedule('request', 'r', () => order.push('request'));
    r.frame();
    expect(order).toEqual(['tick', 'request', 'canvas', 'dom']);
    stop();
  });

  it('coalesces one-shots by key (the last wins) and lets a phase schedule a later one in the same frame', () => {
    const r = fakeRaf();
    const s = createScheduler(r.raf);
    const calls: string[] = [];
    s.schedule('canvas', 'marks', () => calls.push('first'));
    s.schedule('canvas', 'marks', () => calls.push('second'));
    s.schedule('request', 'frame', () => s.schedule('dom', 'x', () => calls.push('dom after request')));
    r.frame();
    expect(calls).toEqual(['second', 'dom after request']);
    expect(s.frames).toBe(1);
  });

  it('sleeps when nothing is scheduled, and stops an every-frame callback when asked', () => {
    const r = fakeRaf();
    const s = createScheduler(r.raf);
    let ticks = 0;
    const stop = s.everyFrame('tick', () => ticks++);
    r.frame();
    r.frame();
    expect(ticks).toBe(2);
    expect(r.pending()).toBe(true);
    stop();
    expect(r.pending()).toBe(false);
    s.schedule('canvas', 'k', () => undefined);
    s.cancel('canvas', 'k');
    r.frame();
    expect(r.pending()).toBe(false);
    expect(ticks).toBe(2);
  });
});
