/**
 * The walk record (issue #16): interning an item its validation just walked (`LAST_WALK`) gives
 * the same version (the same index, the same item built again, the same string, number and object
 * lists, the same hint afterwards) as interning an equal object the record does not describe; a
 * walk that copies the item, or throws, leaves no record.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Item } from './attributeValue.ts';
import { validateItemSized } from './attributeValidation.ts';
import { KIND_INTEGER, KIND_OTHER, KIND_S, LAST_WALK, WALK_LIMIT, kindAt } from './itemWalk.ts';
import { createItemVersions } from '../trace/itemVersions.ts';

const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.constantFrom('0', '-0', '007', '1.0', '1.5', '-12.25', '1E+3', '999999999999999', '1000000000000000', '-999999999999999', '-1000000000000000', '2147483646', '2147483647'),
);
const text = fc.oneof(fc.constantFrom('a', 'b', 'voter#1', 'voter#2', ''), fc.string({ maxLength: 4 }));
/** Wire values, valid and not, kept or copied by validation. */
const wire = fc.oneof(
  { weight: 6, arbitrary: text.map((S) => ({ S })) },
  { weight: 4, arbitrary: number.map((N) => ({ N })) },
  fc.boolean().map((BOOL) => ({ BOOL })),
  fc.constant({ NULL: true }),
  fc.constant({ SS: ['x', 'y'] }),
  fc.constant({ L: [{ S: 'a' }, { N: '1' }] }),
  fc.constant({ M: { a: { S: 'b' } } }),
  fc.constant({ S: 'x', N: '1' }),
  fc.constant({ S: 7 }),
);
const name = fc.constantFrom('id', 'candidate', 'votedAt', 'x', '7', '__proto__');
const wireItem = fc.array(fc.tuple(name, wire), { maxLength: 6 }).map((pairs) => JSON.stringify(Object.fromEntries(pairs)));

function validated(json: string): Item | undefined {
  try {
    return validateItemSized(JSON.parse(json), 'Item', true);
  } catch {
    return undefined;
  }
}

