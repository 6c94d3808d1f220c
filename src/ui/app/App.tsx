/**
 * The app shell: starts the worker client, restores the link read at start (urlSync), runs the
 * playback machine with the client's actors, asks for one frame whenever the playhead moves, writes
 * the link back on every change, and lays out the panels. Keys go through the action registry.
 *
 * May import: React, xstate, worker/client.ts, protocol types, scenarios' catalogue, share, ui modules.
 * May not import: sim runtime, worker/host.ts.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { lazy, Suspense, useEffect } from 'react';
import { useStore } from 'zustand';
import { fromPromise, waitFor, type ActorRefFrom } from 'xstate';
import type { ScenarioV1 } from '../../scenarios/schema.ts';
import { defaultScenarioId } from '../../scenarios/catalogue.ts';
import { createSimClient, type SimClient } from '../../worker/client.ts';
import type { LoadResult, ScenarioSource, StepKind } from '../../worker/protocol.ts';
import { actionForKey } from '../actions/registry.ts';
import { playbackMachine, type PlaybackInput, type PlaybackMachine, type RunRequest } from '../machines/playback.machine.ts';
import { Controls } from '../panels/Controls.tsx';
import { ScenarioGallery } from '../gallery/ScenarioGallery.tsx';
import { useNarrationPauses } from '../narration/NarrationPanel.tsx';
import { NarrationCallout } from '../narration/NarrationCallout.tsx';
import { Dock } from '../dock/Dock.tsx';
import { DockPanels, dockTabs } from '../dock/DockPanels.tsx';
import { inputFor, payloadFor } from '../share/linkState.ts';
import { Notices } from '../share/Notices.tsx';
import { ShareBar } from '../share/ShareBar.tsx';
import { BridgeControls, goBack, useReturnTitle } from '../bridge/BridgeControls.tsx';
import { frameArrived, frameSettled } from '../stores/frame.store.ts';
import { dockTabChosen, noticeShown, progressReported, useViewStore } from '../stores/view.store.ts';
import { PRESENTER_TIMELINE_SCALE, Timeline } from '../timeline/Timeline.tsx';
import { timelineWindow, timelineWindowStore } from '../timeline/window.store.ts';
import { installTestApi } from './testApi.ts';
import { PanelBoundary } from './PanelBoundary.tsx';
import { appClassName, initialDisplayMode, shows, usePresenter } from './displayMode.ts';
import { DisplayModeButtons } from './DisplayModeButtons.tsx';
import { HeaderMenu } from './HeaderMenu.tsx';
import { Stage } from './Stage.tsx';
import { initialLink, lastAtStart, writeLink } from './urlSync.ts';
import { loadCodec, loadCodecWhenIdle } from '../share/lazyCodec.ts';

// Shown only for an imported stream: loaded when first shown.
const ImportBanner = lazy(() => import('../bridge/ImportBanner.tsx').then((m) => ({ default: m.ImportBanner })));

// One worker for the page's lifetime. Created on first use rather than in an effect, because React's
// StrictMode runs effects twice in development and would start (and kill) a second worker.
let sharedClient: SimClient | undefined;
function simClient(): SimClient {
  return (sharedClient ??= createSimClient());
}

/**
 * Starts the simulation worker now (the entry calls it before React's first render), so fetching
 * and starting the worker's script overlaps the render instead of following it.
 */
export function startSimWorker(): void {
  simClient();
}

/** The Table form's pre-check of a write, by the core in the worker (stable, so the form's effect does not rerun per frame). */
const checkWrite = (operation: string, input: unknown) => simClient().checkWrite(operation, input);

