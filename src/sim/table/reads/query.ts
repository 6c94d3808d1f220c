/**
 * Query: the items of one partition key value, in sort-key order (ScanIndexForward), of the table
 * or of an index, with every key-condition operator DynamoDB allows: `=` on the partition key, and
 * on the sort key `=`, `<`, `<=`, `>`, `>=`, `BETWEEN … AND …` or `begins_with`
 * (Developer Guide, "Key condition expressions for query":
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html).
 * Pure: reads the table, changes nothing, records nothing.
 */
import { validationError } from '../../api/errors.ts';
import { optionalBoolean, optionalInteger, requireString } from '../../api/input.ts';
import type { World } from '../../world.ts';
import type { AttributeValue, Item } from '../attributeValue.ts';
import { attributeType, attributeValuesEqual, compareValues, getOwn } from '../attributes.ts';
import { evaluateCondition, type ConditionAst, type ConditionOperand, type ExpressionContext } from '../expressions/index.ts';
import { resolvePath, resolveValue } from '../expressions/paths.ts';
import { findTable } from '../tableApi.ts';
import type { TableState } from '../table.ts';
import { capacityMode, readUnits, withCapacity } from '../capacity.ts';
import { pageBody, paths, readExpressions, readPage, readTarget, selectOf, startKeyOf, tieBreak, viewOf, type ReadTarget } from './page.ts';

const INVALID = 'Invalid KeyConditionExpression: ';

function conjuncts(ast: ConditionAst, out: ConditionAst[] = []): ConditionAst[] {
  if (ast.kind === 'and') {
    conjuncts(ast.left, out);
    conjuncts(ast.right, out);
  } else if (ast.kind === 'or' || ast.kind === 'not') {
    throw validationError(`${INVALID}Invalid operator used in KeyConditionExpression: ${ast.kind.toUpperCase()}`);
  } else out.push(ast);
  return out;
}

/** The single key attribute one condition is about, checking it has a simple name and values on the other side. */
function attributeOf(c: ConditionAst, ctx: ExpressionContext): string {
  const operands: ConditionOperand[] =
    c.kind === 'compare' ? [c.left, c.right]
    : c.kind === 'between' ? [c.operand, c.low, c.high]
    : c.kind === 'function' ? [c.path, ...c.args]
    : [];
  if (c.kind === 'in' || (c.kind === 'function' && c.name !== 'begins_with')) {
    throw validationError(`${INVALID}Invalid operator used in KeyConditionExpression: ${c.kind === 'in' ? 'IN' : c.name}`);
  }
  if (c.kind === 'compare' && c.op === '<>') throw validationError(`${INVALID}Invalid operator used in KeyConditionExpression: <>`);
  let name: string | undefined;
  for (const op of operands) {
    if (op.kind === 'size') throw validationError(`${INVALID}Invalid operator used in KeyConditionExpression: size`);
    if (op.kind !== 'path') continue;
    const path = resolvePath(op, ctx);
    if (path.length !== 1) throw validationError(`${INVALID}Key conditions must use simple attribute names`);
    if (name !== undefined) throw validationError(`${INVALID}The operator or function requires a value operand`);
    name = path[0] as string;
  }
  if (name === undefined) throw validationError(`${INVALID}The expression does not contain a key attribute`);
  return name;
}

function valuesOf(c: ConditionAst, ctx: ExpressionContext): AttributeValue[] {
  const operands = c.kind === 'compare' ? [c.left, c.right] : c.kind === 'between' ? [c.low, c.high] : c.kind === 'function' ? c.args : [];
  return operands.filter((o) => o.kind === 'value').map((o) => resolveValue(o, ctx));
}

interface KeyCondition {
  hashName: string;
  hashValue: AttributeValue;
  /** The sort-key condition, evaluated as a condition against each candidate. */
  range?: ConditionAst;
}

