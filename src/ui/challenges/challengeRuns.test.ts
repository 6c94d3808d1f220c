import { describe, expect, it } from 'vitest';
import { challenges, findChallenge } from '../../challenges/catalogue.ts';
import { decodeLink, encodeLink } from '../../share/codec.ts';
import { attemptFromEdits, attemptPayload, visibleSource } from './challengeRuns.ts';

describe('attempts as runs and links', () => {
  it('every challenge\'s solution survives the trip through an attempt link', () => {
    for (const c of challenges) {
      const link = encodeLink(attemptPayload(c, c.solution));
      const decoded = decodeLink(link);
      expect(decoded.ok, c.id).toBe(true);
      if (!decoded.ok) continue;
      expect(decoded.payload.challenge).toEqual({ id: c.id });
      expect(attemptFromEdits(c, decoded.payload.edits ?? [])).toEqual(c.solution.settings?.length === 0 ? {} : c.solution);
    }
  });

  it('a code attempt link stays well under the codec\'s cap', () => {
    const c = findChallenge('idempotent-vote-counter')!;
    expect(encodeLink(attemptPayload(c, c.solution)).length).toBeLessThan(4_000);
  });

  it('edits of another run are no attempt at this challenge', () => {
    const c = findChallenge('poison-record')!;
    expect(attemptFromEdits(c, [])).toBeUndefined();
    expect(visibleSource(c, c.start).edits!.length).toBe(c.edits!.length);
  });
});
