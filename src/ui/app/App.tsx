/**
 * The app shell: runs the playback machine (`appPlayback.ts`: start-up input, the worker-bound
 * actors), installs the clock (`clock/usePlaybackClock.ts`: playhead store, frame requests), the
 * link writer and fallbacks (`playbackEffects.ts`) and the one key handler (`actions/keyboard.ts`),
 * and lays out the panels. It never reads the playhead: leaf components do (`stores/playhead.store.ts`).
 *
 * May import: React, xstate, worker/client.ts, protocol types, scenarios' catalogue, share, ui modules.
 * May not import: sim runtime, worker/host.ts.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { lazy, Suspense } from 'react';
import { useStore } from 'zustand';
import type { ActorRefFrom } from 'xstate';
import type { ScenarioV1 } from '../../scenarios/schema.ts';
import { defaultScenarioId } from '../../scenarios/catalogue.ts';
import type { LoadResult } from '../../worker/protocol.ts';
import { useKeyboard } from '../actions/keyboard.ts';
import { usePlaybackClock } from '../clock/usePlaybackClock.ts';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { ConsumersPanel } from '../panels/ConsumersPanel.tsx';
import { tradeoffPoints } from '../panels/tradeoff.ts';
import { PlaybackWriteForm } from '../panels/WriteForm.tsx';
import { Controls } from '../panels/Controls.tsx';
import { Interventions } from '../panels/Interventions.tsx';
import { UserConsumer } from '../code/UserConsumer.tsx';
import { RecordInspector } from '../panels/RecordInspector.tsx';
import { StreamPanel } from '../panels/StreamPanel.tsx';
import { TablePanel, tableRole } from '../panels/TablePanel.tsx';
import { ScenarioGallery } from '../gallery/ScenarioGallery.tsx';
import { NarrationPanel } from '../narration/NarrationPanel.tsx';
import { WriteLog } from '../panels/WriteLog.tsx';
import { EventLog } from '../panels/EventLog.tsx';
import { inputFor } from '../share/linkState.ts';
import { Notices } from '../share/Notices.tsx';
import { ShareBar } from '../share/ShareBar.tsx';
import { BridgeControls, goBack, useReturnTitle } from '../bridge/BridgeControls.tsx';
import { frameStore } from '../stores/frame.store.ts';
import { useViewStore } from '../stores/view.store.ts';
import { Timeline } from '../timeline/Timeline.tsx';
import { appPlaybackMachine, startupPlayback } from './appPlayback.ts';
import { frameToView } from './frameView.ts';
import { PanelBoundary } from './PanelBoundary.tsx';
import { appClassName, initialDisplayMode, shows, usePresenter } from './displayMode.ts';
import { DisplayModeButtons } from './DisplayModeButtons.tsx';
import { usePlaybackEffects } from './playbackEffects.ts';
import { checkEdits, checkSetting, checkWrite, queryTable, simClient } from './simClient.ts';
import { lastAtStart } from './urlSync.ts';
import { loadCodec } from '../share/lazyCodec.ts';

// The entry starts the worker and the first run before React's first render.
export { startFirstRun } from './appPlayback.ts';
export { startSimWorker } from './simClient.ts';

// Shown only for some scenarios (the chart, global tables' replicas) or an imported stream (banner,
// findings): loaded when first shown.
const ReplicasPanel = lazy(() => import('../panels/ReplicasPanel.tsx').then((m) => ({ default: m.ReplicasPanel })));
const ImportBanner = lazy(() => import('../bridge/ImportBanner.tsx').then((m) => ({ default: m.ImportBanner })));
const CheckpointTradeoff = lazy(() => import('../panels/CheckpointTradeoff.tsx'));
// The settings panel (knobs) loads when first shown, with the edits module and its zod schema.
const KnobsPanel = lazy(() => import('../knobs/KnobsPanel.tsx'));
const FindingsPanel = lazy(() => import('../bridge/FindingsPanel.tsx').then((m) => ({ default: m.FindingsPanel })));

type Playback = ActorRefFrom<PlaybackMachine>;

function RunBadge({ run }: { run: LoadResult | undefined }) {
  if (!run) return <span className="run-badge">loading…</span>;
  return (
    <span className="run-badge" title={`${run.eventCount} trace facts · trace hash ${run.traceHash}`}>
      seed {run.seed} · trace {run.traceHash.slice(0, 8)}
    </span>
  );
}

function Notes() {
  return (
    <aside className="notes" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Simplified here, different on AWS</h2>
      <ul>
        <li>Records appear in the stream at the moment of the write; on AWS they arrive asynchronously, usually within a second.</li>
        <li>The table and its stream are usable at once; AWS reports CREATING and ENABLING for a few seconds first.</li>
        <li>A new on-demand table starts with 4 partitions here, so 4 shards; AWS picks its own count and changes it as the table grows.</li>
        <li>Global tables: a write reaches the other Regions after a delay drawn uniformly between 0.5 and 1.5 s; AWS replicates asynchronously, typically within a second, with no documented distribution. Ties between equal timestamps go to the Region whose name sorts last; AWS does not document its tie-break.</li>
      </ul>
    </aside>
  );
}

function Panels({ run, playback }: { run: LoadResult; playback: Playback }) {
  const presenter = usePresenter();
  const editing = !presenter && !initialDisplayMode.embed;
  const onSeek = (atMs: number) => playback.send({ type: 'playback.seek', atMs });
  const frame = useStore(frameStore, (s) => s.panelFrame);
  const selected = useViewStore((s) => s.selectedRecord);
  if (!frame || frame.runId !== run.runId) return <p className="panel__hint">Reading the run…</p>;
  const view = frameToView(frame, run, selected);
  const sourceWrites = frame.sourceWrites ?? view.writes;
  const lastWrite = sourceWrites[0];
  const tradeoff = tradeoffPoints(run.scenario.consumers ?? [], frame.counters);
  // The scenario's own tables first, then per consumer its downstream target and its lease table.
  const own = view.tables.filter((t) => !t.owner);
  const owned = run.consumers.flatMap((c) => {
    const mine = view.tables.filter((t) => t.owner === c);
    return [...mine.filter((t) => tableRole(t) === 'target'), ...mine.filter((t) => tableRole(t) === 'lease')];
  });
  const others = view.tables.filter((t) => t.owner && !run.consumers.includes(t.owner));
  return (
    <div className="layout">
      <div className="layout__column">
        {shows('table') && own.map((table) => (
          <PanelBoundary key={table.name} name={`${table.name} table`}>
            <TablePanel
              table={table}
              lastWrite={sourceWrites.find((w) => w.table === table.name)}
              form={editing ? <PlaybackWriteForm table={table} playback={playback} check={checkWrite} query={queryTable} /> : undefined}
            />
          </PanelBoundary>
        ))}
        {shows('table') && (frame.replicas ?? []).map((verdict) => (
          <PanelBoundary key={`replicas-${verdict.table}`} name={`Global table ${verdict.table}`}>
            <Suspense fallback={null}>
              <ReplicasPanel verdict={verdict} />
            </Suspense>
          </PanelBoundary>
        ))}
        {shows('writes') && (
          <PanelBoundary name="Writes">
            <WriteLog writes={sourceWrites} total={frame.sourceWriteCount} />
          </PanelBoundary>
        )}
        {shows('table') && [...owned, ...others].map((table) => (
          <PanelBoundary key={table.name} name={`${table.name} table`}>
            <TablePanel table={table} role={tableRole(table)} lastWrite={view.writes.find((w) => w.table === table.name)} />
          </PanelBoundary>
        ))}
      </div>
      <div className="layout__column layout__column--wide">
        {shows('stream') && view.streams.map((stream) => (
          <PanelBoundary key={stream.streamArn} name="Stream">
            <StreamPanel stream={stream} latestAtMs={lastWrite?.atMs} />
          </PanelBoundary>
        ))}
        {run.imported && (
          <PanelBoundary name="Findings">
            <Suspense fallback={null}>
              <FindingsPanel imported={run.imported} onSeek={onSeek} />
            </Suspense>
          </PanelBoundary>
        )}
        {shows('consumers') && frame.consumers.length > 0 && !run.imported && (
          <PanelBoundary name="Consumers">
            <ConsumersPanel consumers={frame.consumers} specs={run.scenario.consumers ?? []} counters={frame.counters} checks={run.checks ?? {}} atEnd={frame.atMs >= run.durationMs} />
          </PanelBoundary>
        )}
        {shows('consumers') && !run.imported && tradeoff.length > 0 && (
          <PanelBoundary name="Checkpoint trade-off">
            <Suspense fallback={null}>
              <CheckpointTradeoff points={tradeoff} />
            </Suspense>
          </PanelBoundary>
        )}
        {shows('log') && (
          <PanelBoundary name="Event log">
            <EventLog playback={playback} />
          </PanelBoundary>
        )}
        {shows('inspector') && (
          <PanelBoundary name="Inspector">
            <RecordInspector view={view} lambdaRecord={frame.selectedLambdaRecord} deliveries={frame.selectedDeliveries} />
          </PanelBoundary>
        )}
      </div>
    </div>
  );
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
  const playback = useActorRef(appPlaybackMachine, { input: startupPlayback() });
  const run = useSelector(playback, (s) => s.context.run);
  // The clock, the frame requests, the link, the keys: installed once, outside the layout.
  usePlaybackClock(playback);
  usePlaybackEffects(playback);
  useKeyboard(playback);
  const presenter = usePresenter();
  const returnTitle = useReturnTitle();
  const embed = initialDisplayMode.embed;
  const anyPanel = shows('table') || shows('writes') || shows('stream') || shows('consumers') || shows('inspector') || shows('log');

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
          <ShareBar run={run?.imported ? undefined : run} onOpenScenario={openScenario} restoreLast={() => lastAtStart} files={!presenter} />
          {!presenter && <BridgeControls playback={playback} run={run} exportRun={(format) => simClient().exportRun(format)} />}
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
      {run && !embed && <p className="app__summary">{run.summary}</p>}
      <Status playback={playback} />
      {run && shows('narration') && (
        <PanelBoundary name="Narration">
          <NarrationPanel playback={playback} />
        </PanelBoundary>
      )}
      {run && !run.imported && !presenter && !embed && (
        <PanelBoundary name="Interventions">
          <Interventions playback={playback} />
        </PanelBoundary>
      )}
      {run && !run.imported && !presenter && !embed && (
        <PanelBoundary name="Settings">
          <Suspense fallback={null}>
            <KnobsPanel playback={playback} checkSetting={checkSetting} checkEdits={checkEdits} />
          </Suspense>
        </PanelBoundary>
      )}
      {run && !presenter && !embed && (
        <PanelBoundary name="Your consumer">
          <UserConsumer playback={playback} checkCode={(code) => simClient().checkCode(code)} />
        </PanelBoundary>
      )}
      <main>
        {run && shows('timeline') && (
          <PanelBoundary name="Timeline">
            <Timeline run={run} playback={playback} />
          </PanelBoundary>
        )}
        {run && anyPanel && <Panels run={run} playback={playback} />}
      </main>
      {!embed && <Notes />}
    </div>
  );
}
