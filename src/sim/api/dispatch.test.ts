import { describe, expect, it } from 'vitest';
import { createWorld } from '../world.ts';
import { resolveOptions } from '../options.ts';
import { dispatch } from './dispatch.ts';
import { AwsError } from './errors.ts';

describe('dispatch', () => {
  it('refuses unknown targets as AWS does, including names every object inherits', () => {
    const world = createWorld(resolveOptions({ seed: 1 }));
    for (const target of ['DynamoDB_20120810.ExecuteStatement', 'toString', 'constructor', '__proto__']) {
      try {
        dispatch(world, target, {});
        expect.unreachable(`${target} was dispatched`);
      } catch (e) {
        expect(e).toBeInstanceOf(AwsError);
        expect((e as AwsError).code).toBe('UnknownOperationException');
      }
    }
  });
});

describe('owned requests', () => {
  it('a request the caller still holds is copied: editing it afterwards does not reach the stored item', async () => {
    const { createSimulation } = await import('../simulation.ts');
    const { createVotesTable } = await import('../testing/harness.ts');
    const sim = createSimulation({ seed: 1 });
    createVotesTable(sim);
    const world = (sim as unknown as { world: Parameters<typeof dispatch>[0] }).world;
    const item = { voterId: { S: 'v1' }, candidate: { S: 'alice' } };
    dispatch(world, 'DynamoDB_20120810.PutItem', { TableName: 'Votes', Item: item });
    item.candidate.S = 'mallory';
    (item as Record<string, unknown>).extra = { S: 'x' };
    const stored = sim.call<{ Item: unknown }>('DynamoDB_20120810.GetItem', { TableName: 'Votes', Key: { voterId: { S: 'v1' } } });
    expect(stored.Item).toEqual({ voterId: { S: 'v1' }, candidate: { S: 'alice' } });
  });
});
