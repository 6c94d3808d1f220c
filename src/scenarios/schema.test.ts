// The scenario format's global-tables fields: optional, so older scenarios and links still open,
// and bounded, so a file cannot name a Region that is not one or an inverted replication delay.
import { describe, expect, it } from 'vitest';
import { parseScenario } from './schema.ts';
import { globalTablesLww } from './globalTablesLww.ts';
import { votingBooth } from './votingBooth.ts';

const issuesOf = (data: unknown) => {
  const r = parseScenario(data);
  return r.ok ? [] : r.issues;
};

describe('global tables in the scenario format', () => {
  it('accepts scenarios without any Region (every older one) and the global-tables scenario', () => {
    expect(issuesOf(votingBooth)).toEqual([]);
    expect(issuesOf(globalTablesLww)).toEqual([]);
    expect(globalTablesLww.writes.some((w) => w.region === 'eu-west-1')).toBe(true);
  });

  it('refuses a call whose region is not a Region name', () => {
    const bad = { ...globalTablesLww, writes: [{ ...globalTablesLww.writes[0]!, region: 'mars' }] };
    expect(issuesOf(bad)).toEqual([{ path: 'writes.0.region', message: 'must be a Region name such as eu-west-1' }]);
    const setup = { ...globalTablesLww, setup: [{ ...globalTablesLww.setup[0]!, region: 'x'.repeat(40) }] };
    expect(issuesOf(setup).map((i) => i.path)).toContain('setup.0.region');
  });

  it('bounds the replication delay and refuses a maximum below the minimum', () => {
    const inverted = { ...globalTablesLww, simulation: { ...globalTablesLww.simulation, replicationDelayMinMs: 2_000, replicationDelayMaxMs: 1_000 } };
    expect(issuesOf(inverted)).toEqual([{ path: 'simulation.replicationDelayMaxMs', message: 'replicationDelayMaxMs must not be below replicationDelayMinMs' }]);
    const zero = { ...globalTablesLww, simulation: { ...globalTablesLww.simulation, replicationDelayMinMs: 0 } };
    expect(issuesOf(zero).map((i) => i.path)).toEqual(['simulation.replicationDelayMinMs']);
  });

  it('checks a replication lesson', () => {
    const lesson = { ...globalTablesLww.lesson!, replication: [{ table: 'Votes', expect: 'merged' }] };
    expect(issuesOf({ ...globalTablesLww, lesson }).map((i) => i.path)).toEqual(['lesson.replication.0.expect']);
  });
});
