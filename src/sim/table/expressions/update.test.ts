import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AwsError } from '../../api/errors.ts';
import type { AttributeValue, Item } from '../attributeValue.ts';
import { canonicalNumber } from '../attributes.ts';
import { applyUpdate, parseUpdate } from './index.ts';

const key: Item = { pk: { S: 'k' } };
const base: Item = {
  pk: { S: 'k' },
  n: { N: '5' },
  s: { S: 'str' },
  tags: { SS: ['a', 'b'] },
  nums: { NS: ['1', '2'] },
  l: { L: [{ S: 'l0' }, { S: 'l1' }, { S: 'l2' }, { S: 'l3' }] },
  m: { M: { x: { N: '1' }, inr: { M: {} } } },
};

/** Applies `expression`; `on` defaults to `base`, `{ item: undefined }` means the item is absent. */
function run(
  expression: string,
  values: Record<string, AttributeValue> = {},
  on: { item: Item | undefined } = { item: base },
  names?: Record<string, string>,
): Item {
  return applyUpdate(parseUpdate(expression), on.item, key, ['pk'], { values, ...(names ? { names } : {}) });
}

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AwsError);
    expect((e as AwsError).code).toBe('ValidationException');
    return (e as AwsError).message;
  }
  throw new Error('expected a ValidationException');
}

describe('SET', () => {
  it('sets top-level and nested attributes, starting from the key when the item is absent', () => {
    expect(run('SET a = :v', { ':v': { S: 'x' } }, { item: undefined })).toEqual({ pk: { S: 'k' }, a: { S: 'x' } });
    expect(run('SET m.y = :v, m.inr.z = :v', { ':v': { BOOL: true } }).m).toEqual({
      M: { x: { N: '1' }, y: { BOOL: true }, inr: { M: { z: { BOOL: true } } } },
    });
    expect(run('SET #a = :v', { ':v': { N: '1' } }, { item: base }, { '#a': 'n' }).n).toEqual({ N: '1' });
  });

  it('replaces list elements and appends past the end', () => {
    expect(run('SET l[1] = :v', { ':v': { S: 'new' } }).l).toEqual({ L: [{ S: 'l0' }, { S: 'new' }, { S: 'l2' }, { S: 'l3' }] });
    expect(run('SET l[99] = :v', { ':v': { S: 'end' } }).l).toEqual({ L: [{ S: 'l0' }, { S: 'l1' }, { S: 'l2' }, { S: 'l3' }, { S: 'end' }] });
  });

  it('needs the parent of a nested path to exist with the right type', () => {
    const invalid = 'The document path provided in the update expression is invalid for update';
    expect(message(() => run('SET nope.x = :v', { ':v': { N: '1' } }))).toBe(invalid);
    expect(message(() => run('SET s.x = :v', { ':v': { N: '1' } }))).toBe(invalid);
    expect(message(() => run('SET m[0] = :v', { ':v': { N: '1' } }))).toBe(invalid);
    expect(message(() => run('SET l.x = :v', { ':v': { N: '1' } }))).toBe(invalid);
  });

  it('does exact arithmetic with + and -', () => {
    expect(run('SET n = n + :d', { ':d': { N: '0.1' } }).n).toEqual({ N: '5.1' });
    expect(run('SET a = :x + :y', { ':x': { N: '0.1' }, ':y': { N: '0.2' } }).a).toEqual({ N: '0.3' });
    expect(run('SET n = n - :d', { ':d': { N: '7.5' } }).n).toEqual({ N: '-2.5' });
    const big = '99999999999999999999999999999999999998';
    expect(run('SET a = :x + :one', { ':x': { N: big }, ':one': { N: '1' } }).a).toEqual({ N: '9'.repeat(38) });
    expect(message(() => run('SET n = n + :d', { ':d': { S: '1' } }))).toBe('An operand in the update expression has an incorrect data type');
    expect(message(() => run('SET n = s - :d', { ':d': { N: '1' } }))).toMatch(/incorrect data type/);
    expect(message(() => run('SET n = nope + :d', { ':d': { N: '1' } }))).toBe(
      'The provided expression refers to an attribute that does not exist in the item',
    );
  });

  it('if_not_exists and list_append', () => {
    const v = { ':zero': { N: '0' }, ':one': { N: '1' } };
    expect(run('SET c = if_not_exists(c, :zero) + :one', v).c).toEqual({ N: '1' });
    expect(run('SET n = if_not_exists(n, :zero) + :one', v).n).toEqual({ N: '6' });
    const l = { ':l': { L: [{ S: 'l4' }] }, ':e': { L: [] } };
    expect(run('SET l = list_append(l, :l)', l).l).toMatchObject({ L: { length: 5 } });
    expect((run('SET l = list_append(:l, l)', l).l as { L: AttributeValue[] }).L.slice(0, 2)).toEqual([{ S: 'l4' }, { S: 'l0' }]);
    expect(run('SET x = list_append(if_not_exists(x, :e), :l)', l).x).toEqual({ L: [{ S: 'l4' }] });
    expect(message(() => run('SET s = list_append(s, :l)', l))).toMatch(/incorrect data type/);
  });

  it('reads every operand from the item as it was', () => {
    const out = run('SET n = s, s = n');
    expect(out.n).toEqual({ S: 'str' });
    expect(out.s).toEqual({ N: '5' });
  });
});

