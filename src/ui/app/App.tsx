/**
 * The app shell: runs the playback machine (`appPlayback.ts`: start-up input, the worker-bound
 * actors), installs the clock (`clock/usePlaybackClock.ts`: playhead store, frame requests), the
 * link writer and fallbacks (`playbackEffects.ts`) and the one key handler (`actions/keyboard.ts`),
 * and lays out the page: header, transport, the stage (timeline and narration callout) and the dock
 * of panels. It never reads the playhead: leaf components do (`stores/playhead.store.ts`).
 *
 * May import: React, xstate, worker/client.ts, protocol types, scenarios' gallery index, share, ui modules.
 * May not import: sim runtime, worker/host.ts.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { lazy, Suspense, useEffect } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { ScenarioV1 } from '../../scenarios/schema.ts';
import { defaultScenarioId } from '../../scenarios/galleryIndex.ts';
import type { LoadResult } from '../../worker/protocol.ts';
import { useKeyboard } from '../actions/keyboard.ts';
import { usePlaybackClock } from '../clock/usePlaybackClock.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { Controls } from '../panels/Controls.tsx';
import { ScenarioGallery } from '../gallery/ScenarioGallery.tsx';
import { NarrationCallout } from '../narration/NarrationCallout.tsx';
import { Dock } from '../dock/Dock.tsx';
import { dockTabs } from '../dock/dockTabs.ts';
import { narrowViewport } from '../dock/dockState.ts';
import { findingsTabCount } from '../bridge/findingCounts.ts';
import { inputFor } from '../share/linkState.ts';
import { Notices } from '../share/Notices.tsx';
import { ShareBar } from '../share/ShareBar.tsx';
import { BridgeControls, goBack, useReturnTitle } from '../bridge/BridgeControls.tsx';
import { dockImportOpened, useViewStore } from '../stores/view.store.ts';
import { PRESENTER_TIMELINE_SCALE, Timeline } from '../timeline/Timeline.tsx';
import { appPlaybackMachine, startupPlayback } from './appPlayback.ts';
import { PanelBoundary } from './PanelBoundary.tsx';
import { appClassName, initialDisplayMode, shows, usePresenter } from './displayMode.ts';
import { DisplayModeButtons } from './DisplayModeButtons.tsx';
import { HeaderMenu } from './HeaderMenu.tsx';
import { Stage } from './Stage.tsx';
import { usePlaybackEffects } from './playbackEffects.ts';
import { simClient } from './simClient.ts';
import { progressText, useRunProgress } from './runProgress.ts';
import { formatMegabytes } from '../bridge/memoryBudget.ts';
import { lastAtStart } from './urlSync.ts';
import { loadCodec } from '../share/lazyCodec.ts';
import { useStore } from 'zustand';
import { challengeStore } from '../challenges/challenge.store.ts';
import { openChallenge } from '../challenges/openChallenge.ts';

// The entry starts the worker and the first run before React's first render.
export { startFirstRun } from './appPlayback.ts';
export { startSimWorker } from './simClient.ts';

// Shown only for an imported stream: loaded when first shown.
const ImportBanner = lazy(() => import('../bridge/ImportBanner.tsx').then((m) => ({ default: m.ImportBanner })));
// The dock's panels (tables, forms, inspector, interventions, your consumer) are not what the first
// screen draws: they load beside the first run, keeping the initial JS small (issue 13's 150 KB).
const loadDockPanels = () => import('../dock/DockPanels.tsx');
const DockPanels = lazy(() => loadDockPanels().then((m) => ({ default: m.DockPanels })));

type Playback = ActorRefFrom<PlaybackMachine>;

function RunBadge({ run }: { run: LoadResult | undefined }) {
  if (!run) return <span className="run-badge">loading…</span>;
  // One group: on a 1280 px header the two stack, so the scenario's title keeps the room (stage.css).
  return (
    <span className="run-badges">
      <span className="run-badge" title={`${run.eventCount} trace facts · trace hash ${run.traceHash}`}>
        seed {run.seed} · trace {run.traceHash.slice(0, 8)}
      </span>
      {run.memoryBytes !== undefined && (
        // Memory honesty (issue 16.4): what this run holds in the worker, estimated from its trace.
        <span className="run-badge" title="Memory this run takes in the simulation worker (estimated from its trace facts); past the memory budget a run or an import is refused.">
          ≈ {formatMegabytes(run.memoryBytes)} in memory
        </span>
      )}
    </span>
  );
}

function Status({ playback }: { playback: Playback }) {
  const loading = useSelector(playback, (s) => s.matches('loading') && !s.context.run);
  const computing = useSelector(playback, (s) => s.matches('loading'));
  const progress = useViewStore((s) => s.progress);
  const detail = useRunProgress((s) => s.progress);
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
  if (loading || (computing && detail?.invocations !== undefined)) {
    const pct = Math.round((progress ?? 0) * 100);
    // A run with the learner's code can take long (each invocation up to 1 s): say how far it got, and let it be stopped.
    return (
      <div className="panel__hint app__computing" role="status">
        <span>
          Computing the run… <progress max={100} value={pct} aria-label="Computing the run" /> {pct}%{detail && <> · {progressText(detail)}</>}
        </span>
        <button type="button" className="button button--small" onClick={() => void simClient().cancel()}>
          Cancel
        </button>
      </div>
    );
  }
  return null;
}

export function App() {
  const playback = useActorRef(appPlaybackMachine, { input: startupPlayback() });
  const run = useSelector(playback, (s) => s.context.run);
  // The clock, the frame requests, the link, the keys: installed once, outside the layout.
  usePlaybackClock(playback);
  usePlaybackEffects(playback);
  useKeyboard(playback);
  const presenter = usePresenter();
  // Fetched while the worker computes the first run, so the dock does not wait for it after: from the
  // run's first progress report (the worker's own chunks are in by then; fetched at mount, the dock's
  // seven requests took HTTP/1.1's six connections while the worker's part chunks waited behind them).
  const computing = useRunProgress((s) => s.progress !== null);
  const hasRun = run !== undefined;
  useEffect(() => {
    if (computing || hasRun) void loadDockPanels();
  }, [computing, hasRun]);
  const returnTitle = useReturnTitle();
  const embed = initialDisplayMode.embed;

  // An imported stream's findings are what the import is for: their tab opens with it (on a phone
  // the sheet folds to its tabs, the Findings tab counting them, so the timeline keeps the stage).
  const importedAt = run?.imported ? run.runId : undefined;
  useEffect(() => {
    if (importedAt !== undefined) dockImportOpened(narrowViewport());
  }, [importedAt]);

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

  const challengeOpen = useStore(challengeStore, (s) => s.activeId !== undefined);
  const tabs = run ? dockTabs(run, presenter, challengeOpen) : [];
  const zoom = presenter ? PRESENTER_TIMELINE_SCALE : 1;
  return (
    <div className={appClassName(presenter)}>
      {!embed && (
        <header className="app__header">
          <div className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">Streamscope</span>
          </div>
          <h1 className="app__title" title={run?.title}>
            {run?.title ?? 'Loading scenario…'}
          </h1>
          <ScenarioGallery currentId={run && !run.inline ? run.scenarioId : undefined} onChoose={(id) => playback.send({ type: 'playback.load', source: id })} onChooseChallenge={(id) => void openChallenge(id, playback)} />
          <HeaderMenu>
            <ShareBar run={run?.imported ? undefined : run} onOpenScenario={openScenario} restoreLast={() => lastAtStart} files={!presenter} />
            {!presenter && <BridgeControls playback={playback} run={run} exportRun={(format) => simClient().exportRun(format)} importer={simClient()} />}
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
          <Dock tabs={tabs} labels={run.imported ? { consumers: 'Findings' } : undefined} counts={run.imported ? { consumers: findingsTabCount(run.imported) } : undefined}>
            {(tab) => (
              <Suspense fallback={<p className="panel__hint">Loading the panels…</p>}>
                <DockPanels tab={tab} run={run} playback={playback} presenter={presenter} />
              </Suspense>
            )}
          </Dock>
        )}
      </div>
    </div>
  );
}
