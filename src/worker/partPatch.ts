/**
 * The client's side of `partDiff.ts`: a frame's tables, latest writes and scenario writes sent as
 * changes (`Frame.partDeltas`) applied to the copy the client holds, giving exactly the part the
 * worker built. A table the delta keeps unchanged stays the same object (cheap to compare for React).
 *
 * May import: protocol types. May not import: sim, host, ui.
 */
import type { ItemRow, ListDelta, TablesDelta, TableView } from './protocol.ts';

/** `held` at version `version`, the copy a delta must be against: anything else is a bug in the protocol. */
function check(version: number | undefined, from: number): void {
  if (version !== from) throw new Error(`A frame part came as a delta against version ${from}, but the client holds version ${String(version)}.`);
}

/** The list: the new entries, then the held ones, cut to the list's length. */
export function patchList<T>(held: readonly T[], version: number | undefined, delta: ListDelta<T>): T[] {
  check(version, delta.from);
  const out = delta.add.slice();
  for (let i = 0; out.length < delta.length; i++) out.push(held[i]!);
  return out;
}

/** The tables: held ones by index, patched ones from their held rows, new ones as sent. */
export function patchTables(held: readonly TableView[], version: number | undefined, delta: TablesDelta): TableView[] {
  check(version, delta.from);
  return delta.tables.map((t) => {
    if (typeof t === 'number') return held[t]!;
    if (!('patch' in t)) return t;
    const { held: index, patch, ...head } = t;
    const rows = held[index]!.items;
    const items: ItemRow[] = [];
    for (const p of patch) {
      if (!Array.isArray(p)) items.push(p);
      else for (let j = p[0]; j < p[0] + p[1]; j++) items.push(rows[j]!);
    }
    return { ...head, items };
  });
}
