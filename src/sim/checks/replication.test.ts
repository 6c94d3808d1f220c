/** The global-tables verdict: converged replicas and the writes last writer wins dropped, in words. */
import { describe, expect, it } from 'vitest';
import { DDB, newSim, s } from '../testing/harness.ts';
import type { Simulation } from '../simulation.ts';
import type { TraceEvent } from '../trace/events.ts';

function voteSim(): Simulation {
  const sim = newSim({ partitions: { Votes: 1 }, replicationDelayMinMs: 500, replicationDelayMaxMs: 1_500 });
  sim.call(`${DDB}CreateTable`, {
    TableName: 'Votes',
    AttributeDefinitions: [{ AttributeName: 'voterId', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'voterId', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  sim.call(`${DDB}UpdateTable`, { TableName: 'Votes', ReplicaUpdates: [{ Create: { RegionName: 'eu-west-1' } }] });
  return sim;
}

const vote = (candidate: string) => ({ TableName: 'Votes', Item: { voterId: s('voter-7'), candidate: s(candidate) } });
const verdicts = (sim: Simulation) => sim.trace.filter((f): f is Extract<TraceEvent, { type: 'replicas-converged' | 'replicas-diverged' }> => f.type === 'replicas-converged' || f.type === 'replicas-diverged');

describe('replicationChecks', () => {
  it('says which write was lost to last writer wins once the replicas converged', async () => {
    const sim = voteSim();
    sim.schedule(12_301, `${DDB}PutItem`, vote('blue'), 'us-east-1');
    sim.schedule(12_650, `${DDB}PutItem`, vote('green'), 'eu-west-1');
    await sim.advanceTo(30_000);
    sim.finalChecks();
    expect(verdicts(sim)).toEqual([
      {
        t: 30_000,
        type: 'replicas-converged',
        table: 'Votes',
        regions: ['us-east-1', 'eu-west-1'],
        overwritten: 1,
        message:
          "Replicas converged: us-east-1 and eu-west-1 hold the same 1 item (voter-7: candidate 'green'). The write of voter-7 in us-east-1 at 12.301 s (candidate 'blue') was overwritten by the one made in eu-west-1 at 12.650 s: last writer wins, and the older write is lost.",
      },
    ]);
  });

  it('reports replicas that still differ, and the writes still on their way', async () => {
    const sim = voteSim();
    sim.schedule(1_000, `${DDB}PutItem`, vote('green'), 'eu-west-1');
    await sim.advanceTo(1_200);
    sim.finalChecks();
    const [v] = verdicts(sim);
    expect(v?.type).toBe('replicas-diverged');
    expect(v && 'message' in v ? v.message : '').toBe(
      "Replicas of Votes differ: voter-7: us-east-1 absent, eu-west-1 candidate 'green'. 1 replicated write(s) were still on their way when the run ended.",
    );
  });

  it('records nothing in a world without global tables', async () => {
    const sim = newSim();
    await sim.advanceTo(1_000);
    sim.finalChecks();
    expect(verdicts(sim)).toEqual([]);
  });
});
