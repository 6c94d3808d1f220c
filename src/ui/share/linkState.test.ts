import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../share/codec.ts';
import { findScenario } from '../../scenarios/catalogue.ts';
import type { LoadResult } from '../../worker/protocol.ts';
import { inputFor, payloadFor, scenarioFileFor } from './linkState.ts';

const scenario = findScenario('voting-booth')!;
const run = {
  scenarioId: scenario.id,
  seed: 7,
  scenario,
  inline: false,
  interventions: [{ at: 19_000, kind: 'split-shard', target: 'Votes' }],
} as unknown as LoadResult;

describe('link state', () => {
  it('round-trips the run, playhead and speed through a link into the playback input', () => {
    const r = decodeLink(encodeLink(payloadFor(run, 27_250.4, 100)));
    expect(r.ok).toBe(true);
    if (r.ok) expect(inputFor(r.payload)).toEqual({ source: 'voting-booth', seed: 7, interventions: run.interventions, atMs: 27_250, speed: 100 });
  });

  it('inlines a scenario the user loaded from a file, and folds interventions into the file', () => {
    const payload = payloadFor({ ...run, inline: true }, 0, 5);
    expect(payload.scenario).toEqual({ inline: scenario });
    expect(payload.view).toBeUndefined();
    const file = JSON.parse(scenarioFileFor(run));
    // The scenario's own interventions (the voting booth's crash) come first, then the user's.
    expect(file).toMatchObject({ id: 'voting-booth', seed: 7, interventions: [...(scenario.interventions ?? []), ...run.interventions] });
  });
});

describe('links and the scenario view speed', () => {
  it('says the speed only when it differs from what opening the scenario gives', () => {
    const run = { scenarioId: 'x', inline: false, seed: 1, interventions: [], scenario: { id: 'x', seed: 1, view: { speed: 20 } } } as unknown as Parameters<typeof payloadFor>[0];
    expect(payloadFor(run, 0, 20).view).toBeUndefined();
    expect(payloadFor(run, 0, 5).view).toEqual({ speed: 5 });
  });
});
