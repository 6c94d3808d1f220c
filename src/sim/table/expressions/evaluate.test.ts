import { describe, expect, it } from 'vitest';
import type { AwsError } from '../../api/errors.ts';
import type { AttributeValue, Item } from '../attributeValue.ts';
import { evaluateCondition, parseCondition } from './index.ts';
import type { ExpressionContext } from './index.ts';

const item: Item = {
  pk: { S: 'user#1' },
  n: { N: '10' },
  big: { N: '12345678901234567890123456789012345678' },
  s: { S: 'hello world' },
  b: { B: 'AQIDBA==' }, // 01 02 03 04
  ok: { BOOL: true },
  nothing: { NULL: true },
  tags: { SS: ['red', 'blue'] },
  nums: { NS: ['1', '2.5'] },
  bins: { BS: ['AQ=='] },
  lst: { L: [{ S: 'x' }, { N: '2' }, { M: { deep: { S: 'y' } } }] },
  mp: { M: { a: { N: '1' }, inr: { M: { c: { S: 'z' } } } } },
};

function check(expression: string, values: Record<string, AttributeValue> = {}, names?: Record<string, string>, on: { item: Item | undefined } = { item }): boolean {
  const ctx: ExpressionContext = { values, ...(names ? { names } : {}) };
  return evaluateCondition(parseCondition(expression), on.item, ctx);
}

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect((e as AwsError).code).toBe('ValidationException');
    return (e as AwsError).message;
  }
  throw new Error('expected a ValidationException');
}

describe('comparisons', () => {
  it('compares numbers exactly', () => {
    expect(check('n = :v', { ':v': { N: '10.0' } })).toBe(true);
    expect(check('n < :v', { ':v': { N: '9.99999999999999999999999999999' } })).toBe(false);
    expect(check('n > :v', { ':v': { N: '9.99999999999999999999999999999' } })).toBe(true);
    expect(check('big > :v', { ':v': { N: '12345678901234567890123456789012345677' } })).toBe(true);
    expect(check('big = :v', { ':v': { N: '12345678901234567890123456789012345677' } })).toBe(false);
    expect(check('n <= :v', { ':v': { N: '10' } })).toBe(true);
    expect(check('n >= :v', { ':v': { N: '11' } })).toBe(false);
  });

  it('compares strings and binary', () => {
    expect(check('s < :v', { ':v': { S: 'hello xyz' } })).toBe(true);
    expect(check('s <> :v', { ':v': { S: 'hello world' } })).toBe(false);
    expect(check('b > :v', { ':v': { B: 'AQID' } })).toBe(true);
    expect(check('b = :v', { ':v': { B: 'AQIDBA==' } })).toBe(true);
  });

  it('treats an absent attribute or a type mismatch as false (and `<>` as its negation)', () => {
    expect(check('absent = :v', { ':v': { S: 'x' } })).toBe(false);
    expect(check('absent < :v', { ':v': { N: '1' } })).toBe(false);
    expect(check('n < :v', { ':v': { S: 'x' } })).toBe(false);
    expect(check('n = :v', { ':v': { S: '10' } })).toBe(false);
    expect(check('n <> :v', { ':v': { S: '10' } })).toBe(true);
    expect(check('absent <> :v', { ':v': { S: 'x' } })).toBe(true);
    expect(check('n = :v', { ':v': { N: '10' } }, undefined, { item: undefined })).toBe(false);
  });

  it('compares deep values and paths against paths', () => {
    expect(check('mp.a = lst[1]', {})).toBe(false);
    expect(check('mp.a < lst[1]', {})).toBe(true);
    expect(check('lst[2].deep = :v', { ':v': { S: 'y' } })).toBe(true);
    expect(check('mp.inr.c = :v', { ':v': { S: 'z' } })).toBe(true);
    expect(check('mp = :m', { ':m': { M: { inr: { M: { c: { S: 'z' } } }, a: { N: '1.0' } } } })).toBe(true);
    expect(check('lst[9] = :v', { ':v': { S: 'x' } })).toBe(false);
    expect(check('s[0] = :v', { ':v': { S: 'h' } })).toBe(false);
    expect(check('s.x = :v', { ':v': { S: 'h' } })).toBe(false);
    expect(check('#k.#d = :v', { ':v': { N: '1' } }, { '#k': 'mp', '#d': 'a' })).toBe(true);
  });

  it('refuses non-orderable literals with <, <=, >, >=, BETWEEN', () => {
    expect(message(() => check('n < :v', { ':v': { BOOL: true } }))).toBe(
      'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: <, operand type: BOOLEAN',
    );
    expect(message(() => check('n BETWEEN :a AND :b', { ':a': { N: '1' }, ':b': { L: [] } }))).toMatch(/operand type: LIST/);
    expect(check('n = :v', { ':v': { BOOL: true } })).toBe(false);
  });
});

