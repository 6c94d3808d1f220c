/**
 * Bundle figures for the browser benchmark: gzip sizes of the initial JS (the entry and what it
 * imports statically) and of the worker chunk (with its own static imports), read from dist/.
 *
 * May import: node:*.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFigures {
  initialFiles: string[];
  initialGzipBytes: number;
  workerFiles: string[];
  workerGzipBytes: number;
}

/** Files a built ES module imports statically (`import … from "./x.js"`, `import "./x.js"`), transitively. */
export function staticImports(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(m[1]!);
  };
  visit(entry);
  return [...seen];
}

export function bundleSizes(distDir = 'dist'): BundleFigures {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\.\/([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.\/([^"]+)"/g)].map((m) => m[1]!);
  const initial = new Set<string>();
  for (const e of entries) {
    const [dir, file] = [join(distDir, e.split('/').slice(0, -1).join('/')), e.split('/').at(-1)!];
    for (const f of staticImports(dir, file)) initial.add(join(e.split('/').slice(0, -1).join('/'), f));
  }
  const assets = join(distDir, 'assets');
  // The worker is started from whichever initial chunk holds the client (the entry, or a chunk the
  // entry shares with a lazily loaded view).
  const workerEntry = [...initial].map((f) => readFileSync(join(distDir, f), 'utf8').match(/sim\.worker-[\w-]+\.js/)?.[0]).find((w) => w !== undefined);
  if (!workerEntry) throw new Error('no sim.worker chunk referenced by the initial JS');
  const worker = staticImports(assets, workerEntry).map((f) => `assets/${f}`);
  const gz = (files: Iterable<string>) => [...files].reduce((n, f) => n + gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length, 0);
  return { initialFiles: [...initial], initialGzipBytes: gz(initial), workerFiles: worker, workerGzipBytes: gz(worker) };
}

