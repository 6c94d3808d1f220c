/**
 * What a read returns of an item: ProjectionExpression (nested paths included: `a.b` returns
 * `{a: {M: {b}}}`, `l[2]` returns `{l: {L: [third element]}}`) or the legacy AttributesToGet
 * (top-level names). Also used for UpdateItem's UPDATED_OLD / UPDATED_NEW, which return the
 * paths the update wrote. Pure; builds new objects and never mutates the item.
 *
 * The core reaches it through the projections part (`../../parts.ts`, `../../parts/projections.ts`),
 * only for a request that asks for a projection or UPDATED_OLD / UPDATED_NEW: a chunk of its own in the
 * browser's worker. Query and Scan (the reads part) and the many-key reads (the transactions part)
 * import it themselves.
 */
import { validationError } from '../../api/errors.ts';
import { optionalObject } from '../../api/input.ts';
import type { AttributeValue, Item } from '../attributeValue.ts';
import { getOwn, setOwn } from '../attributes.ts';
import type { ProjectionAst } from '../expressions/ast.ts';
import { checkPlaceholders } from '../expressions/index.ts';
import { Cursor } from '../expressions/parser.ts';
import { formatPath, resolvePath, type ResolvedPath } from '../expressions/paths.ts';
import type { ExpressionContext } from '../expressions/index.ts';
import { checkExpressionSize } from '../limits.ts';

/** The projection of a request, parsed; AttributesToGet becomes a projection of top-level names. */
export function projectionOf(input: Record<string, unknown>): ProjectionAst | undefined {
  const text = input.ProjectionExpression;
  const legacy = input.AttributesToGet;
  if (text !== undefined && legacy !== undefined) {
    throw validationError('Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}');
  }
  if (legacy !== undefined) {
    if (!Array.isArray(legacy) || legacy.length === 0 || legacy.some((n) => typeof n !== 'string' || n === '')) {
      throw validationError("1 validation error detected: Value at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    if (new Set(legacy).size !== legacy.length) throw validationError(`One or more parameter values were invalid: Duplicate value in attribute name: ${String(legacy.find((n, i) => legacy.indexOf(n) !== i))}`);
    if (input.ExpressionAttributeNames !== undefined) {
      throw validationError('ExpressionAttributeNames can only be specified when using expressions');
    }
    return { kind: 'projection', paths: (legacy as string[]).map((name) => ({ kind: 'path', elements: [{ kind: 'attr', name }] })) };
  }
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw validationError('ProjectionExpression must be a string');
  checkExpressionSize(text, 'ProjectionExpression');
  return parseProjection(text);
}

/** `path, path, …`: a ProjectionExpression. Overlap is judged once placeholders are resolved. */
function parseProjection(expression: string): ProjectionAst {
  const c = new Cursor(expression, 'ProjectionExpression');
  const paths = [c.parsePath()];
  while (c.isPunct(',')) {
    c.next();
    paths.push(c.parsePath());
  }
  if (!c.atEnd()) c.fail();
  return { kind: 'projection', paths };
}


/** Resolves the paths and refuses two that overlap (`a` and `a.b`), as DynamoDB does. */
export function resolveProjection(ast: ProjectionAst, ctx: ExpressionContext): ResolvedPath[] {
  const paths = ast.paths.map((p) => resolvePath(p, ctx));
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const [a, b] = [paths[i]!, paths[j]!];
      const n = Math.min(a.length, b.length);
      if (a.slice(0, n).every((e, k) => e === b[k])) {
        throw validationError(`Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${formatPath(a)}, path two: ${formatPath(b)}`);
      }
    }
  }
  return paths;
}

/** A tree of requested paths: a leaf (true) takes the whole value below it. */
type Tree = Map<string | number, Tree | true>;

function treeOf(paths: readonly ResolvedPath[]): Tree {
  const root: Tree = new Map();
  for (const path of paths) {
    let node = root;
    path.forEach((step, i) => {
      if (i === path.length - 1) {
        node.set(step, true);
        return;
      }
      let next = node.get(step);
      if (next === undefined || next === true) {
        next = new Map();
        node.set(step, next);
      }
      node = next;
    });
  }
  return root;
}

function pickMap(m: Record<string, AttributeValue>, tree: Tree): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [step, sub] of tree) {
    if (typeof step !== 'string') continue;
    const v = getOwn(m, step);
    const picked = v === undefined ? undefined : sub === true ? v : pick(v, sub);
    if (picked !== undefined) setOwn(out, step, picked);
  }
  return out;
}

/** The requested parts of one value; list elements keep their order and close up, as on AWS. */
function pick(v: AttributeValue, tree: Tree): AttributeValue | undefined {
  if ('M' in v) {
    const m = pickMap(v.M, tree);
    return Object.keys(m).length > 0 ? { M: m } : undefined;
  }
  if ('L' in v) {
    const indexes = [...tree.keys()].filter((k): k is number => typeof k === 'number').sort((a, b) => a - b);
    const out: AttributeValue[] = [];
    for (const i of indexes) {
      const e = v.L[i];
      const sub = tree.get(i)!;
      const picked = e === undefined ? undefined : sub === true ? e : pick(e, sub);
      if (picked !== undefined) out.push(picked);
    }
    return out.length > 0 ? { L: out } : undefined;
  }
  return undefined;
}

/** The item reduced to `paths`; undefined paths keep the whole item. */
export function projectItem(item: Item, paths: readonly ResolvedPath[] | undefined): Item {
  if (paths === undefined) return item;
  return pickMap(item, treeOf(paths));
}

/** One table's (or one Get's) projection, with its ExpressionAttributeNames checked. */
export function readProjection(body: Record<string, unknown>): ResolvedPath[] | undefined {
  const names = optionalObject(body, 'ExpressionAttributeNames') as Record<string, string> | undefined;
  if (body.ExpressionAttributeValues !== undefined) throw validationError('ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null');
  const ast = projectionOf(body);
  const ctx: ExpressionContext = names ? { names } : {};
  if (ast && body.AttributesToGet === undefined) checkPlaceholders([ast], ctx);
  else if (names) throw validationError('ExpressionAttributeNames can only be specified when using expressions');
  return ast ? resolveProjection(ast, ctx) : undefined;
}
