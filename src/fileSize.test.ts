// Files stay under 400 lines (STYLE §3.3): a file that grows past it mixes things that want their
// own modules. The app (src/), its tools and benchmarks (tools/) and the e2e specs (e2e/) alike.
// The files still over the line are listed with why; the list only ever shrinks.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(SRC);
const TREES = ['src', 'tools', 'e2e'];
const MAX_LINES = 400;

/** Over the line today (paths from the repository's root), each with the work that shrinks it (delete the entry when it does). */
const STILL_OVER: Record<string, string> = {};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === '__golden__' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(d.name) ? [path] : [];
  });
}

function lineCount(text: string): number {
  return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

describe('source files in src/, tools/ and e2e/', () => {
  const sizes = TREES.flatMap((t) => sourceFiles(join(ROOT, t))).map((f) => ({ file: relative(ROOT, f).split('\\').join('/'), lines: lineCount(readFileSync(f, 'utf8')) }));

  it(`stay at ${MAX_LINES} lines or fewer, apart from the listed ones`, () => {
    const over = sizes.filter((s) => s.lines > MAX_LINES && !(s.file in STILL_OVER)).map((s) => `${s.file}: ${s.lines} lines`);
    expect(over).toEqual([]);
  });

  it('list only files that are still over the line (a file that shrank leaves the list)', () => {
    const byFile = new Map(sizes.map((s) => [s.file, s.lines]));
    const shrunk = Object.keys(STILL_OVER).filter((f) => (byFile.get(f) ?? 0) <= MAX_LINES);
    expect(shrunk, 'these files are now under the line: delete their entries from STILL_OVER').toEqual([]);
  });

  it('counts lines as an editor does', () => {
    expect([lineCount(''), lineCount('a'), lineCount('a\n'), lineCount('a\nb'), lineCount('a\nb\n')]).toEqual([0, 1, 1, 2, 2]);
  });
});
