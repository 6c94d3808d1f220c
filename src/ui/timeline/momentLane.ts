/**
 * The lane of the timeline's moment when nothing is selected: the lane of the record the playhead
 * last passed (frames hold the records appended by the playhead, in append order), a narration
 * stop's record. Not followed while playing, where it changes with each record and the stage would
 * chase it (`../app/momentInView.ts`).
 *
 * May import: React, zustand, the frame store.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { frameStore } from '../stores/frame.store.ts';

export function useMomentLane(playing: boolean): number {
  const passedLane = useStore(frameStore, (s) => {
    const n = s.frame?.records.lane.length ?? 0;
    return n > 0 ? s.frame!.records.lane[n - 1]! : -1;
  });
  const [momentLane, setMomentLane] = useState(-1);
  // Set while rendering (React's pattern for state derived from a changing input): no extra commit.
  if (!playing && passedLane !== momentLane) setMomentLane(passedLane);
  return playing ? momentLane : passedLane;
}
