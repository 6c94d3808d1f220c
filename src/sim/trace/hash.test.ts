// The trace hasher's 64-bit FNV-1a, done in two 32-bit halves, equals FNV-1a over the same UTF-16
// code units done in BigInt (the definition: xor the unit, multiply by 0x100000001b3 mod 2^64).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TraceHasher } from './hash.ts';

class TextHasher extends TraceHasher {
  feed(s: string): void {
    this.updateString(s);
  }
}

function fnv1a64(texts: readonly string[]): string {
  let h = 0xcbf29ce484222325n;
  for (const s of texts) {
    for (let i = 0; i < s.length; i++) h = ((h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('TraceHasher', () => {
  it('is FNV-1a 64 over the text fed to it, in pieces or whole', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }), { maxLength: 8 }), (texts) => {
        const h = new TextHasher();
        for (const s of texts) h.feed(s);
        expect(h.digest()).toBe(fnv1a64(texts));
      }),
      { numRuns: 500 },
    );
  });

  it('hashes a fact as its JSON and a line break', () => {
    const h = new TraceHasher();
    const fact = { t: 1, type: 'shard-opened', streamArn: 'arn', shardId: 's', partition: 0, startingSequenceNumber: '1' } as const;
    h.update(fact as never);
    expect(h.digest()).toBe(fnv1a64([`${JSON.stringify(fact)}\n`]));
  });
});
