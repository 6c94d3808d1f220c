/**
 * Item versions as columns (issue #16): for random items (every AttributeValue type, numbers
 * spelled canonically or not, integers up to and past 15 digits, names that are integers or
 * `__proto__`, values with extra keys), the item built on demand equals the item interned, key
 * for key in the same order and byte for byte as JSON, with the same size; a snapshot-style copy
 * of the lists by length keeps the first versions readable while both go on appending.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AttributeValue, Item } from '../table/attributeValue.ts';
import { itemSize, setOwn } from '../table/attributes.ts';
import { createItemVersions, SLOT_CHUNK, VERSION_CHUNK } from './itemVersions.ts';
import { createSimulation, forkSimulation } from '../simulation.ts';
import { createVotesTable } from '../testing/harness.ts';

const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.constantFrom('0', '-0', '007', '1.0', '1.5', '-12.25', '1E+3', '999999999999999', '1000000000000000', '-999999999999999'),
  // Around the largest integer kept inside its reference.
  fc.constantFrom('2147483646', '2147483647', '2147483648', '-2147483647', '-1'),
);
const scalar: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.string({ maxLength: 6 }).map((S) => ({ S })),
  // Any UTF-16 units (lone surrogates too): a version's size is read from its row (`sizeAt`).
  fc.string({ unit: 'binary', maxLength: 4 }).map((S) => ({ S })),
  fc.constantFrom('a', 'b', 'c').map((S) => ({ S })),
  number.map((N) => ({ N })),
  fc.constantFrom('', 'AA==', 'AQID').map((B) => ({ B })),
  fc.boolean().map((BOOL) => ({ BOOL })),
  fc.constant({ NULL: true as const }),
  fc.uniqueArray(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
  fc.constant<AttributeValue>({ NS: ['1', '2.5'] }),
  fc.constant({ S: 'x', extra: 1 } as unknown as AttributeValue),
);
const value: fc.Arbitrary<AttributeValue> = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }).map((L) => ({ L })),
  fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 3 }).map((M) => ({ M })),
);
const name = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('id', 'votedAt', '7', '42', '__proto__', 'constructor'));
const item: fc.Arbitrary<Item> = fc.array(fc.tuple(name, value), { maxLength: 6 }).map((pairs) => {
  const out: Item = {};
  for (const [n, v] of pairs) setOwn(out, n, v);
  return out;
});

describe('item versions', () => {
  it('builds every version again equal to the item interned, in the same key order, with the same size', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 10 }), (items, repeats) => {
        const versions = createItemVersions();
        const want: Item[] = [];
        for (const [i, it] of items.entries()) {
          const index = versions.intern(it);
          // The very same object again (a write and its record) is the same version.
          if (repeats.includes(i)) expect(versions.intern(it)).toBe(index);
          want[index] = it;
        }
        expect(versions.length).toBe(items.length);
        for (let v = 0; v < versions.length; v++) {
          const built = versions.itemAt(v);
          expect(JSON.stringify(built)).toBe(JSON.stringify(want[v]));
          expect(Object.keys(built)).toStrictEqual(Object.keys(want[v]!));
          // toEqual, not toStrictEqual: an attribute named `constructor` would be read as the class.
          expect(built).toEqual(want[v]);
          expect(versions.sizeAt(v)).toBe(itemSize(want[v]!));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('builds the same items with a string hint, however stale (from another world, past the end, another text, not a string)', () => {
    const hintName = fc.constantFrom('id', 'votedAt', '__proto__', 'missing');
    fc.assert(
      fc.property(fc.array(fc.tuple(item, fc.nat(2), hintName), { maxLength: 40 }), fc.integer({ min: -1, max: 50 }), (writes, start) => {
        const plain = createItemVersions();
        const hinted = createItemVersions();
        const other = createItemVersions();
        // Three hints, each shared by the versions of two worlds (as a key memo is) and starting anywhere.
        const hints = [{ textRef: start }, { textRef: -1 }, { textRef: 0 }];
        for (const [it, h, hname] of writes) {
          const a = plain.intern(it);
          const b = hinted.intern(it, undefined, hname, hints[h]);
          other.intern(it, undefined, hname, hints[(h + 1) % 3]);
          expect(b).toBe(a);
          expect(JSON.stringify(hinted.itemAt(b))).toBe(JSON.stringify(plain.itemAt(a)));
          expect(Object.keys(hinted.itemAt(b))).toStrictEqual(Object.keys(it));
        }
        for (let v = 0; v < plain.length; v++) expect(hinted.itemAt(v)).toEqual(plain.itemAt(v));
      }),
      { numRuns: 300 },
    );
  });

  it('a hint spares the string lookup and keeps one copy of the text', () => {
    const versions = createItemVersions();
    const hint = { textRef: -1 };
    versions.intern({ id: { S: 'voter#1' }, v: { N: '1' } }, undefined, 'id', hint);
    expect(versions.strings[hint.textRef]).toBe('voter#1');
    const lookups = versions.stringIndex.size;
    versions.intern({ id: { S: ['voter', '#1'].join('') }, v: { N: '2' } }, undefined, 'id', hint);
    expect(versions.stringIndex.size).toBe(lookups);
    expect(versions.strings.filter((s) => s === 'voter#1')).toHaveLength(1);
  });

  it('keeps strings once while they recur, integers as doubles, and spans chunks', () => {
    const versions = createItemVersions();
    const n = VERSION_CHUNK * 3 + 5;
    for (let i = 0; i < n; i++) versions.intern({ voterId: { S: `voter#${i % 50}` }, candidate: { S: 'alice' }, votedAt: { N: String(i * 1_000_003) } });
    expect(versions.strings.length).toBe(51);
    expect(versions.shapes.length).toBe(1);
    expect(versions.objects.length).toBe(0);
    expect(versions.itemAt(n - 1)).toStrictEqual({ voterId: { S: `voter#${(n - 1) % 50}` }, candidate: { S: 'alice' }, votedAt: { N: String((n - 1) * 1_000_003) } });
    expect(versions.sealedChunks().length).toBeGreaterThanOrEqual(3 * 3);
  });

  it('keeps non-negative integers below 2^31 − 1 inside their reference, larger and negative ones as doubles', () => {
    const versions = createItemVersions();
    const inline = versions.intern({ a: { N: '0' }, b: { N: '2147483646' } });
    expect(versions.numbers.length).toBe(0);
    const doubles = versions.intern({ a: { N: '2147483647' }, b: { N: '-5' } });
    expect(versions.numbers.length).toBe(1);
    expect(versions.itemAt(inline)).toStrictEqual({ a: { N: '0' }, b: { N: '2147483646' } });
    expect(versions.itemAt(doubles)).toStrictEqual({ a: { N: '2147483647' }, b: { N: '-5' } });
  });

  it('keeps the size it is given (the 400 KB check sized the item: the record does not size it again)', () => {
    const versions = createItemVersions();
    const item: Item = { id: { S: 'a' }, n: { N: '12' } };
    const v = versions.intern(item, itemSize(item));
    expect(versions.sizeAt(v)).toBe(itemSize(item));
    const w = versions.intern({ id: { S: 'b' } });
    expect(versions.sizeAt(w)).toBe(itemSize({ id: { S: 'b' } }));
  });

  it('keeps sizes past 16 bits (items up to 400 KB), given or found when asked, and a size of 0', () => {
    const versions = createItemVersions();
    const items: Item[] = [{ id: { S: 'x'.repeat(70_000) } }, { id: { S: 'y'.repeat(400_000) } }, { id: { S: 'a' } }, {}];
    const given = items.map((item) => versions.intern(item, itemSize(item)));
    const asked = items.map((item) => versions.intern({ ...item }));
    for (const [k, item] of items.entries()) {
      expect(versions.sizeAt(given[k]!)).toBe(itemSize(item));
      expect(versions.sizeAt(asked[k]!)).toBe(itemSize(item));
      expect(versions.sizeAt(asked[k]!)).toBe(itemSize(item));
    }
  });

  it('keeps an item with more attributes than a pool chunk as it is', () => {
    const versions = createItemVersions();
    const big: Item = {};
    for (let i = 0; i < SLOT_CHUNK; i++) big[`a${i}`] = { N: String(i) };
    const v = versions.intern(big);
    versions.intern({ a: { S: 'after' } });
    expect(versions.itemAt(v)).toBe(big);
    expect(versions.itemAt(v + 1)).toStrictEqual({ a: { S: 'after' } });
  });

  it('a fork reads the versions before the snapshot and both go on apart', async () => {
    const sim = createSimulation({ seed: 3 });
    createVotesTable(sim);
    const put = (s: typeof sim, at: number, voter: string, n: number) =>
      s.schedule(at, 'DynamoDB_20120810.PutItem', { TableName: 'Votes', Item: { voterId: { S: voter }, candidate: { S: `c${n % 3}` }, votedAt: { N: String(n) } } });
    for (let i = 0; i < VERSION_CHUNK + 10; i++) put(sim, i, `voter#${i % 9}`, i);
    await sim.advanceTo(VERSION_CHUNK + 10);
    const before = JSON.stringify(sim.trace);
    const fork = forkSimulation(sim.snapshot());
    for (let i = 0; i < 20; i++) put(sim, VERSION_CHUNK + 20 + i, `late#${i}`, 5_000 + i);
    for (let i = 0; i < 20; i++) put(fork, VERSION_CHUNK + 20 + i, `fork#${i}`, 7_000 + i);
    await sim.advanceTo(VERSION_CHUNK + 100);
    await fork.advanceTo(VERSION_CHUNK + 100);
    expect(JSON.stringify(sim.trace.slice(0, JSON.parse(before).length))).toBe(before);
    expect(JSON.stringify(fork.trace.slice(0, JSON.parse(before).length))).toBe(before);
    const last = (s: typeof sim) => JSON.stringify(s.trace.filter((e) => e.type === 'write').at(-1));
    expect(last(sim)).toContain('late#19');
    expect(last(fork)).toContain('fork#19');
    expect(last(fork)).not.toContain('late#');
  });
});
