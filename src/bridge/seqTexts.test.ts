// SeqTexts: sequence numbers as a tail number and a head byte per record (seqTexts.ts) must read back
// the very texts pushed: AWS-like 21–40 digit numbers on several shards, growing by small or huge
// steps or falling, short ones with leading zeros, other texts, and more heads than a chunk's table
// holds; a cut holds the prefix, and neither it nor its source sees the other's later pushes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareSequence } from './attributes.ts';
import { SeqTexts } from './seqTexts.ts';

const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** Texts of a few shards (each a head of its own), stepping by small, huge or negative amounts, with strays. */
const texts = fc
  .tuple(fc.array(digits(25), { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.nat(3), fc.oneof(fc.bigInt({ min: -5n, max: 50n }), fc.bigInt({ min: 0n, max: 10n ** 30n })), fc.nat(40)), { maxLength: 9000, size: 'max' }))
  .map(([starts, steps]) => {
    const at = starts.map((s) => BigInt(s));
    return steps.map(([shard, step, stray]) => {
      const s = shard % at.length;
      at[s] = at[s]! + step < 0n ? 0n : at[s]! + step;
      if (stray === 0) return `x${at[s]}`;
      if (stray === 1) return '';
      if (stray === 2) return String(at[s]).slice(-3).padStart(5, '0');
      if (stray === 3) return String(stray * 1000 + Number(step % 1000n)).padStart(stray, '0');
      return String(at[s]);
    });
  });

describe('SeqTexts', () => {
  it('reads back every text pushed, and a cut its prefix, independent of its source', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.array(fc.string({ maxLength: 30 }), { maxLength: 20 }), (values, at, more) => {
        const list = SeqTexts.empty();
        for (const t of values) list.push(t);
        expect(list.length).toBe(values.length);
        expect(list.slice()).toEqual(values);
        expect(list.get(values.length)).toBeUndefined();
        const n = at % (values.length + 1);
        const cut = list.cut(n);
        for (const t of more) {
          cut.push(`${t}1`);
          list.push(t);
        }
        expect(cut.slice()).toEqual([...values.slice(0, n), ...more.map((t) => `${t}1`)]);
        expect(list.slice()).toEqual([...values, ...more]);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps 32-bit steps while a chunk\'s tails grow by less than 2^32 from its head\'s first, doubles from the first that does not', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 20 }), { minLength: 1, maxLength: 5000 }), fc.nat(), fc.constantFrom(-1, 2 ** 32, 2 ** 40), (steps, at, jump) => {
        let tail = 2n * 10n ** 14n;
        const values = steps.map((d) => `1000000${String((tail += BigInt(d)))}`);
        const chunks = (list: SeqTexts) => (list as unknown as { chunks: Array<{ steps?: Uint32Array; tails?: Float64Array }> }).chunks;
        const list = SeqTexts.empty();
        for (const t of values) list.push(t);
        expect(list.slice()).toEqual(values);
        expect(chunks(list).every((c) => c.steps !== undefined && c.tails === undefined)).toBe(true);
        // One tail below its chunk's first, or 2^32 and more above it: that chunk turns to doubles.
        const k = at % values.length;
        // (The chunk's first is its head's first: nothing before it to step from.)
        fc.pre(k % 4096 !== 0);
        const first = BigInt(values[k - (k % 4096)]!.slice(-15));
        const odd = [...values];
        odd[k] = `1000000${String(first + BigInt(jump))}`;
        const widened = SeqTexts.empty();
        for (const t of odd) widened.push(t);
        expect(widened.slice()).toEqual(odd);
        const c = chunks(widened)[Math.floor(k / 4096)]!;
        expect(c.steps).toBeUndefined();
        expect(chunks(widened).filter((x) => x.steps === undefined)).toHaveLength(1);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps more heads than a chunk table holds (records of very many shards)', () => {
    const values = Array.from({ length: 5000 }, (_, i) => `${1000 + (i % 600)}${String(i).padStart(17, '0')}`);
    const list = SeqTexts.empty();
    for (const t of values) list.push(t);
    expect(list.slice()).toEqual(values);
  });

  it('copies entries from another list (pushFrom) into the very state pushing their texts makes', () => {
    fc.assert(
      fc.property(texts, fc.array(fc.nat(), { maxLength: 9000 }), (values, picks) => {
        fc.pre(values.length > 0);
        const source = SeqTexts.empty();
        for (const t of values) source.push(t);
        // Entries picked in any order (an index's records in trace order, an import's in input order).
        const order = picks.map((p) => p % values.length);
        const copied = SeqTexts.empty();
        const pushed = SeqTexts.empty();
        for (const i of order) {
          copied.pushFrom(source, i);
          pushed.push(values[i]!);
        }
        expect(copied.slice()).toEqual(order.map((i) => values[i]));
        expect(copied).toEqual(pushed);
      }),
      { numRuns: 30 },
    );
  });

  it('compares two entries as compareSequence compares their texts (digits without leading zeros)', () => {
    fc.assert(
      fc.property(texts, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 200 }), (values, pairs) => {
        // As an import keeps them: digits, leading zeros dropped (./import/recordScanner.ts).
        const kept = values.filter((t) => /^\d+$/.test(t)).map((t) => t.replace(/^0+(?=\d)/, ''));
        fc.pre(kept.length > 0);
        const list = SeqTexts.empty();
        for (const t of kept) list.push(t);
        for (const [a, b] of pairs) {
          const i = a % kept.length;
          const j = b % kept.length;
          expect(Math.sign(list.compare(i, j))).toBe(Math.sign(compareSequence(kept[i]!, kept[j]!)));
        }
      }),
      { numRuns: 30 },
    );
  });
});
