import { describe, expect, it } from 'vitest';
import { AwsError } from '../../api/errors.ts';
import { parseCondition, parseUpdate } from './index.ts';
import type { ConditionAst, ConditionOperand } from './index.ts';
import { RESERVED_WORD_COUNT, isReservedWord } from './reservedWords.ts';
import { tokenize } from './tokens.ts';

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

/** A compact rendering of a condition AST, to assert grouping. */
function show(ast: ConditionAst): string {
  switch (ast.kind) {
    case 'and':
    case 'or':
      return `(${show(ast.left)} ${ast.kind.toUpperCase()} ${show(ast.right)})`;
    case 'not':
      return `(NOT ${show(ast.operand)})`;
    case 'compare':
      return `${op(ast.left)}${ast.op}${op(ast.right)}`;
    case 'between':
      return `${op(ast.operand)} BETWEEN ${op(ast.low)},${op(ast.high)}`;
    case 'in':
      return `${op(ast.operand)} IN ${ast.list.map(op).join(',')}`;
    case 'function':
      return `${ast.name}(${[ast.path, ...ast.args].map(op).join(',')})`;
  }
}

function op(o: ConditionOperand): string {
  if (o.kind === 'value') return o.name;
  if (o.kind === 'size') return `size(${op(o.path)})`;
  return o.elements.map((e) => (e.kind === 'index' ? `[${e.index}]` : e.name)).join('.');
}

describe('tokenize', () => {
  it('splits operators, placeholders, names and indexes', () => {
    const kinds = tokenize('#a.b[10] <= :v_1', 'X').map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual(['name:#a', 'punct:.', 'ident:b', 'punct:[', 'number:10', 'punct:]', 'punct:<=', 'value::v_1', 'eof:']);
  });

  it('reports a stray character as a syntax error', () => {
    expect(message(() => tokenize('a = $x', 'ConditionExpression'))).toBe(
      'Invalid ConditionExpression: Syntax error; token: "$", near: "= $"',
    );
  });
});

describe('parseCondition', () => {
  it.each([
    ['a = :v', 'a=:v'],
    ['a <> :v', 'a<>:v'],
    ['a<:v', 'a<:v'],
    ['a <= :v', 'a<=:v'],
    ['a > :v', 'a>:v'],
    ['a >= b', 'a>=b'],
    ['a BETWEEN :lo AND :hi', 'a BETWEEN :lo,:hi'],
    ['a IN (:x, :y, b)', 'a IN :x,:y,b'],
    ['attribute_exists(#pk)', 'attribute_exists(#pk)'],
    ['attribute_not_exists(a.b[2].c)', 'attribute_not_exists(a.b.[2].c)'],
    ['attribute_type(a, :t)', 'attribute_type(a,:t)'],
    ['begins_with(a, :p)', 'begins_with(a,:p)'],
    ['contains(a, b)', 'contains(a,b)'],
    ['size(a) > :n', 'size(a)>:n'],
    [':n < size(#l[0])', ':n<size(#l.[0])'],
  ])('%s', (src, expected) => {
    expect(show(parseCondition(src))).toBe(expected);
  });

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(show(parseCondition('a = :a OR b = :b AND c = :c'))).toBe('(a=:a OR (b=:b AND c=:c))');
    expect(show(parseCondition('NOT a = :a AND b = :b'))).toBe('((NOT a=:a) AND b=:b)');
    expect(show(parseCondition('(a = :a OR b = :b) AND c = :c'))).toBe('((a=:a OR b=:b) AND c=:c)');
    expect(show(parseCondition('a = :a OR b = :b OR c = :c'))).toBe('((a=:a OR b=:b) OR c=:c)');
    expect(show(parseCondition('NOT NOT attribute_exists(a)'))).toBe('(NOT (NOT attribute_exists(a)))');
    expect(show(parseCondition('a BETWEEN :x AND :y AND b = :z'))).toBe('(a BETWEEN :x,:y AND b=:z)');
  });

  it('reads keywords in any case', () => {
    expect(show(parseCondition('a = :a and not b = :b Or c BeTwEeN :x aNd :y'))).toBe(
      '((a=:a AND (NOT b=:b)) OR c BETWEEN :x,:y)',
    );
    expect(show(parseCondition('a in (:x)'))).toBe('a IN :x');
  });

  it('reports syntax errors with the token and where', () => {
    expect(message(() => parseCondition('a = '))).toBe('Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "= "');
    expect(message(() => parseCondition('a = :v :w'))).toMatch(/Syntax error; token: ":w"/);
    expect(message(() => parseCondition('a'))).toMatch(/Syntax error; token: "<EOF>"/);
    expect(message(() => parseCondition('(a = :v'))).toMatch(/Syntax error/);
    expect(message(() => parseCondition('a BETWEEN :x'))).toMatch(/Syntax error/);
    expect(message(() => parseCondition('a[x] = :v'))).toMatch(/Syntax error; token: "x"/);
    expect(message(() => parseCondition('a = :v AND'))).toMatch(/Syntax error/);
    expect(message(() => parseCondition('   '))).toBe('Invalid ConditionExpression: The expression can not be empty;');
  });

  it('refuses unknown, misplaced and ill-formed functions', () => {
    expect(message(() => parseCondition('foo(a)'))).toBe('Invalid ConditionExpression: Invalid function name; function: foo');
    expect(message(() => parseCondition('a = bar(:v)'))).toMatch(/Invalid function name; function: bar/);
    expect(message(() => parseCondition('size(a)'))).toMatch(/not allowed to be used this way.*function: size/);
    expect(message(() => parseCondition('attribute_exists(a) = :v'))).toMatch(/not allowed to be used this way.*attribute_exists/);
    expect(message(() => parseCondition('a = attribute_exists(b)'))).toMatch(/not allowed to be used this way/);
    expect(message(() => parseCondition('if_not_exists(a, :v) = :v'))).toMatch(/not allowed in a condition expression/);
    expect(message(() => parseCondition('attribute_exists(a, b)'))).toBe(
      'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2',
    );
    expect(message(() => parseCondition('begins_with(a)'))).toMatch(/Incorrect number of operands/);
    expect(message(() => parseCondition('attribute_exists(:v)'))).toBe(
      'Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists',
    );
    expect(message(() => parseCondition('size(:v) > :n'))).toMatch(/requires a document path; operator or function: size/);
  });

  it('refuses reserved words used as bare names', () => {
    expect(message(() => parseCondition('status = :s'))).toBe(
      'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status',
    );
    expect(message(() => parseCondition('a.Name = :s'))).toMatch(/reserved keyword: Name/);
    expect(() => parseCondition('#status = :s')).not.toThrow();
    expect(isReservedWord('size')).toBe(true);
    expect(RESERVED_WORD_COUNT).toBe(573);
  });

  it('caps IN at 100 operands', () => {
    const list = (n: number): string => Array.from({ length: n }, (_, i) => `:v${i}`).join(', ');
    expect(() => parseCondition(`a IN (${list(100)})`)).not.toThrow();
    expect(message(() => parseCondition(`a IN (${list(101)})`))).toMatch(/too many operands; number of operands: 101/);
  });

  it('uses the given label', () => {
    expect(message(() => parseCondition('a =', 'FilterExpression'))).toMatch(/^Invalid FilterExpression: Syntax error/);
  });
});

