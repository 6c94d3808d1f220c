/**
 * What each dock tab holds, for the run on screen: the data path (tables, writes, stream), the
 * consumers with their verdicts, downstream and lease tables and the trade-off chart (or an imported
 * stream's findings), the record inspector, the event log, the interventions and the user's own
 * consumer (`dockTabs.ts` says which tabs this run and display mode offer). The module is loaded
 * after the first screen (the stage does not need it): `App.tsx` imports it lazily.
 *
 * May import: React, zustand, protocol types, ui panels, stores, display mode. May not import: sim, worker runtime.
 */
import { lazy, memo, Suspense, type ReactNode } from 'react';
import type { ActorRefFrom } from 'xstate';
import { useStore } from 'zustand';
import type { LoadResult, TableView, WriteView } from '../../worker/protocol.ts';
import { initialDisplayMode, shows } from '../app/displayMode.ts';
import { frameToView } from '../app/frameView.ts';
import { PanelBoundary } from '../app/PanelBoundary.tsx';
import { checkEdits, checkSetting, checkWrite, queryTable, simClient } from '../app/simClient.ts';
import { UserConsumer } from '../code/UserConsumer.tsx';
import type { PlaybackMachine } from '../machines/playback.machine.ts';
import { ConsumersPanel } from '../panels/ConsumersPanel.tsx';
import { EventLog } from '../panels/EventLog.tsx';
import { Interventions } from '../panels/Interventions.tsx';
import { RecordInspector } from '../panels/RecordInspector.tsx';
import { StreamPanel } from '../panels/StreamPanel.tsx';
import { TablePanel, tableRole } from '../panels/TablePanel.tsx';
import { tradeoffPoints } from '../panels/tradeoff.ts';
import { PlaybackWriteForm } from '../panels/WriteForm.tsx';
import { WriteLog } from '../panels/WriteLog.tsx';
import { frameStore } from '../stores/frame.store.ts';
import { useViewStore } from '../stores/view.store.ts';
import type { DockTabId } from './dockState.ts';
import { SimplifiedNotes } from './SimplifiedNotes.tsx';

// Shown only for some scenarios (the chart, global tables' replicas) or an imported stream
// (findings): loaded when first shown.
const ReplicasPanel = lazy(() => import('../panels/ReplicasPanel.tsx').then((m) => ({ default: m.ReplicasPanel })));
const CheckpointTradeoff = lazy(() => import('../panels/CheckpointTradeoff.tsx'));
const FindingsPanel = lazy(() => import('../bridge/FindingsPanel.tsx').then((m) => ({ default: m.FindingsPanel })));
// The settings panel (knobs) loads when first shown, with the edits module and its zod schema.
const KnobsPanel = lazy(() => import('../knobs/KnobsPanel.tsx'));
// The open challenge (issue 15), with the challenges' data and the code editor: loaded when first shown.
const ChallengePanel = lazy(() => import('../challenges/ChallengePanel.tsx'));

type Playback = ActorRefFrom<PlaybackMachine>;

export interface DockPanelsProps {
  tab: DockTabId;
  run: LoadResult;
  playback: Playback;
  presenter: boolean;
}

/** The content of one dock tab. */
export function DockPanels(props: DockPanelsProps): ReactNode {
  const { tab, playback } = props;
  if (tab === 'interventions') {
    return (
      <PanelBoundary name="Interventions">
        <Interventions playback={playback} />
      </PanelBoundary>
    );
  }
  if (tab === 'settings') {
    return (
      <PanelBoundary name="Settings">
        <Suspense fallback={null}>
          <KnobsPanel playback={playback} checkSetting={checkSetting} checkEdits={checkEdits} />
        </Suspense>
      </PanelBoundary>
    );
  }
  if (tab === 'challenge') {
    return (
      <PanelBoundary name="Challenge">
        <Suspense fallback={<p className="panel__hint">Loading the challenge…</p>}>
          <ChallengePanel playback={playback} grade={(id, attempt, onProgress) => simClient().grade(id, attempt, onProgress)} />
        </Suspense>
      </PanelBoundary>
    );
  }
  if (tab === 'code') {
    return (
      <PanelBoundary name="Your consumer">
        <UserConsumer playback={playback} checkCode={(code) => simClient().checkCode(code)} />
      </PanelBoundary>
    );
  }
  if (tab === 'log') {
    return (
      <PanelBoundary name="Event log">
        <EventLog playback={playback} />
      </PanelBoundary>
    );
  }
  return <FramePanels {...props} />;
}

