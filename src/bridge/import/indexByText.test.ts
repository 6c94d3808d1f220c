import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IndexByText, textHash } from './indexByText.ts';

describe('IndexByText', () => {
  it('answers as a Map from text to position does, through growth and colliding hashes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 3000 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 50 }), (texts, probes) => {
        const held: string[] = [];
        const table = new IndexByText((p) => held[p]!);
        const oracle = new Map<string, number>();
        texts.forEach((text, i) => {
          held.push(text);
          if (i % 3 === 0) table.set(text, i);
          else expect(table.addIfAbsent(text, i)).toBe(oracle.get(text));
          if (i % 3 === 0 || !oracle.has(text)) oracle.set(text, i);
        });
        expect(table.size).toBe(oracle.size);
        for (const text of [...texts, ...probes]) expect(table.get(text)).toBe(oracle.get(text));
      }),
      { numRuns: 60 },
    );
  });

  it('tells apart texts whose hashes are equal', () => {
    // Two short texts with one 32-bit hash (a birthday search: some 10^5 texts), then both held.
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const text = i.toString(36);
      const h = textHash(text);
      const other = seen.get(h);
      if (other !== undefined) pair = [other, text];
      else seen.set(h, text);
    }
    const held = pair;
    expect(textHash(held[0])).toBe(textHash(held[1]));
    const table = new IndexByText((p) => held[p]!);
    table.set(held[0], 0);
    expect(table.get(held[1])).toBeUndefined();
    expect(table.addIfAbsent(held[1], 1)).toBeUndefined();
    expect([table.get(held[0]), table.get(held[1])]).toEqual([0, 1]);
  });
});