/** Splits the key condition into the partition key's `=` and at most one sort-key condition. */
export function compileKeyCondition(ast: ConditionAst, target: ReadTarget, ctx: ExpressionContext): KeyCondition {
  const { hash, range } = target.schema;
  let hashCond: ConditionAst | undefined;
  let rangeCond: ConditionAst | undefined;
  for (const c of conjuncts(ast)) {
    const name = attributeOf(c, ctx);
    if (name !== hash.name && name !== range?.name) throw validationError(`Query condition missed key schema element: ${range?.name ?? hash.name}`);
    if ((name === hash.name ? hashCond : rangeCond) !== undefined) throw validationError('KeyConditionExpressions must only contain one condition per key');
    if (name === hash.name && !(c.kind === 'compare' && c.op === '=')) throw validationError('Query key condition not supported');
    const type = name === hash.name ? hash.type : range!.type;
    for (const v of valuesOf(c, ctx)) {
      if (attributeType(v) !== type) throw validationError('One or more parameter values were invalid: Condition parameter type does not match schema type');
    }
    if (c.kind === 'function' && type === 'N') {
      throw validationError(`${INVALID}Incorrect operand type for operator or function; operator or function: begins_with, operand type: N`);
    }
    if (name === hash.name) hashCond = c;
    else rangeCond = c;
  }
  if (!hashCond) throw validationError(`Query condition missed key schema element: ${hash.name}`);
  const out: KeyCondition = { hashName: hash.name, hashValue: valuesOf(hashCond, ctx)[0]! };
  if (rangeCond) {
    // Once against no item, so what can be judged without one (BETWEEN's bounds) fails even on an empty partition.
    evaluateCondition(rangeCond, undefined, ctx, 'KeyConditionExpression');
    out.range = rangeCond;
  }
  return out;
}

/** Query's filter may not name the key it queries by. */
function checkFilterKeys(filter: ConditionAst | undefined, target: ReadTarget, ctx: ExpressionContext): void {
  if (!filter) return;
  const keys = [target.schema.hash.name, ...(target.schema.range ? [target.schema.range.name] : [])];
  const visit = (a: ConditionAst): void => {
    if (a.kind === 'and' || a.kind === 'or') return void (visit(a.left), visit(a.right));
    if (a.kind === 'not') return visit(a.operand);
    const ops = a.kind === 'compare' ? [a.left, a.right] : a.kind === 'between' ? [a.operand, a.low, a.high] : a.kind === 'in' ? [a.operand, ...a.list] : [a.path, ...a.args];
    for (const op of ops) {
      const path = op.kind === 'path' ? op : op.kind === 'size' ? op.path : undefined;
      const top = path ? resolvePath(path, ctx)[0] : undefined;
      if (typeof top === 'string' && keys.includes(top)) throw validationError(`Filter Expression can only contain non-primary key attributes: Primary key attribute: ${top}`);
    }
  };
  visit(filter);
}

export function query(world: World, input: Record<string, unknown>): unknown {
  return queryTable((name) => findTable(world, name), input);
}

/**
 * Query against whatever `lookup` finds (the world's tables, or a table as it stood at the
 * playhead, for the Table panel). The request is validated before the table is looked up.
 */
export function queryTable(lookup: (name: string) => TableState, input: Record<string, unknown>): Record<string, unknown> {
  const tableName = requireString(input, 'TableName');
  const limit = optionalInteger(input, 'Limit', 1, Number.MAX_SAFE_INTEGER);
  const forward = optionalBoolean(input, 'ScanIndexForward') ?? true;
  const consistent = optionalBoolean(input, 'ConsistentRead') ?? false;
  const mode = capacityMode(input);
  const exprs = readExpressions(input, true);
  const select = selectOf(input, exprs.projection !== undefined);
  const table = lookup(tableName);
  const target = readTarget(table, input, select, exprs.projection !== undefined, consistent);
  const key = compileKeyCondition(exprs.key!, target, exprs.ctx);
  checkFilterKeys(exprs.filter, target, exprs.ctx);
  const esk = startKeyOf(input, target);
  if (esk && !attributeValuesEqual(getOwn(esk, key.hashName)!, key.hashValue)) {
    throw validationError('The provided starting key is outside query boundaries based on provided conditions');
  }
  const rangeName = target.schema.range?.name;
  const order = (a: Item, b: Item): number => {
    const c = rangeName === undefined ? 0 : (compareValues(a[rangeName]!, b[rangeName]!) ?? 0);
    return (c !== 0 ? c : tieBreak(target, a, b)) * (forward ? 1 : -1);
  };
  const entries: Item[] = [];
  for (const item of table.items.values()) {
    const view = viewOf(target, item);
    if (view === undefined) continue;
    const h = getOwn(view, key.hashName);
    if (h === undefined || !attributeValuesEqual(h, key.hashValue)) continue;
    if (key.range && !evaluateCondition(key.range, view, exprs.ctx, 'KeyConditionExpression')) continue;
    if (esk && order(view, esk) <= 0) continue;
    entries.push(view);
  }
  entries.sort(order);
  const page = readPage(target, entries, { limit, filter: exprs.filter, ctx: exprs.ctx, paths: paths(exprs) });
  const units = readUnits(page.bytesRead, consistent ? 'strong' : 'eventual');
  const index = target.index;
  return withCapacity(pageBody(target, page), mode, {
    tableName: table.name,
    table: index ? 0 : units,
    ...(index ? { [index.global ? 'global' : 'local']: { [index.name]: units } } : {}),
  });
}
