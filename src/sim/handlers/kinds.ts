/**
 * The five downstream effects, each described by what it makes the target hold for one source item.
 *
 * A kind says, for a record, the item's contribution to the target *after* that record (from its
 * NewImage, or OldImage for the archiver) and *before* it (from its OldImage). The naive handler
 * applies the difference (a delta); the item-version handler applies the difference between the
 * stored contribution of the last applied version and the new one; the checks fold the same
 * contributions over full item states as their oracle. One description, three users, so the
 * handler and the check that judges it cannot drift apart.
 *
 * Pure: no world access. Contributions are either counter deltas (vote and task counters) or rows
 * (replicator, search indexer, archiver).
 */
import type { Item } from '../table/attributeValue.ts';
import type { KeySchema } from '../table/table.ts';
import type { HandlerKind } from './types.ts';
import { readableKey, type RecordView } from './records.ts';

/**
 * Counter contributions: target hash value → counter attribute → amount. Maps, not objects: the
 * keys are user data (a candidate may be called `__proto__`).
 */
export type Counts = Map<string, Map<string, number>>;

export type Contribution = { counts: Counts } | { rows: Item[] };

/** An image the record does not carry (its view type leaves it out): the effect cannot be computed. */
export const UNKNOWN = 'unknown' as const;
export type Known<T> = T | typeof UNKNOWN;

export interface KindLogic {
  readonly kind: HandlerKind;
  readonly family: 'counts' | 'rows';
  /** Counter attributes of a counts-family target. */
  readonly counters: readonly string[];
  /** Whether rows the item contributed before a record are deleted when it no longer contributes them. */
  readonly deletes: boolean;
  /** The target's name when the spec gives none (suffixed with the consumer id by the caller). */
  defaultTarget(sourceTable: string): string;
  /** The target's key schema; `source` is the source table's, when it exists. */
  targetSchema(source: KeySchema | undefined): KeySchema;
  /** Records this kind acts on; others are `ignored`. */
  relevant(r: RecordView): boolean;
  /** What the item contributes once `r` is its latest applied record. */
  after(r: RecordView, sourceSchema?: readonly string[]): Known<Contribution>;
  /** What the item contributed just before `r`, from its OldImage. */
  before(r: RecordView, sourceSchema?: readonly string[]): Known<Contribution>;
}

const NO_COUNTS: Contribution = { counts: new Map() };
const NO_ROWS: Contribution = { rows: [] };
const FALLBACK_SCHEMA: KeySchema = { hash: { name: 'pk', type: 'S' } };

function str(item: Item, name: string): string | undefined {
  const v = item[name];
  return v && 'S' in v && v.S !== '' ? v.S : undefined;
}

/** A task is done when `done` is true, a non-zero number, or the string "true". */
function isDone(item: Item): boolean {
  const v = item.done;
  if (!v) return false;
  if ('BOOL' in v) return v.BOOL;
  if ('N' in v) return Number(v.N) !== 0;
  if ('S' in v) return v.S.toLowerCase() === 'true';
  return false;
}

/** Counters: the contribution is a function of one item state, so after/before differ only in the image read. */
function counterKind(kind: HandlerKind, target: string, counters: string[], hash: string, project: (item: Item) => Counts): KindLogic {
  return {
    kind,
    family: 'counts',
    counters,
    deletes: true,
    defaultTarget: () => target,
    targetSchema: () => ({ hash: { name: hash, type: 'S' } }),
    relevant: () => true,
    after: (r) => (r.eventName === 'REMOVE' ? NO_COUNTS : r.newItem ? { counts: project(r.newItem) } : UNKNOWN),
    before: (r) => (r.eventName === 'INSERT' ? NO_COUNTS : r.oldItem ? { counts: project(r.oldItem) } : UNKNOWN),
  };
}

const voteCounter = counterKind('vote-counter', 'VoteCounts', ['votes'], 'candidate', (item) => {
  const c = str(item, 'candidate');
  return c === undefined ? new Map() : new Map([[c, new Map([['votes', 1]])]]);
});

const taskCounter = counterKind('task-counter', 'TaskCounts', ['open', 'done'], 'listId', (item) => {
  const list = str(item, 'listId');
  return list === undefined ? new Map() : new Map([[list, new Map([[isDone(item) ? 'done' : 'open', 1]])]]);
});

