// SeqIndex: records by lane and sequence number, as a binary search over each lane's in-order
// records with a map for the ones out of order, must answer what a Map whose `set` replaces answers,
// for any order of sequence numbers (growing, repeated, falling, big jumps, other texts); a fork cut
// at `limit` answers what the same Map built from the positions below `limit` answers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeqIndex, compareSeq } from './seqIndex.ts';

/** Sequence numbers of a lane: mostly growing by small or huge steps, sometimes repeated or falling, or not digits. */
const seqs = fc.array(
  fc.tuple(
    fc.nat(3),
    fc.oneof(
      { weight: 6, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 6n }) },
      // Small steps both ways: a text seen before on its lane comes again, in order and out of it.
      { weight: 3, arbitrary: fc.bigInt({ min: -3n, max: 3n }) },
      { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 30n }) },
      { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 4n), max: -1n }) },
      { weight: 1, arbitrary: fc.constant(0n) },
    ),
    fc.oneof({ weight: 9, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('x', 'Ab', '-') }),
  ),
  { maxLength: 300, size: 'max' },
);

/** Per record: its lane and text, built from running sums per lane (so lanes mostly grow). */
function records(steps: Array<[number, bigint, string]>): Array<{ lane: number; text: string }> {
  const at = [10n ** 20n, 5n, 0n, 10n ** 35n];
  return steps.map(([lane, step, other]) => {
    at[lane] = at[lane]! + step < 0n ? 0n : at[lane]! + step;
    return { lane, text: other ? `${other}${at[lane]}` : String(at[lane]) };
  });
}

function build(recs: Array<{ lane: number; text: string }>): SeqIndex {
  const index = new SeqIndex((r) => recs[r]!.text);
  recs.forEach(({ lane, text }, r) => index.set(lane, text, r));
  return index;
}

function oracle(recs: Array<{ lane: number; text: string }>, limit = Infinity): Map<string, number> {
  const map = new Map<string, number>();
  recs.forEach(({ lane, text }, r) => {
    if (r < limit) map.set(`${lane}|${text}`, r);
  });
  return map;
}

describe('SeqIndex', () => {
  it('answers what a Map answers, for any order of sequence numbers', () => {
    fc.assert(
      fc.property(seqs, fc.array(fc.string({ maxLength: 4 }), { maxLength: 5 }), (steps, strays) => {
        const recs = records(steps);
        const index = build(recs);
        const map = oracle(recs);
        for (let lane = 0; lane < 5; lane++) {
          for (const { text } of recs) expect(index.get(lane, text)).toBe(map.get(`${lane}|${text}`));
          for (const text of strays) expect(index.get(lane, text)).toBe(map.get(`${lane}|${text}`));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('forks at a cut, answering for the positions below it, and neither side sees the other’s later sets', () => {
    fc.assert(
      fc.property(seqs, fc.nat(), (steps, at) => {
        // Unique texts per lane (a simulated run's, which forks): a repeated one is covered above.
        const all = records(steps);
        const seen = new Set<string>();
        const recs = all.filter(({ lane, text }) => !seen.has(`${lane}|${text}`) && seen.add(`${lane}|${text}`));
        const limit = at % (recs.length + 1);
        const parent = build(recs);
        const forkRecs = recs.slice(0, limit).concat([{ lane: 0, text: '7' }, { lane: 2, text: '99999999999999999999999999999999999999' }]);
        const fork = parent.fork(limit, (r) => forkRecs[r]!.text);
        fork.set(0, '7', limit);
        fork.set(2, '99999999999999999999999999999999999999', limit + 1);
        const forkMap = oracle(forkRecs);
        const parentMap = oracle(recs);
        for (const { lane, text } of [...recs, ...forkRecs]) {
          expect(fork.get(lane, text)).toBe(forkMap.get(`${lane}|${text}`));
          expect(parent.get(lane, text)).toBe(parentMap.get(`${lane}|${text}`));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('answers the same when positions are set by comparing them (setAt, an import\'s columns), mixed with sets by text', () => {
    fc.assert(
      fc.property(seqs, fc.array(fc.boolean(), { maxLength: 300 }), (steps, byPosition) => {
        const recs = records(steps);
        const compare = (a: number, b: number) => compareSeq(recs[a]!.text, recs[b]!.text);
        const index = new SeqIndex((r) => recs[r]!.text);
        recs.forEach(({ lane, text }, r) => (byPosition[r] ? index.setAt(lane, r, compare) : index.set(lane, text, r)));
        const map = oracle(recs);
        for (let lane = 0; lane < 5; lane++) for (const { text } of recs) expect(index.get(lane, text)).toBe(map.get(`${lane}|${text}`));
      }),
      { numRuns: 100 },
    );
  });

  it('orders digit texts as numbers', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.bigInt({ min: 0n, max: 10n ** 40n }), (a, b) => {
        expect(Math.sign(compareSeq(String(a), String(b)))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });
});
