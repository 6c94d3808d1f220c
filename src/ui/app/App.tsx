/**
 * The app shell: starts the worker client, restores the link read at start (urlSync), runs the
 * playback machine with the client's actors, asks for one frame whenever the playhead moves, writes
 * the link back on every change, and lays out the panels. Keys go through the action registry.
 *
 * May import: React, xstate, worker/client.ts, protocol types, scenarios' gallery index, share, ui modules.
 * May not import: sim runtime, worker/host.ts.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { lazy, Suspense, useEffect } from 'react';
import { useStore } from 'zustand';
import { fromPromise, waitFor, type ActorRefFrom } from 'xstate';
import type { ScenarioV1 } from '../../scenarios/schema.ts';
import { defaultScenarioId } from '../../scenarios/galleryIndex.ts';
import { createSimClient, type SimClient } from '../../worker/client.ts';
import type { LoadResult, ScenarioSource, StepKind } from '../../worker/protocol.ts';
import { actionForKey } from '../actions/registry.ts';
import { playbackMachine, type PlaybackInput, type PlaybackMachine, type RunRequest } from '../machines/playback.machine.ts';
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
import { NarrationPanel, useNarrationPauses } from '../narration/NarrationPanel.tsx';
import { WriteLog } from '../panels/WriteLog.tsx';
import { EventLog } from '../panels/EventLog.tsx';
import { inputFor, payloadFor } from '../share/linkState.ts';
import { Notices } from '../share/Notices.tsx';
import { ShareBar } from '../share/ShareBar.tsx';
import { BridgeControls, goBack, useReturnTitle } from '../bridge/BridgeControls.tsx';
import { frameArrived, frameSettled, frameStore } from '../stores/frame.store.ts';
import { noticeShown, progressReported, useViewStore } from '../stores/view.store.ts';
import { Timeline } from '../timeline/Timeline.tsx';
import { timelineWindow, timelineWindowStore } from '../timeline/window.store.ts';
import { frameToView } from './frameView.ts';
import { installTestApi } from './testApi.ts';
import { PanelBoundary } from './PanelBoundary.tsx';
import { appClassName, initialDisplayMode, shows, usePresenter } from './displayMode.ts';
import { DisplayModeButtons } from './DisplayModeButtons.tsx';
import { initialLink, lastAtStart, writeLink } from './urlSync.ts';
import { loadCodec, loadCodecWhenIdle } from '../share/lazyCodec.ts';

// Shown only for some scenarios (the chart, global tables' replicas) or an imported stream (banner,
// findings): loaded when first shown.
const ReplicasPanel = lazy(() => import('../panels/ReplicasPanel.tsx').then((m) => ({ default: m.ReplicasPanel })));
const ImportBanner = lazy(() => import('../bridge/ImportBanner.tsx').then((m) => ({ default: m.ImportBanner })));
const CheckpointTradeoff = lazy(() => import('../panels/CheckpointTradeoff.tsx'));
const FindingsPanel = lazy(() => import('../bridge/FindingsPanel.tsx').then((m) => ({ default: m.FindingsPanel })));

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
  const frame = useStore(frameStore, (s) => s.frame);
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
              form={editing ? <PlaybackWriteForm table={table} playback={playback} check={checkWrite} /> : undefined}
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
  const anyPanel = shows('table') || shows('writes') || shows('stream') || shows('consumers') || shows('inspector') || shows('log');

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
          <ShareBar run={run?.imported ? undefined : run} playheadMs={playheadMs} speed={speed} onOpenScenario={openScenario} restoreLast={() => lastAtStart} files={!presenter} />
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
