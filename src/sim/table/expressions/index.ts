/**
 * Public API of the expression engine: parse, evaluate and apply DynamoDB condition and update
 * expressions, and check their placeholders.
 *
 * Pure core: no clock, no randomness, no DOM or Node APIs; numbers are exact decimals. Every
 * refusal is a `validationError` worded as DynamoDB words it. ASTs are plain data and may be
 * cached and reused with different contexts.
 */
import type { AttributeValue, Item } from '../attributeValue.ts';
import type { ConditionAst, ProjectionAst, UpdateAst } from './ast.ts';
import { evaluateConditionAst } from './evaluate.ts';
import { parseConditionExpression } from './parser.ts';
import { checkPlaceholderUse, collectPlaceholders } from './placeholders.ts';
import { applyUpdateAst } from './update.ts';
import { parseUpdateExpression } from './updateParser.ts';
import { TextTable } from '../../kernel/textTable.ts';

export type * from './ast.ts';

export interface ExpressionContext {
  names?: Record<string, string>; // ExpressionAttributeNames, e.g. {'#c': 'candidate'}
  values?: Record<string, AttributeValue>; // ExpressionAttributeValues, e.g. {':v': {S: 'x'}}
}

/**
 * Parses a ConditionExpression; throws validationError on a syntax error, an unknown or misplaced
 * function, a wrong operand count or a reserved word. Undefined placeholders are reported by
 * `checkPlaceholders` and by evaluation, since parsing has no context. `label` names the parameter
 * in messages (e.g. 'FilterExpression').
 */
export function parseCondition(expression: string, label = 'ConditionExpression'): ConditionAst {
  // Scripted workloads send the same few expressions thousands of times: parse each once.
  let parsed = CONDITIONS.get(label);
  if (parsed === undefined) {
    parsed = new TextTable<ConditionAst>(CACHE_LIMIT);
    CONDITIONS.set(label, parsed);
  }
  let ast = parsed.get(expression);
  if (ast === undefined) {
    ast = parseConditionExpression(expression, label);
    parsed.set(expression, ast);
  }
  return ast;
}

/**
 * Parsed expressions by text (an AST is plain data nothing edits), conditions by the parameter
 * their messages name; forgotten wholesale when full. Text tables: the text is a scheduled
 * request's, which Chromium hashes slowly (`kernel/textTable.ts`).
 */
const CACHE_LIMIT = 512;
const CONDITIONS = new Map<string, TextTable<ConditionAst>>();
const UPDATES = new TextTable<UpdateAst>(CACHE_LIMIT);

/** Evaluates a condition against the current item (undefined when the item does not exist). */
export function evaluateCondition(
  ast: ConditionAst,
  item: Item | undefined,
  ctx: ExpressionContext,
  label = 'ConditionExpression',
): boolean {
  return evaluateConditionAst(ast, item, ctx, label);
}

export function parseUpdate(expression: string): UpdateAst {
  let ast = UPDATES.get(expression);
  if (ast === undefined) {
    ast = parseUpdateExpression(expression);
    UPDATES.set(expression, ast);
  }
  return ast;
}

/**
 * Applies an UpdateExpression to a copy of the item (starting from the key when absent) and returns
 * the new item; never mutates the input.
 */
export function applyUpdate(
  ast: UpdateAst,
  item: Item | undefined,
  key: Item,
  keyAttributeNames: readonly string[],
  ctx: ExpressionContext,
): Item {
  return applyUpdateAst(ast, item, key, keyAttributeNames, ctx);
}

/** The placeholders an AST references, so the caller can reject unused ones like DynamoDB does. */
export function referencedPlaceholders(ast: ConditionAst | UpdateAst): { names: Set<string>; values: Set<string> } {
  return collectPlaceholders([ast]);
}

/**
 * Checks that every provided name/value placeholder is used by at least one of the ASTs and that
 * every referenced one is provided, with DynamoDB's messages.
 */
export function checkPlaceholders(asts: ReadonlyArray<ConditionAst | UpdateAst | ProjectionAst>, ctx: ExpressionContext): void {
  checkPlaceholderUse(asts, ctx);
}
