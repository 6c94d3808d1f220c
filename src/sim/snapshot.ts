/**
 * Snapshots of a world, for forking a run at an instant (RaftScope's fork): a deep copy that shares
 * what never changes. Facts are built fully before they are recorded and never edited; stream
 * records and items are replaced, never edited (the trace holds the very same objects, which is why
 * `Simulation.call` copies its responses); frozen objects are immutable by construction. So the copy
 * shares those, the arrays that only grow (the trace, item versions, keys) are kept by length, and
 * the full chunks of the record and write columns (`stream/recordStore.ts`, `trace/writeColumns.ts`)
 * are shared: a snapshot of a million-fact run copies tables, queue and consumers' state, not its
 * history.
 *
 * A world holding a function that is not frozen (nor inside a frozen object) cannot be copied: a closure may hold state of
 * the world it was made in (a learner's KCL record processor's counters, a user's Lambda handler), and the
 * copy would keep writing to the original. `takeSnapshot` then throws `NotForkableError`, and the
 * caller recomputes from time 0 instead. A function is frozen by the module that makes it to declare
 * it holds no world state (it looks up what it needs in the world it is handed).
 */
import type { World } from './world.ts';
import { TextTable } from './kernel/textTable.ts';

export class NotForkableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'not-forkable';
  }
}

type Memo = Map<object, unknown>;

function cloneObject(v: object, memo: Memo): object {
  const proto: object | null = Object.getPrototypeOf(v);
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    memo.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = cloneValue(v[i], memo);
    return out;
  }
  if (v instanceof Map) {
    // A subclass stays itself (a table's `ItemMap`: the copy is a new one, with its own identity).
    const out = proto === Map.prototype ? new Map() : new (proto as { constructor: MapConstructor }).constructor();
    memo.set(v, out);
    for (const [k, x] of v) out.set(cloneValue(k, memo), cloneValue(x, memo));
    return out;
  }
  if (v instanceof Set) {
    const out = new Set();
    memo.set(v, out);
    for (const x of v) out.add(cloneValue(x, memo));
    return out;
  }
  if (ArrayBuffer.isView(v)) {
    const out = (v as unknown as { slice(): object }).slice();
    memo.set(v, out);
    return out;
  }
  if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) throw new NotForkableError(`the world holds a ${proto?.constructor?.name ?? 'value'} that cannot be copied`);
  // Plain objects and class instances (the queue, the random streams): same prototype, own fields copied.
  const out = Object.create(proto) as Record<string, unknown>;
  memo.set(v, out);
  for (const k of Object.keys(v)) out[k] = cloneValue((v as Record<string, unknown>)[k], memo);
  return out;
}

function cloneValue(v: unknown, memo: Memo): unknown {
  // A frozen function declares it holds no state of the world (it looks what it needs up in the world it is given).
  if (typeof v === 'function' && Object.isFrozen(v)) return v;
  if (typeof v === 'function') throw new NotForkableError(`the world holds a function (${v.name || 'anonymous'}) that may close over its state`);
  if (v === null || typeof v !== 'object') return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (Object.isFrozen(v)) {
    memo.set(v, v);
    return v;
  }
  return cloneObject(v, memo);
}

/** The arrays of a world that only ever grow: the trace, the item versions and each stream's keys. */
function appendOnlyArrays(world: World): unknown[][] {
  // A version's size is filled in when first asked for; filling it again anywhere gives the same number.
  const w = world.writes;
  const out: unknown[][] = [world.trace.objects, ...world.itemVersions.appendOnlyLists(), w.names, w.keys, w.keyStrings];
  for (const stream of world.streams.values()) {
    const d = stream.dictionary;
    out.push(d.keys, d.keyStrings, d.keySizes, d.regions);
  }
  return out;
}

/**
 * A world at one instant, kept aside: a copy of everything but the arrays that only grow, which it
 * shares with the running world and remembers by length (the run after the snapshot only appends to
 * them, so their first `length` entries stay what they were). Cheap to take and to keep.
 */
export interface WorldSnapshot<X extends object = object> {
  readonly atMs: number;
  readonly facts: number;
  readonly world: World;
  /** Companions copied in the same pass (a trace hasher beside the world, say). */
  readonly extra: X;
  readonly lengths: ReadonlyMap<unknown[], number>;
  /**
   * Set when the world it was taken from goes no further (`takeSnapshot`'s `last`): then nothing
   * appends to the growing arrays, so the first restore takes them as they are instead of copying a
   * million-fact trace, and goes on appending to them; later restores copy their first `length`
   * entries, which that one never changes.
   */
  readonly handOver?: { taken: boolean };
}

function seeded(world: World): Memo {
  const memo: Memo = new Map();
  memo.set(world.options, world.options);
  // The queue's script (a long run's whole future of writes) is frozen once running, so shared as is;
  // scripted calls still in its heap are data that nothing edits: shared too. Other queued events may
  // point into consumers' state, so they are copied with it.
  for (const entry of world.queue.entries()) if (entry.event.kind === 'call') memo.set(entry, entry);
  // Record and write chunks are written once and then only read: all but the one being filled are shared.
  for (const stream of world.streams.values()) for (const shard of stream.shards) for (const c of shard.records.fullChunks()) memo.set(c, c);
  for (const c of world.writes.fullChunks()) memo.set(c, c);
  for (const c of world.trace.fullChunks()) memo.set(c, c);
  for (const c of world.itemVersions.sealedChunks()) memo.set(c, c);
  // Lookups that only save memory start empty in the copy (their entries may name what the copy does not have).
  for (const cache of world.itemVersions.caches()) memo.set(cache, cache instanceof TextTable ? cache.emptied() : new Map());
  return memo;
}

/**
 * Takes a snapshot of `world` (and `extra` beside it). Throws `NotForkableError` when it cannot be copied.
 * `last`: the world is not used after this (its growing arrays may be handed to the first restore).
 */
export function takeSnapshot<X extends object>(world: World, extra: X, last = false): WorldSnapshot<X> {
  const memo = seeded(world);
  const lengths = new Map<unknown[], number>();
  for (const a of appendOnlyArrays(world)) {
    memo.set(a, a);
    lengths.set(a, a.length);
  }
  const copy = cloneValue([world, extra], memo) as [World, X];
  return { atMs: world.nowMs, facts: world.trace.length, world: copy[0], extra: copy[1], lengths, ...(last ? { handOver: { taken: false } } : {}) };
}

/** A world (and companions) as they were at the snapshot, independent of it and of the running world. */
export function restoreSnapshot<X extends object>(snapshot: WorldSnapshot<X>): { world: World; extra: X } {
  const memo = seeded(snapshot.world);
  const handOver = snapshot.handOver;
  const take = handOver !== undefined && !handOver.taken;
  if (handOver) handOver.taken = true;
  for (const [a, length] of snapshot.lengths) memo.set(a, take && a.length === length ? a : a.slice(0, length));
  const copy = cloneValue([snapshot.world, snapshot.extra], memo) as [World, X];
  return { world: copy[0], extra: copy[1] };
}
