/**
 * Code challenges beside the vote counter: a TTL archiver that must keep only the service's deletes
 * (`ttl-archive`), and a vote counter on one Region's stream of a global table whose conflicts
 * replication resolves by last writer wins (`global-tables-lww`). The learner's handler replaces
 * the scenario's consumer and runs in the user-code sandbox.
 *
 * Data only. May import: ./schema.ts, ./codeTemplates.ts, scenarios (templates, helpers). May not import sim, worker, ui, share.
 */
import { CODE_TEMPLATES } from '../scenarios/userCode.ts';
import { epochSeconds } from '../scenarios/helpers.ts';
import { ARCHIVE_EVERY_REMOVE, ARCHIVE_IF_EXPIRY_SET, ARCHIVE_TTL_DELETES, COUNT_INSERTS_ONLY, COUNT_NEW_IMAGES } from './codeTemplates.ts';
import type { Challenge } from './schema.ts';

const logout = (at: number, sessionId: string) => ({ at, target: 'DynamoDB_20120810.DeleteItem', input: { TableName: 'Sessions', Key: { sessionId: { S: sessionId } } } });
const login = (at: number, sessionId: string, user: string, ttlMs: number) => ({
  at,
  target: 'DynamoDB_20120810.PutItem',
  input: { TableName: 'Sessions', Item: { sessionId: { S: sessionId }, user: { S: user }, expiresAt: epochSeconds(at + ttlMs) } },
});

export const ttlArchiverChallenge: Challenge = {
  id: 'ttl-archiver',
  title: 'Archive what TTL deleted, and nothing else',
  teaches: 'A REMOVE record made by TTL carries userIdentity with the DynamoDB service as principal, which is the only way to tell it from a user\'s delete.',
  brief:
    'Sessions expire through TTL; the DynamoDB service deletes them a while later and each deletion reaches the stream as a REMOVE. Your function must copy exactly the expired sessions into SessionArchive. Users also log out, which deletes their session too: those must not be archived.',
  scenario: 'ttl-archive',
  goals: [
    { kind: 'check', says: 'SessionArchive always holds exactly the sessions TTL deleted', consumer: 'archiver', check: 'target-matches-records' },
    { kind: 'check', says: 'No record is skipped', consumer: 'archiver', check: 'at-least-once' },
  ],
  allow: { code: { consumer: 'archiver' } },
  start: { code: ARCHIVE_EVERY_REMOVE },
  hints: [
    'Find alan\'s session s5 on the timeline at 1:40: it was deleted, but by whom?',
    'Compare the REMOVE of s1 (expired) with the REMOVE of s5 (logout) in the inspector: one field differs besides the keys.',
    'record.userIdentity is { type: "Service", principalId: "dynamodb.amazonaws.com" } on a TTL deletion, and absent on a user\'s delete.',
  ],
  variants: [
    { id: 'visible', label: 'The run you see: alan logs out at 1:40' },
    { id: 'more-logouts', label: 'grace logs out before her session expires, and ada signs in again', seed: 5, edits: [{ p: 'writes/+', v: logout(60_000, 's2') }, { p: 'writes/+', v: login(70_000, 's7', 'ada', 60_000) }] },
    { id: 'early-logout', label: 'Another seed: hedy logs out at 0:30, long before her expiry', seed: 8, edits: [{ p: 'writes/+', v: logout(30_000, 's4') }] },
  ],
  solution: { code: ARCHIVE_TTL_DELETES },
  explanation:
    'Only the service\'s deletes carry userIdentity (type Service, principalId dynamodb.amazonaws.com); checking it archives exactly the expired sessions. Testing the item (had an expiry, or a particular user) works only for the sessions you happened to see. The mapping\'s filter criteria can make the same test before the function is invoked.',
  wrong: { attempt: { code: ARCHIVE_IF_EXPIRY_SET }, breaks: 0 },
};

const vote = (at: number, voterId: string, candidate: string, region?: string) => ({
  at,
  target: 'DynamoDB_20120810.PutItem',
  input: { TableName: 'Votes', Item: { voterId: { S: voterId }, candidate: { S: candidate }, votedAt: epochSeconds(at) }, ConditionExpression: 'attribute_not_exists(voterId)' },
  ...(region ? { region } : {}),
});

export const globalTableChallenge: Challenge = {
  id: 'global-table-lww',
  title: 'Count votes on a global table: last writer wins',
  teaches: 'In a global table a conflicting write from another Region arrives as a write by the service that last writer wins applies, so one Region\'s stream shows it as a MODIFY the consumer must apply like any other change.',
  brief:
    'Votes is a global table with replicas in us-east-1 and eu-west-1. Your function reads us-east-1\'s stream and keeps VoteCounts. voter-7 votes in both Regions within a second; replication keeps the later vote in both. Make VoteCounts end equal to what the converged table holds.',
  scenario: 'global-tables-lww',
  goals: [
    { kind: 'check', says: 'VoteCounts always equals the votes the records carry', consumer: 'counter', check: 'target-matches-records' },
    { kind: 'check', says: 'At the end, VoteCounts equals what Votes holds', consumer: 'counter', check: 'target-matches-source' },
    { kind: 'converged', says: 'The two replicas of Votes converge', table: 'Votes' },
  ],
  allow: { code: { consumer: 'counter' } },
  start: { code: COUNT_INSERTS_ONLY },
  hints: [
    'Follow voter-7 in us-east-1\'s lane: how many records does the stream hold for that voter, and of which kinds?',
    'The replicated green vote is applied in us-east-1 over the blue one: a MODIFY, with both images.',
    'Use OldImage and NewImage: take a vote from the old candidate and give it to the new one.',
  ],
  variants: [
    { id: 'visible', label: 'The run you see: voter-7 votes blue in us-east-1, then green in eu-west-1' },
    { id: 'home-wins', label: 'voter-9 votes in eu-west-1 first and in us-east-1 0.4 s later', edits: [{ p: 'writes/+', v: vote(20_000, 'voter-9', 'green', 'eu-west-1') }, { p: 'writes/+', v: vote(20_400, 'voter-9', 'blue') }] },
    { id: 'other-seed', label: 'Another seed (other replication delays), and two more voters in eu-west-1', seed: 57, edits: [{ p: 'writes/+', v: vote(15_000, 'voter-11', 'blue', 'eu-west-1') }, { p: 'writes/+', v: vote(16_000, 'voter-12', 'green', 'eu-west-1') }] },
  ],
  solution: { code: CODE_TEMPLATES.find((t) => t.id === 'naive-counter')!.code },
  explanation:
    'Replication applies the later vote in every Region as a write by the service; where the Region held the earlier vote, the stream shows a MODIFY from blue to green. A counter that applies both images (minus one for OldImage\'s candidate, plus one for NewImage\'s) ends equal to the converged table. Counting INSERTs only misses the change; counting every new image gives green its vote without taking blue\'s away.',
  wrong: { attempt: { code: COUNT_NEW_IMAGES }, breaks: 0 },
};
