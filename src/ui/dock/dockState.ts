/**
 * The dock's model, pure: which tabs exist, which panels (`?panels=` names) each tab holds, the
 * sizes a sheet may take, whether a selection opens the Inspector, and how the dock's state is read
 * from the address and from localStorage and written back. The zustand view store holds the live
 * state; `Dock.tsx` draws it.
 *
 * May import: the display mode's panel ids (types). May not import: React, zustand, worker, sim.
 */
import type { PanelId } from '../app/displayMode.ts';

/** The dock's tabs, in the order they are shown. */
export const DOCK_TABS = ['data', 'consumers', 'inspector', 'log', 'interventions', 'settings', 'code', 'challenge'] as const;
export type DockTabId = (typeof DOCK_TABS)[number];

/** What each tab is called on screen. */
export const DOCK_TAB_LABELS: Record<DockTabId, string> = {
  data: 'Table & stream',
  consumers: 'Consumers',
  inspector: 'Inspector',
  log: 'What happened',
  interventions: 'Interventions',
  settings: 'Settings',
  code: 'Your consumer',
  challenge: 'Challenge',
};

/** The `?panels=` names each tab answers to (the first listed dock panel opens its tab). */
export const TAB_PANELS: Record<DockTabId, readonly PanelId[]> = {
  data: ['table', 'writes', 'stream'],
  consumers: ['consumers'],
  inspector: ['inspector'],
  log: ['log'],
  interventions: ['interventions'],
  settings: ['settings'],
  code: ['code'],
  challenge: ['challenge'],
};

export interface DockState {
  tab: DockTabId;
  /** Only the tab strip shows; the stage takes the room. */
  collapsed: boolean;
  /** The side sheet's width (wide screens), CSS px. */
  sideWidth: number;
  /** The bottom sheet's height (narrow screens), CSS px. */
  bottomHeight: number;
}

export const DEFAULT_DOCK: DockState = { tab: 'data', collapsed: false, sideWidth: 440, bottomHeight: 300 };

/** Below this viewport width the dock is a bottom sheet. */
export const NARROW_MAX_WIDTH = 899;
export const SIDE_MIN = 280;
export const BOTTOM_MIN = 140;
/** The stage keeps at least this share of the room a sheet is resized in. */
const STAGE_MIN_SHARE = 0.4;

/** A sheet's size kept between its minimum and what leaves the stage its share of `room` px. */
export function clampSize(size: number, min: number, room: number): number {
  const max = Math.max(min, Math.floor(room * (1 - STAGE_MIN_SHARE)));
  if (!Number.isFinite(size)) return min;
  return Math.round(Math.min(max, Math.max(min, size)));
}

export function isDockTab(v: unknown): v is DockTabId {
  return typeof v === 'string' && (DOCK_TABS as readonly string[]).includes(v);
}

const STORAGE_KEY = 'streamscope.dock';

/** The remembered state from a localStorage value; anything unreadable falls back field by field. */
export function parseStoredDock(raw: string | null): DockState {
  if (!raw) return DEFAULT_DOCK;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return DEFAULT_DOCK;
  }
  if (typeof v !== 'object' || v === null) return DEFAULT_DOCK;
  const o = v as Record<string, unknown>;
  const num = (x: unknown, d: number) => (typeof x === 'number' && Number.isFinite(x) && x > 0 ? Math.round(x) : d);
  return {
    tab: isDockTab(o.tab) ? o.tab : DEFAULT_DOCK.tab,
    collapsed: typeof o.collapsed === 'boolean' ? o.collapsed : DEFAULT_DOCK.collapsed,
    sideWidth: num(o.sideWidth, DEFAULT_DOCK.sideWidth),
    bottomHeight: num(o.bottomHeight, DEFAULT_DOCK.bottomHeight),
  };
}

/**
 * The dock as a link asks for it: outside embed mode `?panels=` names what to show, so the first
 * listed dock panel opens its tab, and a list without dock panels (`?panels=timeline`) starts with
 * the dock collapsed. Without `?panels=` the remembered state stands.
 */
export function dockFromSearch(search: string, remembered: DockState): DockState {
  const listed = new URLSearchParams(search).get('panels');
  if (listed === null) return remembered;
  const names = listed.split(',').map((p) => p.trim().toLowerCase());
  for (const name of names) {
    const tab = DOCK_TABS.find((t) => (TAB_PANELS[t] as readonly string[]).includes(name));
    if (tab) return { ...remembered, tab, collapsed: false };
  }
  return { ...remembered, collapsed: true };
}

/**
 * Where a record was selected: on the timeline or in a panel (`mark`), or from a list the user walks
 * through (`list`: a finding's "Show at…").
 */
export type SelectionSource = 'mark' | 'list';

/**
 * Whether a new selection opens the Inspector tab. It does, except for a record shown from a list
 * on a phone (`narrow`): the bottom sheet is the only room beside the stage, and switching it away
 * lost the list the user was walking; the stage shows the moment, the list stays, and the
 * Inspector is its tab, one tap away. Beside a side sheet the stage and the Inspector both show.
 */
export function selectionOpensInspector(from: SelectionSource, narrow: boolean): boolean {
  return !(narrow && from === 'list');
}

/** The tab to show: the chosen one if it is available, else the first available. */
export function visibleTab(chosen: DockTabId, available: readonly DockTabId[]): DockTabId | undefined {
  return available.includes(chosen) ? chosen : available[0];
}

/**
 * The dock when an imported stream opens: its Findings (the consumers tab) chosen. On a wide screen
 * the side sheet opens on them beside the stage. On a phone the bottom sheet folds to its tab strip
 * instead: under the import's banner an open sheet left the stage no room at all, and the timeline
 * is what the import is for. The Findings tab, with its count, opens the sheet in one tap.
 */
export function dockForImport(state: DockState, narrow: boolean): DockState {
  return { ...state, tab: 'consumers', collapsed: narrow };
}

/**
 * The dock at start: the link's `?panels=`, else what this browser remembers, else the defaults —
 * on a narrow screen (`narrow`: a phone) collapsed to its tab strip, since a bottom sheet open at
 * start leaves the stage a strip of one lane; a tab opens it.
 */
export function readDock(search: string, storage: Pick<Storage, 'getItem'> | undefined, narrow = false): DockState {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage blocked (privacy mode): the defaults.
  }
  const remembered = raw === null && narrow ? { ...DEFAULT_DOCK, collapsed: true } : parseStoredDock(raw);
  return dockFromSearch(search, remembered);
}

/** Whether the viewport is narrow enough for the dock to be a bottom sheet (false outside a browser). */
export function narrowViewport(): boolean {
  return typeof matchMedia === 'function' && matchMedia(`(max-width: ${NARROW_MAX_WIDTH}px)`).matches;
}

/** Remembers the dock's state in this browser (silently skipped where storage is blocked or full). */
export function writeDock(state: DockState, storage: Pick<Storage, 'setItem'> | undefined): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Not remembered; the dock still works for this visit.
  }
}
