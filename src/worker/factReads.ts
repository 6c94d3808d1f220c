/**
 * What the passes over a run's facts read of a fact, without building the rest of it (issue #16). An
 * imported run keeps its items as text (bridge/import/itemTexts.ts) and parses one only when it is
 * read: the index, the hasher, the fold and the item history go through here over a million facts and
 * never need an item; a core fact has its parts at hand and answers as it always did.
 *
 * May import: sim types, bridge types. May not import: sim runtime, ui.
 */
import type { RecordHead } from '../bridge/types.ts';
import type { TraceEvent } from '../sim/index.ts';

type AppendedEvent = Extract<TraceEvent, { type: 'record-appended' }>;
type WriteEvent = Extract<TraceEvent, { type: 'write' }>;

/** The fact's record without its images (an imported fact's `head`; else its record). */
export function recordHead(e: AppendedEvent): RecordHead {
  return (e as { head?: RecordHead }).head ?? e.record;
}

/** `e.newItem !== undefined`, which an imported write answers without parsing its item (`setsItem`). */
export function setsItem(e: WriteEvent): boolean {
  return (e as { setsItem?: boolean }).setsItem ?? e.newItem !== undefined;
}