describe('the walk record', () => {
  it('interns an item its validation walked as it interns an equal item walked afresh', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(wireItem, fc.constantFrom('id', 'x', undefined)), { maxLength: 30 }), fc.integer({ min: -1, max: 8 }), (writes, start) => {
        const walked = createItemVersions();
        const fresh = createItemVersions();
        const hintA = { textRef: start };
        const hintB = { textRef: start };
        for (const [json, hintName] of writes) {
          const item = validated(json);
          if (item === undefined) {
            expect(LAST_WALK.item).toBeUndefined();
            continue;
          }
          const copy = JSON.parse(JSON.stringify(item)) as Item;
          const recorded = LAST_WALK.item === item;
          const a = walked.intern(item, undefined, hintName, hintA);
          const b = fresh.intern(copy, undefined, hintName, hintB);
          expect(a).toBe(b);
          expect(JSON.stringify(walked.itemAt(a))).toBe(JSON.stringify(fresh.itemAt(b)));
          expect(hintA.textRef).toBe(hintB.textRef);
          // Interning used the record up: it names nothing.
          if (recorded) expect(LAST_WALK.item).toBeUndefined();
        }
        expect(walked.strings).toStrictEqual(fresh.strings);
        expect(walked.objects).toStrictEqual(fresh.objects);
        expect(walked.shapes).toStrictEqual(fresh.shapes);
        expect(walked.numbers).toStrictEqual(fresh.numbers);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the strings of a place again among the last few there, keeping one copy of each text', () => {
    const few = fc.constantFrom('alice', 'bob', 'carol', 'dave', 'erin', 'frank');
    const place = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), few), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(place, { minLength: 1, maxLength: 60 }), (writes) => {
        const versions = createItemVersions();
        const want: string[] = [];
        for (const pairs of writes) {
          const json = JSON.stringify(Object.fromEntries(pairs.map(([k, t]) => [k, { S: t }])));
          const item = validated(json)!;
          const v = versions.intern(item);
          want.push(json);
          expect(JSON.stringify(versions.itemAt(v))).toBe(json);
        }
        for (let v = 0; v < want.length; v++) expect(JSON.stringify(versions.itemAt(v))).toBe(want[v]);
        expect(new Set(versions.strings).size).toBe(versions.strings.length);
      }),
      { numRuns: 300 },
    );
  });

  it('interns a walked item whose for…in meets an inherited name as an item walked afresh', () => {
    // Validation counts own names only; interning walks with for…in, which also meets enumerable
    // inherited ones: the row is then written by the general path, every name it meets included.
    const proto = { inherited: { S: 'from the prototype' } };
    const item = Object.assign(Object.create(proto) as Item, { id: { S: 'a' }, n: { N: '12' } });
    const walked = createItemVersions();
    const fresh = createItemVersions();
    walked.intern(validated('{"id":{"S":"a"},"n":{"N":"1"}}')!);
    fresh.intern({ id: { S: 'a' }, n: { N: '1' } });
    expect(validateItemSized(item, 'Item', true)).toBe(item);
    expect(LAST_WALK.item).toBe(item);
    const a = walked.intern(item, undefined, 'id', { textRef: -1 });
    expect(LAST_WALK.item).toBeUndefined();
    const b = fresh.intern(Object.assign(Object.create(proto) as Item, { id: { S: 'a' }, n: { N: '12' } }), undefined, 'id', { textRef: -1 });
    expect(JSON.stringify(walked.itemAt(a))).toBe(JSON.stringify(fresh.itemAt(b)));
    expect(JSON.stringify(walked.itemAt(a))).toBe('{"id":{"S":"a"},"n":{"N":"12"},"inherited":{"S":"from the prototype"}}');
    expect(walked.shapes).toStrictEqual(fresh.shapes);
    expect(walked.strings).toStrictEqual(fresh.strings);
  });

  it('records a kept item, and no item that was copied, too long, or invalid', () => {
    const kept = validateItemSized(JSON.parse('{"id":{"S":"a"},"n":{"N":"12"},"f":{"N":"1.5"}}'), 'Item', true);
    expect(LAST_WALK.item).toBe(kept);
    expect(LAST_WALK.n).toBe(3);
    expect([0, 1, 2].map((k) => kindAt(LAST_WALK.kinds, k))).toStrictEqual([KIND_S, KIND_INTEGER, KIND_OTHER]);

    validateItemSized(JSON.parse('{"id":{"S":"a"},"n":{"N":"007"}}'), 'Item', true);
    expect(LAST_WALK.item).toBeUndefined();

    const long: Item = {};
    for (let i = 0; i <= WALK_LIMIT; i++) long[`a${i}`] = { S: 'x' };
    validateItemSized(long, 'Item', true);
    expect(LAST_WALK.item).toBeUndefined();
    delete long.a0;
    expect(validateItemSized(long, 'Item', true)).toBe(long);
    expect(LAST_WALK.item).toBe(long);
    expect(kindAt(LAST_WALK.kinds, WALK_LIMIT - 1)).toBe(KIND_S);

    validateItemSized(JSON.parse('{"id":{"S":"a"}}'), 'Item', true);
    expect(() => validateItemSized(JSON.parse('{"id":{"S":"a"},"bad":{"S":1}}'), 'Item', true)).toThrow();
    expect(LAST_WALK.item).toBeUndefined();

    // Without adopting nothing is recorded (nor forgotten: the record still names its own item).
    const before = validateItemSized(JSON.parse('{"id":{"S":"b"}}'), 'Item', true);
    validateItemSized(JSON.parse('{"id":{"S":"c"}}'), 'Item');
    expect(LAST_WALK.item).toBe(before);
  });

  it('interns an item with an inherited enumerable name as it interns it without a record', () => {
    const item = validateItemSized(JSON.parse('{"id":{"S":"a"},"n":{"N":"5"}}'), 'Item', true);
    expect(LAST_WALK.item).toBe(item);
    const proto = Object.prototype as Record<string, unknown>;
    proto.injected = { BOOL: true };
    try {
      const walked = createItemVersions();
      const fresh = createItemVersions();
      const a = walked.intern(item);
      const b = fresh.intern(JSON.parse(JSON.stringify(item)) as Item);
      expect(JSON.stringify(walked.itemAt(a))).toBe(JSON.stringify(fresh.itemAt(b)));
    } finally {
      delete proto.injected;
    }
  });
});
