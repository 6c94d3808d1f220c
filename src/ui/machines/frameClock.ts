/**
 * The playback machine's clock as the page runs it: one TICK in the `tick` phase of the page's one
 * frame loop (`clock/scheduler.ts`) while playing. The playground and the compare view both use it,
 * so both play on the same loop. The playground's clock (`coastingFrames`) skips frames while the
 * stage allows it (`clock/coast.ts`): a TICK about every `COAST_MS` carries the wall time since the last.
 *
 * May import: xstate, ../clock/scheduler.ts, ../clock/coast.ts, ./playback.machine.ts. May not import: React, worker.
 */
import { fromCallback } from 'xstate';
import { COAST_MS, mayCoast } from '../clock/coast.ts';
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
  return frameScheduler().everyFrame('tick', (now) => {
    if (now - last < COAST_MS && mayCoast()) return;
    const elapsedMs = Math.min(Math.max(now - last, 0), MAX_FRAME_MS);
    last = now;
    if (elapsedMs > 0) sendBack({ type: 'TICK', elapsedMs });
  });
});
