/**
 * public/sw.js, run in a fake service-worker scope (it is a plain script; vitest only collects tests
 * under src/ and tools/, so this one lives here). Issue 21.7: a redeploy must not blank an open tab:
 * the tab of the old version still gets its lazy chunks, whose names the server no longer has.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SOURCE = readFileSync(new URL('../public/sw.js', import.meta.url), 'utf8');
const SCOPE = 'https://app.example/';

/** A CacheStorage in memory, caches listed in creation order as the standard says. */
function fakeCaches() {
  const stores = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name)!;
    const key = (r: Request | string) => new URL(typeof r === 'string' ? r : r.url).href.split('?')[0]!;
    return {
      addAll: async (urls: string[]) => urls.forEach((u) => store.set(key(u), new Response(`cached ${u}`))),
      put: async (r: Request, response: Response) => void store.set(key(r), response),
      match: async (r: Request | string) => store.get(key(r))?.clone(),
    };
  };
  return {
    stores,
    open,
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
    match: async (r: Request | string) => {
      for (const name of stores.keys()) {
        const hit = await (await open(name)).match(r);
        if (hit) return hit;
      }
      return undefined;
    },
  };
}

type Listener = (event: Record<string, unknown>) => void;

/** One deployed version of sw.js, as the build fills it in, installed and activated. */
async function deploy(version: string, files: string[], caches: ReturnType<typeof fakeCaches>, server: Set<string>) {
  const listeners = new Map<string, Listener>();
  const self = {
    registration: { scope: SCOPE },
    location: { origin: new URL(SCOPE).origin },
    clients: { claim: async () => undefined },
    skipWaiting: async () => undefined,
    addEventListener: (type: string, f: Listener) => listeners.set(type, f),
  };
  const fetch = async (r: Request) => (server.has(new URL(r.url).pathname) ? new Response(`network ${r.url}`) : new Response('not found', { status: 404 }));
  const source = SOURCE.replace("const VERSION = 'dev';", `const VERSION = '${version}';`).replace('const PRECACHE = [];', `const PRECACHE = ${JSON.stringify(['./', ...files.map((f) => `./${f}`)])};`);
  new Function('self', 'caches', 'fetch', source)(self, caches, fetch);
  const lifecycle = async (type: string) => {
    let done: Promise<unknown> = Promise.resolve();
    listeners.get(type)!({ waitUntil: (p: Promise<unknown>) => (done = p) });
    await done;
  };
  await lifecycle('install');
  await lifecycle('activate');
  return async (path: string): Promise<Response> => {
    let response: Promise<Response> | undefined;
    listeners.get('fetch')!({ request: new Request(new URL(path, SCOPE)), respondWith: (p: Promise<Response>) => (response = p) });
    return response ?? fetch(new Request(new URL(path, SCOPE)));
  };
}

describe('the service worker across a redeploy (issue 21.7)', () => {
  it('keeps the previous version’s chunks for tabs opened before the redeploy, and drops older ones', async () => {
    const caches = fakeCaches();
    const server = new Set(['/', '/assets/app-1.js', '/assets/lazy-1.js']);
    await deploy('v1', ['assets/app-1.js', 'assets/lazy-1.js'], caches, server);

    // Redeploy: the server now has version 2's files only.
    server.clear();
    ['/', '/assets/app-2.js', '/assets/lazy-2.js'].forEach((p) => server.add(p));
    const fetchV2 = await deploy('v2', ['assets/app-2.js', 'assets/lazy-2.js'], caches, server);
    // The tab of version 1 (now controlled by version 2's worker) opens a panel: its lazy chunk.
    const old = await fetchV2('assets/lazy-1.js');
    expect(old.status).toBe(200);
    expect(await old.text()).toContain('lazy-1.js');
    expect((await fetchV2('assets/lazy-2.js')).status).toBe(200);

    // A third version drops the first one's cache: two versions are kept.
    const fetchV3 = await deploy('v3', ['assets/app-3.js'], caches, server);
    expect([...caches.stores.keys()]).toEqual(['streamscope-v2', 'streamscope-v3']);
    expect((await fetchV3('assets/lazy-2.js')).status).toBe(200);
  });
});
