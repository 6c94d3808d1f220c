/**
 * Checks a learner's handler module and turns it into a plain script body for a sandbox. Parsed with
 * acorn (no eval anywhere), so a syntax error is reported with its line and column before any
 * sandbox starts. The module may not import anything (the sandbox has no network or files); its
 * `export` keywords are blanked out in place, so line and column numbers stay those of the code as
 * written, and the body ends by returning the exported `handler`.
 *
 * Pure: no Worker globals, runs in Node (tests, tools) and in the simulation worker.
 */
import { parse, type Node } from 'acorn';

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

/** Checks `code` and returns the script body that evaluates it and returns its `handler`. */
export function compileUserCode(code: string): CompileResult {
  let program: Node & { body: Node[] };
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) as Node & { body: Node[] };
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    const message = err.message.replace(/\s*\(\d+:\d+\)$/, '');
    return { ok: false, problem: { message: `SyntaxError: ${message}`, line: err.loc?.line ?? 1, column: (err.loc?.column ?? 0) + 1 } };
  }
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
