/**
 * The memory budget the user sets (issue 16.4): how much the worker may hold for a run or an import
 * before it refuses with a message instead of crashing the tab. Remembered in localStorage; sent with
 * each import and load.
 *
 * May import: zustand, worker/client.ts (constants), ui/panels/format.ts. May not import: worker runtime beyond client.ts.
 */
import { create } from 'zustand';
import { DEFAULT_MEMORY_BUDGET_BYTES, MIN_MEMORY_BUDGET_BYTES } from '../../worker/client.ts';
import { formatNumber } from '../panels/format.ts';

const KEY = 'streamscope.memoryBudgetMB';
const MB = 1024 * 1024;
export const MIN_BUDGET_MB = MIN_MEMORY_BUDGET_BYTES / MB;
export const MAX_BUDGET_MB = 16 * 1024;

function stored(): number {
  try {
    const v = Number(globalThis.localStorage?.getItem(KEY));
    return Number.isFinite(v) && v >= MIN_BUDGET_MB && v <= MAX_BUDGET_MB ? v : DEFAULT_MEMORY_BUDGET_BYTES / MB;
  } catch {
    return DEFAULT_MEMORY_BUDGET_BYTES / MB;
  }
}

export const useMemoryBudget = create<{ mb: number }>()(() => ({ mb: stored() }));

/** Sets the budget (MB); returns the problem when the value is not one, and keeps the old value then. */
export function setMemoryBudgetMB(value: number): string | undefined {
  if (!Number.isFinite(value) || value < MIN_BUDGET_MB || value > MAX_BUDGET_MB) return `The memory budget is a number of MB from ${MIN_BUDGET_MB} to ${formatNumber(MAX_BUDGET_MB)}.`;
  const mb = Math.round(value);
  useMemoryBudget.setState({ mb });
  try {
    globalThis.localStorage?.setItem(KEY, String(mb));
  } catch {
    // Private browsing may refuse storage: the budget still holds for this tab.
  }
  return undefined;
}

export function memoryBudgetBytes(): number {
  return useMemoryBudget.getState().mb * MB;
}

/** "1.2 GB", "350 MB". The status line shows it before the first live frame: no Intl (formatNumber). */
export function formatMegabytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${formatNumber(bytes / (1024 * MB), 1)} GB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / MB)))} MB`;
}
