/**
 * TTL archive: sessions carry an expiry (epoch seconds). When one expires, the DynamoDB service
 * deletes it some time later, and the deletion enters the stream as a REMOVE with
 * `userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' }`. A Lambda function
 * that checks that identity archives exactly the expired sessions; a user's own delete (a logout)
 * and ordinary writes are ignored.
 *
 * The function checks the identity in its code, so the learner sees it ignore logins and logouts.
 * The documented ESM filter (`TTL_FILTER`) does the same before invocation: filtered records are
 * consumed without an invocation, and the checks count them as consumed, not lost.
 *
 * Data only. May import: ./helpers.ts, ./types.ts. May not import sim, worker, share or ui.
 */
import type { Scenario, ScriptedCall } from './types.ts';
import { createTable, epochSeconds, MINUTE, put, remove, scenario, sKey, UPDATE_TTL, update } from './helpers.ts';

const SESSIONS = 'Sessions';

/** A session created at `at` that expires `ttlMs` later (expiresAt in epoch seconds, as TTL requires). */
function login(at: number, id: string, user: string, ttlMs?: number): ScriptedCall {
  return put(at, SESSIONS, { sessionId: { S: id }, user: { S: user }, ...(ttlMs !== undefined ? { expiresAt: epochSeconds(at + ttlMs) } : {}) });
}

/** The filter AWS documents for TTL deletions (time-to-live-ttl-streams); see the header. */
export const TTL_FILTER = JSON.stringify({ userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] } });

export const ttlArchive: Scenario = scenario({
  id: 'ttl-archive',
  title: 'TTL deletes, archived from the stream',
  summary: 'Expired sessions are deleted by the DynamoDB service, not by a user, and each deletion becomes a REMOVE record that names the service. A function that checks that identity archives exactly the expired sessions. The service deletes 30 s after expiry here (AWS: typically within two days).',
  seed: 31,
  durationMs: 4 * MINUTE,
  // A long run: watched at 20× unless a link or the user says otherwise.
  view: { speed: 20 },
  // AWS deletes expired items typically within two days (TimeToLiveSpecification, API reference); 30 s here so the lesson fits in minutes.
  simulation: { ttlDeletionDelayMs: 30_000 },
  setup: [
    createTable(SESSIONS, { name: 'sessionId', type: 'S' }),
    { target: UPDATE_TTL, input: { TableName: SESSIONS, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } } },
  ],
  writes: [
    login(2_000, 's1', 'ada', MINUTE),
    login(5_000, 's2', 'grace', 80_000),
    login(8_000, 's3', 'linus', 2 * MINUTE),
    login(11_000, 's4', 'hedy', 130_000),
    login(14_000, 's5', 'alan', 3 * MINUTE),
    login(17_000, 's6', 'barbara'),
    // alan logs out: the app deletes his session itself. That REMOVE carries no userIdentity.
    remove(100_000, SESSIONS, { sessionId: { S: 's5' } }),
    // linus's session expired at 2:08 and is not deleted yet: the app pushes his expiry past the end
    // of the run, which cancels the deletion.
    update(140_000, SESSIONS, { sessionId: { S: 's3' } }, 'SET expiresAt = :e', { ':e': epochSeconds(10 * MINUTE) }),
  ],
  consumers: [
    {
      id: 'archiver',
      kind: 'lambda',
      handler: { kind: 'ttl-archiver', idempotency: 'event-id', sourceTable: SESSIONS, targetTable: 'SessionArchive' },
      mapping: { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 },
    },
  ],
  narration: [
    {
      until: { fact: 'ttl-updated', match: { table: SESSIONS } },
      text: 'TTL is on for Sessions, using the expiresAt attribute. It holds epoch seconds, and an item whose time has passed is deleted by the service some time later. The archiver function reads the stream and keeps a copy of every session that TTL deleted.',
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'archiver', keyString: sKey('s1') } },
      text: 'Logins are INSERT records. The archiver ignores them: it acts only on REMOVE records that the service made. Ada\'s session expires at 1:02.',
      predict: {
        question: 'When the service deletes Ada\'s expired session, how can the archiver tell that REMOVE from a user deleting a session?',
        choices: ['By eventName', 'By userIdentity: type Service, principalId dynamodb.amazonaws.com', 'It cannot tell them apart'],
        answer: 1,
      },
      claims: [
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'archiver', keyString: sKey('s1'), effect: 'ignored' } } },
        { kind: 'ahead', of: { fact: 'write', match: { table: SESSIONS, keyString: sKey('s1'), outcome: 'REMOVE', byService: true } } },
      ],
    },
    {
      until: { fact: 'write', match: { table: SESSIONS, outcome: 'REMOVE', byService: true } },
      text: 'Ada\'s session expired at 1:02, and the service deletes it 30 s later (on AWS, typically within two days; 30 s here so the lesson fits in minutes). The REMOVE record carries userIdentity { type: Service, principalId: dynamodb.amazonaws.com } and the session in its OldImage, so the archiver copies the old image into SessionArchive.',
      claims: [
        { kind: 'stops-at', atMs: 92_000 },
        { kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'archiver', keyString: sKey('s1'), effect: 'applied' } }, within: 'after' },
      ],
    },
    {
      until: { fact: 'record-processed', match: { consumer: 'archiver', keyString: sKey('s5') } },
      text: 'alan logged out, and the app deleted his session itself. That REMOVE has no userIdentity, so the archiver ignores it.',
      claims: [{ kind: 'seen', of: { fact: 'record-processed', match: { consumer: 'archiver', keyString: sKey('s5'), effect: 'ignored' } }, equals: 2 }],
    },
    {
      until: { fact: 'write', match: { table: SESSIONS, keyString: sKey('s3'), outcome: 'MODIFY' } },
      text: 'linus\'s session expired at 2:08, but TTL has not deleted it yet: an expired item stays readable and updatable until the service deletes it. linus is still active, so the app moves his expiresAt into the future, and the deletion never comes.',
      claims: [
        { kind: 'stops-at', atMs: 140_000 },
        { kind: 'seen', of: { fact: 'write', match: { table: SESSIONS, keyString: sKey('s3'), outcome: 'REMOVE' } }, equals: 0, within: 'run' },
      ],
    },
    {
      until: { fact: 'end-of-run' },
      text: 'Summary: TTL deletes are ordinary REMOVE records, told apart by their userIdentity. SessionArchive holds exactly the sessions that expired (ada, grace, hedy): not linus, whose expiry moved, and not alan, who logged out. In production, an ESM filter on userIdentity does the same selection before the function is invoked, and the filtered-out records count as consumed.',
      claims: [{ kind: 'seen', of: { fact: 'write', match: { table: 'SessionArchive', outcome: 'INSERT' } }, equals: 3 }],
    },
  ],
  lesson: {
    checks: [{ consumer: 'archiver', expect: 'holds' }],
    counters: [
      { consumer: 'archiver', field: 'effects.applied', equals: 3 },
      { consumer: 'archiver', field: 'effects.ignored', equals: 8 },
    ],
  },
});
