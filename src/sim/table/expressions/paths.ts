/**
 * Document paths: placeholder resolution, reading a path from an item, and writing one into a
 * private copy of an item.
 *
 * Pure. Reads never mutate. Writes (`setAt`, `removeAt`) mutate only the deep copy `update.ts`
 * makes with `cloneItem`, never an item the table or trace may hold. Every property access goes
 * through own-property helpers so an attribute called `__proto__` behaves like any other.
 */
import { validationError } from '../../api/errors.ts';
import type { AttributeValue, Item } from '../attributeValue.ts';
import { getOwn, setOwn } from '../attributes.ts';
import type { PathOperand, ValueOperand } from './ast.ts';
import type { ExpressionContext } from './index.ts';

/** A path with placeholders replaced: attribute names as strings, list indexes as numbers. */
export type ResolvedPath = (string | number)[];

export function resolveName(placeholder: string, ctx: ExpressionContext): string {
  const name = ctx.names ? getOwn(ctx.names, placeholder) : undefined;
  if (name === undefined) {
    throw validationError(`An expression attribute name used in the document path is not defined; attribute name: ${placeholder}`);
  }
  return name;
}

export function resolveValue(v: ValueOperand, ctx: ExpressionContext): AttributeValue {
  const value = ctx.values ? getOwn(ctx.values, v.name) : undefined;
  if (value === undefined) {
    throw validationError(`An expression attribute value used in expression is not defined; attribute value: ${v.name}`);
  }
  return value;
}

export function resolvePath(p: PathOperand, ctx: ExpressionContext): ResolvedPath {
  return p.elements.map((e) => (e.kind === 'index' ? e.index : e.kind === 'attr' ? e.name : resolveName(e.name, ctx)));
}

/** DynamoDB prints paths in messages as `[a, b, [0]]`. */
export function formatPath(path: ResolvedPath): string {
  return `[${path.map((e) => (typeof e === 'number' ? `[${e}]` : e)).join(', ')}]`;
}

/** The value one step below `v`, or undefined when the step does not fit its type. */
function child(v: AttributeValue | undefined, step: string | number): AttributeValue | undefined {
  if (v === undefined) return undefined;
  if (typeof step === 'number') return 'L' in v ? v.L[step] : undefined;
  return 'M' in v ? getOwn(v.M, step) : undefined;
}

export function getPath(item: Item | undefined, path: ResolvedPath): AttributeValue | undefined {
  const [first, ...rest] = path;
  if (item === undefined || typeof first !== 'string') return undefined;
  let v = getOwn(item, first);
  for (const step of rest) v = child(v, step);
  return v;
}

export function cloneValue(v: AttributeValue): AttributeValue {
  if ('L' in v) return { L: v.L.map(cloneValue) };
  if ('M' in v) return { M: cloneItem(v.M) };
  if ('SS' in v) return { SS: [...v.SS] };
  if ('NS' in v) return { NS: [...v.NS] };
  if ('BS' in v) return { BS: [...v.BS] };
  return { ...v } as AttributeValue;
}

export function cloneItem(item: Item): Item {
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) setOwn(out, k, cloneValue(v));
  return out;
}

function invalidPath(): Error {
  return validationError('The document path provided in the update expression is invalid for update');
}

/** The container that holds the last step of `path`, or undefined when the path is top-level. */
function parentOf(item: Item, path: ResolvedPath): AttributeValue | undefined {
  return path.length > 1 ? getPath(item, path.slice(0, -1)) : undefined;
}

/** Throws DynamoDB's invalid-path error unless the parent of `path` is a container of the right kind. */
export function requireContainer(item: Item, path: ResolvedPath): void {
  const parent = parentOf(item, path);
  const ok = typeof path[path.length - 1] === 'number' ? parent !== undefined && 'L' in parent : parent !== undefined && 'M' in parent;
  if (!ok) throw invalidPath();
}

/**
 * Writes `value` at `path` in `item` (mutating it). The parent must exist with the right type; a
 * list index past the end appends, as DynamoDB does.
 */
export function setAt(item: Item, path: ResolvedPath, value: AttributeValue): void {
  const last = path[path.length - 1]!;
  if (path.length === 1) {
    setOwn(item, last as string, value);
    return;
  }
  const parent = parentOf(item, path);
  if (typeof last === 'number') {
    if (parent === undefined || !('L' in parent)) throw invalidPath();
    if (last >= parent.L.length) parent.L.push(value);
    else parent.L[last] = value;
    return;
  }
  if (parent === undefined || !('M' in parent)) throw invalidPath();
  setOwn(parent.M, last, value);
}

/** Removes `path` from `item` (mutating it); a missing leaf is a no-op, a missing parent an error. */
export function removeAt(item: Item, path: ResolvedPath): void {
  const last = path[path.length - 1]!;
  if (path.length === 1) {
    delete item[last as string];
    return;
  }
  const parent = parentOf(item, path);
  if (typeof last === 'number') {
    if (parent === undefined || !('L' in parent)) throw invalidPath();
    if (last < parent.L.length) parent.L.splice(last, 1);
    return;
  }
  if (parent === undefined || !('M' in parent)) throw invalidPath();
  delete parent.M[last];
}

/** Element-wise comparison that orders list indexes numerically (and names before indexes). */
export function comparePaths(a: ResolvedPath, b: ResolvedPath): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x !== typeof y) return typeof x === 'string' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
