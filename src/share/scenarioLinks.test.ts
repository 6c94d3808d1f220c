// Every built-in scenario opens from a short share link: by id (what the app shares) at most 2,000
// characters, and inline without its narration (a learner's edited copy) still a link rather than
// a file. Beside the codec because the worker, which runs the scenarios, may not import share.
import { describe, expect, it } from 'vitest';
import { scenarios } from '../scenarios/catalogue.ts';
import type { Scenario } from '../scenarios/types.ts';
import { decodeLink, encodeLink, LINK_FILE_THRESHOLD_CHARS } from './codec.ts';

/** A built-in scenario must open from a short link: by id, this many characters at most. */
const MAX_ID_LINK_CHARS = 2_000;

/** The scenario without narration, as a learner's edited copy would travel inline in a link. */
function narrationFree(s: Scenario): Scenario {
  const { narration: _narration, ...rest } = s;
  return rest;
}

describe.each(scenarios.map((s) => [s.id, s] as const))('%s', (id, s) => {
  it('opens from a short link, by id and inline', () => {
    expect(encodeLink({ v: 1, scenario: { id } }).length).toBeLessThanOrEqual(MAX_ID_LINK_CHARS);
    const inline = encodeLink({ v: 1, scenario: { inline: narrationFree(s) } });
    expect(inline.length).toBeLessThanOrEqual(LINK_FILE_THRESHOLD_CHARS);
    const back = decodeLink(inline);
    expect(back.ok && 'inline' in back.payload.scenario ? back.payload.scenario.inline : undefined).toEqual(narrationFree(s));
  });
});
