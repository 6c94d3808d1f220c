// PrefixMap: a fork sees its parent's entries below the cut, its own on top, and never writes into
// the parent; a key the parent re-pointed past the cut still answers its value from before it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PrefixMap, PrefixMaps, TextPrefixMap } from './prefixMap.ts';

describe('PrefixMap', () => {
  it('shows a fork the parent entries below its cut and keeps its own apart', () => {
    const parent = new PrefixMap<string>();
    parent.set('a', 0);
    parent.set('b', 1);
    parent.set('c', 2);
    const fork = parent.fork(2);
    expect([fork.get('a'), fork.get('b'), fork.get('c')]).toEqual([0, 1, undefined]);
    fork.set('c', 2);
    fork.set('d', 3);
    parent.set('d', 9);
    expect(fork.get('d')).toBe(3);
    expect(parent.get('d')).toBe(9);
    expect(parent.fork(1).fork(5).get('b')).toBeUndefined();
  });

  it('with re-pointed keys, answers the newest value below the cut, through many layers', () => {
    let map = new PrefixMap<string>(undefined, Infinity, true);
    map.set('batch', 0);
    map.set('batch', 5);
    expect(map.fork(3).get('batch')).toBe(0);
    expect(map.fork(6).get('batch')).toBe(5);
    // A chain deeper than the flattening depth still answers the same.
    for (let i = 0; i < 20; i++) {
      map = map.fork(100 + i);
      map.set(`k${i}`, 100 + i);
    }
    expect(map.get('batch')).toBe(5);
    expect(map.get('k3')).toBe(103);
    expect(map.fork(104).get('k4')).toBeUndefined();
  });

  it('keeps maps under a first key apart, and forks each of them at the cut', () => {
    const texts = ['100', '100', '200', '300'];
    const parent = new PrefixMaps<number>((p) => texts[p]!);
    parent.set(0, '100', 0);
    parent.set(1, '100', 1);
    parent.set(0, '200', 2);
    expect([parent.get(0, '100'), parent.get(1, '100'), parent.get(1, '200'), parent.get(2, '100')]).toEqual([0, 1, undefined, undefined]);
    const forkTexts = ['100', '100', '300', '100'];
    const fork = parent.fork(2, (p) => forkTexts[p]!);
    expect([fork.get(0, '100'), fork.get(1, '100'), fork.get(0, '200')]).toEqual([0, 1, undefined]);
    fork.set(0, '300', 2);
    fork.set(2, '100', 3);
    expect([parent.get(0, '300'), parent.get(2, '100'), fork.get(2, '100')]).toEqual([undefined, undefined, 3]);
  });
});

describe('TextPrefixMap', () => {
  it('answers as a PrefixMap does, through chains of forks deeper than a flatten', () => {
    // A run's records: each layer appends texts (set once each) to its own copy of the columns below
    // its cut; a fork re-appends texts its parent had past the cut, as a re-simulated run does.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 12 })), { minLength: 1, maxLength: 14 }), (steps) => {
        let texts: string[] = [];
        let map = new TextPrefixMap((p) => texts[p]!);
        let oracle = new PrefixMap<string>();
        for (const [cutSeed, adds] of steps) {
          const cut = cutSeed % (texts.length + 1);
          const own = texts.slice(0, cut);
          map = map.fork(cut, (p) => own[p]!);
          oracle = oracle.fork(cut);
          texts = own;
          for (const n of adds) {
            const text = `t${n}`;
            if (texts.includes(text)) continue;
            map.set(text, texts.length);
            oracle.set(text, texts.length);
            texts.push(text);
          }
          for (let n = 0; n <= 60; n++) expect(map.get(`t${n}`)).toBe(oracle.get(`t${n}`));
        }
      }),
      { numRuns: 100 },
    );
  });
});
