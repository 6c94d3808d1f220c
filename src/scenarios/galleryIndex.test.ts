// The gallery's index is the catalogue's gallery, entry for entry: a changed title, summary, length
// or difficulty in a scenario must be changed in galleryIndex.ts too (the first chunk reads it).
import { describe, expect, it } from 'vitest';
import { defaultScenarioId as catalogueDefault, gallery as fromScenarios, scenarios } from './catalogue.ts';
import { defaultScenarioId, formatLength, gallery } from './galleryIndex.ts';

describe('the gallery index', () => {
  it('equals the gallery built from the scenarios, in order', () => {
    expect(gallery).toEqual(fromScenarios);
    expect(defaultScenarioId).toBe(scenarios[0]!.id);
    expect(catalogueDefault).toBe(defaultScenarioId);
  });

  it('words lengths from seconds to hours', () => {
    expect(formatLength(90_000)).toBe('90 s');
    expect(formatLength(15 * 60_000)).toBe('15 min');
    expect(formatLength(25 * 3_600_000 + 10 * 60_000)).toBe('25 h');
  });
});