/** A table the scenario writes to, with its write form when editing: memoised, so the form element is not new each refresh. */
const SourceTable = memo(function SourceTable({ table, lastWrite, playback }: { table: TableView; lastWrite: WriteView | undefined; playback: Playback | undefined }) {
  return <TablePanel table={table} lastWrite={lastWrite} form={playback ? <PlaybackWriteForm table={table} playback={playback} check={checkWrite} query={queryTable} /> : undefined} />;
});

/** The tabs drawn from the frame at the playhead. */
function FramePanels({ tab, run, playback, presenter }: DockPanelsProps) {
  const frame = useStore(frameStore, (s) => s.panelFrame);
  const selected = useViewStore((s) => s.selectedRecord);
  if (!frame || frame.runId !== run.runId) return <p className="panel__hint">Reading the run…</p>;
  const view = frameToView(frame, run, selected);
  const onSeek = (atMs: number) => playback.send({ type: 'playback.seek', atMs });
  if (tab === 'inspector') {
    return (
      <PanelBoundary name="Inspector">
        <RecordInspector view={view} lambdaRecord={frame.selectedLambdaRecord} deliveries={frame.selectedDeliveries} />
      </PanelBoundary>
    );
  }
  // Per consumer: its downstream target, then its lease table.
  const owned = run.consumers.flatMap((c) => {
    const mine = view.tables.filter((t) => t.owner === c);
    return [...mine.filter((t) => tableRole(t) === 'target'), ...mine.filter((t) => tableRole(t) === 'lease'), ...mine.filter((t) => tableRole(t) === 'kcl-meta')];
  });
  if (tab === 'consumers') {
    const tradeoff = tradeoffPoints(run.scenario.consumers ?? [], frame.counters);
    return (
      <>
        {run.imported && (
          <PanelBoundary name="Findings">
            <Suspense fallback={null}>
              <FindingsPanel imported={run.imported} onSeek={onSeek} />
            </Suspense>
          </PanelBoundary>
        )}
        {frame.consumers.length > 0 && !run.imported && (
          <PanelBoundary name="Consumers">
            <ConsumersPanel consumers={frame.consumers} specs={run.scenario.consumers ?? []} counters={frame.counters} checks={run.checks ?? {}} atEnd={frame.atMs >= run.durationMs} />
          </PanelBoundary>
        )}
        {!run.imported && tradeoff.length > 0 && (
          <PanelBoundary name="Checkpoint trade-off">
            <Suspense fallback={null}>
              <CheckpointTradeoff points={tradeoff} />
            </Suspense>
          </PanelBoundary>
        )}
        {shows('table') &&
          owned.map((table) => (
            <PanelBoundary key={table.name} name={`${table.name} table`}>
              <TablePanel table={table} role={tableRole(table)} lastWrite={view.writes.find((w) => w.table === table.name)} />
            </PanelBoundary>
          ))}
      </>
    );
  }
  const editing = !presenter && !initialDisplayMode.embed;
  const sourceWrites = frame.sourceWrites ?? view.writes;
  const lastWrite = sourceWrites[0];
  const own = view.tables.filter((t) => !t.owner);
  const others = view.tables.filter((t) => t.owner && !run.consumers.includes(t.owner));
  // Without a Consumers tab (an embed without it) the consumers' own tables stay with the data.
  const withOwned = shows('consumers') ? others : [...owned, ...others];
  return (
    <>
      {shows('table') &&
        own.map((table) => (
          <PanelBoundary key={table.name} name={`${table.name} table`}>
            <SourceTable table={table} lastWrite={sourceWrites.find((w) => w.table === table.name)} playback={editing ? playback : undefined} />
          </PanelBoundary>
        ))}
      {shows('table') &&
        (frame.replicas ?? []).map((verdict) => (
          <PanelBoundary key={`replicas-${verdict.table}`} name={`Global table ${verdict.table}`}>
            <Suspense fallback={null}>
              <ReplicasPanel verdict={verdict} />
            </Suspense>
          </PanelBoundary>
        ))}
      {shows('stream') &&
        view.streams.map((stream) => (
          <PanelBoundary key={stream.streamArn} name="Stream">
            <StreamPanel stream={stream} latestAtMs={lastWrite?.atMs} />
          </PanelBoundary>
        ))}
      {shows('writes') && (
        <PanelBoundary name="Writes">
          <WriteLog writes={sourceWrites} total={frame.sourceWriteCount} />
        </PanelBoundary>
      )}
      {shows('table') &&
        withOwned.map((table) => (
          <PanelBoundary key={table.name} name={`${table.name} table`}>
            <TablePanel table={table} role={tableRole(table)} lastWrite={view.writes.find((w) => w.table === table.name)} />
          </PanelBoundary>
        ))}
      {!initialDisplayMode.embed && <SimplifiedNotes />}
    </>
  );
}
