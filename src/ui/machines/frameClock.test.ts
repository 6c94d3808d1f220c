/**
 * The playground's clock: one TICK per animation frame, and about one per `COAST_MS` while the stage
 * lets it coast, each carrying the wall time since the last (so simulated time is not lost).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { assign, createActor, setup } from 'xstate';
import { allowCoasting, COAST_MS } from '../clock/coast.ts';
import { coastingFrames } from './frameClock.ts';
import type { PlaybackEvent } from './playback.machine.ts';

let pending: Array<(now: number) => void> = [];
const g = globalThis as unknown as { requestAnimationFrame?: unknown; cancelAnimationFrame?: unknown };
g.requestAnimationFrame = (cb: (now: number) => void) => pending.push(cb);
g.cancelAnimationFrame = () => {};

function runFrames(from: number, count: number): void {
  for (let i = 0; i < count; i++) {
    const calls = pending;
    pending = [];
    for (const cb of calls) cb(from + i * 16);
  }
}

const ticks = setup({ types: { events: {} as PlaybackEvent, context: {} as { elapsed: number[] } }, actors: { coastingFrames } }).createMachine({
  context: { elapsed: [] },
  invoke: { src: 'coastingFrames' },
  on: { TICK: { actions: assign({ elapsed: ({ context, event }) => [...context.elapsed, event.type === 'TICK' ? event.elapsedMs : 0] }) } },
});

let stopCoasting = () => {};
afterEach(() => stopCoasting());

describe('coastingFrames', () => {
  it('ticks every frame, and every COAST_MS while the stage allows coasting, losing no time', () => {
    const start = performance.now();
    const actor = createActor(ticks).start();
    runFrames(start + 16, 10);
    expect(actor.getSnapshot().context.elapsed).toHaveLength(10);
    let coast = true;
    stopCoasting = allowCoasting(() => coast);
    runFrames(start + 176, 30); // 480 ms of frames
    const coasting = actor.getSnapshot().context.elapsed.slice(10);
    expect(coasting.length).toBeLessThanOrEqual(Math.ceil(480 / COAST_MS));
    expect(coasting.every((ms) => ms >= COAST_MS && ms < COAST_MS + 16)).toBe(true);
    coast = false;
    runFrames(start + 656, 5);
    expect(actor.getSnapshot().context.elapsed.slice(10 + coasting.length)).toHaveLength(5);
    const total = actor.getSnapshot().context.elapsed.reduce((a, b) => a + b, 0);
    // Every ms from the clock's start to the last frame was ticked (the start is a moment after `start`).
    expect(total).toBeGreaterThan(656 + 4 * 16 - 10);
    expect(total).toBeLessThanOrEqual(656 + 4 * 16);
    actor.stop();
  });
});
