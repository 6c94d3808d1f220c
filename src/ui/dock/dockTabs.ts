/**
 * Which dock tabs a run offers in a display mode, in order. Apart from the panels themselves
 * (`DockPanels.tsx`, loaded after the first screen) so the shell can lay out the tab bar at once.
 *
 * May import: protocol types, display mode, ./dockState. May not import: sim, worker runtime, panels.
 */
import type { LoadResult } from '../../worker/protocol.ts';
import { initialDisplayMode, shows } from '../app/displayMode.ts';
import type { DockTabId } from './dockState.ts';

/** The tabs this run offers in this display mode, in order. */
export function dockTabs(run: LoadResult, presenter: boolean, challengeOpen = false): DockTabId[] {
  const editing = !presenter && !initialDisplayMode.embed;
  const tabs: DockTabId[] = [];
  if (shows('table') || shows('writes') || shows('stream')) tabs.push('data');
  if (shows('consumers') && (run.imported || (run.scenario.consumers ?? []).length > 0 || run.consumers.length > 0)) tabs.push('consumers');
  if (shows('inspector')) tabs.push('inspector');
  if (shows('log')) tabs.push('log');
  if (editing && !run.imported) tabs.push('interventions', 'settings');
  if (editing) tabs.push('code');
  if (editing && challengeOpen && !run.imported) tabs.push('challenge');
  return tabs;
}
