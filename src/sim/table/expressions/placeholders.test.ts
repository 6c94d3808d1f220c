import { describe, expect, it } from 'vitest';
import type { AwsError } from '../../api/errors.ts';
import { checkPlaceholders, parseCondition, parseUpdate, referencedPlaceholders } from './index.ts';
import type { ExpressionContext } from './index.ts';

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect((e as AwsError).code).toBe('ValidationException');
    return (e as AwsError).message;
  }
  throw new Error('expected a ValidationException');
}

describe('referencedPlaceholders', () => {
  it('finds every name and value in a condition', () => {
    const ast = parseCondition('#a.#b[0] = :x AND (size(#c) > :y OR contains(d, :z)) AND NOT e IN (:w, #f) AND g BETWEEN :lo AND :hi');
    const { names, values } = referencedPlaceholders(ast);
    expect([...names].sort()).toEqual(['#a', '#b', '#c', '#f']);
    expect([...values].sort()).toEqual([':hi', ':lo', ':w', ':x', ':y', ':z']);
  });

  it('finds every name and value in an update', () => {
    const ast = parseUpdate('SET #a = if_not_exists(#b, :zero) + :one, c = list_append(:l, #d) REMOVE #e ADD #f :n DELETE #g :s');
    const { names, values } = referencedPlaceholders(ast);
    expect([...names].sort()).toEqual(['#a', '#b', '#d', '#e', '#f', '#g']);
    expect([...values].sort()).toEqual([':l', ':n', ':one', ':s', ':zero']);
  });
});

describe('checkPlaceholders', () => {
  const condition = parseCondition('attribute_not_exists(#pk) OR #v < :max');
  const update = parseUpdate('SET #v = :v');
  const ok: ExpressionContext = { names: { '#pk': 'pk', '#v': 'version' }, values: { ':max': { N: '3' }, ':v': { N: '1' } } };

  it('accepts an exact match across several expressions', () => {
    expect(() => checkPlaceholders([condition, update], ok)).not.toThrow();
    expect(() => checkPlaceholders([parseCondition('a = b')], {})).not.toThrow();
  });

  it('refuses undefined placeholders', () => {
    expect(message(() => checkPlaceholders([condition, update], { ...ok, names: { '#v': 'version' } }))).toBe(
      'An expression attribute name used in the document path is not defined; attribute name: #pk',
    );
    expect(message(() => checkPlaceholders([condition, update], { ...ok, values: { ':v': { N: '1' } } }))).toBe(
      'An expression attribute value used in expression is not defined; attribute value: :max',
    );
  });

  it('refuses unused placeholders', () => {
    expect(message(() => checkPlaceholders([update], { names: { '#v': 'v' }, values: { ':v': { N: '1' }, ':x': { N: '1' } } }))).toBe(
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}',
    );
    expect(message(() => checkPlaceholders([update], { names: { '#v': 'v', '#x': 'x', '#y': 'y' }, values: { ':v': { N: '1' } } }))).toBe(
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#x, #y}',
    );
  });

  it('refuses empty maps', () => {
    expect(message(() => checkPlaceholders([parseCondition('a = b')], { values: {} }))).toBe('ExpressionAttributeValues must not be empty');
    expect(message(() => checkPlaceholders([parseCondition('a = b')], { names: {} }))).toBe('ExpressionAttributeNames must not be empty');
  });
});
