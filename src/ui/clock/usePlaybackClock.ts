/**
 * The clock's wiring, installed once by the app: the playback machine's playhead is published to
 * the playhead store, and every change of what the screen shows (playhead, run, selection, the
 * timeline's window) asks the worker for one frame in the `request` phase of the page's frame loop
 * (coalesced: one request per animation frame at most, the worker client keeps one in flight,
 * latest wins). The frame lands in the frame store; the canvas and the panels take it from there.
 *
 * May import: React, xstate types, stores, the worker client (through app/simClient.ts), ./scheduler.ts.
 * May not import: sim, worker/host.ts.
 */
import { useEffect } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { simClient } from '../app/simClient.ts';
import { frameArrived, frameHolds, frameStore } from '../stores/frame.store.ts';
import { playheadMoved, playheadStore, TEXT_REFRESH_MS } from '../stores/playhead.store.ts';
import { useViewStore } from '../stores/view.store.ts';
import { eventLogReaders, eventLogWanted } from '../stores/eventLogReaders.store.ts';
import { timelineWindow, timelineWindowStore } from '../timeline/window.store.ts';
import { frameScheduler } from './scheduler.ts';

type Playback = ActorRefFrom<PlaybackMachine>;

/** Publishes the machine's playhead to the playhead store (the store skips unchanged values). */
export function followPlayback(playback: Playback): () => void {
  const publish = (s: ReturnType<Playback['getSnapshot']>) =>
    playheadMoved({ atMs: s.context.playheadMs, speed: s.context.speed, playing: s.matches('playing'), runId: s.context.run?.runId, durationMs: s.context.run?.durationMs ?? 0, computedMs: s.context.run?.computedMs });
  publish(playback.getSnapshot());
  const sub = playback.subscribe(publish);
  return () => sub.unsubscribe();
}

const FRAME_REQUEST = 'frame-request';
const FRAME_ARRIVED = 'frame-arrived';

/**
 * Asks the worker for a frame whenever the run, the selection or the window changes, and when the
 * playhead moves — except while playing between two facts: the frame in hand shows the same data
 * there (`Frame.nextChangeMs`), the stage draws it at the playhead (`stageAtMs`), and the panels get
 * a fresh frame at most 4 times a second. Paused or seeking, every playhead gets its exact frame.
 */
export function requestFrames(playback: Playback): () => void {
  // Something besides a playing playhead changed since the last request: ask whatever the playhead.
  let dirty = true;
  let askedAt = -Infinity;
  const request = () => {
    const { runId, atMs, playing } = playheadStore.getState();
    if (runId === undefined) return;
    const now = performance.now();
    if (!dirty && playing && now - askedAt < TEXT_REFRESH_MS && frameHolds(frameStore.getState().frame, runId, atMs)) return;
    dirty = false;
    askedAt = now;
    const selected = useViewStore.getState().selectedRecord;
    simClient()
      .frame({
        atMs,
        // The worker packs only the records the timeline shows (its visible window), not the whole run.
        ...timelineWindow(),
        ...(selected ? { selected: { shardId: selected.shardId, sequenceNumber: selected.sequenceNumber } } : {}),
        // The text log only while a panel shows it: the worker builds it for such frames only.
        ...(eventLogWanted() ? { eventLog: true } : {}),
      })
      .then(
        (frame) => {
          // Published in the next animation frame, beside that frame's tick: React commits once for both.
          if (frame) frameScheduler().schedule('request', FRAME_ARRIVED, () => frame.runId === playback.getSnapshot().context.run?.runId && frameArrived(frame));
        },
        () => {
          // A crash is reported through onCrash; a frame of a replaced run is simply dropped.
        },
      );
  };
  const ask = () => frameScheduler().schedule('request', FRAME_REQUEST, request);
  const askAnyway = () => {
    dirty = true;
    ask();
  };
  askAnyway();
  const unsubs = [
    playheadStore.subscribe((s, prev) => {
      // A run answered before its end asks again once complete (the last frame may have waited at its edge);
      // a pause asks for the exact frame at the playhead (the worker prepares interventions there).
      if (s.runId !== prev.runId || s.computedMs !== prev.computedMs || s.playing !== prev.playing) askAnyway();
      else if (s.atMs !== prev.atMs) ask();
    }),
    useViewStore.subscribe((s, prev) => {
      if (s.selectedRecord !== prev.selectedRecord) askAnyway();
    }),
    timelineWindowStore.subscribe(askAnyway),
    // The log's panel opened: a frame with the log now, whatever the playhead does.
    eventLogReaders.subscribe((s, prev) => {
      if (s.count > 0 && prev.count === 0) askAnyway();
    }),
  ];
  return () => {
    for (const u of unsubs) u();
    frameScheduler().cancel('request', FRAME_REQUEST);
  };
}

/** The app's one clock: playhead store fed, frames requested. */
export function usePlaybackClock(playback: Playback): void {
  useEffect(() => {
    const stopFollowing = followPlayback(playback);
    const stopRequesting = requestFrames(playback);
    return () => {
      stopRequesting();
      stopFollowing();
    };
  }, [playback]);
}
