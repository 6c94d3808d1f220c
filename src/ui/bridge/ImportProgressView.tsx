/**
 * An import in progress (its bar, the records read so far, a Cancel button) and the memory budget
 * field, for the import dialog. The worker reports progress between the pieces of the file it reads,
 * so the bar moves and Cancel answers while a big file is read.
 *
 * May import: React, protocol types, worker/client.ts (constants), ./memoryBudget.ts. May not import: worker runtime, sim runtime.
 */
import { useId, useState } from 'react';
import type { ImportProgress } from '../../worker/protocol.ts';
import { PEAK_BYTES_PER_IMPORTED_RECORD } from '../../worker/client.ts';
import { formatMegabytes, MAX_BUDGET_MB, MIN_BUDGET_MB, setMemoryBudgetMB, useMemoryBudget } from './memoryBudget.ts';

function amount(read: number, total: number, text: boolean): string {
  if (text) return `${read.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} characters`;
  return `${formatMegabytes(read)} of ${formatMegabytes(total)}`;
}

export function ImportProgressView({ progress, source, onCancel }: { progress: ImportProgress; source: string | null; onCancel: () => void }) {
  const pct = progress.total > 0 ? Math.min(100, Math.floor((progress.read / progress.total) * 100)) : 100;
  const what = progress.phase === 'reading' ? `Reading ${source ?? 'the text'}…` : progress.phase === 'indexing' ? 'Indexing the timeline…' : 'Placing the records on the timeline…';
  const placing = progress.phase === 'placing' || progress.phase === 'indexing';
  return (
    <div className="import__progress" role="status" aria-live="polite">
      <p>
        {what} <progress max={100} value={pct} aria-label="Import progress" /> {pct}% ·{' '}
        {placing ? `${progress.read.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} trace facts` : amount(progress.read, progress.total, source === null)} ·{' '}
        <span aria-label="Records read">{progress.records.toLocaleString('en-US')} records</span>
        {progress.findings !== undefined && <span aria-label="Findings so far"> · {progress.findings.toLocaleString('en-US')} {progress.findings === 1 ? 'finding' : 'findings'} so far</span>}
      </p>
      <button type="button" className="button button--small" onClick={onCancel}>
        Cancel import
      </button>
    </div>
  );
}

export function MemoryBudgetField() {
  const mb = useMemoryBudget((s) => s.mb);
  const [problem, setProblem] = useState<string | undefined>();
  const id = useId();
  return (
    <p className="import__budget">
      <label htmlFor={id}>Memory budget (MB)</label>{' '}
      <input
        id={id}
        type="number"
        min={MIN_BUDGET_MB}
        max={MAX_BUDGET_MB}
        step={256}
        defaultValue={mb}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-help`}
        onKeyDown={(e) => e.stopPropagation()}
        onChange={(e) => setProblem(setMemoryBudgetMB(Number(e.target.value)))}
      />{' '}
      <span id={`${id}-help`} className="panel__hint">
        {problem ?? `An import or run that would take more is refused with a message instead of crashing the tab (reading an imported record takes up to ${(PEAK_BYTES_PER_IMPORTED_RECORD / 1000).toLocaleString('en-US')} KB). Now ${formatMegabytes(mb * 1024 * 1024)}.`}
      </span>
    </p>
  );
}
