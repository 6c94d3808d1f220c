import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation.ts';
import { writeRequestProblem } from './write.ts';
import { createVotesTable } from '../testing/harness.ts';

function votes() {
  const sim = createSimulation({ seed: 7 });
  createVotesTable(sim);
  return sim;
}

describe('write interventions', () => {
  it('make the write at their time, through the same path as scripted calls', async () => {
    const sim = votes();
    sim.intervene({ at: 1_000, kind: 'write', target: 'Votes', params: { operation: 'PutItem', input: { TableName: 'Votes', Item: { voterId: { S: 'zed' }, choice: { S: 'Otter' } } } } });
    await sim.advanceTo(2_000);
    const facts = sim.trace.filter((f) => f.t === 1_000).map((f) => f.type);
    expect(facts).toEqual(['write', 'record-appended', 'fault-injected']);
  });

  it('a failed condition is a write-rejected fact with no stream record, as on AWS', async () => {
    const sim = votes();
    const put = (at: number) => ({
      at,
      kind: 'write' as const,
      target: 'Votes',
      params: { operation: 'PutItem', input: { TableName: 'Votes', Item: { voterId: { S: 'zed' } }, ConditionExpression: 'attribute_not_exists(voterId)' } },
    });
    sim.intervene(put(1_000));
    sim.intervene(put(2_000));
    await sim.advanceTo(3_000);
    const second = sim.trace.filter((f) => f.t === 2_000);
    expect(second.map((f) => f.type)).toEqual(['write-rejected', 'api-error', 'fault-injected']);
    expect(second.at(-1)).toMatchObject({ applied: true });
  });

  it('a malformed request is recorded as not applied, with the core’s message', async () => {
    const sim = votes();
    sim.intervene({ at: 500, kind: 'write', target: 'Votes', params: { operation: 'UpdateItem', input: { TableName: 'Votes', Key: { voterId: { S: 'a' } }, UpdateExpression: 'SET = 1' } } });
    await sim.advanceTo(1_000);
    const fact = sim.trace.find((f) => f.type === 'fault-injected');
    expect(fact).toMatchObject({ applied: false });
    expect(sim.trace.some((f) => f.type === 'write')).toBe(false);
  });

  it('writeRequestProblem explains what is wrong before the write is scheduled', () => {
    expect(writeRequestProblem('PutItem', { TableName: 'Votes', Item: { voterId: { S: 'a' } } })).toBeUndefined();
    expect(writeRequestProblem('ScanItem', { TableName: 'Votes' })).toMatch(/operation must be one of/);
    expect(writeRequestProblem('PutItem', { TableName: 'Votes', Item: { voterId: { X: 'a' } } })).toBeTruthy();
    expect(writeRequestProblem('DeleteItem', { TableName: 'Votes', Key: { voterId: { S: 'a' } }, ConditionExpression: 'attribute_exists(' })).toMatch(/ConditionExpression/i);
    expect(writeRequestProblem('PutItem', { TableName: 'Votes', Item: { voterId: { S: 'a' } }, ConditionExpression: 'choice = :c' })).toMatch(/:c/);
    expect(writeRequestProblem('UpdateItem', { TableName: 'Votes', Key: { voterId: { S: 'a' } } })).toMatch(/UpdateExpression/);
  });
});