/** What the app starts with: the link's state, or the default scenario (and a notice when the link was bad). */
function startupInput(): PlaybackInput {
  if (initialLink.kind === 'link') {
    const r = initialLink.result;
    if (r.ok) return inputFor(r.payload);
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

type Progress = (p: { doneMs: number; totalMs: number }) => void;

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
  const input = (startup ??= startupInput());
  const opts = { ...(input.seed !== undefined ? { seed: input.seed } : {}), ...(input.interventions ? { interventions: input.interventions } : {}) };
  const relay: { progress?: Progress } = {};
  const result = simClient().load(input.source, opts, (p) => relay.progress?.(p));
  result.catch(() => undefined); // a failure is reported when the machine takes the answer over
  firstRun = { key: loadKey(input.source, input.seed, input.interventions), result, relay };
}

const appPlaybackMachine = playbackMachine.provide({
  actors: {
    computeRun: fromPromise<LoadResult, RunRequest>(({ input }) => {
      const client = simClient();
      const onProgress = (p: { doneMs: number; totalMs: number }) => progressReported(p.totalMs > 0 ? p.doneMs / p.totalMs : 1);
      progressReported(0);
      const early = firstRun;
      firstRun = undefined;
      if (early && input.kind === 'load' && early.key === loadKey(input.source, input.seed, input.interventions)) {
        // Progress already reported goes to this request from here on.
        early.relay.progress = onProgress;
        return early.result.finally(() => progressReported(null));
      }
      const work =
        input.kind === 'load'
          ? client.load(input.source, { ...(input.seed !== undefined ? { seed: input.seed } : {}), ...(input.interventions ? { interventions: input.interventions } : {}) }, onProgress)
          : input.kind === 'intervene'
            ? client.intervene(input.intervention, onProgress)
            : input.kind === 'undo'
              ? client.undo(onProgress)
              : client.redo(onProgress);
      return work.finally(() => progressReported(null));
    }),
    findStep: fromPromise<number | null, { fromMs: number; direction: 1 | -1; kind: StepKind }>(({ input }) => simClient().stepTarget(input.fromMs, input.direction, input.kind)),
    settleFrame: fromPromise<void, { atMs: number; runId: number | undefined }>(({ input }) => frameSettled(input.runId, input.atMs)),
  },
});

type Playback = ActorRefFrom<PlaybackMachine>;

function RunBadge({ run }: { run: LoadResult | undefined }) {
  if (!run) return <span className="run-badge">loading…</span>;
  return (
    <span className="run-badge" title={`${run.eventCount} trace facts · trace hash ${run.traceHash}`}>
      seed {run.seed} · trace {run.traceHash.slice(0, 8)}
    </span>
  );
}

/** Asks the worker for a frame whenever the run, the playhead or the selection changes (latest wins). */
function useFrames(playback: Playback): void {
  const runId = useSelector(playback, (s) => s.context.run?.runId);
  const playheadMs = useSelector(playback, (s) => s.context.playheadMs);
  const selected = useViewStore((s) => s.selectedRecord);
  // The worker packs only the records the timeline shows (its visible window), not the whole run.
  const viewport = useStore(timelineWindowStore, (s) => s.viewport);
  useEffect(() => {
    if (runId === undefined) return;
    simClient()
      .frame({
        atMs: playheadMs,
        ...timelineWindow(),
        ...(selected ? { selected: { shardId: selected.shardId, sequenceNumber: selected.sequenceNumber } } : {}),
      })
      .then(
        (frame) => {
          if (frame && frame.runId === playback.getSnapshot().context.run?.runId) frameArrived(frame);
        },
        () => {
          // A crash is reported through onCrash; a frame of a replaced run is simply dropped.
        },
      );
  }, [playback, runId, playheadMs, selected, viewport]);
}

/** Writes the link (and the last scenario) on every change: at most 4 per second while playing, at once otherwise. */
function useLinkWriter(playback: Playback): void {
  useEffect(() => {
    const sub = playback.subscribe((s) => {
      const { run, playheadMs, speed } = s.context;
      // An imported stream is the user's data, not a scenario: it stays out of the link.
      if (!run || run.imported || s.matches('loading') || s.matches('error')) return;
      const payload = payloadFor(run, playheadMs, speed);
      const immediately = !s.matches('playing');
      // The codec loads once (its own chunk), when the page is idle after the first run: the first
      // frame does not wait for it. Writes chained on it land in order, the newest last.
      void loadCodecWhenIdle().then(({ encodeLink }) => writeLink(encodeLink(payload), immediately));
    });
    return () => sub.unsubscribe();
  }, [playback]);
}

/** A scenario that cannot be loaded (a link's unknown id, an absurd inline scenario) is reported, and the app goes back to the last good one. */
function useLoadFallback(playback: Playback): void {
  useEffect(() => {
    let fellBack = false;
    const sub = playback.subscribe((s) => {
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
      playback.send({ type: 'playback.load', source: back?.source ?? defaultScenarioId, ...(back?.seed !== undefined ? { seed: back.seed } : {}), ...(back?.interventions ? { interventions: back.interventions } : {}) });
    });
    const ready = playback.subscribe((s) => {
      if (s.context.run) fellBack = false;
    });
    return () => {
      sub.unsubscribe();
      ready.unsubscribe();
    };
  }, [playback]);
}

function useKeyboard(playback: Playback): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const action = actionForKey(e);
      if (!action) return;
      e.preventDefault(); // Space would scroll the page, arrows too, Ctrl+Z would undo elsewhere
      if (playback.getSnapshot().can(action.event)) playback.send(action.event);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [playback]);
}

