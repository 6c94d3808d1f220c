/**
 * AST types for DynamoDB condition and update expressions.
 *
 * Types only. Placeholders stay unresolved in the AST (`#n`, `:v`), so one parsed expression can be
 * evaluated against any ExpressionAttributeNames/Values, and so the placeholders it uses can be
 * listed without a context.
 */

/** One step of a document path: a bare name, a `#name` placeholder, or a list index. */
export type PathElement =
  | { kind: 'attr'; name: string }
  | { kind: 'placeholder'; name: string }
  | { kind: 'index'; index: number };

export interface PathOperand {
  kind: 'path';
  elements: PathElement[];
}

/** A `:value` placeholder. */
export interface ValueOperand {
  kind: 'value';
  name: string;
}

export interface SizeOperand {
  kind: 'size';
  path: PathOperand;
}

export type ConditionOperand = PathOperand | ValueOperand | SizeOperand;

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type ConditionFunctionName =
  | 'attribute_exists'
  | 'attribute_not_exists'
  | 'attribute_type'
  | 'begins_with'
  | 'contains';

export type ConditionAst =
  | { kind: 'and'; left: ConditionAst; right: ConditionAst }
  | { kind: 'or'; left: ConditionAst; right: ConditionAst }
  | { kind: 'not'; operand: ConditionAst }
  | { kind: 'compare'; op: Comparator; left: ConditionOperand; right: ConditionOperand }
  | { kind: 'between'; operand: ConditionOperand; low: ConditionOperand; high: ConditionOperand }
  | { kind: 'in'; operand: ConditionOperand; list: ConditionOperand[] }
  | { kind: 'function'; name: ConditionFunctionName; path: PathOperand; args: ConditionOperand[] };

/** Operands of a SET value: paths, values and the two update functions, which may nest. */
export type UpdateOperand =
  | PathOperand
  | ValueOperand
  | { kind: 'if_not_exists'; path: PathOperand; fallback: UpdateOperand }
  | { kind: 'list_append'; left: UpdateOperand; right: UpdateOperand };

export type SetValue = UpdateOperand | { kind: 'arith'; op: '+' | '-'; left: UpdateOperand; right: UpdateOperand };

export interface SetAction {
  path: PathOperand;
  value: SetValue;
}

/** ADD and DELETE both take a path and a `:value`. */
export interface PathValueAction {
  path: PathOperand;
  value: ValueOperand;
}

export interface UpdateAst {
  kind: 'update';
  set: SetAction[];
  remove: PathOperand[];
  add: PathValueAction[];
  delete: PathValueAction[];
}

/** A ProjectionExpression: a comma-separated list of document paths. */
export interface ProjectionAst {
  kind: 'projection';
  paths: PathOperand[];
}
