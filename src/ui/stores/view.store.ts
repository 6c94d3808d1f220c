/**
 * View state that changes at human speed: what the user has selected. Not the simulation (the
 * worker owns it), not per-frame data (React state fed by the worker), not the playback status
 * (the playback machine owns it).
 *
 * Actions are module-level functions named as events, so components never reach into `set`.
 *
 * May import: zustand. May not import: sim, worker, machines.
 */
import { create } from 'zustand';

export interface SelectedRecord {
  streamArn: string;
  shardId: string;
  sequenceNumber: string;
}

export interface ViewState {
  /** The stream record shown in the inspector, identified by where it lives. */
  selectedRecord: SelectedRecord | null;
}

export const useViewStore = create<ViewState>()(() => ({
  selectedRecord: null,
}));

export function recordSelected(selected: SelectedRecord): void {
  useViewStore.setState({ selectedRecord: selected });
}

export function selectionCleared(): void {
  useViewStore.setState({ selectedRecord: null });
}