describe('parseUpdate', () => {
  it('parses all four clauses in any order and case', () => {
    const ast = parseUpdate('remove x, y.z[1] set a = :v, b = b + :one, c = if_not_exists(c, :zero), d = list_append(d, :l) ADD n :n DELETE s :s');
    expect(ast.set.map((a) => a.value.kind)).toEqual(['value', 'arith', 'if_not_exists', 'list_append']);
    expect(ast.remove).toHaveLength(2);
    expect(ast.remove[1]!.elements).toEqual([
      { kind: 'attr', name: 'y' },
      { kind: 'attr', name: 'z' },
      { kind: 'index', index: 1 },
    ]);
    expect(ast.add).toEqual([{ path: { kind: 'path', elements: [{ kind: 'attr', name: 'n' }] }, value: { kind: 'value', name: ':n' } }]);
    expect(ast.delete).toHaveLength(1);
  });

  it('allows nested update functions and arithmetic on them', () => {
    const ast = parseUpdate('SET l = list_append(if_not_exists(l, :empty), :new), n = if_not_exists(n, :zero) + :one, m = :a - #b');
    expect(ast.set).toHaveLength(3);
    expect(ast.set[1]!.value).toMatchObject({ kind: 'arith', op: '+', left: { kind: 'if_not_exists' } });
  });

  it('refuses repeated clauses, bad syntax and misplaced functions', () => {
    expect(message(() => parseUpdate('SET a = :a SET b = :b'))).toBe(
      'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
    );
    expect(message(() => parseUpdate('a = :v'))).toMatch(/Syntax error; token: "a"/);
    expect(message(() => parseUpdate('SET a :v'))).toMatch(/Syntax error; token: ":v"/);
    expect(message(() => parseUpdate('ADD n'))).toMatch(/Syntax error; token: "<EOF>"/);
    expect(message(() => parseUpdate('ADD n b'))).toMatch(/Syntax error; token: "b"/);
    expect(message(() => parseUpdate('SET a = :v,'))).toMatch(/Syntax error/);
    expect(message(() => parseUpdate('SET a = :x + :y + :z'))).toMatch(/Syntax error; token: "\+"/);
    expect(message(() => parseUpdate(''))).toBe('Invalid UpdateExpression: The expression can not be empty;');
    expect(message(() => parseUpdate('SET a = size(b)'))).toMatch(/not allowed in an update expression; function: size/);
    expect(message(() => parseUpdate('SET a = nope(b)'))).toMatch(/Invalid function name; function: nope/);
    expect(message(() => parseUpdate('SET a = if_not_exists(:v, :w)'))).toMatch(/requires a document path; operator or function: if_not_exists/);
    expect(message(() => parseUpdate('SET a = list_append(:v)'))).toMatch(/Incorrect number of operands/);
    expect(message(() => parseUpdate('SET #a = :v REMOVE data'))).toMatch(/reserved keyword: data/);
  });
});
