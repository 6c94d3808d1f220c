/**
 * The global-tables check, at the end of a run: do all replicas of each global table hold the same
 * items, and which writes were lost to last writer wins? Recorded as one `replicas-converged` or
 * `replicas-diverged` fact per global table, with the lesson in words, e.g.
 *
 *   Replicas converged: us-east-1 and eu-west-1 hold the same 1 item (voter-7: candidate 'green').
 *   The write of voter-7 in us-east-1 at 12.301 s (candidate 'blue') was overwritten by the one
 *   made in eu-west-1 at 12.650 s: last writer wins, and the older write is lost.
 *
 * A write counts as lost when one of its replications was discarded because the replica already
 * held a newer version (`replication-discarded`). Reads the world's replicas and the trace; writes
 * nothing but its facts. Worlds without global tables record nothing.
 */
import type { World } from '../world.ts';
import { record } from '../world.ts';
import type { AttributeValue, Item } from '../table/attributeValue.ts';
import { itemsEqual } from '../table/attributes.ts';
import { keyAttributeNames } from '../table/table.ts';
import { readableKeyString } from '../handlers/records.ts';
import { replicationState, type GlobalTable } from '../replication/state.ts';
import { listInWords, listSentences } from './format.ts';

/** Simulated ms as seconds with milliseconds: `12.301 s`. */
export function formatSeconds(ms: number): string {
  const t = Math.max(0, Math.floor(ms));
  return `${Math.floor(t / 1000)}.${String(t % 1000).padStart(3, '0')} s`;
}

function valueInWords(v: AttributeValue): string {
  if ('S' in v) return `'${v.S}'`;
  if ('N' in v) return v.N;
  if ('BOOL' in v) return String(v.BOOL);
  if ('NULL' in v) return 'null';
  return JSON.stringify(v);
}

/** The non-key attributes of an item, `candidate 'green'`, at most three. */
function itemInWords(item: Item | undefined, keys: readonly string[]): string {
  if (!item) return 'absent';
  const parts = Object.keys(item)
    .filter((n) => !keys.includes(n))
    .sort()
    .map((n) => `${n} ${valueInWords(item[n]!)}`);
  return parts.length === 0 ? 'no other attributes' : listInWords(parts, 3);
}

interface LostWrite {
  keyString: string;
  fromRegion: string;
  writtenAtMs: number;
  keptRegion: string;
  keptWrittenAtMs: number;
}

/** Writes whose replication was discarded somewhere, once each, in trace order. */
function lostWrites(world: World, table: string): LostWrite[] {
  const seen = new Set<string>();
  const out: LostWrite[] = [];
  for (const f of world.trace) {
    if (f.type !== 'replication-discarded' || f.table !== table) continue;
    const id = `${f.fromRegion}|${f.writtenAtMs}|${f.keyString}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ keyString: f.keyString, fromRegion: f.fromRegion, writtenAtMs: f.writtenAtMs, keptRegion: f.keptRegion, keptWrittenAtMs: f.keptWrittenAtMs });
  }
  return out;
}

/** The item a lost write left in its own Region (from its `write` fact). */
function lostItem(world: World, table: string, w: LostWrite): Item | undefined {
  for (const f of world.trace) {
    if (f.type === 'write' && f.table === table && f.region === w.fromRegion && f.t === w.writtenAtMs && f.keyString === w.keyString && f.op !== 'Replication') return f.newItem;
  }
  return undefined;
}

function verdict(world: World, group: GlobalTable): void {
  const home = group.replicas.get(group.homeRegion)!;
  const keys = keyAttributeNames(home.keySchema);
  const regions = [...group.regions];
  const allKeys = new Set<string>();
  for (const r of regions) for (const k of group.replicas.get(r)!.items.keys()) allKeys.add(k);
  const differing = [...allKeys].sort().filter((k) => regions.some((r) => !itemsEqual(group.replicas.get(r)!.items.get(k), home.items.get(k))));
  const where = listInWords(regions);
  if (differing.length > 0) {
    const rows = differing.map((k) => `${readableKeyString(k)}: ${regions.map((r) => `${r} ${itemInWords(group.replicas.get(r)!.items.get(k), keys)}`).join(', ')}`);
    const pending = group.inFlight > 0 ? ` ${group.inFlight} replicated write(s) were still on their way when the run ended.` : '';
    record(world, {
      t: world.nowMs,
      type: 'replicas-diverged',
      table: group.table,
      regions,
      keyStrings: differing,
      message: `Replicas of ${group.table} differ: ${listSentences(rows, 3)}.${pending}`,
    });
    return;
  }
  const lost = lostWrites(world, group.table);
  const touched = [...new Set(lost.map((w) => w.keyString))];
  const shown = touched.length > 0 ? touched : [...home.items.keys()].sort().slice(0, 3);
  const holdings = shown.map((k) => `${readableKeyString(k)}: ${itemInWords(home.items.get(k), keys)}`);
  const n = home.items.size;
  let message = `Replicas converged: ${where} hold the same ${n} item${n === 1 ? '' : 's'}${holdings.length > 0 ? ` (${listSentences(holdings, 3)})` : ''}.`;
  if (lost.length > 0) {
    const lines = lost.map(
      (w) =>
        `the write of ${readableKeyString(w.keyString)} in ${w.fromRegion} at ${formatSeconds(w.writtenAtMs)} (${itemInWords(lostItem(world, group.table, w), keys)}) was overwritten by the one made in ${w.keptRegion} at ${formatSeconds(w.keptWrittenAtMs)}`,
    );
    const text = listSentences(lines, 3);
    message += ` ${text.charAt(0).toUpperCase()}${text.slice(1)}: last writer wins, and the older write is lost.`;
  } else {
    message += ' No write was lost to a conflict.';
  }
  record(world, { t: world.nowMs, type: 'replicas-converged', table: group.table, regions, overwritten: lost.length, message });
}

/** Records the verdict on every global table; nothing in a world without one. */
export function replicationChecks(world: World): void {
  const st = replicationState(world);
  if (!st) return;
  for (const name of [...st.groups.keys()].sort()) verdict(world, st.groups.get(name)!);
}
