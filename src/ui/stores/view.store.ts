/**
 * View state that changes at human speed: what the user has selected, the notices on screen (a
 * link or file that could not be restored), and how far a computation has got. Not the simulation
 * (the worker owns it), not per-frame data (`frame.store.ts`), not the playback status (the playback
 * machine owns it, with the narration step and whether playing pauses at each step).
 *
 * Actions are module-level functions named as events, so components never reach into `set`.
 *
 * May import: zustand. May not import: sim, worker, machines.
 */
import { create } from 'zustand';
import { BOTTOM_MIN, clampSize, DEFAULT_DOCK, dockForImport, narrowViewport, readDock, SIDE_MIN, writeDock, type DockState, type DockTabId, type SelectionSource } from '../dock/dockState.ts';

export interface SelectedRecord {
  streamArn: string;
  shardId: string;
  sequenceNumber: string;
}

/** Something that could not be restored or opened: what, why (the codec's or validator's reason), details. */
export interface Notice {
  id: number;
  title: string;
  reason: string;
  message: string;
  details: string[];
  /** Offer "Restore your last scenario" (a fragment `s=1.…`). */
  restoreLast?: string;
}

export interface ViewState {
  /** The stream record shown in the inspector, identified by where it lives. */
  selectedRecord: SelectedRecord | null;
  /** Where the selected record was selected (a phone's sheet keeps a list it was shown from: `selectionOpensInspector`). */
  selectedFrom: SelectionSource;
  notices: Notice[];
  /** Progress of the run being computed, 0…1, or null when none is. */
  progress: number | null;
  /** The consumer or worker the fault buttons aim at. */
  faultTarget: string | null;
  /** The dock of panels: open tab, collapsed or not, sizes (remembered in localStorage). */
  dock: DockState;
}

/** This browser's localStorage, or undefined where there is none or reading it throws (a blocked frame). */
function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export const useViewStore = create<ViewState>()(() => ({
  selectedRecord: null,
  selectedFrom: 'mark',
  notices: [],
  progress: null,
  faultTarget: null,
  dock: typeof location === 'undefined' ? DEFAULT_DOCK : readDock(location.search, browserStorage(), narrowViewport()),
}));

export function recordSelected(selected: SelectedRecord, from: SelectionSource = 'mark'): void {
  useViewStore.setState({ selectedRecord: selected, selectedFrom: from });
}

export function selectionCleared(): void {
  useViewStore.setState({ selectedRecord: null });
}

let nextNoticeId = 1;
export function noticeShown(notice: Omit<Notice, 'id'>): void {
  useViewStore.setState((s) => ({ notices: [...s.notices, { ...notice, id: nextNoticeId++ }] }));
}

export function noticeDismissed(id: number): void {
  useViewStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

export function progressReported(progress: number | null): void {
  useViewStore.setState({ progress });
}

export function faultTargetChosen(target: string | null): void {
  useViewStore.setState({ faultTarget: target });
}

function dockChanged(change: Partial<DockState>): void {
  useViewStore.setState((s) => ({ dock: { ...s.dock, ...change } }));
  writeDock(useViewStore.getState().dock, browserStorage());
}

/** A dock tab was chosen (by the user, or by a click on a mark opening the inspector): it opens. */
export function dockTabChosen(tab: DockTabId): void {
  dockChanged({ tab, collapsed: false });
}

/** An imported stream opened: the dock shows its findings, folded on a phone (`dockForImport`). */
export function dockImportOpened(narrow: boolean): void {
  dockChanged(dockForImport(useViewStore.getState().dock, narrow));
}

export function dockCollapsedChanged(collapsed: boolean): void {
  dockChanged({ collapsed });
}

/** The side sheet's width or the bottom sheet's height, kept within `room` (the px it shares with the stage). */
export function dockResized(edge: 'side' | 'bottom', size: number, room: number): void {
  if (edge === 'side') dockChanged({ sideWidth: clampSize(size, SIDE_MIN, room) });
  else dockChanged({ bottomHeight: clampSize(size, BOTTOM_MIN, room) });
}
