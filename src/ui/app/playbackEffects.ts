/**
 * What the app does beside playback, installed once: writes the link (encoded only when it is
 * written: once a second while playing, at once otherwise), falls back to the last good
 * scenario when a load fails, reports a worker crash to the machine, and installs the e2e test API.
 *
 * May import: React, xstate, share (link state, lazy codec), stores, ./simClient.ts, ./urlSync.ts, ./testApi.ts.
 * May not import: sim runtime, worker/host.ts.
 */
import { useEffect } from 'react';
import { waitFor, type ActorRefFrom } from 'xstate';
import { defaultScenarioId } from '../../scenarios/galleryIndex.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { inputFor, payloadFor } from '../share/linkState.ts';
import { loadCodecWhenIdle } from '../share/lazyCodec.ts';
import { noticeShown } from '../stores/view.store.ts';
import { simClient } from './simClient.ts';
import { onRunSettled } from './appPlayback.ts';
import { installTestApi } from './testApi.ts';
import { holdNextRun, lastAtStart, watchPastedLinks, writeLink } from './urlSync.ts';

type Playback = ActorRefFrom<PlaybackMachine>;
type Snapshot = ReturnType<Playback['getSnapshot']>;

/**
 * While playing the link is rewritten this often; paused, at once. Each write is a same-document
 * navigation in which Chromium also re-reads the page's icon (an SVG document rebuilt and laid out):
 * at 4 a second that was about a tenth of a playing frame's main-thread time (#13).
 */
const LINK_EVERY_MS = 1_000;

function writeLinkOf(s: Snapshot, immediately: boolean): void {
  const { run, playheadMs, speed } = s.context;
  // An imported stream is the user's data, not a scenario: it stays out of the link.
  if (!run || run.imported || s.matches('loading') || s.matches('error')) return;
  const payload = payloadFor(run, playheadMs, speed);
  // The codec loads once (its own chunk), when the page is idle after the first run: the first
  // frame does not wait for it. Writes chained on it land in order, the newest last.
  void loadCodecWhenIdle().then(({ encodeLink }) => writeLink(encodeLink(payload), immediately, run.runId));
}

/** Writes the link on every change; while playing, the payload is built and encoded only when due (not per tick). */
function useLinkWriter(playback: Playback): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = playback.subscribe((s) => {
      if (!s.matches('playing')) {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        writeLinkOf(s, true);
        return;
      }
      timer ??= setTimeout(() => {
        timer = undefined;
        writeLinkOf(playback.getSnapshot(), false);
      }, LINK_EVERY_MS);
    });
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      sub.unsubscribe();
    };
  }, [playback]);
}

/** A scenario that cannot be loaded (a link's unknown id, an absurd inline scenario) is reported, and the app goes back to the last good one. */
function useLoadFallback(playback: Playback): void {
  useEffect(() => {
    let fellBack = false;
    const sub = playback.subscribe((s) => {
      if (s.context.run) fellBack = false;
      if (!s.matches('error') || !s.context.error || s.context.error.kind === 'worker-crashed') return;
      if (fellBack) return;
      fellBack = true;
      const [first, ...rest] = s.context.error.message.split('\n');
      noticeShown({
        title: 'This scenario could not be loaded',
        reason: s.context.error.kind,
        message: `${first ?? ''} ${s.context.lastGood ? 'The previous scenario is shown instead.' : 'The default scenario is shown instead.'}`,
        details: rest,
        ...(lastAtStart ? { restoreLast: lastAtStart } : {}),
      });
      const back = s.context.lastGood;
      // The link named a scenario that cannot run: the fallback keeps the address bar and the saved last scenario.
      holdNextRun();
      playback.send({ type: 'playback.load', source: back?.source ?? defaultScenarioId, ...(back?.seed !== undefined ? { seed: back.seed } : {}), ...(back?.interventions ? { interventions: back.interventions } : {}) });
    });
    return () => sub.unsubscribe();
  }, [playback]);
}

/** A link pasted into this tab's address bar opens; a bad one is reported and the run on screen stays. */
function usePastedLinks(playback: Playback): void {
  useEffect(
    () =>
      watchPastedLinks((r) => {
        if (r.ok) {
          playback.send({ type: 'playback.load', ...inputFor(r.payload) });
          return;
        }
        noticeShown({ title: 'This link could not be restored', reason: r.reason, message: `${r.message} The scenario on screen stays.`, details: r.details ?? [] });
      }),
    [playback],
  );
}

/** The worker's crash goes to the machine; the test API reads the machine. */
function useWorkerHooks(playback: Playback): void {
  useEffect(() => simClient().onCrash((message) => playback.send({ type: 'playback.crashed', message })), [playback]);
  useEffect(() => onRunSettled((run) => playback.send({ type: 'playback.runSettled', run })), [playback]);
  useEffect(
    () =>
      installTestApi({
        traceHash: async () => {
          // The hash of the run on screen: wait for a (re)computation in progress to finish first.
          await waitFor(playback, (s) => s.context.run !== undefined && !s.matches('loading'), { timeout: 30_000 });
          return simClient().traceHash();
        },
        playheadMs: () => playback.getSnapshot().context.playheadMs,
        get scenarioId() {
          return playback.getSnapshot().context.run?.scenarioId;
        },
        get seed() {
          return playback.getSnapshot().context.run?.seed;
        },
        playbackState: () => String(playback.getSnapshot().value),
        interventionCount: () => playback.getSnapshot().context.run?.interventions.length ?? 0,
      }),
    [playback],
  );
}

export function usePlaybackEffects(playback: Playback): void {
  useLinkWriter(playback);
  usePastedLinks(playback);
  useLoadFallback(playback);
  useWorkerHooks(playback);
}
