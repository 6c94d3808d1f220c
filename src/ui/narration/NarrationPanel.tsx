/**
 * Narration's timing: which step is current, and (optionally, on by default) playback pausing at
 * each step's fact; `NarrationCallout.tsx` shows the step on the stage. The worker computes once per run
 * the time each step stops at (`LoadResult.narrationStops`, from `scenarios/narration.ts`); the
 * current step is the last one whose stop is at or before the playhead, so scrubbing and stepping
 * keep it right. A `predict` step asks its question with choices before revealing the answer; the
 * last step is the end summary.
 *
 * Keys: N next step, P previous step (ignored while typing in a field).
 *
 * May import: React, @xstate/react, the playback machine, the view store, format helpers.
 * May not import: worker/sim runtime.
 */
import { useEffect } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { narrationStepChosen, useViewStore } from '../stores/view.store.ts';

type Playback = ActorRefFrom<PlaybackMachine>;

/**
 * The index of the current step at `atMs` (-1 before the first stop). Several steps may stop at one
 * instant: `chosen` (from Next/Back or a pause) picks among them while it still fits the playhead;
 * otherwise the first step of the latest instant reached.
 */
export function currentStep(stops: readonly (number | null)[], atMs: number, chosen?: number): number {
  let k = -1;
  for (let i = 0; i < stops.length; i++) {
    const s = stops[i];
    if (s === null || s === undefined || s > atMs) break;
    k = i;
  }
  if (k < 0) return -1;
  const last = stops[k]!;
  if (chosen !== undefined && chosen >= 0 && chosen <= k && stops[chosen] === last) return chosen;
  while (k > 0 && stops[k - 1] === last) k--;
  return k;
}

/** The first stop strictly after `fromMs` and at or before `toMs`, or undefined: where playback pauses. */
export function stopCrossed(stops: readonly (number | null)[], fromMs: number, toMs: number): number | undefined {
  for (const s of stops) if (s !== null && s > fromMs && s <= toMs) return s;
  return undefined;
}

/** Pauses playback at each narration stop it crosses while playing (when the user wants it to). */
export function useNarrationPauses(playback: Playback): void {
  useEffect(() => {
    let last = playback.getSnapshot().context.playheadMs;
    let wasPlaying = false;
    /** Set once this hook has paused playback, until playback is started again. */
    let pausedHere = false;
    const sub = playback.subscribe((s) => {
      const at = s.context.playheadMs;
      const from = last;
      last = at;
      const playing = s.matches('playing');
      const started = playing && !wasPlaying;
      wasPlaying = playing;
      if (started) pausedHere = false;
      const stops = s.context.run?.narrationStops;
      if (!stops || !playing || pausedHere || !useViewStore.getState().narrationPauses || at <= from) return;
      const run = s.context.run;
      if (!run) return;
      const stop = stopCrossed(stops, from, at);
      if (stop === undefined) return;
      last = stop;
      pausedHere = true;
      narrationStepChosen(run.runId, stops.indexOf(stop));
      playback.send({ type: 'playback.pause' });
      playback.send({ type: 'playback.seek', atMs: stop });
    });
    return () => sub.unsubscribe();
  }, [playback]);
}
