/**
 * Display modes, read once from `location.search` when this module is first imported:
 *
 * - `?presenter=1`: large type, higher contrast, editing panels (Interventions, Save/Open scenario
 *   file) hidden, timeline and narration prominent. Also toggled at run time (Presenter button, key
 *   M); the toggle is written back to the address (search part only, the `#s=` link is untouched).
 * - `?embed=1&panels=timeline,narration,…`: for slides and course pages. No header, no notes, and
 *   only the listed panels (default: timeline, controls, narration). Outside embed mode `?panels=`
 *   opens the dock tab of the first dock panel it names (`dock/dockState.ts`).
 *
 * The app root gets `app--presenter` / `app--embed`; App.tsx asks `shows(panel)` before rendering a panel.
 *
 * May import: zustand. May not import: worker, sim, React components.
 */
import { createStore, useStore } from 'zustand';

export const PANEL_IDS = ['timeline', 'narration', 'table', 'writes', 'stream', 'consumers', 'inspector', 'controls', 'log', 'interventions', 'settings', 'code', 'challenge'] as const;
export type PanelId = (typeof PANEL_IDS)[number];
export const DEFAULT_EMBED_PANELS: readonly PanelId[] = ['timeline', 'controls', 'narration'];

export interface DisplayMode {
  presenter: boolean;
  embed: boolean;
  /** The panels an embed shows (every panel outside embed mode). */
  panels: ReadonlySet<PanelId>;
}

const truthy = (v: string | null) => v !== null && v !== '0' && v.toLowerCase() !== 'false';

export function parseDisplayMode(search: string): DisplayMode {
  const q = new URLSearchParams(search);
  const embed = truthy(q.get('embed'));
  const presenter = truthy(q.get('presenter'));
  if (!embed) return { presenter, embed, panels: new Set(PANEL_IDS) };
  const listed = q.get('panels');
  const wanted = listed === null ? DEFAULT_EMBED_PANELS : listed.split(',').map((p) => p.trim().toLowerCase());
  const panels = new Set(PANEL_IDS.filter((p) => wanted.includes(p)));
  return { presenter, embed, panels: panels.size > 0 ? panels : new Set(DEFAULT_EMBED_PANELS) };
}

export const initialDisplayMode: DisplayMode = parseDisplayMode(typeof location === 'undefined' ? '' : location.search);

const presenterStore = createStore<{ presenter: boolean }>(() => ({ presenter: initialDisplayMode.presenter }));

export function usePresenter(): boolean {
  return useStore(presenterStore, (s) => s.presenter);
}

export function presenterToggled(): void {
  const presenter = !presenterStore.getState().presenter;
  presenterStore.setState({ presenter });
  if (typeof location === 'undefined') return;
  const q = new URLSearchParams(location.search);
  if (presenter) q.set('presenter', '1');
  else q.delete('presenter');
  const search = q.toString();
  try {
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
  } catch {
    // Throttled: the mode still changed on screen.
  }
}

/** Is this panel shown (embed mode shows only the listed ones)? */
export function shows(panel: PanelId): boolean {
  return initialDisplayMode.panels.has(panel);
}

export function appClassName(presenter: boolean): string {
  return ['app', presenter && 'app--presenter', initialDisplayMode.embed && 'app--embed'].filter(Boolean).join(' ');
}