describe('REMOVE', () => {
  it('removes attributes, nested fields and list elements by their original indexes', () => {
    const out = run('REMOVE s, m.x, l[1], l[3], absent, m.nothing, l[99]');
    expect(out.s).toBeUndefined();
    expect(out.m).toEqual({ M: { inr: { M: {} } } });
    expect(out.l).toEqual({ L: [{ S: 'l0' }, { S: 'l2' }] });
  });

  it('refuses a path whose parent is missing', () => {
    expect(message(() => run('REMOVE nope.x'))).toMatch(/document path provided in the update expression is invalid/);
  });
});

describe('ADD', () => {
  it('adds numbers and creates missing ones', () => {
    expect(run('ADD n :d', { ':d': { N: '-5' } }).n).toEqual({ N: '0' });
    expect(run('ADD c :d', { ':d': { N: '3' } }).c).toEqual({ N: '3' });
    expect(run('ADD m.x :d', { ':d': { N: '0.5' } }).m).toMatchObject({ M: { x: { N: '1.5' } } });
  });

  it('unions sets, by value for numbers', () => {
    expect(run('ADD tags :s', { ':s': { SS: ['b', 'c'] } }).tags).toEqual({ SS: ['a', 'b', 'c'] });
    expect(run('ADD nums :s', { ':s': { NS: ['2', '3'] } }).nums).toEqual({ NS: ['1', '2', '3'] });
    expect(run('ADD fresh :s', { ':s': { SS: ['z'] } }).fresh).toEqual({ SS: ['z'] });
  });

  it('refuses other types', () => {
    expect(message(() => run('ADD s :s', { ':s': { S: 'x' } }))).toBe(
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING',
    );
    expect(message(() => run('ADD s :d', { ':d': { N: '1' } }))).toMatch(/incorrect data type/);
    expect(message(() => run('ADD tags :s', { ':s': { NS: ['1'] } }))).toMatch(/incorrect data type/);
  });
});

describe('DELETE', () => {
  it('removes members and drops an emptied set', () => {
    expect(run('DELETE tags :s', { ':s': { SS: ['a', 'zz'] } }).tags).toEqual({ SS: ['b'] });
    expect(run('DELETE nums :s', { ':s': { NS: ['1.0', '2'] } }).nums).toBeUndefined();
    expect(run('DELETE absent :s', { ':s': { SS: ['a'] } }).absent).toBeUndefined();
  });

  it('refuses non-sets and mismatched sets', () => {
    expect(message(() => run('DELETE tags :s', { ':s': { S: 'a' } }))).toMatch(/operator: DELETE, operand type: STRING/);
    expect(message(() => run('DELETE tags :s', { ':s': { NS: ['1'] } }))).toMatch(/incorrect data type/);
  });
});

