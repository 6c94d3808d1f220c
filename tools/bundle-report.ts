/**
 * `npx tsx tools/bundle-report.ts [filter]`: builds the app and prints, per output chunk, its gzip
 * size and the source modules that make it up (rendered bytes, largest first), worker chunks
 * included. For finding what to split; the bench's `bundleSizes` gives the judged figures.
 */
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';

interface ChunkInfo { name: string; bytes: number; gzip: number; modules: [string, number][]; imports: string[]; dynamicImports: string[] }
const chunks: ChunkInfo[] = [];
const collect = (): Plugin => ({
  name: 'bundle-report',
  generateBundle(_opts, bundle) {
    for (const out of Object.values(bundle)) {
      if (out.type !== 'chunk') continue;
      const modules = Object.entries(out.modules)
        .map(([id, m]) => [id.replace(process.cwd() + '/', '').replace(/^.*node_modules\//, 'nm:'), m.renderedLength] as [string, number])
        .sort((a, b) => b[1] - a[1]);
      chunks.push({ name: out.fileName, bytes: out.code.length, gzip: gzipSync(out.code, { level: 9 }).length, modules, imports: out.imports, dynamicImports: out.dynamicImports });
    }
  },
});

await build({ logLevel: 'error', plugins: [collect()], worker: { format: 'es', plugins: () => [collect()] }, build: { sourcemap: false } });
const filter = process.argv[2];
const group = (id: string) => (id.startsWith('nm:') ? id.split('/').slice(0, id.startsWith('nm:@') ? 2 : 1).join('/') : id);
for (const c of chunks.sort((a, b) => b.gzip - a.gzip)) {
  if (filter && !c.name.includes(filter)) continue;
  console.log(`\n${c.name}: ${(c.bytes / 1024).toFixed(1)} KB, gzip ${(c.gzip / 1024).toFixed(1)} KB; imports ${c.imports.join(' ')}; dynamic ${c.dynamicImports.join(' ')}`);
  const byGroup = new Map<string, number>();
  for (const [id, n] of c.modules) byGroup.set(group(id), (byGroup.get(group(id)) ?? 0) + n);
  for (const [id, n] of [...byGroup].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`  ${(n / 1024).toFixed(1).padStart(7)} KB  ${id}`);
}
