/**
 * The playback machine as the app runs it: its start-up input (the link's state, or the default
 * scenario), the first run asked of the worker before React's first render, and the machine's
 * actors bound to the worker client, the frame store and the page's frame scheduler.
 *
 * May import: xstate, worker/client.ts (through ./simClient.ts), protocol types, the gallery index,
 * share/link state, stores, machines, clock. May not import: sim runtime, React.
 */
import { fromPromise } from 'xstate';
import { defaultScenarioId } from '../../scenarios/galleryIndex.ts';
import type { LoadProgress, LoadResult, ScenarioSource, StepKind } from '../../worker/protocol.ts';
import { memoryBudgetBytes } from '../bridge/memoryBudget.ts';
import { playbackMachine, type PlaybackInput, type RunRequest } from '../machines/playback.machine.ts';
import { coastingFrames } from '../machines/frameClock.ts';
import { inputFor } from '../share/linkState.ts';
import { frameSettled } from '../stores/frame.store.ts';
import { dockTabChosen, noticeShown, progressReported } from '../stores/view.store.ts';
import { challengeOpened } from '../challenges/challenge.store.ts';
import { runProgressReported } from './runProgress.ts';
import { simClient } from './simClient.ts';
import { initialLink, lastAtStart } from './urlSync.ts';

/** What the app starts with: the link's state, or the default scenario (and a notice when the link was bad). */
function startupInput(): PlaybackInput {
  if (initialLink.kind === 'link') {
    const r = initialLink.result;
    if (r.ok) {
      // An attempt link (issue 15): the run is the attempt; its challenge opens and grades it again.
      if (r.payload.challenge) {
        challengeOpened(r.payload.challenge.id, true);
        dockTabChosen('challenge');
      }
      return inputFor(r.payload);
    }
    noticeShown({
      title: 'This link could not be restored',
      reason: r.reason,
      message: `${r.message} The default scenario is shown instead.`,
      details: r.details ?? [],
      ...(lastAtStart ? { restoreLast: lastAtStart } : {}),
    });
  }
  return { source: defaultScenarioId };
}
// Read after the entry has awaited urlSync's readStartUrl() (by startFirstRun, else on first render).
let startup: PlaybackInput | undefined;

/** The machine's input: computed once, at the first ask. */
export function startupPlayback(): PlaybackInput {
  return (startup ??= startupInput());
}

type Progress = (p: LoadProgress) => void;

/** The first run, asked of the worker before React's first render; the playback machine's first load takes it over. */
let firstRun: { key: string; result: Promise<LoadResult>; relay: { progress?: Progress } } | undefined;

function loadKey(source: string | ScenarioSource, seed: number | undefined, interventions: readonly unknown[] | undefined): string {
  return JSON.stringify([source, seed ?? null, interventions?.length ? interventions : null]);
}

/**
 * Sends the start-up load to the worker now (the entry calls it right after reading the link), so
 * the run computes while React renders. The machine's first load request takes the answer over if
 * it asks for the same run; any other first request simply supersedes it in the worker.
 */
export function startFirstRun(): void {
  const input = startupPlayback();
  const opts = { ...(input.seed !== undefined ? { seed: input.seed } : {}), ...(input.interventions ? { interventions: input.interventions } : {}) };
  const relay: { progress?: Progress } = {};
  const result = simClient().load(input.source, opts, (p) => relay.progress?.(p));
  result.catch(() => undefined); // a failure is reported when the machine takes the answer over
  firstRun = { key: loadKey(input.source, input.seed, input.interventions), result, relay };
}

let settledListener: ((run: LoadResult) => void) | undefined;

/** Tells `listener` (the app: the playback machine) when a run answered before its end is complete. */
export function onRunSettled(listener: (run: LoadResult) => void): () => void {
  settledListener = listener;
  return () => {
    if (settledListener === listener) settledListener = undefined;
  };
}

/**
 * The worker answers an intervention as soon as the run is past the playhead and computes the rest
 * after; the machine gets the whole run when it is done. (Loads wait for the whole run: answering
 * the first slice early — `LoadOptions.answerAtMs`, the host supports it — did not make the first
 * frame measurably sooner, and stories in the e2e suite start from a whole run.)
 */
function followUp(result: Promise<LoadResult>): Promise<LoadResult> {
  void result.then((run) => {
    if (run.computedMs === undefined) return;
    simClient()
      .settled()
      .then((whole) => settledListener?.(whole))
      .catch(() => undefined); // a crash is reported by the client; a run replaced meanwhile is no news
  }, () => undefined);
  return result;
}

function computeRun(input: RunRequest): Promise<LoadResult> {
  const client = simClient();
  const onProgress = (p: LoadProgress) => {
    progressReported(p.totalMs > 0 ? p.doneMs / p.totalMs : 1);
    runProgressReported(p);
  };
  const settled = () => {
    progressReported(null);
    runProgressReported(null);
  };
  progressReported(0);
  const early = firstRun;
  firstRun = undefined;
  if (early && input.kind === 'load' && early.key === loadKey(input.source, input.seed, input.interventions)) {
    // Progress already reported goes to this request from here on.
    early.relay.progress = onProgress;
    return followUp(early.result).finally(settled);
  }
  const work =
    input.kind === 'load'
      ? client.load(input.source, { ...(input.seed !== undefined ? { seed: input.seed } : {}), ...(input.interventions ? { interventions: input.interventions } : {}), memoryBudgetBytes: memoryBudgetBytes() }, onProgress)
      : input.kind === 'intervene'
        ? client.intervene(input.intervention, onProgress)
        : input.kind === 'undo'
          ? client.undo(onProgress)
          : client.redo(onProgress);
  return followUp(work).finally(settled);
}

export const appPlaybackMachine = playbackMachine.provide({
  actors: {
    computeRun: fromPromise<LoadResult, RunRequest>(({ input }) => computeRun(input)),
    findStep: fromPromise<number | null, { fromMs: number; direction: 1 | -1; kind: StepKind }>(({ input }) => simClient().stepTarget(input.fromMs, input.direction, input.kind)),
    settleFrame: fromPromise<void, { atMs: number; runId: number | undefined }>(({ input }) => frameSettled(input.runId, input.atMs)),
    // The playground's clock coasts while the stage allows it (clock/coast.ts).
    animationFrames: coastingFrames,
  },
});
