/**
 * Memory honesty (issue 16.4): what a run or an import takes in the worker, estimated from what it
 * holds, and the budget past which it is refused with a message instead of crashing the tab. The
 * per-item figures were measured in Node (tools/bench/importSize.ts and memory.ts: heap used after
 * building the run, divided by its records or facts); the estimate is deliberately on the high side.
 *
 * Pure. May import: nothing.
 */

/**
 * Memory an imported run holds per record, all it brings with it: the record (its item versions
 * shared with the previous change's), the trace's numbers for its two facts (built when read), the
 * index and the fold's snapshots; heap and typed arrays both. Measured with
 * tools/bench/importSize.ts (Node, whose V8 does not compress pointers as Chrome's does): 149 B at
 * 1M records and 177 B at 200,000 in session 14, and 149 B at 10M (`npm run bench:import-huge`):
 * item versions kept as text (bridge/import/itemTexts.ts), the index's and the trace's columns
 * that repeated other columns gone; 317 B and 348 B in session 13, since the records are kept as
 * columns (bridge/import/recordColumns.ts) and the index is smaller (590 B in session 12, 648 B in
 * session 11). AWS's eventIDs (32 hex digits; the bench's are 9) add about 15 B: the figure leaves
 * room for them.
 * Session 10's 42-71 B were wrong twice over: the bench's baseline still held the file's text, and
 * it counted the heap without the typed arrays. The run's memory badge shows this figure.
 */
export const BYTES_PER_IMPORTED_RECORD = 200;
/**
 * Memory per record while an import is read and placed: the run being built plus the reader's
 * garbage and the placing's sort. Measured as above, sampled at each progress report: 425 B at 1M
 * records and 283 B at 10M in session 14 (565 B at 1M in session 13, 746 B in session 12); the
 * sort between two reports is not sampled, hence the margin. The budget refuses by this figure, so
 * an import that fits does not run the tab out on its way. A small import pays more a record for
 * what any import holds (about 780 B at 200,000: 150 MB, far under any budget a user can set).
 */
export const PEAK_BYTES_PER_IMPORTED_RECORD = 500;
/**
 * Heap per trace fact of a simulated run (facts, world snapshots, index, fold snapshots, extras).
 * Measured with tools/bench/runHeap.ts (Node, whose V8 does not compress pointers as Chrome's does):
 * 194 B at a million facts (351 B at the start of session 10): the index 91 B (its records'
 * eventIDs and sequence numbers packed, `packedTexts.ts`), the run and its world snapshots 52 B
 * (the core's columns), the fold 49 B (which fact set each item, `foldedItems.ts`). The estimate
 * leaves room for the playhead's snapshot and the garbage of computing the run.
 */
export const BYTES_PER_FACT = 300;
/** The default budget: what a browser tab can usually take without the OS or browser stopping it. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 1024 * 1024 * 1024;
/** The least a user may set (a budget below this would refuse the built-in lessons). */
export const MIN_MEMORY_BUDGET_BYTES = 64 * 1024 * 1024;

export function importMemoryBytes(records: number): number {
  return records * BYTES_PER_IMPORTED_RECORD;
}

export function runMemoryBytes(facts: number): number {
  return facts * BYTES_PER_FACT;
}

/** The most records an import may read within `budgetBytes` (by the peak while reading). */
export function maxImportRecords(budgetBytes: number): number {
  return Math.floor(budgetBytes / PEAK_BYTES_PER_IMPORTED_RECORD);
}

/** The budget a request asked for, made sane (a missing or absurd value is the default). */
export function budgetOf(requested: number | undefined): number {
  return requested !== undefined && Number.isFinite(requested) && requested >= MIN_MEMORY_BUDGET_BYTES ? requested : DEFAULT_MEMORY_BUDGET_BYTES;
}

/** "1.2 GB", "350 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toLocaleString('en-US', { maximumFractionDigits: 1 })} GB`;
  return `${Math.max(1, Math.round(bytes / 1024 ** 2)).toLocaleString('en-US')} MB`;
}

/** Why a run of this many facts is refused, or undefined when it fits. */
export function runOverBudget(facts: number, budgetBytes: number, atMs: number): string | undefined {
  const bytes = runMemoryBytes(facts);
  if (bytes <= budgetBytes) return undefined;
  return `This run needs more than ${formatBytes(budgetBytes)} of memory (the memory budget) by ${(atMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s of simulated time (${facts.toLocaleString('en-US')} trace facts); it was stopped before the tab ran out. Raise the memory budget or shorten the scenario.`;
}
