/**
 * The challenges as the gallery lists them: id, title and what each teaches. A light copy of the
 * catalogue's headings for the app's first chunk (the catalogue, with its zod checks and code, loads
 * when a challenge is opened); `catalogue.test.ts` keeps the two equal.
 *
 * Data only. May import nothing.
 */
export interface ChallengeHeading {
  id: string;
  title: string;
  teaches: string;
  /** `code`: the learner writes a Lambda handler; `settings`: the learner changes settings. */
  mode: 'code' | 'settings';
}

export const CHALLENGE_LIST: readonly ChallengeHeading[] = [
  { id: 'idempotent-vote-counter', title: 'Count every vote once, through a crash', teaches: 'Lambda delivers stream records at least once, so a handler must make a retried record change nothing.', mode: 'code' },
  { id: 'checkpoint-placement', title: 'Checkpoint before or after? Lose no vote', teaches: 'A checkpoint written before processing gives at-most-once (a crash loses what was not done); written after, at-least-once (a crash repeats it).', mode: 'settings' },
  { id: 'poison-record', title: 'Get past a poison record without losing good votes', teaches: 'Bisecting a failing batch, a retry limit and an on-failure destination set aside only the record that cannot be processed, and unblock the shard.', mode: 'settings' },
  { id: 'partial-batch-response', title: 'Retry only what failed: partial batch responses', teaches: 'With ReportBatchItemFailures the function names the record that failed, so Lambda retries from it and does not deliver the records before it again.', mode: 'settings' },
  { id: 'per-key-order', title: 'Parallel, and still in order per account', teaches: 'With ParallelizationFactor above 1 Lambda keeps order per item, not per shard, so a replica must compare versions per item rather than a shard-wide sequence number.', mode: 'settings' },
  { id: 'ttl-archiver', title: 'Archive what TTL deleted, and nothing else', teaches: 'A REMOVE record made by TTL carries userIdentity with the DynamoDB service as principal, which is the only way to tell it from a user\'s delete.', mode: 'code' },
  { id: 'kcl-failover', title: 'KCL failover without lost or doubled updates', teaches: 'After a KCL lease is taken over, the new worker resumes at the last checkpoint, so a safe application checkpoints after processing and makes the replay harmless.', mode: 'settings' },
  { id: 'global-table-lww', title: 'Count votes on a global table: last writer wins', teaches: 'In a global table a conflicting write from another Region arrives as a write by the service that last writer wins applies, so one Region\'s stream shows it as a MODIFY the consumer must apply like any other change.', mode: 'code' },
];
