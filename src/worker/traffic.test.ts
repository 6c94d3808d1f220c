import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenarios/schema.ts';
import { votingBooth } from '../scenarios/votingBooth.ts';
import { buildRun } from './runScenario.ts';

const withTraffic = {
  ...votingBooth,
  id: 'busy-election',
  durationMs: 300_000,
  interventions: [],
  narration: [],
  lesson: undefined,
  traffic: [
    {
      table: 'Votes',
      fromMs: 1_000,
      toMs: 290_000,
      ratePerSecond: 5,
      keys: { attribute: 'voterId', prefix: 'voter-', count: 400, hot: { count: 5, share: 0.3 } },
      mix: { put: 8, update: 2 },
      attributes: { candidate: ['Otter', 'Heron', 'Badger'] },
      putCondition: 'put-if-absent' as const,
    },
  ],
};

describe('scenarios with generated traffic', () => {
  it('validates, runs, and replays to the same hash', async () => {
    const parsed = parseScenario(withTraffic);
    expect(parsed.ok).toBe(true);
    const a = await buildRun(withTraffic);
    const b = await buildRun(withTraffic);
    expect(a.traceHash()).toBe(b.traceHash());
    const writes = a.trace.filter((e) => e.type === 'write' && e.table === 'Votes').length;
    const rejected = a.trace.filter((e) => e.type === 'write-rejected' && e.table === 'Votes').length;
    expect(writes + rejected).toBeGreaterThan(1_200);
    // Put-if-absent on a hot key space: many second votes are refused.
    expect(rejected).toBeGreaterThan(100);
  });

  it('refuses traffic that asks for an absurd number of writes, naming the field', () => {
    const absurd = { ...withTraffic, traffic: [{ ...withTraffic.traffic[0]!, ratePerSecond: 1_000, fromMs: 0, toMs: 600_000, }], durationMs: 600_000 };
    const parsed = parseScenario(absurd);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n')).toMatch(/^traffic: asks for more than 20000 generated writes/m);
  });
});
