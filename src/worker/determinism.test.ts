// The run is a function of (scenario, seed, interventions): random small scenarios (tools/
// randomScenarios.ts: tables, scripted writes and/or traffic, consumers, interventions, validated by
// parseScenario) each run three times through the worker host give the same trace hash, and
// buildRun (the CLI's and tests' path) agrees with the host. STREAMSCOPE_DETERMINISM_RUNS=500 for a soak.
import { describe, expect, it } from 'vitest';
import { sampleScenarios } from '../../tools/randomScenarios.ts';
import { createHost } from './host.ts';
import { buildRun } from './runScenario.ts';

const COUNT = Number(process.env.STREAMSCOPE_DETERMINISM_RUNS ?? 50);
const SEED = Number(process.env.STREAMSCOPE_DETERMINISM_SEED ?? 20_240_609);

const noYield = async () => undefined;

describe('determinism: random scenarios replay identically', () => {
  const generated = sampleScenarios(COUNT, SEED);

  it(`generates ${COUNT} varied, valid scenarios`, () => {
    expect(generated).toHaveLength(COUNT);
    expect(generated.filter((s) => (s.consumers ?? []).length > 0).length).toBeGreaterThan(COUNT / 2);
    expect(generated.filter((s) => (s.traffic ?? []).length > 0).length).toBeGreaterThan(COUNT / 4);
    expect(generated.filter((s) => (s.interventions ?? []).length > 0).length).toBeGreaterThan(COUNT / 2);
  });

  it('three runs of each give the same trace hash', { timeout: 300_000 }, async () => {
    const facts: number[] = [];
    for (const scenario of generated) {
      const hashes: string[] = [];
      for (let run = 0; run < 3; run++) {
        // A fresh host each time: nothing may carry over between runs but the data.
        const result = await createHost({ yieldSlice: noYield }).load({ inline: scenario });
        hashes.push(result.traceHash);
        if (run === 0) facts.push(result.eventCount);
      }
      const direct = await buildRun(scenario);
      hashes.push(direct.traceHash());
      expect(new Set(hashes), `${scenario.id}: ${JSON.stringify(scenario)}`).toHaveProperty('size', 1);
    }
    // Not all trivially empty: the runs did something.
    expect(facts.filter((n) => n > 20).length).toBeGreaterThan(COUNT / 2);
    console.log(`determinism: ${COUNT} scenarios × 3 host runs + buildRun; facts per run min ${Math.min(...facts)}, median ${facts.sort((a, b) => a - b)[facts.length >> 1]}, max ${Math.max(...facts)}`);
  });
});
