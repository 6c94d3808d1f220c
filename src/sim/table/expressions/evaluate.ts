/**
 * Evaluates a condition AST against an item (or against "no item").
 *
 * Pure: reads the item and the context, never mutates either. Two phases, as DynamoDB behaves:
 * first a static check of the operands that do not depend on the item (undefined placeholders, a
 * `:value` of the wrong type for `<`, `begins_with`, `attribute_type`, inverted BETWEEN bounds),
 * which fails the request with ValidationException whatever branch would be taken; then the
 * short-circuit evaluation, where a missing attribute or a type mismatch is simply false.
 */
import { validationError } from '../../api/errors.ts';
import type { AttributeType, AttributeValue, Item } from '../attributeValue.ts';
import {
  attributeType,
  attributeValuesEqual,
  base64ByteLength,
  compareBytes,
  compareValues,
  decodeBase64,
  setMemberKey,
} from '../attributes.ts';
import type { ConditionAst, ConditionOperand } from './ast.ts';
import type { ExpressionContext } from './index.ts';
import { getPath, resolvePath, resolveValue } from './paths.ts';

const TYPE_NAMES: Record<AttributeType, string> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  SS: 'STRING_SET',
  NS: 'NUMBER_SET',
  BS: 'BINARY_SET',
  M: 'MAP',
  L: 'LIST',
  NULL: 'NULL',
  BOOL: 'BOOLEAN',
};

/** The long type name DynamoDB prints in "Incorrect operand type" messages. */
export function typeName(v: AttributeValue): string {
  return TYPE_NAMES[attributeType(v)];
}

const VALID_TYPES = new Set(Object.keys(TYPE_NAMES));

function operandValue(op: ConditionOperand, item: Item | undefined, ctx: ExpressionContext): AttributeValue | undefined {
  if (op.kind === 'value') return resolveValue(op, ctx);
  const v = getPath(item, resolvePath(op.kind === 'size' ? op.path : op, ctx));
  return op.kind === 'size' ? sizeOf(v) : v;
}

/**
 * size(): strings count characters (code points), binary counts bytes, sets, lists and maps count
 * elements; other types have no size, which makes the comparison using it false.
 */
function sizeOf(v: AttributeValue | undefined): AttributeValue | undefined {
  if (v === undefined) return undefined;
  let n: number;
  if ('S' in v) n = [...v.S].length;
  else if ('B' in v) n = base64ByteLength(v.B);
  else if ('SS' in v) n = v.SS.length;
  else if ('NS' in v) n = v.NS.length;
  else if ('BS' in v) n = v.BS.length;
  else if ('L' in v) n = v.L.length;
  else if ('M' in v) n = Object.keys(v.M).length;
  else return undefined;
  return { N: String(n) };
}

// ---------------------------------------------------------------------------------------------
// Static checks

function wrongType(label: string, fn: string, v: AttributeValue): Error {
  return validationError(`Invalid ${label}: Incorrect operand type for operator or function; operator or function: ${fn}, operand type: ${typeName(v)}`);
}

/** The literal behind an operand when it is a `:value`; resolving also reports undefined ones. */
function literal(op: ConditionOperand, ctx: ExpressionContext): AttributeValue | undefined {
  if (op.kind === 'value') return resolveValue(op, ctx);
  resolvePath(op.kind === 'size' ? op.path : op, ctx);
  return undefined;
}

function requireOrderable(op: ConditionOperand, fn: string, label: string, ctx: ExpressionContext): AttributeValue | undefined {
  const v = literal(op, ctx);
  if (v !== undefined && !('N' in v || 'S' in v || 'B' in v)) throw wrongType(label, fn, v);
  return v;
}

function checkStatic(ast: ConditionAst, ctx: ExpressionContext, label: string): void {
  switch (ast.kind) {
    case 'and':
    case 'or':
      checkStatic(ast.left, ctx, label);
      checkStatic(ast.right, ctx, label);
      return;
    case 'not':
      checkStatic(ast.operand, ctx, label);
      return;
    case 'compare':
      for (const op of [ast.left, ast.right]) {
        if (ast.op === '=' || ast.op === '<>') literal(op, ctx);
        else requireOrderable(op, ast.op, label, ctx);
      }
      return;
    case 'between':
      checkBetween(ast.operand, ast.low, ast.high, ctx, label);
      return;
    case 'in':
      for (const op of [ast.operand, ...ast.list]) literal(op, ctx);
      return;
    case 'function':
      checkFunction(ast, ctx, label);
  }
}

function checkBetween(
  operand: ConditionOperand,
  low: ConditionOperand,
  high: ConditionOperand,
  ctx: ExpressionContext,
  label: string,
): void {
  requireOrderable(operand, 'BETWEEN', label, ctx);
  const lo = requireOrderable(low, 'BETWEEN', label, ctx);
  const hi = requireOrderable(high, 'BETWEEN', label, ctx);
  if (lo !== undefined && hi !== undefined && compareValues(lo, hi) === 1) {
    throw validationError(
      `Invalid ${label}: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ` +
        `lower bound operand: AttributeValue: ${JSON.stringify(lo)}, upper bound operand: AttributeValue: ${JSON.stringify(hi)}`,
    );
  }
}

