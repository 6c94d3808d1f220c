import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextTable, textHash } from './textTable.ts';

describe('TextTable', () => {
  it('answers as a Map does, through growth and restarts', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), text: fc.string({ maxLength: 80, unit: 'binary' }), value: fc.integer() }),
      fc.record({ kind: fc.constant('get' as const), text: fc.string({ maxLength: 80, unit: 'binary' }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), fc.constantFrom(4, 64, 2048), (ops, limit) => {
        const table = new TextTable<number>(limit);
        const oracle = new Map<string, number>();
        for (const o of ops) {
          if (o.kind === 'set') {
            // The table starts again when full, as the oracle does here.
            if (oracle.size >= limit) oracle.clear();
            table.set(o.text, o.value);
            oracle.set(o.text, o.value);
          } else expect(table.get(o.text)).toBe(oracle.get(o.text));
          expect(table.size).toBe(oracle.size);
        }
        for (const [text, value] of oracle) expect(table.get(text)).toBe(value);
      }),
    );
  });

  it('hashes as FNV-1a over the length and the units, the first and last 32 of a longer text', () => {
    const reference = (text: string): number => {
      const units = text.length > 64 ? text.slice(0, 32) + text.slice(-32) : text;
      let h = 0x811c9dc5 ^ text.length;
      for (let i = 0; i < units.length; i++) h = Math.imul(h ^ units.charCodeAt(i), 0x01000193);
      return h >>> 0;
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (text) => {
        expect(textHash(text)).toBe(reference(text));
      }),
    );
    for (const n of [0, 1, 63, 64, 65, 96]) expect(textHash('k'.repeat(n))).toBe(reference('k'.repeat(n)));
  });

  it('finds texts that share a long middle by content, not by the hashed ends', () => {
    const table = new TextTable<number>(1 << 12);
    const middle = 'x'.repeat(200);
    // Same first and last 32 units, different in the middle: one hash, told apart by comparison.
    const texts = Array.from({ length: 500 }, (_, i) => `${'a'.repeat(32)}${middle}${String(i).padStart(3, '0')}${middle}${'z'.repeat(32)}`);
    expect(new Set(texts.map(textHash)).size).toBe(1);
    texts.forEach((t, i) => table.set(t, i));
    texts.forEach((t, i) => expect(table.get(t)).toBe(i));
    expect(table.get(`${'a'.repeat(32)}${middle}---${middle}${'z'.repeat(32)}`)).toBeUndefined();
  });

  it('finds a text by its content, whichever string object carries it', () => {
    const table = new TextTable<string>(16);
    const parsed = (JSON.parse('{"S":"voter#4996"}') as { S: string }).S;
    table.set(parsed, 'first');
    expect(table.get(['voter', '4996'].join('#'))).toBe('first');
    table.clear();
    expect(table.get(parsed)).toBeUndefined();
    expect(table.size).toBe(0);
  });
});
