/**
 * The app shell: starts the worker client, runs the playback machine, asks the worker for the view
 * at the playhead and lays out the panels. Space toggles play anywhere a control does not own it.
 *
 * May import: React, xstate, worker/client.ts, protocol types, scenarios' catalogue, ui modules.
 * May not import: sim runtime, worker/host.ts.
 */
import { useActorRef, useSelector } from '@xstate/react';
import { useEffect } from 'react';
import { fromPromise } from 'xstate';
import { defaultScenarioId } from '../../scenarios/catalogue.ts';
import { createSimClient, type SimClient } from '../../worker/client.ts';
import type { LoadResult, SimView } from '../../worker/protocol.ts';
import { playbackMachine } from '../machines/playback.machine.ts';
import { Controls } from '../panels/Controls.tsx';
import { RecordInspector } from '../panels/RecordInspector.tsx';
import { StreamPanel } from '../panels/StreamPanel.tsx';
import { TablePanel } from '../panels/TablePanel.tsx';
import { WriteLog } from '../panels/WriteLog.tsx';
import { installTestApi } from './testApi.ts';
import { useSimView } from './useSimView.ts';

// One worker for the page's lifetime. Created on first use rather than in an effect, because React's
// StrictMode runs effects twice in development and would start (and kill) a second worker.
let sharedClient: SimClient | undefined;
function simClient(): SimClient {
  return (sharedClient ??= createSimClient());
}

const appPlaybackMachine = playbackMachine.provide({
  actors: { loadRun: fromPromise<LoadResult, { scenarioId: string }>(({ input }) => simClient().api.load(input.scenarioId)) },
});

/** Elements where Space already means something (press, open, type), so the shortcut stays out. */
function spaceBelongsTo(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.closest('button, a, input, select, textarea, [role="slider"]') !== null);
}

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
      </ul>
    </aside>
  );
}

function Panels({ view }: { view: SimView }) {
  const lastWrite = view.writes[0];
  return (
    <div className="layout">
      <div className="layout__column">
        {view.tables.map((table) => (
          <TablePanel key={table.name} table={table} lastWrite={view.writes.find((w) => w.table === table.name)} />
        ))}
        <WriteLog writes={view.writes} />
      </div>
      <div className="layout__column layout__column--wide">
        {view.streams.map((stream) => (
          <StreamPanel key={stream.streamArn} stream={stream} latestAtMs={lastWrite?.atMs} />
        ))}
        <RecordInspector view={view} />
      </div>
    </div>
  );
}

export function App() {
  const playback = useActorRef(appPlaybackMachine, { input: { scenarioId: defaultScenarioId } });
  const run = useSelector(playback, (s) => s.context.run);
  const playheadMs = useSelector(playback, (s) => s.context.playheadMs);
  const loadError = useSelector(playback, (s) => (s.matches('error') ? s.context.error : undefined));
  const { view, error: viewError } = useSimView(simClient(), run, playheadMs);

  useEffect(
    () =>
      installTestApi({
        traceHash: () => simClient().api.traceHash(),
        playheadMs: () => playback.getSnapshot().context.playheadMs,
        get scenarioId() {
          return playback.getSnapshot().context.run?.scenarioId;
        },
        get seed() {
          return playback.getSnapshot().context.run?.seed;
        },
      }),
    [playback],
  );

  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.code !== 'Space' || e.repeat || e.altKey || e.ctrlKey || e.metaKey || spaceBelongsTo(e.target)) return;
      e.preventDefault(); // Space would otherwise scroll the page
      playback.send({ type: 'playback.toggle' });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [playback]);

  const error = loadError ?? viewError;
  return (
    <div className="app">
      <header className="app__header">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">Streamscope</span>
        </div>
        <h1 className="app__title">{run?.title ?? 'Loading scenario…'}</h1>
        <RunBadge run={run} />
      </header>
      <Controls playback={playback} />
      {run && <p className="app__summary">{run.summary}</p>}
      {error && (
        <p className="app__error" role="alert">
          {error}
        </p>
      )}
      <main>{view ? <Panels view={view} /> : !error && <p className="panel__hint">Computing the run…</p>}</main>
      <Notes />
    </div>
  );
}
