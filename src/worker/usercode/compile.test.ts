import { describe, expect, it } from 'vitest';
import { checkAssembledScript, compileUserCode } from './compile.ts';
import { locationInStack } from './errors.ts';
import { sandboxScript } from './prelude.ts';

describe('compileUserCode', () => {
  it('blanks export keywords in place and returns the handler', () => {
    const r = compileUserCode('export async function handler(e) {\n  return 1;\n}\nexport const x = 2;');
    expect(r).toEqual({ ok: true, body: '       async function handler(e) {\n  return 1;\n}\n       const x = 2;\n;return handler;' });
  });

  it('follows export lists to the local name', () => {
    const r = compileUserCode('const run = async () => 1;\nexport { run as handler };');
    expect(r.ok && r.body.endsWith(';return run;')).toBe(true);
  });

  it('names the place of a syntax error, 1-based', () => {
    expect(compileUserCode('export async function handler() {\n  const x = ;\n}')).toMatchObject({ ok: false, problem: { line: 2, column: 13, message: 'SyntaxError: Unexpected token' } });
  });

  it('refuses imports, import(), import.meta, default exports and a missing handler', () => {
    expect(compileUserCode("import x from 'y';\nexport const handler = x;")).toMatchObject({ ok: false, problem: { line: 1, column: 1 } });
    expect(compileUserCode("export async function handler() { await import('https://example.com/x.js'); }")).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/cannot import/) } });
    expect(compileUserCode('export const handler = () => import.meta.url;')).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/import\.meta/) } });
    expect(compileUserCode('export default async function () {}')).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/by name/) } });
    expect(compileUserCode('export async function handle() {}')).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/exports no handler/) } });
  });
});

describe('the sandbox script', () => {
  it('puts the code on line 2, before the prelude, and maps stack lines back', () => {
    const script = sandboxScript('  throw new Error("x");\n', 1, {});
    expect(script.split('\n')[1]).toBe('  throw new Error("x");');
    expect(locationInStack('Error: x\n    at handler (blob:http://a/b:3:9)\n    at run (blob:http://a/b:1:200)', 1, 5)).toEqual({ line: 2, column: 9 });
    // Frames past the code's own lines are the prelude's.
    expect(locationInStack('Error: x\n    at toError (blob:http://a/b:60:9)', 1, 5)).toBeUndefined();
  });
});

describe('code that reads differently as a script and as a module (issue 21)', () => {
  // Checked as a module this is `b < !--b + \`…\``; as a classic script `<!--` starts a comment and
  // the next line closed the wrapper function and ran before the prelude.
  const ESCAPE = "export async function handler() {}\nlet b = 1;\nconst c = b <!--b + `\n}))((f) => 0); caches.open('x'); ((start) => start(async function () {\n//`;\n";

  it('refuses HTML-like comments written as operators, with their place', () => {
    expect(compileUserCode(ESCAPE)).toMatchObject({ ok: false, problem: { line: 3, column: 13, message: expect.stringMatching(/HTML-like comment \(<!--\)/) } });
    expect(compileUserCode('export async function handler() { let a = 2, b = 1;\n  return a-->b; }')).toMatchObject({ ok: false, problem: { line: 2, message: expect.stringMatching(/-->/) } });
  });

  it('lets strings, comments and spaced operators hold the same characters', () => {
    expect(compileUserCode("export async function handler() { let a = 2, b = 1; // <!-- -->\n  return ['<!--', `-->`, a-- > b, a < !--b]; }").ok).toBe(true);
  });

  it('checks the assembled script: the body stays the body of the one wrapped function', () => {
    const ok = compileUserCode('export async function handler() { return 1; }');
    if (!ok.ok) throw new Error('expected to compile');
    expect(checkAssembledScript(sandboxScript(ok.body, 1, {}), ok.body)).toBe(true);
    // A body that closes the wrapper early (as an escape would) changes the script's shape.
    const early = '  return 1;\n}))((f) => 0); caches.open("x"); ((start) => start(async function () {\n;return 1;';
    expect(checkAssembledScript(sandboxScript(early, 1, {}), early)).toBe(false);
    expect(checkAssembledScript('not a script {', 'x')).toBe(false);
  });
});
