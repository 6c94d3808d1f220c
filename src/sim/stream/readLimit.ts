/**
 * The two-reader limit (reference §5.5 and check 44): AWS asks applications to have at most two
 * processes reading one shard at once, and "more can be throttled" with LimitExceededException.
 * AWS documents no exact rule, so Streamscope's is its own, stated here, in the app and in
 * docs/architecture/simplifications.md:
 *
 * - A reader is a process: a Lambda mapping's poller, or one KCL worker. It is *reading* a shard
 *   while it has called GetRecords on it (or polled it and found nothing new) within the last
 *   `READ_WINDOW_MS`.
 * - While at most `options.readersPerShard` (2) readers read a shard, every call goes through.
 * - With more, two readers are let through at a time and the turn rotates every `TURN_MS`, in the
 *   order the readers arrived: of three readers each is refused one second in three, so all of
 *   them fall behind, as throttled pollers do on AWS. A refused call throws LimitExceededException.
 *
 * Calls made without a reader (a learner's `sim.call`, the Table form) are neither counted nor
 * refused. Touches: its module state; the trace (one `read-throttled` fact per reader and turn, when
 * the refused call had records to read).
 */
import { AwsError } from '../api/errors.ts';
import type { World } from '../world.ts';
import { moduleState, record } from '../world.ts';

export const READ_WINDOW_MS = 1_000;
export const TURN_MS = 1_000;

/** Who is calling: the consumer and its worker (`poller` for a Lambda mapping). */
export interface Reader {
  consumer: string;
  worker: string;
}

interface Seen {
  firstMs: number;
  lastMs: number;
  /** The turn in which this reader was last refused (one fact per turn). */
  refusedTurn: number;
}

interface ReadLimitState {
  /** The reader of the call in progress (set by `callAsReader`). */
  caller: Reader | undefined;
  shards: Map<string, Map<string, Seen>>;
}

export function readLimitState(world: World): ReadLimitState {
  return moduleState(world, 'stream-read-limit', (): ReadLimitState => ({ caller: undefined, shards: new Map() }));
}

const readerKey = (r: Reader): string => `${r.consumer}\u0000${r.worker}`;

/** Notes that `reader` reads the shard now; returns whether its call goes through, and how many read. */
function admit(world: World, streamArn: string, shardId: string, reader: Reader): { admitted: boolean; readers: number; turn: number } {
  const st = readLimitState(world);
  const shardKey = `${streamArn}|${shardId}`;
  const seen = st.shards.get(shardKey) ?? st.shards.set(shardKey, new Map()).get(shardKey)!;
  const now = world.nowMs;
  const key = readerKey(reader);
  for (const [k, s] of seen) if (k !== key && now - s.lastMs > READ_WINDOW_MS) seen.delete(k);
  const mine = seen.get(key);
  if (mine && now - mine.lastMs > READ_WINDOW_MS) mine.firstMs = now;
  const me = mine ?? { firstMs: now, lastMs: now, refusedTurn: -1 };
  me.lastMs = now;
  seen.set(key, me);
  const turn = Math.floor(now / TURN_MS);
  const limit = world.options.readersPerShard;
  if (seen.size <= limit) return { admitted: true, readers: seen.size, turn };
  const order = [...seen.entries()].sort((a, b) => a[1].firstMs - b[1].firstMs || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const at = order.indexOf(key);
  const n = order.length;
  // Turn k lets through readers 2k mod n and 2k+1 mod n.
  const offset = (at - ((limit * turn) % n) + n) % n;
  return { admitted: offset < limit, readers: n, turn };
}

/** A reader polled the shard and skipped the call (nothing new to read): it still counts as reading. */
export function noteRead(world: World, streamArn: string, shardId: string, reader: Reader): void {
  admit(world, streamArn, shardId, reader);
}

/**
 * Called by GetRecords: throws LimitExceededException when the caller's turn is not now. The fact
 * is recorded only when the refusal held records back (`waiting`): a refused read of a shard with
 * nothing new changes nothing the learner can see, and idle pollers would mark every second.
 */
export function checkReadLimit(world: World, streamArn: string, shardId: string, waiting: boolean): void {
  const reader = readLimitState(world).caller;
  if (!reader) return;
  const { admitted, readers, turn } = admit(world, streamArn, shardId, reader);
  if (admitted) return;
  const me = readLimitState(world).shards.get(`${streamArn}|${shardId}`)!.get(readerKey(reader))!;
  if (waiting && me.refusedTurn !== turn) {
    me.refusedTurn = turn;
    record(world, { t: world.nowMs, type: 'read-throttled', streamArn, shardId, consumer: reader.consumer, worker: reader.worker, readers });
  }
  throw new AwsError('LimitExceededException', `Rate exceeded for shard ${shardId} in stream ${streamArn}: ${readers} processes are reading it; plan for at most ${world.options.readersPerShard}`);
}

/** Runs `call` as `reader`, so GetRecords can count it against the shard's limit. */
export function asReader<T>(world: World, reader: Reader, call: () => T): T {
  const st = readLimitState(world);
  const outer = st.caller;
  st.caller = reader;
  try {
    return call();
  } finally {
    st.caller = outer;
  }
}
