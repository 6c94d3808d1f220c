import { describe, expect, it } from 'vitest';
import { momentX } from './NarrationCallout.tsx';
import { staleMessage, storyIsStale } from './staleStory.ts';

describe('a stale story', () => {
  const story = { narration: [{ text: 'Press Play' }] };
  it('is stale once the user has intervened in a scenario with a story', () => {
    expect(storyIsStale(undefined)).toBe(false);
    expect(storyIsStale({ interventions: [], scenario: story })).toBe(false);
    expect(storyIsStale({ interventions: [{ kind: 'crash' }], scenario: story })).toBe(true);
    // Without a story there is nothing to go stale.
    expect(storyIsStale({ interventions: [{ kind: 'crash' }], scenario: {} })).toBe(false);
  });

  it('says how many interventions changed the run', () => {
    expect(staleMessage(1)).toContain('with an intervention:');
    expect(staleMessage(3)).toContain('with 3 interventions:');
  });
});

describe('the callout anchor', () => {
  it('points at the moment on the stage, or nowhere when it is out of view', () => {
    const v = { fromMs: 0, toMs: 1000 };
    // Plot area from the label column (168 px) to 20 px short of the right edge.
    expect(momentX(0, v, 1188, 1)).toBe(168);
    expect(momentX(1000, v, 1188, 1)).toBe(1168);
    expect(momentX(500, v, 1188, 1)).toBe(668);
    expect(momentX(1001, v, 1188, 1)).toBeUndefined();
    expect(momentX(500, null, 1188, 1)).toBeUndefined();
    // Presenter mode draws the labels larger, so the plot starts further right.
    expect(momentX(0, v, 1200, 1.5)).toBe(252);
  });
});
