/**
 * Every challenge graded as the app grades it (the learner's code in a sandbox: node:vm here): the
 * reference solution passes every variant, the deliberately wrong attempt fails with the goal the
 * challenge names, the starting attempt fails, and answers tuned to the visible run fail a hidden
 * variant.
 */
import { describe, expect, it } from 'vitest';
import { challenges, findChallenge } from '../challenges/catalogue.ts';
import { createVmSandbox } from '../../tools/usercode/vmSandbox.ts';
import { gradeAttempt } from './grade.ts';
import { CODE_TEMPLATES } from '../scenarios/userCode.ts';
import { createHost } from './host.ts';

const sandbox = createVmSandbox();

describe.each(challenges.map((c) => [c.id, c] as const))('challenge %s', (_id, challenge) => {
  it('the reference solution passes every variant', async () => {
    const grade = await gradeAttempt(challenge, challenge.solution, { sandbox });
    expect(grade.refused).toBeUndefined();
    expect(grade.failure?.message).toBeUndefined();
    expect(grade.passed).toBe(true);
    expect(grade.variants.map((v) => v.id)).toEqual(challenge.variants.map((v) => v.id));
    expect(grade.variants.every((v) => v.passed)).toBe(true);
  });

  it('the wrong attempt fails with the goal it is meant to break', async () => {
    const grade = await gradeAttempt(challenge, challenge.wrong.attempt, { sandbox });
    expect(grade.passed).toBe(false);
    expect(grade.failure?.goal).toBe(challenge.wrong.breaks);
    expect(grade.failure?.says).toBe(challenge.goals[challenge.wrong.breaks]!.says);
  });

  it('the starting attempt fails, so there is something to do', async () => {
    expect((await gradeAttempt(challenge, challenge.start, { sandbox })).passed).toBe(false);
  });

  it('teaches one thing, in one sentence', () => {
    expect(challenge.teaches.trim().split(/[.!?](\s|$)/).filter((s) => s.trim().length > 0)).toHaveLength(1);
    expect(challenge.variants[0]!.id).toBe('visible');
  });
});

