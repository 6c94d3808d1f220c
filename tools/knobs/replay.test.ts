// Property (issue #14): any sequence of valid setting edits and run-time interventions replays to the
// same trace hash from its share link. Crosses layers (ui link state, share codec, worker host), so
// it lives in tools/ rather than beside one of them. The e2e suite checks the same in Chromium.
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../src/share/codec.ts';
import type { ScenarioEdit } from '../../src/scenarios/edits.ts';
import { inputFor, payloadFor } from '../../src/ui/share/linkState.ts';
import { createHost } from '../../src/worker/host.ts';
import type { Intervention, ScenarioSource } from '../../src/worker/protocol.ts';

const SCENARIO = 'voting-naive-crash';
/** Links with their Node trace hash, which e2e/knobs.spec.ts opens in Chromium (rewritten with UPDATE_GOLDEN=1). */
const CHROMIUM_FIXTURE = new URL('../../e2e/knobs-links.json', import.meta.url);

const edit: fc.Arbitrary<ScenarioEdit> = fc.oneof(
  fc.integer({ min: 1, max: 20 }).map((v) => ({ p: 'consumers/counter/mapping/BatchSize', v })),
  fc.integer({ min: 0, max: 5 }).map((v) => ({ p: 'consumers/counter/mapping/MaximumBatchingWindowInSeconds', v })),
  fc.integer({ min: 1, max: 10 }).map((v) => ({ p: 'consumers/counter/mapping/ParallelizationFactor', v })),
  fc.boolean().map((v) => ({ p: 'consumers/counter/mapping/BisectBatchOnFunctionError', v })),
  fc.integer({ min: -1, max: 5 }).map((v) => ({ p: 'consumers/counter/mapping/MaximumRetryAttempts', v })),
  fc.constantFrom('none', 'event-id', 'sequence-number', 'item-version').map((v) => ({ p: 'consumers/counter/handler/idempotency', v })),
  fc.constantFrom('NEW_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY').map((v) => ({ p: 'setup/0/input/StreamSpecification/StreamViewType', v })),
  fc.integer({ min: 30, max: 90 }).map((s) => ({ p: 'durationMs', v: s * 1000 })),
  fc.record({ rate: fc.integer({ min: 1, max: 5 }), share: fc.integer({ min: 0, max: 10 }) }).map(({ rate, share }) => ({
    p: 'traffic',
    v: [{ table: 'Votes', fromMs: 1_000, toMs: 20_000, ratePerSecond: rate, keys: { attribute: 'voterId', prefix: 'v', count: 20, hot: { count: 1, share: share / 10 } }, mix: { put: 2, update: 1, delete: 1 }, attributes: { candidate: ['Otter', 'Heron'] } }],
  })),
);

const intervention: fc.Arbitrary<Intervention> = fc.oneof(
  fc.record({ at: fc.integer({ min: 0, max: 29_000 }), size: fc.integer({ min: 1, max: 10 }) }).map(({ at, size }): Intervention => ({ at, kind: 'update-mapping', target: 'counter', params: { BatchSize: size } })),
  fc.record({ at: fc.integer({ min: 0, max: 29_000 }), on: fc.boolean() }).map(({ at, on }): Intervention => ({ at, kind: 'update-mapping', target: 'counter', params: { Enabled: on } })),
  fc.integer({ min: 0, max: 29_000 }).map((at): Intervention => ({ at, kind: 'crash', target: 'counter', params: { when: 'now' } })),
  fc.integer({ min: 0, max: 29_000 }).map((at): Intervention => ({ at, kind: 'update-table', target: 'Votes', params: { StreamViewType: 'KEYS_ONLY' } })),
);

describe('knobs and links', () => {
  it('any valid edits and interventions replay to the same hash from their link', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { maxLength: 5 }), fc.array(intervention, { maxLength: 4 }), async (edits, interventions) => {
        const host = createHost({ yieldSlice: async () => {} });
        const source: ScenarioSource = { id: SCENARIO, edits };
        await host.load(source);
        for (const i of interventions) await host.intervene(i);
        // An intervention is answered before the run's end; the whole run carries the hash.
        const run = await host.settled();
        const fragment = encodeLink(payloadFor(run, 0, run.scenario.view?.speed ?? 1));
        // A typical edit stays far below the 2,000 characters a link may comfortably have.
        expect(fragment.length).toBeLessThan(2_000);
        const decoded = decodeLink(fragment);
        if (!decoded.ok) throw new Error(decoded.message);
        const input = inputFor(decoded.payload);
        const fresh = createHost({ yieldSlice: async () => {} });
        const replayed = await fresh.load(input.source, { ...(input.seed !== undefined ? { seed: input.seed } : {}), ...(input.interventions ? { interventions: input.interventions as Intervention[] } : {}) });
        expect(replayed.traceHash).toBe(run.traceHash);
      }),
      { numRuns: 25, seed: 14 },
    );
  });

  it('records links and their Node hashes for Chromium to replay (e2e/knobs-links.json)', async () => {
    const cases = fc.sample(fc.tuple(fc.array(edit, { minLength: 1, maxLength: 4 }), fc.array(intervention, { maxLength: 3 })), { numRuns: 6, seed: 1414 });
    const links: Array<{ link: string; traceHash: string }> = [];
    for (const [edits, interventions] of cases) {
      const host = createHost({ yieldSlice: async () => {} });
      await host.load({ id: SCENARIO, edits });
      for (const i of interventions) await host.intervene(i);
      const run = await host.settled();
      links.push({ link: encodeLink(payloadFor(run, 0, run.scenario.view?.speed ?? 1)), traceHash: run.traceHash });
    }
    const text = JSON.stringify(links, null, 2) + '\n';
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(CHROMIUM_FIXTURE, text);
    expect(JSON.parse(readFileSync(CHROMIUM_FIXTURE, 'utf8'))).toEqual(links);
  });
});
