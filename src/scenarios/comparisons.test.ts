import { describe, expect, it } from 'vitest';
import { comparisons, findComparison, sideScenario } from './comparisons.ts';
import { parseScenario } from './schema.ts';

describe('comparisons', () => {
  it('every side is a valid scenario with the consumers it names', () => {
    for (const c of comparisons) {
      for (const side of [c.left, c.right]) {
        const s = sideScenario(side);
        expect(s, `${c.id}: ${side.scenarioId}`).toBeDefined();
        expect(parseScenario(s).ok).toBe(true);
        if (side.consumers) expect(s!.consumers!.map((x) => x.id)).toEqual(side.consumers);
        for (const i of s!.interventions ?? []) expect(s!.consumers!.some((x) => x.id === i.target.split('/')[0]) || i.kind === 'split-shard').toBe(true);
      }
    }
  });

  it('finds a pair by id or by two scenario ids', () => {
    expect(findComparison('voting')?.right.scenarioId).toBe('voting-idempotent');
    expect(findComparison('voting-booth,voting-idempotent')?.left.scenarioId).toBe('voting-booth');
    expect(findComparison('voting-booth,nope')).toBeUndefined();
    expect(findComparison('nope')).toBeUndefined();
  });
});
