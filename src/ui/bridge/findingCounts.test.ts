import { describe, expect, it } from 'vitest';
import type { ImportFinding } from '../../worker/protocol.ts';
import { findingsTabCount, findingsTotal } from './findingCounts.ts';

function finding(kind: ImportFinding['kind'], i: number): ImportFinding {
  return { kind, eventIDs: [`e${i}`], records: [i], message: '', meaning: '', atMs: i * 100, shardId: 's', sequenceNumber: String(i) };
}

describe('finding counts', () => {
  it('counts the listed findings when the summary has no counts', () => {
    expect(findingsTotal({ findings: [] })).toBe(0);
    expect(findingsTotal({ findings: [finding('gap', 1), finding('duplicate', 2), finding('duplicate', 3)] })).toBe(3);
  });

  it("takes a kind's count of every finding over the first ones listed, and the list for a kind it does not count", () => {
    const findings = [finding('duplicate', 1), finding('gap', 2), finding('gap', 3)];
    expect(findingsTotal({ findings, findingCounts: { duplicate: 250, 'out-of-order': 4 } })).toBe(256);
    expect(findingsTotal({ findings, findingCounts: { duplicate: 250, gap: 7 } })).toBe(257);
  });

  it("gives the dock's Findings tab its number and what a screen reader says", () => {
    expect(findingsTabCount({ findings: [] })).toEqual({ count: 0, description: '0 findings' });
    expect(findingsTabCount({ findings: [finding('gap', 1)] })).toEqual({ count: 1, description: '1 finding' });
    expect(findingsTabCount({ findings: [], findingCounts: { duplicate: 12345 } })).toEqual({ count: 12345, description: '12,345 findings' });
  });
});
