/**
 * Recursive-descent parser for condition expressions, and the token cursor the update parser and
 * the ProjectionExpression parser (the projections part, `../reads/projection.ts`) share.
 *
 * Pure: text in, AST out, `validationError` on anything DynamoDB would refuse before looking at an
 * item (syntax, unknown functions, wrong operand counts, reserved words). Precedence follows
 * DynamoDB: NOT binds tighter than AND, which binds tighter than OR; BETWEEN's own AND is consumed
 * by the BETWEEN rule, so `a BETWEEN :x AND :y AND b = :z` groups as expected.
 */
import { validationError } from '../../api/errors.ts';
import type {
  Comparator,
  ConditionAst,
  ConditionFunctionName,
  ConditionOperand,
  PathElement,
  PathOperand,
} from './ast.ts';
import { isReservedWord } from './reservedWords.ts';
import { syntaxError, tokenize } from './tokens.ts';
import type { Token } from './tokens.ts';

const COMPARATORS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>=']);
const CONDITION_FUNCTIONS: ReadonlySet<string> = new Set([
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
]);
/** Function names DynamoDB knows, in any kind of expression; others are "Invalid function name". */
export const KNOWN_FUNCTIONS: ReadonlySet<string> = new Set([...CONDITION_FUNCTIONS, 'size', 'if_not_exists', 'list_append']);
const ARITY: Record<string, number> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
  size: 1,
  if_not_exists: 2,
  list_append: 2,
};
const MAX_IN_OPERANDS = 100;

/** A position in a token list plus the helpers every expression grammar needs. */
export class Cursor {
  readonly src: string;
  readonly label: string;
  readonly tokens: Token[];
  pos = 0;

  constructor(src: string, label: string) {
    this.src = src;
    this.label = label;
    if (src.trim() === '') throw validationError(`Invalid ${label}: The expression can not be empty;`);
    this.tokens = tokenize(src, label);
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  fail(): never {
    throw syntaxError(this.label, this.src, this.tokens, this.pos);
  }

  error(message: string): Error {
    return validationError(`Invalid ${this.label}: ${message}`);
  }

  isPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === text;
  }

  expectPunct(text: string): void {
    if (!this.isPunct(text)) this.fail();
    this.next();
  }

  isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** An identifier followed by `(`: a function call. */
  atFunction(): boolean {
    return this.peek().kind === 'ident' && this.peek(1).kind === 'punct' && this.peek(1).text === '(';
  }

  parsePath(): PathOperand {
    const elements: PathElement[] = [this.pathName()];
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        elements.push(this.pathName());
      } else if (this.isPunct('[')) {
        this.next();
        const t = this.peek();
        if (t.kind !== 'number') this.fail();
        this.next();
        this.expectPunct(']');
        elements.push({ kind: 'index', index: Number.parseInt(t.text, 10) });
      } else return { kind: 'path', elements };
    }
  }

  private pathName(): PathElement {
    const t = this.peek();
    if (t.kind === 'name') {
      this.next();
      return { kind: 'placeholder', name: t.text };
    }
    if (t.kind !== 'ident') this.fail();
    if (isReservedWord(t.text)) {
      throw this.error(`Attribute name is a reserved keyword; reserved keyword: ${t.text}`);
    }
    this.next();
    return { kind: 'attr', name: t.text };
  }

  /** `name(` … `)` with comma-separated arguments parsed by `arg`; checks the arity. */
  parseCall<T>(arg: () => T): { name: string; args: T[] } {
    const name = this.next().text;
    this.expectPunct('(');
    const args: T[] = [arg()];
    while (this.isPunct(',')) {
      this.next();
      args.push(arg());
    }
    this.expectPunct(')');
    const arity = ARITY[name];
    if (arity !== undefined && args.length !== arity) {
      throw this.error(`Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`);
    }
    return { name, args };
  }

  requirePath<T extends { kind: string }>(operand: T | undefined, fn: string): PathOperand {
    if (operand?.kind !== 'path') {
      throw this.error(`Operator or function requires a document path; operator or function: ${fn}`);
    }
    return operand as unknown as PathOperand;
  }

  notAllowedHere(fn: string): Error {
    return this.error(`The function is not allowed to be used this way in an expression; function: ${fn}`);
  }
}