function checkFunction(ast: Extract<ConditionAst, { kind: 'function' }>, ctx: ExpressionContext, label: string): void {
  resolvePath(ast.path, ctx);
  const arg = ast.args[0];
  const v = arg === undefined ? undefined : literal(arg, ctx);
  if (v === undefined) return;
  if (ast.name === 'begins_with' && !('S' in v || 'B' in v)) throw wrongType(label, ast.name, v);
  if (ast.name === 'attribute_type') {
    if (!('S' in v)) throw wrongType(label, ast.name, v);
    if (!VALID_TYPES.has(v.S)) {
      throw validationError(`Invalid ${label}: Invalid attribute type name found; type: ${v.S}, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function compare(ast: Extract<ConditionAst, { kind: 'compare' }>, item: Item | undefined, ctx: ExpressionContext): boolean {
  const a = operandValue(ast.left, item, ctx);
  const b = operandValue(ast.right, item, ctx);
  // `<>` is the negation of `=`: a missing attribute or a different type is "not equal".
  if (ast.op === '=' || ast.op === '<>') {
    const equal = a !== undefined && b !== undefined && attributeValuesEqual(a, b);
    return ast.op === '=' ? equal : !equal;
  }
  if (a === undefined || b === undefined) return false;
  const c = compareValues(a, b);
  if (c === undefined) return false;
  if (ast.op === '<') return c < 0;
  if (ast.op === '<=') return c <= 0;
  if (ast.op === '>') return c > 0;
  return c >= 0;
}

function bytesContain(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function beginsWith(target: AttributeValue, prefix: AttributeValue): boolean {
  if ('S' in target && 'S' in prefix) return target.S.startsWith(prefix.S);
  if ('B' in target && 'B' in prefix) {
    const t = decodeBase64(target.B);
    const p = decodeBase64(prefix.B);
    return p.length <= t.length && compareBytes(t.subarray(0, p.length), p) === 0;
  }
  return false;
}

function contains(target: AttributeValue, operand: AttributeValue): boolean {
  if ('S' in target) return 'S' in operand && target.S.includes(operand.S);
  if ('B' in target) return 'B' in operand && bytesContain(decodeBase64(target.B), decodeBase64(operand.B));
  if ('L' in target) return target.L.some((e) => attributeValuesEqual(e, operand));
  for (const [setType, memberType] of [['SS', 'S'], ['NS', 'N'], ['BS', 'B']] as const) {
    if (setType in target && memberType in operand) {
      const members = (target as Record<string, string[]>)[setType]!;
      const want = setMemberKey(setType, (operand as Record<string, string>)[memberType]!);
      return members.some((m) => setMemberKey(setType, m) === want);
    }
  }
  return false;
}

function callFunction(ast: Extract<ConditionAst, { kind: 'function' }>, item: Item | undefined, ctx: ExpressionContext): boolean {
  const target = getPath(item, resolvePath(ast.path, ctx));
  if (ast.name === 'attribute_exists') return target !== undefined;
  if (ast.name === 'attribute_not_exists') return target === undefined;
  const arg = operandValue(ast.args[0]!, item, ctx);
  if (target === undefined || arg === undefined) return false;
  if (ast.name === 'attribute_type') return 'S' in arg && attributeType(target) === arg.S;
  if (ast.name === 'begins_with') return beginsWith(target, arg);
  return contains(target, arg);
}

function evaluate(ast: ConditionAst, item: Item | undefined, ctx: ExpressionContext): boolean {
  switch (ast.kind) {
    case 'and':
      return evaluate(ast.left, item, ctx) && evaluate(ast.right, item, ctx);
    case 'or':
      return evaluate(ast.left, item, ctx) || evaluate(ast.right, item, ctx);
    case 'not':
      return !evaluate(ast.operand, item, ctx);
    case 'compare':
      return compare(ast, item, ctx);
    case 'between': {
      const v = operandValue(ast.operand, item, ctx);
      const lo = operandValue(ast.low, item, ctx);
      const hi = operandValue(ast.high, item, ctx);
      if (v === undefined || lo === undefined || hi === undefined) return false;
      const a = compareValues(v, lo);
      const b = compareValues(v, hi);
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    }
    case 'in': {
      const v = operandValue(ast.operand, item, ctx);
      if (v === undefined) return false;
      return ast.list.some((op) => {
        const w = operandValue(op, item, ctx);
        return w !== undefined && attributeValuesEqual(v, w);
      });
    }
    case 'function':
      return callFunction(ast, item, ctx);
  }
}

export function evaluateConditionAst(
  ast: ConditionAst,
  item: Item | undefined,
  ctx: ExpressionContext,
  label = 'ConditionExpression',
): boolean {
  checkStatic(ast, ctx, label);
  return evaluate(ast, item, ctx);
}
