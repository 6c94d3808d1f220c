/**
 * The frame's tables, latest writes and scenario writes as changes to the copy the client holds
 * (issue 16.2): while records arrive each write changes these parts, and resending them whole was
 * about 85 KB a message. The host remembers the last copy of each part it built (`PartMemory`, by
 * run and version); when the request's `knownParts` names that version, the part goes as a delta
 * against it: the new writes ahead of the held list, the tables' rows that changed. A delta is
 * only sent when it is exact (the held rest of a list is compared, rows are compared whole) and
 * smaller than the part; else the part goes whole. The client's side is `partPatch.ts`; a property
 * test holds the two to the whole part (`partDiff.test.ts`).
 *
 * What the held copy and the frame can differ by is read from the run's facts (`heldTables.ts`,
 * session 21): with no table fact between the two, a held row whose key was not written since is
 * kept without comparing it, the writes lists' held rest is not compared, and the tables part itself
 * is the held copy with the written keys' rows read again (`deltasFor`: `packFrame` does not build
 * it). Many writes between the two (a jump) or a table fact: the rows are compared, as before.
 *
 * Built on the host's side only, and loaded as a chunk of its own on the first frame whose request
 * holds parts (`host.ts`): the worker's entry chunk does not carry it.
 *
 * May import: ./heldTables.ts, ./fold.ts and ./run.ts types, protocol types. May not import: sim runtime, ui.
 */
import type { FoldState } from './fold.ts';
import { changesSince, heldRows, tablesSince, type Since } from './heldTables.ts';
import type { Frame, FramePart, FrameRequest, ListDelta, PartDeltas, PartVersions, TableDelta, TableView, WriteView } from './protocol.ts';
import type { Run } from './run.ts';

/** The parts sent as deltas. */
type DeltaPart = keyof PartDeltas;
const DELTA_PARTS: readonly DeltaPart[] = ['tables', 'writes', 'sourceWrites'];

/** The last copy of each part the host built, of which run, at which version, and the frame's versions then. */
export type PartMemory = Map<DeltaPart, { runId: number; version: number; value: TableView[] | WriteView[]; versions: PartVersions }>;

/** Equal plain data (what survives structured clone: objects, arrays, strings, numbers, booleans). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!(k in b) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/**
 * The latest-writes list `next` as new entries ahead of `held`: `added` is how many writes came
 * since (the versions' difference). Undefined unless the rest of `next` is `held`'s start, and
 * something of it is kept. `exact`: no table fact came between the two, so a write's entry is the
 * same in both (it depends on its fact and the tables' names and keys) and the rest is not compared.
 */
export function listDelta<T>(held: readonly T[], from: number, next: readonly T[], added: number, exact = false): ListDelta<T> | undefined {
  if (added < 0 || added >= next.length || held.length < next.length - added) return undefined;
  if (!exact) for (let i = added; i < next.length; i++) if (!sameData(next[i], held[i - added])) return undefined;
  return { from, add: next.slice(0, added), length: next.length };
}

/** A table without its rows (the part of a patch that is sent whole). */
function headOf(t: TableView): Omit<TableView, 'items'> {
  const { items: _items, ...head } = t;
  return head;
}

/**
 * `next` as the rows of `held` it keeps (runs) and the rows it sends; undefined when it keeps none.
 * `written`: the only keys whose rows can differ (`heldTables.ts`); without it every row is compared.
 */
