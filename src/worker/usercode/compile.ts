/**
 * Checks a learner's handler module and turns it into a plain script body for a sandbox. Parsed with
 * acorn (no eval anywhere), so a syntax error is reported with its line and column before any
 * sandbox starts. The module may not import anything (the sandbox has no network or files); its
 * `export` keywords are blanked out in place, so line and column numbers stay those of the code as
 * written, and the body ends by returning the exported `handler`.
 *
 * Pure: no Worker globals, runs in Node (tests, tools) and in the simulation worker.
 */
import { parse, type Node, type Token } from 'acorn';

export interface CodeProblem {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type CompileResult = { ok: true; body: string } | { ok: false; problem: CodeProblem };

interface Located {
  start: number;
  end: number;
  loc?: { start: { line: number; column: number } } | null;
}

function at(node: Located, message: string): CompileResult {
  const start = node.loc?.start ?? { line: 1, column: 0 };
  return { ok: false, problem: { message, line: start.line, column: start.column + 1 } };
}

/** Every node below `root`, depth first (acorn nodes are plain objects with a `type`). */
function* nodes(root: unknown): Generator<Node> {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) stack.push(...n);
    else if (n && typeof n === 'object' && typeof (n as { type?: unknown }).type === 'string') {
      yield n as Node;
      for (const [k, v] of Object.entries(n)) if (k !== 'loc' && v && typeof v === 'object') stack.push(v);
    }
  }
}

function declaredNames(decl: Node): string[] {
  const d = decl as unknown as { type: string; id?: { name: string }; declarations?: { id: { type: string; name?: string } }[] };
  if (d.id) return [d.id.name];
  return (d.declarations ?? []).flatMap((v) => (v.id.type === 'Identifier' && v.id.name ? [v.id.name] : []));
}

function syntaxProblem(e: unknown): CompileResult {
  const err = e as SyntaxError & { loc?: { line: number; column: number } };
  const message = err.message.replace(/\s*\(\d+:\d+\)$/, '');
  return { ok: false, problem: { message: `SyntaxError: ${message}`, line: err.loc?.line ?? 1, column: (err.loc?.column ?? 0) + 1 } };
}

/**
 * The first HTML-like comment (`<!--` anywhere, `-->`) written as operators. A module reads
 * `b <!--b` as `b < !--b`; a classic script reads a comment to the end of the line. The sandbox runs
 * modules, so both read the same, but code that means two things is refused anyway: it was the
 * way out of the sandbox once (issue 21). Found among tokens, so strings and comments may hold them.
 */
function htmlLikeComment(code: string, tokens: readonly Token[]): CompileResult | undefined {
  for (const t of tokens) {
    const text = code.slice(t.start, t.end);
    const opener = text === '<' && code.startsWith('<!--', t.start);
    const closer = text === '--' && code[t.end] === '>';
    if (opener || closer) return at(t as unknown as Located, `An HTML-like comment (${opener ? '<!--' : '-->'}) is not allowed: browsers read it as a comment in scripts. Put spaces between the operators (${opener ? 'a < !--b' : 'a-- > b'}).`);
  }
  return undefined;
}

/** Checks `code` and returns the script body that evaluates it and returns its `handler`. */
export function compileUserCode(code: string): CompileResult {
  let program: Node & { body: Node[] };
  const tokens: Token[] = [];
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true, onToken: tokens }) as Node & { body: Node[] };
  } catch (e) {
    return syntaxProblem(e);
  }
  const comment = htmlLikeComment(code, tokens);
  if (comment) return comment;
  for (const n of nodes(program)) {
    if (n.type === 'ImportExpression' || n.type === 'ImportDeclaration') return at(n, 'The sandbox cannot import modules: everything a handler needs (the event, context, dynamodb, process.env) is given to it.');
    if (n.type === 'MetaProperty') return at(n, 'import.meta is not available in the sandbox.');
  }
  const blanks: [number, number][] = [];
  const exported = new Map<string, string>();
  for (const stmt of program.body) {
    const s = stmt as unknown as Located & { type: string; declaration?: Node | null; specifiers?: { local: { name: string }; exported: { name?: string; value?: string } }[] };
    if (s.type === 'ExportDefaultDeclaration' || s.type === 'ExportAllDeclaration') return at(s, 'Export the handler by name: export async function handler(event, context) { … }');
    if (s.type !== 'ExportNamedDeclaration') continue;
    if (s.declaration) {
      blanks.push([s.start, (s.declaration as unknown as Located).start]);
      for (const name of declaredNames(s.declaration)) exported.set(name, name);
    } else {
      blanks.push([s.start, s.end]);
      for (const sp of s.specifiers ?? []) exported.set(sp.exported.name ?? sp.exported.value ?? '', sp.local.name);
    }
  }
  const local = exported.get('handler');
  if (!local) return { ok: false, problem: { message: 'The code exports no handler: write export async function handler(event, context) { … }', line: 1, column: 1 } };
  let body = code;
  for (const [from, to] of blanks.sort((a, b) => b[0] - a[0])) body = body.slice(0, from) + body.slice(from, to).replace(/[^\n]/g, ' ') + body.slice(to);
  return { ok: true, body: `${body}\n;return ${local};` };
}

/**
 * Checks the assembled sandbox script: it must parse as a module (as the sandbox worker runs it) to
 * exactly one statement, with the learner's body as the body of the one function it wraps, start to
 * end. Anything the body could do to close that function early changes this shape.
 */
export function checkAssembledScript(script: string, body: string): boolean {
  let program: Node & { body: Node[] };
  try {
    program = parse(script, { ecmaVersion: 'latest', sourceType: 'module' }) as Node & { body: Node[] };
  } catch {
    return false;
  }
  if (program.body.length !== 1 || program.body[0]!.type !== 'ExpressionStatement') return false;
  const wrapped = script.indexOf(body);
  if (wrapped < 0 || script.indexOf(body, wrapped + 1) >= 0) return false;
  for (const n of nodes(program)) {
    if (n.type !== 'FunctionExpression') continue;
    const f = n as unknown as { async: boolean; body: Located & { body: Located[] } };
    // The factory: `async function () { 'use strict';\n<body>\n}` — its statements lie within the body's text.
    if (f.async && f.body.start < wrapped && f.body.end > wrapped + body.length) {
      const inner = f.body.body;
      return inner.length > 0 && inner.slice(1).every((s) => s.start >= wrapped && s.end <= wrapped + body.length);
    }
  }
  return false;
}
