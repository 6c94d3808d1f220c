/**
 * The bridge's controls in the header (Import records…, Export ▾) and the way back from an imported
 * stream. Importing remembers the run the user had (scenario, seed, interventions, playhead), so
 * "Back to …" restores it exactly; the imported stream itself is never written into the link.
 *
 * May import: React, xstate types, protocol types, the playback machine's types, ./Import*, ./Export*.
 * May not import: worker runtime, sim runtime.
 */
import { create } from 'zustand';
import type { ActorRefFrom } from 'xstate';
import type { ExportedFile, ExportFormat, LoadResult } from '../../worker/protocol.ts';
import type { PlaybackMachine, RunRequest } from '../machines/playback.machine.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import type { Importer } from './ImportDialogBody.tsx';

type Playback = ActorRefFrom<PlaybackMachine>;

interface ReturnTo {
  request: Extract<RunRequest, { kind: 'load' }>;
  title: string;
  atMs: number;
}

/** Where "Back to …" goes: the run on screen when the user imported. */
const useReturnStore = create<{ returnTo: ReturnTo | null }>()(() => ({ returnTo: null }));

export function BridgeControls({ playback, run, exportRun, importer }: { playback: Playback; run: LoadResult | undefined; exportRun: (format: ExportFormat) => Promise<ExportedFile>; importer: Importer }) {
  function onImport(importId: number) {
    const { context } = playback.getSnapshot();
    // Importing on top of an import keeps the way back to the scenario.
    if (context.run && !context.run.imported && context.lastGood) {
      useReturnStore.setState({ returnTo: { request: context.lastGood, title: context.run.title, atMs: context.playheadMs } });
    }
    playback.send({ type: 'playback.load', source: { importId } });
  }
  return (
    <div className="share" role="group" aria-label="Import and export">
      <ImportDialog importer={importer} onImport={onImport} />
      <ExportMenu run={run} exportRun={exportRun} />
    </div>
  );
}

/** The title of the run "Back to …" restores, if any. */
export function useReturnTitle(): string | undefined {
  return useReturnStore((s) => s.returnTo?.title);
}

/** Goes back to the run the user had before importing (or `fallbackId`). */
export function goBack(playback: Playback, fallbackId: string): void {
  const back = useReturnStore.getState().returnTo;
  useReturnStore.setState({ returnTo: null });
  if (!back) {
    playback.send({ type: 'playback.load', source: fallbackId });
    return;
  }
  const { source, seed, interventions } = back.request;
  playback.send({ type: 'playback.load', source, ...(seed !== undefined ? { seed } : {}), ...(interventions?.length ? { interventions } : {}), atMs: back.atMs });
}
