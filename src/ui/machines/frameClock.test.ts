/**
 * The playground's clock: one TICK per animation frame; while the stage lets it coast (here for the
 * longest, `COAST_MS`), it asks for no frame in between and ticks about that often in a frame's time, each TICK carrying the
 * wall time since the last (so simulated time is not lost).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { assign, createActor, setup } from 'xstate';
import { allowCoasting, COAST_MS } from '../clock/coast.ts';
import { coastingFrames } from './frameClock.ts';
import type { PlaybackEvent } from './playback.machine.ts';

let pending: Array<(now: number) => void> = [];
let asked = 0;
const g = globalThis as unknown as { requestAnimationFrame?: unknown; cancelAnimationFrame?: unknown };
g.requestAnimationFrame = (cb: (now: number) => void) => {
  asked++;
  return pending.push(cb);
};
g.cancelAnimationFrame = () => {
  pending = [];
};

/** `count` display frames of 16 ms: timers due by then fire, then the frame's callbacks run. */
function runFrames(count: number): void {
  for (let i = 0; i < count; i++) {
    vi.advanceTimersByTime(16);
    const calls = pending;
    pending = [];
    for (const cb of calls) cb(performance.now());
  }
}

const ticks = setup({ types: { events: {} as PlaybackEvent, context: {} as { elapsed: number[] } }, actors: { coastingFrames } }).createMachine({
  context: { elapsed: [] },
  invoke: { src: 'coastingFrames' },
  on: { TICK: { actions: assign({ elapsed: ({ context, event }) => [...context.elapsed, event.type === 'TICK' ? event.elapsedMs : 0] }) } },
});

let stopCoasting = () => {};
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  stopCoasting();
  vi.useRealTimers();
});

describe('coastingFrames', () => {
  it('ticks every frame, and every COAST_MS without frames in between while coasting, losing no time', () => {
    const actor = createActor(ticks).start();
    runFrames(10);
    expect(actor.getSnapshot().context.elapsed).toEqual(Array(10).fill(16));
    let coast = true;
    stopCoasting = allowCoasting(() => (coast ? COAST_MS : 0));
    asked = 0;
    runFrames(30); // 480 ms
    const coasting = actor.getSnapshot().context.elapsed.slice(10);
    expect(coasting.length).toBeLessThanOrEqual(Math.ceil(480 / COAST_MS));
    expect(coasting.every((ms) => ms >= COAST_MS && ms <= COAST_MS + 16)).toBe(true);
    expect(asked).toBeLessThan(30 / 2); // the clock slept between its ticks
    coast = false;
    runFrames(10);
    const after = actor.getSnapshot().context.elapsed.slice(10 + coasting.length);
    expect(after.length).toBeGreaterThanOrEqual(9);
    const total = actor.getSnapshot().context.elapsed.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(50 * 16 - 16); // every ms up to the last tick
    expect(total).toBeLessThanOrEqual(50 * 16);
    actor.stop();
  });
});
