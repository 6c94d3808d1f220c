/**
 * Imports read in the worker (issue 21.5, 16.3): a file or pasted text is read as a stream of pieces
 * (./importFile.ts, bridge/import/readStream.ts), with progress and a cancel between pieces, within
 * the memory budget; the stream becomes a run (./bridgeRuns.ts) held here until the page loads it by
 * id. Placing and indexing the records pause in slices too (progress, Cancel). The run on screen is
 * never touched by a read, so a failed or cancelled import loses nothing.
 *
 * May import: ./bridgeRuns.ts, ./memoryBudget.ts, ./inputs.ts, ./fileFeed.ts, protocol and bridge types. May not import: ui, Worker globals.
 */
import type { ImportError } from '../bridge/types.ts';
import { importedRunSteps, type ImportBridge } from './bridgeRuns.ts';
import { simError } from './inputs.ts';
import { formatBytes, maxImportRecords } from './memoryBudget.ts';
import type { FileFeed, ImportOutcome, ImportProgress } from './protocol.ts';
import { isFileFeed } from './fileFeed.ts';
import type { Run } from './run.ts';

export interface ImportDeps {
  bridge: () => Promise<ImportBridge>;
  /** Awaited between pieces: yields now and then, throws `cancelled`. */
  checkpoint: () => Promise<void>;
  nextRunId: () => number;
  budgetBytes: () => number;
}

export function createImports(deps: ImportDeps) {
  let lastImport: Run | undefined;
  return {
    async read(input: Blob | string | FileFeed, onProgress?: (p: ImportProgress) => void): Promise<ImportOutcome> {
      if (typeof input !== 'string' && !(typeof Blob !== 'undefined' && input instanceof Blob) && !isFileFeed(input)) throw simError('invalid-import', 'An import is a file or text.');
      const bridge = await deps.bridge();
      const total = bridge.sizeOf(input);
      const budget = deps.budgetBytes();
      const maxRecords = maxImportRecords(budget);
      const r = await bridge.importPieces(bridge.piecesOf(input), { total, maxRecords, checkpoint: deps.checkpoint, ...(onProgress ? { onProgress: (p) => onProgress({ phase: 'reading', ...p }) } : {}) });
      if (!r.ok) return { ok: false, error: r.error.reason === 'too-many-records' ? overBudget(maxRecords, budget) : r.error };
      const records = r.stream.records.length;
      onProgress?.({ phase: 'analysing', read: total, total, records, ...(r.findings ? { findings: r.findings.length } : {}) });
      await deps.checkpoint();
      // The previous import is let go first, so the two are never held together.
      lastImport = undefined;
      const steps = importedRunSteps(r.stream, deps.nextRunId(), bridge, r.findings);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done) {
          lastImport = step.value;
          break;
        }
        onProgress?.({ phase: step.value.phase, read: step.value.done, total: step.value.total, records, ...(r.findings ? { findings: r.findings.length } : {}) });
        await deps.checkpoint();
      }
      return { ok: true, importId: lastImport.id, records, memoryBytes: lastImport.imported?.memoryBytes ?? 0 };
    },
    /** The import read with this id (it stays held, so a reload of the same id works). */
    take(importId: number): Run {
      if (!lastImport || lastImport.id !== importId) throw simError('invalid-import', 'That import is no longer held by the worker: import the file again.');
      return lastImport;
    },
  };
}

function overBudget(maxRecords: number, budget: number): ImportError {
  return {
    reason: 'too-many-records',
    message: `The input holds more than ${maxRecords.toLocaleString('en-US')} records, which would take more than ${formatBytes(budget)} of memory (the memory budget, set in the import dialog); reading stopped there and nothing was imported. Raise the memory budget or import part of the file.`,
    details: [],
  };
}