function Status({ playback }: { playback: Playback }) {
  const loading = useSelector(playback, (s) => s.matches('loading') && !s.context.run);
  const progress = useViewStore((s) => s.progress);
  const error = useSelector(playback, (s) => s.context.error);
  const crashed = useSelector(playback, (s) => s.matches('error') && s.context.error?.kind === 'worker-crashed');
  const failed = useSelector(playback, (s) => s.matches('error'));
  if (crashed || (failed && error)) {
    return (
      <div className="app__error" role="alert">
        <p>{error?.message}</p>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            simClient().restart();
            playback.send({ type: 'playback.retry' });
          }}
        >
          Retry
        </button>
      </div>
    );
  }
  if (error) {
    return (
      <div className="app__error" role="alert">
        <p>
          <strong>{error.kind === 'invalid-intervention' ? 'That intervention was refused' : 'That did not work'}:</strong> {error.message}
        </p>
        <button type="button" className="button button--small" onClick={() => playback.send({ type: 'playback.dismissError' })}>
          Dismiss
        </button>
      </div>
    );
  }
  if (loading) {
    const pct = Math.round((progress ?? 0) * 100);
    return (
      <p className="panel__hint" role="status">
        Computing the run… <progress max={100} value={pct} aria-label="Computing the run" /> {pct}%
      </p>
    );
  }
  return null;
}

export function App() {
  const playback = useActorRef(appPlaybackMachine, { input: (startup ??= startupInput()) });
  const run = useSelector(playback, (s) => s.context.run);
  const playheadMs = useSelector(playback, (s) => s.context.playheadMs);
  const speed = useSelector(playback, (s) => s.context.speed);
  useFrames(playback);
  useLinkWriter(playback);
  useLoadFallback(playback);
  useKeyboard(playback);
  useNarrationPauses(playback);
  const presenter = usePresenter();
  const returnTitle = useReturnTitle();
  const embed = initialDisplayMode.embed;

  // An imported stream's findings are what the import is for: their tab opens with it.
  const importedAt = run?.imported ? run.runId : undefined;
  useEffect(() => {
    if (importedAt !== undefined) dockTabChosen('consumers');
  }, [importedAt]);

  useEffect(() => simClient().onCrash((message) => playback.send({ type: 'playback.crashed', message })), [playback]);

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

  const openScenario = (scenario: ScenarioV1) => playback.send({ type: 'playback.load', source: { inline: scenario } });
  const restoreFragment = (fragment: string) => {
    void loadCodec().then(({ decodeLink }) => {
      const r = decodeLink(fragment);
      if (r.ok) {
        const input = inputFor(r.payload);
        playback.send({ type: 'playback.load', ...input });
      }
    });
  };

  const tabs = run ? dockTabs(run, presenter) : [];
  const zoom = presenter ? PRESENTER_TIMELINE_SCALE : 1;
  return (
    <div className={appClassName(presenter)}>
      {!embed && (
        <header className="app__header">
          <div className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">Streamscope</span>
          </div>
          <h1 className="app__title">{run?.title ?? 'Loading scenario…'}</h1>
          <ScenarioGallery currentId={run && !run.inline ? run.scenarioId : undefined} onChoose={(id) => playback.send({ type: 'playback.load', source: id })} />
          <HeaderMenu>
            <ShareBar run={run?.imported ? undefined : run} playheadMs={playheadMs} speed={speed} onOpenScenario={openScenario} restoreLast={() => lastAtStart} files={!presenter} />
            {!presenter && <BridgeControls playback={playback} run={run} exportRun={(format) => simClient().exportRun(format)} />}
          </HeaderMenu>
          <DisplayModeButtons />
          <RunBadge run={run} />
        </header>
      )}
      {embed && <h1 className="visually-hidden">{run?.title ?? 'Loading scenario…'}</h1>}
      <Notices onRestore={restoreFragment} />
      {run?.imported && !embed && (
        <Suspense fallback={null}>
          <ImportBanner imported={run.imported} backTitle={returnTitle} onBack={() => goBack(playback, defaultScenarioId)} />
        </Suspense>
      )}
      {shows('controls') && <Controls playback={playback} />}
      <Status playback={playback} />
      <div className="workspace">
        <Stage
          timeline={
            run && shows('timeline') ? (
              <PanelBoundary name="Timeline">
                <Timeline run={run} playback={playback} />
              </PanelBoundary>
            ) : null
          }
          callout={(stageWidth) =>
            run && shows('narration') ? (
              <PanelBoundary name="Narration">
                <NarrationCallout playback={playback} stageWidth={stageWidth} zoom={zoom} withPlay={!shows('controls')} />
              </PanelBoundary>
            ) : null
          }
        />
        {run && tabs.length > 0 && (
          <Dock tabs={tabs} labels={run.imported ? { consumers: 'Findings' } : undefined}>
            {(tab) => <DockPanels tab={tab} run={run} playback={playback} presenter={presenter} checkWrite={checkWrite} checkCode={(code) => simClient().checkCode(code)} />}
          </Dock>
        )}
      </div>
    </div>
  );
}
