/**
 * A narration stop is a moment to explain, a few milliseconds after the fact it speaks of, while a
 * record or batch takes a travel time (600 ms of wall time at any speed) to land. Drawn with travel,
 * the stop showed its record frozen at the start of its drop, in the table writes row, not yet in
 * its shard. So from the stop the playback rests at until the playhead is one travel time past it,
 * the timeline draws without travel (as under reduced motion): what happened at the stop has landed,
 * and playing on from it does not send it travelling again. Seeking while paused elsewhere still
 * shows things in flight.
 *
 * May import: React, @xstate/react, zustand, the playback machine's types, the playhead store.
 */
import { useSelector } from '@xstate/react';
import { useEffect, useState } from 'react';
import type { ActorRefFrom } from 'xstate';
import { useStore } from 'zustand';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { playheadStore } from '../stores/playhead.store.ts';

type Playback = ActorRefFrom<PlaybackMachine>;

interface Stop {
  runId: number;
  atMs: number;
}

/** The narration stop the playback rests on (paused, at the chosen step's stop), if any. */
export function restingStop(context: { run?: { runId: number; narrationStops?: ReadonlyArray<number | null> }; narrationChosen: number | undefined; playheadMs: number }, playing: boolean): Stop | undefined {
  const run = context.run;
  const k = context.narrationChosen;
  if (playing || !run || k === undefined) return undefined;
  const at = run.narrationStops?.[k];
  return at === undefined || at === null || at !== context.playheadMs ? undefined : { runId: run.runId, atMs: at };
}

/** Whether what happened by the playhead is drawn landed: from a stop the playback rested on, for one travel time (`travelMs`, simulated). */
export function settledWithin(stop: Stop | undefined, playhead: { runId: number | undefined; atMs: number }, travelMs: number): boolean {
  return stop !== undefined && stop.runId === playhead.runId && playhead.atMs >= stop.atMs && playhead.atMs < stop.atMs + travelMs;
}

export function useSettledAtStop(playback: Playback, travelMs: number): boolean {
  const resting = useSelector(playback, (s) => restingStop(s.context, s.matches('playing')), (a, b) => a?.runId === b?.runId && a?.atMs === b?.atMs);
  const [last, setLast] = useState<Stop | undefined>(undefined);
  useEffect(() => {
    if (resting) setLast(resting);
  }, [resting]);
  const within = useStore(playheadStore, (p) => settledWithin(last, p, travelMs));
  return resting !== undefined || within;
}