describe('BETWEEN and IN', () => {
  it('includes both bounds', () => {
    const v = { ':lo': { N: '10' }, ':hi': { N: '20' } };
    expect(check('n BETWEEN :lo AND :hi', v)).toBe(true);
    expect(check('n BETWEEN :hi AND :hi', { ':hi': { N: '20' } })).toBe(false);
    expect(check('s BETWEEN :lo AND :hi', v)).toBe(false);
    expect(check('absent BETWEEN :lo AND :hi', v)).toBe(false);
  });

  it('refuses inverted literal bounds', () => {
    expect(message(() => check('n BETWEEN :a AND :b', { ':a': { N: '5' }, ':b': { N: '1' } }))).toMatch(
      /BETWEEN operator requires upper bound to be greater than or equal to lower bound/,
    );
  });

  it('IN is membership by value', () => {
    expect(check('n IN (:a, :b)', { ':a': { S: '10' }, ':b': { N: '1E1' } })).toBe(true);
    expect(check('n IN (:a)', { ':a': { S: '10' } })).toBe(false);
    expect(check('absent IN (:a)', { ':a': { S: '10' } })).toBe(false);
    expect(check('tags IN (:a)', { ':a': { SS: ['blue', 'red'] } })).toBe(true);
  });
});

describe('logic', () => {
  const v = { ':t': { N: '10' }, ':f': { N: '0' } };
  it.each([
    ['n = :t AND n = :t', true],
    ['n = :t AND n = :f', false],
    ['n = :f OR n = :t', true],
    ['NOT n = :t', false],
    ['NOT n = :f', true],
    ['n = :t OR n = :f AND n = :f', true],
    ['(n = :t OR n = :f) AND n = :f', false],
    ['NOT n = :t OR n = :t', true],
    ['NOT (n = :t OR n = :t)', false],
  ])('%s → %s', (src, expected) => {
    expect(check(src, v)).toBe(expected);
  });

  it('reports problems in a branch that short-circuiting skips', () => {
    expect(message(() => check('n = :t OR s < :bad', { ':t': { N: '10' }, ':bad': { NULL: true } }))).toMatch(/operand type: NULL/);
    expect(message(() => check('n = :t OR #x = :t', { ':t': { N: '10' } }))).toBe(
      'An expression attribute name used in the document path is not defined; attribute name: #x',
    );
    expect(message(() => check('n = :nope', {}))).toBe(
      'An expression attribute value used in expression is not defined; attribute value: :nope',
    );
  });
});