describe('grading', () => {
  const votes = findChallenge('idempotent-vote-counter')!;

  it('a naive counter fails on the visible run, naming the record counted twice and the moment', async () => {
    const progress: number[] = [];
    const grade = await gradeAttempt(votes, { code: CODE_TEMPLATES[0]!.code }, { sandbox, onProgress: (p) => progress.push(p.done) });
    expect(grade.failure).toMatchObject({ variant: 'visible', hidden: false, goal: 0 });
    expect(grade.failure!.culprit).toMatchObject({ shardId: expect.stringMatching(/^shardId-/), sequenceNumber: expect.stringMatching(/^\d+$/) });
    expect(grade.failure!.atMs).toBeGreaterThan(19_000);
    // The failing run is the visible scenario with the learner's code: what the app loads to show it.
    expect(grade.failure!.run.scenarioId).toBe('voting-naive-crash');
    expect(grade.failure!.run.edits.some((e) => e.p === 'consumers/counter/handler/code')).toBe(true);
    // Every variant ran, with progress before each and at the end.
    expect(grade.variants).toHaveLength(votes.variants.length);
    expect(progress).toEqual([0, 1, 2, 3, 4]);
  });

  it('a counter hard-coded to the visible run\'s voters passes it and fails a hidden variant', async () => {
    const hardCoded = `// Skips the second delivery of the three votes the visible crash repeats.
const REPEATED = new Set(['margaret', 'alan', 'barbara']);
const seen = new Set();
export async function handler(event) {
  for (const record of event.Records) {
    const voter = record.dynamodb.Keys.voterId.S;
    if (REPEATED.has(voter)) {
      if (seen.has(voter)) continue;
      seen.add(voter);
    }
    const before = record.dynamodb.OldImage?.candidate?.S;
    const after = record.dynamodb.NewImage?.candidate?.S;
    if (before === after) continue;
    if (before) await add(before, -1);
    if (after) await add(after, 1);
  }
}
async function add(candidate, n) {
  await dynamodb.updateItem({ TableName: process.env.TARGET_TABLE, Key: { candidate: { S: candidate } }, UpdateExpression: 'ADD votes :n', ExpressionAttributeValues: { ':n': { N: String(n) } } });
}
`;
    const grade = await gradeAttempt(votes, { code: hardCoded }, { sandbox });
    expect(grade.variants.find((v) => v.id === 'visible')?.passed).toBe(true);
    expect(grade.passed).toBe(false);
    expect(grade.failure?.hidden).toBe(true);
  });

  it('a plain replicator passes the visible parallel run and fails the hidden redelivery', async () => {
    const order = findChallenge('per-key-order')!;
    const grade = await gradeAttempt(order, order.wrong.attempt, { sandbox });
    expect(grade.variants.find((v) => v.id === 'visible')?.passed).toBe(true);
    expect(grade.failure).toMatchObject({ variant: 'redelivery', hidden: true });
  });

  it('grading is deterministic: the same attempt gives the same runs', async () => {
    const a = await gradeAttempt(votes, votes.solution, { sandbox });
    const b = await gradeAttempt(votes, votes.solution, { sandbox });
    expect(a.variants.map((v) => v.traceHash)).toEqual(b.variants.map((v) => v.traceHash));
  });

  it('refuses a setting the challenge does not offer, and code where settings are asked for', async () => {
    const placement = findChallenge('checkpoint-placement')!;
    expect((await gradeAttempt(placement, { settings: [{ p: 'consumers/counter/handler/idempotency', v: 'item-version' }] })).refused).toMatch(/not one of the settings/);
    expect((await gradeAttempt(placement, { settings: [{ p: 'consumers/counter/checkpoint', v: { kind: 'every-n-records', n: 7 } }] })).refused).toMatch(/not one of the values offered/);
    expect((await gradeAttempt(placement, { code: 'export async function handler() {}' })).refused).toMatch(/settings, not code/);
  });

  it('a checkpoint after every record keeps every vote but breaks the budget, at the write that broke it', async () => {
    const placement = findChallenge('checkpoint-placement')!;
    const grade = await gradeAttempt(placement, { settings: [{ p: 'consumers/counter/checkpoint', v: { kind: 'every-record' } }] });
    expect(grade.failure).toMatchObject({ goal: 1, variant: 'visible' });
    expect(grade.failure!.message).toMatch(/checkpointWrites was \d+, expected at most 30/);
    expect(grade.failure!.atMs).toBeLessThan(60_000);
  });

  it('code that does not parse is refused with its line', async () => {
    const grade = await gradeAttempt(votes, { code: 'export async function handler(event) {\n  for (const r of event.Records {\n}' }, { sandbox });
    expect(grade.passed).toBe(false);
    expect(grade.refused).toMatch(/line 2/);
  });
});

describe('the worker\'s grade request', () => {
  it('grades beside the loaded run without touching it, yielding between slices, with progress', async () => {
    let yields = 0;
    const host = createHost({ sandbox, yieldSlice: async () => void yields++ });
    const loaded = await host.load('voting-booth');
    const progress: string[] = [];
    const grade = await host.grade('idempotent-vote-counter', { code: CODE_TEMPLATES[1]!.code }, (p) => progress.push(`${p.done}/${p.total}`));
    expect(grade.passed).toBe(true);
    expect(progress.at(-1)).toBe('4/4');
    expect(yields).toBeGreaterThan(4 * 10);
    expect(await host.traceHash()).toBe(loaded.traceHash);
  });

  it('an unknown challenge is an error that names it', async () => {
    await expect(createHost().grade('no-such-thing', {})).rejects.toThrow(/Unknown challenge "no-such-thing"/);
  });
});
