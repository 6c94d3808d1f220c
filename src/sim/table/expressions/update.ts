/**
 * Applies an update AST to an item and returns the new item.
 *
 * Pure: the input item, the key and the context are never mutated; all writes go to a deep copy.
 * Like DynamoDB, every operand is read from the item as it was before the update (so
 * `SET a = b, b = a` swaps), every written path is checked up front (key attributes, overlapping
 * paths), and REMOVE of several elements of one list uses the original indexes.
 */
import { validationError } from '../../api/errors.ts';
import type { AttributeValue, Item } from '../attributeValue.ts';
import { addNumbers, attributeType, setMemberKey, subtractNumbers } from '../attributes.ts';
import type { PathValueAction, SetValue, UpdateAst, UpdateOperand } from './ast.ts';
import { typeName } from './evaluate.ts';
import type { ExpressionContext } from './index.ts';
import { cloneItem, cloneValue, comparePaths, formatPath, getPath, removeAt, requireContainer, resolvePath, resolveValue, setAt } from './paths.ts';
import type { ResolvedPath } from './paths.ts';
import { updateTargets } from './updateParser.ts';

type SetType = 'SS' | 'NS' | 'BS';

function incorrectDataType(): Error {
  return validationError('An operand in the update expression has an incorrect data type');
}

function incorrectOperand(operator: string, v: AttributeValue): Error {
  return validationError(
    `Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ${operator}, operand type: ${typeName(v)}`,
  );
}

/** Rejects writes to key attributes and pairs of paths where one contains or contradicts the other. */
function checkTargets(paths: ResolvedPath[], keyAttributeNames: readonly string[]): void {
  for (const p of paths) {
    const top = p[0] as string;
    if (keyAttributeNames.includes(top)) {
      throw validationError(`Cannot update attribute ${top}. This attribute is part of the key`);
    }
  }
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) checkPair(paths[i]!, paths[j]!);
  }
}

function checkPair(a: ResolvedPath, b: ResolvedPath): void {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    if (a[k] === b[k]) continue;
    if (typeof a[k] !== typeof b[k]) {
      throw validationError(
        `Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${formatPath(a)}, path two: ${formatPath(b)}`,
      );
    }
    return;
  }
  throw validationError(
    `Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${formatPath(a)}, path two: ${formatPath(b)}`,
  );
}

function evalOperand(op: UpdateOperand, item: Item, ctx: ExpressionContext): AttributeValue {
  switch (op.kind) {
    case 'value':
      return resolveValue(op, ctx);
    case 'path': {
      const v = getPath(item, resolvePath(op, ctx));
      if (v === undefined) {
        throw validationError('The provided expression refers to an attribute that does not exist in the item');
      }
      return v;
    }
    case 'if_not_exists':
      return getPath(item, resolvePath(op.path, ctx)) ?? evalOperand(op.fallback, item, ctx);
    case 'list_append': {
      const left = evalOperand(op.left, item, ctx);
      const right = evalOperand(op.right, item, ctx);
      if (!('L' in left) || !('L' in right)) throw incorrectDataType();
      return { L: [...left.L, ...right.L] };
    }
  }
}

function evalSetValue(v: SetValue, item: Item, ctx: ExpressionContext): AttributeValue {
  if (v.kind !== 'arith') return evalOperand(v, item, ctx);
  const left = evalOperand(v.left, item, ctx);
  const right = evalOperand(v.right, item, ctx);
  if (!('N' in left) || !('N' in right)) throw incorrectDataType();
  return { N: v.op === '+' ? addNumbers(left.N, right.N) : subtractNumbers(left.N, right.N) };
}

function setTypeOf(v: AttributeValue): SetType | undefined {
  const t = attributeType(v);
  return t === 'SS' || t === 'NS' || t === 'BS' ? t : undefined;
}

function members(v: AttributeValue, t: SetType): string[] {
  return (v as Record<SetType, string[]>)[t];
}

/** ADD: numbers add, sets union; a missing attribute is created with the operand. */
function applyAdd(action: PathValueAction, path: ResolvedPath, original: Item, out: Item, ctx: ExpressionContext): void {
  const value = resolveValue(action.value, ctx);
  const t = setTypeOf(value);
  if (!('N' in value) && t === undefined) throw incorrectOperand('ADD', value);
  const current = getPath(original, path);
  if (current === undefined) {
    setAt(out, path, cloneValue(value));
  } else if ('N' in value) {
    if (!('N' in current)) throw incorrectDataType();
    setAt(out, path, { N: addNumbers(current.N, value.N) });
  } else {
    if (setTypeOf(current) !== t) throw incorrectDataType();
    const result = [...members(current, t!)];
    const seen = new Set(result.map((m) => setMemberKey(t!, m)));
    for (const m of members(value, t!)) {
      const k = setMemberKey(t!, m);
      if (!seen.has(k)) {
        seen.add(k);
        result.push(m);
      }
    }
    setAt(out, path, { [t!]: result } as AttributeValue);
  }
}

/** DELETE: set difference; a set left empty is removed, since DynamoDB has no empty sets. */
function applyDelete(action: PathValueAction, path: ResolvedPath, original: Item, out: Item, ctx: ExpressionContext): void {
  const value = resolveValue(action.value, ctx);
  const t = setTypeOf(value);
  if (t === undefined) throw incorrectOperand('DELETE', value);
  const current = getPath(original, path);
  if (current === undefined) {
    // A missing set is a no-op, but only where a set could be: under a map (or list) that exists.
    if (path.length > 1) requireContainer(original, path);
    return;
  }
  if (setTypeOf(current) !== t) throw incorrectDataType();
  const drop = new Set(members(value, t).map((m) => setMemberKey(t, m)));
  const kept = members(current, t).filter((m) => !drop.has(setMemberKey(t, m)));
  if (kept.length === 0) removeAt(out, path);
  else setAt(out, path, { [t]: kept } as AttributeValue);
}

export function applyUpdateAst(
  ast: UpdateAst,
  item: Item | undefined,
  key: Item,
  keyAttributeNames: readonly string[],
  ctx: ExpressionContext,
): Item {
  const original = item ?? key;
  checkTargets(
    updateTargets(ast).map((p) => resolvePath(p, ctx)),
    keyAttributeNames,
  );
  // Every SET operand is read before anything is written.
  const sets = ast.set.map((a) => ({ path: resolvePath(a.path, ctx), value: evalSetValue(a.value, original, ctx) }));
  const out = cloneItem(original);
  for (const s of sets) setAt(out, s.path, cloneValue(s.value));
  // Highest index first, so removing l[1] and l[3] removes the elements the caller saw there.
  const removes = ast.remove.map((p) => resolvePath(p, ctx)).sort((a, b) => comparePaths(b, a));
  for (const p of removes) removeAt(out, p);
  for (const a of ast.add) applyAdd(a, resolvePath(a.path, ctx), original, out, ctx);
  for (const a of ast.delete) applyDelete(a, resolvePath(a.path, ctx), original, out, ctx);
  return out;
}
