/**
 * The placeholders an expression uses, and DynamoDB's checks that names and values supplied and
 * used match exactly.
 *
 * Pure: walks ASTs, reads the context. DynamoDB refuses a request whose ExpressionAttributeNames or
 * ExpressionAttributeValues hold an entry no expression of the request uses, and one whose
 * expressions use a placeholder that is not supplied; the caller passes every expression of the
 * request (condition, update, filter, projection…) at once.
 */
import { validationError } from '../../api/errors.ts';
import type { ConditionAst, ConditionOperand, PathOperand, ProjectionAst, SetValue, UpdateAst } from './ast.ts';
import type { ExpressionContext } from './index.ts';

export interface Placeholders {
  names: Set<string>;
  values: Set<string>;
}

function addPath(p: PathOperand, acc: Placeholders): void {
  for (const e of p.elements) if (e.kind === 'placeholder') acc.names.add(e.name);
}

function addOperand(op: ConditionOperand | SetValue, acc: Placeholders): void {
  switch (op.kind) {
    case 'value':
      acc.values.add(op.name);
      return;
    case 'path':
      addPath(op, acc);
      return;
    case 'size':
      addPath(op.path, acc);
      return;
    case 'if_not_exists':
      addPath(op.path, acc);
      addOperand(op.fallback, acc);
      return;
    case 'list_append':
    case 'arith':
      addOperand(op.left, acc);
      addOperand(op.right, acc);
  }
}

function addCondition(ast: ConditionAst, acc: Placeholders): void {
  switch (ast.kind) {
    case 'and':
    case 'or':
      addCondition(ast.left, acc);
      addCondition(ast.right, acc);
      return;
    case 'not':
      addCondition(ast.operand, acc);
      return;
    case 'compare':
      addOperand(ast.left, acc);
      addOperand(ast.right, acc);
      return;
    case 'between':
      for (const op of [ast.operand, ast.low, ast.high]) addOperand(op, acc);
      return;
    case 'in':
      for (const op of [ast.operand, ...ast.list]) addOperand(op, acc);
      return;
    case 'function':
      addPath(ast.path, acc);
      for (const op of ast.args) addOperand(op, acc);
  }
}

function addUpdate(ast: UpdateAst, acc: Placeholders): void {
  for (const a of ast.set) {
    addPath(a.path, acc);
    addOperand(a.value, acc);
  }
  for (const p of ast.remove) addPath(p, acc);
  for (const a of [...ast.add, ...ast.delete]) {
    addPath(a.path, acc);
    addOperand(a.value, acc);
  }
}

export function collectPlaceholders(asts: ReadonlyArray<ConditionAst | UpdateAst | ProjectionAst>): Placeholders {
  const acc: Placeholders = { names: new Set(), values: new Set() };
  for (const ast of asts) {
    if (ast.kind === 'update') addUpdate(ast, acc);
    else if (ast.kind === 'projection') for (const p of ast.paths) addPath(p, acc);
    else addCondition(ast, acc);
  }
  return acc;
}

/**
 * The placeholders of one parsed expression, collected once: a parsed AST is cached by its text and
 * never edited (`index.ts`), and a scripted run checks the same few on every write. Read only.
 */
const COLLECTED = new WeakMap<ConditionAst | UpdateAst | ProjectionAst, Placeholders>();

function usedBy(asts: ReadonlyArray<ConditionAst | UpdateAst | ProjectionAst>): Placeholders {
  if (asts.length !== 1) return collectPlaceholders(asts);
  const ast = asts[0]!;
  let used = COLLECTED.get(ast);
  if (used === undefined) {
    used = collectPlaceholders(asts);
    COLLECTED.set(ast, used);
  }
  return used;
}

export function checkPlaceholderUse(asts: ReadonlyArray<ConditionAst | UpdateAst | ProjectionAst>, ctx: ExpressionContext): void {
  const used = usedBy(asts);
  const names = ctx.names ? Object.keys(ctx.names) : [];
  const values = ctx.values ? Object.keys(ctx.values) : [];
  if (ctx.names && names.length === 0) throw validationError('ExpressionAttributeNames must not be empty');
  if (ctx.values && values.length === 0) throw validationError('ExpressionAttributeValues must not be empty');
  for (const n of used.names) {
    if (!names.includes(n)) {
      throw validationError(`An expression attribute name used in the document path is not defined; attribute name: ${n}`);
    }
  }
  for (const v of used.values) {
    if (!values.includes(v)) {
      throw validationError(`An expression attribute value used in expression is not defined; attribute value: ${v}`);
    }
  }
  const unusedNames = names.filter((n) => !used.names.has(n));
  if (unusedNames.length > 0) {
    throw validationError(`Value provided in ExpressionAttributeNames unused in expressions: keys: {${unusedNames.join(', ')}}`);
  }
  const unusedValues = values.filter((v) => !used.values.has(v));
  if (unusedValues.length > 0) {
    throw validationError(`Value provided in ExpressionAttributeValues unused in expressions: keys: {${unusedValues.join(', ')}}`);
  }
}
