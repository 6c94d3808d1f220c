import { describe, expect, it } from 'vitest';
import { createSimulation } from '../index.ts';
import { createVotesTable } from '../testing/harness.ts';

const DDB = 'DynamoDB_20120810.';

describe('checks and ESM filters', () => {
  it('§6.7 / check 57: records a filter drops count as consumed, not lost', async () => {
    const sim = createSimulation({ seed: 3 });
    createVotesTable(sim);
    // Only INSERTs reach the function; the MODIFY and REMOVE records are filtered out.
    sim.consumers.add({
      id: 'inserts',
      kind: 'lambda',
      handler: { kind: 'replicator', idempotency: 'none', sourceTable: 'Votes' },
      mapping: { StartingPosition: 'TRIM_HORIZON', FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] } },
    });
    for (const [i, voter] of ['ada', 'grace', 'linus'].entries()) {
      sim.schedule(1_000 * (i + 1), `${DDB}PutItem`, { TableName: 'Votes', Item: { voterId: { S: voter }, candidate: { S: 'Otter' } } });
    }
    sim.schedule(5_000, `${DDB}UpdateItem`, { TableName: 'Votes', Key: { voterId: { S: 'ada' } }, UpdateExpression: 'SET candidate = :c', ExpressionAttributeValues: { ':c': { S: 'Heron' } } });
    sim.schedule(6_000, `${DDB}DeleteItem`, { TableName: 'Votes', Key: { voterId: { S: 'linus' } } });
    for (let i = 0; i < 4; i++) sim.schedule(10_000 + 1_000 * i, `${DDB}PutItem`, { TableName: 'Votes', Item: { voterId: { S: `v${i}` }, candidate: { S: 'Badger' } } });
    await sim.advanceTo(60_000);
    sim.finalChecks();
    const filtered = sim.trace.filter((e) => e.type === 'records-filtered');
    expect(filtered.length).toBeGreaterThan(0);
    const broken = sim.trace.filter((e) => e.type === 'invariant-broken');
    expect(broken.map((e) => (e.type === 'invariant-broken' ? `${e.check}: ${e.message}` : ''))).toEqual([]);
  });
});