class ConditionParser {
  private readonly c: Cursor;

  constructor(c: Cursor) {
    this.c = c;
  }

  parse(): ConditionAst {
    const ast = this.or();
    if (!this.c.atEnd()) this.c.fail();
    return ast;
  }

  private or(): ConditionAst {
    let left = this.and();
    while (this.c.isKeyword('OR')) {
      this.c.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): ConditionAst {
    let left = this.not();
    while (this.c.isKeyword('AND')) {
      this.c.next();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): ConditionAst {
    if (this.c.isKeyword('NOT')) {
      this.c.next();
      return { kind: 'not', operand: this.not() };
    }
    return this.primary();
  }

  private primary(): ConditionAst {
    const c = this.c;
    if (c.isPunct('(')) {
      c.next();
      const inner = this.or();
      c.expectPunct(')');
      return inner;
    }
    if (c.atFunction() && CONDITION_FUNCTIONS.has(c.peek().text)) {
      const fn = this.conditionFunction();
      if (COMPARATORS.has(c.peek().text) || c.isKeyword('BETWEEN') || c.isKeyword('IN')) {
        throw c.notAllowedHere(fn.name);
      }
      return fn;
    }
    const operand = this.operand();
    return this.comparisonTail(operand);
  }

  private comparisonTail(operand: ConditionOperand): ConditionAst {
    const c = this.c;
    const t = c.peek();
    if (t.kind === 'punct' && COMPARATORS.has(t.text)) {
      c.next();
      return { kind: 'compare', op: t.text as Comparator, left: operand, right: this.operand() };
    }
    if (c.isKeyword('BETWEEN')) {
      c.next();
      const low = this.operand();
      if (!c.isKeyword('AND')) c.fail();
      c.next();
      return { kind: 'between', operand, low, high: this.operand() };
    }
    if (c.isKeyword('IN')) return this.inTail(operand);
    if (operand.kind === 'size') throw c.notAllowedHere('size');
    return c.fail();
  }

  private inTail(operand: ConditionOperand): ConditionAst {
    const c = this.c;
    c.next();
    c.expectPunct('(');
    const list = [this.operand()];
    while (c.isPunct(',')) {
      c.next();
      list.push(this.operand());
    }
    c.expectPunct(')');
    if (list.length > MAX_IN_OPERANDS) {
      throw c.error(`The IN operator is provided with too many operands; number of operands: ${list.length}`);
    }
    return { kind: 'in', operand, list };
  }

  private conditionFunction(): Extract<ConditionAst, { kind: 'function' }> {
    const { name, args } = this.c.parseCall(() => this.operand());
    const path = this.c.requirePath(args[0], name);
    return { kind: 'function', name: name as ConditionFunctionName, path, args: args.slice(1) };
  }

  /** path | :value | size(path); any other function here is misplaced or unknown. */
  operand(): ConditionOperand {
    const c = this.c;
    const t = c.peek();
    if (t.kind === 'value') {
      c.next();
      return { kind: 'value', name: t.text };
    }
    if (c.atFunction()) {
      if (t.text === 'size') {
        const { args } = c.parseCall(() => this.operand());
        return { kind: 'size', path: c.requirePath(args[0], 'size') };
      }
      if (KNOWN_FUNCTIONS.has(t.text)) {
        if (CONDITION_FUNCTIONS.has(t.text)) throw c.notAllowedHere(t.text);
        throw c.error(`The function is not allowed in a condition expression; function: ${t.text}`);
      }
      throw c.error(`Invalid function name; function: ${t.text}`);
    }
    if (t.kind === 'ident' || t.kind === 'name') return c.parsePath();
    return c.fail();
  }
}

/**
 * Parses a condition. `label` names the parameter in error messages, so the same grammar can serve
 * FilterExpression and the condition part of KeyConditionExpression.
 */
export function parseConditionExpression(expression: string, label = 'ConditionExpression'): ConditionAst {
  return new ConditionParser(new Cursor(expression, label)).parse();
}

