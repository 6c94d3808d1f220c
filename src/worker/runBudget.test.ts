import { describe, expect, it } from 'vitest';
import { findScenario, scenarios } from '../scenarios/catalogue.ts';
import type { Scenario } from '../scenarios/types.ts';
import { MAX_DURATION_MS } from '../scenarios/schema.ts';
import { createHost } from './host.ts';
import { estimateRunWork, MAX_RUN_EVENTS, tooBig } from './runBudget.ts';

/** The 1.5 KB link of issue 21.4: every value within its cap, 8 days × 6 KCL apps × 8 workers reading every 100 ms. */
function hangingScenario(): Scenario {
  const base = findScenario('kcl-failover')!;
  const kcl = base.consumers!.find((c) => c.kind === 'kcl')!;
  const workers = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8'];
  return {
    ...base,
    id: 'hangs',
    durationMs: MAX_DURATION_MS,
    consumers: Array.from({ length: 6 }, (_, i) => ({ ...kcl, id: `app-${i}`, workers, config: { idleTimeBetweenReadsInMillis: 100 } })) as Scenario['consumers'],
  };
}

describe('run budget (issue 21.4)', () => {
  it('every built-in scenario fits, with room', () => {
    for (const s of scenarios) expect(estimateRunWork(s).events, s.id).toBeLessThan(MAX_RUN_EVENTS / 2);
  });

  it('names what makes a scenario too big', () => {
    expect(tooBig(hangingScenario())).toMatch(/^This scenario is too big to simulate here: about \d+ million events over 192 hours .*mostly consumer app-\d \(8 KCL workers reading every 100 ms\)/);
    expect(tooBig(findScenario('kcl-failover')!)).toBeUndefined();
  });

  it('the host refuses it before computing anything, and keeps the run it had', async () => {
    const host = createHost({ yieldSlice: async () => {} });
    const good = await host.load('kcl-failover');
    await expect(host.load({ inline: hangingScenario() } as never)).rejects.toMatchObject({ name: 'limit-exceeded', message: expect.stringMatching(/too big/) });
    // Without the budget the load above computes for many minutes: this test would time out.
    expect((await host.load('kcl-failover')).traceHash).toBe(good.traceHash);
  });
});
