import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { headersFor, parseHeadersFile } from './tools/headersFile.ts';
import { firstFrameGatePlugin, firstFramePlugin } from './tools/firstFrame/plugin.ts';
import { CONSUMER_FAMILY, CORE_PACKAGES, familyModules, WORKER_PARTS, workerCoreModules } from './tools/workerCore.ts';

// The app is a static single page; the simulation runs in a module Web Worker that Vite bundles
// from `new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })`.

/**
 * The Content Security Policy of the built app. No inline script, no eval (zod's JIT must be off:
 * see the report of issue 9), scripts and the worker from the app's own origin only, styles from the
 * stylesheet only (React sets `style={…}` through the CSSOM, which `style-src` does not govern),
 * images from the app, `data:` and `blob:` (the PNG export draws an SVG blob). Workers also from
 * `data:`: the simulation worker starts each learner's handler in a module worker from a `data:` URL
 * (src/worker/usercode/), whose origin is opaque; that script is loaded as a module, never eval'd. `frame-ancestors` is
 * deliberately left unset: `?embed=1` exists so course pages can put the app in an iframe, and the
 * app has no account, cookie or form a framing page could trick a user into using.
 *
 * Applied to the build only: Vite's dev server injects inline scripts and `<style>` elements for
 * HMR, so `npm start` runs without a CSP.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' data:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The deployment's headers, `public/_headers` (copied into the build): `vite preview` sends them, as a
 * static host reading the file does. The CSP there must be the one above (a worker takes its policy
 * from its own response headers, so the `<meta>` alone does not cover the workers).
 */
const HEADER_RULES = parseHeadersFile(readFileSync(new URL('./public/_headers', import.meta.url), 'utf8'));
if (headersFor(HEADER_RULES, '/index.html')['Content-Security-Policy'] !== CONTENT_SECURITY_POLICY) {
  throw new Error('public/_headers: its Content-Security-Policy differs from CONTENT_SECURITY_POLICY in vite.config.ts');
}

function deploymentHeaders(): Plugin {
  return {
    name: 'streamscope:headers',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        for (const [name, value] of Object.entries(headersFor(HEADER_RULES, path.endsWith('/') ? `${path}index.html` : path))) res.setHeader(name, value);
        next();
      });
    },
  };
}

/** Puts the CSP into index.html as a `<meta>`, first in `<head>` so it governs everything after it. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'streamscope:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
  };
}

/**
 * The simulation worker's core modules (tools/workerCore.ts): its entry's static imports, what its
 * parts share, and the key strings every scenario's narration uses (the default scenario's chunk
 * then needs no second request; the other scenarios' builders, `scenarios/helpers.ts`, are a chunk
 * of their own, fetched beside theirs: `scenarios/lazyCatalogue.ts`).
 */
const WORKER_CORE = workerCoreModules('src/worker/sim.worker.ts', WORKER_PARTS, ['src/scenarios/keyStrings.ts'], [CONSUMER_FAMILY]);
/** The consumers part's chunk: it and what the consumer kinds' parts, always loaded with it, share with it or each other. */
const CONSUMERS_PART = familyModules(WORKER_CORE, CONSUMER_FAMILY);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

/**
 * Fills in `public/sw.js` once the build is written: the list of files to precache (every built
 * file but source maps and the service worker itself) and a version derived from their names and
 * the page, so each build that changes anything gets a new cache and the old one is deleted.
 */
function serviceWorkerManifest(): Plugin {
  let outDir = 'dist';
  return {
    name: 'streamscope:sw-manifest',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir); // an absolute outDir stays as given
    },
    closeBundle() {
      const swPath = join(outDir, 'sw.js');
      const files = filesUnder(outDir)
        .map((f) => relative(outDir, f).split(sep).join('/'))
        .filter((f) => !f.endsWith('.map') && f !== 'sw.js' && f !== '_headers')
        .sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update(f === 'index.html' ? readFileSync(join(outDir, f)) : '');
      const version = hash.digest('hex').slice(0, 12);
      const source = readFileSync(swPath, 'utf8');
      const filled = source
        .replace("const VERSION = 'dev';", `const VERSION = '${version}';`)
        .replace('const PRECACHE = [];', `const PRECACHE = ${JSON.stringify(['./', ...files.map((f) => `./${f}`)])};`);
      if (filled === source || !filled.includes(version)) throw new Error('sw.js: the VERSION / PRECACHE placeholders were not found');
      writeFileSync(swPath, filled);
    },
  };
}

export default defineConfig({
  plugins: [react(), firstFramePlugin(), firstFrameGatePlugin(), contentSecurityPolicy(), serviceWorkerManifest(), deploymentHeaders()],
  base: './',
  server: { port: 5173, strictPort: false, host: '127.0.0.1' },
  // No `frame-ancestors` and no X-Frame-Options in public/_headers: any page may embed the app (see above).
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
  worker: {
    format: 'es',
    // The worker's core in its entry chunk, one file: what the entry imports statically and what the
    // lazily loaded parts of the core share (tools/workerCore.ts); each part a chunk that imports only
    // from it (src/worker/parts.ts), or from the consumers part's chunk, which is always loaded beside it.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'sim.worker', test: (id: string) => WORKER_CORE.has(id.split('?')[0]!) || CORE_PACKAGES.test(id) },
            { name: 'consumers', test: (id: string) => CONSUMERS_PART.has(id.split('?')[0]!) },
          ],
        },
      },
    },
  },
  // No modulepreload polyfill: every browser the app supports (ES2022, module workers) has modulepreload.
  build: {
    target: 'es2022',
    sourcemap: true,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Everything the entry imports statically in one chunk beside it: left to itself, the bundler
        // split what the lazily loaded panels share with the entry into ~20 small chunks, each one more
        // request that the worker's own module fetches (its parts and the first run's scenario) queued
        // behind under HTTP/1.1's six connections a host (issue 16: the first live frame). The entry
        // module stays out of it: it awaits lazily loaded chunks (the codec for a link, the compare
        // view), which import from this one, and an entry chunk they imported would never finish.
        codeSplitting: {
          groups: [
            { name: 'index', test: /[\\/](index\.html|src[\\/]main\.tsx)$/, priority: 2, includeDependenciesRecursively: false },
            { name: 'app', tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
});