const replicator: KindLogic = {
  kind: 'replicator',
  family: 'rows',
  counters: [],
  deletes: true,
  defaultTarget: (source) => `${source}-replica`,
  targetSchema: (source) => source ?? FALLBACK_SCHEMA,
  relevant: () => true,
  after: (r) => (r.eventName === 'REMOVE' ? NO_ROWS : r.newItem ? { rows: [r.newItem] } : UNKNOWN),
  // Deleting needs only the key, which every record carries.
  before: (r) => (r.eventName === 'INSERT' ? NO_ROWS : { rows: [r.oldItem ?? r.keys] }),
};

/** The most terms one document indexes, so a transaction (≤ 100 actions) always fits. */
export const MAX_TERMS = 40;

/** Lower-cased words of every non-key string attribute, distinct and sorted. */
export function termsOf(item: Item, keys: Item): string[] {
  const terms = new Set<string>();
  for (const name of Object.keys(item).sort()) {
    const v = item[name]!;
    if (name in keys || !('S' in v)) continue;
    for (const w of v.S.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w !== '') terms.add(w);
  }
  return [...terms].sort().slice(0, MAX_TERMS);
}

function indexRows(item: Item, keys: Item, schema: readonly string[] | undefined): Item[] {
  const docKey = readableKey(keys, schema);
  return termsOf(item, keys).map((term) => ({ term: { S: term }, docKey: { S: docKey } }));
}

const searchIndexer: KindLogic = {
  kind: 'search-indexer',
  family: 'rows',
  counters: [],
  deletes: true,
  defaultTarget: () => 'SearchIndex',
  targetSchema: () => ({ hash: { name: 'term', type: 'S' }, range: { name: 'docKey', type: 'S' } }),
  relevant: () => true,
  after: (r, schema) => (r.eventName === 'REMOVE' ? NO_ROWS : r.newItem ? { rows: indexRows(r.newItem, r.keys, schema) } : UNKNOWN),
  before: (r, schema) => (r.eventName === 'INSERT' ? NO_ROWS : r.oldItem ? { rows: indexRows(r.oldItem, r.keys, schema) } : UNKNOWN),
};

/** Archives what TTL deleted; the archive only grows, so nothing is "before". */
const ttlArchiver: KindLogic = {
  kind: 'ttl-archiver',
  family: 'rows',
  counters: [],
  deletes: false,
  defaultTarget: (source) => `${source}-archive`,
  targetSchema: (source) => source ?? FALLBACK_SCHEMA,
  relevant: (r) => r.eventName === 'REMOVE' && r.byService,
  after: (r) => (r.oldItem ? { rows: [r.oldItem] } : UNKNOWN),
  before: () => NO_ROWS,
};

const KINDS: Record<HandlerKind, KindLogic> = {
  'vote-counter': voteCounter,
  'task-counter': taskCounter,
  replicator,
  'search-indexer': searchIndexer,
  'ttl-archiver': ttlArchiver,
};

export function kindLogic(kind: HandlerKind): KindLogic {
  const logic = KINDS[kind];
  if (!logic) throw new RangeError(`unknown handler kind: ${String(kind)}`);
  // Frozen: pure functions shared by every world, so a world snapshot shares it instead of refusing to copy it (sim/snapshot.ts).
  return Object.isFrozen(logic) ? logic : Object.freeze(logic);
}

/** The counts a contribution adds, signed: `sign` -1 subtracts. */
export function addCounts(into: Counts, c: Counts, sign: 1 | -1): void {
  for (const [key, attrs] of c) {
    let row = into.get(key);
    if (!row) into.set(key, (row = new Map()));
    for (const [attr, v] of attrs) row.set(attr, (row.get(attr) ?? 0) + sign * v);
  }
}

/** Counts as JSON-safe data (for the ledger), and back. */
export function countsToJson(c: Counts): [string, [string, number][]][] {
  return [...c].map(([k, attrs]) => [k, [...attrs]]);
}

export function countsFromJson(data: unknown): Counts {
  const out: Counts = new Map();
  if (!Array.isArray(data)) return out;
  for (const [k, attrs] of data as [string, [string, number][]][]) out.set(k, new Map(attrs));
  return out;
}
