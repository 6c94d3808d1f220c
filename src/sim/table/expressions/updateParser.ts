/**
 * Parser for update expressions: SET, REMOVE, ADD and DELETE clauses, in any order, each at most once.
 *
 * Pure: text in, AST out. Shares the token cursor (paths, calls, error wording) with the condition
 * parser. What can only be judged against an item (types, overlapping paths once placeholders are
 * resolved, key attributes) is left to `update.ts`.
 */
import type { PathOperand, PathValueAction, SetAction, SetValue, UpdateAst, UpdateOperand, ValueOperand } from './ast.ts';
import { Cursor, KNOWN_FUNCTIONS } from './parser.ts';

type Clause = 'SET' | 'REMOVE' | 'ADD' | 'DELETE';
const CLAUSES: readonly Clause[] = ['SET', 'REMOVE', 'ADD', 'DELETE'];

class UpdateParser {
  private readonly c: Cursor;

  constructor(c: Cursor) {
    this.c = c;
  }

  parse(): UpdateAst {
    const c = this.c;
    const ast: UpdateAst = { kind: 'update', set: [], remove: [], add: [], delete: [] };
    const seen = new Set<Clause>();
    while (!c.atEnd()) {
      const clause = CLAUSES.find((k) => c.isKeyword(k));
      if (!clause) throw c.fail();
      if (seen.has(clause)) {
        throw c.error(`The "${clause}" section can only be used once in an update expression;`);
      }
      seen.add(clause);
      c.next();
      this.list(() => {
        if (clause === 'SET') ast.set.push(this.setAction());
        else if (clause === 'REMOVE') ast.remove.push(c.parsePath());
        else (clause === 'ADD' ? ast.add : ast.delete).push(this.pathValue());
      });
    }
    return ast;
  }

  private list(item: () => void): void {
    item();
    while (this.c.isPunct(',')) {
      this.c.next();
      item();
    }
  }

  private setAction(): SetAction {
    const path = this.c.parsePath();
    this.c.expectPunct('=');
    return { path, value: this.setValue() };
  }

  /** `operand [+|- operand]`, where either side and the whole may be parenthesised, as DynamoDB allows. */
  private setValue(): SetValue {
    const left = this.term();
    if (this.c.isPunct('+') || this.c.isPunct('-')) {
      const op = this.c.next().text as '+' | '-';
      return { kind: 'arith', op, left: this.arithOperand(left), right: this.arithOperand(this.term()) };
    }
    return left;
  }

  private term(): SetValue {
    if (!this.c.isPunct('(')) return this.operand();
    this.c.next();
    const inner = this.setValue();
    this.c.expectPunct(')');
    return inner;
  }

  /** One arithmetic operator per operand: `(a + b) + c` is not an update expression. */
  private arithOperand(v: SetValue): UpdateOperand {
    if (v.kind === 'arith') this.c.fail();
    return v;
  }

  private pathValue(): PathValueAction {
    const path = this.c.parsePath();
    return { path, value: this.valueOperand() };
  }

  private valueOperand(): ValueOperand {
    const t = this.c.peek();
    if (t.kind !== 'value') this.c.fail();
    this.c.next();
    return { kind: 'value', name: t.text };
  }

  private operand(): UpdateOperand {
    const c = this.c;
    const t = c.peek();
    if (t.kind === 'value') return this.valueOperand();
    if (c.atFunction()) return this.call(t.text);
    if (t.kind === 'ident' || t.kind === 'name') return c.parsePath();
    return c.fail();
  }

  private call(name: string): UpdateOperand {
    const c = this.c;
    if (name !== 'if_not_exists' && name !== 'list_append') {
      if (KNOWN_FUNCTIONS.has(name)) {
        throw c.error(`The function is not allowed in an update expression; function: ${name}`);
      }
      throw c.error(`Invalid function name; function: ${name}`);
    }
    const { args } = c.parseCall(() => this.operand());
    const [first, second] = args as [UpdateOperand, UpdateOperand];
    if (name === 'if_not_exists') {
      return { kind: 'if_not_exists', path: c.requirePath(first, name), fallback: second };
    }
    return { kind: 'list_append', left: first, right: second };
  }
}

export function parseUpdateExpression(expression: string): UpdateAst {
  return new UpdateParser(new Cursor(expression, 'UpdateExpression')).parse();
}

/** Every path an update writes, in clause order (used for overlap and key checks). */
export function updateTargets(ast: UpdateAst): PathOperand[] {
  return [...ast.set.map((a) => a.path), ...ast.remove, ...ast.add.map((a) => a.path), ...ast.delete.map((a) => a.path)];
}