describe('functions', () => {
  it('attribute_exists / attribute_not_exists', () => {
    expect(check('attribute_exists(pk)')).toBe(true);
    expect(check('attribute_exists(mp.inr.c)')).toBe(true);
    expect(check('attribute_exists(lst[5])')).toBe(false);
    expect(check('attribute_not_exists(pk)')).toBe(false);
    expect(check('attribute_not_exists(pk)', {}, undefined, { item: undefined })).toBe(true);
    expect(check('attribute_exists(nothing)')).toBe(true);
    expect(check('attribute_exists(#p)', {}, { '#p': 'pk' })).toBe(true);
  });

  it('attribute_type', () => {
    const t = (type: string): Record<string, AttributeValue> => ({ ':t': { S: type } });
    expect(check('attribute_type(n, :t)', t('N'))).toBe(true);
    expect(check('attribute_type(n, :t)', t('S'))).toBe(false);
    expect(check('attribute_type(tags, :t)', t('SS'))).toBe(true);
    expect(check('attribute_type(nothing, :t)', t('NULL'))).toBe(true);
    expect(check('attribute_type(absent, :t)', t('S'))).toBe(false);
    expect(message(() => check('attribute_type(n, :t)', t('STRING')))).toMatch(/Invalid attribute type name found; type: STRING/);
    expect(message(() => check('attribute_type(n, :t)', { ':t': { N: '1' } }))).toMatch(/operand type: NUMBER/);
  });

  it('begins_with', () => {
    expect(check('begins_with(pk, :p)', { ':p': { S: 'user#' } })).toBe(true);
    expect(check('begins_with(pk, :p)', { ':p': { S: 'User#' } })).toBe(false);
    expect(check('begins_with(b, :p)', { ':p': { B: 'AQI=' } })).toBe(true);
    expect(check('begins_with(b, :p)', { ':p': { B: 'Ag==' } })).toBe(false);
    expect(check('begins_with(n, :p)', { ':p': { S: '1' } })).toBe(false);
    expect(check('begins_with(absent, :p)', { ':p': { S: '1' } })).toBe(false);
    expect(message(() => check('begins_with(pk, :p)', { ':p': { N: '1' } }))).toMatch(/begins_with, operand type: NUMBER/);
  });

  it('contains', () => {
    expect(check('contains(s, :v)', { ':v': { S: 'lo wo' } })).toBe(true);
    expect(check('contains(s, :v)', { ':v': { S: 'xyz' } })).toBe(false);
    expect(check('contains(tags, :v)', { ':v': { S: 'red' } })).toBe(true);
    expect(check('contains(tags, :v)', { ':v': { S: 'green' } })).toBe(false);
    expect(check('contains(nums, :v)', { ':v': { N: '2.50' } })).toBe(true);
    expect(check('contains(nums, :v)', { ':v': { S: '1' } })).toBe(false);
    expect(check('contains(bins, :v)', { ':v': { B: 'AQ==' } })).toBe(true);
    expect(check('contains(lst, :v)', { ':v': { N: '2' } })).toBe(true);
    expect(check('contains(lst, :v)', { ':v': { M: { deep: { S: 'y' } } } })).toBe(true);
    expect(check('contains(b, :v)', { ':v': { B: 'AgM=' } })).toBe(true);
    expect(check('contains(n, :v)', { ':v': { N: '1' } })).toBe(false);
    expect(check('contains(absent, :v)', { ':v': { N: '1' } })).toBe(false);
    expect(check('contains(lst[0], s)', {}, undefined, { item: { ...item, lst: { L: [{ S: 'xhello worldx' }] } } })).toBe(true);
  });

  it('size', () => {
    const n = (v: string): Record<string, AttributeValue> => ({ ':n': { N: v } });
    expect(check('size(s) = :n', n('11'))).toBe(true);
    expect(check('size(b) = :n', n('4'))).toBe(true);
    expect(check('size(tags) = :n', n('2'))).toBe(true);
    expect(check('size(lst) = :n', n('3'))).toBe(true);
    expect(check('size(mp) = :n', n('2'))).toBe(true);
    expect(check('size(n) = :n', n('2'))).toBe(false);
    expect(check('size(absent) < :n', n('2'))).toBe(false);
    expect(check('size(s) BETWEEN :a AND :b', { ':a': { N: '1' }, ':b': { N: '20' } })).toBe(true);
    expect(check('size(mp.inr) IN (:n)', n('1'))).toBe(true);
    expect(check('size(pk) = :n', n('6'), undefined, { item: { pk: { S: 'héllo😀' } } })).toBe(true);
  });
});

describe('purity', () => {
  it('never mutates the item or the context', () => {
    const snapshot = JSON.stringify(item);
    const values = { ':v': { S: 'x' } };
    check('contains(tags, :v) OR size(lst) > :n OR begins_with(s, :v)', { ...values, ':n': { N: '1' } });
    expect(JSON.stringify(item)).toBe(snapshot);
    expect(values).toEqual({ ':v': { S: 'x' } });
  });
});

describe('parsed expressions are reused', () => {
  it('parses a text once and evaluates the same AST with different contexts', () => {
    const ast = parseCondition('n > :v');
    expect(parseCondition('n > :v')).toBe(ast);
    expect(evaluateCondition(ast, item, { values: { ':v': { N: '9' } } })).toBe(true);
    expect(evaluateCondition(parseCondition('n > :v'), item, { values: { ':v': { N: '11' } } })).toBe(false);
  });

  it('refuses a bad text every time, naming the parameter it came in', () => {
    expect(message(() => parseCondition('n >', 'FilterExpression'))).toMatch(/FilterExpression/);
    expect(message(() => parseCondition('n >', 'FilterExpression'))).toMatch(/FilterExpression/);
    expect(message(() => parseCondition('n >'))).toMatch(/ConditionExpression/);
  });
});
