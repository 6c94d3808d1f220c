/**
 * The playback machine's clock as the page runs it: one TICK in the `tick` phase of the page's one
 * frame loop (`clock/scheduler.ts`) while playing. The playground and the compare view both use it,
 * so both play on the same loop. The playground's clock (`coastingFrames`) sleeps while the stage
 * allows it (`clock/coast.ts`): each TICK carries the wall time since the last.
 *
 * May import: xstate, ../clock/scheduler.ts, ../clock/coast.ts, ./playback.machine.ts. May not import: React, worker.
 */
import { fromCallback } from 'xstate';
import { coastMs } from '../clock/coast.ts';
import { frameScheduler } from '../clock/scheduler.ts';
import { MAX_FRAME_MS, type PlaybackEvent } from './playback.machine.ts';

export const animationFrames = fromCallback<PlaybackEvent>(({ sendBack }) => {
  let last = performance.now();
  return frameScheduler().everyFrame('tick', (now) => {
    const elapsedMs = Math.min(Math.max(now - last, 0), MAX_FRAME_MS);
    last = now;
    if (elapsedMs > 0) sendBack({ type: 'TICK', elapsedMs });
  });
});

export const coastingFrames = fromCallback<PlaybackEvent>(({ sendBack }) => {
  let last = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopFrames: (() => void) | undefined;
  // While coasting the clock asks for no animation frame at all: a timer wakes it for the frame of
  // the next tick, so the TICK still carries that frame's time.
  const wake = () => {
    timer = undefined;
    stopFrames = frameScheduler().everyFrame('tick', onFrame);
  };
  function onFrame(now: number): void {
    const coast = coastMs();
    if (now - last < coast) {
      stopFrames?.();
      stopFrames = undefined;
      timer = setTimeout(wake, Math.max(0, coast - (now - last) - FRAME_MS));
      return;
    }
    const elapsedMs = Math.min(Math.max(now - last, 0), MAX_FRAME_MS);
    last = now;
    if (elapsedMs > 0) sendBack({ type: 'TICK', elapsedMs });
  }
  wake();
  return () => {
    stopFrames?.();
    if (timer !== undefined) clearTimeout(timer);
  };
});

/** About one animation frame (ms): the timer wakes the clock this much before its tick is due. */
const FRAME_MS = 12;
