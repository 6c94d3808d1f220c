/**
 * How far the computation in progress has got, in the words the status line uses: simulated time
 * reached and, for runs with the learner's code, invocations done (issue 21.8). Set by the compute
 * actor from the worker's progress reports; cleared when it settles.
 *
 * May import: zustand, protocol types, ui/panels/format.ts.
 */
import { create } from 'zustand';
import type { LoadProgress } from '../../worker/protocol.ts';
import { formatNumber } from '../panels/format.ts';

export const useRunProgress = create<{ progress: LoadProgress | null }>()(() => ({ progress: null }));

export function runProgressReported(progress: LoadProgress | null): void {
  useRunProgress.setState({ progress });
}

/** "27.5 s of 60 s simulated · 14 invocations". The first run shows it before its first frame: no Intl (formatNumber). */
export function progressText(p: LoadProgress): string {
  const s = (ms: number) => `${formatNumber(ms / 1000, ms < 10_000 ? 1 : 0)} s`;
  const invocations = p.invocations !== undefined ? ` · ${formatNumber(p.invocations)} Lambda invocation${p.invocations === 1 ? '' : 's'}` : '';
  return `${s(p.doneMs)} of ${s(p.totalMs)} simulated${invocations}`;
}
