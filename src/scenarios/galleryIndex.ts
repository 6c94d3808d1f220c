/**
 * The gallery's index of the built-in scenarios: id, title, one-line lesson, length and difficulty,
 * without the scenarios themselves. The app's first chunk needs only this (the gallery and the
 * default id); the scenarios' data (writes, narration, claims) loads with the run that needs it.
 * `galleryIndex.test.ts` keeps every entry equal to its scenario, in catalogue order.
 *
 * Data only. May import: nothing at runtime.
 */

export type Difficulty = 'intro' | 'core' | 'advanced';

/** What the gallery shows for one scenario. */
export interface GalleryEntry {
  id: string;
  title: string;
  /** The lesson in one line (the scenario's summary). */
  lesson: string;
  /** Simulated length of the run, ms. */
  durationMs: number;
  difficulty: Difficulty;
}

/** The scenario the app opens when nothing else is asked for: the flagship. */
export const defaultScenarioId = 'voting-booth';

/** Scenarios in gallery order. */
export const gallery: readonly GalleryEntry[] = [
  { id: 'voting-booth', title: 'Voting booth', durationMs: 120000, difficulty: 'intro',
    lesson: 'Voters cast, change and withdraw votes in a Votes table. Every change that succeeds becomes one stream record on the shard that owns the voter; a vote refused by its condition leaves no record. A KCL application counts the votes; one of its workers crashes before a checkpoint, the other takes over and counts a vote twice.' },
  { id: 'voting-naive-crash', title: 'Vote counter: a crash counts votes twice', durationMs: 60000, difficulty: 'intro',
    lesson: 'A Lambda function counts votes with a plain increment; it crashes mid-batch, Lambda retries the whole batch, and the votes it had already counted are counted again.' },
  { id: 'voting-idempotent', title: 'Vote counter: idempotent, and right after the same crash', durationMs: 60000, difficulty: 'intro',
    lesson: 'The same crash and the same retry as before, but the counter records each eventID in the same transaction as the count, so the redelivered votes are skipped and the totals stay right.' },
  { id: 'voting-at-most-once', title: 'Vote counter: checkpoint first, lose votes', durationMs: 90000, difficulty: 'core',
    lesson: 'A KCL counter checkpoints each batch before it counts it. The worker crashes mid-batch, the standby worker resumes after the checkpoint, and the votes the crash interrupted are never counted.' },
  { id: 'todo-search', title: 'Todo lists: a search index and task counts from one stream', durationMs: 60000, difficulty: 'intro',
    lesson: 'Tasks are created, renamed, completed and deleted. One function indexes the words of each title, another counts open and done tasks per list. Each reads the same records, and both views stay equal to what the table holds.' },
  { id: 'index-from-stream', title: 'A GSI, and the indexes only a stream can build', durationMs: 60000, difficulty: 'core',
    lesson: 'The Todos table has a global secondary index by owner, kept by DynamoDB with no stream record. Two functions on the stream keep what a GSI cannot: one row per word of a title, and counts per list.' },
  { id: 'ttl-archive', title: 'TTL deletes, archived from the stream', durationMs: 240000, difficulty: 'intro',
    lesson: 'Expired sessions are deleted by the DynamoDB service, not by a user, and each deletion becomes a REMOVE record that names the service. A function that checks that identity archives exactly the expired sessions. The service deletes 30 s after expiry here (AWS: typically within two days).' },
  { id: 'view-types', title: 'Stream view types side by side', durationMs: 30000, difficulty: 'intro',
    lesson: 'The same votes go to four tables whose streams carry KEYS_ONLY, NEW_IMAGE, OLD_IMAGE and NEW_AND_OLD_IMAGES. A counter that computes each change from the record alone is right only with both images. With NEW_IMAGE it must remember what each item contributed; with KEYS_ONLY it must read the table, which may have moved on.' },
  { id: 'at-most-once-vs-at-least-once', title: 'Checkpoint before or after: at-most-once vs at-least-once', durationMs: 90000, difficulty: 'core',
    lesson: 'Two KCL counters crash at the same record. The one that checkpointed before processing never counts the two votes after the crash. The one that checkpoints after processing counts the two votes before the crash twice.' },
  { id: 'checkpoint-frequency', title: 'Checkpoint every record, every 10, or every batch', durationMs: 120000, difficulty: 'core',
    lesson: 'Three KCL counters crash at the same point of the same batch. After failover each replays what it processed since its last checkpoint: 1 vote, 7 votes or 34 votes. Fewer checkpoints cost fewer writes but replay more.' },
  { id: 'dedup-filters', title: 'Duplicates and three ways to filter them', durationMs: 40000, difficulty: 'core',
    lesson: 'The same batch of five votes is delivered twice to four counters. The naive one counts them twice. Deduplicating by eventID, by a per-shard sequence-number high-water mark, or by a per-item version skips all five.' },
  { id: 'fan-out', title: 'Fan-out: one reader, many subscribers', durationMs: 45000, difficulty: 'core',
    lesson: 'Three teams each read the Votes stream with their own function: three readers of one shard, so their reads are throttled in turns and they fall behind. On Ballots one function reads the shard and publishes every record to an SNS topic, which delivers it to the three teams: one reader, no throttling, every vote delivered.' },
  { id: 'poison-record', title: 'A poison record blocks its shard', durationMs: 300000, difficulty: 'core',
    lesson: 'One vote makes the function fail every time. With default settings the shard stops behind it and retries until the record expires. Bisect-on-error or a partial batch response isolates the record, and an on-failure destination reports it, so the votes after it get through.' },
  { id: 'kcl-vs-lambda-errors', title: 'A handler error: KCL skips the batch, Lambda blocks the shard', durationMs: 180000, difficulty: 'core',
    lesson: 'Barbara\'s vote makes both handlers throw. KCL catches the exception from processRecords, skips the batch and reads on: later votes are counted, the failed batch never is. Lambda retries the failed batch, by default until it expires: nothing is skipped, but every vote behind it waits.' },
  { id: 'filter-criteria', title: 'Lambda filters on typed JSON: what matches, what is consumed', durationMs: 60000, difficulty: 'core',
    lesson: 'Two functions mirror orders through filter criteria. Patterns that name the attribute type (coupon.S exists, tier.S is "vip") select the orders they mean. A numeric filter on amount.N selects nothing, because DynamoDB numbers are strings in the record. Every record a filter drops is consumed without an invocation.' },
  { id: 'reordering', title: 'Order per item, not across items', durationMs: 40000, difficulty: 'advanced',
    lesson: 'A transfer debits alice and credits carol, whose records are on different shards. The credit is applied first, and server B\'s slow clock stamps it as earlier still. With ParallelizationFactor 4 a later sign-up on alice\'s shard overtakes her debit, yet her own records keep their order; a retried batch re-applies older records after newer ones.' },
  { id: 'replica-ghost', title: 'Insert, then delete: a ghost in the replica', durationMs: 150000, difficulty: 'advanced',
    lesson: 'A cart is created, and deleted after the shard rolled over. A replicator that reads the child shard before it has finished the parent applies the delete first and the insert second, so the replica keeps a cart that no longer exists. Checking item versions prevents this.' },
  { id: 'shard-lineage', title: 'Shard lineage: parents before children', durationMs: 240000, difficulty: 'advanced',
    lesson: 'A shard rolls over, and its child later splits in two. The replicator that waits for each parent keeps every document in order. The one that reads a child before its parent is finished applies Published before Reviewed, and its replica ends on the older version.' },
  { id: 'trim-horizon', title: 'Too slow for retention: records trimmed unread', durationMs: 900000, difficulty: 'advanced',
    lesson: 'Orders arrive every 4 s, and the downstream slows to 8 s per record. Both consumers fall behind until their backlog is older than the retention, and the stream trims records they never read. Retention is 5 minutes here (AWS: 24 hours).' },
  { id: 'iterator-pitfalls', title: 'Iterators: LATEST, 15-minute expiry, 24-hour trim', durationMs: 90600000, difficulty: 'advanced',
    lesson: 'A Lambda mapping starting at LATEST misses the orders written before it began reading. A KCL poller that holds its iterator for more than 15 minutes gets ExpiredIteratorException and must ask for a new one. Back after more than 24 hours, it asks for records that were trimmed, gets TrimmedDataAccessException, and restarts at the oldest record left: the orders in between are gone.' },
  { id: 'kcl-failover', title: 'KCL 1.x failover: a lease expires and is taken over', durationMs: 150000, difficulty: 'advanced',
    lesson: 'Two KCL 1.x workers split four shards between them. One crashes. After the failover time the other takes its leases and resumes from the last checkpoints, so some records are delivered again. An idempotent counter makes that replay harmless.' },
  { id: 'kcl-handoff', title: 'KCL 3.x vs 1.x: handing a lease over, or stealing it', durationMs: 240000, difficulty: 'advanced',
    lesson: 'Two KCL applications count the same votes: kcl3 on KCL 3.x, kcl1 on KCL 1.x. A second worker joins each. KCL 3.x\'s leader moves leases by utilisation and the old owner checkpoints before letting go, so nothing is processed twice; KCL 1.x\'s new worker steals leases and replays from the last checkpoint. When a worker crashes, both replay.' },
  { id: 'global-tables-lww', title: 'Global tables, last writer wins: two replicas and conflicting writes', durationMs: 30000, difficulty: 'advanced',
    lesson: 'Votes has replicas in us-east-1 and eu-west-1. Each vote reaches the other Region within about 1.5 s, with a record in each Region\'s stream. voter-7 votes in both Regions 349 ms apart: both conditions pass, and replication keeps only the later vote. A counter reading one Region\'s stream sees its own write and the replicated one.' },
];

/** A simulated length in words for the gallery: `2 min`, `90 s`, `15 min`, `25 h`. */
export function formatLength(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 3 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.round(ms / 3_600_000)} h`;
}
