// The core's import graph: the stepper runs the rules, the rules never reach back to the stepper.
// `callOperation` lives in api/call.ts for that reason; a module under src/sim that imports
// step.ts at run time (directly or through others) while step.ts reaches it again fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SIM = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Relative specifiers a module imports at run time (`import type` and all-type braces left out). */
export function runtimeImports(code: string): string[] {
  const out: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"](\.[^'"]+)['"]|^\s*import\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;
  for (const m of code.matchAll(re)) {
    if (m[5] ?? m[6]) {
      out.push((m[5] ?? m[6])!);
      continue;
    }
    if (m[2]) continue;
    const braces = /^\{([^}]*)\}$/.exec(m[3]!.trim());
    const names = braces ? braces[1]!.split(',').map((n) => n.trim()).filter(Boolean) : [];
    if (braces && names.length > 0 && names.every((n) => n.startsWith('type '))) continue;
    out.push(m[4]!);
  }
  return out;
}

/** The strongly connected components (Tarjan) of more than one module, or of one that imports itself. */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) {
      onStack.delete(w);
      scc.push(w);
      if (w === v) break;
    }
    if (scc.length > 1 || graph.get(v)?.includes(v)) out.push(scc.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

function simGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SIM)) {
    const deps = runtimeImports(readFileSync(file, 'utf8')).map((s) => relative(SIM, resolve(dirname(file), s)));
    graph.set(relative(SIM, file), deps);
  }
  return graph;
}

describe('the import graph of src/sim', () => {
  it('has no circle through step.ts', () => {
    const graph = simGraph();
    expect(graph.get('step.ts')?.length).toBeGreaterThan(0);
    expect(circles(graph).filter((c) => c.includes('step.ts'))).toEqual([]);
  });

  it('finds circles, and leaves type-only imports out', () => {
    expect(runtimeImports(`import type { A } from './a.ts';\nimport { type B, type C } from './b.ts';\nimport { d, type E } from './d.ts';\nexport { f } from './f.ts';\nimport './side.ts';`)).toEqual(['./d.ts', './f.ts', './side.ts']);
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]]);
    expect(circles(g)).toEqual([['a', 'b', 'c'], ['e']]);
  });
});
