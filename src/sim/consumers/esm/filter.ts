/**
 * Event filtering (reference §6.7, check 57): a documented subset of Lambda's filter-pattern syntax,
 * matched against each record as the function would receive it (DynamoDB JSON: `{"S": "x"}`, numbers
 * as strings, lower-case `userIdentity`). Supported: exact values (string, number, boolean, null),
 * `prefix`, `suffix`, `equals-ignore-case`, `exists`, `anything-but` (values or a prefix) and
 * `numeric` (which only ever matches JSON numbers, so never a DynamoDB `N`, a string). A record
 * passing any filter is sent; the others are consumed without an invocation. Pure.
 */
import { AwsError } from '../../api/errors.ts';

type Leaf = string | number | boolean | null;
type Matcher =
  | { kind: 'equals'; value: Leaf }
  | { kind: 'prefix'; value: string }
  | { kind: 'suffix'; value: string }
  | { kind: 'equals-ignore-case'; value: string }
  | { kind: 'exists'; value: boolean }
  | { kind: 'anything-but'; values: Leaf[]; prefix?: string }
  | { kind: 'numeric'; conditions: [string, number][] };

export interface CompiledFilter {
  [key: string]: CompiledFilter | Matcher[];
}

function invalid(detail: string): AwsError {
  return new AwsError('InvalidParameterValueException', `Invalid filter pattern definition. ${detail}`, { Type: 'User' }, { namespace: '' });
}

const isLeaf = (v: unknown): v is Leaf => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const NUMERIC_OPS = ['<', '<=', '=', '>', '>='];

function compileNumeric(v: unknown): Matcher {
  if (!Array.isArray(v) || (v.length !== 2 && v.length !== 4)) throw invalid('numeric takes [op, n] or [op, n, op, n]');
  const conditions: [string, number][] = [];
  for (let i = 0; i < v.length; i += 2) {
    const op = v[i];
    const n = v[i + 1];
    if (typeof op !== 'string' || !NUMERIC_OPS.includes(op) || typeof n !== 'number') throw invalid(`bad numeric condition ${JSON.stringify(v)}`);
    conditions.push([op, n]);
  }
  return { kind: 'numeric', conditions };
}

function compileAnythingBut(v: unknown): Matcher {
  if (isPlainObject(v) && typeof v.prefix === 'string') return { kind: 'anything-but', values: [], prefix: v.prefix };
  const values = Array.isArray(v) ? v : [v];
  if (!values.every(isLeaf)) throw invalid('anything-but takes values or {"prefix": ...}');
  return { kind: 'anything-but', values };
}

function compileMatcher(m: unknown): Matcher {
  if (isLeaf(m)) return { kind: 'equals', value: m };
  if (!isPlainObject(m) || Object.keys(m).length !== 1) throw invalid(`unsupported matcher ${JSON.stringify(m)}`);
  const [op, v] = Object.entries(m)[0]!;
  switch (op) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      if (typeof v !== 'string') throw invalid(`${op} takes a string`);
      return { kind: op, value: v };
    case 'exists':
      if (typeof v !== 'boolean') throw invalid('exists takes true or false');
      return { kind: 'exists', value: v };
    case 'anything-but':
      return compileAnythingBut(v);
    case 'numeric':
      return compileNumeric(v);
    default:
      throw invalid(`unsupported operator ${op}`);
  }
}

function compileObject(p: Record<string, unknown>): CompiledFilter {
  const out: CompiledFilter = {};
  for (const [k, v] of Object.entries(p)) {
    if (Array.isArray(v)) {
      if (v.length === 0) throw invalid(`empty list at ${k}`);
      out[k] = v.map(compileMatcher);
    } else if (isPlainObject(v)) {
      out[k] = compileObject(v);
    } else {
      throw invalid(`the value at ${k} must be a list or an object`);
    }
  }
  return out;
}

/** Compiles FilterCriteria patterns (JSON strings); throws InvalidParameterValueException. */
export function compileFilters(patterns: unknown[]): CompiledFilter[] {
  return patterns.map((p) => {
    if (typeof p !== 'string') throw invalid('Pattern must be a JSON string');
    let parsed: unknown;
    try {
      parsed = JSON.parse(p);
    } catch {
      throw invalid('Pattern is not valid JSON');
    }
    if (!isPlainObject(parsed)) throw invalid('Pattern must be a JSON object');
    return compileObject(parsed);
  });
}

function numericHolds(v: number, [op, n]: [string, number]): boolean {
  if (op === '<') return v < n;
  if (op === '<=') return v <= n;
  if (op === '=') return v === n;
  if (op === '>') return v > n;
  return v >= n;
}

function matchOne(m: Matcher, v: Leaf): boolean {
  switch (m.kind) {
    case 'equals':
      return v === m.value;
    case 'prefix':
      return typeof v === 'string' && v.startsWith(m.value);
    case 'suffix':
      return typeof v === 'string' && v.endsWith(m.value);
    case 'equals-ignore-case':
      return typeof v === 'string' && v.toLowerCase() === m.value.toLowerCase();
    case 'anything-but':
      return m.prefix !== undefined ? !(typeof v === 'string' && v.startsWith(m.prefix)) : !m.values.includes(v);
    case 'numeric':
      return typeof v === 'number' && m.conditions.every((c) => numericHolds(v, c));
    case 'exists':
      return false; // handled by the caller: it is about the field, not a value
  }
}

/**
 * A field's matchers. `exists` asks whether a leaf value is there: a DynamoDB attribute such as
 * `{"S": "x"}` is an object, not a leaf, so `exists: false` on it matches (the recorded behaviour).
 */
function matchField(matchers: Matcher[], v: unknown): boolean {
  const leaves: Leaf[] = Array.isArray(v) ? v.filter(isLeaf) : isLeaf(v) ? [v] : [];
  const present = v !== undefined && !isPlainObject(v);
  return matchers.some((m) => (m.kind === 'exists' ? m.value === present : leaves.some((leaf) => matchOne(m, leaf))));
}

function matchObject(p: CompiledFilter, event: unknown): boolean {
  for (const [k, sub] of Object.entries(p)) {
    const v = isPlainObject(event) ? event[k] : undefined;
    if (Array.isArray(sub) ? !matchField(sub, v) : !matchObject(sub, v)) return false;
  }
  return true;
}

/** Whether a record (as the function would see it) passes: no filters, or any filter matches. */
export function passesFilters(filters: readonly CompiledFilter[], record: unknown): boolean {
  return filters.length === 0 || filters.some((f) => matchObject(f, record));
}