function tablePatch(held: TableView, heldIndex: number, next: TableView, written?: ReadonlySet<string>): TableDelta | number | undefined {
  // A table made from the held copy says which rows it kept (heldTables.ts); else rows are found by key.
  const from = heldRows.get(next);
  const at = new Map<string, number>();
  if (!from) held.items.forEach((row, i) => at.set(row.keyString, i));
  const patch: TableDelta['patch'] = [];
  let run: [number, number] | undefined;
  let kept = 0;
  for (let k = 0; k < next.items.length; k++) {
    const row = next.items[k]!;
    const j = from ? (from[k]! < 0 ? undefined : from[k]) : at.get(row.keyString);
    if (j === undefined || (!from && row !== held.items[j] && (!written || written.has(row.keyString)) && !sameData(row, held.items[j]))) {
      patch.push(row);
      run = undefined;
      continue;
    }
    kept++;
    if (run && run[0] + run[1] === j) run[1]++;
    else patch.push((run = [j, 1]));
  }
  if (kept === 0 && next.items.length > 0) return undefined;
  const head = headOf(next);
  if (kept === held.items.length && kept === next.items.length && patch.length <= 1 && sameData(head, headOf(held))) return heldIndex;
  return { ...head, held: heldIndex, patch };
}

/** The tables `next` as changes to `held`; undefined when no table keeps anything of the held ones. */
export function tablesDelta(held: readonly TableView[], from: number, next: readonly TableView[], written?: ReadonlySet<string>): PartDeltas['tables'] {
  const byName = new Map(held.map((t, i) => [t.name, i]));
  let kept = false;
  const tables = next.map((t) => {
    const i = byName.get(t.name);
    const d = i === undefined ? undefined : tablePatch(held[i]!, i, t, written);
    if (d === undefined) return t;
    kept = true;
    return d;
  });
  return kept ? { from, tables } : undefined;
}

/** The last copy of `part` when the request holds it (same run, same version): what a delta is against. */
function heldCopy(memory: PartMemory, part: DeltaPart, runId: number, request: FrameRequest) {
  const last = memory.get(part);
  const known = request.knownParts?.runId === runId ? request.knownParts.versions : undefined;
  return last && known && last.runId === runId && last.version === known[part] ? last : undefined;
}

/** A frame's deltas: the parts `packFrame` need not build (`built`), then `send` once the frame is packed. */
export interface FrameDeltas {
  built: ReadonlySet<FramePart>;
  send(frame: Frame): void;
}

/**
 * Plans the frame's deltas before it is packed: where the request holds this host's last tables
 * copy and only a few writes came since (no table fact), the tables part is made from that copy
 * (`tablesSince`) and `packFrame` skips it. `send` then replaces the frame's tables, writes and
 * scenario writes by deltas where the request holds the copy this host last built of them, and
 * remembers the whole parts for the next frame. Parts the client holds at this version (`held`:
 * sent empty already) stay as they are.
 */
export function deltasFor(memory: PartMemory, request: FrameRequest, r: Run, state: FoldState, versions: PartVersions, held: ReadonlySet<FramePart>): FrameDeltas {
  const since = new Map<DeltaPart, Since>();
  for (const part of DELTA_PARTS) {
    const last = held.has(part) ? undefined : heldCopy(memory, part, r.id, request);
    if (last) since.set(part, changesSince(r, last.versions, versions, part === 'tables'));
  }
  const tablesHeld = memory.get('tables');
  const written = since.get('tables')?.written;
  const tables = written && tablesHeld ? tablesSince(r.index, state, tablesHeld.value as TableView[], written, sameData) : undefined;
  return {
    built: tables ? new Set([...held, 'tables']) : held,
    send(frame) {
      if (tables) frame.tables = tables;
      const deltas: PartDeltas = {};
      for (const part of DELTA_PARTS) {
        if (held.has(part)) continue;
        const value = frame[part];
        if (!value) continue;
        const last = memory.get(part);
        memory.set(part, { runId: frame.runId, version: versions[part], value, versions });
        const s = since.get(part);
        if (!s || !last) continue;
        if (part === 'tables') {
          const d = tablesDelta(last.value as TableView[], last.version, value as TableView[], s.written);
          if (d) deltas.tables = d;
        } else {
          const d = listDelta(last.value as WriteView[], last.version, value as WriteView[], versions[part] - last.version, s.sameTables);
          if (d) deltas[part] = d;
        }
      }
      for (const part of DELTA_PARTS) if (deltas[part]) frame[part] = [];
      if (Object.keys(deltas).length > 0) frame.partDeltas = deltas;
    },
  };
}