describe('whole-expression checks', () => {
  it('refuses to touch key attributes', () => {
    expect(message(() => run('SET pk = :v', { ':v': { S: 'x' } }))).toBe('Cannot update attribute pk. This attribute is part of the key');
    expect(message(() => run('REMOVE #k', {}, { item: base }, { '#k': 'pk' }))).toMatch(/Cannot update attribute pk/);
    expect(message(() => run('ADD pk :v', { ':v': { N: '1' } }))).toMatch(/part of the key/);
  });

  it('refuses overlapping and conflicting paths, after resolving placeholders', () => {
    expect(message(() => run('SET a = :v REMOVE a', { ':v': { N: '1' } }))).toBe(
      'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]',
    );
    expect(message(() => run('SET m = :v, m.x = :v', { ':v': { N: '1' } }))).toMatch(/overlap.*path one: \[m\], path two: \[m, x\]/);
    expect(message(() => run('SET #a = :v ADD n :v', { ':v': { N: '1' } }, { item: base }, { '#a': 'n' }))).toMatch(/overlap/);
    expect(message(() => run('SET l[0] = :v REMOVE l[0]', { ':v': { N: '1' } }))).toMatch(/path one: \[l, \[0\]\]/);
    expect(message(() => run('SET l[0] = :v, l.x = :v', { ':v': { N: '1' } }))).toMatch(/Two document paths conflict with each other/);
    expect(() => run('SET l[0] = :v REMOVE l[1]', { ':v': { N: '1' } })).not.toThrow();
  });

  it('combines clauses', () => {
    const out = run('SET a = :v REMOVE s ADD n :one DELETE tags :t', { ':v': { S: 'x' }, ':one': { N: '1' }, ':t': { SS: ['a'] } });
    expect(out).toEqual({ ...base, s: undefined, a: { S: 'x' }, n: { N: '6' }, tags: { SS: ['b'] } } as unknown as Item);
    expect(Object.keys(out)).not.toContain('s');
  });

  it('never mutates the item, the key or the values', () => {
    const item = structuredClone(base);
    const values = { ':v': { L: [{ S: 'x' }] }, ':s': { SS: ['q'] }, ':one': { N: '1' } };
    const snapshot = JSON.stringify([item, key, values]);
    const out = run('SET m.inr.k = :v, l[0] = :one REMOVE l[2] ADD tags :s, n :one DELETE nums :s2', { ...values, ':s2': { NS: ['1'] } }, { item });
    expect(JSON.stringify([item, key, values])).toBe(snapshot);
    // And the result does not alias the values it was built from.
    (out.m as { M: Record<string, { L: AttributeValue[] }> }).M.inr!.L?.push({ S: 'y' });
    expect(values[':v'].L).toHaveLength(1);
    expect(run('SET a = :v', { ':v': { S: 'x' } }, { item: undefined })).not.toBe(key);
  });

  it('keeps `__proto__` an ordinary attribute name', () => {
    const out = run('SET #p = :v', { ':v': { S: 'x' } }, { item: undefined }, { '#p': '__proto__' });
    expect(Object.keys(out)).toEqual(['pk', '__proto__']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });

  it('ADD of numbers is exact and order-independent (property)', () => {
    const num = fc
      .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: -8, max: 8 }))
      .map(([m, e]) => canonicalNumber(`${m}e${e}`));
    fc.assert(
      fc.property(fc.array(num, { minLength: 1, maxLength: 6 }), (nums) => {
        const addAll = (xs: string[]): AttributeValue | undefined =>
          xs.reduce<Item | undefined>((item, x) => run('ADD c :d', { ':d': { N: x } }, { item }), undefined)?.c;
        expect(addAll(nums)).toEqual(addAll([...nums].reverse()));
      }),
    );
  });
});
